"""The default executor: every batch in this process, one after the other, on the model already loaded."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from summarize.errors import ModelError
from summarize.models.executors import BatchResult

if TYPE_CHECKING:
    from summarize.models.seq2seq import Seq2SeqModel


class LocalExecutor:
    def run(self, model: Seq2SeqModel, batches: Sequence[Sequence[str]]) -> Iterator[BatchResult]:
        for number, texts in enumerate(batches):
            try:
                outputs = model.generate_batch(list(texts))
            except ModelError:
                raise  # the model itself is unusable (it cannot load): every batch would fail alike
            except Exception as exc:  # backends raise many types; the batch is reported, the others go on
                yield BatchResult(number, None, describe(exc))
                continue
            yield BatchResult(number, outputs)


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip()
