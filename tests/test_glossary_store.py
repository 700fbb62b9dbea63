"""A glossary made before from the same inputs is read back whole; any changed input makes it again."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from core.corpus import read_corpus
from core.models.settings import resolve_settings
from glossary import build as glossary_build
from glossary.build import build_glossary
from glossary.store import cached_glossary, glossary_key

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(CORPUS)


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_glossary_read_back_is_the_one_made(corpus, cache, monkeypatch):
    made = build_glossary(corpus)
    assert made.entries and any(e.definition for e in made.entries) and any(e.occurrences for e in made.entries)

    def must_not_run(*args):
        raise AssertionError("the glossary was made again")

    monkeypatch.setattr(glossary_build, "_make", must_not_run)
    again = build_glossary(corpus)
    assert again == made  # every entry, occurrence, definition, setting and problem
    assert cached_glossary(glossary_key(corpus, None)) == made


def test_a_changed_input_makes_the_glossary_again(corpus, cache, tmp_path):
    key = glossary_key(corpus, None)
    edited = dataclasses.replace(corpus.articles[0], text=corpus.articles[0].text + "\n\nUne phrase de plus.")
    changed_text = dataclasses.replace(corpus, articles=[edited, *corpus.articles[1:]])
    assert glossary_key(changed_text, None) != key
    fewer = dataclasses.replace(corpus, articles=corpus.articles[1:])
    assert glossary_key(fewer, None) != key

    config = tmp_path / "brief.toml"
    config.write_text("[glossary]\nthreshold = 0.5\n", encoding="utf-8")
    settings = resolve_settings(config_file=config, environ={})
    assert glossary_key(corpus, settings) != glossary_key(corpus, resolve_settings(environ={}))
    other_translator = resolve_settings(["fr-en=Helsinki-NLP/opus-mt-fr-de"], environ={})
    assert glossary_key(corpus, other_translator) != glossary_key(corpus, resolve_settings(environ={}))
    summariser = resolve_settings(["summarize-fr=some/other-summariser"], environ={})
    assert glossary_key(corpus, summariser) == glossary_key(corpus, resolve_settings(environ={}))  # not an input


def test_a_damaged_stored_glossary_is_made_again(corpus, cache):
    made = build_glossary(corpus)
    (stored,) = (cache / "glossaries").glob("*.json")
    stored.write_text('{"entries": [{"id": 1}]}', encoding="utf-8")
    assert cached_glossary(glossary_key(corpus, None)) is None
    assert build_glossary(corpus) == made
