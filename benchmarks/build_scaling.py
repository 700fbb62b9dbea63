"""How `brief build` grows with the corpus at real model sizes, and its lead over a naive transformers loop.

    .venv/bin/python benchmarks/build_scaling.py [--sizes 5,25,100] [--new-tokens 32] [--beam 4]
        [--baseline-articles 5] [--english-share 0.2]

Models: random weights with the configurations of the four default models (BARThez:
mBART d_model 768, 6+6 layers, 50,002 tokens; DistilBART-CNN-12-6: BART d_model 1024,
12+6 layers, 50,264 tokens; OPUS-MT fr-en and en-fr: Marian d_model 512, 6+6 layers,
59,514 tokens), built by ``benchmarks/backends.py`` in a temporary folder. Random
weights never stop on their own, so every generation is forced to ``--new-tokens``
tokens (min = max), in `brief build` and in the baseline alike: both do the same
work per output.

Corpora: N articles made from corpus/ by recombining its paragraphs (French) and, for
a share of them, the English reference summaries of benchmarks/data (our own text),
every sentence varied (two words swapped, digits redrawn) so that no two articles
share sentences and the caches cannot make them free.

For each size: `brief build` in a fresh process, cold (empty generation cache; the
CTranslate2 conversion is done once beforehand and reported apart) and warm (the same
build again with --force: every generation cached, the fixed cost of a build). It
prints seconds per article per stage, the process's peak resident memory, and the
ratio to the naive baseline: a loop over the articles that summarises each article and
translates its summary and its sentences with transformers, one input at a time, as
``pipeline("summarization")`` and ``pipeline("translation")`` did (transformers 5 removed
both) and as a user without this tool would (run on the first ``--baseline-articles``
articles; its time per article is what the ratio uses).

Stage times are exclusive: the time inside each stage's top function, less the time of
the stages nested in it (summary translations inside summaries, glossary forms inside
the glossary). A stage's first generation also loads its model. "other" is start-up
(interpreter, imports, settings) and the rest of the command.

Nothing here is a test: figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
STAGES = (
    "read",
    "summaries",
    "summary translations",
    "glossary parse",
    "glossary forms",
    "article translations",
    "render",
    "other",
)


# ------------------------------------------------------------------------- corpora


def _pools() -> dict[str, list[list[str]]]:
    """Paragraphs as lists of sentences: French from corpus/, English from our reference summaries."""
    from core.corpus import read_corpus

    french = [[s.text for s in p.sentences] for a in read_corpus(ROOT / "corpus").articles for p in a.passages]
    french = [p for p in french if sum(len(s.split()) for s in p) >= 12]
    references = json.loads((ROOT / "benchmarks" / "data" / "corpus-references.json").read_text(encoding="utf-8"))
    english = [re.split(r"(?<=[.!?])\s+", entry["en"]) for entry in references.values() if "en" in entry]
    return {"fr": french, "en": english}


def _vary(sentence: str, rng: random.Random) -> str:
    """The sentence with two neighbouring words swapped and its digits redrawn: new text, same length and kind."""
    words = sentence.split()
    if len(words) > 3:
        i = rng.randrange(1, len(words) - 2)
        words[i], words[i + 1] = words[i + 1], words[i]
    return re.sub(r"\d", lambda _: str(rng.randrange(10)), " ".join(words))


def write_corpus(folder: Path, count: int, english_share: float, seed: int = 0) -> Path:
    rng = random.Random(seed)
    pools = _pools()
    folder.mkdir(parents=True)
    for number in range(count):
        lang = "en" if rng.random() < english_share else "fr"
        pool = pools[lang]
        # The English pool is a few short summaries: more of its paragraphs make an article of similar length.
        picked = rng.sample(pool, k=min(len(pool), rng.randint(5, 8) if lang == "fr" else len(pool)))
        paragraphs = [" ".join(_vary(s, rng) for s in paragraph) for paragraph in picked]
        title = _vary(paragraphs[0].split(". ")[0], rng)[:90]
        body = "\n\n".join(paragraphs)
        front = f"---\nlang: {lang}\ndate: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n---\n"
        (folder / f"article-{number:03d}.md").write_text(f"{front}# {title}\n\n{body}\n", encoding="utf-8")
    return folder


# ---------------------------------------------------------------------- the build


def _timed_stages() -> dict[str, float]:
    """Wrap each stage's top function so its exclusive time is charged to it; returns the live totals."""
    import core.corpus
    import glossary.build
    import glossary.render
    import summarize.pipeline
    import summarize.render
    import translate
    from core.models.seq2seq import Seq2SeqModel

    totals = dict.fromkeys(STAGES, 0.0)
    stack: list[list] = []  # [stage, started, time spent in nested stages]

    def timed(function, stage):
        def wrapper(*args, **kwargs):
            outer = stack[-1][0] if stack else None
            name = stage(outer) if callable(stage) else stage
            if name is None:
                return function(*args, **kwargs)
            stack.append([name, time.perf_counter(), 0.0])
            try:
                return function(*args, **kwargs)
            finally:
                _, started, nested = stack.pop()
                spent = time.perf_counter() - started
                totals[name] += spent - nested
                if stack:
                    stack[-1][2] += spent

        return wrapper

    for module, name, stage in [
        (core.corpus, "read_corpus", "read"),
        (summarize.pipeline, "summarise_corpus", "summaries"),
        (translate, "translate_sentences", "summary translations"),
        (glossary.build, "build_glossary", "glossary parse"),
        (translate, "translate_files", "article translations"),
        (summarize.render, "write_summaries", "render"),
        (glossary.render, "write_glossary", "render"),
    ]:
        setattr(module, name, timed(getattr(module, name), stage))
    glossary_forms = timed(Seq2SeqModel.generate, lambda outer: "glossary forms" if outer == "glossary parse" else None)
    Seq2SeqModel.generate = glossary_forms
    return totals


