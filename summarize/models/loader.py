"""Load a role's model through transformers' Auto classes, lazily and once per process."""

from __future__ import annotations

from functools import cache
from typing import Any

from summarize.errors import ModelError, ModelNotAvailableError
from summarize.models.hub import locate
from summarize.models.seq2seq import Seq2SeqModel
from summarize.models.settings import ModelChoice, Settings


def load_model(settings: Settings, role: str) -> Seq2SeqModel:
    """The model for ``role``; raises :class:`ModelNotAvailableError` when it is not on this machine."""
    choice = settings.models[role]
    overrides = tuple(sorted(settings.generation.get(role, {}).items()))
    return _load(choice, overrides)


def check_available(settings: Settings, roles: list[str]) -> None:
    """Fail before any work starts when one of ``roles`` has no model here."""
    for role in roles:
        choice = settings.models[role]
        local = locate(choice)
        if local.path is None:
            raise ModelNotAvailableError(role, choice.name, local.looked_in, "not found")


@cache
def _load(choice: ModelChoice, overrides: tuple[tuple[str, Any], ...]) -> Seq2SeqModel:
    local = locate(choice)
    if local.path is None:
        raise ModelNotAvailableError(choice.role, choice.name, local.looked_in, "not found")
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(local.path, local_files_only=True)
        model = AutoModelForSeq2SeqLM.from_pretrained(local.path, local_files_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{choice.role}: cannot load {choice.name} from {local.path}: {exc}") from exc
    model.eval()
    return Seq2SeqModel(
        role=choice.role,
        name=choice.name,
        revision=local.revision,
        tokenizer=tokenizer,
        model=model,
        overrides=dict(overrides),
    )
