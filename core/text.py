"""Small text helpers shared by the corpus reader, the engines and the renderers."""

from __future__ import annotations

import re
import unicodedata

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
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "article"


def escape_markdown(text: str) -> str:
    """Text safe to put inside a Markdown paragraph: specials escaped, line breaks flattened."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
