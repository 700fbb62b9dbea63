"""Start-up of the CTranslate2 path: a converted model runs without importing torch or transformers.

Every process that translates one new article pays its imports; torch alone is most of a
second on a small CPU, transformers (and the sacremoses its Marian tokenizer imports)
more than a second, and CTranslate2 needs neither once the model is converted and its
tokenizer recorded. A build whose glossary inputs did not change does not load spaCy.
These tests run the real command in a fresh interpreter and look at what it imported.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from transformers import AutoTokenizer

from core.models.folder import load_tokenizer, read_config, tokenizer_class_name

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "transformers", "sacremoses", "spacy")
# Runs the CLI in this interpreter, then prints the heavy modules it imported (and the exit code).
PROBE = """
import json, sys
from brief.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
heavy = sorted(m for m in sys.modules if m in {heavy!r} or (m.startswith("transformers.models.") and ".modeling_" in m))
print(json.dumps({{"code": code, "heavy": heavy}}))
"""


def run_brief(arguments: list[str], cache: Path) -> dict:
    environment = {**os.environ, "BRIEF_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=set(HEAVY)), *map(str, arguments)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def article(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.md").write_text(text, encoding="utf-8")
    return folder


FRENCH = "# Budget\n\nLe conseil municipal a voté le budget mardi soir. Les élus ont débattu longtemps.\n"


def test_a_converted_model_translates_without_torch(tiny_models, tmp_path):
    cache = tmp_path / "cache"
    corpus = article(tmp_path / "corpus", FRENCH)
    translate = ["translate", "-q", "--corpus", corpus, "--model", f"fr-en={tiny_models['fr-en']}"]
    first = run_brief([*translate, "--out", tmp_path / "one"], cache)  # converts: torch is needed here
    assert first["code"] == 0 and {"torch", "transformers"} <= set(first["heavy"])
    translation = tmp_path / "one" / "translations" / "a.en.md"
    before = translation.read_text(encoding="utf-8")
    article(corpus, FRENCH + "\nUne phrase de plus, jamais traduite.\n")
    second = run_brief([*translate, "--out", tmp_path / "one"], cache)  # generates with the converted model
    assert second == {"code": 0, "heavy": []}
    assert translation.read_text(encoding="utf-8") != before  # the new sentence was translated


def test_a_build_with_converted_models_imports_no_torch(tiny_models, model_options, tmp_path):
    """Summaries, their translations, the glossary (spaCy) and the article translations, without torch or transformers.

    Run again with ``--force`` and nothing changed, the build does not even load spaCy: the
    glossary made from the same inputs is read back, and it is the same glossary.
    """
    cache = Path(os.environ["BRIEF_CACHE_DIR"])  # the session's: conversions made by other tests serve here too
    corpus = article(tmp_path / "corpus", FRENCH)
    build = ["build", "-q", "--corpus", corpus, "--out", tmp_path / "out", *model_options]
    assert run_brief(build, cache)["code"] == 0  # converts what no other test converted yet
    article(corpus, FRENCH + "\nLe maire a présenté un nouveau plan pour les transports.\n")
    assert run_brief(build, cache) == {"code": 0, "heavy": ["spacy"]}  # a new article: the glossary is made again
    assert json.loads((tmp_path / "out" / "summaries.json").read_text(encoding="utf-8"))
    glossary = (tmp_path / "out" / "glossary.json").read_text(encoding="utf-8")
    (tmp_path / "out" / "glossary.json").unlink()
    assert run_brief([*build, "--force"], cache) == {"code": 0, "heavy": []}
    assert (tmp_path / "out" / "glossary.json").read_text(encoding="utf-8") == glossary


def test_the_transformers_backend_still_runs(tiny_models, tmp_path):
    corpus = article(tmp_path / "corpus", FRENCH)
    arguments = ["translate", "-q", "--backend", "transformers", "--corpus", corpus, "--out", tmp_path / "out"]
    result = run_brief([*arguments, "--model", f"fr-en={tiny_models['fr-en']}"], tmp_path / "cache")
    assert result["code"] == 0 and {"torch", "transformers"} <= set(result["heavy"])
    assert (tmp_path / "out" / "translations" / "a.en.md").is_file()


@pytest.mark.parametrize("role", ["summarize-fr", "summarize-en", "fr-en"])  # BARThez, BART, Marian
def test_the_tokenizer_is_the_one_autotokenizer_builds(tiny_models, role):
    folder = tiny_models[role]
    ours = load_tokenizer(folder, "rev")
    reference = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    assert type(ours) is type(reference)
    text = (ROOT / "corpus").glob("*.md").__next__().read_text(encoding="utf-8")[:2000]
    ids = ours(text)["input_ids"]
    assert ids == reference(text)["input_ids"]
    assert ours.convert_ids_to_tokens(ids) == reference.convert_ids_to_tokens(ids)
    assert ours.decode(ids, skip_special_tokens=True) == reference.decode(ids, skip_special_tokens=True)
    assert ours.model_max_length == reference.model_max_length


def test_a_tokenizer_class_the_folder_does_not_name_is_resolved_once_and_remembered(tiny_models, tmp_path):
    folder = tmp_path / "old-style"
    shutil.copytree(tiny_models["fr-en"], folder)
    settings = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    settings.pop("tokenizer_class", None)
    (folder / "tokenizer_config.json").write_text(json.dumps(settings), encoding="utf-8")
    assert tokenizer_class_name(folder, "rev") is None
    tokenizer = load_tokenizer(folder, "rev")  # AutoTokenizer resolves it from config.json's model type
    assert tokenizer_class_name(folder, "rev") == type(tokenizer).__name__ == "MarianTokenizer"
    assert tokenizer_class_name(folder, "another-revision") is None


def test_the_config_is_read_as_json(tiny_models):
    config = read_config(tiny_models["fr-en"])
    values = json.loads((tiny_models["fr-en"] / "config.json").read_text(encoding="utf-8"))
    assert config.max_position_embeddings == values["max_position_embeddings"]
    assert getattr(config, "no_such_setting", None) is None
    assert config.to_dict() == values
