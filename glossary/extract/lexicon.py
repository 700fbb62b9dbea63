"""Parts of speech an English word can have, from a lexicon, for text no tagger has read.

The model-free English path (``ngrams``) has no tagger, and a run of content words
often starts with a verb ("experts recommend multi-factor authentication"). LemmInflect
ships a lexicon of English words with the parts of speech each can take; a word it
knows only as a verb cannot be part of a term. Unknown words (new coinages,
"phishing") are left alone.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def readings(word: str) -> frozenset[str]:
    """The universal POS tags ``word`` can have (``NOUN``, ``VERB``, ``ADJ``...); empty when unknown."""
    from lemminflect import getAllLemmas

    return frozenset(getAllLemmas(word.lower()))


def only_verb(word: str) -> bool:
    """A word the lexicon knows only as a verb ("recommend", "encrypting", "stole")."""
    return readings(word) == {"VERB"}


def graded_adjective(word: str) -> bool:
    """A comparative or superlative ("cheaper", "weakest"): it grades, it does not name."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word.lower()).get("ADJ", ())
    return readings(word) == {"ADJ"} and bool(lemmas) and lemmas[0] != word.lower() and word.endswith(("er", "est"))
