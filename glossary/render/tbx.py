"""``glossary.tbx``: TBX v3 (ISO 30042), TBX-Basic dialect, DCA style, for CAT tools.

The structure follows the TBX-Basic dialect published by LTAC Global
(github.com/LTAC-Global/TBX-Basic_dialect: ``DCA/TBXcoreStructV03_TBX-Basic_integrated.rng``,
``DCA/TBX-Basic_DCA.sch`` and ``DCA/Example_Astronomy_DCA_VALID.tbx``)::

    tbx[type=TBX-Basic, style=dca, xml:lang]
      tbxHeader/fileDesc/sourceDesc/p
      text/body/conceptEntry[id]+           one per glossary entry
        descripGrp/descrip[definition]      only when no langSec of its language exists
        langSec[xml:lang]+                  a language that has a form
          descripGrp(descrip[definition], admin[source])   definition first (auxInfo precedes termSec)
          termSec+(term, termNote[partOfSpeech], termNote[termType]?, note?,
                   descripGrp(descrip[context], admin[source])?)

The schema's rules honoured here: termNotes come before the descripGrp in a termSec;
``definition`` sits at langSec (or conceptEntry) level and ``context`` at termSec level;
``partOfSpeech`` is ``noun`` and ``termType`` one of the Basic values (``acronym``,
``fullForm``). The namespace is ``urn:iso:std:iso:30042:ed-2`` (ISO 30042:2019).

The tree is built with ElementTree, so article text is escaped by the serialiser; the
characters XML 1.0 cannot carry at all (most C0 controls) are dropped first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from core.corpus.document import Corpus
from glossary.model import CANDIDATE_NOTE, Entry, Glossary, Occurrence

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ("fr", "en")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NCNAME = re.compile(r"[A-Za-z_][\w.\-]*")


def render_tbx(glossary: Glossary, corpus: Corpus) -> str:
    # The default namespace is written as a plain attribute on the unqualified root, so
    # every child inherits it without ElementTree's global namespace registry.
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "fr", "xmlns": TBX_NAMESPACE})
    source = ET.SubElement(ET.SubElement(ET.SubElement(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    _text(source, "p", _source_description(glossary, corpus))
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for entry in glossary.entries:
        concept = concept_entry(entry, corpus, glossary.models)
        if concept is not None:
            body.append(concept)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def concept_id(entry_id: str) -> str:
    """The entry id when it is a valid ``xsd:ID`` (an NCName), else the same prefixed with ``c-``."""
    return entry_id if _NCNAME.fullmatch(entry_id) else f"c-{entry_id}"


def concept_entry(entry: Entry, corpus: Corpus, models: dict | None = None) -> ET.Element | None:
    """One ``conceptEntry``; None only for an entry with no form, variant or occurrence (a langSec needs a term).

    A form the text does not contain carries its origin on its own ``termSec`` as a
    ``note`` (the translator that made it; an expansion paired by position rather than
    spelled by its letters), so a CAT tool shows it beside the term, not only in the header;
    so does a candidate (:attr:`Entry.candidate`).
    """
    terms = _terms_by_language(entry, corpus)
    if not terms:
        return None
    lang_of_article = {a.id: a.lang for a in corpus.articles}
    concept = ET.Element("conceptEntry", {"id": concept_id(entry.id)})
    definition_lang = None
    if entry.definition:
        definition_lang = lang_of_article[entry.definition.passage.split("#", 1)[0]]
        if definition_lang not in terms:
            # No langSec in the quote's language: TBX-Basic allows the definition at concept level.
            _descrip_group(concept, "definition", entry.definition.quote, entry.definition.passage, definition_lang)
    for lang in LANGUAGES:
        if lang not in terms:
            continue
        lang_sec = ET.SubElement(concept, "langSec", {XML_LANG: lang})
        if entry.definition and definition_lang == lang:
            _descrip_group(lang_sec, "definition", entry.definition.quote, entry.definition.passage)
        in_lang = [o for o in entry.occurrences if lang_of_article.get(o.article) == lang]
        contexts = _contexts([term for term, _ in terms[lang]], in_lang)
        for (term, term_type), context in zip(terms[lang], contexts, strict=True):
            term_sec = ET.SubElement(lang_sec, "termSec")
            _text(term_sec, "term", term)
            _text(term_sec, "termNote", "noun", type="partOfSpeech")
            if term_type:
                _text(term_sec, "termNote", term_type, type="termType")
            origin = _origin(entry, lang, term, models or {})
            if origin:
                _text(term_sec, "note", origin)
            if context is not None:
                _descrip_group(term_sec, "context", context.quote, context.passage)
    return concept


def _origin(entry: Entry, lang: str, term: str, models: dict) -> str | None:
    """How a machine made this form, or None when the text has it as it stands."""
    form = entry.fr if lang == "fr" else entry.en
    source = entry.fr_source if lang == "fr" else entry.en_source
    if term != " ".join((form or "").split()):
        return None  # the abbreviation: a surface form of the text
    if source == "model":
        role = "en-fr" if lang == "fr" else "fr-en"
        model = models.get(role, {}).get("model", "a translation model")
        return f"machine-made: translated by {model} ({role}); not found in the corpus"
    if entry.abbreviation and entry.pairing and entry.pairing != "initials":
        return f"machine-made pairing with {entry.abbreviation}: {entry.pairing} (its letters do not spell the acronym)"
    if entry.candidate:
        return f"candidate: {CANDIDATE_NOTE['en']}"
    return None


def _terms_by_language(entry: Entry, corpus: Corpus) -> dict[str, list[tuple[str, str | None]]]:
    """``{lang: [(term, termType)]}``: each form, and the abbreviation as a term of its own.

    The abbreviation is a surface form of the text, so it goes to every language whose
    articles use it (``ECB`` in French and English news alike); when no occurrence shows
    it, next to the French form, else the English one. Only an expansion the text spells
    out letter by letter is a ``fullForm``; one made by a model or paired by position is not
    claimed as such.
    """
    abbreviation = " ".join((entry.abbreviation or "").split()) or None
    terms: dict[str, list[tuple[str, str | None]]] = {}
    for lang, form in (("fr", entry.fr), ("en", entry.en)):
        form = " ".join((form or "").split())  # a term is one line, whatever the extractor left in it
        if form:
            source = entry.fr_source if lang == "fr" else entry.en_source
            spelled = source == "corpus" and entry.pairing in (None, "initials")
            term_type = "acronym" if form == abbreviation else ("fullForm" if abbreviation and spelled else None)
            terms.setdefault(lang, []).append((form, term_type))
    if abbreviation:
        lang_of_article = {a.id: a.lang for a in corpus.articles}
        used_in = [
            lang_of_article[o.article] for o in entry.occurrences if o.text.casefold() == abbreviation.casefold()
        ]
        for lang in dict.fromkeys(used_in or ["fr" if entry.fr or not entry.en else "en"]):
            if all(term != abbreviation for term, _ in terms.get(lang, [])):
                terms.setdefault(lang, []).append((abbreviation, "acronym"))
    if not terms and entry.occurrences:
        # No form at all (should not happen): the text as it stands is still a term of its article's language.
        first = entry.occurrences[0]
        terms[corpus.article(first.article).lang] = [(first.text, None)]
    elif not terms and entry.variants:
        terms[corpus.majority_lang] = [(entry.variants[0], None)]
    return terms


def _contexts(terms: list[str], occurrences: list[Occurrence]) -> list[Occurrence | None]:
    """A context sentence per term: its own first occurrence in the language.

    When no term of the language occurs as such (the occurrences are other variants),
    the first term gets the language's first occurrence, so the concept still shows
    how the corpus uses it.
    """
    contexts = [next((o for o in occurrences if o.text.casefold() == t.casefold()), None) for t in terms]
    if occurrences and all(c is None for c in contexts):
        contexts[0] = occurrences[0]
    return contexts


def _descrip_group(parent: ET.Element, kind: str, text: str, passage: str, lang: str | None = None) -> None:
    group = ET.SubElement(parent, "descripGrp")
    attributes = {"type": kind} | ({XML_LANG: lang} if lang else {})
    _text(group, "descrip", " ".join(text.split()), **attributes)
    _text(group, "admin", passage, type="source")


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = _NOT_XML.sub("", text)
    return element


def _source_description(glossary: Glossary, corpus: Corpus) -> str:
    models = ", ".join(f"{role}: {info.get('model', '?')}" for role, info in glossary.models.items())
    return (
        f"Glossary extracted by bilingual-brief from {len(corpus.articles)} article(s) "
        f"({', '.join(a.id for a in corpus.articles)}); "
        f"machine-translated forms: {models or 'none'}. Sources are passage ids <article-id>#p<N>."
    )
