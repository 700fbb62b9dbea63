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


def can_head_term(word: str) -> bool:
    """Whether an English word can be the head (last word) of a term: a noun, or unknown to the lexicon.

    Words the lexicon has no noun reading for ("alongside", "regardless") cannot; nor can
    an inflected verb form whose only noun reading is the same frozen spelling ("known",
    "remains", "given": nouns only in "the known", "human remains"), unlike a regular noun
    with its own lemma ("rates" → "rate") or a gerund ("meeting").
    """
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word.lower())
    if not lemmas:
        return True
    if "NOUN" not in lemmas:
        return False
    lowered = word.lower()
    verb_form = "VERB" in lemmas and lemmas["VERB"][0] != lowered and not lowered.endswith("ing")
    return not (verb_form and lemmas["NOUN"][0] == lowered)


def only_qualifier(word: str) -> bool:
    """A word the lexicon knows only as an adjective or adverb ("generous", "lowest"), never as a noun or verb."""
    found = readings(word)
    return bool(found) and found <= {"ADJ", "ADV"}
