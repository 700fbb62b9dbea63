"""Glossary outputs: JSON, Markdown, TBX and CSV, written atomically.

Files under ``out``: ``glossary.json``, ``glossary.md``, ``glossary.tbx`` and ``glossary.csv``
(the glossary's pages of the static site are rendered by :mod:`publish`, which combines
it with the briefs and the translations). As with
:func:`summarize.render.write_summaries`, everything is checked and rendered in memory
before the first file is replaced, so a glossary that does not fit the corpus (an
occurrence naming an unknown article, offsets that do not match the text) or any other
rendering or writing error leaves the previous outputs as they were.
"""

from __future__ import annotations

from pathlib import Path

from core.corpus.document import Article, Corpus, Passage
from core.errors import GlossaryError
from core.io import write_files_atomic
from glossary.model import Glossary
from glossary.render.csv import csv_report, render_csv
from glossary.render.json import render_json
from glossary.render.markdown import render_markdown
from glossary.render.tbx import render_tbx

__all__ = [
    "check_glossary",
    "csv_report",
    "render_csv",
    "render_json",
    "render_markdown",
    "render_tbx",
    "write_glossary",
]


def write_glossary(
    glossary: Glossary, corpus: Corpus, out: Path, csv_header: bool = True, csv_identical: bool = False
) -> list[Path]:
    """Write every glossary output under ``out`` and return the paths written, in order.

    ``csv_header`` writes the ``fr,en`` line; ``csv_identical`` keeps pairs whose two sides
    are the same (see :mod:`glossary.render.csv`).
    """
    out = Path(out)
    check_glossary(glossary, corpus)
    shared = {
        out / "glossary.json": render_json(glossary),
        out / "glossary.md": render_markdown(glossary, corpus),
        out / "glossary.tbx": render_tbx(glossary, corpus),
        out / "glossary.csv": render_csv(glossary, header=csv_header, keep_identical=csv_identical),
    }
    write_files_atomic(shared)
    return list(shared)


def check_glossary(glossary: Glossary, corpus: Corpus) -> None:
    """Raise :class:`GlossaryError` when an entry does not fit the corpus it claims to come from.

    Every page links entries and passages both ways, so an entry id must be a usable,
    unique anchor, and every occurrence must name an article and one of its passages
    whose text at ``start:end`` is the occurrence's text; a definition must name a
    passage of the corpus. Checking first turns a would-be broken link or ``KeyError``
    halfway through rendering into one message that names the entry.
    """
    articles = {article.id for article in corpus.articles}
    seen: set[str] = set()
    for entry in glossary.entries:
        where = f"glossary entry '{entry.id}'"
        if not entry.id or any(ch.isspace() for ch in entry.id):
            raise GlossaryError(f"{where}: the id must be non-empty and without spaces (it is a page anchor)")
        if entry.id in seen:
            raise GlossaryError(f"{where}: the id is used by another entry")
        seen.add(entry.id)
        if entry.definition:
            _passage(corpus, entry.definition.passage, f"{where}: definition")
        if entry.context:
            _passage(corpus, entry.context.passage, f"{where}: context")
        for occurrence in entry.occurrences:
            what = f"{where}: occurrence '{occurrence.text}' ({occurrence.passage})"
            if occurrence.article not in articles:
                raise GlossaryError(f"{what}: unknown article '{occurrence.article}'")
            article, passage = _passage(corpus, occurrence.passage, what)
            if occurrence.article != article.id:
                raise GlossaryError(f"{what}: names article '{occurrence.article}' but a passage of '{article.id}'")
            if not passage.start <= occurrence.start < occurrence.end <= passage.end:
                raise GlossaryError(
                    f"{what}: offsets {occurrence.start}-{occurrence.end} are outside the passage "
                    f"({passage.start}-{passage.end})"
                )
            found = article.text[occurrence.start : occurrence.end]
            if found != occurrence.text:
                raise GlossaryError(f"{what}: the article text at {occurrence.start}-{occurrence.end} is '{found}'")


def _passage(corpus: Corpus, passage_id: str, what: str) -> tuple[Article, Passage]:
    article_id, _, anchor = passage_id.partition("#")
    try:
        article = corpus.article(article_id)
    except KeyError:
        raise GlossaryError(f"{what}: unknown article '{article_id}'") from None
    try:
        return article, article.passage(passage_id)
    except KeyError:
        raise GlossaryError(f"{what}: article '{article_id}' has no passage '{anchor or passage_id}'") from None