def build_worker(arguments: list[str]) -> None:
    """Runs in its own process: `brief build`, its stages timed; prints one JSON line."""
    started = time.perf_counter()
    totals = _timed_stages()
    from brief.cli import main

    code = 0
    try:
        main(arguments, standalone_mode=True)
    except SystemExit as exit:
        code = exit.code or 0
    total = time.perf_counter() - started
    totals["other"] = total - sum(v for k, v in totals.items() if k != "other")
    print(json.dumps({"code": code, "stages": totals, "peak_mb": _peak_resident_mb()}))


def _peak_resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_build(corpus: Path, out: Path, models: dict[str, Path], config: Path, cache: Path) -> dict:
    arguments = ["build", "-q", "--force", "--corpus", str(corpus), "--out", str(out), "--config", str(config)]
    arguments += [a for role, path in models.items() for a in ("--model", f"{role}={path}")]
    environment = {**os.environ, "BRIEF_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, __file__, "--build-worker", json.dumps(arguments)],
        capture_output=True,
        text=True,
        env=environment,
    )
    wall = time.perf_counter() - started
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"brief build failed:\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["stages"]["other"] += wall - sum(figures["stages"].values())  # the interpreter's own start
    figures["wall"] = wall
    return figures


# ------------------------------------------------------------------- the baseline


def baseline_worker(corpus: str, models_json: str, new_tokens: int, beam: int, count: int) -> None:
    """Runs in its own process: the naive loop a user would write with transformers, one input at a time.

    transformers 5 removed the ``summarization`` and ``translation`` pipelines; this is what
    they did for a list of inputs without ``batch_size``: tokenise, ``generate``, decode,
    one input after the other, the model loaded on first use.
    """
    started = time.perf_counter()
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    from core.corpus import read_corpus

    models = json.loads(models_json)
    articles = read_corpus(Path(corpus)).articles[:count]
    options = dict(max_new_tokens=new_tokens, min_new_tokens=new_tokens, num_beams=beam)
    loaded: dict[str, tuple] = {}

    def run(role: str, text: str) -> str:
        if role not in loaded:
            loaded[role] = (
                AutoTokenizer.from_pretrained(models[role]),
                AutoModelForSeq2SeqLM.from_pretrained(models[role]).eval(),
            )
        tokenizer, model = loaded[role]
        inputs = tokenizer(text, return_tensors="pt", truncation=True)
        with torch.inference_mode():
            output = model.generate(**inputs, **options)
        return tokenizer.decode(output[0], skip_special_tokens=True)

    for article in articles:
        other = "en" if article.lang == "fr" else "fr"
        summary = run(f"summarize-{article.lang}", article.text)
        run(f"{article.lang}-{other}", summary)
        for passage in article.passages:
            for sentence in passage.sentences:
                run(f"{article.lang}-{other}", sentence.text)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "articles": len(articles), "peak_mb": _peak_resident_mb()}))


