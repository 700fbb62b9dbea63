"""``glossary.json``: the glossary as data, for other tools.

The shape mirrors :mod:`glossary.model` field for field, so a reader can rebuild the
entries with ``Entry(**item)``; entries keep the order they were given in, and the
output is byte-for-byte the same for the same glossary (no sets, no timestamps).
"""

from __future__ import annotations

import json
from typing import Any

from glossary.model import Entry, Glossary


def render_json(glossary: Glossary) -> str:
    return json.dumps(glossary_to_dict(glossary), ensure_ascii=False, indent=2) + "\n"


def glossary_to_dict(glossary: Glossary) -> dict[str, Any]:
    return {
        "entries": [entry_to_dict(entry) for entry in glossary.entries],
        "models": glossary.models,
        "settings": glossary.settings,
        "problems": list(glossary.problems),
    }


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    definition, context = entry.definition, entry.context
    return {
        "id": entry.id,
        "fr": entry.fr,
        "en": entry.en,
        "abbreviation": entry.abbreviation,
        "variants": list(entry.variants),
        "kind": entry.kind,
        "fr_source": entry.fr_source,
        "en_source": entry.en_source,
        "definition": None if definition is None else {"quote": definition.quote, "passage": definition.passage},
        "context": None if context is None else {"quote": context.quote, "passage": context.passage},
        "occurrences": [
            {
                "article": o.article,
                "passage": o.passage,
                "start": o.start,
                "end": o.end,
                "text": o.text,
                "quote": o.quote,
            }
            for o in entry.occurrences
        ],
        "entity_type": entry.entity_type,
        "score": entry.score,
        "evidence": list(entry.evidence),
        "pairing": entry.pairing,
    }
