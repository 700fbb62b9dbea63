"""Numbers, dates, amounts, percentages, URLs, e-mail addresses and identifiers inside sentences: kept as written.

A sentence goes to the model whole, so the model sees it as a sentence; its output is
then checked: every protected token of the source must come back character for
character. A token the model rewrote (``12,5`` → ``12.5``, ``2024`` → ``2025``) is
repaired when the output has exactly as many number-like tokens as the source in
the same places (each is put back in order). When it cannot be repaired the sentence
is translated again in pieces around its tokens, and the tokens are inserted as
written: the model never sees them, so it cannot change them (the price, as for
glossary terms, is a sentence translated in pieces).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_URL = r"(?:https?|ftp)://[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]]|www\.[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_DATE = r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}[:h]\d{2}"
# A number with its sign, thousands groups (space, no-break space, comma, dot), decimals and a unit
# that is written attached to it (%, currency, an SI prefix before the currency).
_NUMBER = (
    r"(?:[$€£¥]\s?)?[-+−]?\d+(?:[\u00a0\u202f ,.']\d{3}(?!\d))*(?:[.,]\d+)?"
    r"(?:[\u00a0\u202f ]?(?:%|‰|[kKMG]?[€$£¥]|pp))?(?![\w])"
)
# Identifiers (snake_case, dotted.names, versions such as v2.1.3): code words in prose.
_IDENTIFIER = r"\b[A-Za-z][\w]*_[\w]+\b|\bv?\d+(?:\.\d+){2,}\b"
PROTECTED = re.compile("|".join(f"(?:{p})" for p in (_URL, _EMAIL, _DATE, _IDENTIFIER, _NUMBER)))
_NUMBER_LIKE = re.compile(
    r"[$€£¥]?[-+−]?\d(?:[\d\u00a0\u202f ,.'/:h-]*\d)?(?:\s?(?:%|‰|[kKMG]?[€$£¥]))?|[\w.+-]+@[\w.-]+\w|\w+://[^\s<>]+\w"
)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


def protected_tokens(text: str) -> list[Token]:
    """The protected tokens of ``text``, in order (none inside another)."""
    return [Token(m.start(), m.end(), m.group()) for m in PROTECTED.finditer(text) if m.group().strip()]


def restore(source_tokens: list[str], output: str) -> tuple[str, bool] | None:
    """``output`` with every source token back as written, and whether anything had to be repaired.

    None when it cannot be repaired: the sentence must be translated around its tokens.
    """
    if not source_tokens:
        return output, False
    found = Counter(t.text for t in protected_tokens(output))
    if not Counter(source_tokens) - found:
        return output, False
    # Put each source token, in order, in the place of the output's number-like tokens.
    candidates = [m for m in _NUMBER_LIKE.finditer(output) if m.group().strip()]
    if len(candidates) != len(source_tokens):
        return None
    pieces, cursor = [], 0
    for match, token in zip(candidates, source_tokens, strict=True):
        pieces.append(output[cursor : match.start()])
        trailing = match.group()[len(match.group().rstrip()) :]
        pieces.append(token + trailing)
        cursor = match.end()
    pieces.append(output[cursor:])
    return "".join(pieces), True
