"""The whole brief as one static site under ``OUT/site/``: it combines the three products.

It takes plain inputs (the :class:`~summarize.pipeline.Brief`, the
:class:`~glossary.model.Glossary`, the :class:`~core.corpus.document.Corpus` and the
paths of the translated Markdown files) and is called by the CLI after the other
steps; no product imports it. Every page is rendered in memory before the first file
is replaced; pages of articles (and translations) that left the corpus are removed,
and only pages this project wrote (see :mod:`core.ownership`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from core.corpus.decoding import NotText
from core.corpus.document import Corpus
from core.errors import ArticleError
from core.ownership import OutputRecord
from glossary.model import Glossary
from publish.site import Site, Translation, read_translation, render_site
from summarize.pipeline import Brief

__all__ = ["Site", "Translation", "render_site", "write_site"]


def write_site(out: Path, corpus: Corpus, brief: Brief, glossary: Glossary, translations: Sequence[Path]) -> list[Path]:
    """Write ``OUT/site/`` and return the paths written (``site/build.html`` says what is missing)."""
    out = Path(out)
    found: list[Translation] = []
    notes: list[str] = []
    for path in translations:
        try:
            translation = read_translation(Path(path), corpus)
        except (ArticleError, NotText) as exc:
            notes.append(f"{path.name}: not published: {exc}")
            continue
        if translation is None:
            notes.append(f"{path.name}: not published: its source article is not in the corpus")
        else:
            found.append(translation)
    for article in corpus.articles:
        if not any(t.source.id == article.id for t in found):
            notes.append(f"{article.id}: no translation to publish (see `brief translate`)")
    site = render_site(corpus, brief, glossary, found, notes)
    folder = out / "site"
    shared = {folder / name: text for name, text in site.shared.items()}
    pages = {folder / name: text for name, text in site.per_article.items()}
    return OutputRecord(out).write("site pages", pages, shared, "site page")
