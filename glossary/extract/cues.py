"""Terms announced by the text itself: naming cues, quotation marks, and glosses in parentheses.

- Naming cues introduce a name for what was just described: "appelées X", "dit(e)(s) X",
  "c'est-à-dire X", "soit X"; in English "called X", "known as X", "so-called X", "i.e. X".
  The sentence is then the term's best definition.
- Short phrases in quotation marks (« X », “X”) are often terms being introduced.
- ``phrase (gloss)``: a French phrase followed by its English equivalent in parentheses,
  "logiciel libre (open source)", pairs the two forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from core.corpus.language import STOPWORDS
from glossary.extract.candidates import Candidate, surface_key
from glossary.extract.frequency import foreignness
from glossary.extract.nlp import ParsedPassage

NAMING_CUES = {
    "fr": r"appel[ée]e?s?|dite?s?|surnomm[ée]e?s?|baptis[ée]e?s?|c'est-à-dire|autrement dit|soit",
    "en": r"called|known as|so-called|termed|dubbed|i\.e\.,?|that is,",
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
    """Phrases introduced by a naming cue (evidence ``cue``) or put in quotation marks (``quoted``)."""
    text = parsed.doc.text
    lang = parsed.article.lang
    naming = re.compile(rf"\b(?:{NAMING_CUES[lang]})\s+{_PHRASE}", re.IGNORECASE)
    for match in naming.finditer(text):
        end = _announced_end(match.group(1), match.start(1), lang)
        yield from _candidate(parsed, match.start(1), _before_finite_verb(parsed, match.start(1), end))
    for match in _QUOTED.finditer(text):
        for candidate in _candidate(parsed, match.start(1), match.end(1)):
            yield replace(candidate, evidence="quoted")


def gloss_pairs(parsed: ParsedPassage, phrases: list[Candidate]) -> Iterator[Gloss]:
    """``noun phrase (foreign gloss)`` pairs; ``phrases`` are the passage's noun-phrase candidates."""
    text = parsed.doc.text
    lang = parsed.article.lang
    for match in _GLOSS.finditer(text):
        words = match.group(1).split()
        # A gloss is common vocabulary in lower case; "(Alphabet Inc)" names something.
        if not match.group(1).islower() or len(words) > MAX_WORDS:
            continue
        if max(foreignness(w, lang) for w in words) < FOREIGN_GLOSS:
            continue
        native = phrase_before(parsed, phrases, match.start(), len(words))
        if native is None:
            continue
        other = "en" if lang == "fr" else "fr"
        foreign = next(_candidate(parsed, match.start(1), match.end(1), other, announced=False), None)
        if foreign:
            yield Gloss(native, foreign)


# "X, ou Y", "X, aussi appelé Y", "X, or Y", "X, also known as Y": one concept, two names.
ALIAS_CUES = {
    "fr": r"ou|ou encore|aussi appel[ée]e?s?|également appel[ée]e?s?|aussi nomm[ée]e?s?|autrement dit|dite?s?",
    "en": r"or|also known as|also called|a\.k\.a\.|known as|otherwise known as|dubbed",
}
_ALIAS_END = r"(?=\s*[),.;:!?]|\s*$)"


_INSIDE_TERMS = {"de", "d", "du", "des", "à", "au", "aux", "en", "of"}  # "résistance aux antibiotiques"


def _announced_end(phrase: str, start: int, lang: str) -> int:
    """Where a phrase after a naming cue ends: at the first function word a term would not hold.

    "un dispositif appelé prime de sobriété pour les ménages" names "prime de sobriété".
    """
    for word in re.finditer(r"[^\W\d_]+", phrase):
        if word.start() and word.group().lower() in STOPWORDS[lang] - _INSIDE_TERMS:
            return start + len(phrase[: word.start()].rstrip())
    return start + len(phrase)


def _before_finite_verb(parsed: ParsedPassage, start: int, end: int) -> int:
    """Where a named phrase ends at the latest: before the first conjugated verb ("le dispositif dit
    d'alerte précoce fonctionne": the clause's verb is no part of the name)."""
    if not parsed.tagged:
        return end
    for token in parsed.doc:
        if start < token.idx < end and token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            return len(parsed.doc.text[: token.idx].rstrip())
    return end


