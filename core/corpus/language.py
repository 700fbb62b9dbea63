"""Which language a text is in: py3langid (langid.py's model, 97 languages), kept to French and English.

A naive-Bayes model over byte n-grams tells a one-sentence French text from English,
and names the language of a text that is neither ("German, not supported") instead of
only being unsure. The model loads once (about 2 s) and answers in milliseconds.

The function-word lists stay: the glossary uses them to trim candidate terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# Written as strings to keep the lists readable; split once at import.
_FRENCH = """le la les l un une des du de d et est sont en dans pour par sur avec au aux ce cette ces
qui que qu ne pas plus se sa son ses leur leurs il elle ils elles nous vous mais ou
été être ont avait fait comme tout tous entre sans selon aussi dont"""
_ENGLISH = """the an and of to is are was were in for with by as at from that this these those
it its be been has have had not or but which who will would their they he she we you
also than into about more after over"""
STOPWORDS = {"fr": frozenset(_FRENCH.split()), "en": frozenset(_ENGLISH.split())}
SUPPORTED = ("fr", "en")
MIN_CONFIDENCE = 0.3
"""French or English must lead the 97 languages with at least this probability (normalised); below,
the text is too short or too mixed to say. Naming another language takes ``NAME_CONFIDENCE``."""
NAME_CONFIDENCE = 0.5
_NAMES = {
    "fr": "French", "en": "English", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "ca": "Catalan", "pl": "Polish", "ru": "Russian", "sv": "Swedish", "da": "Danish",
    "no": "Norwegian", "fi": "Finnish", "ro": "Romanian", "cs": "Czech", "tr": "Turkish", "ar": "Arabic",
    "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "el": "Greek", "hu": "Hungarian", "uk": "Ukrainian",
}  # fmt: skip
# Languages and creoles so close to French that a short French text may score as one of them
# (Occitan, Walloon, Franco-Provençal, Picard, Norman, Haitian, Guadeloupean and Guianese creoles).
_FRENCH_KIN = frozenset({"oc", "wa", "frp", "pcd", "nrm", "ht", "gcf", "gcr"})


@dataclass(frozen=True)
class LanguageGuess:
    lang: str | None
    """``fr``, ``en``, or None when the text is too short, unclear or in another language."""
    confidence: float
    """The detector's probability for the language it found (0..1)."""
    found: str | None = None
    """The language code the detector found, supported or not (``de`` for German)."""

    @property
    def reason(self) -> str:
        """Why ``lang`` is None, in words a user can act on."""
        if self.found and self.found not in SUPPORTED and self.confidence >= NAME_CONFIDENCE:
            return f"{_NAMES.get(self.found, self.found)}, not supported (French or English only)"
        return f"cannot tell whether the text is French or English (confidence {self.confidence:.2f})"


def detect_language(text: str) -> LanguageGuess:
    """French, English, another language, or not sure; from the first 20,000 characters."""
    sample = text[:20000]
    if not any(c.isalpha() for c in sample):
        return LanguageGuess(None, 0.0)
    found, confidence = _identifier().classify(sample)
    confidence = float(confidence)
    if found in _FRENCH_KIN:
        # A short French text often scores as a close relative: count the family together.
        ranking = dict(_identifier().rank(sample))
        found, confidence = "fr", float(sum(ranking.get(code, 0.0) for code in ("fr", *_FRENCH_KIN)))
    if found in SUPPORTED and confidence >= MIN_CONFIDENCE:
        return LanguageGuess(found, confidence, found)
    return LanguageGuess(None, confidence, found)


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
