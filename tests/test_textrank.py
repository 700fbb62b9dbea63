"""TextRank centrality of the news engine, on sentences written for the test."""

from __future__ import annotations

import numpy as np

from summarize.engines.textrank import textrank


def test_the_sentence_that_names_what_the_others_talk_about_is_the_most_central():
    sentences = [
        "Le conseil municipal de Brest a voté lundi la rénovation du port de commerce pour douze millions d'euros.",
        "Le port de commerce de Brest accueille chaque année trois cents navires.",
        "La rénovation durera deux ans, a précisé le conseil municipal.",
        "Les pêcheurs redoutent des quais fermés pendant les travaux.",
        "Il a plu toute la journée.",
    ]
    rank = textrank(sentences)
    assert np.isclose(rank.sum(), 1.0)
    assert rank.argmax() == 0
    assert rank[4] == rank.min()


def test_sentences_that_share_no_word_are_equally_central():
    sentences = ["Les pompiers maîtrisent l'incendie.", "Grève des contrôleurs aériens.", "Victoire du FC Nantes."]
    assert np.allclose(textrank(sentences), 1 / 3)
    assert textrank([]).size == 0
