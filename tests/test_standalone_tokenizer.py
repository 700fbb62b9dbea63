"""The tokenizer rebuilt without transformers gives what transformers' own tokenizer gives.

The CTranslate2 path tokenises with it (token counts decide the chunks, ids go to the
model, decoding makes the text users read), so every call the project makes is compared
with the tokenizer ``AutoTokenizer`` builds, on text with accents, numbers, characters the
vocabulary lacks, special tokens written out, and ids the model may produce.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from transformers import AutoTokenizer

from core.models.folder import load_tokenizer
from core.models.standalone_tokenizer import MarianSentencePieceTokenizer, PipelineTokenizer

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    "Le conseil municipal a voté le budget mardi soir.",
    "Élèves, garçons et cœurs : « ça coûte 3,5 M€ » — déjà l’été à Noël ?",
    "OpenAI's $13bn stake (27%) was valued at 135 billion dollars on 28/10/2025, 10:45 a.m.",
    "Unknown characters: 漢字, عربى, ∮ ≠ ∞, 🙂🚀, ﬁ ① ㍿, Ωmega and zero\u200bwidth.",
    "Special tokens written out: </s> <unk> <pad> <s> <mask> in the text</s>",
    ">>fra<< Une phrase avec un code de langue en tête.",
    "  espaces   multiples\tet\ttabulations\nsur deux lignes  ",
    "",
    " ",
    "A",
    "1234567890 3.14159 -42 +33 1 23 45 67 89",
    "http://example.org/a?b=c&d=e#f user@example.org",
]
ROLES = ["summarize-fr", "summarize-en", "fr-en", "en-fr"]  # BARThez, BART, Marian (both directions)
KINDS = {"summarize-fr": PipelineTokenizer, "summarize-en": PipelineTokenizer, "fr-en": MarianSentencePieceTokenizer}


def corpus_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "corpus").glob("*.md")))


@pytest.fixture(scope="module")
def pairs(tiny_models):
    """(ours, transformers') for every role: ours rebuilt from the record the first load made."""
    built = {}
    for role in ROLES:
        load_tokenizer(tiny_models[role], "rev", standalone=True)  # makes the record
        ours = load_tokenizer(tiny_models[role], "rev", standalone=True)  # built from it
        built[role] = ours, AutoTokenizer.from_pretrained(tiny_models[role], local_files_only=True)
    return built


@pytest.mark.parametrize("role", ROLES)
def test_the_standalone_tokenizer_is_the_one_the_record_describes(pairs, role):
    ours, _ = pairs[role]
    assert isinstance(ours, KINDS.get(role, MarianSentencePieceTokenizer))


@pytest.mark.parametrize("role", ROLES)
def test_token_ids_and_tokens_are_transformers(pairs, role):
    ours, reference = pairs[role]
    for text in [*TEXTS, corpus_text()[:5000]]:
        for special in (True, False):
            expected = reference(text, add_special_tokens=special)["input_ids"]
            assert ours(text, add_special_tokens=special)["input_ids"] == expected, text
            assert ours.encode(text, add_special_tokens=special) == reference.encode(text, add_special_tokens=special)
        ids = reference(text)["input_ids"]
        tokens = reference.convert_ids_to_tokens(ids)
        assert ours.convert_ids_to_tokens(ids) == tokens
        assert ours.convert_tokens_to_ids([*tokens, "no-such-token-anywhere"]) == reference.convert_tokens_to_ids(
            [*tokens, "no-such-token-anywhere"]
        )


@pytest.mark.parametrize("role", ROLES)
def test_decoding_is_transformers(pairs, role):
    ours, reference = pairs[role]
    for text in TEXTS:
        ids = reference(text)["input_ids"]
        for skip in (True, False):
            assert ours.decode(ids, skip_special_tokens=skip) == reference.decode(ids, skip_special_tokens=skip), text
    # What a model with random weights writes: any ids, special ones anywhere.
    generator = random.Random(16)
    size = len(reference)
    for _ in range(50):
        ids = [generator.randrange(size) for _ in range(generator.randrange(1, 40))]
        ids.insert(generator.randrange(len(ids)), reference.all_special_ids[0])
        for skip in (True, False):
            assert ours.decode(ids, skip_special_tokens=skip) == reference.decode(ids, skip_special_tokens=skip), ids
        tokens = reference.convert_ids_to_tokens(ids)
        assert ours.convert_ids_to_tokens(ids, skip_special_tokens=True) == reference.convert_ids_to_tokens(
            ids, skip_special_tokens=True
        )
        assert ours.convert_tokens_to_ids(tokens) == reference.convert_tokens_to_ids(tokens)


@pytest.mark.parametrize("role", ROLES)
def test_limits_and_special_tokens_are_transformers(pairs, role):
    ours, reference = pairs[role]
    assert ours.model_max_length == reference.model_max_length
    assert sorted(ours.all_special_ids) == sorted(set(reference.all_special_ids))
    assert ours.unk_token_id == reference.unk_token_id


def test_a_loaded_record_needs_no_transformers(tiny_models, tmp_path):
    """Tokenising and decoding from the record, in a fresh interpreter: transformers is never imported."""
    cache = tmp_path / "cache"
    environment = {**os.environ, "BRIEF_CACHE_DIR": str(cache)}
    probe = (
        "import json, sys\n"
        "from core.models.folder import load_tokenizer\n"
        "out = {}\n"
        "for folder in sys.argv[1:]:\n"
        "    t = load_tokenizer(folder, 'rev', standalone=True)\n"
        "    ids = t('Élève à l’été : 3,5 M€ 🙂')['input_ids']\n"
        "    out[folder] = [type(t).__name__, ids, t.decode(ids, skip_special_tokens=True)]\n"
        "out['transformers'] = 'transformers' in sys.modules\n"
        "print(json.dumps(out))\n"
    )
    folders = [str(tiny_models[role]) for role in ROLES]
    run = [sys.executable, "-c", probe, *folders]
    first = json.loads(subprocess.run(run, env=environment, cwd=ROOT, capture_output=True, check=True).stdout)
    assert first.pop("transformers") is True  # the first load asks transformers and records what it built
    second = json.loads(subprocess.run(run, env=environment, cwd=ROOT, capture_output=True, check=True).stdout)
    assert second.pop("transformers") is False
    assert second == first
    assert len(list((cache / "tokenizers").glob("*.json"))) == len(ROLES)


def test_a_damaged_record_is_made_again(tiny_models, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "cache"))
    folder = tiny_models["fr-en"]
    expected = load_tokenizer(folder, "rev", standalone=True)("Le budget a été voté.")["input_ids"]
    (record,) = (tmp_path / "cache" / "tokenizers").glob("*.json")
    record.write_text("{not json", encoding="utf-8")
    assert load_tokenizer(folder, "rev", standalone=True)("Le budget a été voté.")["input_ids"] == expected
    assert json.loads(record.read_text(encoding="utf-8"))["kind"] == "marian"


