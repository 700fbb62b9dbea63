"""Names without an NER model: runs of capitalised words, typed by their own words.

Used where no spaCy pipeline with entities exists for the language (English without
``en_core_web_sm``). A run of capitalised words, joined by the short links names use
("of", "and", "for", "de"), is a name; the first word of a sentence only counts when the
run has several words or the word is rare in general language in lower case ("Pfizer"
but not "Security"). The label comes from the name's own words and its context:
organisation words (Agency, Bank, Inc, ...) give ORG, a place preposition before a
one-word name gives LOC, two or three words ending in a word rare as a common noun
give PER, the rest MISC.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from core.corpus.language import STOPWORDS
from glossary.extract import lexicon
from glossary.extract.acronyms import is_acronym, shouted
from glossary.extract.candidates import Candidate
from glossary.extract.frequency import zipf
from glossary.extract.nlp import ParsedPassage
from glossary.extract.organisations import ORGANISATION_WORDS
from glossary.extract.patterns import CALENDAR_WORDS, unfinished_end

# Initials keep their final period ("U.S."); other words end on a letter or digit.
# A period inside a word is kept ("Node.js"), unless a capitalised word follows it with no space:
# a sentence end whose space was lost ("… the Act.The agency …").
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_](?:[\w’'&-]|\.(?![A-Z][a-z]))*[\w]|[^\W\d_]|\d+", re.UNICODE)
_LINKS = {"of", "and", "for", "de", "du", "des", "la", "le", "the", "on", "&"}
_LEADING = {"the", "a", "an", "le", "la", "les", "l", "un", "une", "this", "its"}
PLACE_PREPOSITIONS = {"in", "at", "from", "to", "near", "à", "en", "dans"}
SURNAME_ZIPF = 3.5
COMMON_ZIPF = 4.0
"""A sentence-initial word at least this common in lower case is an ordinary word, not a name."""


def name_candidates(parsed: ParsedPassage) -> Iterator[tuple[Candidate, str]]:
    text = parsed.passage.text
    lang = parsed.article.lang
    if _title_case(text):
        return  # "Drought Crisis Deepens in the West": a headline's capitals mark no names
    cut_at = unfinished_end(parsed)
    # "THE AGENCY SAYS ...": a shouted word's capitals mark no name.
    quiet = {start for start, _ in shouted(parsed.doc.text, lang)}  # the same length as ``text``
    for sentence in parsed.passage.sentences:
        local = sentence.start - parsed.passage.start
        words = list(_WORD.finditer(text[local : local + len(sentence.text)]))
        words = [w for w in words if local + w.end() < cut_at]  # the last word of a page cut mid-word
        words = _without_modifiers(words)
        index = 0
        while index < len(words):
            run, taken = _run_from(words, index, text, local, quiet)
            if not run:
                index += max(1, taken)
                continue
            index += taken
            # After a colon a clause starts, capitalised by style ("High risk: Systems used in …").
            initial = run[0] is words[0] or text[local : local + run[0].start()].rstrip().endswith(":")
            if len(run) == 1 and _no_name(run[0].group(), initial):
                continue
            if initial and zipf(run[0].group().lower(), lang) >= COMMON_ZIPF:
                if len(run) == 1:
                    continue
                # "Today the U.S. Agency": an ordinary word capitalised by the sentence start is no part of the name.
                run = run[1:]
                while run and run[0].group().lower() in _LINKS | _LEADING:
                    run = run[1:]
                if not run or (len(run) == 1 and _common_noun(run[0].group(), lang)):
                    continue  # "Unacceptable Risk: …": a run-in heading's title case, no name left
            if len(run) == 1 and _common_noun(run[0].group(), lang) and _number_follows(text, local + run[0].end()):
                continue  # "a Category 3 cyclist", "Phase 2": a numbered class, no name
            if len(run) == 1 and is_acronym(run[0].group()):
                continue  # the acronym extractor's
            if sum(is_acronym(word.group()) for word in run) >= 2:
                continue  # "NHC NWS Forecast": acronyms side by side are a list or stacked modifiers, no name
            if all(word.group().lower() in CALENDAR_WORDS["en"] | CALENDAR_WORDS["fr"] for word in run):
                continue  # "April", "Monday": capitalised by spelling rule, a date, not a name
            start, end = local + run[0].start(), local + run[-1].end()
            name = text[start:end]
            if name.endswith(("'s", "’s")):
                name, end = name[:-2], end - 2  # "the EPA's authority": the name is "EPA"
            if len(name.split()) == 1 and is_acronym(name):
                continue
            before = text[max(0, start - 6) : start].split()
            yield (
                Candidate(
                    name,
                    name,
                    lang,
                    parsed.article.id,
                    parsed.passage.id,
                    parsed.offset(start),
                    parsed.offset(end),
                    "entity",
                ),
                _label(name, before[-1].lower() if before else ""),
            )


def _number_follows(text: str, end: int) -> bool:
    return bool(re.match(r"\s\d", text[end : end + 2]))


def _common_noun(word: str, lang: str) -> bool:
    return zipf(word.lower(), lang) >= COMMON_ZIPF and "NOUN" in lexicon.readings(word)


def _no_name(word: str, sentence_initial: bool) -> bool:
    """A lone capitalised word that names nothing: the pronoun "I", a single letter (an initial
    or a class: "A. Allen", "W/AFS26"), a function word ("This" after a colon), or a sentence's
    first word that the lexicon knows only as an adjective, adverb or verb ("Greener", "Uninsurable")."""
    if word == "I" or word in ("I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll"):
        return True
    if len(word) == 1 or word.lower() in STOPWORDS["en"] | STOPWORDS["fr"]:
        return True
    readings = lexicon.readings(word)
    return sentence_initial and bool(readings) and "NOUN" not in readings


def _without_modifiers(words: list) -> list:
    """The words with each capitalised compound modifier left out ("Yemen-based", "US-led",
    "Iran-backed"): its head is a lower-case adjective, so it qualifies the name after it and
    is no part of it ("Yemen-based Houthi rebels" names "Houthi")."""
    return [w for w in words if not _compound_modifier(w.group())]


def _compound_modifier(word: str) -> bool:
    parts = word.split("-")
    return len(parts) >= 2 and parts[0][:1].isupper() and parts[-1].isalpha() and parts[-1].islower()


def _genitive(word: str) -> bool:
    return word.endswith(("'s", "’s"))


TITLE_CASE_WORDS = 3


def _title_case(text: str) -> bool:
    """Every word of four letters or more capitalised, and at least :data:`TITLE_CASE_WORDS` of them:
    a headline in title case, where a capital is the style's, not a name's."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) >= 4]
    return len(long_words) >= TITLE_CASE_WORDS and all(w[:1].isupper() for w in long_words)


