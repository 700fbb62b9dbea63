"""Where generation runs, by name, imported only when used: ``local`` (this process) and ``ray`` (a Ray cluster).

An executor takes a model's planned batches (already length-sorted and bounded in
tokens by :meth:`Seq2SeqModel.generate`) and yields one :class:`BatchResult` per
batch, in any order. Caching, retries and reporting stay in ``generate``, so every
executor shares them and gives the same outputs for the same batches.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.models.executors.base import BatchGenerator, BatchResult, Executor

__all__ = ["DEFAULT_EXECUTOR", "EXECUTORS", "BatchGenerator", "BatchResult", "Executor", "executor_for"]

EXECUTORS = ("local", "ray")
DEFAULT_EXECUTOR = "local"


def executor_for(name: str, *, settings: Any = None, recipe: tuple = (), build: Callable | None = None) -> Executor:
    """The executor called ``name``.

    The ray executor's workers build their own copy of the model: ``build(*recipe,
    threads=...)`` (the loader's ``build_model``), with ``settings`` its ``[ray]`` section.
    """
    if name == "ray":
        from core.models.executors.ray import RayExecutor

        return RayExecutor(settings=settings, recipe=recipe, build=build)
    from core.models.executors.local import LocalExecutor

    return LocalExecutor()
