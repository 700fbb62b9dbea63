"""Atomic file output: a reader sees the old file or the new one, never half of one.

A file is written to a temporary file beside it (``.<name>.<8 random characters>.tmp``,
the naming of :func:`tempfile.mkstemp` below) and renamed over it. A run killed with
``kill -9`` can leave such a temporary file behind; :func:`remove_leftover_temporaries`
removes the ones of that naming, and only those, on the next run.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from core.errors import OutputError

log = logging.getLogger("bilingual_brief")

_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
"""What ``mkstemp(prefix=".<name>.", suffix=".tmp")`` names: a dot, the name, 8 of ``[a-z0-9_]``, ``.tmp``."""


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and ``os.replace``."""
    write_files_atomic({Path(path): text})


def check_writable(folder: Path) -> None:
    """Fail before any work when ``folder`` cannot be created or written to (read-only, not a folder).

    Otherwise a read-only ``--out`` would fail only at the end, after all the generation work.
    """
    existing = Path(folder)
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent  # the folder is made later, by the first write: check where it will be
    try:
        if not existing.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, f"{existing} is not a folder")
        fd, probe = tempfile.mkstemp(prefix=".write-check.", suffix=".tmp", dir=existing)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write the outputs here ({exc.strerror or exc})") from exc


def write_files_atomic(files: Mapping[Path, str]) -> None:
    """Write several files so that either every one is replaced or none is.

    Every file is first written in full to a temporary file beside its destination;
    only when all of them are on disk are they renamed over their destinations. A
    failure while writing (a name too long for the file system, a full disk, a folder
    that cannot be written) removes the temporary files and leaves every previous
    output as it was.
    """
    staged: list[tuple[str, Path]] = []
    mode = _new_file_mode()
    try:
        try:
            for path, text in files.items():
                path = Path(path)
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
                staged.append((tmp, path))
                os.fchmod(fd, mode)
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
                    handle.flush()
                    os.fsync(handle.fileno())
        except OSError as exc:
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); no output was replaced") from exc
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def _new_file_mode() -> int:
    """The mode ``open(path, "w")`` gives a new file under this process's umask (0644 under 022).

    ``mkstemp`` creates its file 0600 whatever the umask, and ``os.replace`` keeps that
    mode: every output would be unreadable to anyone else (a web server answers 403).
    The umask can only be read by setting it, so it is set back at once.
    """
    umask = os.umask(0o077)
    os.umask(umask)
    return 0o666 & ~umask


def remove_leftover_temporaries(folders: Iterable[Path]) -> list[Path]:
    """Delete the temporary files of :func:`write_atomic` that a killed run left in ``folders``.

    Only regular files named as this module names them are touched: anything else in
    the folders is the user's. Call it only while holding the output lock, or it could
    remove the temporary file of a run writing at that moment.
    """
    removed = []
    for folder in folders:
        try:
            candidates = sorted(Path(folder).iterdir())
        except OSError:
            continue  # not there yet: nothing left over
        for path in candidates:
            if _TEMPORARY.match(path.name) and path.is_file() and not path.is_symlink():
                remove_output(path, "temporary file left by an interrupted run")
                removed.append(path)
    return removed


def remove_output(path: Path, why: str) -> None:
    """Delete an output this project wrote and no longer stands behind; a notice names it and says why."""
    try:
        Path(path).unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot remove it ({why}): {exc.strerror or exc}") from exc
    log.info("removed %s: %s", path, why)
