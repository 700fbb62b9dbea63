"""Load a role's model, lazily and once per process, on the configured backend.

The config is read as JSON and the tokenizer built by its own class (``folder.py``), so a
converted model runs without importing torch. The default backend, CTranslate2, converts
the model on first use (see ``backends/ctranslate2.py``); a model it cannot run falls
back to transformers with a logged notice.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from core.errors import ModelError, ModelNotAvailableError
from core.models.executors import executor_for
from core.models.executors.ray import RaySettings
from core.models.folder import load_tokenizer, read_config
from core.models.hub import locate
from core.models.seq2seq import Seq2SeqModel
from core.models.settings import ModelChoice, Settings

log = logging.getLogger("bilingual_brief")


def load_model(settings: Settings, role: str) -> Seq2SeqModel:
    """The model for ``role`` on the configured executor; raises :class:`ModelNotAvailableError` when it is not here."""
    choice = settings.models[role]
    overrides = tuple(sorted(settings.generation.get(role, {}).items()))
    recipe = (choice, overrides, settings.backend, settings.quantization)
    if settings.executor == "local":
        return build_model(*recipe, threads=settings.threads, parallel_batches=True)
    return _on_executor(recipe, settings.threads, settings.executor, settings.ray)


def check_available(settings: Settings, roles: list[str]) -> None:
    """Fail before any work starts when one of ``roles`` has no model here."""
    for role in roles:
        choice = settings.models[role]
        local = locate(choice)
        if local.path is None:
            raise ModelNotAvailableError(role, choice.name, local.looked_in, "not found")


@cache
def _on_executor(recipe: tuple, threads: int | None, executor: str, options: RaySettings) -> Seq2SeqModel:
    """The model for this process (tokenizer, limits, cache key), its batches run by ``executor``.

    The recipe travels to the executor's workers, which build their own copy with
    :func:`build_model`; the weights are never loaded here.
    """
    model = build_model.__wrapped__(*recipe, threads=threads)  # its own object: the local one may hold weights
    model.executor = executor_for(executor, settings=options, recipe=recipe, build=build_model)
    return model


@cache
def build_model(
    choice: ModelChoice,
    overrides: tuple[tuple[str, Any], ...],
    backend: str,
    quantization: str,
    threads: int | None = None,
    parallel_batches: bool = False,
) -> Seq2SeqModel:
    """A role's model on ``backend``, run in this process and built once; weights load on the first generation.

    ``parallel_batches``: the local executor will hand it several batches at once (see
    ``CTranslate2Model.parallel_batches``); a Ray actor, which generates one batch per call, does not.
    """
    local = locate(choice)
    if local.path is None:
        raise ModelNotAvailableError(choice.role, choice.name, local.looked_in, "not found")
    arguments = (choice.role, choice.name, local.revision, local.path)
    model = _on_backend(backend, arguments, dict(overrides), quantization, threads, parallel_batches)
    model.executor = executor_for("local")
    return model


def _on_backend(
    backend: str, arguments: tuple, overrides: dict, quantization: str, threads: int | None, parallel_batches: bool
):
    role, name = arguments[:2]
    if backend == "ctranslate2":
        from core.models.backends import ctranslate2

        # CTranslate2 takes tokens: the tokenizer rebuilt without transformers serves (standalone_tokenizer.py).
        config, tokenizer = _read_folder(*arguments, standalone=True)
        try:
            return ctranslate2.load(*arguments, tokenizer, config, overrides, quantization, threads, parallel_batches)
        except ctranslate2.BackendUnavailable as exc:
            log.warning("%s: %s runs on transformers instead of CTranslate2: %s", role, name, exc)
    from core.models.backends import transformers

    config, tokenizer = _read_folder(*arguments, standalone=False)  # padded tensors: transformers' own tokenizer
    return transformers.load(*arguments, tokenizer, config, overrides)


def _read_folder(role: str, name: str, revision: str | None, folder, standalone: bool):
    """The model's config and tokenizer; a damaged folder is a :class:`ModelError` naming role, model and folder."""
    try:
        return read_config(folder), load_tokenizer(folder, revision, standalone=standalone)
    except Exception as exc:  # a damaged folder raises many types (a tokenizer file cut short: ValueError, KeyError...)
        raise ModelError(f"{role}: cannot load {name} from {folder}: {exc}") from exc
