"""End to end: ``brief`` over the shipped corpus with tiny local models, through click's CliRunner."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from markdown_it import MarkdownIt

from brief.cli import main
from core.corpus import read_corpus
from core.corpus.passages import split_sentences

CORPUS = Path(__file__).parent.parent / "corpus"
ARTICLE_KEYS = {"id", "title", "lang", "date", "source", "summary", "citations", "problems"}


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tiny_models, model_options, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = run("build", "--corpus", CORPUS, "--out", out, "--quiet", *model_options)
    return result, out


def test_build_writes_every_output_and_says_where(built):
    result, out = built
    assert result.exit_code == 0, result.output + result.stderr
    assert f"to {out}/" in result.output.strip().splitlines()[-1]
    assert "summaries.json" in result.output and "glossary.json" in result.output
    ids = {a.id for a in read_corpus(CORPUS).articles}
    assert (out / "summaries.json").is_file() and (out / "brief.md").is_file()
    assert {p.stem for p in (out / "articles").glob("*.md")} == ids
    # build runs the glossary too
    assert (out / "glossary.json").is_file() and (out / "site" / "index.html").is_file()
    assert {p.stem for p in (out / "site" / "articles").glob("*.html")} == ids


def test_summaries_json_has_the_documented_shape_and_both_languages(built):
    data = json.loads((built[1] / "summaries.json").read_text(encoding="utf-8"))
    assert set(data) >= {"corpus", "articles", "models", "generation"}
    assert data["corpus"]["summary"]["fr"] and data["corpus"]["summary"]["en"]
    assert len(data["articles"]) == 5
    for article in data["articles"]:
        assert set(article) >= ARTICLE_KEYS
        assert article["summary"]["fr"].strip() and article["summary"]["en"].strip()
        assert {c["lang"] for c in article["citations"]} == {"fr", "en"}
        assert all(set(c) == {"lang", "sentence", "passages"} for c in article["citations"])
    assert set(data["models"]) == {"summarize-fr", "fr-en"}
    assert all(set(m) == {"model", "revision"} for m in data["models"].values())
    assert data["generation"]["fr-en"]["max_length"] == 24  # the tiny model's own generation config


def test_every_citation_names_an_existing_passage(built):
    corpus = read_corpus(CORPUS)
    passage_ids = {p.id for a in corpus.articles for p in a.passages}
    data = json.loads((built[1] / "summaries.json").read_text(encoding="utf-8"))
    cited = [pid for a in [data["corpus"], *data["articles"]] for c in a["citations"] for pid in c["passages"]]
    assert set(cited) <= passage_ids
    for article in data["articles"]:
        assert all(pid.startswith(article["id"] + "#p") for c in article["citations"] for pid in c["passages"])


def test_markdown_outputs_parse_and_link_to_cited_passages(built):
    out = built[1]
    parser = MarkdownIt("commonmark")
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert parser.parse(brief)
    assert "## Corpus" in brief and "Résumé (FR)" in brief and "Summary (EN)" in brief
    for path in (out / "articles").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        assert {"id", "title", "date", "lang", "models"} <= set(meta)
        tokens = parser.parse(body)
        headings = {tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"}
        links = {
            child.attrs["href"]
            for t in tokens
            if t.type == "inline"
            for child in t.children or []
            if child.type == "link_open"
        }
        assert {href.lstrip("#") for href in links if href.startswith("#")} <= headings


def test_extractive_engine_without_translators_marks_english_unavailable(in_tmp_cwd, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    out = tmp_path / "out"
    result = run("build", "--engine", "extractive", "--corpus", CORPUS, "--out", out, "--quiet")
    assert result.exit_code == 0, result.stderr
    assert "fr-en" in result.stderr and "unavailable" in result.stderr
    data = json.loads((out / "summaries.json").read_text(encoding="utf-8"))
    for pair in [data["corpus"], *data["articles"]]:
        assert pair["summary"]["fr"] and pair["summary"]["en"] is None
        assert "brief models pull fr-en" in pair["unavailable"]["en"]
    assert data["models"] == {}
    assert "_unavailable: no fr-en translator" in (out / "brief.md").read_text(encoding="utf-8")


def test_extractive_engine_translates_with_the_translator_when_given(in_tmp_cwd, tiny_models, tmp_path):
    out = tmp_path / "out"
    result = run(
        "summarize",
        "--engine",
        "extractive",
        "--out",
        out,
        "--corpus",
        CORPUS,
        "-q",
        "--model",
        f"fr-en={tiny_models['fr-en']}",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads((out / "summaries.json").read_text(encoding="utf-8"))
    source_sentences = [_words(s.text) for a in read_corpus(CORPUS).articles for s in a.summarisable_sentences]
    for article in data["articles"]:
        assert article["engine"] == "extractive"
        assert article["summary"]["en"]
        # Extracted sentences (pysbd may join two at an ellipsis), less what the engine cuts (an opening
        # connective, a dateline, a gloss, a trailing attribution): a source sentence's words, in order.
        pieces = [
            p for c in article["citations"] if c["lang"] == "fr" for p in re.split(r"(?<=[.…])\s+", c["sentence"])
        ]
        for piece in pieces:
            assert any(_in_order(_words(piece), source) for source in source_sentences), piece
    assert set(data["models"]) == {"fr-en"}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _in_order(words: list[str], source: list[str]) -> bool:
    remaining = iter(source)
    return all(word in remaining for word in words)


@pytest.fixture(scope="module")
def silent_models(tiny_models, tmp_path_factory):
    """Copies of the tiny models whose generation config allows only end-of-sequence: empty output."""
    silent = {}
    for role in ("summarize-fr", "fr-en"):
        folder = tmp_path_factory.mktemp("silent") / role
        shutil.copytree(tiny_models[role], folder)
        config_path = folder / "generation_config.json"
        config = json.loads(config_path.read_text())
        vocab = json.loads((folder / "config.json").read_text())["vocab_size"]
        config["suppress_tokens"] = [i for i in range(vocab) if i != config["eos_token_id"]]
        config_path.write_text(json.dumps(config))
        silent[role] = folder
    return silent


def test_empty_summaries_are_reported_and_replaced_not_passed_off(in_tmp_cwd, tiny_models, silent_models, tmp_path):
    out = tmp_path / "out"
    result = run(
        "build",
        "--corpus",
        CORPUS,
        "--out",
        out,
        "-q",
        "--model",
        f"summarize-fr={silent_models['summarize-fr']}",
        "--model",
        f"fr-en={tiny_models['fr-en']}",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads((out / "summaries.json").read_text(encoding="utf-8"))
    for article in data["articles"]:
        assert any("empty output" in p for p in article["problems"]), article["problems"]
        assert "extractive summary used instead" in article["problems"]
        assert article["engine"] == "extractive" and article["summary"]["fr"]
    assert "empty output" in result.stderr


def test_an_article_the_model_fails_on_falls_back_alone(in_tmp_cwd, tiny_models, corrupt_translator, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "zz-corrupt.md").write_text(
        "---\nlang: fr\ntitle: Le budget\n---\nLe conseil a voté le budget 漢字 mardi soir.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run(
        "summarize",
        *("--corpus", corpus, "--out", out, "-q", "--backend", "transformers"),
        *("--model", f"summarize-fr={corrupt_translator}", "--model", f"fr-en={tiny_models['fr-en']}"),
    )
    articles = {a["id"]: a for a in json.loads((out / "summaries.json").read_text(encoding="utf-8"))["articles"]}
    failed = articles.pop("zz-corrupt")
    assert failed["engine"] == "extractive" and failed["summary"]["fr"]
    assert any("generation failed: IndexError" in p for p in failed["problems"]), failed["problems"]
    assert "zz-corrupt: summarize-fr" in result.stderr and "generation failed" in result.stderr
    assert len(articles) == 5 and all(a["engine"] == "seq2seq" for a in articles.values())


def test_empty_translations_leave_the_language_missing_and_exit_4(in_tmp_cwd, tiny_models, silent_models, tmp_path):
    out = tmp_path / "out"
    result = run(
        "build",
        "--corpus",
        CORPUS,
        "--out",
        out,
        "-q",
        "--model",
        f"summarize-fr={tiny_models['summarize-fr']}",
        "--model",
        f"fr-en={silent_models['fr-en']}",
    )
    assert result.exit_code == 4
    assert "incomplete" in result.stderr
    data = json.loads((out / "summaries.json").read_text(encoding="utf-8"))
    assert all(a["summary"]["en"] is None and a["summary"]["fr"] for a in data["articles"])
    assert all(any("fr-en" in p and "empty output" in p for p in a["problems"]) for a in data["articles"])
    assert all(any("no usable translation; no en summary" in p for p in a["problems"]) for a in data["articles"])


def test_missing_model_exits_3_without_traceback_and_keeps_previous_outputs(
    in_tmp_cwd, tiny_models, model_options, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    assert run("build", "--corpus", CORPUS, "--out", out, "-q", *model_options).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    result = run("build", "--corpus", CORPUS, "--out", out, "-q", "--model", f"fr-en={tiny_models['fr-en']}")
    assert result.exit_code == 3
    assert "model for role 'summarize-fr' is not available" in result.stderr
    assert "brief models pull summarize-fr" in result.stderr
    assert "--engine extractive" in result.stderr  # build has --engine; translate's message does not offer it
    assert "Traceback" not in result.stderr + result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_bad_article_is_skipped_naming_the_file_and_the_rest_is_built_exit_4(in_tmp_cwd, tmp_path, model_options):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.md").write_text("---\nlang: fr\n---\nUn texte correct en français pour le test.\n")
    (corpus / "broken.md").write_text("---\ntitle: [oops\n---\nTexte.\n")
    result = run("summarize", "--corpus", corpus, "--out", tmp_path / "out", "-q", *model_options)
    assert result.exit_code == 4
    assert "skipped" in result.stderr and "broken.md" in result.stderr and "invalid YAML front matter" in result.stderr
    data = json.loads((tmp_path / "out" / "summaries.json").read_text(encoding="utf-8"))
    assert [a["source"] for a in data["articles"]] == ["ok.md"]


def test_skipped_files_are_warned_about_and_recorded(in_tmp_cwd, tmp_path, model_options):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "vide.txt").write_bytes(b"")
    result = run("summarize", "--corpus", corpus, "--out", tmp_path / "out", "-q", *model_options)
    assert result.exit_code == 4, result.stderr  # every article summarised, but not every file
    assert "skipped" in result.stderr and "vide.txt" in result.stderr
    data = json.loads((tmp_path / "out" / "summaries.json").read_text(encoding="utf-8"))
    assert data["skipped"] == [{"file": "vide.txt", "reason": "empty file"}]


ENGLISH_ARTICLE = (
    "The city council voted on Tuesday for the new traffic plan. Shop owners fear fewer visitors.\n\n"
    "According to the mayor, the works will start in spring and will last six months.\n"
)


def test_a_mixed_corpus_summarises_each_article_in_its_language(in_tmp_cwd, tmp_path, model_options):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "council.txt").write_text(ENGLISH_ARTICLE)
    out = tmp_path / "out"
    result = run("build", "--corpus", corpus, "--out", out, "-q", *model_options)
    assert result.exit_code == 0, result.stderr
    data = json.loads((out / "summaries.json").read_text(encoding="utf-8"))
    english = next(a for a in data["articles"] if a["id"] == "council")
    assert english["lang"] == "en" and english["summary"]["en"] and english["summary"]["fr"]
    assert set(data["models"]) == {"summarize-fr", "summarize-en", "fr-en", "en-fr"}


def test_article_and_model_text_is_escaped_in_markdown(in_tmp_cwd, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x.md").write_text(
        '---\nlang: fr\ntitle: "<script>alert(1)</script> titre"\n---\n'
        "Le conseil a voté <img src=x onerror=alert(1)> le budget de la ville mardi soir.\n\n"
        "Le budget de la ville prévoit des **pistes** cyclables et [un lien](javascript:alert(1)).\n"
    )
    out = tmp_path / "out"
    assert run("build", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q").exit_code == 0
    article_body = (out / "articles" / "x.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    for markdown in [(out / "brief.md").read_text(encoding="utf-8"), article_body]:
        html = MarkdownIt("commonmark", {"html": True}).render(markdown)
        assert "<script>" not in html and "<img" not in html and 'href="javascript' not in html


def test_models_lists_roles_availability_and_size(in_tmp_cwd, tiny_models, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    result = run("models", "--model", f"fr-en={tiny_models['fr-en']}")
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()[1:]}
    assert rows["fr-en"][1:3] == [str(tiny_models["fr-en"]), "yes"] and rows["fr-en"][4] == "MB"
    assert rows["summarize-fr"][2] == "no"
    assert set(rows) == {"summarize-fr", "summarize-en", "fr-en", "en-fr"}


def test_unknown_role_is_a_usage_error(in_tmp_cwd):
    result = run("models", "pull", "de-fr")
    assert result.exit_code == 2
    assert "unknown role 'de-fr'" in result.stderr


def test_models_can_come_from_environment_and_config_file(in_tmp_cwd, tiny_models, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEF_MODEL_SUMMARIZE_FR", str(tiny_models["summarize-fr"]))
    (in_tmp_cwd / "brief.toml").write_text(
        f'[models]\nfr-en = "{tiny_models["fr-en"]}"\n[generation.fr-en]\nmax_new_tokens = 6\n'
    )
    out = tmp_path / "out"
    result = run("summarize", "--corpus", CORPUS, "--out", out, "-q")
    assert result.exit_code == 0, result.stderr
    data = json.loads((out / "summaries.json").read_text(encoding="utf-8"))
    assert data["models"]["summarize-fr"]["model"] == str(tiny_models["summarize-fr"])
    assert data["generation"]["fr-en"]["max_new_tokens"] == 6


def test_pull_skips_local_folders_and_reports_download_failures(in_tmp_cwd, tiny_models, monkeypatch):
    result = run("models", "--model", f"fr-en={tiny_models['fr-en']}", "pull", "fr-en")
    assert result.exit_code == 0
    assert "is a local folder, nothing to pull" in result.output
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = run("models", "--model", "en-fr=nobody/no-such-model", "pull", "en-fr")
    assert result.exit_code == 1
    assert "en-fr: cannot download nobody/no-such-model" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unchanged_build_is_skipped_and_any_change_rebuilds(in_tmp_cwd, tmp_path, model_options, tiny_models):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    assert run("build", "--corpus", corpus, "--out", out, "-q", *model_options).exit_code == 0
    files = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    again = run("build", "--corpus", corpus, "--out", out, "-q", *model_options)
    assert again.exit_code == 0 and "up to date" in again.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == files

    edited = next(corpus.glob("*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUn paragraphe ajouté pour le test.\n", encoding="utf-8")
    assert "up to date" not in run("build", "--corpus", corpus, "--out", out, "-q", *model_options).output
    other_model = [*model_options, "--model", f"fr-en={tiny_models['en-fr']}"]
    assert "up to date" not in run("build", "--corpus", corpus, "--out", out, "-q", *other_model).output
    forced = run("build", "--corpus", corpus, "--out", out, "-q", "--force", *other_model)
    assert "up to date" not in forced.output and forced.exit_code == 0


def test_outputs_of_a_deleted_article_are_removed(in_tmp_cwd, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    assert run("build", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q").exit_code == 0
    gone = "openai-microsoft-tensions-plainte"
    assert (out / "articles" / f"{gone}.md").is_file() and (out / "site" / "articles" / f"{gone}.html").is_file()

    (corpus / f"{gone}.md").unlink()
    result = run("build", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.stem for p in (out / "articles").glob("*.md")) == sorted(p.stem for p in corpus.glob("*.md"))
    assert sorted(p.stem for p in (out / "site" / "articles").glob("*.html")) == sorted(
        p.stem for p in corpus.glob("*.md")
    )
    assert f"removed {out / 'articles' / f'{gone}.md'}: stale brief" in result.stderr
    assert gone not in (out / "brief.md").read_text(encoding="utf-8")


def test_an_article_with_no_summary_in_the_corpus_language_is_named_as_left_out(
    in_tmp_cwd, tmp_path, tiny_models, monkeypatch
):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))  # no en-fr translator anywhere
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "council.txt").write_text(ENGLISH_ARTICLE)
    out = tmp_path / "out"
    result = run(
        "summarize", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q",
        "--model", f"fr-en={tiny_models['fr-en']}",
    )  # fmt: skip
    data = json.loads((out / "summaries.json").read_text(encoding="utf-8"))
    assert next(a for a in data["articles"] if a["id"] == "council")["summary"]["fr"] is None
    assert "not in the corpus summary, for want of a fr summary: council" in data["corpus"]["problems"]
    assert "corpus: not in the corpus summary" in result.stderr


def _sentences_of_brief(path: Path) -> list[str]:
    """The prose sentences of a brief.md, link targets and markup taken out."""
    text = re.sub(r"\]\([^)]*\)", "]", path.read_text(encoding="utf-8"))
    text = re.sub(r"\(\[p\d+\](?:, \[p\d+\])*\)", "", text)
    prose = [line.split(":**", 1)[1] for line in text.splitlines() if line.startswith("**") and ":**" in line]
    prose = [line for line in prose if not line.strip().startswith("_unavailable")]
    return [s.text.strip() for line in prose for s in split_sentences(line.replace("\\", ""), "fr") if s.text.strip()]


@pytest.mark.parametrize("engine", ["extractive", "lexrank"])
def test_no_sentence_appears_twice_in_brief_md(in_tmp_cwd, tmp_path, engine, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    out = tmp_path / "out"
    assert run("summarize", "--engine", engine, "--corpus", CORPUS, "--out", out, "-q").exit_code == 0
    sentences = _sentences_of_brief(out / "brief.md")
    assert len(sentences) >= 10
    assert len(sentences) == len(set(sentences)), [s for s in sentences if sentences.count(s) > 1]
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert brief.index("## Corpus") < brief.index("## ") + 1  # the corpus summary comes first


def test_length_is_honoured_from_the_option_and_brief_toml(in_tmp_cwd, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    lengths = {}
    for name, extra in [("short", ["--length", "20"]), ("long", ["--length", "90"]), ("share", ["--length", "0.3"])]:
        run("summarize", "--engine", "extractive", "--corpus", CORPUS, "--out", tmp_path / name, "-q", *extra)
        data = json.loads((tmp_path / name / "summaries.json").read_text(encoding="utf-8"))
        lengths[name] = {a["id"]: len(a["summary"]["fr"].split()) for a in data["articles"]}
        if name == "short":
            sentences = {a["id"]: sum(c["lang"] == "fr" for c in a["citations"]) for a in data["articles"]}
    articles = {a.id: a for a in read_corpus(CORPUS).articles}
    for article_id, words in lengths["short"].items():
        assert words <= 20 * 1.15 or sentences[article_id] == 1  # one sentence longer than the budget at most
        assert lengths["long"][article_id] > words
        total = sum(len(s.text.split()) for s in articles[article_id].summarisable_sentences)
        assert lengths["share"][article_id] <= 0.3 * total * 1.15
    (in_tmp_cwd / "brief.toml").write_text("[summary]\nlength = 20\n")
    run("summarize", "--engine", "extractive", "--corpus", CORPUS, "--out", tmp_path / "file", "-q")
    data = json.loads((tmp_path / "file" / "summaries.json").read_text(encoding="utf-8"))
    assert {a["id"]: len(a["summary"]["fr"].split()) for a in data["articles"]} == lengths["short"]
    bad = run("summarize", "--engine", "extractive", "--corpus", CORPUS, "--out", tmp_path / "bad", "--length", "0")
    assert bad.exit_code == 2 and "--length: expected a number of words" in bad.stderr


@pytest.fixture(scope="module")
def tiny_t5(tmp_path_factory):
    from tiny_models import build_tiny_t5

    return build_tiny_t5(sorted(CORPUS.glob("*.md")), tmp_path_factory.mktemp("t5"))


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_a_t5_model_runs_with_its_prefix_and_input_limit(in_tmp_cwd, tmp_path, tiny_t5, tiny_models, backend):
    options = ["--model", f"summarize-fr={tiny_t5}", "--model", f"fr-en={tiny_models['fr-en']}", "--backend", backend]
    out = tmp_path / "out"
    # Without an input limit the run stops, naming the setting that gives one.
    result = run("summarize", "--corpus", CORPUS, "--out", out, "-q", *options)
    assert result.exit_code != 0
    assert "max_input_tokens" in result.stderr and "[generation.summarize-fr]" in result.stderr
    (in_tmp_cwd / "brief.toml").write_text(
        '[generation.summarize-fr]\nprefix = "summarize: "\nmax_input_tokens = 96\n', encoding="utf-8"
    )
    result = run("summarize", "--corpus", CORPUS, "--out", out, "-q", *options)
    data = json.loads((out / "summaries.json").read_text(encoding="utf-8"))
    assert data["generation"]["summarize-fr"]["prefix"] == "summarize: "
    assert data["generation"]["summarize-fr"]["max_input_tokens"] == 96
    for article in data["articles"]:
        assert article["summary"]["fr"], article["problems"]
        # Chunks were cut to the limit the setting gives (the tiny model has none of its own).
        assert not any("exceeds" in p for p in article["problems"])
    assert any(a["engine"] == "seq2seq" for a in data["articles"]), result.stderr


def test_the_corpus_summary_names_the_main_developments_each_cited(in_tmp_cwd, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    out = tmp_path / "out"
    assert run("summarize", "--engine", "extractive", "--corpus", CORPUS, "--out", out, "-q").exit_code == 0
    corpus = json.loads((out / "summaries.json").read_text(encoding="utf-8"))["corpus"]
    cited = [c for c in corpus["citations"] if c["lang"] == "fr"]
    assert 3 <= len(cited) <= 8 and all(c["passages"] for c in cited)
    # The developments several articles report, found by the algorithm (nothing in the code names them).
    developments = {
        "public-benefit conversion": ("PBC", "intérêt public", "utilité publique"),
        "27 % stake": ("27 %", "27%"),
        "AGI clause and its expert panel": ("experts",),
        "2032 IP extension": ("2032",),
        "right of first refusal lost": ("premier refus", "préemption"),
    }
    for name, phrasings in developments.items():
        holding = [c for c in cited if any(p in c["sentence"] for p in phrasings)]
        assert holding, f"{name} missing from the corpus summary: {corpus['summary']['fr']}"
    assert any("AGI" in c["sentence"] and "experts" in c["sentence"] for c in cited)
    sources = {pid.split("#")[0] for c in cited for pid in c["passages"]}
    assert len(sources) >= 2  # facts merged across articles cite more than one of them


def test_length_sets_the_model_summaries_token_budget(in_tmp_cwd, tmp_path, model_options):
    lengths = {}
    for words in ("4", "40"):
        out = tmp_path / words
        assert (
            run("summarize", "--corpus", CORPUS, "--out", out, "-q", "--length", words, *model_options).exit_code == 0
        )
        data = json.loads((out / "summaries.json").read_text(encoding="utf-8"))
        budget = data["generation"]["summarize-fr"]["max_new_tokens"]
        lengths[words] = (
            budget,
            [len(a["summary"]["fr"].split()) for a in data["articles"] if a["engine"] == "seq2seq"],
        )
    short, long = lengths["4"], lengths["40"]
    assert short[0] < long[0]
    assert short[1] and sum(short[1]) < sum(long[1])


def test_build_copies_a_file_without_prose_so_the_translated_folder_is_complete(model_options, in_tmp_cwd, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    only_code = "```bash\nbrief build --force\n```\n\n| 2024 | 2025 |\n|---|---|\n| 12 | 27 |\n"
    (corpus / "snippets.md").write_text(only_code, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q", *model_options)
    assert result.exit_code == 4, result.output + result.stderr  # the reader skipped it: not an article
    assert "snippets.md" in result.stderr
    copies = list((out / "translations").glob("snippets.*.md"))
    assert [c.read_text(encoding="utf-8") for c in copies] == [only_code]
    manifest = json.loads((out / "translations" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"][copies[0].name]["copied"] is True
