"""Multi-word terms from part-of-speech patterns, lemma-normalised.

The patterns are the classic ones for French terminology (Daille 1996): a noun with
adjectives, and noun–preposition–noun compounds, optionally with an adjective inside
("taux de base bancaire" is NOUN ADP NOUN ADJ); determiners are left out, as terms
rarely have one. English uses the
mirror patterns (ADJ* NOUN+, NOUN of NOUN). Each match becomes a candidate; the
ranking (C-value) sorts out which nested candidates are terms of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.extract.candidates import Candidate
from glossary.extract.nlp import ParsedPassage

PATTERNS = {
    "fr": re.compile(r"^NOUN( ADJ){1,2}$|^NOUN( ADJ)? ADP( ADJ)? NOUN( ADJ)?$"),
    "en": re.compile(r"^(ADJ |NOUN )*NOUN NOUN$|^ADJ( ADJ)? NOUN$|^NOUN ADP NOUN$"),
}
MAX_TOKENS = 6
# Prepositions that build compounds; other ADP ("pour", "avec", "for") mostly join two phrases.
COMPOUND_ADPOSITIONS = {"fr": {"de", "d'", "du", "des", "à", "en"}, "en": {"of"}}
# Adjectives that qualify a mention rather than name a concept: never at the edge of a term.
_FRENCH_QUALIFIERS = """nouveau nouvel nouvelle autre même tel certain grand petit seul dernier prochain
principal plusieurs différent divers propre actuel futur éventuel premier"""
_ENGLISH_QUALIFIERS = """new other same such certain big small only last next main several various own current
future possible first"""
NON_TERMINOLOGICAL = {"fr": set(_FRENCH_QUALIFIERS.split()), "en": set(_ENGLISH_QUALIFIERS.split())}


def pattern_candidates(parsed: ParsedPassage) -> Iterator[Candidate]:
    if not parsed.tagged:
        return
    lang = parsed.article.lang
    pattern = PATTERNS[lang]
    for sentence in parsed.doc.sents:
        tokens = [t for t in sentence]
        for first in range(len(tokens)):
            for last in range(first + 1, min(first + MAX_TOKENS, len(tokens))):
                span = tokens[first : last + 1]
                if not pattern.match(" ".join(t.pos_ for t in span)):
                    continue
                if not _acceptable(span, lang):
                    continue
                start, end = span[0].idx, span[-1].idx + len(span[-1].text)
                yield Candidate(
                    text=parsed.passage.text[start:end],
                    key=" ".join(_token_key(t) for t in span),
                    lang=lang,
                    article=parsed.article.id,
                    passage=parsed.passage.id,
                    start=parsed.offset(start),
                    end=parsed.offset(end),
                    evidence="pattern",
                )


def _acceptable(span, lang: str) -> bool:
    words = [t for t in span if t.pos_ in ("NOUN", "ADJ", "PROPN")]
    if any(not t.text.replace("-", "").isalpha() for t in words):
        return False
    if span[0].lemma_.lower() in NON_TERMINOLOGICAL[lang] or span[-1].lemma_.lower() in NON_TERMINOLOGICAL[lang]:
        return False
    return all(t.text.lower() in COMPOUND_ADPOSITIONS[lang] for t in span if t.pos_ == "ADP")


def _token_key(token) -> str:
    from core.text import fold

    if token.pos_ in ("NOUN", "ADJ"):
        return fold(token.lemma_)
    return fold(token.text).replace("'", "")
