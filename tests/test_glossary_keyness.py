"""Keyness (corpus frequency against general language) and the name rules of issue 13's fourth pass.

Every sentence here was written for these tests, on topics none of the benchmark corpora covers.
"""

from __future__ import annotations

import pytest
from test_glossary_extract import entry_for, glossary_of
from test_glossary_precision import _english_model_free, labels

from glossary.extract.acronyms import is_acronym
from glossary.extract.keyness import Keyness, log_likelihood


def _text_of(counts: dict[str, int], lang: str) -> Keyness:
    keyness = Keyness()
    for word, count in counts.items():
        for _ in range(count):
            keyness.add(lang, word, word)
    return keyness


def test_a_word_is_key_when_repeated_far_above_its_general_frequency():
    # 200 running words: "miel" 4 times is thousands of times its share of general French;
    # "gouvernement", as often, is an everyday word; "miel" once is no evidence.
    short = _text_of({"miel": 4, "gouvernement": 4, "et": 192}, "fr")
    assert short.is_key("miel", "fr")
    assert not short.is_key("gouvernement", "fr")
    once = _text_of({"miel": 1, "et": 199}, "fr")
    assert not once.is_key("miel", "fr")
    # The same 4 uses in a text a hundred times longer are no longer far above general use.
    long = _text_of({"miel": 4, "et": 19996}, "fr")
    assert not long.is_key("miel", "fr")


def test_log_likelihood_grows_with_the_count_and_is_zero_below_expectation():
    assert log_likelihood(6, 0.01) > log_likelihood(3, 0.01) > 0
    assert log_likelihood(0.5, 1.0) == 0.0


def test_a_common_noun_the_text_repeats_and_is_about_is_a_term(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les apiculteurs du Jura vendent moins de miel cette année. Le miel de sapin manque, selon le gouvernement.",
        "Le gouvernement promet une aide : le prix du miel a doublé et le gouvernement surveille les importations de miel.",
    )
    assert entry_for(glossary, "miel").kind == "term"
    assert "gouvernement" not in labels(glossary)


def test_a_common_noun_used_once_is_not_a_term(tmp_path):
    glossary = glossary_of(
        tmp_path,
        "Les apiculteurs du Jura vendent moins cette année, selon le syndicat des apiculteurs. "
        "Le miel de sapin manque.",
    )
    assert "miel" not in labels(glossary)


def test_an_english_noun_the_text_repeats_and_is_about_is_a_term(tmp_path):
    _english_model_free()
    glossary = glossary_of(
        tmp_path,
        "Beekeepers in Vermont sold less honey this year. Honey prices doubled, and the problems "
        "are getting worse, growers said.",
        "Imported honey now fills the shelves. The problems started with a wet spring, and the problems remain.",
        lang="en",
    )
    assert entry_for(glossary, "honey").kind == "term"
    assert "problems" not in labels(glossary)


@pytest.mark.parametrize(
    ("text", "acronym"),
    [("II", False), ("XIV", False), ("IV", False), ("ANSSI", True), ("CD", True), ("IA", True)],
)
def test_a_roman_numeral_is_no_acronym(text, acronym):
    assert is_acronym(text) is acronym


def test_a_genitive_ends_a_name_and_a_title_case_headline_gives_none(tmp_path):
    _english_model_free()
    glossary = glossary_of(
        tmp_path,
        "# Orchard Growers Brace For Hail\n\nThe Fruit Growers League's Weather Desk issued a hail "
        "warning. The Weather Desk expects storms, the Fruit Growers League said.",
        lang="en",
    )
    names = [e.label for e in glossary.entries if e.kind == "entity"]
    assert "Weather Desk" in names and "Fruit Growers League" in names
    assert not any("'s" in name for name in names), names
    assert not any("Hail" in name or "Orchard" in name for name in names), names


@pytest.mark.parametrize(
    ("text", "acronym"),
    [("FttH", True), ("FttO", True), ("DDoS", True), ("Inc", False), ("Ltd", False), ("Mme", False), ("McD", True)],
)
def test_capitals_at_both_ends_make_an_acronym_title_case_does_not(text, acronym):
    # "FttH" (fibre to the home) keeps its lower-case middle; "Inc" is an abbreviated word.
    assert is_acronym(text) is acronym
