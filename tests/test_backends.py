"""The two generation backends behind one interface, on the tiny models."""

from __future__ import annotations

import json
import logging
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import main
from core.cache import folder_revision
from core.models.backends.ctranslate2 import converted_folder, decoding_options
from core.models.loader import build_model, load_model
from core.models.settings import resolve_settings

SENTENCES = [
    "Le conseil municipal a voté le budget mardi soir.",
    "Microsoft détient désormais une participation dans la nouvelle entité.",
    "Court.",
    "Les investisseurs poussent à une clarification de la structure hybride de la société.",
]


def settings_for(tiny_models, role, backend, environ=None):
    return resolve_settings([f"{role}={tiny_models[role]}"], environ=environ or {}, backend=backend)


@pytest.mark.parametrize("role", ["fr-en", "summarize-fr", "summarize-en"])  # Marian, mBART, BART
def test_greedy_float32_outputs_are_the_same_on_both_backends(tiny_models, in_tmp_cwd, role):
    (in_tmp_cwd / "brief.toml").write_text('quantization = "float32"\n[generation]\nnum_beams = 1\n')
    reference = load_model(settings_for(tiny_models, role, "transformers"), role)
    fast = load_model(settings_for(tiny_models, role, "ctranslate2"), role)
    assert (reference.backend, fast.backend) == ("transformers", "ctranslate2-float32")
    assert fast.generate(SENTENCES) == reference.generate(SENTENCES)


def test_int8_is_the_default_and_is_recorded(tiny_models, in_tmp_cwd):
    model = load_model(settings_for(tiny_models, "fr-en", None), "fr-en")
    assert model.backend == "ctranslate2-int8"
    assert model.generation_settings["backend"] == "ctranslate2-int8"
    outputs = model.generate(SENTENCES)
    assert len(outputs) == len(SENTENCES) and all(isinstance(o, str) for o in outputs)


def test_limits_are_always_explicit(tiny_models, in_tmp_cwd):
    model = load_model(settings_for(tiny_models, "fr-en", "ctranslate2"), "fr-en")
    options = decoding_options(model)
    assert options["max_input_length"] == model.input_limit == 128
    assert options["max_decoding_length"] == 22  # max_length 24 minus the start and forced end tokens
    assert options["no_repeat_ngram_size"] == 1 and options["beam_size"] == 2


def test_generation_settings_of_the_config_apply_to_both_backends_alike(tiny_models, in_tmp_cwd):
    (in_tmp_cwd / "brief.toml").write_text(
        'quantization = "float32"\n[generation.fr-en]\nmax_new_tokens = 4\nnum_beams = 1\n'
    )
    fast = load_model(settings_for(tiny_models, "fr-en", "ctranslate2"), "fr-en")
    reference = load_model(settings_for(tiny_models, "fr-en", "transformers"), "fr-en")
    assert decoding_options(fast)["max_decoding_length"] == 3
    assert fast.generate(SENTENCES) == reference.generate(SENTENCES)


def test_a_model_ctranslate2_cannot_convert_falls_back_with_a_notice(tiny_models, in_tmp_cwd, tmp_path, caplog):
    unusual = tmp_path / "tanh-marian"
    shutil.copytree(tiny_models["fr-en"], unusual)
    config = json.loads((unusual / "config.json").read_text())
    config["activation_function"] = "tanh"  # transformers runs it; CTranslate2 has no such activation
    (unusual / "config.json").write_text(json.dumps(config))
    with caplog.at_level(logging.WARNING, logger="bilingual_brief"):
        model = load_model(resolve_settings([f"fr-en={unusual}"], environ={}, backend="ctranslate2"), "fr-en")
    assert model.backend == "transformers"
    assert "runs on transformers instead of CTranslate2" in caplog.text
    assert model.generate(SENTENCES[:1])


def test_conversion_happens_once_and_is_reused(tiny_models, in_tmp_cwd, caplog):
    settings = settings_for(tiny_models, "en-fr", "ctranslate2")
    build_model.cache_clear()
    with caplog.at_level(logging.INFO, logger="bilingual_brief"):
        load_model(settings, "en-fr")
        build_model.cache_clear()
        load_model(settings, "en-fr")
    assert caplog.text.count("converting") == 1
    revision = folder_revision(tiny_models["en-fr"])
    folder = converted_folder(str(tiny_models["en-fr"]), tiny_models["en-fr"], revision, "int8")
    assert (folder / "model.bin").is_file()
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]  # no half-made conversion left


