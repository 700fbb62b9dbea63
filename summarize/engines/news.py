"""Model-free summaries that lead with the news: a standfirst-length extract of an article.

News is written as an inverted pyramid: the opening sentences carry the news, later
ones the background. Each sentence gets three scores, each scaled to [0, 1] before they
are combined, so none outweighs the others by its units alone:

- **position**: a prior that falls with the sentence's rank in the article;
- **centrality**: TextRank over the content words sentences share (``textrank.py``);
- **headline**: cosine similarity to the title, when the article has one.

Position counts the article's prose only: the headline printed again, captions, credits,
bylines and kickers at the top of a page do not push the lead down. The weighted sum (a
sentence that only repeats the headline counts as a fragment) is
scaled by how well the sentence stands alone (``standalone.py``: opening anaphora or
connective, bare quote, question, caption, byline, list fragment).
The article's lead — its first sentence of prose that stands alone — opens the summary:
a standfirst retells the lead, and a lead that fits the budget is never dropped for a
sentence that merely scores well. The rest is picked greedily by Maximal Marginal
Relevance — score minus redundancy with what is already picked, both on the same [0, 1]
scale — within a word budget (``length.py``; about a standfirst by default), and returned
in text order. An anaphoric sentence loses its doubt when the sentence before it is picked
too; an opening connective is cut off when the sentence before it is not. Each sentence is
counted and printed without its dateline, glosses and trailing attribution
(``compress.py``), so the budget goes to the news.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from core.models.length import Length, configured_length
from core.progress import Progress
from summarize.engines.base import Document, Summary
from summarize.engines.compress import compress, opens_with_dateline
from summarize.engines.extractive import _similarity
from summarize.engines.standalone import FACTORS, Verdict, judge, judge_all
from summarize.engines.textrank import textrank

WEIGHTS = {"position": 0.5, "centrality": 0.3, "headline": 0.2}
POSITION_DECAY = 0.5
"""prior(rank) = 1 / (1 + rank) ** decay: the lead 1, the second sentence 0.71, the tenth 0.32."""
REDUNDANCY = 0.5
"""Weight of the similarity to already picked sentences, subtracted from the score."""
DUPLICATE = 0.6
"""A sentence this similar to a picked one says the same thing: never picked."""
SLACK = 0.15
"""A sentence may overrun what is left of the budget by this share of the budget."""
HEADLINE_REPEAT = 0.8
"""A sentence this similar to the title, and hardly longer, is the headline printed again."""
ADJACENT = 0.2
"""Bonus of a sentence that follows one already picked: it continues it, so the extract reads
as a passage rather than as scattered lines (a standfirst is the lead and what follows it)."""
REPAIRED = {"connective"}
"""Doubts a sentence loses once repaired (``Verdict.text``): it stands alone as printed."""
MIN_RELATIVE_SCORE = 0.15
"""Sentences scoring under this share of the best one are not worth their words."""


def words_in(text: str) -> int:
    return len(text.split())


class NewsEngine:
    name = "extractive"
    uses_models = False

    def __init__(self, settings: object = None) -> None:
        self.length: Length = configured_length(settings)

    def summarise(self, documents: Mapping[str, Document], progress: Progress | None = None) -> dict[str, Summary]:
        summaries = {}
        for done, (doc_id, document) in enumerate(documents.items(), start=1):
            budget = self.length.budget_for(document.sentences)
            text = " ".join(extract(document.sentences, document.lang, budget, document.title))
            summaries[doc_id] = Summary(text, [] if text else ["no sentence to extract"], self.name)
            if progress:
                progress("extractive summaries", done, len(documents))
        return summaries


def position_prior(count: int) -> np.ndarray:
    """Prior weight of each rank in a text of ``count`` sentences, 1 for the lead."""
    return 1.0 / (1.0 + np.arange(count)) ** POSITION_DECAY


def prose_ranks(not_prose: np.ndarray) -> np.ndarray:
    """Each sentence's rank among the article's prose: a line that is not prose
    (``not_prose``: the headline printed again, a photo caption or credit, a byline, a
    kicker) does not push the lead down. Pages open with such lines, and the inverted
    pyramid is the prose's order, not the page's."""
    return np.maximum(np.cumsum(~not_prose) - 1, 0)


def scaled(values: np.ndarray) -> np.ndarray:
    """``values`` stretched onto [0, 1] (min-max): the least gets 0, the most 1.

    Random-walk centralities crowd around 1/n (the damping spreads them), so dividing by the
    maximum alone would leave every sentence near the top and the score would decide
    nothing; min-max keeps its ranking and gives it the same range as the others.
    """
    if not values.size:
        return values
    low, high = float(values.min()), float(values.max())
    return (values - low) / (high - low) if high > low else np.zeros_like(values)


def headline_repeats(sentences: Sequence[str], title: str, to_title: np.ndarray) -> np.ndarray:
    """Which sentences are the headline printed again: as similar as :data:`HEADLINE_REPEAT`, hardly longer."""
    if not title:
        return np.zeros(len(sentences), dtype=bool)
    short = np.array([words_in(s) <= 1.5 * words_in(title) for s in sentences], dtype=bool)
    return (to_title >= HEADLINE_REPEAT) & short


def sentence_scores(sentences: Sequence[str], title: str = "", verdicts: Sequence[Verdict] | None = None) -> np.ndarray:
    """Position, centrality and headline scores, each in [0, 1], weighted and added (before standalone doubts).

    With ``verdicts`` (``standalone.judge_all``), page furniture does not count in the
    position ranks.
    """
    return _scores_and_repeats(sentences, title, verdicts)[0]


def _scores_and_repeats(
    sentences: Sequence[str], title: str, verdicts: Sequence[Verdict] | None
) -> tuple[np.ndarray, np.ndarray]:
    count = len(sentences)
    similarity = _similarity([*sentences, title] if title else list(sentences))
    parts = {"centrality": scaled(textrank(sentences))}
    repeats = np.zeros(count, dtype=bool)
    if title:
        to_title = np.clip(similarity[count, :count], 0.0, None)
        parts["headline"] = scaled(to_title)
        repeats = headline_repeats(sentences, title, to_title)
    furniture = np.array([v.furniture for v in verdicts], dtype=bool) if verdicts else np.zeros(count, dtype=bool)
    parts["position"] = position_prior(count)[prose_ranks(repeats | furniture)]
    total_weight = sum(WEIGHTS[name] for name in parts)
    scores = sum(WEIGHTS[name] * values for name, values in parts.items()) / total_weight
    return np.where(repeats, scores * FACTORS["fragment"], scores), repeats


def extract(sentences: Sequence[str], lang: str, budget: int, title: str = "") -> list[str]:
    """The picked sentences, in text order, repaired where they open with a connective, compressed."""
    picked = select(sentences, lang, budget, title)
    verdicts = [judge(sentences[i], lang) for i in picked]
    kept = set(picked)
    read_alone = [sentences[i] if i - 1 in kept else v.text for i, v in zip(picked, verdicts, strict=True)]
    return [compress(sentence) for sentence in read_alone]


def lead_of(sentences: Sequence[str], verdicts: Sequence[Verdict], repeats: np.ndarray) -> int | None:
    """Index of the article's lead: its first sentence that is prose and stands alone (not
    furniture, not the headline printed again, no anaphora, bare quote or question; an
    opening connective is cut off, so it does not count); None when no sentence does.

    Where the story opens with a dateline (``SYDNEY, Australia –``), that sentence is the
    lead: what comes before it on the page (a caption without a credit, a sidebar) is not
    the story, however well it reads on its own.
    """
    standing = [i for i, v in enumerate(verdicts) if set(v.doubts) <= REPAIRED and not repeats[i]]
    datelined = [i for i in standing if opens_with_dateline(sentences[i])]
    return (datelined or standing or [None])[0]


def select(sentences: Sequence[str], lang: str, budget: int, title: str = "") -> list[int]:
    """Indices of the sentences to keep, in text order, within ``budget`` words (at least one sentence)."""
    if not sentences:
        return []
    verdicts: list[Verdict] = judge_all(sentences, lang)
    base, repeats = _scores_and_repeats(sentences, title, verdicts)
    similarity = _similarity(sentences)
    lengths = [words_in(compress(v.text)) for v in verdicts]
    picked: list[int] = []
    used = 0
    lead = lead_of(sentences, verdicts, repeats)
    if lead is not None and lengths[lead] <= budget * (1 + SLACK):
        # A lead longer than the budget gives way: the length the user asked for comes first.
        picked.append(lead)
        used = lengths[lead]
    while used < budget:
        kept = set(picked)
        scores = {
            # The bonus is scaled like the score: a byline after a picked kicker continues nothing.
            i: (base[i] + ADJACENT * (i - 1 in kept)) * verdicts[i].factor_after(i - 1 in kept)
            for i in range(len(sentences))
            if i not in kept
        }
        best_score = max((base[i] * verdicts[i].factor for i in range(len(sentences))), default=0.0)
        room = budget - used + SLACK * budget
        candidates = []
        for i, score in scores.items():
            redundancy = max((similarity[i, j] for j in picked), default=0.0)
            if redundancy >= DUPLICATE or score < MIN_RELATIVE_SCORE * best_score:
                continue
            if picked and (lengths[i] > room or verdicts[i].furniture):
                # Furniture only ever stands in for a summary when nothing else scores
                # (the first pick); it never fills the room left after one.
                continue
            candidates.append((score - REDUNDANCY * redundancy, -i, i))
        if not candidates:
            break
        if not picked:
            # The first pick may overrun a tight budget (never an empty summary), but a
            # sentence that fits is preferred when it scores nearly as well.
            fitting = [c for c in candidates if lengths[c[2]] <= budget * (1 + SLACK)]
            top = max(candidates)
            candidates = [max(fitting)] if fitting and max(fitting)[0] >= 0.8 * top[0] else [top]
        _, _, chosen = max(candidates)
        picked.append(chosen)
        used += lengths[chosen]
    return sorted(picked)
