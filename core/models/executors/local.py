"""The default executor: every batch in this process, on the model already loaded.

A backend that generates several batches at once (CTranslate2 with more than one
worker) gets the next batches while its workers are busy with earlier ones
(``submit_batch``); results still come back in the batches' order, and each batch is
generated alone, as ``generate_batch`` would, so the outputs are the same.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence

from core.errors import ModelError
from core.models.executors.base import BatchGenerator, BatchResult, describe


class LocalExecutor:
    def run(self, model: BatchGenerator, batches: Sequence[Sequence[str]]) -> Iterator[BatchResult]:
        workers = int(getattr(model, "workers", 1))
        if workers < 2 or len(batches) < 2:
            for number, texts in enumerate(batches):
                yield _outcome(number, lambda texts=texts: model.generate_batch(list(texts)))
            return
        # One batch queued beyond the workers, so none waits while its results are handed over;
        # no more, so a run stopped early leaves little work behind.
        waiting: deque[tuple[int, Callable[[], list[str]]]] = deque()
        for number, texts in enumerate(batches):
            waiting.append((number, _submitted(model, texts)))
            if len(waiting) > workers:
                yield _outcome(*waiting.popleft())
        while waiting:
            yield _outcome(*waiting.popleft())


def _submitted(model, texts: Sequence[str]) -> Callable[[], list[str]]:
    """The batch started on a free worker; calling the result waits for its outputs (or raises its error)."""
    try:
        return model.submit_batch(list(texts))
    except ModelError:
        raise  # the model itself is unusable (it cannot load): every batch would fail alike
    except Exception as exc:  # refused before it started: reported as the batch's result, like any failure
        error = exc

        def outputs() -> list[str]:
            raise error

        return outputs


def _outcome(number: int, outputs: Callable[[], list[str]]) -> BatchResult:
    try:
        return BatchResult(number, outputs())
    except ModelError:
        raise  # the model itself is unusable (it cannot load): every batch would fail alike
    except Exception as exc:  # backends raise many types; the batch is reported, the others go on
        return BatchResult(number, None, describe(exc))
