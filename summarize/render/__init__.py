"""Renderers: the brief as JSON and Markdown, written atomically (last stage of the pipeline)."""

from __future__ import annotations

from pathlib import Path

from core.io import remove_stale, write_atomic
from summarize.pipeline import Brief
from summarize.render.json import render_json
from summarize.render.markdown import article_path, render_article, render_brief

__all__ = ["render_article", "render_brief", "render_json", "write_summaries"]


def write_summaries(brief: Brief, out: Path) -> list[Path]:
    """Write ``summaries.json``, ``brief.md`` and ``articles/<id>.md`` under ``out``.

    Everything is rendered before the first file is replaced, so an error while
    rendering leaves the previous outputs as they were. Briefs of articles no longer
    in the corpus are removed afterwards.
    """
    files = {
        out / "summaries.json": render_json(brief),
        out / "brief.md": render_brief(brief),
    }
    for article_brief in brief.articles:
        files[out / article_path(article_brief.article.id)] = render_article(
            brief, article_brief, article_brief.article
        )
    for path, text in files.items():
        write_atomic(path, text)
    remove_stale(out / "articles", "*.md", files, "brief")
    return list(files)
