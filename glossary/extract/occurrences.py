"""Every passage where any variant of an entry occurs, with offsets and the sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.corpus import Corpus
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


def find_occurrences(corpus: Corpus, variants: Iterable[str], case_sensitive: bool) -> list[Occurrence]:
    """Occurrences of the variants, longest match first where they overlap, in corpus order."""
    patterns = [variant_pattern(v, case_sensitive) for v in sorted(set(variants), key=len, reverse=True)]
    found: list[Occurrence] = []
    for article in corpus.articles:
        for passage in article.passages:
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
