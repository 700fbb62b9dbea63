"""One lock per output folder, held by every command that writes there.

Two runs writing to one ``--out`` would interleave: one run's summaries beside the
other's glossary, and a build stamp that calls the mix up to date. The lock is an OS
file lock (``flock`` through the ``filelock`` library) on ``OUT/.brief.lock``: taking it
is one atomic system call, and the kernel releases it when its process dies, however
it dies, so there is no stale lock to detect or take over. A sidecar file
(``OUT/.brief.lock.owner``) says which command holds it, for the message a second run
gets.

The lock is re-entrant within a process: ``brief build`` holds it while the
translation step, which takes it too when called on its own, runs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from core.errors import LockError, OutputError
from core.io import remove_leftover_temporaries

LOCK_NAME = ".brief.lock"
OWNER_NAME = ".brief.lock.owner"
WRITTEN_FOLDERS = ("", "articles", "site", "site/articles", "translations")
"""The folders under ``--out`` that commands write files into (atomically, through temporary files)."""

_held: dict[Path, int] = {}
"""Output folders this process holds the lock of → how many nested holders."""


@contextmanager
def output_lock(out: Path, command: str) -> Iterator[None]:
    """Hold ``out``'s lock for ``command`` (e.g. ``brief build``), or raise :class:`LockError` naming its holder.

    Once held, the temporary files that a killed run left in the folders written here
    are removed: no other run can be writing them.
    """
    out = Path(out)
    key = out.resolve()
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    from filelock import FileLock, Timeout

    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = FileLock(out / LOCK_NAME, timeout=0)
        lock.acquire()
    except Timeout:
        raise LockError(
            f"{out}: {_holder(out)} is writing to this output folder; wait for it to finish, or choose another --out"
        ) from None
    except OSError as exc:
        raise OutputError(f"{out}: cannot lock the output folder ({exc.strerror or exc})") from exc
    sidecar = out / OWNER_NAME
    _held[key] = 1
    try:
        owner = {
            "command": command,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        try:
            sidecar.write_text(json.dumps(owner) + "\n", encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"{sidecar}: cannot write ({exc.strerror or exc})") from exc
        remove_leftover_temporaries(out / folder for folder in WRITTEN_FOLDERS)
        yield
    finally:
        del _held[key]
        with suppress(OSError):
            sidecar.unlink(missing_ok=True)  # before the release: a run that takes the lock next writes its own
        lock.release()


def _holder(out: Path, wait: float = 1.0) -> str:
    """Who holds ``out``'s lock, from its sidecar: ``brief build (pid 123 on host, since ...)``.

    The holder writes the sidecar just after taking the lock: give it ``wait`` seconds to.
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            owner = json.loads((out / OWNER_NAME).read_text(encoding="utf-8"))
            return f"{owner['command']} (pid {owner['pid']} on {owner['host']}, since {owner['since']})"
        except (OSError, ValueError, KeyError, TypeError):
            if time.monotonic() > deadline:
                return "another brief command"
            time.sleep(0.05)
