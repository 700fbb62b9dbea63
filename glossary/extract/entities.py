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
from glossary.extract.french_words import readings
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
    titles: set[int] = set()
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
        text = text.rstrip(" '’-–—,;:")  # "Les Indépendants –" République…: NER stopped at the dash
        if not text[:1].isupper() or not any(c.isalpha() for c in text):
            continue
        if label == "MISC" and is_concept(text):
            continue
        if len(text.rstrip(".")) == 1:
            continue  # "F", "G.": a class or grade letter; no name has one letter
        if _initial_then_common_word(ent):
            continue  # "G. Travaux": a sentence ending on a class letter, then a capitalised common word
        words = list(re.finditer(r"[^\W\d_][\w-]*", text))
        if sum(start + word.start() in shouting for word in words) * 2 > len(words):
            continue  # "TEMPÊTE ARRIVE SUR": mostly common words of a shouted line, capitalised by the shouting
        sentence_initial = ent.start == ent.sent.start or _after_letter_and_stop(ent)
        if sentence_initial and len(text.split()) == 1:
            continue
        title = _title_around(ent)
        if title is not None:
            # "Climat" of "loi Climat et Résilience": the name is whole or it is nothing
            if title.start not in titles and title.end_char < cut_at:
                titles.add(title.start)
                begin = parsed.offset(title.start_char)
                whole = Candidate(
                    title.text,
                    title.text,
                    parsed.article.lang,
                    parsed.article.id,
                    parsed.passage.id,
                    begin,
                    begin + len(title.text),
                    "entity",
                )
                yield whole, "MISC"
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


def _common_word(token) -> bool:
    """A word French uses in lower case ("travaux", "passoire") and the tagger reads as a common word
    here: the lexicon's reading as a noun or an adjective and the tag (not PROPN: "Martin" in
    "J. Martin") say it is no name."""
    return token.pos_ != "PROPN" and bool(readings(token.lower_) & {"noun", "adj"})


def _common_in_lower_case(token) -> bool:
    """A word general text uses often and the lexicon reads as a noun or an adjective ("climat",
    "renouveau"); wordfreq folds case, so the lexicon tells it from a name ("Bretagne")."""
    return zipf(token.lower_, "fr") >= COMMON_WORD_ZIPF and bool(readings(token.lower_) & {"noun", "adj"})


def _initial_then_common_word(ent) -> bool:
    """ "X. Word" is a name (an initial and a surname) only when Word is no common word."""
    words = [t for t in ent if not t.is_punct]
    return len(words) == 2 and len(words[0].text.rstrip(".")) == 1 and _common_word(words[1])


def _after_letter_and_stop(ent) -> bool:
    """Whether ``ent`` follows a one-letter token with a full stop ("classés G. Travaux"): a sentence
    the tokenizer did not split, so the word after it is sentence-initial."""
    if ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    return before.text.endswith(".") and len(before.text.rstrip(".")) == 1


# Words that join the parts of a title-cased name ("Climat et Résilience", "Ma Prime Rénov'").
_TITLE_JOINTS = {"et", "de", "du", "des", "pour", "&", "-"}


def _title_around(ent):
    """The title-cased name a one-word entity is a piece of, when the NER split it ("loi Climat et
    Résilience" gives "Climat" and "Résilience"); None otherwise.

    The name is introduced by a lower-case noun ("loi", "plan") and holds several capitalised words
    joined by "et", "de", "pour"; a common word inside it is no entity of its own. A word no general
    text uses in lower case ("Bretagne") stays a name.
    """
    if len(ent) != 1 or not _common_in_lower_case(ent[0]):
        return None
    doc, sentence = ent.doc, ent.sent
    first = last = ent.start
    while first - 2 >= sentence.start and doc[first - 1].lower_ in _TITLE_JOINTS and _capitalised(doc[first - 2]):
        first -= 2
    while first - 1 >= sentence.start and _capitalised(doc[first - 1]):
        first -= 1
    while last + 2 < sentence.end and doc[last + 1].lower_ in _TITLE_JOINTS and _capitalised(doc[last + 2]):
        last += 2
    while last + 1 < sentence.end and _capitalised(doc[last + 1]):
        last += 1
    if last == first or first == sentence.start:
        return None
    introducer = doc[first - 1]
    return doc[first : last + 1] if introducer.pos_ == "NOUN" and introducer.text.islower() else None


def _capitalised(token) -> bool:
    return token.text[:1].isupper() and token.text[1:2].islower() and not token.is_sent_start


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
