"""Text in capitals (bulletins, headlines): a common word shouted is no acronym and no name,
in English and in French; a real acronym in the same line still is.

Every sentence here was written for these tests (avalanche bulletins, a topic none of the
benchmark corpora covers).
"""

from __future__ import annotations

from test_glossary_extract import glossary_of
from test_glossary_precision import _english_model_free

from glossary.extract.acronyms import shouted

SHOUTED_EN = {"THE", "WARNS", "THAT", "SLAB", "AVALANCHES", "ARE", "LIKELY", "NORTH", "SLOPES", "SKIERS", "MUST"}


def test_a_shouted_line_keeps_its_acronyms_and_loses_its_common_words():
    line = "THE AWB WARNS THAT SLAB AVALANCHES ARE LIKELY ON NORTH SLOPES."
    found = {line[start:end] for start, end in shouted(line, "en")}
    assert "AWB" not in found
    assert {"THE", "AVALANCHES", "ARE", "SLOPES"} <= found
    # Acronyms side by side are no shouting: nothing in them is a common word.
    assert shouted("The AWB and SLF teams met.", "en") == []


def test_shouted_english_words_are_no_acronyms_or_names(tmp_path):
    _english_model_free()
    glossary = glossary_of(
        tmp_path,
        "# AVALANCHE BULLETIN\n\nTHE AWB WARNS THAT SLAB AVALANCHES ARE LIKELY ON NORTH SLOPES. SKIERS MUST "
        "STAY ON MARKED RUNS.\n\nThe AWB raised the danger level on Friday after heavy snow.",
        "# THE SLOPES ARE CLOSED\n\nSlab avalanches buried two huts last winter, and guides now carry beacons.",
        lang="en",
    )
    abbreviations = {e.abbreviation for e in glossary.entries if e.abbreviation}
    assert "AWB" in abbreviations
    assert not abbreviations & SHOUTED_EN
    assert not [e.label for e in glossary.entries if e.kind == "entity" and e.label.isupper()]


def test_shouted_french_words_are_no_acronyms_or_names(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "# ALERTE AVALANCHE SUR LES PENTES NORD\n\nLE CMNA ANNONCE UN RISQUE FORT SUR LES PENTES NORD. LES "
        "RANDONNEURS DOIVENT RESTER SUR LES PISTES.\n\nLe CMNA a relevé le niveau de risque vendredi.",
        "Les plaques à vent ont enseveli deux refuges l'hiver dernier, rappelle le CMNA.",
    )
    abbreviations = {e.abbreviation for e in glossary.entries if e.abbreviation}
    assert "CMNA" in abbreviations
    assert not abbreviations & {"ALERTE", "AVALANCHE", "LE", "LES", "RISQUE", "FORT", "SUR", "PENTES", "NORD"}
    assert not [e.label for e in glossary.entries if e.kind == "entity" and e.label.isupper()]
