"""``site/``: the glossary as static HTML pages that work from ``file://`` with no network.

``index.html`` lists every entry under an anchor (its id), with a filter box and a FR/EN
toggle; each occurrence links back to ``articles/<article-id>.html#p<N>``, where the
article is shown passage by passage with glossary terms linked to their entries.

Safety, because article text and model output are untrusted:

- every piece of text we insert is HTML-escaped, every attribute value quoted and escaped;
- article passages go through markdown-it's ``js-default`` preset (raw HTML disabled, so
  it comes out escaped; ``javascript:`` links refused), with images disabled as well, so
  an article cannot make the page fetch anything;
- the JSON-LD block escapes ``<``, ``>`` and ``&``, so no data can close its ``<script>``;
- each page carries a Content-Security-Policy that allows only its own inline style and
  script (by hash) and nothing from anywhere else.

CSS and JavaScript live in ``glossary/render/static`` and are inlined into each page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote

from markdown_it import MarkdownIt

from core.corpus.document import Article, Corpus, Passage
from glossary.model import Entry, Glossary, Occurrence

LANGUAGES = ("fr", "en")
LANGUAGE_NAMES = {"fr": ("français", "French"), "en": ("anglais", "English")}
KIND_LABELS = {"term": ("terme", "term"), "acronym": ("sigle", "acronym"), "entity": ("entité nommée", "named entity")}
SOURCE_LABELS = {"corpus": ("corpus", "corpus"), "model": ("traduction automatique", "machine translation")}
GROUPS = (
    (("Termes et sigles", "Terms and acronyms"), lambda entry: entry.kind != "entity"),
    (("Entités nommées", "Named entities"), lambda entry: entry.kind == "entity"),
)
VISIBLE_OCCURRENCES = 5
"""Occurrences listed openly per entry; the rest are folded in a ``<details>``."""
PASSAGE_TAGS = {"heading": "h2", "list_item": "li"}


def article_page(article_id: str) -> str:
    """Path of an article page, relative to ``site/``."""
    return f"articles/{quote(article_id)}.html"


def passage_href(passage_id: str) -> str:
    """``<article-id>#p3`` → ``articles/<article-id>.html#p3`` (relative to ``site/``)."""
    article_id, anchor = passage_id.split("#", 1)
    return f"{article_page(article_id)}#{quote(anchor)}"


def esc(text: str) -> str:
    """HTML-escaped text, safe in element content and in double-quoted attribute values."""
    return html.escape(text, quote=True)


def script_json(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element nor open a comment or a CDATA section in it."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# --- index.html ---------------------------------------------------------------------------------


def render_index(glossary: Glossary, corpus: Corpus) -> str:
    articles = {article.id: article for article in corpus.articles}
    body: list[str] = []
    for (title_fr, title_en), belongs in GROUPS:
        entries = [entry for entry in glossary.entries if belongs(entry)]
        if not entries:
            continue
        body.append('<section class="group">')
        body.append(f'<h2 class="group-title">{_bilingual(title_fr, title_en)}</h2>')
        body += [_entry_html(entry, articles) for entry in entries]
        body.append("</section>")
    summary_fr = f"{len(glossary.entries)} entrée(s) tirée(s) de {len(corpus.articles)} article(s)"
    summary_en = f"{len(glossary.entries)} entries from {len(corpus.articles)} article(s)"
    problems = "".join(f"<li>{esc(problem)}</li>" for problem in glossary.problems)
    header = f"""<header class="top">
<h1>{_bilingual("Glossaire", "Glossary")}</h1>
<p class="summary">{_bilingual(summary_fr, summary_en)}</p>
<div class="controls" role="search">
<label for="filter">{_bilingual("Filtrer", "Filter")}</label>
<input type="search" id="filter" autocomplete="off" spellcheck="false" placeholder="forme, variante, sigle…"
 data-placeholder-fr="forme, variante, sigle…" data-placeholder-en="form, variant, acronym…">
<button type="button" id="lang-toggle" aria-pressed="false">{_bilingual("English first", "Français d’abord")}</button>
<span id="count" aria-live="polite">{len(glossary.entries)} / {len(glossary.entries)}</span>
</div>
{f'<ul class="problems">{problems}</ul>' if problems else ""}
</header>"""
    no_match = _bilingual("Aucune entrée ne correspond.", "No entry matches.")
    main = "\n".join(
        ['<main id="entries">', *body, f'<p id="no-match" class="no-match" hidden>{no_match}</p>', "</main>"]
    )
    json_ld = f'<script type="application/ld+json">\n{script_json(defined_term_set(glossary, corpus))}\n</script>'
    return _page(
        lang="fr",
        title="Glossaire · Glossary",
        head=json_ld,
        body=f"{header}\n{main}",
        script=_static("site.js"),
    )


def defined_term_set(glossary: Glossary, corpus: Corpus) -> dict[str, Any]:
    """schema.org ``DefinedTermSet`` with one ``DefinedTerm`` per entry (anchors as URLs)."""
    terms = []
    for entry in glossary.entries:
        lang = "fr" if entry.fr else ("en" if entry.en else corpus.majority_lang)
        name = entry.fr or entry.en or entry.label
        alternates = _unique([entry.en if name != entry.en else None, entry.abbreviation, *entry.variants], name)
        term: dict[str, Any] = {
            "@type": "DefinedTerm",
            "@id": f"#{entry.id}",
            "name": name,
            "termCode": entry.id,
            "url": f"#{entry.id}",
            "inLanguage": lang,
        }
        if alternates:
            term["alternateName"] = alternates
        if entry.definition:
            term["description"] = " ".join(entry.definition.quote.split())
        terms.append(term)
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": "#glossary",
        "name": "Glossaire · Glossary",
        "inLanguage": list(LANGUAGES),
        "hasDefinedTerm": terms,
    }


