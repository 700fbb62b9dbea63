"""Terms announced by the text itself: naming cues, quotation marks, and glosses in parentheses.

- Naming cues introduce a name for what was just described: "appelées X", "dit(e)(s) X",
  "c'est-à-dire X", "soit X"; in English "called X", "known as X", "so-called X", "i.e. X".
  The sentence is then the term's best definition.
- Short phrases in quotation marks (« X », “X”) are often terms being introduced.
- ``phrase (gloss)``: a French phrase followed by its English equivalent in parentheses,
  "dispositifs matériels (hardware)", pairs the two forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from glossary.extract.candidates import Candidate, surface_key
from glossary.extract.frequency import foreignness
from glossary.extract.nlp import ParsedPassage
from summarize.corpus.language import STOPWORDS

NAMING_CUES = {
    "fr": r"appel[ée]e?s?|dite?s?|surnomm[ée]e?s?|baptis[ée]e?s?|c'est-à-dire|autrement dit|soit",
    "en": r"called|known as|so-called|termed|dubbed|i\.e\.,?|that is,?",
}
_PHRASE = r"[«“\"]?\s*([^\W\d][\w'’ -]{1,60}?)\s*[»”\"]?(?=\s*[),.;:!?]|\s*$)"
_QUOTED = re.compile(r"[«“]\s*([^«»“”]{2,50}?)\s*[»”]")
_GLOSS = re.compile(r"\(\s*([^\W\d][\w'’ -]{1,40}?)\s*\)")
MAX_WORDS = 5
FOREIGN_GLOSS = 1.0


@dataclass(frozen=True)
class Gloss:
    """Two forms of one concept given side by side: the phrase, then its translation in parentheses."""

    native: Candidate
    foreign: Candidate


def cue_candidates(parsed: ParsedPassage) -> Iterator[Candidate]:
    """Phrases introduced by a naming cue or put in quotation marks."""
    text = parsed.doc.text
    lang = parsed.article.lang
    naming = re.compile(rf"\b(?:{NAMING_CUES[lang]})\s+{_PHRASE}", re.IGNORECASE)
    for match in naming.finditer(text):
        yield from _candidate(parsed, match.start(1), match.end(1))
    for match in _QUOTED.finditer(text):
        yield from _candidate(parsed, match.start(1), match.end(1))


def gloss_pairs(parsed: ParsedPassage, phrases: list[Candidate]) -> Iterator[Gloss]:
    """``noun phrase (foreign gloss)`` pairs; ``phrases`` are the passage's noun-phrase candidates."""
    text = parsed.doc.text
    lang = parsed.article.lang
    for match in _GLOSS.finditer(text):
        words = match.group(1).split()
        if len(words) > MAX_WORDS or max(foreignness(w, lang) for w in words) < FOREIGN_GLOSS:
            continue
        end = parsed.offset(len(text[: match.start()].rstrip()))
        before = [c for c in phrases if c.end == end]
        if not before:
            continue
        native = min(before, key=lambda c: c.start)
        foreign = next(_candidate(parsed, match.start(1), match.end(1), "en" if lang == "fr" else "fr"), None)
        if foreign:
            yield Gloss(native, foreign)


def _candidate(parsed: ParsedPassage, start: int, end: int, lang: str | None = None) -> Iterator[Candidate]:
    phrase = parsed.passage.text[start:end].strip(" -'’")
    if not phrase or len(phrase.split()) > MAX_WORDS or not phrase[0].isalpha():
        return
    if phrase.split()[0].lower() in STOPWORDS[parsed.article.lang]:
        return
    start = parsed.passage.text.index(phrase, start)
    tokens = [t for t in parsed.doc if start <= t.idx < start + len(phrase)]
    if parsed.tagged and not any(t.pos_ in ("NOUN", "PROPN") for t in tokens):
        return  # "dit autrement", « capé »: cue words without a named thing
    language = lang or _language(phrase, parsed.article.lang)
    yield Candidate(
        phrase,
        surface_key(phrase),
        language,
        parsed.article.id,
        parsed.passage.id,
        parsed.offset(start),
        parsed.offset(start + len(phrase)),
        "cue",
    )


def _language(phrase: str, article_lang: str) -> str:
    words = [w for w in re.findall(r"[^\W\d_]+", phrase)]
    lean = sum(foreignness(w, article_lang) for w in words) / max(1, len(words))
    return ("en" if article_lang == "fr" else "fr") if lean >= FOREIGN_GLOSS else article_lang
