"""Terms without a tagger: word n-grams, cut at punctuation and function words.

Used for text whose language has no part-of-speech tagger on this machine (English
without ``en_core_web_sm``). A candidate is a run of one to :data:`MAX_WORDS` words that
neither starts nor ends with a function word, holds no capitalised name (names are
``names``' job) and no adverb; "of" may sit inside ("rate of return"). Which runs are
terms is left to the ranking (C-value × specificity against wordfreq), as for tagged
patterns; single words must be rare in general language to be candidates at all. A run
that fills the whole stretch between function words or punctuation ("a | heat pump
installer | that") is a ``chunk``: the builder may keep it from one mention when it is specific.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from core.corpus.language import STOPWORDS
from core.text import fold
from glossary.extract import lexicon
from glossary.extract.acronyms import is_acronym
from glossary.extract.candidates import Candidate
from glossary.extract.frequency import zipf
from glossary.extract.nlp import ParsedPassage
from glossary.extract.patterns import NON_TERMINOLOGICAL, QUANTITIES, unfinished_end

MAX_WORDS = 4
SINGLE_WORD_ZIPF = 3.3
"""A lone word is a candidate only when general language uses it less than this (Zipf)."""
EDGE_ZIPF = 5.6
"""A word this common ("people", "year") does not start a term."""
# After these a word is a verb ("to capture", "will reduce"), never the start of a term.
VERB_MARKERS = {"to", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "cannot"}
# Adjectives that grade, count or evaluate what they qualify ("additional benefit", "multiple
# impacts", "better hand hygiene"): general vocabulary that names no kind of thing.
_EVALUATIVE = """additional extra further numerous multiple many much more most less least fewer overall entire
whole total full better best worse worst good bad great huge massive enormous tiny vast substantial considerable
crucial critical essential vital serious severe strong weak ambitious promising unprecedented dramatic sharp
steep modest slight particular specific typical traditional usual normal common simple clear real true actual
primary ultimate ideal proper sufficient adequate significant remarkable notable broad wide widespread likely
potential possible necessary collective certain fivefold twofold threefold fourfold tenfold"""
QUALIFIERS = NON_TERMINOLOGICAL["en"] | NON_TERMINOLOGICAL["fr"] | frozenset(_EVALUATIVE.split())
# Nouns that count or sort what follows them ("variety of feedstocks", "range of options").
_PARTITIVES = {"variety", "range", "array", "amount", "amounts", "host", "set", "share", "plenty", "bunch", "deal"}
_INSIDE = {"en": {"of"}, "fr": {"de", "d", "du", "des", "à", "en"}}
_TOKEN = re.compile(r"[^\W\d_][\w’'-]*[\w]|[^\W\d_]|\d+|[^\w\s]", re.UNICODE)
# After these a time unit is a date, not a term ("past week", "last year", "coming months").
_DEICTIC = {"past", "last", "next", "previous", "recent", "coming", "following", "current", "same", "this", "that"}
_TIME_UNITS = """second seconds minute minutes hour hours day days week weeks weekend weekends month months quarter
quarters year years decade decades century centuries season seasons morning mornings evening evenings night nights"""
TIME_UNITS = frozenset(_TIME_UNITS.split())
TIME_ADVERBS = frozenset(["today", "yesterday", "tomorrow", "tonight", "nowadays"])
_CONTRACTION = re.compile(r"(?:n['’]t|['’](?:re|ve|ll|d|m))$", re.I)


@cache
def function_words(lang: str) -> frozenset[str]:
    """spaCy's stop-word list for ``lang`` (shipped with spaCy itself, no model needed), and ours."""
    from importlib import import_module

    words = import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
    return frozenset(w.lower() for w in words) | STOPWORDS[lang] | {"s"}


