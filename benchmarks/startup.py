"""Fixed costs of the commands with everything cached, and `brief translate` end to end against transformers.

    .venv/bin/python benchmarks/startup.py [--folder DIR] [--runs 2] [--sections startup,translate]
        [--new-tokens 48] [--beam 4]

Every figure is one `brief` command in a fresh process (`python -m brief`, the interpreter
included), with its wall time, its CPU time (user + system, from the child's rusage) and
the 1-minute load average when it started, so a figure taken on a busy machine says so.
Runs of each kind are interleaved (A B A B), so drift in the machine's load hits both.

- startup: the tiny test models (tests/tiny_models.py) on corpus/, caches filled first by
  a cold build (conversion, tokenizer records, generations, glossary):
  `brief --help`; `brief translate` with every generation cached (its output folder
  removed each time, so the model is loaded and every sentence looked up); `brief build`
  run again with nothing changed (the build stamp); `brief build --force` with every
  cache valid (outputs rendered again, nothing parsed, extracted or generated again).
- translate: a randomly initialised Marian of Helsinki-NLP/opus-mt-fr-en's size (built
  by benchmarks/backends.py's recipe), every output forced to --new-tokens tokens with
  beam --beam, `brief translate` of corpus/ from an empty generation cache and an empty
  output folder, on the default backend (CTranslate2 int8; the conversion and tokenizer
  record made once beforehand) and on `--backend transformers`; the ratio per pair.

Python writes no bytecode when PYTHONDONTWRITEBYTECODE is set (as in this project's shared
environment): every import of the project then compiles its source again, which an
installed package never does. The commands run here without that variable, after one run
that writes the bytecode; the first line says whether it was set.

Nothing here is a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"


def brief(arguments: list[str], cache: Path, check: bool = True) -> dict:
    """One `python -m brief` process: wall and CPU seconds, the load when it started."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(BRIEF_CACHE_DIR=str(cache), HF_HUB_OFFLINE="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started_load = load()
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "brief", *map(str, arguments)], env=env, cwd=ROOT, capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check and result.returncode not in (0, 4):  # 4: outputs written, something incomplete (tiny models)
        raise SystemExit(f"brief {' '.join(map(str, arguments))} failed ({result.returncode}):\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "load": started_load}


def figure_range(values: list[float]) -> str:
    low, high = min(values), max(values)
    return f"{low:.2f}" if f"{low:.2f}" == f"{high:.2f}" else f"{low:.2f}-{high:.2f}"


def report(label: str, runs: list[dict]) -> None:
    loads = ", ".join(run["load"] for run in runs)
    print(
        f"{label:44} wall {figure_range([r['wall'] for r in runs]):>11} s   "
        f"CPU {figure_range([r['cpu'] for r in runs]):>11} s   load {loads}"
    )


def startup_section(folder: Path, runs: int) -> None:
    from tiny_models import build_tiny_models

    tiny_folder = folder / "tiny"
    if not (tiny_folder / "fr-en" / "config.json").is_file():
        build_tiny_models(sorted((ROOT / "corpus").glob("*.md")), tiny_folder)
    models = [
        arg
        for role in ("summarize-fr", "summarize-en", "fr-en", "en-fr")
        for arg in ("--model", f"{role}={tiny_folder / role}")
    ]
    cache, out, translated = folder / "cache-startup", folder / "out-startup", folder / "out-translate"
    corpus = ["--corpus", ROOT / "corpus"]
    brief(["build", "-q", *corpus, "--out", out, *models], cache)  # cold: converts, records, generates, caches
    brief(["translate", "-q", *corpus, "--out", translated, *models], cache)
    figures: dict[str, list[dict]] = {}
    for _ in range(runs):
        figures.setdefault("brief --help", []).append(brief(["--help"], cache))
        shutil.rmtree(translated, ignore_errors=True)
        figures.setdefault("brief translate, every generation cached", []).append(
            brief(["translate", "-q", *corpus, "--out", translated, *models], cache)
        )
        figures.setdefault("brief build, nothing changed (stamp)", []).append(
            brief(["build", "-q", *corpus, "--out", out, *models], cache)
        )
        figures.setdefault("brief build --force, every cache valid", []).append(
            brief(["build", "-q", "--force", *corpus, "--out", out, *models], cache)
        )
    print(f"start-up, tiny models, corpus/, {runs} runs each, interleaved:")
    for label, measured in figures.items():
        report(f"  {label}", measured)


def translate_section(folder: Path, runs: int, new_tokens: int, beam: int) -> None:
    from backends import build_models

    large = folder / "real" / "opus-size-fr-en"
    if not (large / "config.json").is_file():
        (folder / "real").mkdir(parents=True, exist_ok=True)
        build_models(folder / "real")
    config = folder / "translate.toml"
    config.write_text(
        f"[generation]\nnum_beams = {beam}\nmax_new_tokens = {new_tokens}\nmin_new_tokens = {new_tokens}\n"
    )
    cache, out = folder / "cache-translate", folder / "out-translate-real"
    arguments = ["translate", "-q", "--corpus", ROOT / "corpus", "--out", out, "--config", config]
    arguments += ["--model", f"fr-en={large}", "--model", f"en-fr={large}"]
    # Once: the CTranslate2 conversion and the tokenizer record (first-use costs, not the run's).
    brief(arguments, cache)
    pairs = []
    for _ in range(runs):
        pair = {}
        for backend in ("ctranslate2", "transformers"):
            shutil.rmtree(cache / "generations", ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            pair[backend] = brief([*arguments, "--backend", backend], cache)
            # Random weights change numbers, which sends sentences to a second round: both must do the same work.
            pair[backend]["generated"] = sum(
                len(path.read_text(encoding="utf-8").splitlines()) for path in (cache / "generations").glob("*.jsonl")
            )
        pairs.append(pair)
    print(
        f"brief translate of corpus/, opus-mt-fr-en-size random Marian, {new_tokens} tokens forced, beam {beam}, "
        f"empty generation cache, {runs} pairs:"
    )
    for backend, label in [("ctranslate2", "default (CTranslate2 int8)"), ("transformers", "--backend transformers")]:
        report(f"  {label}", [p[backend] for p in pairs])
        print(f"    inputs generated per run: {', '.join(str(p[backend]['generated']) for p in pairs)}")
    ratios = [p["transformers"]["wall"] / p["ctranslate2"]["wall"] for p in pairs]
    cpu_ratios = [p["transformers"]["cpu"] / p["ctranslate2"]["cpu"] for p in pairs]
    print(f"  ratio, wall: {figure_range(ratios)}x   CPU: {figure_range(cpu_ratios)}x")


def main() -> None:
    from backends import cpu_description

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--folder", type=Path, help="Where models, caches and outputs go (kept; default: a temporary one)."
    )
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--sections", default="startup,translate")
    parser.add_argument("--new-tokens", type=int, default=48)
    parser.add_argument("--beam", type=int, default=4)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="startup-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"{cpu_description()}; {os.cpu_count()} CPUs; PYTHONDONTWRITEBYTECODE "
        f"{'set here, unset for the commands' if os.environ.get('PYTHONDONTWRITEBYTECODE') else 'not set'}"
    )
    sections = set(args.sections.split(","))
    if "startup" in sections:
        startup_section(folder, args.runs)
    if "translate" in sections:
        translate_section(folder, args.runs, args.new_tokens, args.beam)


if __name__ == "__main__":
    main()
