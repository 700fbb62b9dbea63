"""Glossary links in rendered Markdown: terms found in markdown-it's inline tokens, never in the source.

Linking in the Markdown source broke what it touched (a term inside ``[link text](url)``
or ``**emphasis**`` left raw Markdown on the page, and terms inside URLs were linked).
Here the passage is parsed first; only its ``text`` tokens are searched, never one
inside an existing link nor the part of a text token that is a bare URL, and a match
becomes a ``link_open`` / ``text`` / ``link_close`` triple that markdown-it's own
renderer escapes.

Within one passage each entry is linked once, at its first occurrence, and where forms
overlap the longest wins ("Rio Tinto" over "Rio").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markdown_it.token import Token

_BARE_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


@dataclass(frozen=True)
class TermLink:
    href: str
    title: str
    """Tooltip: the entry's form in the other language and its kind."""


def link_terms(children: Sequence[Token], terms: Mapping[str, TermLink]) -> list[Token]:
    """Inline ``children`` with the first occurrence of each term (a surface form → its link) linked."""
    if not terms:
        return list(children)
    # Longest first, so an alternation prefers "Rio Tinto" to "Rio" at the same position.
    forms = sorted(terms, key=lambda form: (-len(form), form))
    pattern = re.compile("|".join(_bounded(form) for form in forms))
    linked: set[str] = set()
    result: list[Token] = []
    link_depth = 0
    for token in children:
        if token.type == "link_open":
            link_depth += 1
        elif token.type == "link_close":
            link_depth -= 1
        if token.type != "text" or link_depth > 0:
            result.append(token)
            continue
        result += _split(token.content, pattern, terms, linked)
    return result


def _bounded(form: str) -> str:
    """The form as a pattern that cannot start or end inside a word ("TGV" not in "TGVs")."""
    start = r"(?<!\w)" if re.match(r"\w", form) else ""
    end = r"(?!\w)" if re.search(r"\w$", form) else ""
    return start + re.escape(form) + end


def _split(text: str, pattern: re.Pattern[str], terms: Mapping[str, TermLink], linked: set[str]) -> list[Token]:
    urls = [match.span() for match in _BARE_URL.finditer(text)]
    tokens: list[Token] = []
    position = 0
    for match in pattern.finditer(text):
        link = terms[match.group()]
        inside_url = any(start <= match.start() < end for start, end in urls)
        if inside_url or link.href in linked:
            continue
        linked.add(link.href)
        if match.start() > position:
            tokens.append(_text(text[position : match.start()]))
        tokens += [
            Token("link_open", "a", 1, attrs={"class": "term", "href": link.href, "title": link.title}),
            _text(match.group()),
            Token("link_close", "a", -1),
        ]
        position = match.end()
    if position < len(text):
        tokens.append(_text(text[position:]))
    return tokens


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)
