"""What makes translation incremental and resumable: a sentence cache, a manifest, a lock.

- The sentence cache (``cache.jsonl``) maps each model input, for one model and one set
  of settings, to its output. It is appended to after every batch, so an interrupted run
  loses at most the batch in flight; a torn last line (a crash mid-write) is ignored.
- The manifest (``manifest.json``) records, per output file, the hash of the source it
  was made from and the model and settings used: an unchanged source is not touched.
- The lock (``.lock``) keeps two runs from writing to one folder at once.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import Any

from core.cache import JsonlCache
from core.errors import BriefError
from core.io import write_atomic

MANIFEST_VERSION = 1


class SentenceCache(JsonlCache):
    """The translations of one output folder's model inputs (``cache.jsonl``)."""


class Manifest:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.files: dict[str, dict[str, Any]] = {}
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.files = data.get("files", {}) if data.get("version") == MANIFEST_VERSION else {}
            except ValueError:
                self.files = {}  # unreadable: everything counts as stale and is redone

    def is_current(self, output: Path, key: str) -> bool:
        record = self.files.get(output.name)
        return bool(record) and record.get("key") == key and output.exists()

    def forget(self, name: str) -> None:
        """Drop the record of output ``name`` (its file is gone)."""
        self.files.pop(name, None)
        self._write()

    def record(self, output: Path, entry: dict[str, Any]) -> None:
        # Ordered by name, not by when each file finished: the manifest and the TMX built
        # from it come out the same whatever order the batches (or Ray actors) finish in.
        self.files = dict(sorted({**self.files, output.name: entry}.items()))
        self._write()

    def _write(self) -> None:
        write_atomic(self.path, json.dumps({"version": MANIFEST_VERSION, "files": self.files}, indent=2) + "\n")


class LockError(BriefError):
    """Another run is writing to the same output folder."""


class FolderLock:
    """An exclusive lock file holding the owner's pid; a lock left by a dead process is taken over."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / ".lock"

    def __enter__(self) -> FolderLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        owner = f"{socket.gethostname()} {os.getpid()}"
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if self._held_by_live_process():
                    raise LockError(
                        f"{self.path.parent}: another brief translate is writing here "
                        f"({self.path.read_text(encoding='utf-8').strip()}); wait for it, or delete {self.path} "
                        "if no such process runs"
                    ) from None
                self.path.unlink(missing_ok=True)  # stale: its process is gone
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(owner + "\n")
            return self
        raise LockError(f"{self.path}: cannot take the lock")

    def __exit__(self, *exc_info: object) -> None:
        self.path.unlink(missing_ok=True)

    def _held_by_live_process(self) -> bool:
        try:
            host, pid = self.path.read_text(encoding="utf-8").split()
            if host != socket.gethostname():
                return True  # another machine: we cannot tell, so respect it
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except (ValueError, OSError):
            return True
        return True
