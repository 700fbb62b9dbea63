"""``memory.tmx``: every sentence pair as a TMX 1.4b translation memory, for CAT tools."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version

TMX_LANG = {"fr": "fr-FR", "en": "en-US"}
# Characters XML 1.0 cannot carry. The reader removes them from articles; model output is not ours to trust.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def render_tmx(pairs: Iterable[tuple[str, str, str, str]], source_lang: str = "fr") -> str:
    """``pairs``: (source language, source text, target language, target text), de-duplicated here."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "bilingual-brief",
            "creationtoolversion": _version(),
            "segtype": "sentence",
            "o-tmf": "bilingual-brief",
            "adminlang": "en-US",
            "srclang": TMX_LANG[source_lang],
            "datatype": "plaintext",
            "creationdate": dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
        },
    )
    body = ET.SubElement(root, "body")
    for source_lang_, source, target_lang, target in sorted(set(pairs)):
        unit = ET.SubElement(body, "tu")
        for lang, text in ((source_lang_, source), (target_lang, target)):
            variant = ET.SubElement(unit, "tuv", {"xml:lang": TMX_LANG[lang]})
            ET.SubElement(variant, "seg").text = _NOT_XML.sub("", text)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _version() -> str:
    try:
        return version("bilingual-brief")
    except PackageNotFoundError:
        return "unknown"
