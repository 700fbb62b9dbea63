"""Settings: which model plays each role and how it generates.

Resolved inside :func:`resolve_settings`, never at import time, with the precedence
``--model`` > ``BRIEF_MODEL_<ROLE>`` environment variables > ``brief.toml`` > defaults.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import ConfigError
from core.models.backends import DEFAULT_BACKEND
from core.models.executors import DEFAULT_EXECUTOR
from core.models.executors.ray import RaySettings
from core.models.length import Length, parse_length
from core.models.roles import DEFAULT_MODELS, ROLES

DEFAULT_CONFIG_NAME = "brief.toml"
MODEL_INPUT_SETTINGS = ("prefix", "max_input_tokens")
"""Per-role settings of a model's input, not of generation: a task prefix (T5-family models
want "summarize: ") and the input limit for tokenizers that declare none."""
_LOCALE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class ModelChoice:
    role: str
    name: str
    """A hub id (``org/name``) or the path of a local model folder."""
    origin: str
    """Where the choice came from: ``--model``, the variable's name, the config file, or ``default``."""

    @property
    def is_local(self) -> bool:
        return Path(self.name).expanduser().exists() or self.name.startswith(("/", "./", "../", "~"))


@dataclass(frozen=True)
class SummarySettings:
    """``[summary]`` in ``brief.toml``, under ``--length``."""

    length: Length | None = None
    """How long each article's summary is: words, or a share of the article. None: the
    engine's default (extractive engines: :data:`~core.models.length.DEFAULT_WORDS`;
    model engine: the model's own generation settings)."""


@dataclass(frozen=True)
class GlossarySettings:
    """Which candidates become glossary entries (``[glossary]`` in ``brief.toml``)."""

    threshold: float | None = None
    """Termhood a repeated phrase needs to be an entry; None means the documented default."""
    max_entries: int | None = None
    """Keep at most this many entries, the highest scores first; None keeps all."""


@dataclass(frozen=True)
class Settings:
    models: Mapping[str, ModelChoice]
    generation: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Per-role generation overrides: the file's ``[generation]`` merged under ``[generation.<role>]``."""
    config_file: Path | None = None
    backend: str = "ctranslate2"
    """``ctranslate2`` (converted once, int8 by default) or ``transformers``."""
    quantization: str = "int8"
    """CTranslate2 weights: ``int8`` (default), ``int8_float32``, ``int16`` or ``float32``."""
    threads: int | None = None
    """CPU threads per model; None means the physical cores."""
    executor: str = DEFAULT_EXECUTOR
    """Where generation runs: ``local`` (this process) or ``ray`` (a Ray cluster, through Ray Data)."""
    ray: RaySettings = field(default_factory=RaySettings)
    summary: SummarySettings = field(default_factory=lambda: SummarySettings())
    locales: Mapping[str, str] = field(default_factory=lambda: {"fr": "fr-FR", "en": "en-GB"})
    """Language → locale written in translation memories (TMX, XLIFF): ``[locales]`` in ``brief.toml``."""
    glossary: GlossarySettings = field(default_factory=GlossarySettings)


def env_variable(role: str) -> str:
    return "BRIEF_MODEL_" + role.upper().replace("-", "_")


def resolve_settings(
    model_options: Sequence[str] = (),
    config_file: Path | str | None = None,
    environ: Mapping[str, str] | None = None,
    backend: str | None = None,
    executor: str | None = None,
    length: str | None = None,
) -> Settings:
    """Combine ``--model ROLE=ID_OR_PATH`` options, the environment, the config file and defaults.

    ``config_file`` None means ``./brief.toml`` when it exists; a file named explicitly must exist.
    """
    from core.models import schema  # pydantic: imported when settings are resolved, not at import

    environ = os.environ if environ is None else environ
    env = schema.check_environment(environ)
    path = _config_path(config_file)
    data, generation = schema.check_file(_read_config(path) if path else {}, path)
    file_models = _file_models(data.models, path)
    cli_models = _parse_model_options(model_options)

    models = {}
    for role in ROLES:
        from_env = getattr(env, env_variable(role))
        if role in cli_models:
            models[role] = ModelChoice(role, cli_models[role], "--model")
        elif from_env:
            models[role] = ModelChoice(role, from_env, env_variable(role))
        elif role in file_models:
            models[role] = ModelChoice(role, file_models[role], str(path))
        else:
            models[role] = ModelChoice(role, DEFAULT_MODELS[role].hub_id, "default")
    return Settings(
        models=models,
        generation={role: g.model_dump(exclude_none=True) for role, g in generation.items()},
        config_file=path,
        backend=backend or env.BRIEF_BACKEND or data.backend or DEFAULT_BACKEND,
        quantization=env.BRIEF_QUANTIZATION or data.quantization or "int8",
        threads=env.BRIEF_THREADS or data.threads,
        executor=executor or env.BRIEF_EXECUTOR or data.executor or DEFAULT_EXECUTOR,
        ray=RaySettings(**data.ray.model_dump(exclude_none=True)),
        summary=_summary_settings(data.summary.length, path, length),
        locales=_locales(data.locales, path),
        glossary=GlossarySettings(
            threshold=None if data.glossary.threshold is None else float(data.glossary.threshold),
            max_entries=data.glossary.max_entries,
        ),
    )


def _summary_settings(from_file: Any, path: Path | None, length: str | None) -> SummarySettings:
    if length is not None:
        return SummarySettings(parse_length(length, "--length"))
    if from_file is not None:
        return SummarySettings(parse_length(from_file, f"{path} [summary] length"))
    return SummarySettings()


def _locales(section: Any, path: Path | None) -> dict[str, str]:
    if not isinstance(section, dict):
        raise ConfigError(f'{path}: [locales] must be a table such as en = "en-US"')
    locales = {"fr": "fr-FR", "en": "en-GB"}
    for lang, locale in section.items():
        if lang not in locales:
            raise ConfigError(f"{path} [locales]: unknown language '{lang}' (fr or en)")
        if not isinstance(locale, str) or not _LOCALE.match(locale) or not locale.lower().startswith(lang):
            raise ConfigError(
                f"{path} [locales] {lang}: expected a locale of that language such as {locales[lang]}, not {locale!r}"
            )
        locales[lang] = locale
    return locales


def parse_model_option(option: str) -> tuple[str, str]:
    role, sep, value = option.partition("=")
    role, value = role.strip(), value.strip()
    if not sep or not value:
        raise ConfigError(f"--model {option!r}: expected ROLE=ID_OR_PATH, e.g. --model fr-en=/models/opus-mt-fr-en")
    _check_role(role, f"--model {option!r}")
    return role, value


def _parse_model_options(options: Sequence[str]) -> dict[str, str]:
    return dict(parse_model_option(option) for option in options)


def _check_role(role: str, where: str) -> None:
    if role not in ROLES:
        raise ConfigError(f"{where}: unknown role '{role}' (roles: {', '.join(ROLES)})")


def _config_path(config_file: Path | str | None) -> Path | None:
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found")
        return path
    default = Path(DEFAULT_CONFIG_NAME)
    return default if default.is_file() else None


def _read_config(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return data


def _file_models(section: Mapping[str, str], path: Path | None) -> dict[str, str]:
    models = {}
    for role, value in section.items():
        # A relative folder in the file means relative to the file, not to where brief runs.
        local = (path.parent / value).expanduser()
        models[role] = str(local) if not Path(value).is_absolute() and local.exists() else value
    return models
