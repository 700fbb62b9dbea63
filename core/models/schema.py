"""The one schema of ``brief.toml`` and of the ``BRIEF_*`` environment, checked before any work.

Every value is typed and bounded: a beam of a million is killed for memory, a negative
length makes every sentence fail, a string where a number belongs fails deep in a
backend. Unknown keys are errors too (a misspelt setting would otherwise be ignored).
A bad value's message names the file (or the variable), the key, the value and what is
allowed. The models are pydantic's (a spaCy dependency already), strict: no ``"4"`` for 4.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from core.errors import ConfigError
from core.models.backends import BACKENDS
from core.models.executors import EXECUTORS
from core.models.roles import ROLES

QUANTIZATIONS = ("int8", "int8_float32", "int16", "float32")
MAX_BEAMS = 32
MAX_TOKENS = 4096
"""Most tokens a setting may ask one generation for (the default models read and write at most 1024)."""
MAX_THREADS = 1024
MAX_BATCH_SIZE = 1024
MAX_BATCH_TOKENS = 1_000_000
MAX_TOKEN_IDS = 10_000
MAX_INPUT_TOKENS = 1_000_000

_STRICT = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)
_TokenId = Annotated[int, Field(ge=0)]
_NonBlank = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class GenerationSettings(BaseModel):
    """``[generation]`` and ``[generation.<role>]``: what both backends honour, within bounds."""

    model_config = _STRICT
    num_beams: int | None = Field(None, ge=1, le=MAX_BEAMS)
    max_new_tokens: int | None = Field(None, ge=1, le=MAX_TOKENS)
    max_length: int | None = Field(None, ge=1, le=MAX_TOKENS)
    min_new_tokens: int | None = Field(None, ge=0, le=MAX_TOKENS)
    min_length: int | None = Field(None, ge=0, le=MAX_TOKENS)
    no_repeat_ngram_size: int | None = Field(None, ge=0, le=32)
    length_penalty: float | None = Field(None, ge=-10, le=10)
    repetition_penalty: float | None = Field(None, gt=0, le=10)
    early_stopping: bool | Literal["never"] | None = None
    suppress_tokens: list[_TokenId] | None = Field(None, max_length=MAX_TOKEN_IDS)
    bad_words_ids: list[list[_TokenId]] | None = Field(None, max_length=MAX_TOKEN_IDS)
    batch_size: int | None = Field(None, ge=1, le=MAX_BATCH_SIZE)
    batch_tokens: int | None = Field(None, ge=1, le=MAX_BATCH_TOKENS)
    prefix: str | None = Field(None, max_length=200)
    """Put before every input (T5-family models want "summarize: ")."""
    max_input_tokens: int | None = Field(None, ge=8, le=MAX_INPUT_TOKENS)
    """The input limit, for tokenizers that declare none."""


class RaySection(BaseModel):
    model_config = _STRICT
    concurrency: int | None = Field(None, ge=1, le=100_000)
    threads_per_actor: int | None = Field(None, ge=1, le=MAX_THREADS)


class SummarySection(BaseModel):
    model_config = _STRICT
    length: int | float | str | None = None
    """Words (``50``) or a share of the article (``0.2``, ``"20%"``); checked by ``parse_length``."""


class GlossarySection(BaseModel):
    model_config = _STRICT
    threshold: int | float | None = Field(None, ge=0, le=1_000)
    """Termhood a repeated phrase needs to be an entry; None: the documented default."""
    max_entries: int | None = Field(None, ge=1, le=1_000_000)
    """At most this many entries, the highest scores first; None keeps all."""


class BriefToml(BaseModel):
    model_config = _STRICT
    backend: Literal[BACKENDS] | None = None
    quantization: Literal[QUANTIZATIONS] | None = None
    threads: int | None = Field(None, ge=1, le=MAX_THREADS)
    executor: Literal[EXECUTORS] | None = None
    models: dict[str, _NonBlank] = Field(default_factory=dict)
    generation: dict[str, Any] = Field(default_factory=dict)
    """Shared settings and role tables, checked by :func:`_generation`."""
    ray: RaySection = Field(default_factory=RaySection)
    summary: SummarySection = Field(default_factory=SummarySection)
    locales: dict[str, str] = Field(default_factory=dict)
    glossary: GlossarySection = Field(default_factory=GlossarySection)
    """Language → locale of the translation memories; checked by ``settings._locales``."""


class Environment(BaseModel):
    """The ``BRIEF_*`` variables: text, converted (``BRIEF_THREADS=4``), bounded like the file's."""

    model_config = ConfigDict(extra="forbid")
    BRIEF_BACKEND: Literal[BACKENDS] | None = None
    BRIEF_QUANTIZATION: Literal[QUANTIZATIONS] | None = None
    BRIEF_THREADS: int | None = Field(None, ge=1, le=MAX_THREADS)
    BRIEF_EXECUTOR: Literal[EXECUTORS] | None = None
    BRIEF_CACHE_DIR: str | None = None
    BRIEF_MODEL_SUMMARIZE_FR: str | None = None
    BRIEF_MODEL_SUMMARIZE_EN: str | None = None
    BRIEF_MODEL_FR_EN: str | None = None
    BRIEF_MODEL_EN_FR: str | None = None


