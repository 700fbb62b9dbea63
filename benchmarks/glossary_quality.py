"""Glossary quality per corpus: acronym pairs, expected terms found, junk at the top, time.

    .venv/bin/python benchmarks/glossary_quality.py                       # every benchmarks/data/glossary/*.gold.toml
    .venv/bin/python benchmarks/glossary_quality.py GOLD.toml [GOLD.toml ...] [--show]

A gold list (TOML, written by a person who read the text, before looking at the output)::

    corpus = "path/to/folder"            # relative to the repository root, or absolute
    [acronyms]
    ABC = "expected expansion|another acceptable expansion"
    [terms]
    expected = ["term|accepted variant", ...]   # terms a terminologist would list
    entities = ["Name", ...]                     # names that are fine as entries
    acceptable = ["phrase", ...]                 # fine as entries, though not expected

Figures:

- acronym pairs: an acronym is right when the entry whose abbreviation it is (in any case:
  "Inrap" and "INRAP" are one), or the acronym entry holding it as a variant, has, among
  its forms and variants, one of the expected expansions;
- expected terms: a gold term is found when some entry has it among its forms or variants;
- junk: the share of the first 30 entries by score that match nothing in the gold list
  (not an acronym or its expansion, a term, an entity or an acceptable phrase). An
  unlisted good entry counts as junk, so the figure errs on the strict side.

Forms are compared case- and accent-insensitively, leading articles dropped and a final
plural ``s``/``x`` on each word ignored. No translator runs (a machine without models
measures the same thing), so pairs the translator would confirm are counted as the
extractor makes them.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.corpus import read_corpus  # noqa: E402
from core.text import fold  # noqa: E402
from glossary import build_glossary  # noqa: E402
from glossary.extract.acronyms import is_acronym  # noqa: E402
from glossary.model import Entry  # noqa: E402

TOP = 30
_LEADING = re.compile(r"^(l|d|le|la|les|the|an?|un|une|des|du)\b\s*", re.I)


def normal(text: str) -> str:
    text = fold(text).replace("’", "'").replace("'", " ' ").replace("-", " ")
    text = _LEADING.sub("", text.strip(" '"))
    return " ".join(re.sub(r"(?<=\w\w)[sx]$", "", word) for word in text.split())


def alternatives(spec: str) -> set[str]:
    return {normal(part) for part in spec.split("|") if part.strip()}


def forms(entry: Entry) -> set[str]:
    texts = [entry.fr, entry.en, entry.abbreviation, *entry.variants]
    return {normal(t) for t in texts if t}


def evaluate(gold_path: Path, show: bool) -> dict:
    gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))
    folder = Path(gold["corpus"])
    folder = folder if folder.is_absolute() else ROOT / folder
    started = time.perf_counter()
    corpus = read_corpus(folder)
    glossary = build_glossary(corpus)
    elapsed = time.perf_counter() - started
    entries = glossary.entries
    by_abbreviation = {fold(e.abbreviation): e for e in entries if e.abbreviation}
    for entry in entries:  # a second acronym of the same long form is one of its entry's variants
        if entry.kind == "acronym":
            for variant in entry.variants:
                if is_acronym(variant):
                    by_abbreviation.setdefault(fold(variant), entry)

    acronyms = gold.get("acronyms", {})
    paired = []
    for acronym, expansion in acronyms.items():
        entry = by_abbreviation.get(fold(acronym))
        if entry is not None and forms(entry) & alternatives(expansion):
            paired.append(acronym)
    all_forms = [forms(e) for e in entries]
    expected = gold.get("terms", {}).get("expected", [])
    found = [term for term in expected if any(alternatives(term) & f for f in all_forms)]

    known: set[str] = set()
    for acronym, expansion in acronyms.items():
        known |= alternatives(acronym) | alternatives(expansion)
    for key in ("expected", "entities", "acceptable"):
        for spec in gold.get("terms", {}).get(key, []) + gold.get(key, []):
            known |= alternatives(spec)
    top = sorted(entries, key=lambda e: -e.score)[:TOP]
    junk = [e for e in top if not forms(e) & known]
    result = {
        "name": gold_path.name.removesuffix(".gold.toml"),
        "articles": len(corpus.articles),
        "entries": len(entries),
        "pairs": (len(paired), len(acronyms)),
        "terms": (len(found), len(expected)),
        "junk": (len(junk), len(top)),
        "seconds": elapsed,
        "english": sum(1 for e in entries if any(corpus.article(o.article).lang == "en" for o in e.occurrences)),
    }
    if show:
        print(f"\n== {result['name']}: problems: {glossary.problems}")
        for entry in top:
            flag = "JUNK" if entry in junk else "    "
            print(f"  {flag} {entry.score:7.2f} {entry.kind:8} {entry.label!r} fr={entry.fr!r} en={entry.en!r}")
        print("  acronyms not paired:", [a for a in acronyms if a not in paired])
        for acronym in acronyms:
            if acronym not in paired and fold(acronym) in by_abbreviation:
                print(f"    {acronym}: {sorted(forms(by_abbreviation[fold(acronym)]))}")
        print("  terms missing:", [t for t in expected if t not in found])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", nargs="*", type=Path)
    parser.add_argument("--show", action="store_true", help="print the first entries, misses and junk")
    args = parser.parse_args()
    golds = args.gold or sorted((ROOT / "benchmarks" / "data" / "glossary").glob("*.gold.toml"))
    rows = [evaluate(path, args.show) for path in golds]
    header = ("corpus", "arts", "entries", "acronym pairs", "expected terms", "junk in top 30", "time")
    print()
    print(
        f"{header[0]:16} {header[1]:>4} {header[2]:>7} {header[3]:>14} {header[4]:>15} {header[5]:>15} {header[6]:>7}"
    )
    for row in rows:
        pairs, terms, junk = row["pairs"], row["terms"], row["junk"]
        print(
            f"{row['name']:16} {row['articles']:>4} {row['entries']:>7} "
            f"{_ratio(*pairs):>14} {_ratio(*terms):>15} {_ratio(*junk):>15} {row['seconds']:>6.1f}s"
        )


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} {100 * part / whole:3.0f}%" if whole else "-"


if __name__ == "__main__":
    main()
