"""ROUGE of the extractive engines against reference summaries, with lead and sumy baselines.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python benchmarks/summaries.py                          # corpus/ against benchmarks/data/
    .venv/bin/python benchmarks/summaries.py --corpus DIR --references DIR/references.json

A set is a folder of articles (read with the project's own reader, so every system
sees the same sentences) and a JSON file of references: ``{article_id: {"fr": "…",
"en": "…", "facts": [{"fact": "…", "any": ["phrase", …]}, …]}}``. Summaries are scored
against the reference in the article's language. ``--summaries summaries.json`` scores
the summaries of a ``brief`` run instead, in both languages (the English references of
``benchmarks/data/`` are for the translated summaries).

Systems, each over the same sentences:

- ``engine``: the default extractive engine (``--engine extractive``, news-aware);
- ``lexrank-mmr``: the previous engine (``--engine lexrank``), same word budget;
- ``LEAD-1/2/3``: the first one, two, three sentences (each at its own length);
- ``LEAD, same length``: the first sentences while they fit the engine's number of words;
- ``sumy LexRank`` / ``sumy TextRank``: sumy's rankings, sentences taken best first
  while they fit the number of words the engine wrote for that article (the same length).

ROUGE-1/2/L F1 is computed here rather than with ``rouge-score``: its default
tokenizer keeps only ``[a-z0-9]``, which cuts French words at every accent, and the
computation is a few lines. Tokens are the project's words (French elisions split),
case- and accent-folded; no stemming. ROUGE-L is the longest common subsequence over
the whole summary. Figures are means over articles, × 100. Key-fact recall: the share
of an article's facts (``facts``) of which one phrasing appears in the summary.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.corpus import read_corpus
from core.text import fold, words
from summarize.engines.base import Document
from summarize.engines.extractive import ExtractiveEngine
from summarize.engines.news import NewsEngine

HERE = Path(__file__).resolve().parent
SUMY_LANGUAGES = {"fr": "french", "en": "english"}


def tokens(text: str) -> list[str]:
    return [fold(w) for w in words(text)]


def _ngrams(items: Sequence[str], n: int) -> Counter:
    return Counter(tuple(items[i : i + n]) for i in range(len(items) - n + 1))


def _f1(overlap: float, candidate: int, reference: int) -> float:
    if not overlap or not candidate or not reference:
        return 0.0
    precision, recall = overlap / candidate, overlap / reference
    return 2 * precision * recall / (precision + recall)


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> float:
    ours, theirs = _ngrams(candidate, n), _ngrams(reference, n)
    return _f1(sum((ours & theirs).values()), sum(ours.values()), sum(theirs.values()))


def rouge_l(candidate: Sequence[str], reference: Sequence[str]) -> float:
    previous = [0] * (len(reference) + 1)
    for token in candidate:
        current = [0]
        for j, other in enumerate(reference, start=1):
            current.append(previous[j - 1] + 1 if token == other else max(previous[j], current[j - 1]))
        previous = current
    return _f1(previous[-1], len(candidate), len(reference))


def fact_recall(summary: str, facts: list[dict]) -> float | None:
    if not facts:
        return None
    said = " " + " ".join(tokens(summary)) + " "
    found = sum(any(" " + " ".join(tokens(phrase)) + " " in said for phrase in fact["any"]) for fact in facts)
    return found / len(facts)


def _sumy(kind: str, sentences: list[str], lang: str, target_words: int) -> str:
    """sumy's ranking of our sentences, best first while they fit ``target_words`` (at least one), in text order."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    class Tokenizer:
        # sumy's own tokenizer needs NLTK's punkt data; ours is the project's, as for every system here.
        language = SUMY_LANGUAGES[lang]

        @staticmethod
        def to_words(text: str) -> list[str]:
            return [w.lower() for w in words(text)]

    summarizer = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[kind]()
    summarizer.stop_words = get_stop_words(SUMY_LANGUAGES[lang])
    document = ObjectDocumentModel([Paragraph([Sentence(s, Tokenizer()) for s in sentences])])

    def within_budget(infos):
        kept, used = [], 0
        for info in infos:
            size = len(str(info.sentence).split())
            if kept and used + size > target_words:
                continue
            kept.append(info)
            used += size
        return kept

    return " ".join(str(s) for s in summarizer(document, within_budget))


def systems(document: Document, engine_text: str) -> dict[str, str]:
    sentences = list(document.sentences)
    target = len(engine_text.split())
    lexrank = ExtractiveEngine(_Settings(target)).summarise({"d": document})["d"].text
    return {
        "engine (extractive)": engine_text,
        "lexrank-mmr (previous engine)": lexrank,
        "LEAD-1": " ".join(sentences[:1]),
        "LEAD-2": " ".join(sentences[:2]),
        "LEAD-3": " ".join(sentences[:3]),
        "LEAD, same length": " ".join(_lead(sentences, target)),
        "sumy LexRank, same length": _sumy("lexrank", sentences, document.lang, target),
        "sumy TextRank, same length": _sumy("textrank", sentences, document.lang, target),
    }


