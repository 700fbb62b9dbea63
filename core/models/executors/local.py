"""The default executor: every batch in this process, one after the other, on the model already loaded."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from core.errors import ModelError
from core.models.executors.base import BatchGenerator, BatchResult, describe


class LocalExecutor:
    def run(self, model: BatchGenerator, batches: Sequence[Sequence[str]]) -> Iterator[BatchResult]:
        for number, texts in enumerate(batches):
            try:
                outputs = model.generate_batch(list(texts))
            except ModelError:
                raise  # the model itself is unusable (it cannot load): every batch would fail alike
            except Exception as exc:  # backends raise many types; the batch is reported, the others go on
                yield BatchResult(number, None, describe(exc))
                continue
            yield BatchResult(number, outputs)
