"""Where a model lives on this machine: a local folder or the Hugging Face cache."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.cache import folder_revision
from core.models.settings import ModelChoice

_WEIGHT_PATTERNS = ("*.json", "*.safetensors", "*.bin", "*.model", "*.spm", "*.txt")
# TensorFlow, Flax, ONNX and Rust weights are never loaded: don't download them.
_SKIPPED_PATTERNS = ("*.h5", "*.msgpack", "*.ot", "*.onnx", "onnx/*", "tf_model*", "flax_model*", "rust_model*")


@dataclass(frozen=True)
class LocalModel:
    path: Path | None
    """The folder that holds config.json and the weights, or None when not on this machine."""
    revision: str | None
    """The cached snapshot's commit hash; for a folder given by path, ``local-`` and a hash of its files."""
    looked_in: str


def cache_dir() -> Path:
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def locate(choice: ModelChoice) -> LocalModel:
    if choice.is_local:
        folder = Path(choice.name).expanduser()
        found = folder if (folder / "config.json").is_file() else None
        return LocalModel(found, folder_revision(found) if found else None, str(folder))
    from huggingface_hub import try_to_load_from_cache

    config = try_to_load_from_cache(choice.name, "config.json")
    looked_in = f"Hugging Face cache {cache_dir()}"
    if not isinstance(config, str):
        return LocalModel(None, None, looked_in)
    snapshot = Path(config).parent
    return LocalModel(snapshot, snapshot.name, looked_in)


def folder_size(path: Path) -> int:
    # Cache snapshots are symlinks to blobs: measure what they point to.
    return sum(p.resolve().stat().st_size for p in path.rglob("*") if p.is_file())


def pull(choice: ModelChoice) -> Path:
    """Download a hub model into the Hugging Face cache (progress bars on stderr) and return its folder."""
    from huggingface_hub import snapshot_download

    return Path(
        snapshot_download(choice.name, allow_patterns=list(_WEIGHT_PATTERNS), ignore_patterns=list(_SKIPPED_PATTERNS))
    )
