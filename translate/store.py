"""What makes translation incremental and resumable: a sentence cache and a manifest.

- The sentence cache (``cache.jsonl``) maps each model input, for one model and one set
  of settings, to its output. It is appended to after every batch, so an interrupted run
  loses at most the batch in flight; a torn last line (a crash mid-write) is ignored.
- The manifest (``manifest.json``) records, per output file, the hash of the source it
  was made from and the model and settings used: an unchanged source is not touched.

Two runs writing to one output folder are kept apart by the output folder's lock
(:mod:`core.lock`), held around the whole translation.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from core.cache import JsonlCache
from core.io import write_atomic

MANIFEST_VERSION = 1
log = logging.getLogger("bilingual_brief")


class SentenceCache(JsonlCache):
    """The translations of one output folder's model inputs (``cache.jsonl``)."""


class Manifest:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.files: dict[str, dict[str, Any]] = {}
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = None
            if _is_manifest(data):
                self.files = data["files"]
            else:  # everything counts as stale and is redone
                log.info("%s is unreadable or not a manifest of this version: ignored, every file is redone", path)

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


def _is_manifest(data: Any) -> bool:
    """Whether ``data`` has the shape this module writes (a hand-edited or foreign file may not)."""
    if not (isinstance(data, dict) and data.get("version") == MANIFEST_VERSION and isinstance(data.get("files"), dict)):
        return False
    for record in data["files"].values():
        if not (isinstance(record, dict) and isinstance(record.get("pairs", []), list)):
            return False
        if not (isinstance(record.get("key"), str) and isinstance(record.get("source"), str)):
            return False
        if not record.get("copied") and not {record.get("source_lang"), record.get("target_lang")} <= {"fr", "en"}:
            return False  # a copied file (no prose) has no languages
        pairs = record.get("pairs", [])
        # (source, target) or (source, target, passage id)
        if not all(isinstance(p, list) and len(p) in (2, 3) and all(isinstance(t, str) for t in p) for p in pairs):
            return False
    return True
