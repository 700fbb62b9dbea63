"""``glossary.csv``: French → English pairs, importable as a DeepL glossary.

DeepL refuses a glossary with a repeated source term, an empty side, or entries with
line breaks, tabs or surrounding spaces; so each form is reduced to single spaces with
control characters removed, an entry lacking either form is left out, and only the
first entry for a given French form is kept. Quoting of commas and quotes is left to
the csv module. UTF-8 without BOM, header ``fr,en``.
"""

from __future__ import annotations

import csv
import io
import re

from glossary.model import Glossary

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_cell(text: str | None) -> str:
    """One line, single spaces, no control characters, no surrounding spaces."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def csv_rows(glossary: Glossary) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for entry in glossary.entries:
        fr, en = clean_cell(entry.fr), clean_cell(entry.en)
        if fr and en and fr not in seen:
            seen.add(fr)
            rows.append((fr, en))
    return rows


def render_csv(glossary: Glossary) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("fr", "en"))
    writer.writerows(csv_rows(glossary))
    return buffer.getvalue()
