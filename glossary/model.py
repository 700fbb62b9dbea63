"""The glossary data model: entries with FR/EN forms, each linked to every passage it occurs in."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import GlossaryError

KINDS = ("term", "acronym", "entity")


@dataclass(frozen=True)
class Occurrence:
    article: str
    """Article id."""
    passage: str
    """Passage id, ``<article-id>#p<N>``."""
    start: int
    """Offset of the matched text in the article text (``Article.text``)."""
    end: int
    text: str
    """The matched text as it stands in the article (one of the entry's variants, any case)."""
    quote: str
    """The sentence the occurrence is in."""


@dataclass(frozen=True)
class Definition:
    quote: str
    """The defining sentence."""
    passage: str
    """Its passage id."""


ONE_OFF = "one-off"
"""Evidence of a candidate entry (:attr:`Entry.candidate`)."""
CANDIDATE_NOTE = {
    "fr": "vu une fois, forme ni terminologique ni exclue : à vérifier",
    "en": "seen once, a shape that neither makes it a term nor rules it out: check before use",
}
"""What every output says of a candidate, in each language."""


@dataclass
class Entry:
    id: str
    """Stable slug (from the abbreviation or the main form)."""
    fr: str | None
    """French form; None when neither the corpus nor a translator gave one."""
    en: str | None
    """English form; None when neither the corpus nor a translator gave one."""
    kind: str
    """``term``, ``acronym`` or ``entity``."""
    abbreviation: str | None = None
    variants: list[str] = field(default_factory=list)
    """Every surface form counted as this entry (inflections, spellings, expansions, the acronym)."""
    fr_source: str | None = None
    """``corpus`` when the French form is in the text, ``model`` when a translator produced it."""
    en_source: str | None = None
    """``corpus`` when the English form is in the text, ``model`` when a translator produced it."""
    definition: Definition | None = None
    """A sentence that defines the entry: an acronym spelled out, a gloss, a naming cue
    ("appelé", "known as", "X, ou Y"), or "X est un ...". None when the text has none."""
    context: Definition | None = None
    """A sentence from running text that shows the entry in use (never a heading); given
    whether or not there is a definition."""
    occurrences: list[Occurrence] = field(default_factory=list)
    entity_type: str | None = None
    """For entities: the NER label (``ORG``, ``PER``, ``LOC``, ``MISC``)."""
    score: float = 0.0
    """Termhood (see ``glossary/extract/ranking.py``); entries are kept above the documented threshold."""
    evidence: list[str] = field(default_factory=list)
    """How the entry was found: ``pattern``, ``ngram``, ``acronym``, ``acronym-definition``, ``gloss``,
    ``alias``, ``borrowing``, ``cue``, ``quoted``, ``entity``; :data:`ONE_OFF` marks a candidate."""
    pairing: str | None = None
    """For an acronym with an expansion, how the two were paired: ``initials`` (the expansion's
    letters spell it), ``position`` (the noun phrase before a parenthesis holding only the
    acronym, letters from another language), ``position, confirmed by translation`` or
    ``position, not confirmed by translation``, ``initials in corpus`` (a bare acronym and a
    phrase of the same articles whose initials spell it; the phrase is an entry of its own), ``initials-in-article``
    (the one phrase or name of its articles, kept as an entry or not, whose content words' initials are
    exactly its letters in order)."""

    @property
    def candidate(self) -> bool:
        """A phrase seen once whose shape neither makes it a term nor rules it out (evidence
        :data:`ONE_OFF`): ranked last, marked in every output, left out of the CSV."""
        return ONE_OFF in self.evidence

    @property
    def label(self) -> str:
        """The form shown first: the abbreviation, else the French form, else the English one."""
        return self.abbreviation or self.fr or self.en or self.id

    @property
    def articles(self) -> list[str]:
        return sorted({o.article for o in self.occurrences})


@dataclass
class Glossary:
    entries: list[Entry]
    """Sorted by kind (terms, acronyms, entities), then by score (highest first), then by label."""
    models: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Translator roles used for model-made forms: ``{role: {"model", "revision"}}``."""
    settings: dict[str, Any] = field(default_factory=dict)
    """The extraction settings used (threshold, ...), recorded in glossary.json."""
    problems: list[str] = field(default_factory=list)


def entries_from_json(data: dict[str, Any]) -> list[Entry]:
    """The entries of a ``glossary.json`` (forms and variants: what translation needs)."""
    return [
        Entry(
            id=item["id"],
            fr=item.get("fr"),
            en=item.get("en"),
            kind=item.get("kind", "term"),
            abbreviation=item.get("abbreviation"),
            variants=list(item.get("variants", [])),
        )
        for item in data.get("entries", [])
    ]


def read_entries(path: Path) -> list[Entry]:
    """The entries of the ``glossary.json`` at ``path``; :class:`GlossaryError` naming it when it is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise GlossaryError(f"{path}: cannot read the glossary ({exc})") from exc
    try:
        return entries_from_json(_checked(data))
    except ValueError as exc:
        raise GlossaryError(f"{path}: not a glossary.json as brief glossary writes it ({exc})") from exc


def _checked(data: Any) -> dict[str, Any]:
    """``data`` when its entries have the shape translation relies on, else ValueError saying where."""
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        raise ValueError('expected an object with an "entries" list')
    for number, item in enumerate(data.get("entries", []), start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise ValueError(f'entry {number}: expected an object with an "id"')
        forms = [item.get(key) for key in ("fr", "en", "abbreviation")]
        variants = item.get("variants", [])
        if not all(form is None or (isinstance(form, str) and form) for form in forms) or not (
            isinstance(variants, list) and all(isinstance(v, str) and v for v in variants)
        ):
            raise ValueError(f"entry {number} ({item['id']}): fr, en, abbreviation and variants must be non-empty text")
    return data