def ngram_candidates(parsed: ParsedPassage, key_words: frozenset[str] = frozenset()) -> Iterator[Candidate]:
    """Runs of content words; a lone word only when rare in general language or, when it can
    head a term, its key is in ``key_words`` (the corpus's key words, :mod:`keyness`)."""
    lang = parsed.article.lang
    stop = function_words(lang)
    text = parsed.passage.text
    cut_at = unfinished_end(parsed)
    for sentence in parsed.passage.sentences:
        local = sentence.start - parsed.passage.start
        tokens = list(_TOKEN.finditer(text[local : local + len(sentence.text)]))
        marked = marked_verbs([t.group() for t in tokens])
        verbs = set(marked)
        gerunds: set[int] = set()
        if lang == "en":
            verbs |= {i for i, t in enumerate(tokens) if _verb_or_grade(t.group())}
            # A verb's "-ing" form may head a compound ("container shipping"); it starts none: before a
            # noun it is as often a verb with its object ("by encrypting servers") or an adjective.
            gerunds = {i for i, t in enumerate(tokens) if lexicon.gerund(t.group())}
            verbs |= gerunds
        # The first word, after any opening quotes or dashes, is sentence-initial: its capital is no name's.
        opening = next((i for i, t in enumerate(tokens) if _is_word(t.group())), 0)
        tokens = [t for t in tokens if local + t.end() < cut_at]  # "… the premium ins" — cut mid-word
        for first in range(len(tokens)):
            if first in verbs:
                if first in gerunds and _gerund_modifies(tokens, first, verbs, stop):
                    # Only as an n-gram: said once, it cannot be told from a verb and its object.
                    yield _candidate(parsed, tokens, local, first, first + 1, "ngram")
                elif _key_gerund(tokens, first, marked, key_words):
                    yield _candidate(parsed, tokens, local, first, first, "ngram")
                continue  # "to capture", "will reduce", "recommend": a verb starts no term
            for last in range(first, min(first + MAX_WORDS + 1, len(tokens))):
                words = [t.group() for t in tokens[first : last + 1]]
                if last in verbs and last != first and last not in gerunds:
                    break  # "mRNA instructs": a verb ends the run
                if last in gerunds and _followed_by(tokens, last, "to"):
                    break  # "systems according to", "costs amounting to": a verb with its complement
                if not _acceptable(words, first == opening, lang, stop, key_words):
                    if not _can_grow(words, first == opening, stop):
                        break
                    continue
                if re.search(r"\s{2,}|\n", text[local + tokens[first].start() : local + tokens[last].end()]):
                    break  # the run crosses a line or a gap
                whole = (
                    _bounded(tokens, first - 1, stop, verbs, left=True)
                    and _bounded(tokens, last + 1, stop, verbs)
                    and not _object_follows(tokens, last + 1)
                )
                yield _candidate(parsed, tokens, local, first, last, "chunk" if whole and len(words) > 1 else "ngram")
                if last in gerunds and last != first:
                    break  # a gerund heads the compound; what follows it is its object


def _candidate(parsed: ParsedPassage, tokens: list, local: int, first: int, last: int, evidence: str) -> Candidate:
    start = local + tokens[first].start()
    end = local + tokens[last].end()
    words = [t.group() for t in tokens[first : last + 1]]
    return Candidate(
        parsed.passage.text[start:end],
        ngram_key(words),
        parsed.article.lang,
        parsed.article.id,
        parsed.passage.id,
        parsed.offset(start),
        parsed.offset(end),
        evidence,
    )


def _key_gerund(tokens: list, index: int, marked: set[int], key_words: frozenset[str]) -> bool:
    """A verb's "-ing" form that the corpus keeps using as a word of its own ("doping" in a text on
    sport), where nothing makes this mention a verb: no marker before it ("to", "will"), no form of
    "be" (a progressive: "the study is evaluating") and no object after it ("for evaluating the")."""
    word = tokens[index].group()
    return (
        index not in marked
        and lexicon.gerund(word)
        and not word[:1].isupper()
        and ngram_key([word]) in key_words
        and not (index > 0 and tokens[index - 1].group().lower() in _BE)
        and not _object_follows(tokens, index + 1)
    )


_BE = {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "’s"}


def _gerund_modifies(tokens: list, index: int, verbs: set[int], stop: frozenset[str]) -> bool:
    """A verb's "-ing" form right after an article or possessive, before a noun: a modifier in a
    compound ("the waiting list", "their operating costs"), not a verb taking an object ("by
    encrypting servers"), which no article precedes."""
    if index == 0 or index + 1 >= len(tokens) or tokens[index].group()[:1].isupper():
        return False
    following = tokens[index + 1].group()
    return (
        tokens[index - 1].group().lower() in _DETERMINERS
        and index + 1 not in verbs
        and _is_word(following)
        and following.lower() not in stop
        and not following[:1].isupper()
        and lexicon.can_head_term(following)
    )


