"""What every extractor produces: a candidate term occurrence, with how it was found."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.text import fold


@dataclass(frozen=True)
class Candidate:
    text: str
    """The surface form as it stands in the article."""
    key: str
    """Normalised form that groups inflections and spellings (lemmas, folded case and accents)."""
    lang: str
    """Language of the form itself (an English borrowing in a French article is ``en``)."""
    article: str
    passage: str
    start: int
    end: int
    evidence: str
    """``pattern``, ``ngram``, ``chunk``, ``acronym``, ``borrowing``, ``cue``, ``quoted`` or ``entity``."""
    tags: str = ""
    """For tagged pattern candidates, the part of speech of each token as the patterns saw it
    ("NOUN ADP NOUN ADJ"); empty otherwise."""
    cut: bool = False
    """The parse goes on past the phrase with a complement of one of its words ("réseau de
    transport" before "d'électricité"): here the phrase is a piece of a longer one."""


def surface_key(text: str) -> str:
    """Key for forms without lemmas: folded case and accents, hyphens and apostrophes as spaces."""
    return fold(text.replace("-", " ").replace("'", " ").replace("’", " "))


def plural_key(text: str) -> str:
    """:func:`surface_key` with a final plural ``s`` or ``x`` dropped from each word ("réseaux" and "réseau" meet)."""
    return " ".join(re.sub(r"(?<=\w\w\w)[sx]$", "", word) for word in surface_key(text).split())
