"""Glossary outputs: JSON, TBX, CSV and the all-or-nothing write (its site pages: test_publish_pages.py).

The corpus is two small articles written here (one French, one English) and read with
the real reader; the glossary is built by hand from real occurrences found with
``str.find``, with forms that carry ``<script>``, ``&``, quotes, a comma and a line break.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from core.corpus import Corpus, read_corpus
from core.errors import GlossaryError
from glossary.model import Definition, Entry, Glossary, Occurrence
from glossary.render import write_glossary
from glossary.render.csv import render_csv
from glossary.render.json import render_json
from glossary.render.tbx import render_tbx

FR_ARTICLE = """---
id: accord-fr
title: "L’accord <b>PBC</b> & Microsoft"
lang: fr
date: 2025-10-28
---
# Le nouvel accord

OpenAI devient une société d’intérêt public (PBC). Une PBC est une société à mission d’intérêt général.

La balise <script>alert("fr")</script> & les "guillemets" restent du texte.

- Microsoft garde 27 % de la PBC.
"""

EN_ARTICLE = """---
id: deal-en
title: "The OpenAI deal"
lang: en
---
OpenAI became a public benefit corporation (PBC). A PBC is a for-profit company that must pursue a public mission.

Azure & "compute", with <img src=x onerror=alert(1)> inside, stay key.
"""

SCRIPT_FORM = 'balise <script>alert("x")</script> & "co"'
ENTRY_KEYS = {
    "id",
    "fr",
    "en",
    "abbreviation",
    "variants",
    "kind",
    "fr_source",
    "en_source",
    "definition",
    "context",
    "occurrences",
    "entity_type",
    "score",
    "evidence",
    "pairing",
}
TBX = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def occurrences_of(corpus: Corpus, text: str, article_id: str | None = None) -> list[Occurrence]:
    """Every occurrence of ``text`` in the articles' text, with its passage and sentence."""
    found = []
    for article in corpus.articles:
        if article_id and article.id != article_id:
            continue
        start = article.text.find(text)
        while start >= 0:
            end = start + len(text)
            passage = next(p for p in article.passages if p.start <= start and end <= p.end)
            quote = next(s.text for s in passage.sentences if s.start <= start < s.end)
            found.append(Occurrence(article.id, passage.id, start, end, text, quote))
            start = article.text.find(text, end)
    return found


def build_glossary(corpus: Corpus) -> Glossary:
    pbc = occurrences_of(corpus, "PBC")
    definition = next(o for o in pbc if o.quote.startswith("Une PBC est"))
    return Glossary(
        entries=[
            Entry(
                id="pbc",
                fr="société d’intérêt public",
                en="public benefit corporation",
                kind="acronym",
                abbreviation="PBC",
                variants=["PBC", "société d’intérêt public", "public benefit corporation"],
                fr_source="corpus",
                en_source="corpus",
                definition=Definition(definition.quote, definition.passage),
                occurrences=[
                    *occurrences_of(corpus, "société d’intérêt public"),
                    *pbc,
                    *occurrences_of(corpus, "public benefit corporation"),
                ],
                score=3.5,
                evidence=["acronym", "pattern"],
            ),
            Entry(
                id="balise-script",
                fr=SCRIPT_FORM,
                en='script tag,\n with "quotes"',
                kind="term",
                variants=["<script>"],
                fr_source="corpus",
                en_source="model",
                occurrences=occurrences_of(corpus, "<script>"),
                score=1.0,
                evidence=["pattern"],
            ),
            Entry(
                id="pbc-bis",
                fr="  société   d’intérêt\npublic ",
                en="PBC company",
                kind="term",
                en_source="model",
            ),
            Entry(
                id="azure",
                fr=None,
                en="Azure",
                kind="entity",
                entity_type="ORG",
                en_source="corpus",
                occurrences=occurrences_of(corpus, "Azure"),
                evidence=["entity"],
            ),
        ],
        models={"en-fr": {"model": "Helsinki-NLP/opus-mt-en-fr", "revision": "abc123"}},
        settings={"threshold": 0.5},
        problems=["one <problem> & more"],
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "accord-fr.md").write_text(FR_ARTICLE, encoding="utf-8")
    (folder / "deal-en.md").write_text(EN_ARTICLE, encoding="utf-8")
    return read_corpus(folder)


