"""Termhood of pattern candidates: C-value, spread across articles, specificity.

``termhood = C-value × specificity × (1 + SPREAD_BONUS × (articles − 1))``, kept when
at least :data:`THRESHOLD`.

- C-value (Frantzi, Ananiadou & Mima 2000) rewards long, frequent phrases and
  discounts a phrase by how often it only occurs inside longer candidates, so
  "taux directeur" is not swallowed by "taux";
  ``log2(words + 1) × (f(a) − mean f(longer candidates containing a))``.
- Specificity: terms contain at least one word that general language uses rarely;
  ``(SPECIFICITY_CEILING − lowest Zipf frequency of its words) / 3``, clipped to [0.05, 1].
- Spread: a phrase several articles use is more likely the domain's than one writer's.

The threshold was tuned on the shipped corpus (the only one we have): two-article
phrases with one moderately rare word pass (scores of 2.5 to 3.2), one-off four-word
descriptions do not (about 2.1); so do
some real one-off terms (a two-word legal term seen once scores about 2.0). Revisit it on a second corpus.
Quantities ("milliards de dollars" after a number) are measure expressions, not terms,
and are dropped before ranking.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from glossary.extract import lexicon
from glossary.extract.french_words import is_evaluative
from glossary.extract.french_words import readings as french_readings
from glossary.extract.frequency import zipf
from glossary.extract.patterns import NON_TERMINOLOGICAL

THRESHOLD = 2.4
SPREAD_BONUS = 0.5
SPECIFICITY_CEILING = 6.0


def c_values(frequencies: Mapping[str, int], silent: frozenset[str] = frozenset()) -> dict[str, float]:
    """C-value of every key (space-separated words) given how often each occurs; keys in ``silent``
    get their value but discount no key inside them."""
    values = {}
    for key, frequency in frequencies.items():
        containing = [
            f for other, f in frequencies.items() if other != key and other not in silent and f" {key} " in f" {other} "
        ]
        nested_share = sum(containing) / len(containing) if containing else 0.0
        values[key] = math.log2(len(key.split()) + 1) * (frequency - nested_share)
    return values


def specificity(words: list[str], lang: str) -> float:
    lowest = min((zipf(w.lower(), lang) for w in words if w.isalpha()), default=SPECIFICITY_CEILING)
    return min(1.0, max(0.05, (SPECIFICITY_CEILING - lowest) / 3))


def termhood(c_value: float, words: list[str], lang: str, articles: int) -> float:
    return c_value * specificity(words, lang) * (1 + SPREAD_BONUS * (articles - 1))


SPECIFIC_ZIPF = 3.0
"""A phrase seen once is kept when one of its words is rarer than this in general language."""
DEFINED_BONUS = 2.0
"""Added to the score of an entry the text defines (acronym spelled out, gloss, naming cue)."""
DEFINED_EVIDENCE = {"acronym-definition", "gloss", "alias", "cue"}


UNKNOWN_ZIPF = 1.5
"""A word below this is practically absent from general text: a coinage or a technical word ("passkeys")."""


def is_unknown(word: str, lang: str) -> bool:
    return zipf(word.lower(), lang) < UNKNOWN_ZIPF


def is_specific(words: list[str], lang: str) -> bool:
    content = [w for w in words if w.isalpha() and len(w) > 2]
    return any(zipf(w.lower(), lang) < SPECIFIC_ZIPF for w in content)


def entry_score(entry, corpus) -> float:
    """Termhood of a finished entry, comparable across kinds, from its own occurrences.

    Repetition first: an entry seen several times scores ``log2(words + 1) × occurrences ×
    specificity × spread`` (occurrences inside a longer entry are already the longer entry's,
    which is C-value's discount); an entry seen once scores ``ONE_OFF_WEIGHT × specificity``
    whatever its length, since C-value's length factor is a reward for a long phrase that
    recurs, and a long phrase written once is more often a description than a term (and
    ``UNSURE_WEIGHT × specificity`` when its shape does not read as a term either, evidence
    ``one-off``). Plus :data:`DEFINED_BONUS` when the text defines it. Acronyms and names count as fully
    specific; a term's specificity comes from wordfreq, in the language of its form.
    """
    form = entry.fr or entry.en or entry.abbreviation or ""
    lang = "fr" if entry.fr else "en"
    words = form.split()
    spread = len({o.article for o in entry.occurrences})
    specific = 1.0 if entry.kind != "term" else specificity(words, lang)
    mentions = len(entry.occurrences)
    defined = bool(DEFINED_EVIDENCE & set(entry.evidence))
    if mentions >= 2:
        score = math.log2(len(words) + 1) * mentions * specific * (1 + SPREAD_BONUS * (spread - 1))
    elif entry.candidate and not defined:
        score = UNSURE_WEIGHT * specific
    else:
        score = ONE_OFF_WEIGHT * specific
    if defined:
        score += DEFINED_BONUS
    return score


ONE_OFF_WEIGHT = 0.5
"""Below any entry seen twice (at least 2 × specificity): one mention is the weakest evidence."""
UNSURE_WEIGHT = 0.1
"""A phrase seen once whose shape neither makes it a term nor rules it out (evidence ``one-off``):
a fifth of a one-off term's weight, so it ranks below nearly every entry with better evidence."""


# Relational adjectives ("réacteur nucléaire", "clinical trial") make compounds; qualifying ones
# ("grande annonce") rarely do. Their endings are the classic cue (Daille 1996 for French).
# "-if"/"-ive" too ("pouvoir législatif"): the evaluative ones ("massif", "excessif") are told apart
# by the closed list of qualifiers that rate (french_words.is_evaluative), checked first.
_FRENCH_RELATIONAL = (
    "aire aires el elle els elles ique iques ier ière iers ières al ale aux ales oire oires eur eurs if ifs ive ives"
)
RELATIONAL_ENDINGS = {"fr": tuple(_FRENCH_RELATIONAL.split()), "en": ("al", "ic", "ical", "ary", "ive", "ory")}
COMMON_HEAD_ZIPF = 6.0
"""A head this common in general language ("fait", "cas") needs more than one mention."""
_BARE_PREPOSITIONS = {"de", "à", "en", "d"}
_ARTICLES = {"des", "du", "la", "le", "les", "l", "au", "aux"}
NOMINALISATION_ENDINGS = tuple(
    ending + plural for ending in ("tion", "sion", "ment", "age", "ure", "ité", "ance", "ence") for plural in ("", "s")
)
"""French suffixes of nouns made from verbs and adjectives ("protection", "zonage", "rareté"): the head
of a phrase with an article inside that may be a term."""


TERM, POSSIBLE, DESCRIPTION = "term", "possible", "description"
"""Verdicts on a phrase seen once (:func:`one_off_verdict`)."""


def one_off_verdict(text: str, lang: str, evidence: str, tags: str = "") -> str:
    """What the shape of a phrase seen once says: :data:`TERM`, :data:`POSSIBLE` or :data:`DESCRIPTION`.

    A term: in French a noun and a relational adjective ("indice boursier"), or two nouns
    joined by a bare preposition ("frais de gestion", "effet de levier"); in English (chunks
    between function words, no tagger) two or three words whose first is not an inflected
    verb or plural ("-s", "-ly"), with a relational adjective or a word rarer than everyday
    vocabulary. Any language: a word rare in general language (:func:`is_specific`); in a
    French tagged phrase, a word after the head ("électricité décarbonée"), since a rare head
    with a qualifier ("interconnexion croissante") is the head's term, not the phrase's.

    A description, whatever its words: a verb ("placé en rétention"), a French qualifier that
    rates ("rôle crucial"), a genitive, or a head that is no noun. Every other phrase of two to
    four words is possible: nothing in its shape makes it a term, nothing rules it out
    ("contrôle humain" is a term, "situation préoccupante" is not), and only a reader can tell.
    So is one with an English describing adjective first, or, headed by a noun made from a verb
    or an adjective (:data:`NOMINALISATION_ENDINGS`), with an article inside, whatever its words:
    "protection des consommateurs" and "fresh water" are terms, "attention des superviseurs" and
    "generous tax incentives" are not. (As descriptions, such phrases lost 28 of 2,161 expected
    terms on public pages, with no less junk among the first 30.)
    """
    words = text.replace("’", "'").replace("'", "' ").split()
    lowered = [w.lower().strip("'") for w in words]
    if not 2 <= len(words) <= 4 and not (lang == "fr" and evidence == "pattern" and _bare_chain(lowered)):
        return DESCRIPTION
    # "protection des consommateurs", "attention des superviseurs": with an article inside, a phrase
    # said once may name a process or a state of its complement, but its words, however rare, do
    # not show it; headed by any other noun ("fil des années", "tête du cortège") it is a description.
    shape_undecided = lang == "fr" and evidence == "pattern" and bool(set(lowered[1:-1]) & _ARTICLES)
    if shape_undecided and not lowered[0].endswith(NOMINALISATION_ENDINGS):
        return DESCRIPTION
    if lang == "fr" and evidence == "pattern" and tags.startswith("VERB"):
        return DESCRIPTION  # a verbal locution ("placé en rétention") is an entry only when the text repeats it
    if lang == "fr" and evidence == "pattern" and any(is_evaluative(w) for w in lowered[1:]):
        return DESCRIPTION  # "dossiers majeurs", "rôle crucial": a rating of a thing, said once, is a description
    genitive = any(w.endswith("'") or w == "s" for w in lowered)
    if lang == "en" and evidence == "chunk" and (genitive or not lexicon.can_head_term(lowered[-1])):
        return DESCRIPTION  # a genitive ("country's shift") or a head that is no noun ("drug regardless")
    if lang == "en" and evidence == "chunk" and lexicon.describing_adjective(lowered[0]):
        shape_undecided = True  # "generous tax incentives", but "fresh water": as an article in French
    if lang == "en" and evidence == "chunk" and lexicon.gerund(lowered[-1]):
        return DESCRIPTION  # "company raising": once, a gerund head cannot be told from a verb after its subject
    if not shape_undecided and _term_shape(words, lowered, text, lang, evidence, tags):
        return TERM
    if lang == "fr" and evidence == "pattern" and any(french_readings(w) == {"verb"} for w in lowered[1:]):
        return DESCRIPTION  # "rythme ralentit": a word the lexicon knows only as a verb, which the tagger missed
    return POSSIBLE


def _term_shape(words: list[str], lowered: list[str], text: str, lang: str, evidence: str, tags: str) -> bool:
    if is_specific(words if lang != "fr" or evidence != "pattern" else words[1:], lang):
        return True
    if lang == "fr" and evidence == "pattern" and zipf(lowered[0], lang) >= COMMON_HEAD_ZIPF:
        return False
    if lang == "fr" and evidence == "pattern" and tags and not _adjectives_relational(text, tags):
        return False  # "source de discorde majeure": a qualifier at the end describes, not names
    if lang == "fr" and evidence == "pattern":
        if len([w for w in lowered if w not in _BARE_PREPOSITIONS]) > 3:
            return False  # "électricité décarbonée à prix stable": a term and an adjunct
        if len(words) == 2:
            return lowered[1].endswith(RELATIONAL_ENDINGS["fr"])
        inside = set(lowered[1:-1])
        return bool(inside & _BARE_PREPOSITIONS) and not inside & _ARTICLES
    if lang == "en" and evidence == "chunk" and len(words) <= 3:
        first = lowered[0]
        inflected = first.endswith(("ly", "ed")) and "-" not in first  # "hospital-acquired" is an adjective
        if inflected or (first.endswith("s") and not first.endswith(("ss", "us", "is"))):
            return False
        if first.endswith("ing") and "-" not in first and zipf(first, lang) >= VERB_FORM_ZIPF:
            return False  # "encrypting servers": a common verb form, not a modifier ("phishing" is rare)
        relational = any(lexicon.english_relational(w) for w in lowered[:-1])
        if relational or lexicon.noun_compound(lowered):
            return True  # "clinical audit"; "climate change", which a rarity test misses
        return min(zipf(w, lang) for w in lowered) < RARE_ENOUGH_ZIPF
    return False


def _bare_chain(lowered: list[str]) -> bool:
    """Three nouns joined by bare prepositions ("gaz à effet de serre"): Daille's compound of compounds,
    as much a term as the two-noun compound it is built from, though it has five words."""
    content = [w for w in lowered[::2]]
    joints = lowered[1::2]
    return len(content) == 3 and len(lowered) == 5 and all(w in _BARE_PREPOSITIONS for w in joints)


def english_compound(text: str) -> bool:
    """Whether an untagged English run reads as a compound noun, whatever the rarity of its words.

    For a run the text repeats ("interest rate", "climate change"): repetition is the
    evidence, so only the shape must hold: two to four words, no genitive, a last word that
    can head a term, and a first word that is neither an inflected verb form ("proposed
    rules", "exploited vulnerabilities") nor a qualifier that names nothing
    ("different doses"; a qualifying adjective the text repeats, "monetary policy", may
    name).
    """
    lowered = [w.lower() for w in text.split()]
    if not 2 <= len(lowered) <= 4 or any(w.endswith(("'s", "’s", "'", "’")) for w in lowered):
        return False
    first = lowered[0]
    if not lexicon.can_head_term(lowered[-1]):
        return False
    if lexicon.gerund(first):
        return True  # a run starts on one only after an article, as a modifier ("the waiting list")
    if lexicon.only_verb(first):
        return False
    if "-" not in first and (first.endswith(("ed", "ly")) or first in NON_TERMINOLOGICAL["en"]):
        return False
    return not (first.endswith("ing") and "-" not in first and zipf(first, "en") >= VERB_FORM_ZIPF)


def _adjectives_relational(text: str, tags: str) -> bool:
    """Every adjective of a French phrase is relational, but one right after a preposition
    ("juridiction de premier ressort"), which qualifies the noun it precedes inside the compound."""
    words = re.findall(r"[^\s'’]+['’]?", text)
    roles = tags.split()
    if len(words) != len(roles):
        return True  # tokenisation differs from the text split: no judgement
    qualifying = [
        word
        for index, (word, role) in enumerate(zip(words, roles, strict=True))
        if role == "ADJ" and (index == 0 or roles[index - 1] != "ADP")
    ]
    return all(word.lower().endswith(RELATIONAL_ENDINGS["fr"]) for word in qualifying)


RARE_ENOUGH_ZIPF = 4.6
VERB_FORM_ZIPF = 3.0
"""In an English chunk seen once, one word must be less common than this (Zipf) when no adjective marks it."""
