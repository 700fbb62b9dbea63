"""The one exception tree of bilingual-brief.

Library code raises these; only the CLI turns them into a message and an exit code
(``exit_code`` below), so a library user can catch :class:`BriefError` and nothing else.

    BriefError
    ├── ConfigError              bad --model spec, brief.toml, environment variable
    ├── CorpusError              the corpus folder as a whole is unusable
    │   └── ArticleError         one file is unusable (names the file and the problem)
    ├── ModelError               a model failed to load or generate
    │   ├── ModelNotAvailableError   a role's model is not on this machine
    │   └── GenerationError          some inputs failed to generate (the others are cached)
    ├── GlossaryError            the glossary cannot be built (e.g. no spaCy pipeline)
    └── OutputError              an output could not be written
        └── LockError            another brief command is writing to the same output folder
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ArticleError",
    "BriefError",
    "ConfigError",
    "CorpusError",
    "GenerationError",
    "GlossaryError",
    "LockError",
    "ModelError",
    "ModelNotAvailableError",
    "OutputError",
]


class BriefError(Exception):
    """Root of every error the library raises on purpose."""

    exit_code = 1


class ConfigError(BriefError):
    """A setting is malformed: ``--model``, ``brief.toml`` or a ``BRIEF_*`` variable."""

    exit_code = 2


class CorpusError(BriefError):
    """The corpus as a whole cannot be read (missing folder, no article, clashing ids)."""


class ArticleError(CorpusError):
    """One file cannot be read as an article."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ModelError(BriefError):
    """A model failed to load or to generate."""


class ModelNotAvailableError(ModelError):
    """A role's model is not available offline; the message says where we looked and what to do."""

    exit_code = 3

    def __init__(self, role: str, model: str, looked_in: str, reason: str = "") -> None:
        self.role = role
        self.model = model
        self.looked_in = looked_in
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"model for role '{role}' is not available: {model}{detail}\n"
            f"  looked in: {looked_in}\n"
            "  fixes:\n"
            f"    - download it once:           brief models pull {role}\n"
            f"    - use a local folder:         --model {role}=/path/to/model"
        )


class GenerationError(ModelError):
    """Some inputs failed to generate even alone; every other output was generated and cached.

    Callers that can name what the failed inputs belong to (a file, an article) catch
    this, use :attr:`outputs` for the rest and report the failures there.
    """

    def __init__(self, role: str, model: str, failed: dict[int, str], outputs: list[str | None]) -> None:
        self.role = role
        self.model = model
        self.failed = failed
        """Index of each failed input → why it failed."""
        self.outputs = outputs
        """One output per input, None where it failed."""
        reasons = sorted(set(failed.values()))
        super().__init__(
            f"{role} ({model}): {len(failed)} of {len(outputs)} input(s) failed to generate: {'; '.join(reasons[:3])}"
        )


class GlossaryError(BriefError):
    """The glossary cannot be built, e.g. a language pipeline it needs is not installed."""


class OutputError(BriefError):
    """An output file could not be written; earlier outputs are left as they were."""


class LockError(OutputError):
    """Another ``brief`` command holds the output folder's lock; the message names it."""
