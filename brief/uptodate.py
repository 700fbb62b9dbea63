"""Skip a ``brief build`` whose inputs have not changed since the last one.

The stamp (``OUT/.brief-build.json``) records a digest of everything the outputs
depend on: each corpus file's bytes, the settings (models and their revisions,
backend, generation settings), the engine, ``--lang``, and the code of every
package of the project; and the list of every file the build wrote. When the digest matches and
every one of those files is still there, nothing is loaded or generated again (an
output deleted by hand makes the next build run).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from core.cache import digest, file_digest
from core.corpus.document import Corpus
from core.errors import OutputError
from core.io import write_atomic
from core.models.hub import locate
from core.models.settings import Settings
from core.ownership import OutputRecord

OUTPUTS = (
    "summaries.json",
    "brief.md",
    "glossary.json",
    "glossary.md",
    "glossary.tbx",
    "glossary.csv",
    "site/index.html",
    "site/glossary.html",
    "site/build.html",
)
"""What every build writes; the per-article files and translations it wrote are listed in the stamp."""
_CODE_SUFFIXES = (".py", ".css", ".js", ".html")
"""What the outputs are made by: Python, and the site's stylesheet, script and templates."""
_PROJECT = Path(__file__).resolve().parent.parent
_PACKAGES = [_PROJECT / name for name in ("core", "summarize", "glossary", "translate", "publish", "brief")]
log = logging.getLogger("bilingual_brief")


class BuildStamp:
    def __init__(
        self, out: Path, corpus: Corpus, settings: Settings, engine: str, lang: str | None = None, *options: object
    ) -> None:
        self.path = out / ".brief-build.json"
        self.out = out
        articles = sorted((a.path for a in corpus.articles), key=lambda p: p.name)
        skipped = sorted(s.path for s in corpus.skipped)
        models = {role: [choice.name, locate(choice).revision or "missing"] for role, choice in settings.models.items()}
        code = sorted(p for package in _PACKAGES for p in package.rglob("*") if p.suffix in _CODE_SUFFIXES)
        self.key = digest(
            engine,
            f"lang={lang or 'detected'}",
            json.dumps(models, sort_keys=True),
            json.dumps(settings.generation, sort_keys=True, default=str),
            settings.backend,
            settings.quantization,
            str(settings.summary.length or "default"),
            *(f"{p.name}:{file_digest(p)}" for p in articles),
            *(f"{p.name}:{_skipped_digest(p)}" for p in skipped),
            repr(settings.glossary),
            *(repr(option) for option in options),
            *(file_digest(p) for p in code),
        )

    def is_current(self) -> bool:
        recorded = self._recorded()
        if recorded.get("key") != self.key:
            return False
        outputs = recorded.get("outputs")
        if not isinstance(outputs, list):
            return False  # a stamp of an older version: it did not list what it wrote
        return all((self.out / str(name)).is_file() for name in [*OUTPUTS, *outputs])

    @property
    def exit_code(self) -> int:
        return self._recorded().get("exit_code", 0)

    def _recorded(self) -> dict:
        """The stamp's content; a missing one, or one that is not ours (broken, edited), counts as absent."""
        try:
            recorded = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            recorded = None
        if not (isinstance(recorded, dict) and isinstance(recorded.get("exit_code", 0), int)):
            log.info("%s is unreadable or not a build stamp: ignored, everything is rebuilt", self.path)
            return {}
        return recorded

    def clear(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot remove the build stamp ({exc.strerror or exc})") from exc

    def record(self, exit_code: int) -> None:
        stamp = {"key": self.key, "exit_code": exit_code, "outputs": self._outputs()}
        write_atomic(self.path, json.dumps(stamp, indent=1) + "\n")

    def _outputs(self) -> list[str]:
        """Every file this build stands behind: the fixed outputs, the per-article ones and the translations."""
        from translate.store import Manifest  # only after a build: the skip check stays light

        translations = self.out / "translations"
        manifest = Manifest(translations / "manifest.json")
        per_article = [*OutputRecord(self.out).files(), *(translations / name for name in manifest.files)]
        if (translations / "memory.tmx").is_file():
            per_article.append(translations / "memory.tmx")
        return sorted({*OUTPUTS, *(p.relative_to(self.out).as_posix() for p in per_article)})


def _skipped_digest(path: Path) -> str:
    """What a skipped file is, without reading it: it may be huge, a FIFO, or a link out of the corpus."""
    try:
        info = path.lstat()
    except OSError as exc:
        return f"unreadable {exc.errno}"
    return f"{info.st_mode:o}:{info.st_size}:{info.st_mtime_ns}"
