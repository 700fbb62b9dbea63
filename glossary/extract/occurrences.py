"""Every passage where any variant of an entry occurs, with offsets and the sentence."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from core.corpus import Article, Corpus, Passage
from glossary.model import Occurrence


def variant_pattern(variant: str, case_sensitive: bool) -> re.Pattern[str]:
    """A regex for ``variant`` as a whole word sequence; either apostrophe, any run of spaces."""
    parts = []
    for char in variant:
        if char in "'’":
            parts.append("['’]")
        elif char.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(char))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + "".join(parts) + r"(?![\w-])", flags)


_WORD = re.compile(r"\w+")


class WordIndex:
    """Which passages hold each word (lower case): a term's occurrences are looked for only where its first word is.

    Looking for every entry in every passage grows with entries × passages, both of which
    grow with the corpus (the glossary of 100 articles spent most of its own time there).
    A variant matches only where its first word stands as a whole word, so the passages
    holding that word are the only ones that can hold the variant.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.passages: dict[str, list[tuple[Article, Passage]]] = defaultdict(list)
        for article in corpus.articles:
            for passage in article.passages:
                for word in {w.lower() for w in _WORD.findall(passage.text)}:
                    self.passages[word].append((article, passage))

    def candidates(self, variants: Iterable[str]) -> list[tuple[Article, Passage]]:
        """The passages that may hold one of ``variants``, in corpus order."""
        found: dict[str, tuple[Article, Passage]] = {}
        for variant in variants:
            first = _WORD.search(variant)
            if first is None:  # no word to look up: every passage may hold it
                return [(a, p) for a in self.corpus.articles for p in a.passages]
            for article, passage in self.passages.get(first.group().lower(), ()):
                found[passage.id] = (article, passage)
        return list(found.values())


def find_occurrences(
    corpus: Corpus, variants: Iterable[str], case_sensitive: bool, index: WordIndex | None = None
) -> list[Occurrence]:
    """Occurrences of the variants, longest match first where they overlap, in corpus order."""
    variants = sorted(set(variants), key=len, reverse=True)
    patterns = [variant_pattern(v, case_sensitive) for v in variants]
    found: list[Occurrence] = []
    if index is None:
        index = WordIndex(corpus)
    for article, passage in index.candidates(variants):
        taken: list[tuple[int, int]] = []
        for pattern in patterns:
            for match in pattern.finditer(passage.text):
                start, end = passage.start + match.start(), passage.start + match.end()
                if any(start < e and s < end for s, e in taken):
                    continue
                taken.append((start, end))
                sentence = next((s for s in passage.sentences if s.start <= start < s.end), None)
                quote = sentence.text if sentence else passage.text
                found.append(Occurrence(article.id, passage.id, start, end, match.group(), quote))
    order = {a.id: i for i, a in enumerate(corpus.articles)}
    return sorted(found, key=lambda o: (order[o.article], o.start))