def test_a_marian_layout_the_record_does_not_describe_keeps_transformers_tokenizer(tiny_models, tmp_path, monkeypatch):
    """Separate source and target vocabularies: transformers' own MarianTokenizer, every time."""
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "separate"
    shutil.copytree(tiny_models["fr-en"], folder)
    shutil.copy(folder / "vocab.json", folder / "target_vocab.json")
    settings = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    (folder / "tokenizer_config.json").write_text(json.dumps({**settings, "separate_vocabs": True}), encoding="utf-8")
    tokenizer = load_tokenizer(folder, "rev", standalone=True)
    assert type(tokenizer).__name__ == "MarianTokenizer"
    assert not (tmp_path / "cache" / "tokenizers").exists()


def test_an_older_marian_folder_is_recorded_as_transformers_reads_it(tiny_models, tmp_path, monkeypatch):
    """OPUS-MT folders on the hub name no tokenizer class and list no added tokens: the special tokens come from the
    vocabulary, as transformers registers them."""
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "opus-style"
    shutil.copytree(tiny_models["fr-en"], folder)
    (folder / "tokenizer_config.json").write_text(json.dumps({"source_lang": "fr", "target_lang": "en"}))
    (folder / "special_tokens_map.json").write_text(
        json.dumps({"eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>"})
    )
    load_tokenizer(folder, "rev", standalone=True)
    ours = load_tokenizer(folder, "rev", standalone=True)
    reference = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    assert isinstance(ours, MarianSentencePieceTokenizer)
    for text in TEXTS:
        ids = reference(text)["input_ids"]
        assert ours(text)["input_ids"] == ids, text
        assert ours.decode(ids, skip_special_tokens=True) == reference.decode(ids, skip_special_tokens=True)
    assert ours.model_max_length == reference.model_max_length
    assert sorted(ours.all_special_ids) == sorted(set(reference.all_special_ids))
