"""``summaries.json``: the brief as data (shape documented in the README)."""

from __future__ import annotations

import json
from typing import Any

from summarize.pipeline import Brief, SummaryPair


def render_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    return {
        "corpus": _pair(brief.overview),
        "articles": [
            {
                "id": b.article.id,
                "title": b.article.title,
                "lang": b.article.lang,
                "date": b.article.date,
                "source": b.article.source,
                **_pair(b),
                "notes": list(b.article.notes),
            }
            for b in brief.articles
        ],
        "engine": brief.engine,
        "models": brief.models,
        "generation": brief.generation,
        "warnings": brief.warnings,
        "skipped": [{"file": s.path.name, "reason": s.reason} for s in brief.corpus.skipped],
    }


def _pair(pair: SummaryPair) -> dict[str, Any]:
    return {
        "summary": dict(pair.summary),
        "engine": pair.engine,
        "citations": [{"lang": c.lang, "sentence": c.sentence, "passages": c.passages} for c in pair.citations],
        "problems": pair.problems,
        "unavailable": pair.unavailable,
    }
