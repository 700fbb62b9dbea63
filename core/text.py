"""Small text helpers shared by the corpus reader, the engines and the renderers."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from anyascii import anyascii

_WORD = re.compile(r"\w+(?:[-’']\w+)*", re.UNICODE)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!&])")
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)[’'](?=\w)", re.IGNORECASE)


def words(text: str) -> list[str]:
    """Word tokens; French elisions are split off (``l’accord`` gives ``l`` and ``accord``)."""
    tokens: list[str] = []
    for match in _WORD.finditer(text):
        token = match.group()
        elided = _ELISION.match(token)
        if elided:
            tokens.append(elided.group()[:-1])
            token = token[elided.end() :]
        tokens.append(token)
    return tokens


def fold(text: str) -> str:
    """Case- and accent-insensitive form, for comparing passages and words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by ``-``; other scripts are transliterated (``Статья`` gives ``stat-ya``).

    Without transliteration every Japanese or Cyrillic name would give the same empty
    slug. Text with nothing to transliterate (only symbols) gives ``article``.
    """
    return re.sub(r"[^a-z0-9]+", "-", anyascii(fold(text)).lower()).strip("-") or "article"


def bounded_slug(text: str, limit: int) -> str:
    """:func:`slugify` in at most ``limit`` characters, still telling different texts apart.

    A slug cut to fit, or one with nothing left of the text (``article``), ends with a
    hash of the whole text, so two long titles that share their beginning, or two
    names made only of symbols, keep different slugs.
    """
    slug = slugify(text)
    if len(slug) <= limit and (slug != "article" or fold(text) == "article"):
        return slug
    suffix = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]  # any str hashes
    return f"{slug[: limit - len(suffix) - 1].rstrip('-')}-{suffix}"


def escape_markdown(text: str) -> str:
    """Text safe to put inside a Markdown paragraph: specials escaped, line breaks flattened."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
