"""Skip a ``brief build`` whose inputs have not changed since the last one.

The stamp (``OUT/.brief-build.json``) records a digest of everything the outputs
depend on: each corpus file's bytes, the settings (models and their revisions,
backend, generation settings), the engine, and the code of every package of the project. When the
digest matches and the outputs are there, nothing is loaded or generated again.
"""

from __future__ import annotations

import json
from pathlib import Path

from core.cache import digest, file_digest
from core.corpus.document import Corpus
from core.io import write_atomic
from core.models.hub import locate
from core.models.settings import Settings

OUTPUTS = ("summaries.json", "brief.md", "glossary.json", "site/index.html")
_PROJECT = Path(__file__).resolve().parent.parent
_PACKAGES = [_PROJECT / name for name in ("core", "summarize", "glossary", "translate", "brief")]


class BuildStamp:
    def __init__(self, out: Path, corpus: Corpus, settings: Settings, engine: str) -> None:
        self.path = out / ".brief-build.json"
        self.out = out
        files = sorted((a.path for a in corpus.articles), key=lambda p: p.name) + sorted(s.path for s in corpus.skipped)
        models = {role: [choice.name, locate(choice).revision or "missing"] for role, choice in settings.models.items()}
        code = sorted(p for package in _PACKAGES for p in package.rglob("*") if p.suffix in (".py", ".css", ".js"))
        self.key = digest(
            engine,
            json.dumps(models, sort_keys=True),
            json.dumps(settings.generation, sort_keys=True, default=str),
            settings.backend,
            settings.quantization,
            *(f"{p.name}:{file_digest(p)}" for p in files),
            *(file_digest(p) for p in code),
        )

    def is_current(self) -> bool:
        try:
            recorded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return recorded.get("key") == self.key and all((self.out / name).exists() for name in OUTPUTS)

    @property
    def exit_code(self) -> int:
        return int(json.loads(self.path.read_text(encoding="utf-8")).get("exit_code", 0))

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def record(self, exit_code: int) -> None:
        write_atomic(self.path, json.dumps({"key": self.key, "exit_code": exit_code}) + "\n")
