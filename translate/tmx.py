"""``memory.tmx``: every sentence pair as a TMX 1.4b translation memory, for CAT tools.

Units come in document order (file by file, sentence by sentence), each with its
context as ``<prop>`` elements: the source file (``x-file``) and the passage id
(``x-passage``, as in ``summaries.json`` and the glossary). Locales come from the
configuration (``[locales]`` in ``brief.toml``; default ``fr-FR`` and ``en-GB``).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version

DEFAULT_LOCALES = {"fr": "fr-FR", "en": "en-GB"}
Pair = tuple[str, str, str, str, str, str]
"""(source file name, passage id, source language, source text, target language, target text)."""
# Characters XML 1.0 cannot carry. The reader removes them from articles; model output is not ours to trust.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def render_tmx(pairs: Iterable[Pair], locales: Mapping[str, str] | None = None) -> str:
    """``pairs`` in document order; a pair met again (same texts, same file and passage) is written once."""
    locales = {**DEFAULT_LOCALES, **(locales or {})}
    pairs = list(dict.fromkeys(pairs))
    source_lang = pairs[0][2] if pairs else "fr"
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "bilingual-brief",
            "creationtoolversion": _version(),
            "segtype": "sentence",
            "o-tmf": "bilingual-brief",
            "adminlang": "en-GB",
            # Several directions in one memory: the header cannot name a single source language.
            "srclang": locales[source_lang] if len({p[2] for p in pairs}) <= 1 else "*all*",
            "datatype": "plaintext",
            "creationdate": dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
        },
    )
    body = ET.SubElement(root, "body")
    for file_name, passage, source_lang_, source, target_lang, target in pairs:
        unit = ET.SubElement(body, "tu", {"srclang": locales[source_lang_]})
        ET.SubElement(unit, "prop", type="x-file").text = file_name
        if passage:
            ET.SubElement(unit, "prop", type="x-passage").text = passage
        for lang, text in ((source_lang_, source), (target_lang, target)):
            variant = ET.SubElement(unit, "tuv", {"xml:lang": locales[lang]})
            ET.SubElement(variant, "seg").text = _NOT_XML.sub("", text)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _version() -> str:
    try:
        return version("bilingual-brief")
    except PackageNotFoundError:
        return "unknown"
