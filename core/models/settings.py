"""Settings: which model plays each role and how it generates.

Resolved inside :func:`resolve_settings`, never at import time, with the precedence
``--model`` > ``BRIEF_MODEL_<ROLE>`` environment variables > ``brief.toml`` > defaults.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import ConfigError
from core.models.backends import BACKENDS, DEFAULT_BACKEND
from core.models.executors import DEFAULT_EXECUTOR, EXECUTORS
from core.models.executors.ray import RaySettings
from core.models.length import Length, parse_length
from core.models.roles import DEFAULT_MODELS, ROLES

DEFAULT_CONFIG_NAME = "brief.toml"
_SECTIONS = {"models", "generation", "backend", "quantization", "threads", "executor", "ray", "summary"}
_RAY_KEYS = {"concurrency", "threads_per_actor"}
_SUMMARY_KEYS = {"length"}
MODEL_INPUT_SETTINGS = ("prefix", "max_input_tokens")
"""Per-role settings of a model's input, not of generation: a task prefix (T5-family models
want "summarize: ") and the input limit for tokenizers that declare none."""
QUANTIZATIONS = ("int8", "int8_float32", "int16", "float32")


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
    environ = os.environ if environ is None else environ
    path = _config_path(config_file)
    data = _read_config(path) if path else {}
    file_models = _file_models(data.get("models", {}), path)
    cli_models = _parse_model_options(model_options)

    models = {}
    for role in ROLES:
        if role in cli_models:
            models[role] = ModelChoice(role, cli_models[role], "--model")
        elif environ.get(env_variable(role)):
            models[role] = ModelChoice(role, environ[env_variable(role)], env_variable(role))
        elif role in file_models:
            models[role] = ModelChoice(role, file_models[role], str(path))
        else:
            models[role] = ModelChoice(role, DEFAULT_MODELS[role].hub_id, "default")
    chosen_backend = backend or environ.get("BRIEF_BACKEND") or data.get("backend") or DEFAULT_BACKEND
    if chosen_backend not in BACKENDS:
        raise ConfigError(
            f"{path or 'BRIEF_BACKEND'}: unknown backend '{chosen_backend}' (backends: {', '.join(BACKENDS)})"
        )
    quantization = environ.get("BRIEF_QUANTIZATION") or data.get("quantization") or "int8"
    if quantization not in QUANTIZATIONS:
        raise ConfigError(f"{path}: unknown quantization '{quantization}' (one of {', '.join(QUANTIZATIONS)})")
    threads = environ.get("BRIEF_THREADS") or data.get("threads")
    if threads is not None and (not str(threads).isdigit() or int(threads) < 1):
        raise ConfigError(f"{path or 'BRIEF_THREADS'}: threads must be a positive whole number, not {threads!r}")
    chosen_executor = executor or environ.get("BRIEF_EXECUTOR") or data.get("executor") or DEFAULT_EXECUTOR
    if chosen_executor not in EXECUTORS:
        raise ConfigError(
            f"{path or 'BRIEF_EXECUTOR'}: unknown executor '{chosen_executor}' (executors: {', '.join(EXECUTORS)})"
        )
    return Settings(
        models=models,
        generation=_generation(data.get("generation", {}), path),
        config_file=path,
        backend=chosen_backend,
        quantization=quantization,
        threads=int(threads) if threads is not None else None,
        executor=chosen_executor,
        ray=_ray_settings(data.get("ray", {}), path),
        summary=_summary_settings(data.get("summary", {}), path, length),
    )


def _summary_settings(section: Any, path: Path | None, length: str | None) -> SummarySettings:
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [summary] must be a table")
    unknown = sorted(set(section) - _SUMMARY_KEYS)
    if unknown:
        raise ConfigError(
            f"{path} [summary]: unknown setting(s) {', '.join(unknown)} (known: {', '.join(sorted(_SUMMARY_KEYS))})"
        )
    if length is not None:
        return SummarySettings(parse_length(length, "--length"))
    if "length" in section:
        return SummarySettings(parse_length(section["length"], f"{path} [summary] length"))
    return SummarySettings()


def _ray_settings(section: Any, path: Path | None) -> RaySettings:
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [ray] must be a table")
    unknown = sorted(set(section) - _RAY_KEYS)
    if unknown:
        raise ConfigError(
            f"{path} [ray]: unknown setting(s) {', '.join(unknown)} (known: {', '.join(sorted(_RAY_KEYS))})"
        )
    for key, value in section.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{path} [ray] {key}: expected a positive whole number, not {value!r}")
    return RaySettings(**section)


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
    unknown = set(data) - _SECTIONS
    if unknown:
        raise ConfigError(
            f"{path}: unknown section(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(_SECTIONS))})"
        )
    return data


def _file_models(section: Any, path: Path | None) -> dict[str, str]:
    if not isinstance(section, dict):
        raise ConfigError(f'{path}: [models] must be a table of ROLE = "ID_OR_PATH"')
    models = {}
    for role, value in section.items():
        _check_role(role, f"{path} [models]")
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path} [models] {role}: expected a hub id or a folder path")
        # A relative folder in the file means relative to the file, not to where brief runs.
        local = (path.parent / value).expanduser()
        models[role] = str(local) if not Path(value).is_absolute() and local.exists() else value
    return models


def _generation(section: Any, path: Path | None) -> dict[str, dict[str, Any]]:
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [generation] must be a table")
    shared = {k: v for k, v in section.items() if not isinstance(v, dict)}
    per_role = {k: v for k, v in section.items() if isinstance(v, dict)}
    for role in per_role:
        _check_role(role, f"{path} [generation.{role}]")
    _check_generation_keys(shared, f"{path} [generation]")
    result = {}
    for role in ROLES:
        overrides = per_role.get(role, {})
        _check_generation_keys(overrides, f"{path} [generation.{role}]")
        result[role] = {**shared, **overrides}
    return result


def _check_generation_keys(options: Mapping[str, Any], where: str) -> None:
    if not options:
        return
    from transformers import GenerationConfig  # heavy import, only when a file sets generation options

    known = GenerationConfig().to_dict()
    unknown = sorted(set(options) - set(known) - {"batch_size", "batch_tokens", *MODEL_INPUT_SETTINGS})
    if unknown:
        raise ConfigError(f"{where}: unknown generation setting(s) {', '.join(unknown)}")
    if "prefix" in options and not isinstance(options["prefix"], str):
        raise ConfigError(f'{where} prefix: expected a string such as "summarize: ", not {options["prefix"]!r}')
    limit = options.get("max_input_tokens")
    if "max_input_tokens" in options and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 8):
        raise ConfigError(f"{where} max_input_tokens: expected a whole number of tokens (at least 8), not {limit!r}")
