"""CTranslate2 settings on this CPU: which GEMM library, thread split, batch size and compute type is fastest.

    .venv/bin/python benchmarks/ctranslate2_settings.py [--inputs 48]

Builds the opus-mt-fr-en-size Marian of ``backends.py`` (random weights), converts it to
CTranslate2 int8 and float32, and translates the first N corpus sentences (sorted by
length, beam 4 unless said, 32 target tokens forced) under each setting, each in a fresh
process (environment variables such as ``CT2_USE_MKL`` are read at start-up). Prints
target tokens/s. Nothing here is a test: figures depend on the machine, and this
shared one drifts, so compare rows of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SETTINGS = [
    # label, environment, compute type, intra threads, inter threads, batch, beam
    ("default: oneDNN int8, 2 threads, batch 16", {}, "int8", 2, 1, 16, 4),
    ("Intel MKL int8 (CT2_USE_MKL=1)", {"CT2_USE_MKL": "1"}, "int8", 2, 1, 16, 4),
    ("float32", {}, "float32", 2, 1, 16, 4),
    ("Intel MKL float32", {"CT2_USE_MKL": "1"}, "float32", 2, 1, 16, 4),
    ("int8, 2 batches at once (inter 2 x intra 1)", {}, "int8", 1, 2, 16, 4),
    ("int8, batch 32", {}, "int8", 2, 1, 32, 4),
    ("int8, batch 64", {}, "int8", 2, 1, 64, 4),
    ("int8, OMP_WAIT_POLICY=ACTIVE", {"OMP_WAIT_POLICY": "ACTIVE"}, "int8", 2, 1, 16, 4),
    ("int8, greedy", {}, "int8", 2, 1, 16, 1),
    ("float32, greedy", {}, "float32", 2, 1, 16, 1),
]


def measure(folder: str, model: str, compute: str, intra: int, inter: int, batch: int, beam: int, n: int) -> None:
    """In a fresh process: translate the sentences, print tokens/s."""
    import ctranslate2
    from transformers import AutoTokenizer

    from core.corpus import read_corpus

    tokenizer = AutoTokenizer.from_pretrained(model)
    sentences = [s.text for a in read_corpus(ROOT / "corpus").articles for s in a.summarisable_sentences][:n]
    tokens = sorted((tokenizer.convert_ids_to_tokens(tokenizer.encode(s)) for s in sentences), key=len)
    translator = ctranslate2.Translator(
        folder, device="cpu", compute_type=compute, intra_threads=intra, inter_threads=inter
    )
    options = dict(beam_size=beam, max_decoding_length=32, min_decoding_length=32, max_input_length=512)
    translator.translate_batch(tokens[:2], **options)  # weights in memory, threads started
    started = time.perf_counter()
    for first in range(0, len(tokens), batch * inter):
        translator.translate_batch(tokens[first : first + batch * inter], max_batch_size=batch, **options)
    print(json.dumps({"tokens_per_s": len(tokens) * 32 / (time.perf_counter() - started)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=48)
    parser.add_argument("--measure", nargs=7, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        folder, model, compute, intra, inter, batch, beam = args.measure
        measure(folder, model, compute, int(intra), int(inter), int(batch), int(beam), args.inputs)
        return

    sys.path.insert(0, str(Path(__file__).parent))
    from backends import build_models, cpu_description

    work = Path(tempfile.mkdtemp(prefix="brief-ct2-"))
    os.environ["BRIEF_CACHE_DIR"] = str(work / "cache")
    from core.models.backends.ctranslate2 import convert

    model, _ = build_models(work)
    converted = {compute: convert("bench", model, "local", compute) for compute in ("int8", "float32")}
    print(cpu_description())
    print(f"opus-mt-fr-en size, {args.inputs} sentences, 32 target tokens forced")
    for label, environment, compute, intra, inter, batch, beam in SETTINGS:
        command = [sys.executable, __file__, "--inputs", str(args.inputs), "--measure", str(converted[compute])]
        command += [str(model), compute, str(intra), str(inter), str(batch), str(beam)]
        result = subprocess.run(command, env={**os.environ, **environment}, capture_output=True, text=True, check=True)
        speed = json.loads(result.stdout.strip().splitlines()[-1])["tokens_per_s"]
        print(f"  {label:48} {speed:7.0f} tokens/s")


if __name__ == "__main__":
    main()
