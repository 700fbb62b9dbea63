"""Read a folder of ``.md``/``.txt`` articles into a :class:`Corpus`."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from core.corpus.decoding import NotText, decode_text, remove_controls
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
MAX_ARTICLE_BYTES = 2_000_000
"""Larger files are skipped, with a message, by every command: split them into articles."""


def read_corpus(root: Path | str, lang: str | None = None) -> Corpus:
    """Read every ``.md``/``.txt`` file directly in ``root``, in file-name order.

    A file that cannot be an article (empty, binary, undecodable, too large, a symbolic
    link or anything but a regular file) or is a bad one (broken front matter, language
    not French or English) is skipped and listed in ``Corpus.skipped`` with the reason:
    one bad file does not stop the others. ``lang`` forces the language of articles whose
    front matter does not declare one.
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
        except ArticleError as exc:
            corpus.skipped.append(SkippedFile(path, exc.problem))
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
    decoded = decode_text(read_regular_file(path))
    text, controls = remove_controls(decoded.text.replace("\r\n", "\n").replace("\r", "\n"))
    notes = [f"encoding detected as {decoded.encoding}"] if decoded.detected else []
    if controls:
        notes.append(f"{controls} control character(s) removed (vertical tab, form feed and NEL became line breaks)")
    try:
        meta, body = split_front_matter(text)
        body, prefix_date, body_notes = normalise_body(body)
        date = as_iso_date(meta.get("date")) or prefix_date
    except FrontMatterError as exc:
        raise ArticleError(path, str(exc)) from exc
    notes += body_notes
    if not body.strip():
        raise NotText("no text after the front matter")

    article_id = bounded_slug(remove_controls(str(meta.get("id") or path.stem))[0], MAX_ID_LENGTH)
    article_lang = meta.get("lang") or lang
    if article_lang is None:
        guess = detect_language(body)
        if guess.lang is None:
            raise ArticleError(
                path,
                f"{guess.reason}; add 'lang: fr|en' to its front matter "
                "or pass --lang (--source-lang for brief translate)",
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
        title=remove_controls(str(meta.get("title") or _title_from(passages[0].text)))[0],
        lang=article_lang,
        date=date,
        source=remove_controls(str(meta.get("source") or path.name))[0],
        path=path,
        text=body,
        passages=tuple(passages),
        notes=tuple(notes + passage_notes),
        front_matter=meta,
    )


def read_regular_file(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most :data:`MAX_ARTICLE_BYTES`.

    A symbolic link is never followed (``corpus/passwd.md -> /etc/passwd`` would publish the
    password file), and nothing but a regular file is opened for reading (a FIFO would block
    forever): both are :class:`NotText`, to skip. The checks are made on the open file, so
    the file cannot be swapped between check and read.
    """
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            raise NotText(_not_regular(info.st_mode))
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotText(_not_regular(stat.S_IFLNK)) from exc
        raise ArticleError(path, f"cannot read ({exc.strerror or exc})") from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotText(_not_regular(info.st_mode))
        try:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
        except OSError as exc:
            raise ArticleError(path, f"cannot read ({exc.strerror or exc})") from exc
    if len(data) > MAX_ARTICLE_BYTES:
        raise NotText(
            f"too large ({max(info.st_size, len(data)) / 1e6:.1f} MB; the limit is "
            f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB per article): split it into articles"
        )
    return data


def _not_regular(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "symbolic link, not followed (copy the file into the corpus folder instead)"
    if stat.S_ISDIR(mode):
        return "a folder, not an article file"
    if stat.S_ISFIFO(mode):
        return "a FIFO, not an article file"
    return "not a regular file"


def _title_from(first_passage: str, limit: int = 90) -> str:
    line = first_passage.split("\n", 1)[0]
    return line if len(line) <= limit else line[: line.rfind(" ", 0, limit)] + "…"