@pytest.fixture(scope="module")
def glossary(corpus: Corpus) -> Glossary:
    return build_glossary(corpus)


@pytest.fixture(scope="module")
def out(corpus: Corpus, glossary: Glossary, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    write_glossary(glossary, corpus, folder)
    return folder


# --- a minimal HTML tree, enough to look elements up by tag, id, class and attribute ---------------


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        def matches(node: Node) -> bool:
            if tag and node.tag != tag:
                return False
            for name, value in attrs.items():
                name = name.rstrip("_")
                if name == "class":
                    if value not in (node.attrs.get("class") or "").split():
                        return False
                elif node.attrs.get(name) != value:
                    return False
            return True

        return [node for node in self.iter() if matches(node)]

    def find(self, tag: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]


class TreeBuilder(HTMLParser):
    VOID = frozenset({"meta", "input", "br", "img", "link", "hr", "wbr", "source", "area", "base", "col", "embed"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text: str) -> Node:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


# --- glossary.json --------------------------------------------------------------------------------


def test_json_round_trips_with_the_documented_keys(out, glossary):
    data = json.loads((out / "glossary.json").read_text(encoding="utf-8"))
    assert list(data) == ["entries", "models", "settings", "problems"]
    assert all(set(item) == ENTRY_KEYS for item in data["entries"])
    assert set(data["entries"][0]["occurrences"][0]) == {"article", "passage", "start", "end", "text", "quote"}
    rebuilt = [
        Entry(
            **{
                **item,
                "definition": Definition(**item["definition"]) if item["definition"] else None,
                "context": Definition(**item["context"]) if item["context"] else None,
                "occurrences": [Occurrence(**o) for o in item["occurrences"]],
            }
        )
        for item in data["entries"]
    ]
    assert rebuilt == glossary.entries
    assert (data["models"], data["settings"], data["problems"]) == (
        glossary.models,
        glossary.settings,
        glossary.problems,
    )
    text = (out / "glossary.json").read_text(encoding="utf-8")
    assert "société d’intérêt public" in text  # ensure_ascii=False
    assert text == render_json(glossary)  # deterministic


# --- glossary.tbx ---------------------------------------------------------------------------------


def test_tbx_is_tbx_basic_dca(out, glossary, corpus):
    text = (out / "glossary.tbx").read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text)
    assert root.tag == f"{TBX}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca", "fr")
    assert root.findtext(f"{TBX}tbxHeader/{TBX}fileDesc/{TBX}sourceDesc/{TBX}p").strip()
    concepts = root.findall(f"{TBX}text/{TBX}body/{TBX}conceptEntry")
    assert [c.get("id") for c in concepts] == [e.id for e in glossary.entries]

    for concept in concepts:
        lang_secs = concept.findall(f"{TBX}langSec")
        assert lang_secs, concept.get("id")
        for lang_sec in lang_secs:
            children = [child.tag for child in lang_sec]
            # Definitions (auxInfo) come before the term sections, and there is at least one term.
            assert f"{TBX}termSec" in children
            assert children == sorted(children, key=lambda tag: tag == f"{TBX}termSec")
            for term_sec in lang_sec.findall(f"{TBX}termSec"):
                tags = [child.tag for child in term_sec]
                assert tags[0] == f"{TBX}term" and term_sec.findtext(f"{TBX}term")
                notes = [i for i, tag in enumerate(tags) if tag == f"{TBX}termNote"]
                groups = [i for i, tag in enumerate(tags) if tag == f"{TBX}descripGrp"]
                assert notes and all(n < g for n in notes for g in groups)
                assert term_sec.find(f"{TBX}termNote[@type='partOfSpeech']").text == "noun"

    pbc = {ls.get(XML_LANG): ls for ls in concepts[0].findall(f"{TBX}langSec")}
    assert set(pbc) == {"fr", "en"}
    fr_terms = {ts.findtext(f"{TBX}term"): ts for ts in pbc["fr"].findall(f"{TBX}termSec")}
    assert list(fr_terms) == ["société d’intérêt public", "PBC"]
    assert fr_terms["PBC"].find(f"{TBX}termNote[@type='termType']").text == "acronym"
    assert fr_terms["société d’intérêt public"].find(f"{TBX}termNote[@type='termType']").text == "fullForm"
    en_terms = [ts.findtext(f"{TBX}term") for ts in pbc["en"].findall(f"{TBX}termSec")]
    assert en_terms == ["public benefit corporation", "PBC"]  # the acronym is used in both languages
    definition = pbc["fr"].find(f"{TBX}descripGrp")
    assert definition.find(f"{TBX}descrip").get("type") == "definition"
    assert definition.findtext(f"{TBX}descrip") == glossary.entries[0].definition.quote
    assert definition.find(f"{TBX}admin[@type='source']").text == glossary.entries[0].definition.passage
    for lang, article_id in (("fr", "accord-fr"), ("en", "deal-en")):
        contexts = pbc[lang].findall(f"{TBX}termSec/{TBX}descripGrp")
        assert contexts, lang
        for group in contexts:
            assert group.find(f"{TBX}descrip").get("type") == "context"
            source = group.find(f"{TBX}admin[@type='source']").text
            assert source.startswith(f"{article_id}#p")
            assert group.findtext(f"{TBX}descrip") in {s.text for s in corpus.passage(source).sentences}

    script = {ls.get(XML_LANG): ls.findtext(f"{TBX}termSec/{TBX}term") for ls in concepts[1].findall(f"{TBX}langSec")}
    assert script == {"fr": SCRIPT_FORM, "en": 'script tag, with "quotes"'}  # escaped, intact after parsing
    azure = concepts[3].findall(f"{TBX}langSec")
    assert [ls.get(XML_LANG) for ls in azure] == ["en"]
    assert text == render_tbx(glossary, corpus)


