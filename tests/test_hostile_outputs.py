"""Careless and hostile use of the output folder: nothing of the user's is lost, nothing stale passes as current.

Each test reproduces one finding of a probe of ``brief`` (issue 11, items 1-5 and 13):
cleanup deleting files brief never wrote, an output folder holding the corpus,
duplicate ids in ``brief translate``, two runs writing to one folder, local model
folders and build stamps that hid changes, temporary files left by ``kill -9``, and
ids that collide or break the file system after the outputs were replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from brief.cli import main
from core.corpus import read_corpus
from core.models.hub import locate
from core.models.settings import resolve_settings
from summarize import OutputError

CORPUS = Path(__file__).parent.parent / "corpus"
REPO = Path(__file__).parent.parent
GONE = "openai-microsoft-tensions-plainte"

FRENCH_BODY = """Le conseil municipal a voté le budget mardi soir après un long débat.

Les écoles recevront plus de moyens et les routes seront rénovées cette année.
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture()
def corpus(tmp_path, in_tmp_cwd, monkeypatch) -> Path:
    """A copy of the shipped corpus, with no translator anywhere (the extractive engine needs none)."""
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# 1. Cleanup removes only what brief wrote; an output folder holding the corpus is refused.


def test_cleanup_removes_stale_outputs_but_never_the_users_files(corpus, tmp_path):
    out = tmp_path / "out"
    assert run("build", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q").exit_code == 0
    mine = {
        out / "articles" / "my-notes.md": "# Mes notes\n",
        out / "articles" / ".draft.md": "brouillon\n",
        out / "site" / "articles" / "about.html": "<p>about</p>\n",
        out / "site" / "articles" / ".hidden.html": "<p>hidden</p>\n",
    }
    for path, text in mine.items():
        path.write_text(text, encoding="utf-8")

    (corpus / f"{GONE}.md").unlink()
    result = run("build", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q")
    assert result.exit_code == 0, result.stderr
    assert not (out / "articles" / f"{GONE}.md").exists()
    assert not (out / "site" / "articles" / f"{GONE}.html").exists()
    assert {path: path.read_text(encoding="utf-8") for path in mine} == mine
    assert "my-notes" not in result.stderr and "about.html" not in result.stderr


def test_a_users_file_is_not_overwritten_by_a_new_articles_brief(corpus, tmp_path):
    out = tmp_path / "out"
    assert run("summarize", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q").exit_code == 0
    before = snapshot(out)
    (out / "articles" / "budget.md").write_text("# My own budget notes\n", encoding="utf-8")
    (corpus / "budget.md").write_text("---\nlang: fr\n---\n" + FRENCH_BODY, encoding="utf-8")

    result = run("summarize", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q")
    assert result.exit_code == 1
    assert f"{out / 'articles' / 'budget.md'}: exists and was not written by brief" in result.stderr
    assert (out / "articles" / "budget.md").read_text(encoding="utf-8") == "# My own budget notes\n"
    after = snapshot(out)
    assert {p: after[p] for p in before if p.name != ".brief-outputs.json"} == {
        p: b for p, b in before.items() if p.name != ".brief-outputs.json"
    }


@pytest.mark.parametrize("command", ["build", "summarize", "glossary", "translate"])
@pytest.mark.parametrize("layout", ["corpus inside out", "out is the corpus"])
def test_an_output_folder_holding_the_corpus_is_refused(corpus, tmp_path, command, layout):
    out = tmp_path / "out"
    inside = out / "articles" if layout == "corpus inside out" else out
    inside.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(corpus, inside, dirs_exist_ok=True)
    before = snapshot(out)

    result = run(command, "--corpus", inside, "--out", out, "-q")
    assert result.exit_code == 2, result.output
    assert f"--out {out}" in result.stderr and "corpus folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before


# 2. Duplicate ids in brief translate.


def test_translate_refuses_two_files_with_one_id_as_build_does(tmp_path, in_tmp_cwd, tiny_models):
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("a.md", "b.md"):
        (sources / name).write_text("---\nid: budget\nlang: fr\n---\n" + FRENCH_BODY, encoding="utf-8")
    out = tmp_path / "out"

    result = run("translate", "--corpus", sources, "--out", out, "-q", "--model", f"fr-en={tiny_models['fr-en']}")
    assert result.exit_code == 1
    assert "b.md: article id 'budget' is already used by a.md" in result.stderr
    assert not (out / "translations").exists()
    build = run("build", "--corpus", sources, "--out", tmp_path / "out2", "--engine", "extractive", "-q")
    assert build.exit_code == 1 and "already used by a.md" in build.stderr


# 3. One atomic lock for the whole output folder, naming its holder.

HOLDER = """
import sys
from pathlib import Path
from core.errors import LockError
from core.lock import output_lock

try:
    with output_lock(Path(sys.argv[1]), sys.argv[2]):
        print("held", flush=True)
        sys.stdin.read()  # hold until the test closes our stdin (or kills us)
except LockError as exc:
    print(f"busy {exc}", flush=True)
"""


def holder(out: Path, command: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(out), command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def brief(*args, cwd: Path) -> subprocess.CompletedProcess:
    code = "from brief.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300
    )


@pytest.mark.parametrize("command", ["build", "summarize", "glossary", "translate"])
def test_every_writing_command_is_refused_while_another_process_holds_the_folder(corpus, tmp_path, command):
    out = tmp_path / "out"
    other = holder(out, "brief build")
    try:
        assert other.stdout.readline().strip() == "held"
        result = (
            brief(command, "--corpus", corpus, "--out", out, "-q", "--engine", "extractive", cwd=tmp_path)
            if (command in ("build", "summarize"))
            else brief(command, "--corpus", corpus, "--out", out, "-q", cwd=tmp_path)
        )
        assert result.returncode == 1, result.stderr
        assert f"brief build (pid {other.pid}" in result.stderr
        assert "Traceback" not in result.stderr
        assert sorted(p.name for p in out.iterdir()) == [".brief.lock", ".brief.lock.owner"]
    finally:
        other.kill()
        other.wait()


def test_a_lock_whose_process_was_killed_is_free_at_once(corpus, tmp_path):
    out = tmp_path / "out"
    other = holder(out, "brief translate")
    assert other.stdout.readline().strip() == "held"
    os.kill(other.pid, signal.SIGKILL)  # no cleanup runs: the lock file and its sidecar stay
    other.wait()
    result = brief("summarize", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (out / "summaries.json").is_file()


def test_only_one_of_many_racing_processes_holds_the_lock(tmp_path):
    out = tmp_path / "out"
    racers = [holder(out, f"racer {n}") for n in range(8)]
    try:
        # Nobody releases before every racer has answered, so two "held" would mean two holders at once.
        answers = [racer.stdout.readline().strip() for racer in racers]
    finally:
        for racer in racers:
            racer.stdin.close()
            racer.wait(timeout=60)
    assert sum(answer == "held" for answer in answers) == 1, answers
    assert all(answer == "held" or "racer" in answer for answer in answers), answers


# 4. Stale results reported as current.


def test_a_local_models_revision_changes_when_its_weights_are_replaced(tmp_path, tiny_models):
    folder = tmp_path / "fr-en"
    shutil.copytree(tiny_models["fr-en"], folder)
    settings = resolve_settings([f"fr-en={folder}"], config_file=None, environ={})
    before = locate(settings.models["fr-en"]).revision
    assert before != "local" and before == locate(settings.models["fr-en"]).revision

    weights = next(folder.glob("*.safetensors"))
    data = bytearray(weights.read_bytes())
    data[-1] ^= 1  # same size, other weights
    weights.write_bytes(bytes(data))
    assert locate(settings.models["fr-en"]).revision != before


def test_translations_are_redone_when_a_local_models_weights_change(tmp_path, in_tmp_cwd, tiny_models, monkeypatch):
    import torch
    from safetensors.torch import load_file, save_file

    folder = tmp_path / "fr-en"
    shutil.copytree(tiny_models["fr-en"], folder)
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path / "cache"))
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "budget.md").write_text("---\nlang: fr\n---\n" + FRENCH_BODY, encoding="utf-8")
    out = tmp_path / "out"
    options = ["--corpus", sources, "--out", out, "--model", f"fr-en={folder}", "-q"]
    assert "translated budget.md" in run("translate", *options).output
    assert "unchanged budget.md" in run("translate", *options).output

    weights = next(folder.glob("*.safetensors"))
    tensors = load_file(weights)
    torch.manual_seed(1)
    save_file({k: torch.randn_like(v) if v.is_floating_point() else v for k, v in tensors.items()}, weights)
    again = run("translate", *options)
    assert again.exit_code == 0, again.stderr
    assert "translated budget.md" in again.output and "unchanged" not in again.output


def test_a_build_with_another_lang_is_not_called_up_to_date(corpus, tmp_path):
    out = tmp_path / "out"
    assert run("build", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q").exit_code == 0
    assert "up to date" in run("build", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q").output
    other = run("build", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q", "--lang", "en")
    assert other.exit_code == 0 and "up to date" not in other.output


@pytest.mark.parametrize("deleted", [f"articles/{GONE}.md", f"site/articles/{GONE}.html", "glossary.tbx"])
def test_an_output_deleted_by_hand_is_rebuilt(corpus, tmp_path, deleted):
    out = tmp_path / "out"
    assert run("build", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q").exit_code == 0
    (out / deleted).unlink()
    again = run("build", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q")
    assert again.exit_code == 0 and "up to date" not in again.output
    assert (out / deleted).is_file()
    assert "up to date" in run("build", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q").output


# 5. Temporary files left by kill -9.


def test_temporary_files_left_by_a_killed_run_are_removed_and_nothing_else(corpus, tmp_path):
    out = tmp_path / "out"
    assert run("summarize", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q").exit_code == 0
    ours = [
        out / ".summaries.json.k2j4_x9a.tmp",
        out / "articles" / f".{GONE}.md.a1b2c3d4.tmp",
        out / "site" / "articles" / f".{GONE}.html.zz99yy88.tmp",
        out / "translations" / ".budget.en.md.0aq3w_7e.tmp",
    ]
    theirs = [out / "notes.tmp", out / "articles" / ".draft.tmp", out / "articles" / ".x.md.SHORT.tmp"]
    for path in ours + theirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half a file", encoding="utf-8")

    result = run("summarize", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q")
    assert result.exit_code == 0, result.stderr
    assert [p for p in ours if p.exists()] == []
    assert all(p.read_text(encoding="utf-8") == "half a file" for p in theirs)
    assert f"removed {ours[0]}: temporary file left by an interrupted run" in result.stderr


# 13. Ids: safe, unique and bounded before anything is written.


def test_non_latin_file_names_give_distinct_ascii_ids(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = ["日本語の記事.md", "東京のニュース.md", "Статья.md", "Новости.md", "★.md", "☆.md"]
    for name in names:
        (corpus / name).write_text("---\nlang: fr\n---\n" + FRENCH_BODY, encoding="utf-8")
    ids = [article.id for article in read_corpus(corpus).articles]
    assert len(set(ids)) == len(names)
    assert all(article_id.isascii() and article_id.replace("-", "").isalnum() for article_id in ids), ids
    assert {"ribenyunojishi", "stat-ya", "novosti"} <= set(ids), ids


def test_long_ids_are_bounded_and_stay_distinct(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    long = "un-identifiant-tres-long-" * 20
    for n in (1, 2):
        (corpus / f"a{n}.md").write_text(f"---\nid: {long}{n}\nlang: fr\n---\n" + FRENCH_BODY, encoding="utf-8")
    ids = [article.id for article in read_corpus(corpus).articles]
    assert len(set(ids)) == 2 and all(len(i) <= 80 for i in ids), ids
    assert all(i.startswith("un-identifiant-tres-long-") for i in ids)


def test_an_article_with_a_huge_id_is_written_and_earlier_outputs_survive_a_failed_write(corpus, tmp_path):
    out = tmp_path / "out"
    (corpus / "long.md").write_text(f"---\nid: {'x' * 300}\nlang: fr\n---\n" + FRENCH_BODY, encoding="utf-8")
    result = run("summarize", "--engine", "extractive", "--corpus", corpus, "--out", out, "-q")
    assert result.exit_code == 0, result.stderr
    data = json.loads((out / "summaries.json").read_text(encoding="utf-8"))
    assert all((out / "articles" / f"{a['id']}.md").is_file() for a in data["articles"])

    # Whatever else makes one file unwritable, no output is replaced: all or none.
    from core.io import write_files_atomic

    before = snapshot(out)
    files = {out / "summaries.json": "{}", out / "brief.md": "new", out / "articles" / ("y" * 300 + ".md"): "x"}
    with pytest.raises(OutputError, match="no output was replaced"):
        write_files_atomic(files)
    assert snapshot(out) == before


def test_a_failed_write_records_no_file_it_did_not_write(tmp_path):
    from core.ownership import OutputRecord

    out = tmp_path / "out"
    OutputRecord(out).write("briefs", {out / "articles" / "a.md": "a"}, {}, "brief")
    too_long = out / "articles" / ("b" * 300 + ".md")
    with pytest.raises(OutputError):
        OutputRecord(out).write("briefs", {out / "articles" / "a.md": "a2", too_long: "b"}, {}, "brief")
    assert OutputRecord(out).kinds == {"briefs": ["articles/a.md"]}
    assert (out / "articles" / "a.md").read_text(encoding="utf-8") == "a"
