"""Which per-article files under ``--out`` ``brief`` wrote, so that only those are ever removed.

Briefs (``articles/<id>.md``) and glossary pages (``site/articles/<id>.html``) of an
article that left the corpus must go, or they would say what the corpus no longer
says. But the output folder is the user's too: a note saved in ``articles/`` is not
ours to delete. The record (``OUT/.brief-outputs.json``) lists, for each kind of
per-article output, the files ``brief`` wrote; cleanup removes only recorded files
that the current run did not write again, and a file that is not in the record is
never replaced either.

The record is widened *before* the files are written and narrowed after the stale
ones are removed, so a run killed at any point leaves no file of ours unrecorded.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from core.errors import ConfigError, OutputError
from core.io import remove_output, write_atomic, write_files_atomic

RECORD_NAME = ".brief-outputs.json"
RECORD_VERSION = 1

log = logging.getLogger("bilingual_brief")


def check_folders(sources: Path, out: Path) -> None:
    """Refuse an output folder that is, or holds, the folder articles are read from.

    Outputs written there would be read back as articles on the next run, and an
    article could be overwritten by its own brief or removed as stale.
    """
    source_folder, out_folder = Path(sources).resolve(), Path(out).resolve()
    if source_folder == out_folder or out_folder in source_folder.parents:
        raise ConfigError(
            f"--out {out} {'is' if source_folder == out_folder else 'contains'} the corpus folder {sources}: "
            "brief would overwrite or remove articles there; choose an output folder outside the corpus"
        )


class OutputRecord:
    """``OUT/.brief-outputs.json``: kind (``briefs``, ``site pages``) → the files of that kind ``brief`` wrote."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.path = self.out / RECORD_NAME
        self.kinds: dict[str, list[str]] = {}
        if not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            kinds = data["kinds"] if data.get("version") == RECORD_VERSION else {}
            self.kinds = {str(k): [str(name) for name in v] for k, v in kinds.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            # Without it nothing is removed (files of ours may linger); nothing of the user's is lost.
            log.info("ignored %s: unreadable, so no earlier output is removed as stale this time", self.path)
            self.kinds = {}

    def files(self) -> list[Path]:
        """Every recorded file, as a path under the output folder."""
        return [self.out / name for names in self.kinds.values() for name in names]

    def write(self, kind: str, per_article: Mapping[Path, str], shared: Mapping[Path, str], what: str) -> list[Path]:
        """Write ``shared`` and ``per_article`` files all or none, then remove this kind's stale files.

        A file of ``per_article`` that exists but is not in the record (of any kind) is
        someone else's: the run stops before writing anything. A record that has never
        seen this kind (outputs of an older version) adopts the files it finds.
        """
        names = {self._name(path): path for path in per_article}
        previous = set(self.kinds.get(kind, []))
        kind_is_new = kind not in self.kinds
        if not kind_is_new:
            ours = {name for recorded in self.kinds.values() for name in recorded}
            for name, path in names.items():
                if name not in ours and _present(path):
                    raise OutputError(
                        f"{path}: exists and was not written by brief; move it away (or change the article id) "
                        "so it is not overwritten"
                    )
        existed = {name for name, path in names.items() if _present(path)}
        self._save(kind, previous | set(names))
        try:
            write_files_atomic({**shared, **per_article})
        except BaseException:
            # Record only what is ours on disk now: a name recorded for a file that was never
            # written could later match a file of the user's, which cleanup would then remove.
            ours_now = {n for n, path in names.items() if _present(path) and (n not in existed or n in previous)}
            self._save(kind, previous | ours_now | (existed if kind_is_new else set()))
            raise
        for name in sorted(previous - set(names)):
            path = self.out / name
            if path.is_file() and not path.is_symlink():
                remove_output(path, f"stale {what}, its article is no longer in the corpus")
        self._save(kind, set(names))
        return [*shared, *per_article]

    def _name(self, path: Path) -> str:
        return Path(path).relative_to(self.out).as_posix()

    def _save(self, kind: str, names: set[str]) -> None:
        self.kinds[kind] = sorted(names)
        write_atomic(self.path, json.dumps({"version": RECORD_VERSION, "kinds": self.kinds}, indent=2) + "\n")


def _present(path: Path) -> bool:
    """Whether anything (a link included) is at ``path``; a name the file system refuses holds nothing."""
    try:
        os.lstat(path)
    except OSError:
        return False
    return True
