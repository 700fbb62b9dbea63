"""Where generation runs, by name, imported only when used: ``local`` (this process) and ``ray`` (a Ray cluster).

An executor takes a model's planned batches (already length-sorted and bounded in
tokens by :meth:`Seq2SeqModel.generate`) and yields one :class:`BatchResult` per
batch, in any order. Caching, retries and reporting stay in ``generate``, so every
executor shares them and gives the same outputs for the same batches.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from summarize.models.seq2seq import Seq2SeqModel

__all__ = ["DEFAULT_EXECUTOR", "EXECUTORS", "BatchResult", "Executor", "executor_for"]

EXECUTORS = ("local", "ray")
DEFAULT_EXECUTOR = "local"


@dataclass(frozen=True)
class BatchResult:
    number: int
    """The batch's position in the list given to :meth:`Executor.run`."""
    outputs: list[str] | None
    """One output per input of the batch; None when the batch failed."""
    error: str = ""
    """Why the batch failed (the exception's type and message); empty on success."""


class Executor(Protocol):
    def run(self, model: Seq2SeqModel, batches: Sequence[Sequence[str]]) -> Iterator[BatchResult]:
        """Generate every batch with ``model``; a batch that raises is yielded with its error, never lost."""
        ...


def executor_for(name: str, **options: Any) -> Executor:
    """The executor called ``name``; ``options`` go to its constructor (the ray executor's settings)."""
    if name == "ray":
        from summarize.models.executors.ray import RayExecutor

        return RayExecutor(**options)
    from summarize.models.executors.local import LocalExecutor

    return LocalExecutor()
