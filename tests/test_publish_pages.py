"""The site's pages for a small hostile corpus: escaping, anchors, term links, the glossary page's data.

The corpus, the glossary (forms carrying ``<script>``, ``&``, quotes) and the HTML tree
are those of ``test_glossary_outputs.py``; the brief is built by hand (no summary), so
these pages show what the site does with untrusted text alone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_glossary_outputs import EN_ARTICLE, FR_ARTICLE, SCRIPT_FORM, build_glossary, occurrences_of, parse_html

from core.corpus import Corpus, read_corpus
from glossary.model import Entry, Glossary
from publish import render_site, write_site
from summarize.pipeline import ArticleBrief, Brief, SummaryPair


def empty_brief(corpus: Corpus) -> Brief:
    return Brief(corpus, "extractive", SummaryPair(), [ArticleBrief(article=a) for a in corpus.articles], {}, {})


def page(corpus: Corpus, glossary: Glossary, name: str) -> str:
    site = render_site(corpus, empty_brief(corpus), glossary, [])
    return {**site.shared, **site.per_article}[name]


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
    write_site(folder, corpus, empty_brief(corpus), glossary, [])
    return folder


# --- site/glossary.html ------------------------------------------------------------------------------


def test_glossary_has_filter_toggle_anchors_and_back_links(out, glossary, corpus):
    text = (out / "site" / "glossary.html").read_text(encoding="utf-8")
    page = parse_html(text)
    assert page.find("html").attrs["lang"] == "fr"
    assert page.find("input", id="filter")
    assert page.find("button", id="lang-toggle")
    for entry in glossary.entries:
        element = page.find(id=entry.id)
        assert "entry" in element.attrs["class"].split()
        for lang, form in (("fr", entry.fr), ("en", entry.en)):
            if form:
                assert element.find("span", class_="form", lang=lang).text == form
        links = element.find_all("a", class_="occurrence")
        assert len(links) == len(entry.occurrences)
        for link, occurrence in zip(links, entry.occurrences, strict=True):
            anchor = occurrence.passage.split("#")[1]
            assert link.attrs["href"] == f"articles/{occurrence.article}.html#{anchor}"
            assert corpus.article(occurrence.article).title in link.text and anchor in link.text
            assert occurrence.quote in link.parent.text
    definition = page.find(id="pbc").find("blockquote", class_="definition")
    assert definition.attrs["lang"] == "fr"
    assert glossary.entries[0].definition.quote in definition.text
    assert page.find(id="azure").find("span", class_="form", lang="en").text == "Azure"


def test_glossary_json_ld_is_a_defined_term_set(out, glossary):
    text = (out / "site" / "glossary.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL)
    assert len(blocks) == 1
    assert not re.search(r"[<>&]", blocks[0])  # nothing in the data can end the element
    data = json.loads(blocks[0])
    assert data["@type"] == "DefinedTermSet"
    terms = data["hasDefinedTerm"]
    assert [t["@type"] for t in terms] == ["DefinedTerm"] * len(glossary.entries)
    assert [t["termCode"] for t in terms] == [e.id for e in glossary.entries]
    assert [t["url"] for t in terms] == [f"#{e.id}" for e in glossary.entries]
    assert terms[0]["name"] == "société d’intérêt public"
    assert {"public benefit corporation", "PBC"} <= set(terms[0]["alternateName"])
    assert terms[0]["description"] == glossary.entries[0].definition.quote
    assert terms[1]["name"] == SCRIPT_FORM
    assert [t["inLanguage"] for t in terms] == ["fr", "fr", "fr", "en"]


def test_glossary_is_self_contained_and_escapes_the_data(out):
    text = (out / "site" / "glossary.html").read_text(encoding="utf-8")
    # Only two script elements: the JSON-LD block and the page's own code.
    assert len(re.findall(r"<script\b", text)) == 2
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;co&#34;" in text
    assert "problem" not in text  # the build's own problems go to build.html, escaped there
    assert "one &lt;problem&gt; &amp; more" in (out / "site" / "build.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.IGNORECASE)
    assert not re.search(r"<link\b|@import|url\(", text, re.IGNORECASE)
    assert "default-src &#39;none&#39;" in text  # the CSP forbids any fetch


# --- site/articles/<id>.html ----------------------------------------------------------------------


def test_article_pages_anchor_every_passage_and_link_each_term_once_per_passage(out, glossary, corpus):
    for article in corpus.articles:
        text = (out / "site" / "articles" / f"{article.id}.html").read_text(encoding="utf-8")
        page = parse_html(text)
        assert page.find("h1").attrs["lang"] == article.lang
        assert page.find("a", href="../index.html") and page.find("a", href="../glossary.html")
        for passage in article.passages:
            element = page.find(id=f"p{passage.index}")
            assert "passage" in element.attrs["class"].split()
            assert element.text == passage.text  # all of it, raw HTML shown as text
        first: dict[tuple[str, str], tuple[int, str]] = {}
        for entry in glossary.entries:
            for o in entry.occurrences:
                if o.article == article.id:
                    first[o.passage, entry.id] = min(
                        first.get((o.passage, entry.id), (o.start, o.text)), (o.start, o.text)
                    )
        expected = sorted((start, entry_id, form) for (_, entry_id), (start, form) in first.items())
        terms = page.find_all("a", class_="term")
        assert [(t.attrs["href"], t.text) for t in terms] == [(f"../glossary.html#{i}", s) for _, i, s in expected]
        assert text.count("<script") == 1 and "<script>alert" not in text  # only the site's own script
        assert "<b>" not in text and "<img" not in text
    fr_page = (out / "site" / "articles" / "accord-fr.html").read_text(encoding="utf-8")
    assert "L’accord &lt;b&gt;PBC&lt;/b&gt; &amp; Microsoft" in fr_page
    assert "&lt;/script&gt; &amp; les &quot;guillemets&quot;" in fr_page
    en_page = (out / "site" / "articles" / "deal-en.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in en_page


def test_a_term_tooltip_gives_the_other_language_form_and_the_kind(out):
    page = parse_html((out / "site" / "articles" / "accord-fr.html").read_text(encoding="utf-8"))
    link = page.find("a", class_="term", href="../glossary.html#pbc")
    assert link.attrs["title"] == "EN : public benefit corporation · sigle"
    page = parse_html((out / "site" / "articles" / "deal-en.html").read_text(encoding="utf-8"))
    link = page.find("a", class_="term", href="../glossary.html#azure")
    assert link.attrs["title"] == "no FR form · named entity"


def test_glossary_entries_are_ordered_by_score_with_an_a_to_z_index(out, glossary):
    page = parse_html((out / "site" / "glossary.html").read_text(encoding="utf-8"))
    terms = [e for e in glossary.entries if e.kind != "entity"]
    shown = [node.attrs["id"] for node in page.find_all("article", class_="entry")]
    assert shown[: len(terms)] == [e.id for e in sorted(terms, key=lambda e: -e.score)]
    index = page.find("section", class_="a-z")
    assert sorted(a.attrs["href"] for a in index.find_all("a")) == sorted(f"#{e.id}" for e in glossary.entries)
    for link in page.find("nav", class_="az").find_all("a"):
        assert page.find(id=link.attrs["href"][1:]).tag == "h3"
    pbc = page.find(id="pbc")
    assert pbc.attrs["data-definition"] == glossary.entries[0].definition.quote


def test_overlapping_terms_are_linked_once(corpus):
    article = corpus.article("accord-fr")
    glossary = Glossary(
        entries=[
            Entry("societe", "société", None, "term", occurrences=occurrences_of(corpus, "société", "accord-fr")),
            Entry("sip", "société d’intérêt public", None, "term", occurrences=occurrences_of(corpus, "société d’")),
        ]
    )
    passage = parse_html(page(corpus, glossary, f"articles/{article.id}.html")).find(id="p2")
    assert [(a.attrs["href"], a.text) for a in passage.find_all("a")] == [
        ("../glossary.html#sip", "société d’"),
        ("../glossary.html#societe", "société"),
    ]
    assert passage.text == article.passage("accord-fr#p2").text


def test_plain_text_articles_are_not_read_as_markdown(tmp_path):
    (tmp_path / "note.txt").write_text(
        "Une note sur la PBC.\n\nLe texte garde ses *astérisques* et [crochets](javascript:alert(1)).\n",
        encoding="utf-8",
    )
    corpus = read_corpus(tmp_path, lang="fr")
    article = corpus.articles[0]
    entry = Entry("pbc", None, None, "acronym", abbreviation="PBC", occurrences=occurrences_of(corpus, "PBC"))
    html = page(corpus, Glossary(entries=[entry]), f"articles/{article.id}.html")
    assert "<em>" not in html and '<a href="javascript' not in html
    assert "*astérisques* et [crochets](javascript:alert(1))." in html
    assert parse_html(html).find("a", class_="term").attrs["href"] == "../glossary.html#pbc"
