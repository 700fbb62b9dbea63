"""Which model plays each role: --model > BRIEF_MODEL_* > brief.toml > defaults; generation settings."""

from __future__ import annotations

import pytest

from core.models.roles import DEFAULT_MODELS
from summarize import ConfigError, resolve_settings


def test_defaults_are_the_documented_hub_models(in_tmp_cwd):
    settings = resolve_settings(environ={})
    assert {role: c.name for role, c in settings.models.items()} == {r: d.hub_id for r, d in DEFAULT_MODELS.items()}
    assert {c.origin for c in settings.models.values()} == {"default"}


def test_precedence_cli_then_environment_then_file_then_default(in_tmp_cwd):
    (in_tmp_cwd / "brief.toml").write_text(
        '[models]\nfr-en = "file/fr-en"\nen-fr = "file/en-fr"\nsummarize-en = "file/sum-en"\n'
    )
    environ = {"BRIEF_MODEL_FR_EN": "env/fr-en", "BRIEF_MODEL_EN_FR": "env/en-fr"}
    settings = resolve_settings(["fr-en=cli/fr-en"], environ=environ)
    chosen = {role: (c.name, c.origin) for role, c in settings.models.items()}
    assert chosen == {
        "fr-en": ("cli/fr-en", "--model"),
        "en-fr": ("env/en-fr", "BRIEF_MODEL_EN_FR"),
        "summarize-en": ("file/sum-en", "brief.toml"),
        "summarize-fr": (DEFAULT_MODELS["summarize-fr"].hub_id, "default"),
    }


def test_relative_folders_in_the_file_are_relative_to_the_file(tmp_path, in_tmp_cwd):
    project = tmp_path / "project"
    (project / "models" / "opus").mkdir(parents=True)
    (project / "brief.toml").write_text('[models]\nfr-en = "models/opus"\n')
    settings = resolve_settings(config_file=project / "brief.toml", environ={})
    assert settings.models["fr-en"].name == str(project / "models" / "opus")
    assert settings.models["fr-en"].is_local


def test_generation_settings_merge_shared_and_per_role(in_tmp_cwd):
    (in_tmp_cwd / "brief.toml").write_text(
        "[generation]\nnum_beams = 4\nmax_new_tokens = 60\n"
        "[generation.fr-en]\nmax_new_tokens = 200\nmin_new_tokens = 0\n"
    )
    settings = resolve_settings(environ={})
    assert settings.generation["fr-en"] == {"num_beams": 4, "max_new_tokens": 200, "min_new_tokens": 0}
    assert settings.generation["summarize-fr"] == {"num_beams": 4, "max_new_tokens": 60}


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[models]\nde-fr = 'x'\n", "unknown role 'de-fr'"),
        ("[generation]\nnum_beam = 4\n", "unknown generation setting(s) num_beam"),
        ("[generation.xx]\nnum_beams = 4\n", "unknown role 'xx'"),
        ("[modles]\n", "unknown section(s) modles"),
        ("[models\n", "brief.toml"),
        ("[models]\nfr-en = 3\n", "expected a hub id or a folder path"),
    ],
)
def test_bad_config_files_name_the_file_and_the_problem(in_tmp_cwd, toml, message):
    (in_tmp_cwd / "brief.toml").write_text(toml)
    with pytest.raises(ConfigError) as caught:
        resolve_settings(environ={})
    assert message in str(caught.value)
    assert "brief.toml" in str(caught.value)


@pytest.mark.parametrize("option", ["fr-en", "fr-en=", "=x", "xx-yy=/m"])
def test_malformed_model_options_are_refused(in_tmp_cwd, option):
    with pytest.raises(ConfigError, match="--model"):
        resolve_settings([option], environ={})


def test_a_named_config_file_must_exist(in_tmp_cwd):
    with pytest.raises(ConfigError, match="config file not found"):
        resolve_settings(config_file=in_tmp_cwd / "missing.toml", environ={})
