"""``brief translate`` with the tiny local translators: structure, increments, resume, bad input, TMX, terms."""

from __future__ import annotations

import codecs
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from brief.cli import main
from core.models.settings import resolve_settings
from translate import translate_files
from translate.segments import skeleton

ARTICLE = """---
title: Le conseil adopte le budget
date: 2025-03-01
lang: fr
rubrique: politique-locale
---
# Le budget *municipal* est adopté

Le conseil a voté le budget mardi soir. Le [compte rendu](https://example.org/cr?id=42&format=pdf) est en ligne, voir `budget_2025.csv` pour les chiffres.

- Les **écoles** recevront plus de moyens.
- Les routes seront rénovées.

| Poste | Montant |
|-------|---------|
| Écoles | 12 M€ |
| Routes | 8 M€ |

```python
total = 12 + 8  # ne pas traduire
```

Le maire s'est dit satisfait du vote.
"""


def translate(*args):
    return CliRunner().invoke(main, ["translate", *[str(a) for a in args]], catch_exceptions=False)


def split(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


@pytest.fixture()
def article(tmp_path, in_tmp_cwd) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    path = folder / "budget.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture()
def fr_en(tiny_models) -> list[str]:
    return ["--model", f"fr-en={tiny_models['fr-en']}"]


def test_markdown_structure_survives_translation(article, fr_en, tmp_path):
    result = translate(article, "--out", tmp_path / "out", "--to", "en", "-q", *fr_en)
    assert result.exit_code == 0, result.stderr
    output = tmp_path / "out" / "translations" / "budget.en.md"
    meta, body = split(output)
    source_meta, source_body = split(article)
    assert skeleton(body) == skeleton(source_body.strip("\n"))
    assert "Markdown structure differs" not in result.stderr
    assert "https://example.org/cr?id=42&format=pdf" in body
    assert "`budget_2025.csv`" in body
    assert "```python\ntotal = 12 + 8  # ne pas traduire\n```" in body
    assert body.count("|") == source_body.count("|")
    assert meta["lang"] == "en" and meta["rubrique"] == "politique-locale" and meta["date"] == source_meta["date"]
    assert meta["title"] and meta["title"] != source_meta["title"]
    assert {"translated_from", "source_hash", "model", "revision", "translated"} <= set(meta)
    assert meta["translated_from"] == "budget.md"
    assert "Le conseil a voté le budget" not in body


def test_a_second_run_translates_nothing_and_rewrites_nothing(article, fr_en, tmp_path):
    out = tmp_path / "out"
    assert translate(article, "--out", out, "-q", *fr_en).exit_code == 0
    files = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (out / "translations").iterdir()}
    result = translate(article, "--out", out, "-q", *fr_en)
    assert result.exit_code == 0
    assert "unchanged budget.md" in result.output
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (out / "translations").iterdir()} == files


def test_editing_one_paragraph_retranslates_only_that_paragraph(article, tiny_models, tmp_path):
    settings = resolve_settings([f"fr-en={tiny_models['fr-en']}"], environ={})
    out = tmp_path / "out"
    first = translate_files([article], out, settings)[0]
    assert first.status == "translated" and first.to_translate > 5
    article.write_text(ARTICLE.replace("Le maire s'est dit satisfait du vote.", "Le maire a salué un vote serré."))
    second = translate_files([article], out, settings)[0]
    assert second.status == "translated"
    assert second.to_translate == 1  # one new sentence; every other one comes from the cache


def test_an_interrupted_run_resumes_where_it_stopped(article, tiny_models, tmp_path, monkeypatch):
    config = tmp_path / "brief.toml"
    config.write_text("[generation]\nbatch_size = 4\n", encoding="utf-8")
    settings = resolve_settings([f"fr-en={tiny_models['fr-en']}"], config_file=config, environ={})
    out = tmp_path / "out"
    second = article.parent / "second.md"
    second.write_text(ARTICLE.replace("budget", "plan"), encoding="utf-8")
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "generation-cache"))  # nothing generated earlier

    def interrupt(stage, done, total):
        if done >= 4:
            raise KeyboardInterrupt  # Ctrl-C after the first batch of sentences was cached

    with pytest.raises(KeyboardInterrupt):
        translate_files([article, second], out, settings, progress=interrupt)
    folder = out / "translations"
    assert not (folder / ".lock").exists()
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    cached = len((folder / "cache.jsonl").read_text(encoding="utf-8").splitlines())
    assert cached == 4

    results = translate_files([article, second], out, settings)
    assert all(r.status == "translated" for r in results)
    resumed = (folder / "cache.jsonl").read_text(encoding="utf-8").splitlines()
    translate_files([article, second], tmp_path / "fresh", settings)
    uninterrupted = (tmp_path / "fresh" / "translations" / "cache.jsonl").read_text(encoding="utf-8").splitlines()
    # every model input was translated exactly once across the interrupted run and its resumption
    assert len(resumed) == len(uninterrupted) == len({json.loads(line)["key"] for line in resumed})
    assert (folder / "budget.en.md").read_text(encoding="utf-8").split("---\n", 2)[2] == (
        tmp_path / "fresh" / "translations" / "budget.en.md"
    ).read_text(encoding="utf-8").split("---\n", 2)[2]


