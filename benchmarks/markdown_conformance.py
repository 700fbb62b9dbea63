"""Markdown conformance of ``brief translate``: the share of documents whose skeleton comes back intact.

    .venv/bin/python benchmarks/markdown_conformance.py [FOLDER] [--source-lang en] [--model ROLE=PATH]

FOLDER defaults to ``benchmarks/data/``: small Markdown documents we wrote, one construct
each, named ``<construct>--<n>.md``. Every document is translated (EN→FR by default)
with a tiny random model built by ``tests/tiny_models.py`` (gibberish out, the hardest
case for structure), unless ``--model`` names a real one. A document passes when its
translation exists and has the source's markdown-it-py token skeleton (``translate.
segments.skeleton``: every token but the prose, with URLs, labels, code, math and HTML
compared byte for byte); a document with no prose passes when it is copied byte for
byte. Prints the share per construct (the part of the name before ``--``; ``all`` for
other names) and in total.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from core.corpus.frontmatter import split_front_matter  # noqa: E402
from core.models.settings import resolve_settings  # noqa: E402
from translate import translate_files  # noqa: E402
from translate.segments import skeleton  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument("--source-lang", default="en", choices=["en", "fr"])
    parser.add_argument("--model", action="append", default=[], help="ROLE=PATH; default: a tiny random model")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    target = "fr" if args.source_lang == "en" else "en"
    role = f"{args.source_lang}-{target}"
    documents = sorted(p for p in args.folder.rglob("*.md") if p.is_file())
    with tempfile.TemporaryDirectory(prefix="conformance-") as work:
        models = list(args.model)
        if not any(m.startswith(f"{role}=") for m in models):
            from tiny_models import build_tiny_models

            tiny = build_tiny_models(sorted((ROOT / "corpus").glob("*.md")), Path(work) / "models")
            models.append(f"{role}={tiny[role]}")
        settings = resolve_settings(models, environ={})
        flat = Path(work) / "sources"
        flat.mkdir()
        # One flat folder with unique names (public doc trees repeat names such as index.md).
        sources = []
        for number, path in enumerate(documents):
            copy = flat / f"{number:04d}-{path.name}"
            copy.write_bytes(path.read_bytes())
            sources.append((path, copy))
        results = translate_files([c for _, c in sources], Path(work) / "out", settings, target, args.source_lang)
        outcome: dict[str, list[bool]] = defaultdict(list)
        failures = []
        for (original, copy), result in zip(sources, results, strict=True):
            construct = original.stem.split("--")[0] if "--" in original.stem else "all"
            intact = _intact(copy, result)
            outcome[construct].append(intact)
            if not intact:
                failures.append(f"{original}: {result.status} {result.reason} {result.problems}")
    width = max(len(c) for c in outcome)
    for construct, passed in sorted(outcome.items()):
        print(f"{construct:<{width}}  {sum(passed):>3}/{len(passed):<3}  {100 * sum(passed) / len(passed):5.1f} %")
    total = [p for passed in outcome.values() for p in passed]
    print(f"{'total':<{width}}  {sum(total):>3}/{len(total):<3}  {100 * sum(total) / len(total):5.1f} %")
    if args.show_failures:
        print("\n".join(failures))


def _intact(source: Path, result) -> bool:
    if result.status == "copied":
        return result.output.read_bytes() == source.read_bytes()
    if result.status != "translated" or not result.output or not result.output.exists():
        return False
    _, body = split_front_matter(source.read_text(encoding="utf-8"))
    _, translated = split_front_matter(result.output.read_text(encoding="utf-8"))
    return skeleton(translated) == skeleton(body)


if __name__ == "__main__":
    main()
