"""The ray executor: a local Ray with 2 CPUs, the tiny models, the same outputs as the local executor."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import main
from core.models.loader import load_model
from core.models.settings import resolve_settings

ray = pytest.importorskip("ray", reason="the ray extra is not installed: pip install -e '.[ray]'")

CORPUS = Path(__file__).parent.parent / "corpus"
TWO_ACTORS = "[ray]\nconcurrency = 2\nthreads_per_actor = 1\n"


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    """One local Ray of 2 CPUs for the module (the executor joins it instead of starting its own)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield
    ray.shutdown()


def run(command: str, out: Path, cache: Path, monkeypatch, *options: str):
    """``brief COMMAND`` on the corpus, into ``out``, with a generation cache of its own (nothing reused)."""
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(cache))
    args = [command, "--corpus", str(CORPUS), "--out", str(out), "-q", *options]
    return CliRunner().invoke(main, args, catch_exceptions=False)


def files(folder: Path) -> dict[str, bytes]:
    """Every output file's bytes, less the TMX header's creation time; the cache's records in key order.

    The sentence cache is a key → translation store appended as batches come back, and
    actors finish in any order: its records must match, not their order.
    """
    contents = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".tmx":
            data = re.sub(rb'creationdate="[0-9TZ]+"', b"", data)
        if path.name == "cache.jsonl":
            data = b"".join(sorted(data.splitlines(keepends=True)))
        contents[str(path.relative_to(folder))] = data
    return contents


def test_translation_on_ray_is_byte_identical_to_local(tiny_models, model_options, in_tmp_cwd, tmp_path, monkeypatch):
    (in_tmp_cwd / "brief.toml").write_text(TWO_ACTORS)
    local = run("translate", tmp_path / "local", tmp_path / "cache-local", monkeypatch, *model_options)
    on_ray = run(
        "translate", tmp_path / "ray", tmp_path / "cache-ray", monkeypatch, "--executor", "ray", *model_options
    )
    assert local.exit_code == on_ray.exit_code == 0, on_ray.stderr
    translations = files(tmp_path / "ray" / "translations")
    assert len([name for name in translations if name.endswith(".en.md")]) == 5
    assert translations == files(tmp_path / "local" / "translations")
    # The actors generated everything: this process never loaded the translator's weights.
    settings = resolve_settings([f"fr-en={tiny_models['fr-en']}"], executor="ray")
    assert load_model(settings, "fr-en")._translator is None


def test_build_on_ray_is_byte_identical_to_local(model_options, in_tmp_cwd, tmp_path, monkeypatch):
    """Summaries (every reduce pass), their translations, glossary forms and article translations."""
    (in_tmp_cwd / "brief.toml").write_text(TWO_ACTORS)
    local = run("build", tmp_path / "local", tmp_path / "cache-local", monkeypatch, *model_options)
    on_ray = run("build", tmp_path / "ray", tmp_path / "cache-ray", monkeypatch, "--executor", "ray", *model_options)
    assert local.exit_code == on_ray.exit_code == 0, on_ray.stderr
    outputs = files(tmp_path / "ray")
    assert {"summaries.json", "brief.md", "glossary.json", "site/index.html"} <= set(outputs)
    assert len([name for name in outputs if name.endswith(".en.md")]) == 5
    summaries = json.loads(outputs["summaries.json"])
    assert all(article["summary"]["fr"] and article["summary"]["en"] for article in summaries["articles"])
    assert outputs == files(tmp_path / "local")


@pytest.mark.parametrize("executor", ["ray", "local"])
def test_an_input_that_fails_fails_its_file_and_keeps_every_other_result(
    corrupt_translator, in_tmp_cwd, tmp_path, monkeypatch, executor
):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "zz-corrupt.md").write_text(
        "---\nlang: fr\ntitle: Le budget\n---\nLe conseil a voté le budget 漢字 mardi soir.\n\nLe maire est satisfait.\n",
        encoding="utf-8",
    )
    (in_tmp_cwd / "brief.toml").write_text(TWO_ACTORS)
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    options = ["--corpus", str(corpus), "--out", str(out), "-q", "--backend", "transformers"]
    options += ["--model", f"fr-en={corrupt_translator}", "--executor", executor]
    result = CliRunner().invoke(main, ["translate", *options], catch_exceptions=False)

    assert result.exit_code == 4
    assert re.search(
        r"failed zz-corrupt\.md: not translated: 1 sentence\(s\) failed to translate: IndexError", result.stderr
    )
    written = sorted(p.name for p in (out / "translations").glob("*.en.md"))
    assert written == sorted(f"{p.stem}.en.md" for p in CORPUS.glob("*.md"))  # the five others, all there
    manifest = json.loads((out / "translations" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["files"]) == 5

    # A rerun sends only the sentence that failed: every other result was kept.
    again = CliRunner().invoke(main, ["translate", *options], catch_exceptions=False)
    assert again.exit_code == 4
    assert sorted(re.findall(r"^unchanged (\S+)$", again.stdout, re.MULTILINE)) == sorted(
        p.name for p in CORPUS.glob("*.md")
    )
    assert "failed zz-corrupt.md" in again.stderr


def test_actors_that_cannot_load_the_model_stop_the_run_naming_it(tiny_models, in_tmp_cwd, tmp_path, monkeypatch):
    broken = tmp_path / "broken-fr-en"
    shutil.copytree(tiny_models["fr-en"], broken)
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")  # tokenizer and config still load
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    options = ["--corpus", str(CORPUS), "--out", str(out), "--model", f"fr-en={broken}", "--executor", "ray"]
    result = CliRunner().invoke(main, ["translate", "-q", "--backend", "transformers", *options])
    assert result.exit_code == 1
    assert f"fr-en ({broken}): the ray executor failed" in result.stderr
    assert not list((out / "translations").glob("*.md"))
