"""Recognise generations that must not be passed off as summaries: empty or degenerate text."""

from __future__ import annotations

import re
from collections import Counter

from core.text import words

# A word making up more than this share of a text of MIN_WORDS or more is a loop, not prose.
MAX_SHARE_OF_ONE_WORD = 0.4
MIN_DISTINCT_RATIO = 0.3
MIN_WORDS = 6
# The same few characters four times or more in a row ("isationisationisation..."): a subword loop.
_CHARACTER_LOOP = re.compile(r"(.{1,20}?)\1{3,}", re.DOTALL)
MAX_LOOP_SHARE = 0.4


def generation_problem(text: str) -> str | None:
    """Why ``text`` is unusable as model output, or None when it looks like prose."""
    tokens = [w.casefold() for w in words(text)]
    if not tokens:
        return "empty output" if not text.strip() else "output has no words"
    if len(tokens) >= MIN_WORDS:
        word, count = Counter(tokens).most_common(1)[0]
        if count / len(tokens) > MAX_SHARE_OF_ONE_WORD:
            return f"degenerate output: '{word}' repeated {count} times in {len(tokens)} words"
        if len(set(tokens)) / len(tokens) < MIN_DISTINCT_RATIO:
            return f"degenerate output: only {len(set(tokens))} distinct words in {len(tokens)}"
    looped = sum(len(m.group()) for m in _CHARACTER_LOOP.finditer(text) if not m.group(1).isspace())
    if looped / len(text) > MAX_LOOP_SHARE:
        return f"degenerate output: a character sequence repeated over {looped} of {len(text)} characters"
    return None
