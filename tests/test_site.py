"""The published site (``OUT/site/``) as ``brief build`` writes it, read as files (no browser).

The browser walks, the link crawler, axe and the screenshots are in ``test_site_browser.py``.
"""

from __future__ import annotations

import re
import shutil
import stat
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it.token import Token

from core.corpus import read_corpus
from publish.passages import inline_html
from publish.terms import TermLink, link_terms

CORPUS = Path(__file__).parent.parent / "corpus"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


class _Page(HTMLParser):
    """Links, ids and the text of a page, as a browser would see them (scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a":
            self.links.append(attributes)
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(_text(path))
    return page


def test_every_page_type_is_written_for_every_article_and_translation(site):
    corpus = read_corpus(CORPUS)
    assert {p.name for p in site.iterdir() if p.is_file()} == {"index.html", "glossary.html", "build.html"}
    assert {p.stem for p in (site / "articles").glob("*.html")} == {a.id for a in corpus.articles}
    translated = sorted(p.name[: -len(".en.md")] for p in (site.parent / "translations").glob("*.en.md"))
    assert translated, "the tiny fr-en model translates the French corpus"
    assert sorted(p.name[: -len(".en.html")] for p in (site / "translations").glob("*.en.html")) == translated


def test_every_output_is_readable_by_other_users_under_umask_022(site):
    """A web server runs as another user: every file brief writes must be 0644 (what open() gives under 022)."""
    out = site.parent
    files = [p for p in out.rglob("*") if p.is_file() and p.name != ".brief.lock"]
    assert any(p.suffix == ".html" for p in files) and any(p.suffix == ".json" for p in files)
    modes = {str(p.relative_to(out)): oct(stat.S_IMODE(p.stat().st_mode)) for p in files}
    assert {name: mode for name, mode in modes.items() if mode != oct(0o644)} == {}


def test_home_page_has_both_corpus_summaries_and_every_article_with_its_links(site):
    corpus = read_corpus(CORPUS)
    home = parse(site / "index.html")
    html = _text(site / "index.html")
    hrefs = [link.get("href", "") for link in home.links]
    for article in corpus.articles:
        assert f"articles/{article.id}.html" in hrefs
        assert f"translations/{article.id}.en.html" in hrefs
    assert "glossary.html" in hrefs
    assert any(re.fullmatch(r"articles/[^#]+\.html#p\d+", href) for href in hrefs), "corpus citations link passages"
    assert '<section class="summary-lang lang-fr" lang="fr"' in html
    assert '<section class="summary-lang lang-en" lang="en"' in html


def test_build_notes_stay_off_the_public_pages(site):
    notes = _text(site / "build.html")
    assert "Build notes" in notes and 'name="robots" content="noindex"' in notes
    for page in [site / "index.html", site / "glossary.html", *site.glob("*/*.html")]:
        parsed = parse(page)
        assert "build.html" not in [link.get("href") for link in parsed.links], page
        text = " ".join(parsed.text)
        assert "not available" not in text and "model for role" not in text, page


def test_an_article_page_has_its_brief_passage_anchors_and_a_link_to_its_translation(site):
    corpus = read_corpus(CORPUS)
    article = corpus.articles[0]
    page = parse(site / "articles" / f"{article.id}.html")
    assert {p.anchor for p in article.passages} <= page.ids
    hrefs = [link.get("href", "") for link in page.links]
    assert f"../translations/{article.id}.en.html" in hrefs
    cites = [link["href"] for link in page.links if "cite" in link.get("class", "")]
    assert cites and all(re.fullmatch(r"#p\d+", href) for href in cites)
    assert all(href[1:] in page.ids for href in cites)


def test_a_translation_page_keeps_the_source_anchors_and_links_back(site):
    corpus = read_corpus(CORPUS)
    aligned_pages = 0
    for article in corpus.articles:
        page = parse(site / "translations" / f"{article.id}.en.html")
        translated = read_corpus(site.parent / "translations").article(article.id)
        assert {p.anchor for p in translated.passages} <= page.ids
        hrefs = [link.get("href", "") for link in page.links]
        assert f"../articles/{article.id}.html" in hrefs
        if [p.kind for p in translated.passages] == [p.kind for p in article.passages]:
            aligned = [h for h in hrefs if h.startswith(f"../articles/{article.id}.html#p")]
            assert len(aligned) == len(article.passages)
            aligned_pages += 1
        text = " ".join(page.text)
        assert str(site.parent.parent) not in text and "/tmp/" not in text  # no local model path on a public page
    assert aligned_pages, "the tiny model keeps at least one article's structure"


def test_an_article_links_each_term_once_per_passage(site):
    for page_path in (site / "articles").glob("*.html"):
        html = _text(page_path)
        for passage in re.findall(r'<(?:p|li|h2) class="passage[^"]*" id="p\d+">(.*?)</(?:p|li|h2)>', html, re.S):
            targets = re.findall(r'<a class="term" href="([^"]+)"', passage)
            assert len(targets) == len(set(targets)), passage
    assert any('class="term"' in _text(p) for p in (site / "articles").glob("*.html"))


# --- linking terms in the token stream ------------------------------------------------------------


def _render(text: str, terms: dict[str, str]) -> str:
    links = {form: TermLink(f"glossary.html#{slug}", f"tooltip {slug}") for form, slug in terms.items()}
    return str(inline_html(text, markdown=True, terms=links))


def test_terms_inside_markdown_links_urls_and_emphasis_keep_the_markdown_working():
    html = _render(
        "Voir [le communiqué de Microsoft](https://example.org/microsoft) et **Microsoft** ; https://microsoft.example/x",
        {"Microsoft": "microsoft"},
    )
    assert '<a href="https://example.org/microsoft">le communiqué de Microsoft</a>' in html
    assert '<strong><a class="term" href="glossary.html#microsoft"' in html
    assert "https://microsoft.example/x" in html and "microsoft.example/x</a>" not in html
    assert "**" not in html and "[" not in html


def test_longest_form_wins_and_only_the_first_occurrence_is_linked():
    html = _render("Google Cloud et Google, puis Google Cloud.", {"Google": "google", "Google Cloud": "google-cloud"})
    assert html.count('href="glossary.html#google-cloud"') == 1
    assert html.count('href="glossary.html#google"') == 1
    assert html.index("#google-cloud") < html.index('#google"')


def test_tooltips_are_escaped_attributes_and_no_text_becomes_markup():
    links = {"<b>": TermLink('glossary.html#x"y', 'EN: "quoted" & <tag>')}
    children = [Token("text", "", 0, content="a <b> c")]
    rendered = link_terms(children, links)
    assert [t.type for t in rendered] == ["text", "link_open", "text", "link_close", "text"]
    html = str(inline_html("a <b> c", markdown=False, terms=links))
    assert "&lt;b&gt;</a>" in html and 'title="EN: &quot;quoted&quot; &amp; &lt;tag&gt;"' in html


def test_every_link_on_every_page_resolves_to_a_page_and_an_anchor_of_the_site(site):
    """A crawler over the written files: relative links only (the site never points off itself but to sources)."""
    pages = {page: parse(page) for page in site.rglob("*.html")}
    checked = 0
    for page, parsed in pages.items():
        for link in parsed.links:
            href = link.get("href")
            assert href is not None, f"{page}: a link without href"
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto"):
                continue  # links the articles themselves make (sources); no network here
            assert not parts.scheme and not parts.netloc, f"{page}: {href}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            assert target in {p.resolve() for p in pages}, f"{page.relative_to(site)}: {href} is not a page of the site"
            fragment = unquote(parts.fragment)
            if fragment:
                assert fragment in pages[next(p for p in pages if p.resolve() == target)].ids, (
                    f"{page.relative_to(site)}: {href} names no element"
                )
            checked += 1
    assert checked > 100


def test_every_public_page_is_reachable_from_the_home_page(site):
    seen, queue = set(), [(site / "index.html").resolve()]
    while queue:
        page = queue.pop()
        if page in seen:
            continue
        seen.add(page)
        for link in parse(page).links:
            parts = urlsplit(link["href"])
            if not parts.scheme and parts.path:
                queue.append((page.parent / unquote(parts.path)).resolve())
    everything = {p.resolve() for p in site.rglob("*.html")}
    assert everything - seen == {(site / "build.html").resolve()}


def test_the_site_is_the_same_from_compiled_templates_kept_in_the_cache_damaged_or_not(
    site, model_options, tmp_path, monkeypatch
):
    """Templates are compiled once into the cache; a damaged or unwritable cache only costs time."""
    from click.testing import CliRunner

    from brief.cli import main
    from core.cache import cache_root
    from publish.frame import environment

    compiled = list((cache_root() / "templates").rglob("*.cache"))
    assert compiled, "the site's build keeps its compiled templates in the cache"

    def pages(cache: Path | None) -> dict[str, str]:
        if cache is not None:
            monkeypatch.setenv("BRIEF_CACHE_DIR", str(cache))
        environment.cache_clear()  # a fresh process's environment: templates read back or compiled again
        out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}"
        arguments = ["build", "--engine", "extractive", "--corpus", str(CORPUS), "--out", str(out), "-q"]
        result = CliRunner().invoke(main, [*arguments, *model_options], catch_exceptions=False)
        assert result.exit_code == 0, result.output + result.stderr
        pages = (out / "site").rglob("*.html")
        return {str(p.relative_to(out / "site")): _text(p) for p in pages if p.name != "build.html"}

    expected = {str(p.relative_to(site)): _text(p) for p in site.rglob("*.html") if p.name != "build.html"}
    assert pages(None) == expected  # compiled templates read back
    for path in compiled:
        path.write_bytes(path.read_bytes()[:40])  # cut short
    assert pages(None) == expected
    assert all(path.stat().st_size > 40 for path in compiled)  # compiled again and kept
    # The templates' folder cannot be made (a file is in its way); everything else of the cache is there.
    unwritable = tmp_path / "cache"
    shutil.copytree(cache_root(), unwritable, ignore=shutil.ignore_patterns("templates"))
    (unwritable / "templates").write_text("")
    try:
        assert pages(unwritable) == expected
    finally:
        environment.cache_clear()


def test_a_candidate_seen_once_is_marked_on_the_glossary_page_and_links_no_article_text(site):
    import json

    entries = json.loads(_text(site.parent / "glossary.json"))["entries"]
    candidates = [e["id"] for e in entries if "one-off" in e["evidence"]]
    assert candidates, "the shipped corpus has phrases said once that are only possibly terms"
    glossary_page = _text(site / "glossary.html")
    for entry_id in candidates:
        section = glossary_page.split(f'id="{entry_id}"', 1)[1].split("</article>", 1)[0]
        assert "Candidate" in section or 'data-en="Candidate"' in section
    linked = {
        unquote(urlsplit(link.get("href", "")).fragment)
        for page in (site / "articles").glob("*.html")
        for link in parse(page).links
        if "glossary.html#" in link.get("href", "")
    }
    assert linked and not linked & set(candidates)
    assert "Candidat · Candidate" in _text(site.parent / "glossary.md")