def test_backend_is_chosen_on_the_command_line_and_recorded(tiny_models, model_options, tmp_path, in_tmp_cwd):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "summarize",
            "--corpus",
            str(__import__("pathlib").Path(__file__).parent.parent / "corpus"),
            "--out",
            str(out),
            "-q",
            "--backend",
            "transformers",
            *model_options,
        ],
    )
    assert result.exit_code == 0, result.stderr
    generation = json.loads((out / "summaries.json").read_text(encoding="utf-8"))["generation"]
    assert {settings["backend"] for settings in generation.values()} == {"transformers"}


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('backend = "onnx"\n', "backend = 'onnx': should be 'ctranslate2' or 'transformers'"),
        ('quantization = "int4"\n', "quantization = 'int4': should be 'int8'"),
        ("threads = 0\n", "threads = 0: should be greater than or equal to 1"),
        ('executor = "dask"\n', "executor = 'dask': should be 'local' or 'ray'"),
        ("[ray]\nconcurrency = 0\n", "ray.concurrency = 0: should be greater than or equal to 1"),
        ("[ray]\nactors = 2\n", "unknown setting"),
    ],
)
def test_bad_backend_settings_are_refused(in_tmp_cwd, toml, message):
    (in_tmp_cwd / "brief.toml").write_text(toml)
    from summarize import ConfigError

    with pytest.raises(ConfigError, match=message):
        resolve_settings(environ={})


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_cached_results_are_not_generated_again_nor_are_weights_loaded(
    tiny_models, in_tmp_cwd, tmp_path, monkeypatch, backend
):
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "cache"))
    settings = settings_for(tiny_models, "fr-en", backend)
    build_model.cache_clear()
    first = load_model(settings, "fr-en").generate(SENTENCES)
    build_model.cache_clear()
    again = load_model(settings, "fr-en")
    assert again.generate(SENTENCES) == first
    weights = again._translator if backend == "ctranslate2" else again._model
    assert weights is None  # every result came from the cache
    (in_tmp_cwd / "brief.toml").write_text("[generation.fr-en]\nnum_beams = 1\n")
    other = load_model(resolve_settings([f"fr-en={tiny_models['fr-en']}"], environ={}, backend=backend), "fr-en")
    assert other.cache_key != again.cache_key  # other generation settings, other results


def test_batches_are_cut_by_padded_tokens_and_sorted_by_length(tiny_models, in_tmp_cwd):
    (in_tmp_cwd / "brief.toml").write_text("[generation.fr-en]\nbatch_tokens = 60\nbatch_size = 3\n")
    model = load_model(settings_for(tiny_models, "fr-en", "ctranslate2"), "fr-en")
    texts = [sentence * repeat for sentence in SENTENCES for repeat in (1, 2)]
    batches = list(model._batches(texts, list(range(len(texts)))))
    assert sorted(i for batch in batches for i in batch) == list(range(len(texts)))
    lengths = [model.count_tokens(t) for t in texts]
    for batch in batches:
        assert len(batch) <= 3
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= 60
    flat = [lengths[i] for batch in batches for i in batch]
    assert flat == sorted(flat)