def _entry_html(entry: Entry, articles: dict[str, Article]) -> str:
    searchable = _unique([entry.fr, entry.en, entry.abbreviation, *entry.variants])
    parts = [f'<article class="entry" id="{esc(entry.id)}" data-terms="{esc(chr(10).join(searchable))}">']
    parts.append('<h3 class="forms">' + _forms_html(entry) + "</h3>")
    facts = []
    if entry.abbreviation:
        facts.append((("Abréviation", "Abbreviation"), esc(entry.abbreviation)))
    kind_fr, kind_en = KIND_LABELS.get(entry.kind, (entry.kind, entry.kind))
    kind = _bilingual(kind_fr, kind_en) + (f" · {esc(entry.entity_type)}" if entry.entity_type else "")
    facts.append((("Type", "Kind"), kind))
    if entry.variants:
        facts.append((("Variantes", "Variants"), ", ".join(esc(v) for v in entry.variants)))
    parts.append('<dl class="facts">')
    parts += [f"<dt>{_bilingual(*label)}</dt><dd>{value}</dd>" for label, value in facts]
    parts.append("</dl>")
    sentence = entry.definition or entry.context
    if sentence:
        definition = sentence
        css = "definition" if entry.definition else "context"
        article = articles[definition.passage.split("#", 1)[0]]
        anchor = definition.passage.split("#", 1)[1]
        parts.append(
            f'<blockquote class="{css}" lang="{esc(article.lang)}"><p>{esc(definition.quote)}</p>'
            f'<footer><a href="{esc(passage_href(definition.passage))}">'
            f'<cite lang="{esc(article.lang)}">{esc(article.title)}</cite> · {esc(anchor)}</a></footer></blockquote>'
        )
    parts.append(f"<h4>{_bilingual('Occurrences', 'Occurrences')} ({len(entry.occurrences)})</h4>")
    items = [_occurrence_html(o, articles[o.article]) for o in entry.occurrences]
    parts.append('<ol class="occurrences">' + "".join(items[:VISIBLE_OCCURRENCES]) + "</ol>")
    if len(items) > VISIBLE_OCCURRENCES:
        more = len(items) - VISIBLE_OCCURRENCES
        parts.append(
            f"<details><summary>{_bilingual(f'{more} autre(s)', f'{more} more')}</summary>"
            f'<ol class="occurrences" start="{VISIBLE_OCCURRENCES + 1}">'
            + "".join(items[VISIBLE_OCCURRENCES:])
            + "</ol></details>"
        )
    parts.append("</article>")
    return "\n".join(parts)


def _forms_html(entry: Entry) -> str:
    parts = []
    if entry.abbreviation and entry.abbreviation not in (entry.fr, entry.en):
        parts.append(f'<span class="abbr">{esc(entry.abbreviation)}</span>')
    for lang, form, source in (("fr", entry.fr, entry.fr_source), ("en", entry.en, entry.en_source)):
        tag = f'<abbr class="tag" title="{esc(LANGUAGE_NAMES[lang][1])}">{lang.upper()}</abbr>'
        if form:
            shown = f'<span class="form" lang="{lang}">{esc(form)}</span>'
            if source in SOURCE_LABELS:
                shown += f' <span class="source">({_bilingual(*SOURCE_LABELS[source])})</span>'
        else:
            name_fr, name_en = LANGUAGE_NAMES[lang]
            shown = f'<span class="missing">{_bilingual(f"pas de forme en {name_fr}", f"no {name_en} form")}</span>'
        parts.append(f'<span class="lang-form lang-{lang}">{tag} {shown}</span>')
    return " ".join(parts)


