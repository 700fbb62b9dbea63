"""Borrowings: English words and phrases inside French text (and French inside English).

A word is foreign when it is clearly more frequent in the other language's general
vocabulary than in the article's (``frequency.foreignness``, from wordfreq). A run of
consecutive words is kept whole ("pair programming", "Smart City") when at least one word
is clearly foreign and the others are foreign or neutral (acronyms, words both
languages share). Names of companies, people and places are not borrowings: runs
inside a named entity are left to ``entities``.
"""

from __future__ import annotations

from collections.abc import Iterator

from core.corpus.language import STOPWORDS
from glossary.extract.acronyms import is_acronym
from glossary.extract.candidates import Candidate, surface_key
from glossary.extract.entities import is_concept
from glossary.extract.frequency import foreignness
from glossary.extract.nlp import ParsedPassage

CLEARLY_FOREIGN = 1.0
"""Zipf points a word must lean towards the other language for a run to count."""
SINGLE_WORD_FOREIGN = 1.5
"""A one-word borrowing must lean further: many English words are common in French news."""
NEUTRAL = -0.5
EDGE = 0.3
"""A word at the edge of a run must lean at least this much towards the other language ("pair programming")."""
MAX_WORDS = 4
"""Longer foreign runs are quotations (titles, slogans), not terms."""


def borrowing_candidates(parsed: ParsedPassage, names: frozenset[str] = frozenset()) -> Iterator[Candidate]:
    """Foreign runs in one passage; ``names`` are words of entities found anywhere in the corpus."""
    lang = parsed.article.lang
    other = "en" if lang == "fr" else "fr"
    in_entity = {t.i for ent in parsed.doc.ents for t in ent if _is_name(ent)}
    in_entity |= {t.i for t in parsed.doc if t.text in names}
    in_entity |= _capitalised_runs(parsed.doc)
    run: list = []
    for token in [*parsed.doc, None]:
        if token is not None and (token.i in in_entity or _word_fits(token, lang)):
            run.append(token)
            continue
        # A long foreign stretch, names included, is a quotation (a title, a slogan): no term.
        stretch = _trim(run, other, require_foreign=False)
        if len([t for t in stretch if t.text not in "-–"]) <= MAX_WORDS:
            for piece in _split(stretch, in_entity):
                yield from _emit(parsed, _trim(piece, other), other)
        run = []


def _capitalised_runs(doc) -> set[int]:
    """Tokens of two or more capitalised words in a row inside a sentence ("Trade Republic"):
    a name the NER missed, not a borrowing. Acronyms do not count ("Smart TV" stays)."""

    def capitalised(token) -> bool:
        return token.text[:1].isupper() and token.text.isalpha() and not is_acronym(token.text)

    inside = set()
    for token in doc[1:]:
        before = token.nbor(-1)
        if capitalised(token) and capitalised(before) and not before.is_sent_start:
            inside |= {before.i, token.i}
    return inside


def _split(run: list, in_entity: set[int]) -> Iterator[list]:
    piece: list = []
    for token in run:
        if token.i in in_entity:
            yield piece
            piece = []
        else:
            piece.append(token)
    yield piece


def _word_fits(token, lang: str) -> bool:
    if token.text in "-–" and not token.whitespace_ and token.i > 0 and not token.nbor(-1).whitespace_:
        return True  # the hyphen inside "e-mail" or "check-in"
    if is_acronym(token.text):
        # "DNA" goes with English words, "ADN" is French; any acronym heads the foreign name it opens
        # ("XY Act"), whatever its letters read as in the article's language.
        return _lean(token.text, lang) >= 0 or _opens_foreign_name(token, lang)
    if not token.text.replace("-", "").isalpha() or token.text.lower() in STOPWORDS[lang]:
        return False
    return _lean(token.text, lang) >= NEUTRAL


def _opens_foreign_name(token, lang: str) -> bool:
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        following is not None
        and following.text[:1].isupper()
        and following.text.isalpha()
        and _lean(following.text, lang) >= CLEARLY_FOREIGN
    )


def _lean(word: str, lang: str) -> float:
    return max(foreignness(part, lang) for part in word.split("-") if part)


def _trim(run: list, other: str, require_foreign: bool = True) -> list:
    """Drop words at the edges that do not lean foreign (nor are acronyms); keep a run with a clearly foreign word."""
    lang = "fr" if other == "en" else "en"

    def anchors(token) -> bool:
        return token.text not in "-–" and (is_acronym(token.text) or _lean(token.text, lang) >= EDGE)

    while run and not anchors(run[0]):
        run = run[1:]
    while run and not anchors(run[-1]):
        run = run[:-1]
    if require_foreign and not any(t.text not in "-–" and _lean(t.text, lang) >= CLEARLY_FOREIGN for t in run):
        return []
    return run


def _emit(parsed: ParsedPassage, run: list, other: str) -> Iterator[Candidate]:
    words = [t for t in run if t.text not in "-–"]
    if not run or len(words) > MAX_WORDS or all(is_acronym(t.text) for t in run):
        return
    lang = parsed.article.lang
    if len(words) == 1 and _lean(run[0].text, lang) < SINGLE_WORD_FOREIGN:
        return
    start, end = run[0].idx, run[-1].idx + len(run[-1].text)
    text = parsed.passage.text[start:end]
    yield Candidate(
        text,
        surface_key(text),
        other,
        parsed.article.id,
        parsed.passage.id,
        parsed.offset(start),
        parsed.offset(end),
        "borrowing",
    )


def _is_name(entity) -> bool:
    # spaCy's French NER labels some borrowed concepts MISC ("Big Data"): those stay candidates.
    return entity.label_ != "MISC" or not is_concept(entity.text)
