"""Atomic file output: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from core.errors import OutputError

log = logging.getLogger("bilingual_brief")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and ``os.replace``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def remove_stale(folder: Path, pattern: str, written: Iterable[Path], what: str) -> list[Path]:
    """Delete the files of ``folder`` matching ``pattern`` that this run did not write.

    Per-article outputs (briefs, site pages) of articles no longer in the corpus would
    otherwise linger, linked from nowhere and saying what the corpus no longer says.
    """
    keep = {Path(path).resolve() for path in written}
    stale = [path for path in sorted(Path(folder).glob(pattern)) if path.is_file() and path.resolve() not in keep]
    for path in stale:
        remove_output(path, f"stale {what}, its article is no longer in the corpus")
    return stale


def remove_output(path: Path, why: str) -> None:
    """Delete an output this project wrote and no longer stands behind; a notice names it and says why."""
    try:
        Path(path).unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot remove it ({why}): {exc.strerror or exc}") from exc
    log.info("removed %s: %s", path, why)
