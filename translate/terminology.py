"""Glossary terms translated the glossary's way, whatever the translator knows.

Each source sentence is cut at the glossary terms it contains; the pieces between
terms go to the translator, and each term is replaced by its glossary form in the
target language. This is placeholder masking without relying on the model to copy a
placeholder through (OPUS-MT and random test models both drop them): the term cannot
be mistranslated because the model never sees it. The price is that the translator
sees the sentence in pieces around a term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.terms import GlossaryTerm


@dataclass(frozen=True)
class Piece:
    text: str
    fixed: bool
    """True for a glossary form inserted as is; False for text the translator translates."""


class TermMatcher:
    def __init__(self, entries: list[GlossaryTerm], source: str, target: str) -> None:
        forms: dict[str, str] = {}
        for entry in entries:
            target_form = getattr(entry, target)
            if not target_form or not getattr(entry, source):
                continue
            for variant in {getattr(entry, source), *entry.variants}:
                wanted = entry.abbreviation if variant == entry.abbreviation else target_form
                if variant != wanted:  # names, acronyms, borrowings stay as they are: nothing to enforce
                    forms.setdefault(variant, wanted)
        self.targets = forms
        alternatives = sorted(forms, key=len, reverse=True)
        escaped = "|".join("".join("['’]" if c in "'’" else re.escape(c) for c in form) for form in alternatives)
        self._pattern = re.compile(r"(?<![\w-])(" + escaped + r")(?![\w-])") if alternatives else None
        self._by_fold = {f.replace("’", "'"): t for f, t in forms.items()}

    def split(self, sentence: str) -> list[Piece]:
        """The sentence as pieces to translate and glossary forms to insert, in order."""
        if self._pattern is None:
            return [Piece(sentence, False)]
        pieces, cursor = [], 0
        for match in self._pattern.finditer(sentence):
            if match.start() > cursor:
                pieces.append(Piece(sentence[cursor : match.start()], False))
            pieces.append(Piece(self._by_fold[match.group().replace("’", "'")], True))
            cursor = match.end()
        if cursor < len(sentence):
            pieces.append(Piece(sentence[cursor:], False))
        return pieces
