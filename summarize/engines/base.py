"""The summary-engine interface: source-language texts in, one summary per text out.

Translation, citations and the corpus summary are the pipeline's business
(``summarize.pipeline``), so an engine only has to summarise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from core.progress import Progress


@dataclass(frozen=True)
class Document:
    lang: str
    sentences: Sequence[str]
    """The text to summarise, already split into sentences."""
    title: str = ""
    """The headline, when there is one: what the article itself says its news is."""


@dataclass
class Summary:
    text: str
    """The summary; may be empty when ``problems`` says why."""
    problems: list[str] = field(default_factory=list)
    engine: str = ""
    """Which engine wrote ``text`` (differs from the one asked for after a fallback)."""


class SummaryEngine(Protocol):
    name: str

    def summarise(self, documents: Mapping[str, Document], progress: Progress | None = None) -> dict[str, Summary]:
        """One summary per document id, in the document's own language."""
        ...