def test_bad_inputs_are_converted_or_skipped_and_the_rest_is_done(tmp_path, fr_en, in_tmp_cwd):
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = "Le conseil municipal a voté le budget de la ville mardi soir après un long débat.\n"
    (folder / "bon.md").write_text(text, encoding="utf-8")
    (folder / "vide.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "latin1.txt").write_bytes((text + "Déjà l'été à Noël.\n").encode("latin-1"))
    (folder / "cp1252.txt").write_bytes((text + "« L’été », dit-il.\n").encode("cp1252"))
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    (folder / "enorme.txt").write_bytes(("Le conseil a voté. " * 600_000).encode("utf-8"))
    (folder / "sans-fin.txt").write_text("Le conseil " + " ".join(["municipal a voté le budget"] * 80) + "\n")
    out = tmp_path / "out"
    result = translate("--corpus", folder, "--out", out, "--source-lang", "fr", "-q", *fr_en)
    assert result.exit_code == 4
    for name, reason in [("vide.txt", "empty file"), ("image.txt", "binary"), ("enorme.txt", "too large")]:
        assert f"skipped {name}: not translated:" in result.stderr and reason in result.stderr, name
    translated = sorted(p.name for p in (out / "translations").glob("*.en.md"))
    assert translated == ["bon.en.md", "cp1252.en.md", "latin1.en.md", "sans-fin.en.md", "utf16.en.md"]
    assert "Traceback" not in result.stderr
    assert not [p for p in (out / "translations").iterdir() if p.name.endswith(".tmp")]


def test_translation_memory_is_well_formed_tmx(article, fr_en, tmp_path):
    out = tmp_path / "out"
    assert translate(article, "--out", out, "-q", *fr_en).exit_code == 0
    root = ET.parse(out / "translations" / "memory.tmx").getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    required = ["creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"]
    assert all(header.get(attribute) for attribute in required)
    units = root.findall("body/tu")
    assert len(units) >= 8
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for unit in units:
        variants = unit.findall("tuv")
        assert [v.get(lang) for v in variants] == ["fr-FR", "en-GB"]
        assert all(v.find("seg").text for v in variants)
    sources = {u.findall("tuv")[0].find("seg").text for u in units}
    assert "Le conseil a voté le budget mardi soir." in sources


def test_glossary_terms_are_translated_the_glossary_way(tmp_path, fr_en, in_tmp_cwd):
    source = tmp_path / "taux.md"
    source.write_text(
        "---\nlang: fr\n---\nLa banque a relevé son taux directeur mardi.\n\n"
        "Le taux directeur restera élevé, selon le gouverneur.\n",
        encoding="utf-8",
    )
    glossary = tmp_path / "glossary.json"
    entry = {
        "id": "taux-directeur",
        "fr": "taux directeur",
        "en": "key interest rate",
        "kind": "term",
        "abbreviation": None,
        "variants": ["taux directeur", "taux directeurs"],
    }
    glossary.write_text(json.dumps({"entries": [entry]}), encoding="utf-8")
    result = translate(source, "--out", tmp_path / "out", "--glossary", glossary, "-q", *fr_en)
    assert result.exit_code == 0, result.stderr
    assert "glossary terms in glossary form: 2/2" in result.output
    _, body = split(tmp_path / "out" / "translations" / "taux.en.md")
    assert body.count("key interest rate") == 2


def test_dry_run_lists_and_writes_nothing(article, fr_en, tmp_path):
    result = translate(article, "--out", tmp_path / "out", "--dry-run", *fr_en)
    assert result.exit_code == 0
    assert "would translate budget.md" in result.output
    assert not (tmp_path / "out").exists()


def test_the_whole_corpus_translates_with_its_markdown_skeleton_intact(fr_en, tmp_path, in_tmp_cwd):
    corpus = Path(__file__).parent.parent / "corpus"
    out = tmp_path / "out"
    result = translate("--corpus", corpus, "--out", out, "--to", "en", "-q", *fr_en)
    assert result.exit_code == 0, result.stderr
    outputs = sorted((out / "translations").glob("*.en.md"))
    assert [p.name.removesuffix(".en.md") for p in outputs] == sorted(p.stem for p in corpus.glob("*.md"))
    for output in outputs:
        _, source_body = split(corpus / output.name.replace(".en.md", ".md"))
        _, body = split(output)
        assert skeleton(body) == skeleton(source_body), output.name
    assert "Markdown structure differs" not in result.stderr


def test_the_translation_of_a_deleted_article_is_removed_with_its_pairs(article, fr_en, tmp_path):
    folder = article.parent
    second = folder / "second.md"
    second.write_text(ARTICLE.replace("budget", "plan"), encoding="utf-8")
    out = tmp_path / "out"
    assert translate("--corpus", folder, "--out", out, "-q", *fr_en).exit_code == 0
    translations = out / "translations"
    assert (translations / "second.en.md").is_file()

    second.unlink()
    result = translate("--corpus", folder, "--out", out, "-q", *fr_en)
    assert result.exit_code == 0
    assert f"notice: removed {translations / 'second.en.md'}: stale translation" in result.stderr
    assert sorted(p.name for p in translations.glob("*.md")) == ["budget.en.md"]
    manifest = json.loads((translations / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["files"]) == ["budget.en.md"]
    memory = ET.parse(translations / "memory.tmx").getroot()
    sources = [tu.find("tuv/seg").text for tu in memory.iter("tu")]
    assert sources and not any("plan" in text for text in sources)
    assert any("budget" in text for text in sources)
