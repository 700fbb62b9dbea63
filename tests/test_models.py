"""The model layer with real (tiny, random) models loaded through the project's loading code."""

from __future__ import annotations

import pytest

from core.models import check_available, load_model
from summarize import ModelNotAvailableError, resolve_settings


def test_models_load_once_per_process(tiny_models):
    settings = resolve_settings([f"fr-en={tiny_models['fr-en']}"], environ={})
    assert load_model(settings, "fr-en") is load_model(settings, "fr-en")


def test_generation_returns_one_output_per_input_in_order(tiny_models):
    settings = resolve_settings([f"summarize-fr={tiny_models['summarize-fr']}"], environ={})
    model = load_model(settings, "summarize-fr")
    texts = [
        "Un texte court.",
        "Un texte nettement plus long que le premier, avec plusieurs mots." * 3,
        "Moyen texte ici.",
    ]
    outputs = model.generate(texts)
    assert len(outputs) == 3
    assert outputs == [model.generate([t])[0] for t in texts]  # batching and sorting do not mix them up


def test_generation_settings_come_from_the_model_and_the_config(tiny_models, in_tmp_cwd):
    (in_tmp_cwd / "brief.toml").write_text("[generation.fr-en]\nmax_new_tokens = 5\nnum_beams = 1\n")
    settings = resolve_settings([f"fr-en={tiny_models['fr-en']}"], environ={})
    model = load_model(settings, "fr-en")
    assert model.generation_settings["max_new_tokens"] == 5
    assert model.generation_settings["num_beams"] == 1
    assert model.generation_settings["no_repeat_ngram_size"] == 1  # from the model's own generation config
    assert all(len(model.tokenizer(o)["input_ids"]) <= 5 + 2 for o in model.generate(["Le conseil a voté."]))


def test_a_missing_hub_model_names_role_model_place_and_fixes(in_tmp_cwd, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    settings = resolve_settings(["fr-en=nobody/no-such-model"], environ={})
    with pytest.raises(ModelNotAvailableError) as caught:
        check_available(settings, ["fr-en"])
    message = str(caught.value)
    for expected in [
        "'fr-en'",
        "nobody/no-such-model",
        "looked in",
        "brief models pull fr-en",
        "--model fr-en=",
    ]:
        assert expected in message
    # Fixes that only some commands have (--engine) are added by the command line, not here.
    assert "--engine" not in message
    assert caught.value.exit_code == 3


def test_a_missing_local_folder_is_not_available(in_tmp_cwd, tmp_path):
    settings = resolve_settings([f"fr-en={tmp_path / 'nowhere'}"], environ={})
    with pytest.raises(ModelNotAvailableError, match="nowhere"):
        load_model(settings, "fr-en")