def alias_pairs(parsed: ParsedPassage, phrases: list[Candidate]) -> Iterator[Gloss]:
    """``X, cue Y`` pairs (Y ending at punctuation); ``native`` is X, ``foreign`` is Y (any language)."""
    text = parsed.doc.text
    lang = parsed.article.lang
    alias = re.compile(
        rf",\s+(?P<cue>{ALIAS_CUES[lang]})\s+[«“\"]?\s*([^\W\d][\w'’ -]{{0,60}}?)\s*[»”\"]?{_ALIAS_END}", re.IGNORECASE
    )
    for match in alias.finditer(text):
        name = match.group(2).strip()
        words = name.split()
        if not words or len(words) > MAX_WORDS:
            continue
        if name[0].isupper() and not re.fullmatch(r"[a-z]?[A-Z][A-Z0-9&-]+", name):
            continue  # "Pfizer, or Moderna": two names, not one concept
        if match.group("cue").lower().startswith("dit") and not re.fullmatch(r"[a-z]?[A-Z][A-Z0-9&-]+", name):
            continue  # "la loi, dite loi Evin": a nickname, not a second name for the same term
        second = next(_candidate(parsed, match.start(2), match.end(2), announced=False), None)
        if second is None:
            continue
        acronym_shaped = re.fullmatch(r"[a-z]?[A-Z][A-Z0-9&-]+", name)
        size = sum(c.isalpha() for c in name) if acronym_shaped else len(_content_words(name, lang)) or 1
        first = phrase_before(parsed, phrases, match.start(), size)
        if first is None or surface_key(first.text) == surface_key(second.text):
            continue
        yield Gloss(first, second)


def phrase_before(parsed: ParsedPassage, phrases: list[Candidate], index: int, size: int) -> Candidate | None:
    """The noun phrase ending just before ``index`` (an opening parenthesis) that a gloss of ``size`` words translates.

    Among the pattern candidates ending there, the one with a number of content words
    closest to ``size`` ("banque centrale européenne" for a three-word gloss, not "centrale
    européenne"); without one (the tagger missed it), the words back to the first function word.
    """
    text = parsed.doc.text[:index].rstrip()
    end = parsed.offset(len(text))
    ending = [c for c in phrases if c.end == end]
    if ending:
        return min(ending, key=lambda c: (abs(len(_content_words(c.text, parsed.article.lang)) - size), c.start))
    words = list(re.finditer(r"[^\W\d_][\w-]*", text))
    kept = []
    for word in reversed(words[-4:]):
        following = kept[0].start() if kept else len(text)
        if word.group().lower() in STOPWORDS[parsed.article.lang] or text[word.end() : following].strip():
            break
        kept.insert(0, word)
    if not kept:
        return None
    return next(_candidate(parsed, kept[0].start(), kept[-1].end(), announced=False), None)


def _content_words(text: str, lang: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", text) if w.lower() not in STOPWORDS[lang] and len(w) > 1]


def _candidate(
    parsed: ParsedPassage, start: int, end: int, lang: str | None = None, announced: bool = True
) -> Iterator[Candidate]:
    """The phrase at [start, end); ``announced`` phrases (after a cue, in quotes) must name something."""
    phrase = parsed.passage.text[start:end].strip(" -'’")
    elided = re.match(r"(?:[lLdD]|[qQ]u)['’]\s*", phrase)
    if elided:
        phrase = phrase[elided.end() :]  # « l'autorisation de … »: the article is not part of the term
    if not phrase or len(phrase.split()) > MAX_WORDS or not phrase[0].isalpha():
        return
    if len(phrase) == 1:
        return  # « G », « F »: a grade or class letter names no concept of its own
    if phrase.split()[0].lower() in STOPWORDS[parsed.article.lang]:
        return
    if announced and re.search(r"(?<![\w-])\d", phrase):
        return  # "soit environ 300 marins": a quantity, not a name (a number inside a name is hyphenated, "COVID-19")
    start = parsed.passage.text.index(phrase, start)
    tokens = [t for t in parsed.doc if start <= t.idx < start + len(phrase)]
    acronym_shaped = re.fullmatch(r"[a-z]?[A-Z][A-Z0-9&-]+", phrase)
    if (
        announced
        and parsed.tagged
        and len(tokens) == 1
        and tokens[0].pos_ not in ("NOUN", "PROPN")
        and not acronym_shaped
    ):
        return  # "dit autrement", « capé »: one word that names nothing
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
