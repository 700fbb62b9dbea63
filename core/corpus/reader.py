"""Read a folder of ``.md``/``.txt`` articles into a :class:`Corpus`."""

from __future__ import annotations

from pathlib import Path

from core.corpus.decoding import NotText, decode_text
from core.corpus.document import Article, Corpus, SkippedFile
from core.corpus.frontmatter import FrontMatterError, as_iso_date, normalise_body, split_front_matter
from core.corpus.language import detect_language
from core.corpus.passages import split_passages
from core.errors import ArticleError, CorpusError
from core.text import bounded_slug

ARTICLE_SUFFIXES = (".md", ".txt")
LANGUAGES = ("fr", "en")
MAX_ID_LENGTH = 80
"""Ids name files (``<id>.<lang>.md``, and ``.<id>.<lang>.md.<8 chars>.tmp`` while one is written):
well within the 255 bytes most file systems allow in a name, and still readable in a URL."""


def read_corpus(root: Path | str, lang: str | None = None) -> Corpus:
    """Read every ``.md``/``.txt`` file directly in ``root``, in file-name order.

    Empty, binary and undecodable files are skipped and listed in ``Corpus.skipped``;
    a file with broken front matter raises :class:`ArticleError`. ``lang`` forces the
    language of articles whose front matter does not declare one.
    """
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"{root}: corpus folder not found")
    corpus = Corpus(root=root)
    by_id: dict[str, Path] = {}
    files = article_files(root)
    for path in files:
        try:
            article = read_article(path, lang=lang)
        except NotText as exc:
            corpus.skipped.append(SkippedFile(path, str(exc)))
            continue
        if article.id in by_id:
            raise ArticleError(path, f"article id '{article.id}' is already used by {by_id[article.id].name}")
        by_id[article.id] = path
        corpus.articles.append(article)
    if not corpus.articles:
        reasons = "; ".join(f"{s.path.name}: {s.reason}" for s in corpus.skipped)
        raise CorpusError(f"{root}: no readable .md or .txt article" + (f" ({reasons})" if reasons else ""))
    return corpus


def article_files(root: Path) -> list[Path]:
    """The ``.md``/``.txt`` files directly in ``root`` (hidden ones left out), in name order."""
    return sorted(p for p in root.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith("."))


def read_article(path: Path, lang: str | None = None) -> Article:
    """Read one file. Raises :class:`NotText` for files to skip, :class:`ArticleError` for bad ones."""
    if lang is not None and lang not in LANGUAGES:
        raise ArticleError(path, f"language '{lang}' is not supported (fr or en)")
    try:
        decoded = decode_text(path.read_bytes())
    except OSError as exc:
        raise ArticleError(path, f"cannot read ({exc.strerror or exc})") from exc
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    notes = [f"encoding detected as {decoded.encoding}"] if decoded.detected else []
    try:
        meta, body = split_front_matter(text)
        body, prefix_date, body_notes = normalise_body(body)
        date = as_iso_date(meta.get("date")) or prefix_date
    except FrontMatterError as exc:
        raise ArticleError(path, str(exc)) from exc
    notes += body_notes
    if not body.strip():
        raise NotText("no text after the front matter")

    article_id = bounded_slug(str(meta.get("id") or path.stem), MAX_ID_LENGTH)
    article_lang = meta.get("lang") or lang
    if article_lang is None:
        guess = detect_language(body)
        if guess.lang is None:
            raise ArticleError(
                path,
                f"cannot tell whether the text is French or English (confidence {guess.confidence:.2f}); "
                "add 'lang: fr|en' to its front matter or pass --lang (--source-lang for brief translate)",
            )
        article_lang = guess.lang
        notes.append(f"language detected as {guess.lang} (confidence {guess.confidence:.2f})")
    if article_lang not in LANGUAGES:
        raise ArticleError(path, f"language '{article_lang}' is not supported (fr or en)")

    passages, passage_notes = split_passages(article_id, body, article_lang, markdown=path.suffix.lower() == ".md")
    if not passages:
        raise NotText("no paragraph of text")
    return Article(
        id=article_id,
        title=str(meta.get("title") or _title_from(passages[0].text)),
        lang=article_lang,
        date=date,
        source=str(meta.get("source") or path.name),
        path=path,
        text=body,
        passages=tuple(passages),
        notes=tuple(notes + passage_notes),
        front_matter=meta,
    )


def _title_from(first_passage: str, limit: int = 90) -> str:
    line = first_passage.split("\n", 1)[0]
    return line if len(line) <= limit else line[: line.rfind(" ", 0, limit)] + "…"
