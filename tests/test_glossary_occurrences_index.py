"""The word index finds exactly the occurrences a scan of every passage finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.corpus import read_corpus
from glossary.extract.occurrences import WordIndex, find_occurrences, variant_pattern

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def scan_every_passage(corpus, variants, case_sensitive):
    """Each variant in each passage (no index), longest first where matches overlap."""
    patterns = [variant_pattern(v, case_sensitive) for v in sorted(set(variants), key=len, reverse=True)]
    found = []
    for article in corpus.articles:
        for passage in article.passages:
            taken = []
            for pattern in patterns:
                for match in pattern.finditer(passage.text):
                    start, end = passage.start + match.start(), passage.start + match.end()
                    if not any(start < e and s < end for s, e in taken):
                        taken.append((start, end))
                        found.append((article.id, passage.id, start, end, match.group()))
    return sorted(found)


@pytest.mark.parametrize("case_sensitive", [True, False])
def test_the_index_finds_what_a_full_scan_finds(case_sensitive):
    corpus = read_corpus(CORPUS)
    words = re.findall(r"[\w’'-]+", " ".join(a.text for a in corpus.articles))
    # Every tenth run of one to three words, in its own case and upper-cased: apostrophes, hyphens, accents.
    variants = [" ".join(words[i : i + 1 + i % 3]) for i in range(0, len(words) - 3, 10)]
    variants += [v.upper() for v in variants[::7]] + ["d’accord", "l'IA", "%", "—"]
    index = WordIndex(corpus)
    for group in (variants[i : i + 5] for i in range(0, len(variants), 5)):
        found = find_occurrences(corpus, group, case_sensitive, index=index)
        assert sorted((o.article, o.passage, o.start, o.end, o.text) for o in found) == scan_every_passage(
            corpus, group, case_sensitive
        )
