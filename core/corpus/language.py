"""French/English identification from function words.

Only two languages are possible here, and the most frequent function words of French
and English barely overlap, so counting them is as reliable as a general-purpose
detector on a paragraph of news text, with no model to ship (``detect_language`` gives
the confidence so callers can refuse a text that is neither).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.text import words

# Written as strings to keep the lists readable; split once at import.
_FRENCH = """le la les l un une des du de d et est sont en dans pour par sur avec au aux ce cette ces
qui que qu ne pas plus se sa son ses leur leurs il elle ils elles nous vous mais ou
été être ont avait fait comme tout tous entre sans selon aussi dont"""
_ENGLISH = """the an and of to is are was were in for with by as at from that this these those
it its be been has have had not or but which who will would their they he she we you
also than into about more after over"""
STOPWORDS = {"fr": frozenset(_FRENCH.split()), "en": frozenset(_ENGLISH.split())}
MIN_HITS = 3
MIN_CONFIDENCE = 0.7


@dataclass(frozen=True)
class LanguageGuess:
    lang: str | None
    """``fr``, ``en``, or None when the text is too short or is neither."""
    confidence: float
    """Share of the function words found that belong to ``lang`` (0..1)."""


def detect_language(text: str) -> LanguageGuess:
    tokens = [w.lower() for w in words(text[:20000])]
    hits = {lang: sum(t in vocab for t in tokens) for lang, vocab in STOPWORDS.items()}
    total = sum(hits.values())
    if total < MIN_HITS:
        return LanguageGuess(None, 0.0)
    lang = max(hits, key=hits.get)
    confidence = hits[lang] / total
    return LanguageGuess(lang if confidence >= MIN_CONFIDENCE else None, confidence)
