"""Named entities (companies, people, places, products), typed as such and kept apart from terms.

spaCy's NER gives the spans and labels. Its French model over-labels capitalised
common words at the start of a paragraph (headings such as "Perspectives"), so an entity is
kept only when it is written with a capital somewhere other than at the start of a
sentence, or has several words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.extract.acronyms import is_acronym, shouted
from glossary.extract.candidates import Candidate
from glossary.extract.frequency import zipf
from glossary.extract.nlp import ParsedPassage
from glossary.extract.patterns import unfinished_end

NAME_LABELS = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "MISC": "MISC",
    "PRODUCT": "MISC",
    "NORP": "MISC",
    "FAC": "LOC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
}
_LEADING = ("l'", "d'", "L'", "D'", "le ", "la ", "les ", "Le ", "La ", "Les ", "the ", "The ")
COMMON_WORD_ZIPF = 3.0
"""A MISC span made only of English words at least this common names a concept, not a thing."""


def entity_candidates(parsed: ParsedPassage) -> Iterator[tuple[Candidate, str]]:
    """(candidate, label) for each entity mention worth keeping."""
    cut_at = unfinished_end(parsed)
    shouting = {start for start, _ in shouted(parsed.doc.text, parsed.article.lang)}
    for ent in parsed.doc.ents:
        if ent.end_char >= cut_at:
            continue  # the page stops inside this name ("Deformed Wing Vir"): no evidence of its wording
        label = NAME_LABELS.get(ent.label_)
        if label is None:
            continue
        text, start = ent.text, ent.start_char
        if label in ("ORG", "MISC"):
            end = completed_name_end(ent)
            text = parsed.doc.text[start:end]
        for prefix in _LEADING:
            if text.startswith(prefix):
                text, start = text[len(prefix) :], start + len(prefix)
        text = text.rstrip(" '’-")
        if not text[:1].isupper() or not any(c.isalpha() for c in text):
            continue
        if label == "MISC" and is_concept(text):
            continue
        words = list(re.finditer(r"[^\W\d_][\w-]*", text))
        if sum(start + word.start() in shouting for word in words) * 2 > len(words):
            continue  # "TEMPÊTE ARRIVE SUR": mostly common words of a shouted line, capitalised by the shouting
        sentence_initial = ent.start == ent.sent.start
        if sentence_initial and len(text.split()) == 1:
            continue
        begin = parsed.offset(start)
        candidate = Candidate(
            text,
            text,
            parsed.article.lang,
            parsed.article.id,
            parsed.passage.id,
            begin,
            begin + len(text),
            "entity",
        )
        yield candidate, label


def is_concept(text: str) -> bool:
    """True for spans like "Big Data": every word is common general vocabulary."""
    words = text.split()
    return (
        all(zipf(w.lower(), "en") >= COMMON_WORD_ZIPF or zipf(w.lower(), "fr") >= COMMON_WORD_ZIPF + 1.5 for w in words)
        and len(words) > 1
    )


INSTITUTION_WORD_ZIPF = 3.5
"""A name whose first word is at least this common in lower case ("Haut", "Autorité") is an institution's."""
MAX_NAME_COMPLEMENT = 8


def completed_name_end(ent) -> int:
    """Where an institution's name really ends, when the NER stopped before its complement.

    French institutions capitalise only their first word ("Haut Conseil pour le climat",
    "Autorité nationale de défense des systèmes d'information"), and the model often ends
    the span at the last capital or the first noun. When the parser hangs the next words on
    the name through a preposition, and they are lower-case nouns and adjectives, they are
    part of the name.
    """
    doc = ent.doc
    words = [t for t in ent if t.pos_ != "DET"]
    if not words or not words[0].text[:1].isupper() or is_acronym(words[0].text):
        return ent.end_char
    if zipf(words[0].lower_, "fr") < INSTITUTION_WORD_ZIPF:
        return ent.end_char
    position = ent.end
    if position >= len(doc) or doc[position].pos_ != "ADP":
        return ent.end_char
    while position < len(doc) and doc[position].pos_ in ("ADP", "DET"):
        position += 1
    if position >= len(doc):
        return ent.end_char
    complement = doc[position]
    if complement.pos_ != "NOUN" or not complement.text.islower() or not ent.start <= complement.head.i < ent.end:
        return ent.end_char
    last = complement.i
    for token in doc[complement.i + 1 : complement.right_edge.i + 1]:
        if token.pos_ not in ("NOUN", "ADJ", "ADP", "DET") or not token.text.islower():
            break
        if token.pos_ in ("NOUN", "ADJ"):
            last = token.i
    if last - ent.end + 1 > MAX_NAME_COMPLEMENT:
        return ent.end_char
    return doc[last].idx + len(doc[last].text)
