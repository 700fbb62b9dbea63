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


def noun_lemma(word: str) -> str | None:
    """The lexicon's singular of an English noun ("policies" → "policy"); None when it knows no noun reading."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word.lower()).get("NOUN")
    return lemmas[0] if lemmas else None


def only_verb(word: str) -> bool:
    """A word the lexicon knows only as a verb ("recommend", "encrypting", "stole")."""
    return readings(word) == {"VERB"}


def gerund(word: str) -> bool:
    """A verb's "-ing" form the lexicon has no noun or adjective reading for ("shipping", "pricing",
    "encrypting"): a gerund in a compound, or a verb in a clause; only its place tells which."""
    lowered = word.lower()
    return lowered.endswith("ing") and (readings(lowered) or _prefixed_readings(lowered)) == {"VERB"}


def noun_compound(words: list[str]) -> bool:
    """Two words read as noun + noun ("climate change", "rate cut", "hand hygiene"): a first word
    the lexicon knows as a noun and never as an adjective, not a verb's "-ed"/"-ing" form, then a
    noun that is no adjective ("hold steady") and no "-ing" form ("resume following").

    English builds its compounds this way: a noun used as a modifier classifies the head, where
    an adjective may only describe it. Common words do not make the pair less of a compound,
    so no frequency test applies."""
    if len(words) != 2:
        return False
    first, head = (w.lower() for w in words)
    first_readings = readings(first)
    if "NOUN" not in first_readings or "ADJ" in first_readings or first.endswith(("ed", "ing")):
        return False
    head_readings = readings(head)
    return "NOUN" in head_readings and "ADJ" not in head_readings and not head.endswith("ing")


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
    if gerund(word):
        return True  # "container shipping"
    if not lemmas:
        return not _unknown_adjective(word.lower())
    if "NOUN" not in lemmas:
        return False
    lowered = word.lower()
    verb_form = "VERB" in lemmas and lemmas["VERB"][0] != lowered and not lowered.endswith("ing")
    return not (verb_form and lemmas["NOUN"][0] == lowered)


# Derivational prefixes keep the part of speech of the word they attach to ("anti-" + bacterial).
_PREFIXES = ("anti", "non", "un", "in", "im", "dis", "pre", "post", "re", "over", "under", "multi", "inter", "trans")
# Suffixes that make adjectives, nearly never nouns ("insurable", "hazardous", "careless").
_ADJECTIVE_SUFFIXES = ("able", "ible", "ous", "less", "ful")


def _unknown_adjective(word: str) -> bool:
    """A word the lexicon does not know that is still an adjective by its form: an adjective's
    suffix, or a prefix on a word known only as an adjective ("antibacterial", "unaffordable")."""
    if word.endswith(_ADJECTIVE_SUFFIXES):
        return True
    found = _prefixed_readings(word)
    return "NOUN" not in found and "ADJ" in found


def _prefixed_readings(word: str) -> frozenset[str]:
    """For a word the lexicon does not know, the readings of the word under its prefix
    ("reshaping" → shaping, "antibacterial" → bacterial); empty when there is none."""
    for prefix in _PREFIXES:
        base = word[len(prefix) :].lstrip("-")
        if word.startswith(prefix) and len(base) >= 4 and (found := readings(base)):
            return found
    return frozenset()


def only_qualifier(word: str) -> bool:
    """A word the lexicon knows only as an adjective or adverb ("generous", "lowest"), never as a noun or verb."""
    found = readings(word)
    return bool(found) and found <= {"ADJ", "ADV"}


def describing_adjective(word: str) -> bool:
    """An adjective that describes rather than classifies ("generous", "severe", "lowest"): known
    only as an adjective or adverb, and not relational (:func:`english_relational`)."""
    return only_qualifier(word) and not english_relational(word)


def english_relational(word: str) -> bool:
    """Denominal ("clinical" ← clinic, not "unequivocal"), or "-ive" ("intensive care"), which
    English compounds take as readily though it comes from verbs and adjectives."""
    return relational_adjective(word) or word.endswith("ive")


# Denominal suffixes and how the noun's spelling comes back ("nation-al", "industr-ial" → industry).
_RELATIONAL_SUFFIXES = ("ical", "ial", "al", "ic", "ary")
_STEM_ENDINGS = ("", "e", "y", "ic", "ics", "ia", "ology", "istry")  # seism-ic ← seismology, chem-ical ← chemistry


def relational_adjective(word: str) -> bool:
    """Whether an English adjective is derived from a noun the lexicon knows ("clinical" ← clinic,
    "national" ← nation, "industrial" ← industry, "economic" ← economy).

    Relational adjectives make compounds ("clinical trial"); adjectives with the same endings
    that come from no noun ("unequivocal", "annual", "crucial", "primary") qualify a mention.
    A word the lexicon does not know at all is given the benefit of the doubt.
    """
    lowered = word.lower()
    if not readings(lowered):
        return lowered.endswith(_RELATIONAL_SUFFIXES)
    for suffix in _RELATIONAL_SUFFIXES:
        if not lowered.endswith(suffix) or len(lowered) - len(suffix) < 3:
            continue
        stem = lowered[: -len(suffix)]
        stems = [stem + ending for ending in _STEM_ENDINGS]
        if stem.endswith("i"):
            stems.append(stem[:-1] + "y")
        if any("NOUN" in readings(candidate) for candidate in stems if candidate != lowered):
            return True
    return False
