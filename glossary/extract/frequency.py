"""General-language word frequencies (wordfreq), for specificity and for spotting borrowings."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` in general ``lang`` text: 0 unknown, 3 rare, 6+ very common."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def foreignness(word: str, lang: str) -> float:
    """How much more common ``word`` is in the other language than in ``lang`` (Zipf points)."""
    other = "en" if lang == "fr" else "fr"
    lowered = word.lower()
    return zipf(lowered, other) - zipf(lowered, lang)