def _followed_by(tokens: list, index: int, word: str) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].group().lower() == word


def marked_verbs(words: list[str]) -> set[int]:
    """Positions of the words a marker makes verbs: after "to", "will", "can"... ("to capture"),
    and a word coordinated with one ("to capture and sequester", "to cut—or capture—"), but not
    across a comma ("to purchase, and production volumes remain")."""
    verbs: set[int] = set()
    for index in range(1, len(words)):
        before = words[index - 1].lower()
        if before in VERB_MARKERS:
            verbs.add(index)
        elif before in ("and", "or"):
            previous = index - 2
            while previous >= 0 and words[previous] in ("—", "–", "-"):
                previous -= 1  # "to cut—or capture"; after a comma, "and" starts a clause
            if previous in verbs:
                verbs.add(index)
    return verbs


def word_tokens(text: str) -> list[str]:
    """The words, numbers and punctuation marks of ``text``, as the n-grams are cut."""
    return _TOKEN.findall(text)


def _bounded(tokens: list, index: int, stop: frozenset[str], verbs: set[int], left: bool = False) -> bool:
    """Whether the token at ``index`` ends a run of content words.

    Nothing, punctuation, a function word, a name or a verb ends a run; on the left, so
    does a word with an inflectional "-s" ("includes | tax credits"): English modifiers
    are not plural, so such a word is a verb or a noun the phrase does not belong to, and
    a qualifier ("existing | coal-fired power plants", "severe | water shortages"): the run
    after it is whole as well.
    """
    if index < 0 or index >= len(tokens):
        return True
    word = tokens[index].group()
    lowered = word.lower()
    if not _is_word(word) or lowered in stop or (word[:1].isupper() and index > 0) or index in verbs:
        return True
    if _verb_form(lowered, left) or _adverb(lowered):
        return True  # "final demand | increased", "also called | antimicrobial stewardship", "| twice"
    return left and (_inflected(lowered) or lowered in QUALIFIERS or lexicon.describing_adjective(lowered))


def _verb_form(word: str, left: bool) -> bool:
    """An "-ed" form the lexicon reads as a verb: after a run, the clause's verb ("final demand |
    increased"); before one, only when it is no adjective too ("also called | antimicrobial
    stewardship", but "increased | demand pressure" may be one phrase)."""
    if not word.endswith("ed") or "-" in word:
        return False
    found = lexicon.readings(word)
    return found == {"VERB"} if left else "VERB" in found


# An article or possessive right after a run opens a noun phrase: the run's last word is a verb
# taking it as its object ("the yard offers | an extended warranty"). Demonstratives and "every"
# also open time adverbials ("water cutoffs | this summer"), so they are left out.
_DETERMINERS = {"a", "an", "the", "its", "their", "his", "her", "our", "my", "your"}


def _object_follows(tokens: list, index: int) -> bool:
    return index < len(tokens) and tokens[index].group().lower() in _DETERMINERS


def ngram_key(words: list[str]) -> str:
    """Lower case, accents folded, each word as its singular: the lexicon's noun lemma when it has
    one ("policies" → policy, "crises" → crisis, "taxes" → tax), else a final ``s`` dropped."""
    return " ".join(_singular(fold(w.replace("’", "'"))) for w in words)


@cache
def _singular(word: str) -> str:
    lemma = lexicon.noun_lemma(word)
    return lemma if lemma else re.sub(r"(?<=\w\w\w)s$", "", word)


def _adverb(word: str) -> bool:
    """An "-ly" word the lexicon has no noun reading for ("rapidly", "early"; not "supply", "family"),
    or a word it knows only as an adverb ("twice", "soon")."""
    found = lexicon.readings(word)
    return (word.endswith("ly") and "NOUN" not in found) or found == {"ADV"}


