"""What every executor shares: the result of one batch, and the interface it implements."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class BatchResult:
    number: int
    """The batch's position in the list given to :meth:`Executor.run`."""
    outputs: list[str] | None
    """One output per input of the batch; None when the batch failed."""
    error: str = ""
    """Why the batch failed (the exception's type and message); empty on success."""


class BatchGenerator(Protocol):
    """What an executor needs of a model (a :class:`core.models.seq2seq.Seq2SeqModel`)."""

    role: str
    name: str

    def generate_batch(self, texts: list[str]) -> list[str]: ...


class Executor(Protocol):
    def run(self, model: BatchGenerator, batches: Sequence[Sequence[str]]) -> Iterator[BatchResult]:
        """Generate every batch with ``model``; a batch that raises is yielded with its error, never lost."""
        ...


def describe(exc: BaseException) -> str:
    """A failed batch's reason: the exception's type and message."""
    return f"{type(exc).__name__}: {exc}".strip()