# --- glossary.csv ---------------------------------------------------------------------------------


def test_csv_is_a_clean_deepl_glossary(out):
    raw = (out / "glossary.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0] == ["fr", "en"]
    body = rows[1:]
    assert body == [
        ["société d’intérêt public", "public benefit corporation"],
        [SCRIPT_FORM, 'script tag, with "quotes"'],
    ]
    sources = [row[0] for row in body]
    assert len(sources) == len(set(sources))
    for row in body:
        assert len(row) == 2
        for cell in row:
            assert cell and cell == cell.strip() and "  " not in cell
            assert "\n" not in cell and "\r" not in cell
    assert raw.decode("utf-8").count("\n") == len(rows)  # no line break inside a cell


def test_csv_of_an_empty_glossary_is_just_the_header():
    assert render_csv(Glossary(entries=[])) == "fr,en\n"


# --- glossary.md ----------------------------------------------------------------------------------


def test_markdown_links_occurrences_per_article_and_escapes(out):
    text = (out / "glossary.md").read_text(encoding="utf-8")
    assert "### PBC" in text
    assert "[p2](site/articles/accord-fr.html#p2)" in text
    assert "[The OpenAI deal](site/articles/deal-en.html): [p1](site/articles/deal-en.html#p1)" in text
    assert r"### balise \<script\>alert(" in text and "<script>" not in text
    assert "- **Occurrences:** _aucune · none_" in text
    assert "## Entités nommées · Named entities" in text


# --- all or nothing -------------------------------------------------------------------------------


def test_a_failed_render_leaves_previous_outputs_intact(corpus, glossary, tmp_path):
    written = write_glossary(glossary, corpus, tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in written} == {
        "glossary.json",
        "glossary.md",
        "glossary.tbx",
        "glossary.csv",
    }
    before = {path: path.read_bytes() for path in written}
    ghost = Entry(
        id="fantome",
        fr="fantôme",
        en="ghost",
        kind="term",
        occurrences=[Occurrence("no-such-article", "no-such-article#p1", 0, 3, "abc", "abc")],
    )
    broken = Glossary(entries=[ghost, *glossary.entries[1:]])
    with pytest.raises(GlossaryError, match="unknown article 'no-such-article'"):
        write_glossary(broken, corpus, tmp_path)
    assert {path: path.read_bytes() for path in written} == before
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == sorted(written)


def test_offsets_that_do_not_match_the_text_are_refused(corpus, glossary, tmp_path):
    good = glossary.entries[0].occurrences[0]
    shifted = Occurrence(good.article, good.passage, good.start + 1, good.end + 1, good.text, good.quote)
    broken = Glossary(entries=[Entry("pbc", "société d’intérêt public", None, "term", occurrences=[shifted])])
    with pytest.raises(GlossaryError, match="the article text at"):
        write_glossary(broken, corpus, tmp_path)
    assert not any(tmp_path.iterdir())