def check_file(data: Mapping[str, Any], path: Path) -> tuple[BriefToml, dict[str, GenerationSettings]]:
    """The file's settings, and the generation settings of each role (shared under the role's own)."""
    unknown = sorted(set(data) - set(BriefToml.model_fields))
    if unknown:
        raise ConfigError(
            f"{path}: unknown section(s) {', '.join(unknown)} (known: {', '.join(sorted(BriefToml.model_fields))})"
        )
    settings = _validate(BriefToml, data, str(path), "")
    unknown_roles = sorted(set(settings.models) - set(ROLES))
    if unknown_roles:
        raise ConfigError(f"{path} [models]: unknown role '{unknown_roles[0]}' (roles: {', '.join(ROLES)})")
    return settings, _generation(settings.generation, path)


def check_environment(environ: Mapping[str, str]) -> Environment:
    """The ``BRIEF_*`` variables that are set (an empty one counts as unset); any other ``BRIEF_*`` is an error."""
    values = {k: v for k, v in environ.items() if k.startswith("BRIEF_") and v != ""}
    unknown = sorted(set(values) - set(Environment.model_fields))
    if unknown:
        raise ConfigError(
            f"environment: unknown variable(s) {', '.join(unknown)} "
            f"(known: {', '.join(sorted(Environment.model_fields))})"
        )
    return _validate(Environment, values, "environment", "")


def _generation(section: dict[str, Any], path: Path) -> dict[str, GenerationSettings]:
    shared = {k: v for k, v in section.items() if not isinstance(v, dict)}
    per_role = {k: v for k, v in section.items() if isinstance(v, dict)}
    for role in per_role:
        if role not in ROLES:
            raise ConfigError(f"{path} [generation.{role}]: unknown role '{role}' (roles: {', '.join(ROLES)})")
    _validate(GenerationSettings, shared, str(path), "generation")
    result = {}
    for role in ROLES:
        where = f"generation.{role}"
        _validate(GenerationSettings, per_role.get(role, {}), str(path), where)
        merged = _validate(GenerationSettings, {**shared, **per_role.get(role, {})}, str(path), where)
        for low, high in (("min_new_tokens", "max_new_tokens"), ("min_length", "max_length")):
            minimum, maximum = getattr(merged, low), getattr(merged, high)
            if minimum is not None and maximum is not None and minimum > maximum:
                raise ConfigError(
                    f"{path} [{where}]: {low} = {minimum} is above {high} = {maximum} (allowed: {low} at most {high})"
                )
        result[role] = merged
    return result


def _validate(model: type[BaseModel], data: Mapping[str, Any], where: str, section: str):
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        raise ConfigError("\n".join(_problems(exc, model, where, section))) from None


def _problems(error: ValidationError, model: type[BaseModel], where: str, section: str) -> list[str]:
    """One line per bad key: where, which key, the value, and what is allowed."""
    by_key: dict[tuple, list[dict]] = {}
    for problem in error.errors():
        # A union reports one error per member, the member's name last in the location.
        location = tuple(p for p in problem["loc"] if not (isinstance(p, str) and p.startswith(("literal[", "bool"))))
        by_key.setdefault(location, []).append(problem)
    lines = []
    prefix = f"{where} [{section}]" if section else where
    for location, problems in by_key.items():
        key = ".".join(str(part) for part in location)
        if problems[0]["type"] == "extra_forbidden":
            known = ", ".join(sorted(model.model_fields))
            what = "generation setting" if model is GenerationSettings else "setting"
            lines.append(f"{prefix}: unknown {what}(s) {key} (known: {known})")
            continue
        value = repr(problems[0]["input"])
        value = value if len(value) <= 80 else value[:77] + "..."
        allowed = " or ".join(dict.fromkeys(_allowed(p) for p in problems))
        lines.append(f"{prefix}: {key} = {value}: should be {allowed}")
    return lines


def _allowed(problem: dict) -> str:
    if problem["loc"][0] == "models":
        return "text: expected a hub id or a folder path"
    return problem["msg"].removeprefix("Input should be ")