def _lead(sentences: list[str], target_words: int) -> list[str]:
    """The first sentences while they fit ``target_words`` (at least one): LEAD at the engine's length.

    LEAD-3 runs to its own length (longer than the engine's on every set here), and ROUGE
    F1 moves with length; this row compares the lead with the engine word for word.
    """
    kept, used = [], 0
    for sentence in sentences:
        size = len(sentence.split())
        if kept and used + size > target_words:
            break
        kept.append(sentence)
        used += size
    return kept


class _Settings:
    def __init__(self, words: int) -> None:
        from core.models.length import Length
        from core.models.settings import SummarySettings

        self.summary = SummarySettings(Length(words=words))


def score_set(corpus: Path, references: dict, only: Callable[[str], bool] = lambda _: True) -> dict[str, dict]:
    articles = [a for a in read_corpus(corpus).articles if a.id in references and only(a.id)]
    missing = sorted(set(references) - {a.id for a in read_corpus(corpus).articles})
    if missing:
        print(f"warning: references without an article: {', '.join(missing)}", file=sys.stderr)
    documents = {a.id: Document(a.lang, [s.text for s in a.summarisable_sentences], a.title) for a in articles}
    engine = NewsEngine().summarise(documents)
    rows: dict[str, dict[str, list[float]]] = {}
    for article in articles:
        reference = references[article.id].get(article.lang)
        if not reference:
            continue
        facts = references[article.id].get("facts", [])
        outputs = systems(documents[article.id], engine[article.id].text)
        for name, text in outputs.items():
            row = rows.setdefault(name, {"R-1": [], "R-2": [], "R-L": [], "words": [], "facts": []})
            _add_scores(row, text, reference, facts)
    return rows


def score_summaries(path: Path, references: dict) -> dict[str, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows: dict[str, dict[str, list[float]]] = {}
    for article in data["articles"]:
        for lang in ("fr", "en"):
            reference = references.get(article["id"], {}).get(lang)
            text = article["summary"].get(lang)
            if reference and text:
                row = rows.setdefault(
                    f"{path.name} ({lang})", {"R-1": [], "R-2": [], "R-L": [], "words": [], "facts": []}
                )
                _add_scores(
                    row, text, reference, references[article["id"]].get("facts", []) if lang == article["lang"] else []
                )
    return rows


def _add_scores(row: dict, text: str, reference: str, facts: list[dict]) -> None:
    ours, theirs = tokens(text), tokens(reference)
    row["R-1"].append(100 * rouge_n(ours, theirs, 1))
    row["R-2"].append(100 * rouge_n(ours, theirs, 2))
    row["R-L"].append(100 * rouge_l(ours, theirs))
    row["words"].append(len(text.split()))
    recall = fact_recall(text, facts)
    if recall is not None:
        row["facts"].append(100 * recall)


def table(rows: dict[str, dict]) -> str:
    with_facts = any(row["facts"] for row in rows.values())
    head = "| system | R-1 | R-2 | R-L | words |" + (" key facts |" if with_facts else "")
    lines = [head, "|---" * (head.count("|") - 1) + "|"]
    for name, row in rows.items():
        cells = [f"{statistics.mean(row[k]):.1f}" for k in ("R-1", "R-2", "R-L")]
        cells.append(f"{statistics.mean(row['words']):.0f}")
        if with_facts:
            cells.append(f"{statistics.mean(row['facts']):.0f} %" if row["facts"] else "-")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    count = max(len(row["R-1"]) for row in rows.values())
    return "\n".join(lines) + f"\n\n{count} article(s)."


def split_halves(references: dict) -> dict[str, set[str]]:
    """Dev and test ids: an entry's own ``"half"`` where it names one, else sorted ids alternately.

    A set that grows keeps each article in its half when its references name the half:
    what was tuned on stays in dev, what was held out stays in test.
    """
    ids = sorted(references)
    alternate = {i: ("dev", "test")[k % 2] for k, i in enumerate(ids)}
    named = {i: references[i].get("half", alternate[i]) for i in ids}
    return {half: {i for i in ids if named[i] == half} for half in ("dev", "test")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parent / "corpus")
    parser.add_argument("--references", type=Path, default=HERE / "data" / "corpus-references.json")
    parser.add_argument("--summaries", type=Path, help="Score this summaries.json (both languages) instead.")
    parser.add_argument(
        "--half",
        choices=["dev", "test"],
        help='Score only one half of the set (an entry\'s "half", else sorted ids alternately dev and test).',
    )
    args = parser.parse_args()
    references = json.loads(args.references.read_text(encoding="utf-8"))
    if args.summaries:
        print(table(score_summaries(args.summaries, references)))
        return
    halves = split_halves(references)
    only = (lambda article_id: article_id in halves[args.half]) if args.half else (lambda _: True)
    print(table(score_set(args.corpus, references, only)))


if __name__ == "__main__":
    main()
