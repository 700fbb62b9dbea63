"""Named entities (companies, people, places, products), typed as such and kept apart from terms.

spaCy's NER gives the spans and labels. Its French model over-labels capitalised
common words at the start of a paragraph (headings such as "Défis"), so an entity is
kept only when it is written with a capital somewhere other than at the start of a
sentence, or has several words.
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.extract.candidates import Candidate
from glossary.extract.frequency import zipf
from glossary.extract.nlp import ParsedPassage

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
    for ent in parsed.doc.ents:
        label = NAME_LABELS.get(ent.label_)
        if label is None:
            continue
        text, start = ent.text, ent.start_char
        for prefix in _LEADING:
            if text.startswith(prefix):
                text, start = text[len(prefix) :], start + len(prefix)
        text = text.rstrip(" '’-")
        if not text[:1].isupper() or not any(c.isalpha() for c in text):
            continue
        if label == "MISC" and is_concept(text):
            continue
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
