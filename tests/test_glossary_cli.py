"""End to end: ``brief glossary`` on the shipped corpus with tiny local translators."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import main
from core.corpus import read_corpus

CORPUS = Path(__file__).parent.parent / "corpus"
# The terms a reader of this corpus expects; the extractor must find them from the text alone.
EXPECTED_TERMS = ["PBC", "Research IP", "AGI", "open weight", "droit de premier refus"]


@pytest.fixture(scope="module")
def glossary_run(model_options, tmp_path_factory):
    out = tmp_path_factory.mktemp("glossary")
    result = CliRunner().invoke(main, ["glossary", "--corpus", str(CORPUS), "--out", str(out), "-q", *model_options])
    return result, out


@pytest.fixture(scope="module")
def entries(glossary_run):
    result, out = glossary_run
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads((out / "glossary.json").read_text(encoding="utf-8"))["entries"]


def find(entries, term):
    matching = [e for e in entries if term in (e["abbreviation"], e["fr"], e["en"]) or term in e["variants"]]
    assert len(matching) == 1, f"{term!r}: {[e['id'] for e in matching]}"
    return matching[0]


def passages_containing(term: str) -> set[str]:
    pattern = re.compile(r"(?<![\w-])" + re.escape(term).replace("'", "['’]") + r"(?![\w-])", re.IGNORECASE)
    return {p.id for a in read_corpus(CORPUS).articles for p in a.passages if pattern.search(p.text)}


@pytest.mark.parametrize("term", EXPECTED_TERMS)
def test_expected_terms_are_entries_with_both_forms(entries, term):
    entry = find(entries, term)
    assert entry["kind"] in ("term", "acronym")
    assert entry["fr"] and entry["en"]
    assert entry["fr_source"] in ("corpus", "model") and entry["en_source"] in ("corpus", "model")
    # A definition only where the text defines the term; a context sentence always.
    shown = entry["definition"] or entry["context"]
    assert shown["quote"] and shown["passage"]
    assert entry["context"]["quote"] and entry["context"]["passage"]


@pytest.mark.parametrize("term", EXPECTED_TERMS)
def test_every_passage_with_the_term_is_an_occurrence(entries, term):
    entry = find(entries, term)
    expected = passages_containing(term)
    assert expected, term
    assert expected <= {o["passage"] for o in entry["occurrences"]}


def test_occurrence_offsets_and_quotes_point_into_the_articles(entries):
    articles = {a.id: a for a in read_corpus(CORPUS).articles}
    for entry in entries:
        for occurrence in entry["occurrences"]:
            article = articles[occurrence["article"]]
            assert article.text[occurrence["start"] : occurrence["end"]] == occurrence["text"]
            assert occurrence["passage"].startswith(occurrence["article"] + "#p")
            assert occurrence["text"] in occurrence["quote"]


def test_cross_language_expansions_come_from_the_text(entries):
    pbc = find(entries, "PBC")
    assert (pbc["fr"], pbc["en"]) == ("société d’intérêt public", "Public Benefit Corporation")
    agi = find(entries, "AGI")
    assert agi["fr"] == "intelligence artificielle générale" and agi["en"] == "Artificial General Intelligence"
    assert pbc["fr_source"] == pbc["en_source"] == "corpus"


def test_terms_without_an_english_form_in_the_text_get_one_from_the_translator(entries, glossary_run):
    entry = find(entries, "droit de premier refus")
    assert entry["en_source"] == "model" and entry["en"]
    data = json.loads((glossary_run[1] / "glossary.json").read_text(encoding="utf-8"))
    assert "fr-en" in data["models"]


def test_entities_are_typed_not_mixed_with_terms(entries):
    microsoft = find(entries, "Microsoft")
    assert microsoft["kind"] == "entity" and microsoft["entity_type"] == "ORG"


def test_every_output_is_written(glossary_run):
    result, out = glossary_run
    for name in ["glossary.json", "glossary.md", "glossary.tbx", "glossary.csv"]:
        assert (out / name).is_file(), name
    assert not (out / "site").exists()  # the site combines every product: `brief build` publishes it
    assert "glossary.json" in result.output.strip().splitlines()[-1]


def test_without_a_translator_forms_stay_missing_and_the_user_is_told(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    result = CliRunner().invoke(main, ["glossary", "--corpus", str(CORPUS), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.stderr
    assert "have no en form" in result.stderr
    entries = json.loads((tmp_path / "out" / "glossary.json").read_text(encoding="utf-8"))["entries"]
    assert find(entries, "droit de premier refus")["en"] is None


def test_csv_header_and_identical_pairs_are_the_users_choice(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    out = tmp_path / "out"
    args = ["glossary", "--corpus", str(CORPUS), "--out", str(out), "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    default = (out / "glossary.csv").read_text(encoding="utf-8").splitlines()
    assert default[0] == "fr,en"
    assert all(fr != en for fr, en in (line.split(",", 1) for line in default[1:]))
    # The run says how many entries the CSV leaves out, and why.
    assert re.search(r"glossary\.csv: \d+ rows; \d+ entries left out: \d+ identical", result.stderr)
    result = CliRunner().invoke(main, [*args, "--no-csv-header", "--csv-identical"])
    assert result.exit_code == 0, result.stderr
    rows = (out / "glossary.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] != "fr,en" and "Microsoft,Microsoft" in rows
