"""Time each stage of the glossary on a corpus (default: corpus/), excluding nothing, printing per stage.

    .venv/bin/python benchmarks/glossary_stages.py [CORPUS_DIR] [--repeat N]   (after the README's set-up)

Stages: spaCy model load (once per process), parsing, candidate extraction and
ranking, entries (merging, occurrences, definitions), rendering of every output.
No translator is used, so model-made forms are not timed here.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from core.corpus import read_corpus

# The pipeline's stage functions, timed one by one (build_glossary runs them in this order).
from glossary.build import _collect, _entries
from glossary.extract.nlp import load_pipeline, parse_corpus
from glossary.model import Glossary
from glossary.render import write_glossary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default="corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    corpus = read_corpus(args.corpus)
    read_time = time.perf_counter() - started
    langs = sorted({a.lang for a in corpus.articles})
    started = time.perf_counter()
    for lang in langs:
        load_pipeline(lang)
    load_time = time.perf_counter() - started

    stages: dict[str, list[float]] = {"parse": [], "candidates + ranking": [], "entries": [], "render": []}
    for _ in range(args.repeat):
        clock = time.perf_counter()
        parsed = list(parse_corpus(corpus))
        stages["parse"].append(time.perf_counter() - clock)
        clock = time.perf_counter()
        concepts = _collect(corpus, parsed)
        stages["candidates + ranking"].append(time.perf_counter() - clock)
        clock = time.perf_counter()
        entries = _entries(corpus, concepts)
        stages["entries"].append(time.perf_counter() - clock)
        clock = time.perf_counter()
        with tempfile.TemporaryDirectory() as out:
            write_glossary(Glossary(entries=entries), corpus, Path(out))
        stages["render"].append(time.perf_counter() - clock)

    words = sum(len(a.text.split()) for a in corpus.articles)
    print(f"corpus: {len(corpus.articles)} articles, {words} words; {len(entries)} entries")
    print(f"median of {args.repeat} runs")
    print(f"{'read corpus':24} {read_time:7.3f} s")
    print(f"{'spaCy load (once)':24} {load_time:7.3f} s")
    total = 0.0
    for stage, times in stages.items():
        median = statistics.median(times)
        total += median
        print(f"{stage:24} {median:7.3f} s")
    print(f"{'total, excl. load':24} {total:7.3f} s")


if __name__ == "__main__":
    main()
