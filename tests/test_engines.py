"""Model-free parts of the engines: output checks, extraction, citations."""

from __future__ import annotations

import pytest

from core.corpus.passages import split_passages
from core.models.quality import generation_problem
from summarize.engines.base import Document
from summarize.engines.citations import PassageIndex
from summarize.engines.extractive import ExtractiveEngine, select_sentences


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty output"),
        ("   ", "empty output"),
        ("... !!", "no words"),
        ("le le le le le le le le accord", "'le' repeated"),
        ("isationisationisationisationisationisation", "character sequence repeated"),
        ("a b c a b c a b c a b c a b c a b c a b c", "distinct words"),
    ],
)
def test_unusable_generations_are_named(text, problem):
    assert problem in generation_problem(text)


@pytest.mark.parametrize(
    "text",
    [
        "Le conseil municipal a adopté le budget mardi soir après un long débat.",
        "Court résumé.",
        "The board approved the 2025 budget after a long debate on Tuesday.",
    ],
)
def test_prose_passes(text):
    assert generation_problem(text) is None


SENTENCES = [
    "Le conseil municipal a adopté le budget de la ville mardi.",
    "Le budget de la ville prévoit de nouvelles pistes cyclables.",
    "Le budget de la ville prévoit de nouvelles pistes cyclables.",
    "Il faisait beau ce jour-là sur la place.",
    "Les pistes cyclables du budget seront construites en 2026.",
]


def test_extraction_prefers_central_sentences_and_skips_repeats():
    picked = select_sentences(SENTENCES, budget=2)
    assert picked == sorted(picked)
    assert 3 not in picked  # the off-topic sentence
    assert not {1, 2} <= set(picked)  # never the same sentence twice


def test_extractive_engine_summarises_each_document_in_its_own_words():
    summaries = ExtractiveEngine().summarise({"a": Document("fr", SENTENCES), "empty": Document("fr", [])})
    assert all(s in SENTENCES for s in _sentences(summaries["a"].text))
    assert summaries["empty"].text == ""
    assert summaries["empty"].problems == ["no sentence to extract"]


def _sentences(text: str) -> list[str]:
    return [s if s.endswith(".") else s + "." for s in text.split(". ") if s]


def test_citations_point_at_the_passage_a_sentence_comes_from():
    text = (
        "Le port de Marseille accueille un nouveau terminal pour conteneurs.\n\n"
        "La ville de Lyon inaugure une ligne de tramway vers l’aéroport.\n\n"
        "Le terminal de Marseille doublera le trafic de conteneurs du port."
    )
    passages, _ = split_passages("art", text, "fr", markdown=True)
    index = PassageIndex(passages)
    assert index.cite("Lyon inaugure une ligne de tramway.") == ["art#p2"]
    assert set(index.cite("Le nouveau terminal de Marseille pour conteneurs.")) == {"art#p1", "art#p3"}
    assert index.cite("Rien à voir : météo pluvieuse demain.") == []