def test_the_ray_executor_without_ray_says_how_to_install_it(model_options, in_tmp_cwd, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` meets when the extra is not installed
    corpus = Path(__file__).parent.parent / "corpus"
    result = CliRunner().invoke(
        main, ["translate", "--corpus", str(corpus), "--out", str(tmp_path), "--executor", "ray", *model_options]
    )
    assert result.exit_code == 2
    assert "the ray executor needs Ray" in result.stderr
    assert "pip install 'bilingual-brief[ray]'" in result.stderr
    assert not list((tmp_path / "translations").glob("*.md"))


def test_each_input_is_tokenised_once(tiny_models, in_tmp_cwd, monkeypatch):
    """Chunking counts tokens, batching sorts by them and CTranslate2 takes them: one tokenisation serves all three."""
    (in_tmp_cwd / "brief.toml").write_text("[generation]\nbatch_size = 2\n")
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(in_tmp_cwd / "cache"))  # nothing generated yet: every batch runs
    model = build_model.__wrapped__(*_recipe(tiny_models, "fr-en"))  # its own object: no ids from other tests
    calls = []
    tokenizer = model.tokenizer

    class Counting:
        def __getattr__(self, name):
            return getattr(tokenizer, name)

        def __call__(self, text, **options):
            calls.append(text)
            return tokenizer(text, **options)

        def encode(self, text, **options):
            calls.append(text)
            return tokenizer.encode(text, **options)

    monkeypatch.setattr(model, "tokenizer", Counting())
    counts = [model.count_tokens(s) for s in SENTENCES]
    outputs = model.generate([*SENTENCES, SENTENCES[0]])
    assert len(outputs) == len(SENTENCES) + 1
    assert sorted(calls) == sorted(SENTENCES)
    assert counts == [len(tokenizer(s)["input_ids"]) for s in SENTENCES]


def _recipe(tiny_models, role):
    settings = settings_for(tiny_models, role, "ctranslate2")
    choice = settings.models[role]
    return choice, tuple(sorted(settings.generation.get(role, {}).items())), "ctranslate2", "int8"


def test_batches_generated_several_at_once_give_the_same_outputs_as_one_at_a_time(
    tiny_models, in_tmp_cwd, tmp_path, monkeypatch
):
    """The local executor keeps CTranslate2's workers busy with the next batches: same batches, same outputs."""
    (in_tmp_cwd / "brief.toml").write_text("[generation]\nbatch_size = 2\n")
    texts = [sentence * repeat for sentence in SENTENCES for repeat in (1, 2, 3)]  # 6 batches of 2
    recipe = _recipe(tiny_models, "fr-en")
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "one-by-one"))  # nothing cached: every batch runs
    one_by_one = build_model.__wrapped__(*recipe, threads=2)
    expected = one_by_one.generate(texts)
    assert one_by_one.translator.num_translators == 1
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "at-once"))
    at_once = build_model.__wrapped__(*recipe, threads=2, parallel_batches=True)
    arrived = []
    assert at_once.generate(texts, on_results=arrived.append) == expected
    assert at_once.translator.num_translators == 2
    assert sorted(i for batch in arrived for i in batch) == list(range(len(texts)))
    assert [len(batch) for batch in arrived] == [2] * 6  # each batch's outputs as it came back


def test_a_batch_generated_alone_is_shared_between_the_workers(tiny_models, in_tmp_cwd, tmp_path, monkeypatch):
    """A call with one batch (one short file) keeps both workers busy: each takes part of the batch."""
    texts = [SENTENCES[0], SENTENCES[1] * 2]
    recipe = _recipe(tiny_models, "fr-en")
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "alone"))
    one_thread = build_model.__wrapped__(*recipe, threads=1)
    expected = [one_thread.generate_batch([text])[0] for text in texts]
    at_once = build_model.__wrapped__(*recipe, threads=2, parallel_batches=True)
    translator, sizes = at_once.translator, []

    class Recording:  # the real translator, with the sub-batch size each call asked for written down
        def __getattr__(self, name):
            return getattr(translator, name)

        def translate_batch(self, tokens, **options):
            sizes.append(options.get("max_batch_size"))
            return translator.translate_batch(tokens, **options)

    monkeypatch.setattr(at_once, "_translator", Recording())
    assert at_once.generate_batch(texts) == expected  # in the inputs' order, each generated as its own batch
    assert sizes == [1]  # two inputs, two workers: one input each


def test_load_model_runs_batches_at_once_on_the_local_executor_only(tiny_models, in_tmp_cwd):
    (in_tmp_cwd / "brief.toml").write_text("threads = 2\n")
    model = load_model(settings_for(tiny_models, "fr-en", "ctranslate2"), "fr-en")
    assert model.workers == 2
    # A Ray actor builds its model with the recipe alone and generates one batch per call: every thread on it.
    assert build_model.__wrapped__(*_recipe(tiny_models, "fr-en"), threads=2).workers == 1


class _Uppercasing:
    """Stands for a backend with two workers: a batch holding "fail" fails when awaited, "refused" at submission."""

    role, name, workers = "fr-en", "stand-in", 2

    def __init__(self) -> None:
        self.submitted = []

    def submit_batch(self, texts):
        if "refused" in texts:
            raise ValueError("input refused")
        self.submitted.append(texts)

        def outputs():
            if "fail" in texts:
                raise RuntimeError("bad input")
            return [text.upper() for text in texts]

        return outputs

    def generate_batch(self, texts):
        return self.submit_batch(texts)()


def test_the_local_executor_reports_each_failed_batch_alone_and_keeps_the_order():
    from core.models.executors.local import LocalExecutor

    batches = [["a", "b"], ["fail"], ["c"], ["refused"], ["d", "e"]]
    results = list(LocalExecutor().run(_Uppercasing(), batches))
    assert [r.number for r in results] == [0, 1, 2, 3, 4]
    assert [r.outputs for r in results] == [["A", "B"], None, ["C"], None, ["D", "E"]]
    assert results[1].error == "RuntimeError: bad input" and results[3].error == "ValueError: input refused"
