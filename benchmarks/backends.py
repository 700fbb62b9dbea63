"""Throughput and memory: transformers vs CTranslate2, and the local vs the ray executor, at real model sizes.

    .venv/bin/python benchmarks/backends.py [--inputs 24] [--summary-inputs 6] [--new-tokens 32] [--beam 4]
        [--batch 16] [--executor-inputs 96] [--sections backends,executors,build,generation]
        [--variants transformers,baseline,inter2,...] [--folder DIR]

Builds (once, in a temporary folder or --folder) a randomly initialised Marian model with the
configuration of Helsinki-NLP/opus-mt-fr-en (d_model 512, 6+6 layers, 8 heads, FFN
2048, 59,514-token vocabulary) and a tokenizer trained on corpus/, an mBART of
BARThez-orangesum's size (d_model 768, 6+6 layers, 50,002 tokens) and a BART of
DistilBART-CNN-12-6's size (d_model 1024, 12+6 layers, 50,264 tokens). Every run is
a fresh process (so peak memory is its own) through the project's own loading code,
and every output is forced to the same number of tokens (min = max new tokens), so
each configuration does the same work. The first line names the processor and whether
it has int8 dot-product instructions (VNNI, AMX): without them int8 GEMMs gain much
less over float32.

- backends: the first N corpus sentences translated, and corpus chunks of up to 512
  tokens summarised, by transformers fp32 one input at a time (what a naive script
  does), transformers fp32 batched, and CTranslate2 int8 batched (the default): target
  tokens/s, ratio to batched transformers, peak resident memory.
- executors: translation on the local executor and on a local Ray (1 actor x 2 threads,
  2 actors x 1 thread), a one-batch Ray run for the fixed cost of a call, the steady
  throughput of one actor, and from it an estimate for 100,000 articles on N 16-core nodes.
- build: ``brief build`` on the corpus with the tiny test models, cold and with every
  generation cached (wall time of the whole command, interpreter included).
- generation (not in the default sections): where the end-to-end ratio of ``brief translate``
  goes. One ``brief translate`` of corpus/ (opus-mt-fr-en size, --new-tokens forced, beam
  --beam, empty caches) runs on the default backend with every batch the local executor is
  handed recorded (kept in DIR/generation and reused by later runs with the same --folder,
  beam and length); then, each in a fresh process, those very batches are generated again
  by CTranslate2's ``translate_batch`` alone (inputs tokenised beforehand) and by
  transformers' ``generate`` alone (inputs padded into tensors beforehand), and by
  CTranslate2 under other settings (--variants, see GENERATION_VARIANTS: compute types,
  thread splits, one call for the whole run, batches by tokens, unsorted batches), each
  checked for the same output tokens as the "baseline" row (one batch at a time on every
  core, the default before batches were handed over one per core at once). Wall and CPU
  seconds (user + system) of the timed part, and the load average at its start and end.

Nothing here is a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISTILBART_CNN_SIZE = dict(
    d_model=1024,
    encoder_layers=12,
    decoder_layers=6,
    encoder_attention_heads=16,
    decoder_attention_heads=16,
    encoder_ffn_dim=4096,
    decoder_ffn_dim=4096,
    vocab_size=50264,
)
BARTHEZ_SIZE = dict(
    d_model=768,
    encoder_layers=6,
    decoder_layers=6,
    encoder_attention_heads=12,
    decoder_attention_heads=12,
    encoder_ffn_dim=3072,
    decoder_ffn_dim=3072,
    vocab_size=50002,
)
OPUS_MT_SIZE = dict(
    d_model=512,
    encoder_layers=6,
    decoder_layers=6,
    encoder_attention_heads=8,
    decoder_attention_heads=8,
    encoder_ffn_dim=2048,
    decoder_ffn_dim=2048,
    vocab_size=59514,
)


def build_models(folder: Path) -> tuple[Path, dict[str, Path]]:
    """The tiny models (for ``brief build``) and an opus-mt-sized Marian sharing their tokenizer."""
    sys.path.insert(0, str(ROOT / "tests"))
    from tiny_models import build_tiny_models
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    tiny = build_tiny_models(sorted((ROOT / "corpus").glob("*.md")), folder / "tiny", max_positions=512)
    large = folder / "opus-size-fr-en"
    large.mkdir()
    for name in ("source.spm", "target.spm", "tokenizer_config.json", "special_tokens_map.json"):
        if (tiny["fr-en"] / name).exists():
            (large / name).write_bytes((tiny["fr-en"] / name).read_bytes())
    vocab = json.loads((tiny["fr-en"] / "vocab.json").read_text())
    pad = vocab.pop("<pad>")
    del pad
    filler = OPUS_MT_SIZE["vocab_size"] - len(vocab) - 1
    vocab.update({f"▁filler{i}": len(vocab) + i for i in range(filler)})
    vocab["<pad>"] = len(vocab)  # OPUS-MT puts <pad> last
    (large / "vocab.json").write_text(json.dumps(vocab))
    tokenizer = MarianTokenizer(
        str(large / "source.spm"), str(large / "target.spm"), str(large / "vocab.json"), model_max_length=512
    )
    tokenizer.save_pretrained(large)
    config = MarianConfig(
        **OPUS_MT_SIZE,
        decoder_vocab_size=OPUS_MT_SIZE["vocab_size"],
        max_position_embeddings=512,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
        share_encoder_decoder_embeddings=True,
    )
    model = MarianMTModel(config)
    model.generation_config.num_beams = 4
    model.save_pretrained(large)
    return large, tiny


def build_summariser(tiny: dict[str, Path], folder: Path, role: str, size: dict) -> Path:
    """A summariser of a default model's size (BARThez: mBART, DistilBART: BART), its tiny tokenizer padded to size."""
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer

    large = folder / f"{role}-size"
    tokenizer = AutoTokenizer.from_pretrained(tiny[role], model_max_length=1024)
    # Filler tokens bring the vocabulary to the real size: the output layer is much of the cost.
    tokenizer.add_tokens([f"filler{i}" for i in range(size["vocab_size"] - len(tokenizer))])
    tokenizer.save_pretrained(large)
    small = AutoConfig.from_pretrained(tiny[role])
    special = ("bos_token_id", "pad_token_id", "eos_token_id", "decoder_start_token_id")
    ids = {key: getattr(small, key) for key in special}
    config = type(small)(**size, max_position_embeddings=1024, **ids)
    model = AutoModelForSeq2SeqLM.from_config(config)
    model.generation_config.num_beams = 4
    model.save_pretrained(large)
    return large