def _occurrence_html(occurrence: Occurrence, article: Article) -> str:
    anchor = occurrence.passage.split("#", 1)[1]
    return (
        f'<li><a class="occurrence" href="{esc(passage_href(occurrence.passage))}">'
        f'<cite lang="{esc(article.lang)}">{esc(article.title)}</cite> · {esc(anchor)}</a> '
        f'<q lang="{esc(article.lang)}">{esc(occurrence.quote)}</q></li>'
    )


def _bilingual(fr: str, en: str) -> str:
    """A UI label in French, switched to English by the toggle (site.js reads ``data-fr``/``data-en``)."""
    return f'<span data-fr="{esc(fr)}" data-en="{esc(en)}">{esc(fr)}</span>'


def _unique(values: Iterable[str | None], *exclude: str | None) -> list[str]:
    seen = {value for value in exclude if value}
    result = []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            result.append(value)
    return result


# --- articles/<id>.html -------------------------------------------------------------------------


def render_article_page(article: Article, glossary: Glossary) -> str:
    """The article passage by passage (``id="p<N>"``), glossary terms linked to the index."""
    links: dict[str, list[tuple[Occurrence, Entry]]] = {}
    for entry in glossary.entries:
        for occurrence in entry.occurrences:
            if occurrence.article == article.id:
                links.setdefault(occurrence.passage, []).append((occurrence, entry))
    back = f'<a href="../index.html">← {_both_languages("Glossaire", "Glossary")}</a>'
    byline = " · ".join(
        [esc(article.date or "sans date · undated"), esc(article.lang), f"source: {esc(article.source)}"]
    )
    lines = [f'<nav class="top">{back}</nav>', "<main>", "<article>", f"<h1>{esc(article.title)}</h1>"]
    lines.append(f'<p class="byline">{byline}</p>')
    in_list = False
    for passage in article.passages:
        tag = PASSAGE_TAGS.get(passage.kind, "p")
        if (tag == "li") != in_list:
            lines.append("<ul>" if tag == "li" else "</ul>")
            in_list = tag == "li"
        content = _passage_html(article, passage, links.get(passage.id, []))
        lines.append(f'<{tag} class="passage {esc(passage.kind)}" id="{esc(passage.anchor)}">{content}</{tag}>')
    if in_list:
        lines.append("</ul>")
    lines += ["</article>", f'<p class="back">{back}</p>', "</main>"]
    return _page(lang=article.lang, title=article.title, head="", body="\n".join(lines), body_class="article-page")


def _passage_html(article: Article, passage: Passage, links: list[tuple[Occurrence, Entry]]) -> str:
    """The passage split at occurrence boundaries: plain segments rendered, terms escaped and linked.

    Overlapping occurrences (``Alphabet`` inside ``Alphabet Inc``) cannot both be links:
    the earliest wins, the longest on a tie.
    """
    text = article.text[passage.start : passage.end]
    render = _render_inline if article.path.suffix.lower() == ".md" else esc
    parts = []
    position = 0
    for occurrence, entry in sorted(links, key=lambda link: (link[0].start, -(link[0].end - link[0].start))):
        start, end = occurrence.start - passage.start, occurrence.end - passage.start
        if start < position:
            continue
        parts.append(render(text[position:start]))
        parts.append(
            f'<a class="term" href="../index.html#{esc(quote(entry.id))}" title="{esc(entry.label)}">'
            f"{esc(text[start:end])}</a>"
        )
        position = end
    parts.append(render(text[position:]))
    return "".join(parts)


def _render_inline(segment: str) -> str:
    return _markdown().renderInline(segment) if segment else ""


@cache
def _markdown() -> MarkdownIt:
    """markdown-it's safe preset (no raw HTML, links validated), without images: nothing to fetch."""
    return MarkdownIt("js-default").disable("image")


def _both_languages(fr: str, en: str) -> str:
    return f'<span lang="fr">{esc(fr)}</span> · <span lang="en">{esc(en)}</span>'


# --- shared page frame --------------------------------------------------------------------------


def _page(*, lang: str, title: str, head: str, body: str, script: str = "", body_class: str = "") -> str:
    style = _static("site.css")
    policy = ["default-src 'none'", f"style-src '{_sha256(style)}'", "base-uri 'none'", "form-action 'none'"]
    if script:
        policy.insert(2, f"script-src '{_sha256(script)}'")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{esc(lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{esc("; ".join(policy))}">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{esc(title)}</title>",
            f"<style>{style}</style>",
            *([head] if head else []),
            "</head>",
            f'<body class="{esc(body_class)}">' if body_class else "<body>",
            body,
            *([f"<script>{script}</script>"] if script else []),
            "</body>",
            "</html>",
            "",
        ]
    )


@cache
def _static(name: str) -> str:
    return resources.files("glossary.render").joinpath("static", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    """CSP source expression for an inline element whose content is exactly ``text``."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