def _verb_or_grade(word: str) -> bool:
    """A word that cannot be in an English term: known only as a verb (past participles aside,
    "exploited vulnerabilities", and "-ing" forms, gerunds in compounds: "container shipping",
    "pricing power"), or a comparative or superlative."""
    if _CONTRACTION.search(word):
        return True  # "hasn't", "they're": a verb
    if not _is_word(word) or word.endswith("ed") or lexicon.gerund(word):
        return False
    parts = [part for part in word.split("-") if part]  # "second-biggest": a grading part grades the compound
    return lexicon.only_verb(word) or any(lexicon.graded_adjective(part) for part in parts)


def _inflected(word: str) -> bool:
    """A final "-s" that is no part of the stem: a plural or a verb's third person, never a modifier."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s")) and len(word) > 3


def _plural_modifier(word: str) -> bool:
    """A plural that can modify a noun ("emissions trading", "savings account", a technical "-s"
    noun the lexicon does not know): one with no verb reading, so that it is no clause's verb
    ("identifies", "costs")."""
    return "VERB" not in lexicon.readings(word)


def _is_word(token: str) -> bool:
    return token[:1].isalpha() and not _GLUED.match(token)


# Two words run together by a lost space ("shippingRates"): no word of a term. "mRNA", "eBay"
# and "iPhone" have a one-letter lower-case start.
_GLUED = re.compile(r"[a-z]{2,}[A-Z][a-z]{2,}")


def _is_name(word: str, sentence_initial: bool) -> bool:
    return word[:1].isupper() and not is_acronym(word) and not sentence_initial


def _can_grow(words: list[str], at_start: bool, stop: set[str]) -> bool:
    """Whether a longer run from the same first word could still be a candidate."""
    if not all(_is_word(w) for w in words):
        return False
    first = words[0]
    if first.lower() in stop or _is_name(first, at_start):
        return False
    return not any(_is_name(w, False) for w in words[1:])


def _acceptable(
    words: list[str], at_start: bool, lang: str, stop: set[str], key_words: frozenset[str] = frozenset()
) -> bool:
    if not all(_is_word(w) for w in words):
        return False
    lowered = [w.lower() for w in words]
    if lowered[0] in stop or lowered[-1] in stop:
        return False
    if any(w in stop and w not in _INSIDE[lang] for w in lowered[1:-1]):
        return False
    if _is_name(words[0], at_start) or any(_is_name(w, False) for w in words[1:]):
        return False
    if any(_adverb(w) for w in lowered) or lowered[-1].endswith("ed"):
        return False  # an adverb anywhere, a participle or past tense at the end ("emissions reduced")
    if len(words) > 1 and lowered[-1] in TIME_UNITS and (lowered[0] in _DEICTIC or lowered[-2] in _DEICTIC):
        return False  # "past week", "over the coming months": a time reference
    if any(w in TIME_ADVERBS for w in lowered):
        return False  # "… announced today": a time adverb belongs to the clause
    if any(w in QUALIFIERS for w in lowered):  # "writing new policies": a qualifier marks a description
        return False
    if (
        any(_inflected(w) and not _plural_modifier(w) for w in lowered[:-1])
        or lowered[0] in QUANTITIES[lang] | _PARTITIVES
    ):
        return False  # "identifies", "obliges": English compounds mostly take singular modifiers
    if all(is_acronym(w) for w in words):
        return False  # acronyms are the acronym extractor's
    if "of" in lowered and any(is_acronym(w) for w in words[lowered.index("of") + 1 :]):
        return False  # "requirements of the ABC": a description of a named thing, as in French
    if zipf(lowered[0], lang) >= EDGE_ZIPF or zipf(lowered[-1], lang) >= EDGE_ZIPF + 0.4:
        return False
    if len(words) == 1:
        if is_acronym(words[0]) or len(words[0]) <= 3:
            return False
        if lexicon.gerund(lowered[0]) and ngram_key(words) not in key_words:
            return False  # "reshaping": alone, a verb's "-ing" form is a verb unless the text keeps using it
        if not lexicon.can_head_term(lowered[0]):
            return False  # "prudential", "designed": alone, a word with no noun reading names nothing
        return zipf(lowered[0], lang) < SINGLE_WORD_ZIPF or ngram_key(words) in key_words
    return True
