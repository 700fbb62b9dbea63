"""Each extraction technique on small texts written for the test, through the real pipeline."""

from __future__ import annotations

import pytest

from core.corpus import read_corpus
from glossary import build_glossary
from glossary.extract.acronyms import matches
from glossary.extract.ranking import c_values


def glossary_of(tmp_path, *articles: str, lang: str = "fr"):
    for number, text in enumerate(articles, start=1):
        (tmp_path / f"article-{number}.md").write_text(f"---\nlang: {lang}\n---\n{text}\n", encoding="utf-8")
    return build_glossary(read_corpus(tmp_path))


def entry_for(glossary, form: str):
    for entry in glossary.entries:
        if form in (entry.fr, entry.en, entry.abbreviation) or form in entry.variants:
            return entry
    raise AssertionError(f"no entry for {form!r} in {[e.label for e in glossary.entries]}")


@pytest.mark.parametrize(
    ("acronym", "long_form", "expected"),
    [
        ("OMC", "Organisation mondiale du commerce", True),  # Schwartz–Hearst, in order
        ("EEZ", "zone économique exclusive", True),  # other language: same initials, other order
        ("BCE", "Banque centrale européenne", True),
        ("BCE", "Banque de France", False),
        ("ONU", "ONU", False),  # a long form is never the acronym itself
        ("IMF", "fonds", False),
    ],
)
def test_acronym_expansion_matching(acronym, long_form, expected):
    assert matches(acronym, long_form) is expected


def test_acronym_defined_with_both_expansions_then_used_bare(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La banque centrale européenne (European Central Bank, ECB) a relevé ses taux mardi.\n\n"
        "Selon la ECB, l'inflation ralentira l'an prochain.",
    )
    entry = entry_for(glossary, "ECB")
    assert entry.kind == "acronym"
    assert entry.fr == "banque centrale européenne" and entry.en == "European Central Bank"
    assert entry.fr_source == entry.en_source == "corpus"
    assert {o.passage for o in entry.occurrences} == {"article-1#p1", "article-1#p2"}
    assert "European Central Bank, ECB" in entry.definition.quote


def test_acronym_expanded_in_another_word_order(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les navires pêchaient dans la zone économique exclusive (EEZ) du pays voisin.\n\n"
        "Le contrôle de la EEZ sera renforcé par les garde-côtes.",
    )
    entry = entry_for(glossary, "EEZ")
    assert entry.fr == "zone économique exclusive"
    assert len(entry.occurrences) == 3  # the expansion and both uses of the acronym


def test_english_phrase_inside_french_text_is_one_borrowed_term(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les développeurs de la banque pratiquent désormais le pair programming chaque semaine.",
    )
    entry = entry_for(glossary, "pair programming")
    assert "borrowing" in entry.evidence
    assert entry.occurrences[0].text == "pair programming"


def test_naming_cue_gives_the_term_and_its_defining_sentence(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Le gouvernement a plafonné les prix de l'énergie par des mesures appelées bouclier tarifaire. "
        "Les ménages en ont profité tout l'hiver.",
    )
    entry = entry_for(glossary, "bouclier tarifaire")
    assert "cue" in entry.evidence
    assert entry.definition.quote.startswith("Le gouvernement a plafonné")


def test_phrase_with_its_translation_in_parentheses_pairs_both_forms(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La mairie publiera son code sous forme de logiciel libre (open source) dès la rentrée.",
    )
    entry = entry_for(glossary, "logiciel libre")
    assert entry.fr == "logiciel libre" and entry.en == "open source"


def test_c_value_keeps_the_long_term_and_discounts_its_nested_part():
    values = c_values({"taux": 6, "taux directeur": 4, "taux directeur européen": 1})
    # "taux" mostly occurs inside the longer phrases: its own termhood is small
    assert values["taux directeur"] > values["taux"]
    assert values["taux directeur européen"] > 0


def test_repeated_noun_phrases_across_articles_are_terms_and_quantities_are_not(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "La Commission a publié un rapport sur la fraude fiscale. Le rapport chiffre la fraude fiscale "
        "à 80 milliards d'euros par an.",
        "Les députés veulent durcir la lutte contre la fraude fiscale. Le coût atteint 80 milliards d'euros.",
    )
    entry = entry_for(glossary, "fraude fiscale")
    assert entry.kind == "term" and len(entry.articles) == 2
    assert not any("milliard" in (e.fr or "") for e in glossary.entries)


def test_named_entities_are_typed_and_kept_apart_from_terms(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Angela Merkel a rencontré Emmanuel Macron à Berlin pour parler de la politique énergétique.\n\n"
        "Emmanuel Macron a ensuite quitté Berlin dans la soirée.",
    )
    macron = entry_for(glossary, "Emmanuel Macron")
    assert macron.kind == "entity" and macron.entity_type == "PER"
    assert macron.fr == macron.en == "Emmanuel Macron"
    assert all(e.kind == "entity" for e in glossary.entries if "Berlin" in e.variants)


def test_output_is_sorted_and_deterministic(tmp_path):
    text = (
        "La banque centrale européenne (European Central Bank, ECB) surveille la fraude fiscale. "
        "La fraude fiscale inquiète la ECB et Christine Lagarde."
    )
    first = glossary_of(tmp_path, text)
    again = build_glossary(read_corpus(tmp_path))
    assert [(e.id, e.fr, e.en, len(e.occurrences)) for e in first.entries] == [
        (e.id, e.fr, e.en, len(e.occurrences)) for e in again.entries
    ]
    order = {"term": 0, "acronym": 1, "entity": 2}
    keys = [(order[e.kind], e.label.casefold()) for e in first.entries]
    assert keys == sorted(keys)


def test_english_articles_without_a_tagger_still_give_acronyms_and_borrowings(tmp_path):
    # The official English spaCy pipelines are not on PyPI: rule-based extractors must carry English.
    glossary = glossary_of(
        tmp_path,
        "The European Central Bank (ECB) raised its key rate on Thursday. "
        "Analysts said the ECB had no choice. Its president spoke of a certain joie de vivre in the markets.",
        lang="en",
    )
    ecb = entry_for(glossary, "ECB")
    assert ecb.en == "European Central Bank" and ecb.fr is None
    assert len(ecb.occurrences) == 3
    borrowed = entry_for(glossary, "joie de vivre")
    assert "borrowing" in borrowed.evidence