def run_baseline(corpus: Path, models: dict[str, Path], args) -> dict:
    command = [
        sys.executable,
        __file__,
        "--baseline-worker",
        str(corpus),
        json.dumps({role: str(path) for role, path in models.items()}),
        str(args.new_tokens),
        str(args.beam),
        str(args.baseline_articles),
    ]
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_VERBOSITY": "error"}
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    if result.returncode != 0:
        raise SystemExit(f"baseline failed:\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["wall"] = time.perf_counter() - started
    return figures


# ------------------------------------------------------------------------- models


def build_real_size_models(folder: Path) -> dict[str, Path]:
    from backends import BARTHEZ_SIZE, DISTILBART_CNN_SIZE, build_models, build_summariser

    translator, tiny = build_models(folder)
    return {
        "summarize-fr": build_summariser(tiny, folder, "summarize-fr", BARTHEZ_SIZE),
        "summarize-en": build_summariser(tiny, folder, "summarize-en", DISTILBART_CNN_SIZE),
        # One Marian of OPUS-MT's size serves both directions: the same work, half the disk.
        "fr-en": translator,
        "en-fr": translator,
    }


def convert_all(models: dict[str, Path], cache: Path) -> float:
    environment = {**os.environ, "BRIEF_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    for path in sorted(set(models.values())):
        code = "from core.models.backends.ctranslate2 import convert; from pathlib import Path; "
        code += f"convert({str(path)!r}, Path({str(path)!r}), None, 'int8')"
        subprocess.run([sys.executable, "-c", code], env=environment, check=True, capture_output=True)
    return time.perf_counter() - started


def settings_file(folder: Path, new_tokens: int, beam: int) -> Path:
    path = folder / "brief.toml"
    path.write_text(
        f"[generation]\nnum_beams = {beam}\nmax_new_tokens = {new_tokens}\nmin_new_tokens = {new_tokens}\n",
        encoding="utf-8",
    )
    return path


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5,25,100")
    parser.add_argument("--new-tokens", type=int, default=32)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--baseline-articles", type=int, default=5, help="0: no baseline (it is the slow part)")
    parser.add_argument("--english-share", type=float, default=0.2)
    parser.add_argument("--folder", type=Path, help="Reuse the models built in this folder by an earlier run.")
    parser.add_argument("--build-worker", help=argparse.SUPPRESS)
    parser.add_argument("--baseline-worker", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_worker:
        build_worker(json.loads(args.build_worker))
        return
    if args.baseline_worker:
        corpus, models, new_tokens, beam, count = args.baseline_worker
        baseline_worker(corpus, models, int(new_tokens), int(beam), int(count))
        return

    from backends import cpu_description

    folder = args.folder or Path(tempfile.mkdtemp(prefix="brief-scaling-"))
    models_record = folder / "models.json"
    if models_record.is_file():
        models = {role: Path(path) for role, path in json.loads(models_record.read_text()).items()}
    else:
        models = build_real_size_models(folder)
        models_record.write_text(json.dumps({role: str(path) for role, path in models.items()}))
    cache = folder / "cache"
    print(cpu_description(), f"| {os.cpu_count()} CPUs | load average {os.getloadavg()[0]:.1f} at start")
    print(f"CTranslate2 conversion of the three models, once: {convert_all(models, cache):.0f} s")
    config = settings_file(folder, args.new_tokens, args.beam)
    print(f"beam {args.beam}, {args.new_tokens} tokens forced per output; English share {args.english_share}")
    header = f"{'articles':>8} {'run':>5} " + " ".join(f"{s[:12]:>12}" for s in STAGES)
    print("seconds per article per stage")
    print(header + f" {'total/art':>9} {'peak MB':>8} {'vs naive':>8}")
    baseline = None
    for size in [int(s) for s in args.sizes.split(",")]:
        stamp = time.time_ns()
        corpus = write_corpus(folder / f"corpus-{size}-{stamp}", size, args.english_share)
        # A fresh output folder too: the translation store lives there, and would make a cold run warm.
        out = folder / f"out-{size}-{stamp}"
        run_cache = folder / f"cache-{size}-{stamp}"
        run_cache.mkdir()
        (run_cache / "ctranslate2").symlink_to(cache / "ctranslate2")  # converted once, generations not cached
        if baseline is None and args.baseline_articles > 0:
            baseline = run_baseline(corpus, models, args)
            per_article = baseline["seconds"] / baseline["articles"]
            print(
                f"naive pipeline() loop, {baseline['articles']} articles: {per_article:.1f} s per article "
                f"(whole process {baseline['wall']:.0f} s), peak {baseline['peak_mb']:.0f} MB"
            )
        for run in ("cold", "warm"):
            figures = run_build(corpus, out, models, config, run_cache)
            per_stage = {k: v / size for k, v in figures["stages"].items()}
            total = figures["wall"] / size
            ratio = f"{baseline['seconds'] / baseline['articles'] / total:7.1f}x" if baseline else "       -"
            cells = " ".join(f"{per_stage[s]:12.2f}" for s in STAGES)
            print(f"{size:8} {run:>5} {cells} {total:9.2f} {figures['peak_mb']:8.0f} {ratio}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end; models in {folder}")


if __name__ == "__main__":
    main()