def cpu_description() -> str:
    """The processor and whether it has the int8 dot-product instructions CTranslate2's int8 speed depends on."""
    name, flags = "unknown CPU", set()
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []:
        key, _, value = line.partition(":")
        if key.strip() == "model name":
            name = value.strip()
        elif key.strip() == "flags":
            flags = set(value.split())
    vnni = sorted(flags & {"avx512_vnni", "avx_vnni", "amx_int8"})
    isa = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
    return f"{name}, {isa}, int8 dot product (VNNI/AMX): {', '.join(vnni) or 'none'}"


def worker(
    model: str, backend: str, batch: int, beam: int, new_tokens: int, inputs: int, role: str, executor: str
) -> None:
    """Runs in its own process: translate or summarise, print one JSON line of figures.

    ``executor`` is ``local`` (threads: the physical cores), ``local:T`` (T threads) or
    ``ray:AxT`` (a local Ray started here, A actors of T threads each).
    """
    from core.corpus import read_corpus
    from core.models.chunking import chunk_sentences
    from core.models.loader import load_model
    from core.models.settings import resolve_settings

    config = Path(tempfile.mkdtemp()) / "brief.toml"
    name, _, shape = executor.partition(":")
    toml = f'backend = "{backend}"\nexecutor = "{name}"\n'
    if name == "local" and shape:
        toml += f"threads = {int(shape)}\n"
    toml += f"[generation]\nbatch_size = {batch}\nnum_beams = {beam}\n"
    toml += f"max_new_tokens = {new_tokens}\nmin_new_tokens = {new_tokens}\n"
    if name == "ray":
        actors, threads = shape.split("x")
        toml += f"[ray]\nconcurrency = {int(actors)}\nthreads_per_actor = {int(threads)}\n"
    config.write_text(toml)
    settings = resolve_settings([f"{role}={model}"], config_file=config, environ={})
    loaded = load_model(settings, role)
    articles = read_corpus(ROOT / "corpus").articles
    if role == "fr-en":
        sentences = [s.text for a in articles for s in a.summarisable_sentences][:inputs]
    else:  # summarisation inputs: article chunks of up to 512 tokens, as the pipeline cuts them
        sentences = [
            chunk
            for a in articles
            for chunk in chunk_sentences([s.text for s in a.summarisable_sentences], 512, loaded.count_tokens)
        ][:inputs]
    loaded.generate(sentences[:2])  # load the weights (or start Ray) outside the timed part
    started = time.perf_counter()
    outputs = loaded.generate(sentences[2:])
    seconds = time.perf_counter() - started
    produced = sum(len(loaded.tokenizer(o, add_special_tokens=False)["input_ids"]) for o in outputs)
    peak_mb = _peak_resident_mb()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "inputs": len(outputs),
                "tokens": len(outputs) * new_tokens,
                "decoded_tokens": produced,
                "peak_mb": peak_mb,
                "backend": loaded.backend,
            }
        )
    )