def _run_from(words: list, index: int, text: str, local: int, quiet: set[int]) -> tuple[list, int]:
    """The name starting at ``index`` (articles and trailing links trimmed) and how many words it spans;
    words starting at a ``quiet`` offset are capitalised by shouting, not as names."""

    def _capitalised(word) -> bool:
        return word.group()[:1].isupper() and local + word.start() not in quiet

    if not _capitalised(words[index]):
        return [], 1
    run = [words[index]]
    position = index + 1
    while position < len(words):
        gap = text[local + run[-1].end() : local + words[position].start()]
        if gap.strip():
            break
        word = words[position].group()
        if _genitive(run[-1].group()):
            break  # "ESA's European Service Module": the genitive ends one name; the next starts after it
        if _capitalised(words[position]):
            run.append(words[position])
            position += 1
            continue
        # A link word joins two capitalised words ("Food and Drug Administration").
        # ... but not onto a capitalised article, which opens another name ("Safety for | The X Company").
        if (
            word.lower() in _LINKS
            and position + 1 < len(words)
            and _capitalised(words[position + 1])
            and words[position + 1].group().lower() not in _LEADING
        ):
            next_gap = text[local + words[position].end() : local + words[position + 1].start()]
            if not next_gap.strip():
                run += [words[position], words[position + 1]]
                position += 2
                continue
        break
    taken = len(run)
    while run and run[-1].group().lower() in _LINKS:
        run.pop()
    while len(run) > 1 and run[0].group().lower() in _LEADING:
        run = run[1:]  # "The World Health Organization": the article is not part of the name
    return run, taken


def _label(name: str, word_before: str) -> str:
    words = name.split()
    if any(w.lower().strip(".") in ORGANISATION_WORDS for w in words):
        return "ORG"
    if any(c.isupper() for w in words for c in w[1:]) and len(words) == 1:
        return "ORG"  # inner capitals ("CrowdStrike") are company spelling
    if len(words) == 1 and word_before in PLACE_PREPOSITIONS:
        return "LOC"
    # "Marie Curie" but not "United States": a person's surname is rare as a common word.
    title_case = all(w[:1].isupper() and w[1:].islower() for w in words)
    if 2 <= len(words) <= 3 and title_case and zipf(words[-1].lower(), "en") < SURNAME_ZIPF:
        return "PER"
    return "MISC"
