"""``memory.<src>-<tgt>.xlf``: the sentence pairs as XLIFF 2.1, which CAT tools import directly.

One ``<file>`` per translated source file, one ``<unit>`` per sentence (its ``name`` is
the passage id), each with one ``<segment>`` holding ``<source>`` and ``<target>``.
XLIFF is bilingual, so there is one document per direction.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

from translate.tmx import DEFAULT_LOCALES, Pair

XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
"""XLIFF 2.1 keeps the 2.0 core namespace; the version attribute says 2.1."""


def render_xliff(
    pairs: Iterable[Pair], source_lang: str, target_lang: str, locales: Mapping[str, str] | None = None
) -> str:
    locales = {**DEFAULT_LOCALES, **(locales or {})}
    ET.register_namespace("", XLIFF_NAMESPACE)
    root = ET.Element(
        f"{{{XLIFF_NAMESPACE}}}xliff",
        {"version": "2.1", "srcLang": locales[source_lang], "trgLang": locales[target_lang]},
    )
    files: dict[str, ET.Element] = {}
    for file_name, passage, _, source, _, target in dict.fromkeys(pairs):
        element = files.get(file_name)
        if element is None:
            element = files[file_name] = ET.SubElement(
                root, f"{{{XLIFF_NAMESPACE}}}file", {"id": f"f{len(files) + 1}", "original": file_name}
            )
        number = len(element) + 1
        unit = ET.SubElement(element, f"{{{XLIFF_NAMESPACE}}}unit", {"id": f"u{number}"})
        if passage:
            unit.set("name", passage)
        segment = ET.SubElement(unit, f"{{{XLIFF_NAMESPACE}}}segment", {"id": f"s{number}", "state": "translated"})
        ET.SubElement(segment, f"{{{XLIFF_NAMESPACE}}}source").text = source
        ET.SubElement(segment, f"{{{XLIFF_NAMESPACE}}}target").text = target
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
