"""Shared pytest fixtures: offline Hugging Face settings and tiny local models."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import tempfile
from collections.abc import Iterator

import pytest
from tiny_models import build_tiny_models

# French text shipped with the repository; the tiny tokenizers are trained on it.
CORPUS_DIR = pathlib.Path(__file__).parent.parent / "corpus"


@pytest.fixture(scope="session", autouse=True)
def hf_offline() -> Iterator[None]:
    """Forbid any Hugging Face Hub access for the whole test session.

    Tests must only use local folders (see ``tiny_models``); with these variables
    set, an accidental hub model id fails fast instead of trying the network.
    The previous environment is restored when the session ends.
    """
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("HF_HUB_OFFLINE", "1")
        monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
        # Models converted to CTranslate2 during the tests go to a temporary cache, not the user's.
        monkeypatch.setenv("BRIEF_CACHE_DIR", tempfile.mkdtemp(prefix="brief-cache-"))
        yield


@pytest.fixture(scope="session")
def tiny_models(hf_offline: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, pathlib.Path]:
    """Tiny random models, one folder per role, built once per test session.

    Keys are ``"summarize-fr"``, ``"summarize-en"``, ``"fr-en"`` and ``"en-fr"``;
    each value loads with ``AutoTokenizer`` / ``AutoModelForSeq2SeqLM``.
    """
    text_files = sorted(CORPUS_DIR.glob("*.md"))
    if not text_files:
        pytest.fail(f"no *.md files in {CORPUS_DIR} to train the tiny tokenizers on")
    return build_tiny_models(text_files, tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def model_options(tiny_models: dict[str, pathlib.Path]) -> list[str]:
    """``--model ROLE=PATH`` arguments pointing every role at its tiny model."""
    return [arg for role, path in tiny_models.items() for arg in ("--model", f"{role}={path}")]


@pytest.fixture(scope="session")
def site(model_options: list[str], tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """``OUT/site/`` of ``brief build`` over the shipped corpus, under the usual umask 022.

    Extractive summaries (sentences of the articles, so their citations name passages);
    the translations and the glossary's missing forms come from the tiny models.
    """
    from click.testing import CliRunner

    from brief.cli import main

    out = tmp_path_factory.mktemp("published")
    arguments = ["build", "--engine", "extractive", "--corpus", str(CORPUS_DIR), "--out", str(out), "-q"]
    previous = os.umask(0o022)
    try:
        result = CliRunner().invoke(main, [*arguments, *model_options], catch_exceptions=False)
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output + result.stderr
    return out / "site"


@pytest.fixture()
def in_tmp_cwd(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """Run in an empty folder, so no ./brief.toml of the developer's leaks into a test."""
    monkeypatch.chdir(tmp_path)
    for role in ("SUMMARIZE_FR", "SUMMARIZE_EN", "FR_EN", "EN_FR"):
        monkeypatch.delenv(f"BRIEF_MODEL_{role}", raising=False)
    return tmp_path


@pytest.fixture()
def corrupt_translator(tiny_models: dict[str, pathlib.Path], tmp_path: pathlib.Path) -> pathlib.Path:
    """The tiny fr-en model with a broken vocabulary: unknown pieces map past the embedding table.

    Any input holding a character the vocabulary lacks then raises inside the model, in
    its batch only; the corpus's own text has none (checked below).
    """
    folder = tmp_path / "corrupt-fr-en"
    shutil.copytree(tiny_models["fr-en"], folder)
    vocabulary = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    vocabulary["<unk>"] = json.loads((folder / "config.json").read_text(encoding="utf-8"))["vocab_size"] + 10
    (folder / "vocab.json").write_text(json.dumps(vocabulary), encoding="utf-8")
    return folder
