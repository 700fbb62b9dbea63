"""Sentence boundaries kept in the cache: a rerun reads them back, and gets the same sentences.

The texts are written for the test.
"""

from __future__ import annotations

import json

import pytest

import core.cache
from core.corpus import passages

TEXT = (
    "Le conseil municipal a voté mardi le budget 2026. « Nous tiendrons nos engagements. » "
    "Le maire, M. Dupont, l'a redit devant 300 habitants (salle comble)."
)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_second_split_reads_the_boundaries_back_and_gives_the_same_sentences(cache_dir, monkeypatch):
    first = passages.split_sentences(TEXT, "fr", offset=40)
    assert [s.text for s in first] == [
        "Le conseil municipal a voté mardi le budget 2026.",
        "« Nous tiendrons nos engagements. »",
        "Le maire, M. Dupont, l'a redit devant 300 habitants (salle comble).",
    ]
    assert all(TEXT[s.start - 40 : s.end - 40] == s.text for s in first)
    (stored,) = (cache_dir / "sentences").glob("*.jsonl")
    assert len(stored.read_text(encoding="utf-8").splitlines()) == 1

    core.cache._open.cache_clear()  # as in a new process: the cache is read from disk

    def no_splitter(lang):
        raise AssertionError("the splitter ran although the boundaries were cached")

    monkeypatch.setattr(passages, "_segmenter", no_splitter)
    assert passages.split_sentences(TEXT, "fr", offset=40) == first


def test_boundaries_depend_on_the_language_too(cache_dir):
    english = "Dr. Smith arrived at 5 p.m. on Monday. The meeting began."
    assert [s.text for s in passages.split_sentences(english, "en")] == [
        "Dr. Smith arrived at 5 p.m. on Monday.",
        "The meeting began.",
    ]
    passages.split_sentences(english, "fr")
    (stored,) = (cache_dir / "sentences").glob("*.jsonl")
    keys = [json.loads(line)["key"] for line in stored.read_text(encoding="utf-8").splitlines()]
    assert len(set(keys)) == 2


def test_a_cache_path_that_is_a_file_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(blocker))
    assert len(passages.split_sentences(TEXT, "fr")) == 3
    assert blocker.read_text(encoding="utf-8") == "not a folder"
