"""The summary-engine interface: source-language texts in, one summary per text out.

Translation, citations and the corpus summary are the pipeline's business
(``summarize.brief``), so an engine only has to summarise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called as work advances; the CLI draws bars from it."""


@dataclass(frozen=True)
class Document:
    lang: str
    sentences: Sequence[str]
    """The text to summarise, already split into sentences."""


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


def stage_counter(progress: Progress | None, stage: str, total: int) -> Callable[[int], None]:
    """A callback that adds up items done in ``stage`` and reports them to ``progress``."""
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(stage, done, total)

    return advance
