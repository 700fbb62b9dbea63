"""Renderers: the brief as JSON and Markdown, written atomically (last stage of the pipeline)."""

from __future__ import annotations

from pathlib import Path

from core.ownership import OutputRecord
from summarize.pipeline import Brief
from summarize.render.json import render_json
from summarize.render.markdown import article_path, render_article, render_brief

__all__ = ["render_article", "render_brief", "render_json", "write_summaries"]


def write_summaries(brief: Brief, out: Path) -> list[Path]:
    """Write ``summaries.json``, ``brief.md`` and ``articles/<id>.md`` under ``out``.

    Everything is rendered, then written to temporary files, before the first file is
    replaced, so an error while rendering or writing leaves the previous outputs as they
    were. Briefs of articles no longer in the corpus are removed afterwards, and only
    briefs this project wrote (see :mod:`core.ownership`).
    """
    shared = {
        out / "summaries.json": render_json(brief),
        out / "brief.md": render_brief(brief),
    }
    briefs = {out / article_path(pair.article.id): render_article(brief, pair, pair.article) for pair in brief.articles}
    return OutputRecord(out).write("briefs", briefs, shared, "brief")
