"""Load a role's model, lazily and once per process, on the configured backend.

The tokenizer and config always load through transformers' Auto classes. The default
backend, CTranslate2, converts the model on first use (see ``backends/ctranslate2.py``);
a model it cannot run falls back to transformers with a logged notice.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from summarize.errors import ModelError, ModelNotAvailableError
from summarize.models.hub import locate
from summarize.models.seq2seq import Seq2SeqModel
from summarize.models.settings import ModelChoice, Settings

log = logging.getLogger("bilingual_brief")


def load_model(settings: Settings, role: str) -> Seq2SeqModel:
    """The model for ``role``; raises :class:`ModelNotAvailableError` when it is not on this machine."""
    choice = settings.models[role]
    overrides = tuple(sorted(settings.generation.get(role, {}).items()))
    return _load(choice, overrides, settings.backend, settings.quantization, settings.threads)


def check_available(settings: Settings, roles: list[str]) -> None:
    """Fail before any work starts when one of ``roles`` has no model here."""
    for role in roles:
        choice = settings.models[role]
        local = locate(choice)
        if local.path is None:
            raise ModelNotAvailableError(role, choice.name, local.looked_in, "not found")


@cache
def _load(
    choice: ModelChoice, overrides: tuple[tuple[str, Any], ...], backend: str, quantization: str, threads: int | None
) -> Seq2SeqModel:
    local = locate(choice)
    if local.path is None:
        raise ModelNotAvailableError(choice.role, choice.name, local.looked_in, "not found")
    from transformers import AutoConfig, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(local.path, local_files_only=True)
        config = AutoConfig.from_pretrained(local.path, local_files_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{choice.role}: cannot load {choice.name} from {local.path}: {exc}") from exc
    arguments = (choice.role, choice.name, local.revision, local.path, tokenizer, config, dict(overrides))
    if backend == "ctranslate2":
        from summarize.models.backends import ctranslate2

        try:
            return ctranslate2.load(*arguments, quantization=quantization, threads=threads)
        except ctranslate2.BackendUnavailable as exc:
            log.warning("%s: %s runs on transformers instead of CTranslate2: %s", choice.role, choice.name, exc)
    from summarize.models.backends import transformers

    return transformers.load(*arguments)
