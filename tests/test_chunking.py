"""Chunking: every word of the input lands in exactly one chunk, and every chunk fits the limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.corpus import read_corpus
from core.models import load_model
from core.models.chunking import chunk_sentences, split_long_text
from core.models.settings import resolve_settings

CORPUS = Path(__file__).parent.parent / "corpus"


def word_count(text: str) -> int:
    return len(text.split())


def test_sentences_are_packed_in_order_without_loss():
    sentences = [f"Phrase numéro {i} avec quelques mots." for i in range(20)]
    chunks = chunk_sentences(sentences, limit=16, count_tokens=word_count)
    assert " ".join(chunks) == " ".join(sentences)
    assert all(word_count(c) <= 16 for c in chunks)
    assert len(chunks) == 10  # 6 words a sentence: two fit in 16 words, a third does not


def test_a_sentence_longer_than_the_limit_is_cut_between_words():
    long_sentence = " ".join(f"mot{i}" for i in range(50))  # no punctuation at all
    chunks = chunk_sentences(["Court.", long_sentence, "Fin."], limit=8, count_tokens=word_count)
    assert " ".join(chunks).split() == ["Court.", *long_sentence.split(), "Fin."]
    assert all(word_count(c) <= 8 for c in chunks)


def test_a_single_word_longer_than_the_limit_is_cut_between_characters():
    pieces = split_long_text("a" * 50, limit=10, count_tokens=len)
    assert "".join(pieces) == "a" * 50
    assert all(len(p) <= 10 for p in pieces)


@pytest.mark.parametrize("role", ["summarize-fr", "summarize-en", "fr-en"])
def test_corpus_chunks_fit_the_real_tokenizer_limit(tiny_models, role):
    model = load_model(resolve_settings([f"{role}={tiny_models[role]}"]), role)
    assert model.input_limit == 128  # read from the saved tokenizer/config, not assumed
    for article in read_corpus(CORPUS).articles:
        sentences = [s.text for s in article.summarisable_sentences]
        chunks = chunk_sentences(sentences, model.input_limit, model.count_tokens)
        assert all(model.count_tokens(c) <= model.input_limit for c in chunks)
        assert " ".join(chunks).split() == " ".join(sentences).split()
