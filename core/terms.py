"""What a product other than the glossary may know of a glossary entry.

Translation keeps the glossary's terms consistent, but it must not depend on the
glossary package: it relies on this shape, which :class:`glossary.model.Entry`
has, and the CLI hands the entries over.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol


class GlossaryTerm(Protocol):
    fr: str | None
    """The French form, None where the glossary has none."""
    en: str | None
    """The English form, None where the glossary has none."""
    variants: Collection[str]
    """Other surface forms of the term in the corpus (inflections, the acronym, ...)."""
    abbreviation: str | None
    """The acronym, where the term has one: it is kept as it is in both languages."""
