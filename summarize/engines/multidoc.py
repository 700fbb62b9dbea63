"""The corpus summary: the main developments across articles, each said once, newest first.

Every sentence of every article is a candidate. Its score adds, each on a [0, 1] scale:

- its weight in its own article (``news.sentence_scores``: position, centrality, headline);
- its **support** across the corpus: how closely the other articles say the same thing
  (for each other article, the best cosine similarity of one of its sentences; averaged).
  A development that several articles report is a main one.

The score is scaled by how well the sentence stands alone (``standalone.py``), since it
is read far from its article. Sentences are then picked greedily by Maximal Marginal
Relevance: a sentence too close to one already picked — by its words, or by its figures,
which pin a news fact down — says a fact that is already in the summary (the repeats
are merged into it: its citations point at every passage that says it closely enough).
About one sentence per article, capped; the picked
sentences are ordered newest article first (undated articles last), then by position.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from summarize.engines.extractive import _similarity
from summarize.engines.news import REDUNDANCY, sentence_scores
from summarize.engines.standalone import judge_all

MAX_SENTENCES = 8
"""A corpus summary reads as a summary, not as a digest of every article."""
SUPPORT_WEIGHT = 0.85
"""Across a corpus, what several articles report matters more than what one article puts first."""
MERGED = 0.45
"""Cosine similarity above which two sentences say the same fact: only one is kept."""


@dataclass(frozen=True)
class Source:
    """One article as the corpus summary sees it."""

    id: str
    sentences: Sequence[str]
    title: str = ""
    date: str | None = None
    """ISO date (``YYYY-MM-DD``) when the article has one."""


@dataclass(frozen=True)
class Pick:
    source: str
    position: int
    text: str


def sentence_count(articles: int) -> int:
    return max(1, min(MAX_SENTENCES, articles))


def summarise_sources(
    sources: Sequence[Source], lang: str, count: int | None = None, exclude: Collection[str] = ()
) -> list[Pick]:
    """The corpus summary's sentences, in reading order (newest article first).

    Sentences in ``exclude`` (those the articles' own summaries already print) are not
    picked, so a brief never prints a sentence twice; they still count as support. When
    nothing else is left (a one-article corpus), they are picked rather than nothing.
    """
    sources = [s for s in sources if s.sentences]
    if not sources:
        return []
    count = count or sentence_count(len(sources))
    owners = [(n, i) for n, source in enumerate(sources) for i in range(len(source.sentences))]
    texts = [sources[n].sentences[i] for n, i in owners]
    judged = [judge_all(source.sentences, lang) for source in sources]
    verdicts = [v for source_verdicts in judged for v in source_verdicts]
    similarity = _similarity(texts)
    local = np.concatenate([sentence_scores(s.sentences, s.title, v) for s, v in zip(sources, judged, strict=True)])
    support = _support(similarity, [n for n, _ in owners], len(sources))
    scores = ((1 - SUPPORT_WEIGHT) * local + SUPPORT_WEIGHT * support) * np.array([v.factor for v in verdicts])

    figures = [_figures(t) for t in texts]
    picked: list[int] = []
    while len(picked) < count:
        best, best_value = None, -np.inf
        for k in range(len(texts)):
            if k in picked or texts[k] in exclude:
                continue
            redundancy = max(
                max((similarity[k, j] for j in picked), default=0.0), _figures_said(figures[k], picked, figures)
            )
            if redundancy >= MERGED:
                continue
            value = scores[k] - REDUNDANCY * redundancy
            if value > best_value:
                best, best_value = k, value
        if best is None:
            if not picked and exclude:
                return summarise_sources(sources, lang, count)
            break
        picked.append(best)
    order = sorted(picked, key=lambda k: (_newest_first(sources[owners[k][0]].date), owners[k][0], owners[k][1]))
    return [Pick(sources[owners[k][0]].id, owners[k][1], verdicts[k].text) for k in order]


def _figures(text: str) -> set[str]:
    """The figures of a sentence (tokens with a digit): in news, they pin a fact down."""
    return {token.strip(".,;:%()") for token in text.split() if any(ch.isdigit() for ch in token)} - {""}


def _figures_said(own: set[str], picked: list[int], figures: list[set[str]]) -> float:
    """Share of a sentence's figures that picked sentences already give (0 when it has none)."""
    if not own:
        return 0.0
    said = set().union(*(figures[j] for j in picked)) if picked else set()
    return len(own & said) / len(own)


def _support(similarity: np.ndarray, owner: list[int], sources: int) -> np.ndarray:
    """For each sentence, how closely the other articles say the same (mean of their best match), in [0, 1]."""
    if sources < 2:
        return np.zeros(len(owner))
    owner_array = np.array(owner)
    best = np.zeros((len(owner), sources))
    for n in range(sources):
        columns = owner_array == n
        best[:, n] = similarity[:, columns].max(axis=1)
    best[np.arange(len(owner)), owner_array] = 0.0
    support = best.sum(axis=1) / (sources - 1)
    top = support.max()
    return support / top if top > 0 else support


def _newest_first(date: str | None) -> tuple[int, int]:
    digits = "".join(ch for ch in date or "" if ch.isdigit())[:8]
    return (0, -int(digits)) if digits else (1, 0)
