"""Hostile and careless input (issue 11): links, FIFOs, control characters, YAML bombs, huge lines,
out-of-bounds settings, broken state files, one bad file among good ones.

Each test reproduces a probe that once ended in a hang, a leak, invalid XML or a traceback.
The property-based tests at the end feed random bytes, front matter and Markdown to the
reader and to the translator's Markdown handling.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import re
import shutil
import tempfile
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief.cli import main
from brief.uptodate import BuildStamp
from core.corpus import read_article, read_corpus
from core.corpus.decoding import NotText
from core.corpus.passages import MAX_PASSAGE_CHARS
from core.corpus.reader import MAX_ARTICLE_BYTES
from core.errors import (
    ArticleError,
    BriefError,
    ConfigError,
    CorpusError,
    GlossaryError,
    ModelError,
    OutputError,
)
from core.models.loader import load_model
from core.models.settings import resolve_settings
from glossary.model import read_entries
from translate.segments import apply, skeleton, translation_units

CORPUS = Path(__file__).parent.parent / "corpus"
FRENCH = (
    "Le conseil municipal a voté mardi le nouveau plan de circulation. "
    "Les commerçants du centre craignent une baisse de la fréquentation.\n\n"
    "Selon le maire, les travaux commenceront au printemps et dureront six mois.\n"
)
SECRET = "root:x:0:0:secret-password-line"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- 6. Links and files that are not regular files -------------------------------------------


def test_a_symlink_out_of_the_corpus_is_skipped_not_followed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    outside = write(tmp_path, "passwd", f"---\nlang: fr\n---\n{SECRET}\n\n{FRENCH}")
    write(corpus, "ok.md", FRENCH)
    (corpus / "passwd.md").symlink_to(outside)
    read = read_corpus(corpus)
    assert [a.path.name for a in read.articles] == ["ok.md"]
    assert [(s.path.name, "symbolic link" in s.reason) for s in read.skipped] == [("passwd.md", True)]
    with pytest.raises(NotText, match="symbolic link"):
        read_article(corpus / "passwd.md")


def test_a_fifo_named_like_an_article_does_not_block_the_reader(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "ok.md", FRENCH)
    os.mkfifo(corpus / "x.md")
    done: list = []
    reader = threading.Thread(target=lambda: done.append(read_corpus(corpus)), daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert done, "reading a corpus with a FIFO in it hung"
    assert [(s.path.name, s.reason) for s in done[0].skipped] == [("x.md", "a FIFO, not an article file")]


# --- 7. Control characters -------------------------------------------------------------------


def test_control_characters_are_removed_at_reading_with_a_note(tmp_path):
    path = write(
        tmp_path, "a.md", "Le conseil\x1b[31m municipal\x0ba voté\x7f le plan\x85 de circulation.\x0c\n" + FRENCH
    )
    article = read_article(path, lang="fr")
    assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in article.text)
    assert "Le conseil[31m municipal\na voté le plan\n de circulation." in article.text
    assert any("5 control character(s) removed" in n for n in article.notes)
    assert all(article.text[s.start : s.end] == s.text for p in article.passages for s in p.sentences)


# --- 8. YAML aliases ---------------------------------------------------------------------------


def test_yaml_aliases_in_front_matter_are_refused_naming_the_file(tmp_path):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nlang: fr\n---\n"
    path = write(tmp_path, "bomb.md", bomb + FRENCH)
    with pytest.raises(ArticleError, match=r"bomb\.md: YAML alias '\*a' .*aliases are not allowed"):
        read_article(path)


# --- 9. Size limit, over-long paragraphs ------------------------------------------------------


def test_one_size_limit_for_every_command_that_reads_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "ok.md", FRENCH)
    (corpus / "huge.txt").write_bytes(b" " * MAX_ARTICLE_BYTES + FRENCH.encode())
    read = read_corpus(corpus)
    assert [a.path.name for a in read.articles] == ["ok.md"]
    assert read.skipped[0].path.name == "huge.txt" and "the limit is 2 MB per article" in read.skipped[0].reason


def test_an_over_long_paragraph_is_cut_into_bounded_passages_losing_no_text(tmp_path):
    sentences = "".join(f"Le conseil a voté le plan numéro {n} de la ville. " for n in range(800))
    line = sentences + "x" * (MAX_PASSAGE_CHARS + 10)  # one line, and a "word" longer than the limit
    article = read_article(write(tmp_path, "long.md", line + "\n"), lang="fr")
    assert len(article.passages) > 1
    assert all(p.end - p.start <= MAX_PASSAGE_CHARS for p in article.passages)
    assert "".join(p.text for p in article.passages).replace(" ", "") == line.replace(" ", "")
    assert all(article.text[s.start : s.end] == s.text for p in article.passages for s in p.sentences)
    assert any("cut into" in note for note in article.notes)


# --- 10, 12. Typed, bounded configuration -------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[generation]\nnum_beams = 1000000\n", "num_beams = 1000000: should be less than or equal to 32"),
        ('[generation]\nnum_beams = "four"\n', "num_beams = 'four': should be a valid integer"),
        ("[generation]\nnum_beams = -1\n", "num_beams = -1: should be greater than or equal to 1"),
        ("[generation.fr-en]\nmax_new_tokens = -5\n", "[generation.fr-en]: max_new_tokens = -5"),
        ('[generation]\nbatch_size = "x"\n', "batch_size = 'x': should be a valid integer"),
        ("[generation]\nbatch_tokens = 0\n", "batch_tokens = 0: should be greater than or equal to 1"),
        ("[generation]\nlength_penalty = inf\n", "length_penalty = inf: should be a finite number"),
        ("[generation]\nmin_new_tokens = 50\nmax_new_tokens = 10\n", "min_new_tokens = 50 is above max_new_tokens"),
        ("[generation]\ntemperature = 0.7\n", "unknown generation setting(s) temperature (known: "),
        ("threads = 0\n", "threads = 0: should be greater than or equal to 1"),
        ("threads = true\n", "threads = True: should be a valid integer"),
        ('quantization = "int4"\n', "quantization = 'int4': should be 'int8', 'int8_float32', 'int16' or 'float32'"),
        ("[ray]\nconcurrency = 1.5\n", "ray.concurrency = 1.5: should be a valid integer"),
    ],
)
def test_every_setting_is_typed_and_bounded_naming_file_key_value_and_allowed(in_tmp_cwd, toml, expected):
    (in_tmp_cwd / "brief.toml").write_text(toml)
    with pytest.raises(ConfigError) as caught:
        resolve_settings(environ={})
    assert str(caught.value).startswith("brief.toml")
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"BRIEF_THREADS": "many"}, "environment: BRIEF_THREADS = 'many': should be a valid integer"),
        ({"BRIEF_THREADS": "0"}, "BRIEF_THREADS = '0': should be greater than or equal to 1"),
        ({"BRIEF_BACKEND": "tensorflow"}, "should be 'ctranslate2' or 'transformers'"),
        ({"BRIEF_THREAD": "2"}, "unknown variable(s) BRIEF_THREAD (known: BRIEF_BACKEND"),
    ],
)
def test_the_environment_is_checked_by_the_same_schema(in_tmp_cwd, environ, expected):
    with pytest.raises(ConfigError, match="environment") as caught:
        resolve_settings(environ=environ)
    assert expected in str(caught.value)


def test_out_of_bounds_generation_stops_before_any_work_with_exit_2(in_tmp_cwd, tmp_path, model_options):
    (in_tmp_cwd / "brief.toml").write_text("[generation]\nnum_beams = 1000000\n")
    result = run("build", "--corpus", CORPUS, "--out", tmp_path / "out", "-q", *model_options)
    assert result.exit_code == 2
    assert "brief.toml [generation]: num_beams = 1000000: should be less than or equal to 32" in result.stderr
    assert not (tmp_path / "out").exists()


# --- 11. Named errors instead of tracebacks --------------------------------------------------


def test_an_impossible_front_matter_date_is_a_named_error(tmp_path):
    path = write(tmp_path, "a.md", "---\ndate: 2025-13-45\nlang: fr\n---\n" + FRENCH)
    with pytest.raises(ArticleError, match=r"a\.md: date '2025-13-45' is not a valid date"):
        read_article(path)


@pytest.mark.parametrize("command", ["build", "translate"])
def test_an_unwritable_out_stops_before_any_work(in_tmp_cwd, tmp_path, command):
    (tmp_path / "file").write_text("not a folder")
    out = tmp_path / "file" / "out"
    # The model is missing too: the run must say what is wrong with --out before looking for it.
    result = run(command, "--corpus", CORPUS, "--out", out, "-q", "--model", "fr-en=/no/such/model")
    assert result.exit_code == 1, result.stderr
    assert f"{out}: cannot write the outputs here" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unwritable_conversion_cache_is_a_named_error(tiny_models, tmp_path, monkeypatch):
    folder = tmp_path / "fr-en-copy"  # a model no other test converted: the conversion must run
    shutil.copytree(tiny_models["fr-en"], folder)
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "file" / "cache"))
    settings = resolve_settings([f"fr-en={folder}"], environ={})
    with pytest.raises(OutputError, match=r"cannot write the CTranslate2 conversion .* set BRIEF_CACHE_DIR"):
        load_model(settings, "fr-en")


def test_a_model_config_that_is_a_list_is_a_named_error(tiny_models, tmp_path):
    folder = tmp_path / "broken-model"
    shutil.copytree(tiny_models["fr-en"], folder)
    (folder / "config.json").write_text("[1, 2]")
    settings = resolve_settings([f"fr-en={folder}"], environ={})
    with pytest.raises(ModelError, match=re.escape(f"fr-en: cannot load {folder}")):
        load_model(settings, "fr-en")


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"entries": [{"id": "x", "fr": 3}]}'])
def test_a_malformed_glossary_is_a_named_error(in_tmp_cwd, tmp_path, tiny_models, content):
    bad = write(tmp_path, "glossary.json", content)
    source = write(tmp_path, "a.md", FRENCH)
    result = run("translate", source, "--out", tmp_path / "out", "--glossary", bad, "-q", "--model",
                 f"fr-en={tiny_models['fr-en']}")  # fmt: skip
    assert result.exit_code == GlossaryError.exit_code
    assert f"{bad}:" in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(GlossaryError):
        read_entries(bad)


@pytest.mark.parametrize("content", ["[1, 2]", '{"version": 1, "files": {"a.en.md": {"pairs": "x"}}}', "{torn"])
def test_a_broken_manifest_counts_as_absent_with_a_notice(in_tmp_cwd, tmp_path, tiny_models, content):
    source = write(tmp_path, "a.md", FRENCH)
    folder = tmp_path / "out" / "translations"
    folder.mkdir(parents=True)
    write(folder, "manifest.json", content)
    result = run("translate", source, "--out", tmp_path / "out", "-q", "--model", f"fr-en={tiny_models['fr-en']}")
    assert result.exit_code == 0, result.stderr
    assert "manifest.json is unreadable or not a manifest" in result.stderr
    assert (tmp_path / "out" / "translations" / "a.en.md").is_file()
    ET.parse(tmp_path / "out" / "translations" / "memory.tmx")


@pytest.mark.parametrize("content", ["[1]", '{"key": "k", "exit_code": "x"}', "{torn"])
def test_a_broken_build_stamp_counts_as_absent(in_tmp_cwd, tmp_path, content, caplog, monkeypatch):
    corpus = read_corpus(CORPUS)
    out = tmp_path / "out"
    out.mkdir()
    stamp = BuildStamp(out, corpus, resolve_settings(environ={}), "extractive")
    stamp.path.write_text(content)
    monkeypatch.setattr(logging.getLogger("bilingual_brief"), "propagate", True)  # the CLI turns it off
    caplog.set_level(logging.INFO, logger="bilingual_brief")
    assert stamp.is_current() is False
    assert stamp.exit_code == 0
    assert "not a build stamp: ignored" in caplog.text


# --- 14. One bad file does not stop the build; every XML output parses ----------------------


@pytest.fixture(scope="module")
def hostile_build(tiny_models, model_options, tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    (root / "passwd").write_text(f"---\nlang: fr\n---\n{SECRET}\n\n{FRENCH}")
    (corpus / "passwd.md").symlink_to(root / "passwd")
    (corpus / "dossier.md").mkdir()
    write(corpus, "deutsch.txt", "Der Vertrag wurde am Dienstag unterzeichnet und gibt der Firma eine Beteiligung.\n")
    write(corpus, "titre.md", "# 2025 : 42 % / 17\n")  # heading only, no word to tell the language by
    write(corpus, "controle.md", "---\nlang: fr\n---\nLe conseil\x1b municipal a voté\x0b le plan. " + FRENCH)
    out = root / "out"
    cwd = Path.cwd()
    os.chdir(root)  # no brief.toml of the developer's
    try:
        result = run("build", "--corpus", corpus, "--out", out, "-q", *model_options)
    finally:
        os.chdir(cwd)
    return result, out


def test_bad_files_are_skipped_with_their_reasons_and_the_rest_is_built_exit_4(hostile_build):
    result, out = hostile_build
    assert result.exit_code == 4, result.stderr
    assert "Traceback" not in result.stderr
    for name, reason in [
        ("passwd.md", "symbolic link"),
        ("dossier.md", "a folder"),
        ("deutsch.txt", "German, not supported"),
        ("titre.md", "cannot tell whether the text is French or English"),
    ]:
        assert any(name in line and reason in line for line in result.stderr.splitlines()), name
    data = json.loads((out / "summaries.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 6  # the five of the corpus and controle.md
    assert {s["file"] for s in data["skipped"]} == {"passwd.md", "dossier.md", "deutsch.txt", "titre.md"}


def test_a_linked_file_reaches_no_output(hostile_build):
    _, out = hostile_build
    assert (out / "summaries.json").is_file() and (out / "translations" / "memory.tmx").is_file()
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


def test_every_xml_output_parses_and_no_output_carries_control_characters(hostile_build):
    _, out = hostile_build
    tmx = ET.parse(out / "translations" / "memory.tmx").getroot()
    assert any("municipal a voté" in (seg.text or "") for seg in tmx.iter("seg"))
    ET.parse(out / "glossary.tbx")
    for path in [*out.rglob("*.html"), *out.rglob("*.md"), *out.rglob("*.json"), *out.rglob("*.tbx")]:
        text = path.read_text(encoding="utf-8")
        assert not [c for c in text if ord(c) < 32 and c not in "\t\n\r"], path


# --- Property-based: random input raises only our named errors, offsets stay valid ----------

_MARKDOWN_ALPHABET = st.sampled_from(
    [*"abcdeé XYZ.,;:!?«»’'\"()[]{}<>*_`#>-+|\\~=&!%@^", "\n", "\t", "\r", "\x1b", "\x0b", "\x00", "\u2028"]
)
_MARKDOWN_LINES = st.lists(
    st.tuples(
        st.sampled_from(["", "# ", "## ", "- ", "* ", "1. ", "> ", "    ", "```", "| ", "<div>", "[a](", "![b]("]),
        st.text(_MARKDOWN_ALPHABET, max_size=60),
    ).map("".join),
    max_size=12,
).map("\n".join)
_FRONT_MATTER = st.one_of(
    st.text(st.sampled_from(list("abc:-[]{}&*!|>#'\"0123456789. \n")), max_size=80),
    st.dictionaries(
        st.sampled_from(["id", "title", "date", "lang", "source", "x"]),
        st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none(), st.lists(st.text(max_size=5))),
        max_size=5,
    ).map(json.dumps),
)
_ARTICLE_TEXT = st.tuples(_FRONT_MATTER, _MARKDOWN_LINES).map(lambda pair: f"---\n{pair[0]}\n---\n{pair[1]}")
_FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_reader(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_bytes(data)
        try:
            corpus = read_corpus(folder, lang="fr")
        except CorpusError:
            return  # no article in it: a named error, with the reason
        for article in corpus.articles:
            for passage in article.passages:
                assert article.text[passage.start : passage.end] == passage.text
                for sentence in passage.sentences:
                    assert article.text[sentence.start : sentence.end] == sentence.text


@_FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".md", ".txt"]))
def test_random_bytes_give_an_article_with_valid_offsets_or_a_named_error(data, suffix):
    _check_reader(data, "random" + suffix)


@_FAST
@given(text=_ARTICLE_TEXT, suffix=st.sampled_from([".md", ".txt"]))
def test_random_front_matter_and_markdown_give_valid_offsets_or_a_named_error(text, suffix):
    _check_reader((text + "\n" + FRENCH).encode("utf-8", "surrogatepass"), "random" + suffix)


@_FAST
@given(text=_MARKDOWN_LINES, markdown=st.booleans(), lang=st.sampled_from(["fr", "en"]))
def test_random_markdown_gives_translation_units_with_valid_offsets(text, markdown, lang):
    try:
        units, _ = translation_units(text, lang, markdown=markdown)
        translated = apply(text, [(unit, [("« traduit * [x](y) »", False)]) for unit in units], markdown=markdown)
        skeleton(translated)
    except BriefError:
        return
    for unit in units:
        assert text[unit.start : unit.end] == unit.text and unit.text.strip()
    assert all(a.end <= b.start for a, b in itertools.pairwise(units))


def test_an_id_of_lone_surrogates_in_front_matter_gives_a_safe_id(tmp_path):
    # YAML's "\ud800" escapes make a str that UTF-8 cannot encode (found by the property test).
    (tmp_path / "a.md").write_text('---\nid: "\\ud800\\udc00"\nlang: fr\n---\n' + FRENCH, encoding="utf-8")
    (article,) = read_corpus(tmp_path).articles
    assert re.fullmatch(r"[a-z0-9-]+", article.id)
    article.id.encode("utf-8")
