"""A Hugging Face model folder read without importing torch: its config as JSON, its tokenizer by class.

transformers' ``AutoConfig`` and ``AutoTokenizer`` import ``configuration_utils``, which
imports torch (seconds of start-up on a small CPU). The CTranslate2 backend never uses
torch once a model is converted, so the config is read here as the JSON it is, and the
tokenizer is built by its own class (``transformers.MarianTokenizer``...), which needs
no torch. The class is named by ``tokenizer_config.json``; for a folder that does not
name it (older hub models), ``AutoTokenizer`` resolves it once and the name is kept in
the cache, so later runs skip torch too. The tokenizer is the very class
``AutoTokenizer`` would build, so token ids are the same on both backends.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.cache import cache_root, digest, installed_version
from core.errors import BriefError, ModelError
from core.io import write_atomic
from core.models.standalone_tokenizer import RECORD_VERSION, from_record, record_of


class ModelConfig:
    """``config.json`` with its keys as attributes; an absent key reads as ``None`` through ``getattr(..., None)``."""

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values

    def __getattr__(self, key: str) -> Any:
        try:
            return self.__dict__["_values"][key]
        except KeyError:
            raise AttributeError(key) from None

    def to_dict(self) -> dict[str, Any]:
        return dict(self._values)


def read_config(folder: Path) -> ModelConfig:
    path = Path(folder) / "config.json"
    values = _json_object(path)
    if values is None:
        raise ModelError(f"{path}: not found")
    return ModelConfig(values)


GENERATION_KEYS = (
    "max_length",
    "max_new_tokens",
    "min_length",
    "min_new_tokens",
    "num_beams",
    "early_stopping",
    "do_sample",
    "no_repeat_ngram_size",
    "length_penalty",
    "repetition_penalty",
    "bad_words_ids",
    "suppress_tokens",
    "begin_suppress_tokens",
    "forced_bos_token_id",
    "forced_eos_token_id",
    "bos_token_id",
    "eos_token_id",
    "pad_token_id",
    "decoder_start_token_id",
)
"""What an old checkpoint without ``generation_config.json`` says about generation in its ``config.json``."""


def read_generation_config(folder: Path, config: ModelConfig) -> ModelConfig:
    """``generation_config.json`` as JSON, else the generation settings of ``config.json`` (old checkpoints).

    transformers' ``GenerationConfig`` (which imports transformers) leaves every setting a
    file does not give at None, so the same keys read the same here.
    """
    values = _json_object(Path(folder) / "generation_config.json")
    if values is None:
        source = config.to_dict()
        values = {key: source[key] for key in GENERATION_KEYS if source.get(key) is not None}
        values["_from_model_config"] = True
    return ModelConfig(values)


def load_tokenizer(folder: Path, revision: str | None, standalone: bool = False):
    """The folder's tokenizer, as ``AutoTokenizer`` would build it, without importing torch when its class is known.

    ``standalone``: the same tokenizer rebuilt without transformers from a record made the
    first time (``standalone_tokenizer.py``), where its kind allows; what the CTranslate2
    path uses, as it needs nothing else of transformers.
    """
    folder = Path(folder)
    if not standalone:
        return _transformers_tokenizer(folder, revision)
    path = _record_path(folder, revision)
    try:
        record = _json_object(path)
        if record is not None and record.get("version") == RECORD_VERSION:
            return from_record(folder, record)
    except (BriefError, KeyError, TypeError, ValueError, OSError, RuntimeError):
        pass  # a damaged or foreign record: made again below
    tokenizer = _transformers_tokenizer(folder, revision)
    record = record_of(tokenizer)
    if record is None:
        return tokenizer  # a kind of tokenizer the record does not describe: transformers' own, every time
    _remember(path, record)
    return from_record(folder, record)


def _transformers_tokenizer(folder: Path, revision: str | None):
    name = tokenizer_class_name(folder, revision)
    if name is not None:
        import transformers

        tokenizer_class = getattr(transformers, name, None)
        if tokenizer_class is not None:
            return tokenizer_class.from_pretrained(folder, local_files_only=True)
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    _remember_class(folder, revision, type(tokenizer).__name__)
    return tokenizer


def tokenizer_class_name(folder: Path, revision: str | None) -> str | None:
    """The class ``tokenizer_config.json`` names, else the one ``AutoTokenizer`` resolved on an earlier run."""
    declared = _json_object(folder / "tokenizer_config.json") or {}
    if isinstance(declared.get("tokenizer_class"), str):
        return declared["tokenizer_class"]
    remembered = _json_object(_remembered_path(folder, revision)) or {}
    name = remembered.get("tokenizer_class")
    return name if isinstance(name, str) else None


def _remembered_path(folder: Path, revision: str | None) -> Path:
    return cache_root() / "tokenizer-classes" / f"{digest(str(folder.resolve()), revision or '')[:32]}.json"


def _record_path(folder: Path, revision: str | None) -> Path:
    """Keyed by transformers' version too: the record is what that version built."""
    key = digest(str(folder.resolve()), revision or "", installed_version("transformers"))[:32]
    return cache_root() / "tokenizers" / f"{key}.json"


def _remember_class(folder: Path, revision: str | None, name: str) -> None:
    _remember(_remembered_path(folder, revision), {"folder": str(folder), "tokenizer_class": name})


def _remember(path: Path, values: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(values))
    except (OSError, BriefError):  # a read-only cache only costs the next run transformers' import
        pass


def _json_object(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``; None when there is no such file; a named error when it is not an object."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: cannot read it ({exc})") from exc
    try:
        values = json.loads(text)
    except ValueError as exc:
        raise ModelError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(values, dict):
        raise ModelError(f"{path}: expected a JSON object, found {type(values).__name__}")
    return values
