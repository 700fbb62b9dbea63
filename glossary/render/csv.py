"""``glossary.csv``: French → English pairs, importable as a DeepL glossary.

DeepL refuses a glossary with a repeated source term, an empty side, or entries with
line breaks, tabs or surrounding spaces; so each form is reduced to single spaces with
control characters removed, an entry lacking either form is left out, and only the
first entry for a given French form is kept. A pair whose two sides are the same
("Airbus,Airbus") tells a translator nothing it would not do anyway, so it is
left out unless asked for (``keep_identical``). A phrase seen once whose shape neither
makes it a term nor rules it out (evidence ``one-off``) is left out too: a DeepL glossary
forces its pairs on every translation, which a mere candidate must not do; it stays in
``glossary.json`` and ``glossary.tbx``, marked. :func:`csv_report` counts what was left
out and why, for the command to say. Quoting of commas and quotes is left to the csv
module. UTF-8 without BOM; a ``fr,en`` header line unless ``header`` is False (DeepL's
own format has none).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from glossary.model import Glossary

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class CsvReport:
    rows: int
    identical: int
    """Entries left out because both sides are the same."""
    one_sided: int
    """Entries left out for want of a French or an English form."""
    repeated: int
    """Entries left out because an earlier row has the same French form."""
    unsure: int = 0
    """Entries left out because they are only candidates (evidence ``one-off``)."""

    def describe(self) -> str | None:
        """One line naming what was left out, or None when every entry became a row."""
        reasons = []
        if self.identical:
            reasons.append(f"{self.identical} identical in both languages (--csv-identical keeps them)")
        if self.one_sided:
            reasons.append(f"{self.one_sided} without a French or an English form")
        if self.repeated:
            reasons.append(f"{self.repeated} repeating an earlier French form")
        if self.unsure:
            reasons.append(f"{self.unsure} seen once and only possibly terms (marked in glossary.json and .tbx)")
        if not reasons:
            return None
        left_out = self.identical + self.one_sided + self.repeated + self.unsure
        return f"glossary.csv: {self.rows} rows; {left_out} entries left out: " + ", ".join(reasons)


def clean_cell(text: str | None) -> str:
    """One line, single spaces, no control characters, no surrounding spaces."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def csv_rows(glossary: Glossary, keep_identical: bool = False) -> list[tuple[str, str]]:
    return _rows(glossary, keep_identical)[0]


def csv_report(glossary: Glossary, keep_identical: bool = False) -> CsvReport:
    return _rows(glossary, keep_identical)[1]


def _rows(glossary: Glossary, keep_identical: bool) -> tuple[list[tuple[str, str]], CsvReport]:
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    identical = one_sided = repeated = unsure = 0
    for entry in glossary.entries:
        fr, en = clean_cell(entry.fr), clean_cell(entry.en)
        if not (fr and en):
            one_sided += 1
        elif entry.candidate:
            unsure += 1
        elif fr == en and not keep_identical:
            identical += 1
        elif fr in seen:
            repeated += 1
        else:
            seen.add(fr)
            rows.append((fr, en))
    return rows, CsvReport(len(rows), identical, one_sided, repeated, unsure)


def render_csv(glossary: Glossary, header: bool = True, keep_identical: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(("fr", "en"))
    writer.writerows(csv_rows(glossary, keep_identical))
    return buffer.getvalue()