def _peak_resident_mb() -> float:
    """This process's own peak resident memory (VmHWM starts afresh at exec, unlike ru_maxrss)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_worker(
    model: Path,
    backend: str,
    batch: int,
    args,
    role: str = "fr-en",
    inputs: int | None = None,
    executor: str = "local",
) -> dict:
    cache = tempfile.mkdtemp(prefix="bench-cache-")
    env = {**os.environ, "BRIEF_CACHE_DIR": cache, "HF_HUB_OFFLINE": "1"}
    if backend == "ctranslate2":
        # Convert beforehand, in another process: the conversion's memory is not the run's.
        convert = "from core.models.backends.ctranslate2 import convert; from pathlib import Path; "
        convert += f"convert({str(model)!r}, Path({str(model)!r}), 'local', 'int8')"
        subprocess.run([sys.executable, "-c", convert], env=env, check=True, capture_output=True)
    command = [
        sys.executable,
        __file__,
        "--worker",
        str(model),
        backend,
        str(batch),
        str(args.beam),
        str(args.new_tokens),
        str((inputs or args.inputs) + 2),
        role,
        executor,
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def time_build(tiny: dict[str, Path], out: Path, cache: Path) -> float:
    models = [arg for role, path in tiny.items() for arg in ("--model", f"{role}={path}")]
    env = {**os.environ, "BRIEF_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    subprocess.run(
        [
            str(Path(sys.executable).parent / "brief"),
            "build",
            "--corpus",
            str(ROOT / "corpus"),
            "--out",
            str(out),
            "-q",
            *models,
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=24)
    parser.add_argument("--new-tokens", type=int, default=32)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--summary-inputs", type=int, default=6)
    parser.add_argument("--executor-inputs", type=int, default=96)
    parser.add_argument(
        "--sections",
        default="backends,executors,build",
        help="Comma-separated: backends (the tables), executors (local vs ray), build (brief build timings), "
        "generation (brief translate's batches, generation alone per backend and CTranslate2 setting).",
    )
    parser.add_argument(
        "--folder", type=Path, help="Where the models are built (kept; an existing one is reused by generation)."
    )
    parser.add_argument(
        "--variants",
        default=",".join(GENERATION_VARIANTS),
        help=f"generation section: CTranslate2 settings to try, of {', '.join(GENERATION_VARIANTS)}.",
    )
    parser.add_argument("--worker", nargs=8, help=argparse.SUPPRESS)
    parser.add_argument("--record", help=argparse.SUPPRESS)
    parser.add_argument("--replay", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.record or args.replay:
        (record_worker if args.record else replay_worker)(json.loads(args.record or args.replay))
        return
    if args.worker:
        model, backend, batch, beam, new_tokens, inputs, role, executor = args.worker
        worker(model, backend, int(batch), int(beam), int(new_tokens), int(inputs), role, executor)
        return
    sections = set(args.sections.split(","))

    folder = args.folder or Path(tempfile.mkdtemp(prefix="brief-bench-"))
    large = folder / "opus-size-fr-en"
    if sections == {"generation"} and (large / "config.json").is_file():
        print(cpu_description())  # the model of an earlier run (--folder) serves: nothing else is needed
        generation_section(args, large)
        return
    large, tiny = build_models(folder)
    summarisers = {
        role: build_summariser(tiny, folder, role, size)
        for role, size in (("summarize-fr", BARTHEZ_SIZE), ("summarize-en", DISTILBART_CNN_SIZE))
    }
    print(cpu_description())
    if "backends" in sections:
        backends_section(args, large, summarisers)
    if "executors" in sections:
        executors_section(args, large)
    if "build" in sections:
        build_section(tiny, folder)
    if "generation" in sections:
        generation_section(args, large)


def backends_section(args, large: Path, summarisers: dict[str, Path]) -> None:
    """transformers one at a time, transformers batched and CTranslate2 int8 batched, for each task."""
    print(
        f"{os.cpu_count()} CPUs; random weights of the default models' sizes; beam {args.beam}; "
        f"{args.new_tokens} target tokens forced per input"
    )
    print(f"{'configuration':52} {'tokens/s':>9} {'vs batched':>10} {'peak MB':>8}")
    for task, model, role, count in [
        (f"translation, opus-mt-fr-en size, {args.inputs} sentences", large, "fr-en", args.inputs),
        (
            f"summarisation, BARThez size, {args.summary_inputs} chunks of 512 tokens",
            summarisers["summarize-fr"],
            "summarize-fr",
            args.summary_inputs,
        ),
        (
            f"summarisation, DistilBART-CNN size, {args.summary_inputs} chunks of 512 tokens",
            summarisers["summarize-en"],
            "summarize-en",
            args.summary_inputs,
        ),
    ]:
        print(task)
        rows = [
            ("  transformers fp32, one at a time", run_worker(model, "transformers", 1, args, role, count)),
            (
                f"  transformers fp32, batch {args.batch}",
                run_worker(model, "transformers", args.batch, args, role, count),
            ),
            (
                f"  ctranslate2 int8, batch {args.batch}",
                run_worker(model, "ctranslate2", args.batch, args, role, count),
            ),
        ]
        batched = rows[1][1]["tokens"] / rows[1][1]["seconds"]
        for label, figures in rows:
            speed = figures["tokens"] / figures["seconds"]
            print(f"{label:52} {speed:9.1f} {speed / batched:9.2f}x {figures['peak_mb']:8.0f}")


def executors_section(args, model: Path) -> None:
    """The local executor against the ray executor on this machine, and what that predicts for a cluster.

    Each ray row is one ``generate`` call, as ``brief translate`` makes: it builds the
    Dataset, starts the actors (each loads the model) and streams the results back. A
    second ray run with a single batch gives that fixed cost, so the difference is the
    actors' steady throughput.
    """
    count = args.executor_inputs
    print(f"executors: translation, opus-mt-fr-en size, CTranslate2 int8, {count} sentences, batch {args.batch}")
    print(f"{'configuration':52} {'tokens/s':>9} {'seconds':>10} {'peak MB':>8}")
    runs = {}
    for label, spec, inputs in [
        ("  local, threads = physical cores", "local", count),
        ("  local, 1 thread", "local:1", count),
        ("  ray, 1 actor x 2 threads", "ray:1x2", count),
        ("  ray, 2 actors x 1 thread", "ray:2x1", count),
        ("  ray, 2 actors x 1 thread, one batch (fixed cost)", "ray:2x1", args.batch),
    ]:
        figures = run_worker(model, "ctranslate2", args.batch, args, "fr-en", inputs, spec)
        runs[label] = figures
        speed = figures["tokens"] / figures["seconds"]
        print(f"{label:52} {speed:9.1f} {figures['seconds']:10.1f} {figures['peak_mb']:8.0f}")
    full, fixed = runs["  ray, 2 actors x 1 thread"], runs["  ray, 2 actors x 1 thread, one batch (fixed cost)"]
    per_actor = (full["tokens"] - fixed["tokens"]) / max(full["seconds"] - fixed["seconds"], 1e-9) / 2
    tokens_per_article = _target_tokens_per_article(model)
    print(
        f"per 1-thread actor: {per_actor:.0f} target tokens/s steady, {fixed['seconds']:.1f} s fixed cost per call; "
        f"an article of the corpus is {tokens_per_article:.0f} tokens"
    )
    total = 100_000 * tokens_per_article
    for nodes in (1, 4, 16):
        hours = (total / (per_actor * 16 * nodes) + fixed["seconds"]) / 3600
        print(
            f"  estimate: 100,000 articles on {nodes:2} node(s) of 16 cores (16 actors x 1 thread each): {hours:.1f} h"
        )
    print(
        "  (assumes throughput grows with cores, target as long as source, beam 4, int8 on these cores' ISA;"
        " real models stop at their end token, often sooner)"
    )


def _target_tokens_per_article(model: Path) -> float:
    """Mean tokens per corpus article (the model's tokenizer): target length taken as the source's."""
    from transformers import AutoTokenizer

    from core.corpus import read_corpus

    tokenizer = AutoTokenizer.from_pretrained(model)
    articles = read_corpus(ROOT / "corpus").articles
    sentences = [[s.text for s in a.summarisable_sentences] for a in articles]
    return sum(len(tokenizer(s)["input_ids"]) for text in sentences for s in text) / len(articles)


GENERATION_VARIANTS = {
    # name: (label, compute type, intra threads, inter threads (0: the physical cores), how the batches are sent)
    "transformers": ("transformers generate, fp32, our batches", "", 0, 0, ""),
    "transformers-1thread": ("transformers generate, fp32, our batches, 1 thread", "", 1, 0, ""),
    "baseline": ("CTranslate2 int8, one batch at a time on every core (before)", "int8", 0, 1, "batches"),
    "int8_float32": ("compute_type int8_float32", "int8_float32", 0, 1, "batches"),
    "float32": ("compute_type float32 (float32 conversion)", "float32", 0, 1, "batches"),
    "intra1": ("1 thread", "int8", 1, 1, "batches"),
    "inter2": ("a batch per core at once, 1 thread each (default now)", "int8", 1, 0, "asynchronous"),
    "inter2-intra2": ("a batch per core at once, 2 threads each (oversubscribed)", "int8", 2, 0, "asynchronous"),
    "onecall": ("one translate_batch for all, max_batch_size 16", "int8", 0, 1, "onecall"),
    "onecall-inter2": ("one translate_batch for all, batch 16, a batch per core", "int8", 1, 0, "onecall"),
    "iterable": ("translate_iterable, max_batch_size 16", "int8", 0, 1, "iterable"),
    "tokens": ("one translate_batch, batch_type tokens, 2048", "int8", 0, 1, "tokens"),
    "unsorted": ("batches of 16 in shuffled order (no length sort)", "int8", 0, 1, "unsorted"),
}


def record_worker(spec: dict) -> None:
    """In its own process: `brief translate` of corpus/, every batch the model is handed recorded with its time."""
    from brief.cli import main as brief_main
    from core.models.executors.local import LocalExecutor

    recorded = []
    run = LocalExecutor.run

    def recording(self, model, batches):
        """Each batch handed to the executor, and the time spent inside it (generation) per call."""
        call = {"role": model.role, "batches": [list(texts) for texts in batches], "seconds": 0.0}
        recorded.append(call)
        results = run(self, model, batches)
        while True:
            started = time.perf_counter()
            result = next(results, None)
            call["seconds"] += time.perf_counter() - started
            if result is None:
                return
            yield result

    LocalExecutor.run = recording
    cpu, started_load, started = _cpu_seconds(), _load(), time.perf_counter()
    arguments = ["translate", "-q", "--corpus", str(ROOT / "corpus"), "--out", spec["out"], "--config", spec["config"]]
    arguments += ["--model", f"fr-en={spec['model']}", "--model", f"en-fr={spec['model']}"]
    try:
        brief_main(arguments, standalone_mode=False)
    except SystemExit as exc:  # 4: written, something incomplete (a random model's output)
        if exc.code not in (None, 0, 4):
            raise
    figures = {"wall": time.perf_counter() - started, "cpu": _cpu_seconds() - cpu, "load": [started_load, _load()]}
    batches = [{"role": call["role"], "texts": texts} for call in recorded for texts in call["batches"]]
    in_executor = sum(call["seconds"] for call in recorded)
    recorded_at = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    Path(spec["batches"]).write_text(
        json.dumps({"batches": batches, "in_executor": in_executor, "recorded_at": recorded_at, **figures})
    )


def replay_worker(spec: dict) -> None:
    """In its own process: the recorded batches generated again, generation alone timed; one JSON line."""
    from core.models.loader import load_model
    from core.models.settings import resolve_settings

    batches = [b["texts"] for b in json.loads(Path(spec["batches"]).read_text())["batches"]]
    settings = resolve_settings([f"fr-en={spec['model']}"], config_file=Path(spec["config"]), environ={})
    model = load_model(settings, "fr-en")
    if spec["variant"].startswith("transformers"):
        figures, outputs = _replay_transformers(model, batches, GENERATION_VARIANTS[spec["variant"]][2])
    else:
        figures, outputs = _replay_ctranslate2(model, batches, spec["variant"], spec["model"])
    if spec.get("outputs"):
        Path(spec["outputs"]).write_text(json.dumps(outputs))
    print(json.dumps(figures))


def _replay_transformers(model, batches: list[list[str]], threads: int) -> tuple[dict, list]:
    import torch

    from core.models.seq2seq import BATCHING_SETTINGS

    if threads:
        torch.set_num_threads(threads)
    options = {k: v for k, v in model.overrides.items() if k not in BATCHING_SETTINGS}
    encoded = [model.tokenizer(texts, return_tensors="pt", padding=True) for texts in batches]
    with torch.inference_mode():
        model.model.generate(**model.tokenizer(batches[0][:2], return_tensors="pt", padding=True), **options)
        cpu, started_load, started = _cpu_seconds(), _load(), time.perf_counter()
        generated = [model.model.generate(**batch, **options) for batch in encoded]
        wall = time.perf_counter() - started
    outputs = [row.tolist() for batch in generated for row in batch]
    return {
        "wall": wall,
        "cpu": _cpu_seconds() - cpu,
        "load": [started_load, _load()],
        "threads": torch.get_num_threads(),
    }, outputs


def _replay_ctranslate2(model, batches: list[list[str]], variant: str, source: str) -> tuple[dict, list]:
    import random

    import ctranslate2

    from core.models.backends.ctranslate2 import convert, decoding_options, physical_cores

    _, compute, intra, inter, mode = GENERATION_VARIANTS[variant]
    folder = model.converted
    if compute == "float32":
        folder = convert(model.name, Path(source), model.revision, "float32")
    translator = ctranslate2.Translator(
        str(folder),
        device="cpu",
        compute_type=compute,
        intra_threads=intra or physical_cores(),
        inter_threads=inter or physical_cores(),
    )
    options = decoding_options(model)
    prepared = time.perf_counter()
    tokens = [[model.tokenizer.convert_ids_to_tokens(model.token_ids(text)) for text in texts] for texts in batches]
    tokenising = time.perf_counter() - prepared
    flat = [t for batch in tokens for t in batch]
    if mode == "unsorted":
        order = list(range(len(flat)))
        random.Random(0).shuffle(order)
        tokens = [[flat[i] for i in order[first : first + 16]] for first in range(0, len(order), 16)]
    translator.translate_batch(tokens[0][:2], **options)  # threads started, memory allocated
    cpu, started_load, started = _cpu_seconds(), _load(), time.perf_counter()
    if mode in ("batches", "unsorted"):
        results = [r for batch in tokens for r in translator.translate_batch(batch, **options)]
    elif mode == "asynchronous":
        pending = [translator.translate_batch(batch, asynchronous=True, **options) for batch in tokens]
        results = [r.result() for batch in pending for r in batch]
    elif mode == "onecall":
        results = translator.translate_batch(flat, max_batch_size=16, **options)
    elif mode == "iterable":
        results = list(translator.translate_iterable(iter(flat), max_batch_size=16, **options))
    else:  # tokens
        results = translator.translate_batch(flat, max_batch_size=2048, batch_type="tokens", **options)
    wall = time.perf_counter() - started
    figures = {"wall": wall, "cpu": _cpu_seconds() - cpu, "load": [started_load, _load()]}
    hypotheses = [r.hypotheses[0] for r in results]
    if mode == "unsorted":
        restored: list = [None] * len(flat)
        for position, index in enumerate(order):
            restored[index] = hypotheses[position]
        hypotheses = restored
    decoding = time.perf_counter()
    for hypothesis in hypotheses:
        model.tokenizer.decode(model.tokenizer.convert_tokens_to_ids(hypothesis), skip_special_tokens=True)
    figures.update(tokenising=tokenising, decoding=time.perf_counter() - decoding)
    return figures, hypotheses


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _load() -> float:
    return os.getloadavg()[0]


def generation_section(args, large: Path) -> None:
    """Where `brief translate`'s end-to-end ratio goes: generation alone, on the very batches it makes.

    The batches are recorded once per folder, beam and length (``<folder>/generation``) and
    reused by later runs, so rows of different runs compare the same work.
    """
    work = large.parent / "generation"
    work.mkdir(exist_ok=True)
    env = {**os.environ, "BRIEF_CACHE_DIR": str(work / "cache"), "HF_HUB_OFFLINE": "1"}
    config = work / "translate.toml"
    toml = f"[generation]\nnum_beams = {args.beam}\nmax_new_tokens = {args.new_tokens}\n"
    config.write_text(toml + f"min_new_tokens = {args.new_tokens}\n")
    (work / "transformers.toml").write_text('backend = "transformers"\n' + config.read_text())
    model = str(large)

    def worker(flag: str, spec: dict) -> dict:
        command = [sys.executable, __file__, flag, json.dumps({"model": model, **spec})]
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        if result.returncode:
            raise SystemExit(f"{flag} {spec} failed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1]) if flag == "--replay" else {}

    batches_file = work / f"batches-beam{args.beam}-tokens{args.new_tokens}.json"
    if not batches_file.is_file():
        # A first translate, its outputs discarded: the conversion and tokenizer record exist before the timed one.
        worker("--record", {"out": str(work / "out0"), "config": str(config), "batches": str(work / "first.json")})
        shutil.rmtree(work / "cache" / "generations", ignore_errors=True)
        shutil.rmtree(work / "out", ignore_errors=True)
        worker("--record", {"out": str(work / "out"), "config": str(config), "batches": str(batches_file)})
    recorded = json.loads(batches_file.read_text())
    sizes = [len(b["texts"]) for b in recorded["batches"]]
    in_batches = recorded["in_executor"]
    print(
        f"brief translate of corpus/ in-process, CTranslate2 int8, beam {args.beam}, {args.new_tokens} tokens forced "
        f"(recorded {recorded.get('recorded_at', '?')}): {recorded['wall']:.1f} s wall, "
        f"{recorded['cpu']:.1f} s CPU, load {recorded['load'][0]:.2f}->{recorded['load'][1]:.2f}; {len(sizes)} "
        f"batches ({sum(sizes)} inputs, sizes {sorted(sizes)}); {in_batches:.1f} s generating (in the executor), "
        f"{recorded['wall'] - in_batches:.1f} s outside"
    )
    print(f"{'generation alone, the same inputs':60} {'wall s':>7} {'CPU s':>7} {'tokens/s':>9}  TF/this    same")
    print(f"{'':60} {'':>7} {'':>7} {'':>9} wall   CPU output   load")
    tokens = sum(sizes) * args.new_tokens
    rows = {}
    for name in args.variants.split(","):
        on_transformers = name.startswith("transformers")
        spec = {"config": str(work / ("transformers.toml" if on_transformers else "translate.toml"))}
        spec.update(batches=str(batches_file), variant=name, outputs=str(work / f"outputs-{name}.json"))
        rows[name] = figures = worker("--replay", spec)
        same = ""
        if not on_transformers and name != "baseline" and (work / "outputs-baseline.json").is_file():
            mine = json.loads((work / f"outputs-{name}.json").read_text())
            reference = json.loads((work / "outputs-baseline.json").read_text())
            same = f"{sum(a == b for a, b in zip(mine, reference, strict=True))}/{len(reference)}"
        reference_row = rows.get("transformers-1thread" if name == "intra1" else "transformers")
        ratio = (
            ""
            if reference_row is None
            else (f"{reference_row['wall'] / figures['wall']:5.2f}x {reference_row['cpu'] / figures['cpu']:5.2f}x")
        )
        print(
            f"  {GENERATION_VARIANTS[name][0]:58} {figures['wall']:7.1f} {figures['cpu']:7.1f} "
            f"{tokens / figures['wall']:9.1f} {ratio:13} {same:>7}  {figures['load'][0]:.2f}->{figures['load'][1]:.2f}"
        )
        if name == "baseline":
            print(
                f"    (tokenising the inputs {figures['tokenising']:.2f} s, decoding the outputs "
                f"{figures['decoding']:.2f} s: outside the timed generation)"
            )
    print("(the 1-thread CTranslate2 row is compared with the 1-thread transformers row)")


def build_section(tiny: dict[str, Path], folder: Path) -> None:
    cache = folder / "cache"
    cold = time_build(tiny, folder / "out", cache)
    cached = time_build(tiny, folder / "out", cache)
    baseline_started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import brief.cli"], check=True)
    start_up = time.perf_counter() - baseline_started
    print(
        f"brief build on corpus/ (tiny models): cold {cold:.1f} s, cached {cached:.1f} s "
        f"(interpreter and imports alone: {start_up:.1f} s)"
    )


if __name__ == "__main__":
    main()
