"""On-disk caches: where they live, and an append-only JSONL key → text store.

Appending and flushing after every batch means a crash loses at most the batch in
flight; a torn last line is ignored on reading.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from functools import cache
from pathlib import Path

from core.errors import OutputError


def cache_root() -> Path:
    """``$BRIEF_CACHE_DIR``, else ``$XDG_CACHE_HOME/bilingual-brief``, else ``~/.cache/bilingual-brief``."""
    if os.environ.get("BRIEF_CACHE_DIR"):
        return Path(os.environ["BRIEF_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "bilingual-brief"


def digest(*parts: str) -> str:
    """A stable key for the given strings (SHA-256 of them, NUL-separated)."""
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def installed_version(name: str) -> str:
    """The installed version of the distribution ``name``, for cache keys; ``not installed`` when absent.

    Read from the name of its ``.dist-info`` folder on ``sys.path``: importing
    ``importlib.metadata`` alone costs a tenth of a second of start-up.
    """
    return _installed_versions().get(_normalised(name), "not installed")


@cache
def _installed_versions() -> dict[str, str]:
    versions: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info"):
                distribution, _, version = folder.removesuffix(".dist-info").partition("-")
                versions.setdefault(_normalised(distribution), version)
    return versions


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


class JsonlCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, str] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    record = json.loads(line)
                    self.entries[record["key"]] = record["output"]
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by an interrupted run

    def get(self, key: str) -> str | None:
        return self.entries.get(key)

    def add(self, records: dict[str, str], durable: bool = True) -> None:
        """Append and flush at once, so the outputs survive a crash that follows.

        ``durable=False`` skips the fsync: for results that cost milliseconds to make again,
        where a sync per call would cost more than it saves.
        """
        if not records:
            return
        self.entries.update(records)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                for key, output in records.items():
                    handle.write(json.dumps({"key": key, "output": output}, ensure_ascii=False) + "\n")
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write the cache ({exc.strerror or exc})") from exc


@cache
def _open(path: Path) -> JsonlCache:
    return JsonlCache(path)


def sentence_cache(splitter_key: str) -> JsonlCache:
    """Sentence boundaries found by one version of the splitter (opened once per process)."""
    return _open(cache_root() / "sentences" / f"{splitter_key}.jsonl")


def generation_cache(model_key: str) -> JsonlCache:
    """The results of one model under one set of settings (opened once per process)."""
    return _open(cache_root() / "generations" / f"{model_key}.jsonl")


def folder_revision(folder: Path) -> str:
    """A revision for a model folder given by path: a hash of each file's name, size and modification time.

    The generation cache, the CTranslate2 conversion and the build stamp are keyed by
    revision, so weights replaced in place must change it, or old results would be
    served as the new model's. Size and time (not the bytes) keep it cheap on
    gigabyte weights, and they change whenever a file is rewritten or copied in.
    """
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    stamps = "\n".join(f"{p.relative_to(folder).as_posix()}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)
    return "local-" + hashlib.sha256(stamps.encode("utf-8")).hexdigest()[:16]
