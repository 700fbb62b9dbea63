"""Split text into pieces that fit a model's input limit, on sentence boundaries, losing nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

TokenCounter = Callable[[str], int]


def chunk_sentences(sentences: Sequence[str], limit: int, count_tokens: TokenCounter) -> list[str]:
    """Greedily pack consecutive sentences into chunks of at most ``limit`` tokens.

    A sentence longer than the limit on its own is cut between words (see
    :func:`split_long_text`), so every word of the input is in exactly one chunk.
    """
    chunks: list[str] = []
    current: list[str] = []
    for sentence in sentences:
        if count_tokens(sentence) > limit:
            if current:
                chunks.append(" ".join(current))
                current = []
            chunks.extend(split_long_text(sentence, limit, count_tokens))
            continue
        candidate = " ".join([*current, sentence])
        if current and count_tokens(candidate) > limit:
            chunks.append(" ".join(current))
            current = [sentence]
        else:
            current.append(sentence)
    if current:
        chunks.append(" ".join(current))
    return chunks


def split_long_text(text: str, limit: int, count_tokens: TokenCounter) -> list[str]:
    """Cut a text with no usable sentence boundary between words into pieces within ``limit``.

    Binary search on the number of words keeps the tokenizer calls logarithmic per piece.
    A single word longer than the limit is cut between characters as a last resort.
    """
    pieces: list[str] = []
    remaining = text.split()
    while remaining:
        low, high = 1, len(remaining)
        while low < high:
            middle = (low + high + 1) // 2
            if count_tokens(" ".join(remaining[:middle])) <= limit:
                low = middle
            else:
                high = middle - 1
        if count_tokens(remaining[0]) > limit:
            word = remaining.pop(0)
            pieces.extend(_split_word(word, limit, count_tokens))
            continue
        pieces.append(" ".join(remaining[:low]))
        remaining = remaining[low:]
    return pieces


def _split_word(word: str, limit: int, count_tokens: TokenCounter) -> list[str]:
    pieces = []
    while word:
        size = len(word)
        while size > 1 and count_tokens(word[:size]) > limit:
            size //= 2
        pieces.append(word[:size])
        word = word[size:]
    return pieces
