"""Multi-word terms from part-of-speech patterns, lemma-normalised.

The patterns are the classic ones for French terminology (Daille 1996): a noun with
adjectives, noun–preposition–noun compounds, optionally with an adjective inside
("taux de base bancaire" is NOUN ADP NOUN ADJ), and noun–noun compounds whose second
noun qualifies the first ("prix plafond", "date butoir", "pays membre"; NOUN NOUN, the
second noun hanging on the first); determiners are left out, as terms rarely have one. English uses the
mirror patterns (ADJ* NOUN+, NOUN of NOUN). French compounds nest (Daille's composition):
"gaz à effet de serre" is a compound of compounds, so up to three bare prepositions ("à",
"de", no article) may chain. Each match becomes a candidate; the
ranking (C-value) sorts out which nested candidates are terms of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from glossary.extract.acronyms import is_acronym
from glossary.extract.candidates import Candidate
from glossary.extract.french_words import is_demonym, names_people, never_a_noun, readings
from glossary.extract.frequency import zipf
from glossary.extract.nlp import ParsedPassage

PATTERNS = {
    "fr": re.compile(
        r"^NOUN( ADJ){1,2}$|^NOUN( ADJ)? ADP( DET)?( ADJ)? NOUN( ADJ){0,2}( ADP( ADJ)? NOUN( ADJ)?){0,2}$"
        r"|^NOUN NOUN( ADJ)?$|^NOUN$"
        r"|^(VERB|ADJ) ADP NOUN$"
    ),
    "en": re.compile(r"^(ADJ |NOUN )*NOUN NOUN$|^ADJ( ADJ)? NOUN$|^NOUN ADP NOUN$|^NOUN$"),
}
# Daille's recursive composition: a compound takes up to three prepositions ("gaz à effet de serre",
# N à N de N; "N de N à N de N"), all bare; a span may be as long as the longest shape.
MAX_TOKENS = 14
# Prepositions that build compounds; other ADP ("pour", "avec", "for") mostly join two phrases.
COMPOUND_ADPOSITIONS = {"fr": {"de", "d'", "du", "des", "à", "en"}, "en": {"of"}}
# Adjectives that qualify a mention rather than name a concept: never at the edge of a term.
_FRENCH_QUALIFIERS = """nouveau nouvel nouvelle autre même tel certain grand petit seul dernier prochain
principal plusieurs différent divers propre actuel futur éventuel premier"""
_ENGLISH_QUALIFIERS = """new other same such certain big small only last next main several various different own current
future possible first existing recent major key significant important large high higher low lower"""
NON_TERMINOLOGICAL = {"fr": set(_FRENCH_QUALIFIERS.split()), "en": set(_ENGLISH_QUALIFIERS.split())}
# Nouns of quantity and measure head no term ("une soixantaine de dossiers", "dozens of").
_FRENCH_QUANTITIES = """dizaine douzaine quinzaine vingtaine trentaine quarantaine cinquantaine soixantaine
centaine centaines millier milliers million millions milliard milliards kilo kilos tonne tonnes an ans année
années mois jour jours semaine semaines heure heures fois moitié tiers quart partie nombre plupart ensemble
série reste type sorte genre cas faute début fin cours lieu suite face part raison"""
_ENGLISH_QUANTITIES = """dozen dozens hundreds thousands millions billions number lot lots kind sort part rest
type couple series handful majority cent percent"""
QUANTITIES = {"fr": set(_FRENCH_QUANTITIES.split()), "en": set(_ENGLISH_QUANTITIES.split())}
# Nouns that close a prepositional locution rather than a compound ("en cas", "en début").
_MONTHS_AND_DAYS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi mercredi "
    "jeudi vendredi samedi dimanche",
    "en": "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday",
}
CALENDAR_WORDS = {lang: frozenset(words.split()) for lang, words in _MONTHS_AND_DAYS.items()}
LOCUTION_NOUNS = {
    "fr": set(_MONTHS_AND_DAYS["fr"].split())
    | set(
        [
            "cas",
            "début",
            "fin",
            "cours",
            "lieu",
            "suite",
            "face",
            "part",
            "raison",
            "matière",
            "vue",
            "manière",
            "façon",
            "côté",
            "revanche",
            "outre",
            "plus",
        ]
    ),
    "en": set(["case", "order", "terms", "way", "behalf"]),
}
SINGLE_NOUN_ZIPF = 3.3
PARTICIPLE_ENDINGS = {"fr": ("é", "és", "ée", "ées", "ant", "ants"), "en": ("ed", "ing")}


def pattern_candidates(parsed: ParsedPassage, key_words: frozenset[str] = frozenset()) -> Iterator[Candidate]:
    """Every span whose tags match the language's patterns; a lone noun only when general
    language rarely uses it or, whatever its frequency, when its key (lemma) is in ``key_words``,
    the words this corpus repeats far more than general text does (:mod:`keyness`)."""
    if not parsed.tagged:
        return
    lang = parsed.article.lang
    pattern = PATTERNS[lang]
    cut_at = unfinished_end(parsed)
    for sentence in parsed.doc.sents:
        tokens = [t for t in sentence]
        for first in range(len(tokens)):
            for last in range(first, min(first + MAX_TOKENS, len(tokens))):
                span = tokens[first : last + 1]
                if not pattern.match(" ".join(_role(t) for t in span)):
                    continue
                if not _acceptable(span, lang, key_words):
                    continue
                start, end = span[0].idx, span[-1].idx + len(span[-1].text)
                if end >= cut_at:
                    continue  # the page stops mid-sentence, maybe mid-word ("la sylvicul"): no evidence
                yield Candidate(
                    text=parsed.passage.text[start:end],
                    key=" ".join(token_key(t) for t in span),
                    lang=lang,
                    article=parsed.article.id,
                    passage=parsed.passage.id,
                    start=parsed.offset(start),
                    end=parsed.offset(end),
                    evidence="pattern",
                    tags=" ".join(_role(t) for t in span),
                    cut=continues(span),
                )


FINAL_PUNCTUATION = ".!?…:;»\"”)]'’*_`"  # and Markdown's closing emphasis and code marks


def unfinished_end(parsed: ParsedPassage) -> int:
    """Where the passage's evidence stops: before its last word when a paragraph ends without
    final punctuation on a word general language lacks (an excerpt cut off mid-word), else after its end.

    Headings and list items often end without punctuation and are left whole.
    """
    text = parsed.doc.text.rstrip()
    if parsed.passage.kind != "paragraph" or not text or text[-1] in FINAL_PUNCTUATION or not text[-1].isalnum():
        return len(parsed.doc.text) + 1
    last_word = re.search(r"[\w'’-]+$", text)
    if last_word and zipf(last_word.group().lower(), parsed.article.lang) >= WHOLE_WORD_ZIPF:
        return len(parsed.doc.text) + 1  # a whole word: a line without a full stop ("– Le chapitre V, relatif à …")
    return last_word.start() + 1 if last_word else len(text)


WHOLE_WORD_ZIPF = 3.0
"""A last word this common is whole; a page cut mid-word ends on a fragment general text lacks ("sylvicul")."""


def continues(span) -> bool:
    """Whether the words right after ``span`` are a prepositional complement of a word inside it.

    "ETF à effet" before "de levier", "réseau de transport" before "d'électricité": the
    parser hangs the next noun on a word of the span through a preposition, so the span is
    cut out of a longer phrase. An adjective after the span ("coefficient d'indexation"
    before "annuelle") qualifies it and does not count; nor does a lone noun with an article
    ("taux de change" before "du dollar"), another preposition or a date ("électricité
    décarbonée à prix stable", "loi … de décembre 2013"), which is mostly an adjunct of the
    clause; but after a prepositional compound, a bare "à" or "en" with a bare noun hung on the
    span chains a compound onto it ("émissions de gaz" before "à effet de serre").
    """
    doc = span[0].doc
    position = span[-1].i + 1
    if position >= len(doc):
        return False
    following = doc[position]
    if following.pos_ == "ADJ" and following.head.i == span[-1].i and any(t.pos_ == "ADP" for t in span):
        return True  # "systèmes de surveillance" + "épidémiologique": the inner noun and adjective are the compound
    chained = any(t.pos_ == "ADP" for t in span)
    if chained and following.pos_ == "ADP" and following.lower_ in CHAINING_PREPOSITIONS and position + 1 < len(doc):
        # "émissions de gaz" before "à effet de serre": after a compound with a preposition, a bare "à" or
        # "en" and a bare noun hung on the span chain one more (with an article it is an adjunct, "à la source").
        complement = doc[position + 1]
        if complement.lower_ in LOCUTION_NOUNS["fr"]:
            return False  # "en cas de", "en début de": a prepositional locution, an adjunct
        return complement.pos_ == "NOUN" and span[0].i <= complement.head.i <= span[-1].i
    if following.pos_ != "ADP" or following.lower_ not in GENITIVE_ADPOSITIONS:
        return False
    with_article = following.lower_ in ("du", "des") or (position + 1 < len(doc) and doc[position + 1].pos_ == "DET")
    while position < len(doc) and doc[position].pos_ in ("ADP", "DET"):
        position += 1
    if position >= len(doc):
        return False
    complement = doc[position]
    if with_article and not any(child.dep_ in ("amod", "acl", "nmod", "flat:name") for child in complement.children):
        return False  # "taux de change" before "du dollar": a bare noun with an article is a complement, no compound
    if complement.pos_ not in ("NOUN", "PROPN") or complement.lower_ in CALENDAR_WORDS["fr"]:
        return False
    return span[0].i <= complement.head.i <= span[-1].i and complement.dep_.startswith(("nmod", "obl"))


GENITIVE_ADPOSITIONS = {"de", "d'", "d’", "du", "des"}
CHAINING_PREPOSITIONS = {"à", "en"}


_NOMINAL_ROLES = ("nsubj", "nsubj:pass", "obj")
_NOUN_ENDINGS = ("ment", "ments", "tion", "tions", "sion", "sions", "age", "ages", "ure", "ures")


def _role(token) -> str:
    """The token's part of speech as the patterns see it.

    Taggers miss on terms: an acronym is a PROPN ("ARN messager" is a noun and its
    adjective), a deverbal noun can come out as VERB ("clé de chiffrement"), and a past
    participle after a noun works as an adjective ("fonds négociés").
    """
    pos = token.pos_
    if pos == "PROPN" and is_acronym(token.text):
        return "NOUN"
    if pos == "PROPN" and token.text.islower() and token.i > 0 and token.nbor(-1).pos_ in ("NOUN", "DET"):
        # A lower-case word after a noun or a determiner is no name ("prix plancher", "la commande
        # publique", with plancher and commande as PROPN).
        return "NOUN"
    if pos == "ADJ" and token.i > 0 and token.nbor(-1).pos_ == "DET" and token.dep_ in _NOMINAL_ROLES:
        return "NOUN"  # "le franc suisse": after a determiner and subject of the clause, a noun
    if pos == "VERB":
        if token.text.lower().endswith(_NOUN_ENDINGS) and "Fin" not in token.morph.get("VerbForm"):
            return "NOUN"
        past_participle = "Part" in token.morph.get("VerbForm") and "Pres" not in token.morph.get("Tense")
        if past_participle and token.i > 0 and token.nbor(-1).pos_ in ("NOUN", "ADJ"):
            return "ADJ"
    return pos


def _noun_reading(word: str, lang: str) -> bool:
    """Whether the lexicon knows a French ``word`` as a noun, or does not know it at all (a coinage:
    "cybersécurité"). English keeps its rule: an "-ed"/"-ing" word alone is the verb's."""
    if lang != "fr":
        return False
    found = readings(word)
    return not found or "noun" in found


def _acceptable(span, lang: str, key_words: frozenset[str] = frozenset()) -> bool:
    if len(span) > 1 and _common_participle(span[-1]) and (_complement_follows(span[-1]) or _object_follows(span[-1])):
        # "pertes de récolte liées" aux gelées, "logements classés" F ou G: a participle with its
        # complement is a clause
        return False
    if span[0].pos_ == "VERB" and _role(span[0]) in ("VERB", "ADJ") and len(span) == 3 and span[1].pos_ == "ADP":
        # A participle opening the span, whatever role it has after a noun ("trésorier mis en examen").
        return lang == "fr" and _verbal_locution(span)
    if _role(span[0]) in ("VERB", "ADJ"):
        return False  # the locution pattern's other matches ("particulier de crise")
    words = [t for t in span if _role(t) in ("NOUN", "ADJ", "PROPN")]
    if any(not t.text.replace("-", "").isalpha() for t in words if not is_acronym(t.text)):
        return False
    if span[0].lemma_.lower() in NON_TERMINOLOGICAL[lang] or span[-1].lemma_.lower() in NON_TERMINOLOGICAL[lang]:
        return False
    first, last = span[0], span[-1]
    for token, following in pairwise(span):
        if token.pos_ == "VERB" and _role(token) == "ADJ" and following.pos_ == "ADP":
            return False  # "puissance assemblées en usine": a participle with its complement is a clause
        if token.pos_ == "VERB" and following.pos_ == "ADJ" and following.head.i == token.i:
            return False  # "mesures jugées excessives": the adjective is the participle's attribute, a clause
    if lang == "fr" and (
        (len(span) == 1 and is_demonym(first.text))
        or (names_people(first.text) and any(is_demonym(t.text) for t in span[1:]))
    ):
        return False  # "estoniens", "pêcheurs français": who people are, not a concept of the field
    if first.text.lower() in QUANTITIES[lang] or first.text.lower() in LOCUTION_NOUNS[lang]:
        return False  # "trentaine d'industriels": a measure or a locution
    if last.text.lower() in LOCUTION_NOUNS[lang] and (last.lower_ in CALENDAR_WORDS[lang] or _locution_follows(last)):
        # "mesures en cas de", "réunion de mars": a prepositional locution or a date closes the span;
        # "dépôts à vue", not followed by a preposition, is a compound.
        return False
    if len(span) >= 2 and all(_role(t) == "NOUN" for t in span[:2]) and not _noun_noun_compound(span):
        return False
    if lang == "fr" and (first.pos_ == "VERB" or "VerbForm" in first.morph.to_dict()) and _role(first) != "NOUN":
        return False  # "gagne en flexibilité", "jugée intrusive": a verb the tagger let through
    # "État membre": a common noun written with a capital, qualified by a noun (repeated, see build).
    capitalised_noun = first.pos_ == "NOUN" and len(span) > 1 and _role(span[1]) == "NOUN"
    if first.text[:1].isupper() and not is_acronym(first.text) and not first.is_sent_start and not capitalised_noun:
        return False  # a name mid-sentence ("Estonie en avril") heads no term
    # An acronym after an article ("effectifs du SGDSN") or that NER calls a body ("filiale d'ABC") is a
    # name the span describes; after a bare "de" and no entity, it is a class as any noun is ("systèmes d'IA").
    after_preposition = [t for i, t in enumerate(span[1:], 1) if span[i - 1].pos_ in ("ADP", "DET")]
    if any(is_acronym(t.text) and (_after_article(t) or t.ent_type_ in NAMED_BODIES) for t in after_preposition):
        return False
    if len(span) == 1:
        # A lone noun is a term only when general language rarely uses it ("électrolyseur").
        word = last.text.lower()
        if word.endswith(PARTICIPLE_ENDINGS[lang]) and not _noun_reading(word, lang) and not _after_determiner(last):
            # "prolongés": a participle the tagger took for a noun; "salinité", "marées" and
            # "exploitants" end alike but are nouns, and "les assurés" uses one as a noun.
            return False
        if is_acronym(last.text) or (len(word) <= 3 and token_key(last) not in key_words):
            return False  # a short noun ("fin", "été") only when the corpus is about it ("sel" on winter roads)
        if lang == "fr" and never_a_noun(word) and not _after_determiner(last):
            # "doutaient", "inadmissibles": a verb form or an adjective the tagger took for a noun;
            # after a determiner an adjective is used as a noun ("les renouvelables").
            return False
        return zipf(word, lang) < SINGLE_NOUN_ZIPF or token_key(last) in key_words
    if any(t.pos_ == "DET" and t.lower_.replace("’", "'") not in DEFINITE_ARTICLES for t in span):
        return False  # "ouverture à la concurrence" is a term; "usine de ce groupe" is a mention
    prepositions = [t for t in span if t.pos_ == "ADP"]
    bare = all(t.lower_.replace("’", "'") in BARE_PREPOSITIONS for t in prepositions)
    bare = bare and all(t.pos_ != "DET" for t in span)
    if len(prepositions) > 1 and any(t.lower_ in LOCUTION_NOUNS[lang] for t in span):
        return False  # "système de paiement en cas de retraits": a prepositional locution, not a nested compound
    if len(prepositions) > 1 and not bare:
        # "coût de l'énergie des ménages", "sécurité des systèmes d'information": with an article, a second
        # preposition joins two phrases; compounds nest on bare ones only
        return False
    return all(t.text.lower() in COMPOUND_ADPOSITIONS[lang] for t in prepositions)


NAMED_BODIES = {"ORG", "PER", "LOC", "GPE"}


def _after_article(token) -> bool:
    before = token.nbor(-1)
    return before.pos_ == "DET" or before.lower_ in FUSED_ARTICLES


FUSED_ARTICLES = {"du", "des", "au", "aux", "of"}
"""Prepositions with an article fused in (and English "of", whose article spaCy tags apart but which
names a body as often as "du" does: "members of NATO")."""

# Prepositions with no article fused in: only these chain a compound onto a compound (Daille 1996).
BARE_PREPOSITIONS = {"de", "d'", "à", "en"}


PARTICIPLE_ZIPF = 3.0


def ends_in_common_participle(candidate: Candidate) -> bool:
    """Whether a tagged French phrase ends in a participle general language uses often ("rénovée",
    "organisé"): such a phrase names a kind only when the text repeats it; a rare participle
    ("pasteurisé") names, as a rare adjective does."""
    words = candidate.text.split()
    last = words[-1].lower() if words else ""
    return (
        candidate.lang == "fr"
        and candidate.evidence == "pattern"
        and len(words) > 1
        and candidate.tags.endswith("ADJ")
        and last.endswith(PARTICIPLE_ENDINGS["fr"])
        and zipf(last, "fr") >= PARTICIPLE_ZIPF
        and "verb" in readings(last)
    )


# Nouns of the light locutions every text uses ("mis en place", "mis en œuvre", "mis en cause"),
# which name no procedure of a field.
_LIGHT_LOCUTION_NOUNS = """place œuvre oeuvre cause avant jeu service évidence route ligne valeur scène question
relation vente circulation marche forme vigueur garde lumière péril danger difficulté"""
LIGHT_LOCUTION_NOUNS = frozenset(_LIGHT_LOCUTION_NOUNS.split())


def _verbal_locution(span) -> bool:
    """A past participle, "en" and a bare noun: a verbal locution naming a procedure ("mis en
    examen", "placé en rétention"). Only the text's repetition makes one an entry (one-off
    phrases headed by a verb fail the shape test); light locutions never are."""
    participle, preposition, noun = span
    return (
        "Part" in participle.morph.get("VerbForm")
        and "Pres" not in participle.morph.get("Tense")
        and preposition.lower_ == "en"
        and noun.text.islower()
        and noun.lower_ not in LIGHT_LOCUTION_NOUNS
    )


def _common_participle(token) -> bool:
    return (
        "Part" in token.morph.get("VerbForm")
        and "Pres" not in token.morph.get("Tense")
        and zipf(token.lower_, "fr") >= PARTICIPLE_ZIPF
    )


def _complement_follows(token) -> bool:
    """Whether a preposition right after ``token`` opens a complement the parser hangs on it."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].pos_ != "ADP":
        return False
    return doc[token.i + 1].head.head.i == token.i


def _object_follows(token) -> bool:
    """Whether a noun, a name, a number or a one-letter class follows ``token`` with no preposition
    ("classés F ou G", "visés article 12"): what it classes or names, its complement."""
    doc = token.doc
    if token.i + 1 >= len(doc):
        return False
    following = doc[token.i + 1]
    if len(following.text.rstrip(".")) == 1 and following.is_upper:
        return True
    if following.pos_ == "NOUN":
        # "crime organisé recrute": a verb the tagger took for a noun; only a word the lexicon knows as a
        # noun alone is the participle's complement
        return readings(following.lower_) == {"noun"}
    return following.pos_ in ("PROPN", "NUM")


def _after_determiner(token) -> bool:
    return token.i > 0 and token.nbor(-1).pos_ == "DET"


def _locution_follows(token) -> bool:
    """Whether a preposition follows ``token`` ("en vue de", "au cours des", "en cas d'")."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "ADP"


def _noun_noun_compound(span) -> bool:
    """Two nouns side by side are a compound when the second hangs on the first and is no name.

    "prix plafond", "pays membre": the parser makes the second noun a modifier of the first.
    Otherwise two nouns meet across a clause boundary ("dépôts augmentent", a verb tagged
    as a noun) or an apposition.
    """
    head, modifier = span[0], span[1]
    return modifier.head.i == head.i and modifier.text.islower() and not modifier.is_sent_start


# A definite article may sit inside a French compound after its preposition ("électrolyse de l'eau");
# one-off phrases with one still fail the shape test (an article marks a phrase unless it recurs).
DEFINITE_ARTICLES = {"la", "le", "l'", "les"}


def token_key(token) -> str:
    """A token's grouping key: the folded lemma of a noun or adjective, else its folded form."""
    from core.text import fold

    if token.pos_ in ("NOUN", "ADJ"):
        return fold(token.lemma_)
    return fold(token.text).replace("'", "")
