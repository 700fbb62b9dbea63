"""Sentence compression for summaries: datelines and glosses go; the news and who says it stay.

Every sentence here is written for the test.
"""

from __future__ import annotations

import pytest

from summarize.engines.compress import compress, is_acronym_of, opens_with_dateline
from summarize.engines.news import extract


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        (
            "PORTLAND, Ore. (AP) — A bridge over the Willamette River closed for repairs on Monday.",
            "en",
            "A bridge over the Willamette River closed for repairs on Monday.",
        ),
        (
            "OSLO – The central bank kept its main rate unchanged for a third month.",
            "en",
            "The central bank kept its main rate unchanged for a third month.",
        ),
        (
            "GENÈVE (ATS) - Le canton a adopté mardi un budget en hausse de deux pour cent.",
            "fr",
            "Le canton a adopté mardi un budget en hausse de deux pour cent.",
        ),
    ],
)
def test_a_dateline_is_cut(sentence, lang, expected):
    assert compress(sentence) == expected


def test_a_parenthetical_gloss_is_cut_but_an_acronym_of_the_name_before_it_stays():
    assert (
        compress("Un incendie a détruit un entrepôt à Vierzon (Cher) dans la nuit de samedi.")
        == "Un incendie a détruit un entrepôt à Vierzon dans la nuit de samedi."
    )
    kept = "L'Agence nationale des fréquences (ANFR) a retiré un téléphone du marché."
    assert compress(kept) == kept
    assert is_acronym_of("Ceni", "la Commission électorale nationale indépendante")
    assert is_acronym_of("OFB", "l'Office français de la biodiversité")
    assert not is_acronym_of("Cher", "un entrepôt à Vierzon")
    assert not is_acronym_of("NASA", "the space agency said")


@pytest.mark.parametrize(
    "sentence",
    [
        # Who says it stays: without its source, a claim reads as a fact.
        "Le chantier du tramway prendra six mois de retard, a indiqué la mairie.",
        "Le chantier du tramway prendra six mois de retard, a-t-il précisé jeudi.",
        "Trois randonneurs ont été secourus dans le massif du Vercors, selon la gendarmerie.",
        "Two hikers were rescued from the ridge after a night in the snow, park rangers said.",
        "The factory will close in March, according to a company spokesman.",
        # A quotation keeps its speaker: without it, it cannot stand alone.
        "« Nous ne fermerons pas cette école », a déclaré le maire.",
        '"We will rebuild every house," the governor said.',
        # Too little would be left to stand as a sentence.
        "Le maire (PS) démissionne.",
    ],
)
def test_what_a_sentence_needs_is_not_cut(sentence):
    assert compress(sentence) == sentence


def test_summaries_are_printed_and_counted_compressed():
    sentences = [
        "LYON (AFP) - La métropole a rendu les bus gratuits pour les moins de vingt-cinq ans, a annoncé son président.",
        "La mesure coûtera six millions d'euros par an (hors taxes), selon les services de la métropole.",
        "Les commerçants du centre réclamaient une telle mesure depuis plusieurs années.",
    ]
    summary = extract(sentences, "fr", budget=28)
    assert summary == [
        "La métropole a rendu les bus gratuits pour les moins de vingt-cinq ans, a annoncé son président.",
        "La mesure coûtera six millions d'euros par an, selon les services de la métropole.",
    ]


def test_a_dateline_is_recognised_only_at_the_start_of_a_sentence():
    assert opens_with_dateline("NAIROBI, Kenya (AP) — The election commission announced the results.")
    assert opens_with_dateline("BERNE - Le Conseil fédéral a adopté le message sur l'armée.")
    assert not opens_with_dateline("The NATO summit — held in Vilnius — ended on Wednesday.")
    assert not opens_with_dateline("Le Conseil fédéral a adopté mercredi le message sur l'armée.")
