"""``site/``: the whole brief as static pages (home, articles, translations, glossary, build notes).

Every page comes from a Jinja2 template of ``publish/templates`` (autoescaped: article
text and model output are untrusted), shares one navigation, and links only to pages of
the site, relative to itself, so the folder works from ``file://`` as from a web server.

- ``index.html``: the corpus summary in French and English with its citations, and
  every article with both its summaries and links to its page and translations;
- ``articles/<id>.html``: the article's brief, then the article passage by passage
  (``id="p<N>"``), glossary terms linked, and links to its translations;
- ``translations/<id>.<lang>.html``: a translation, its passages anchored as the
  source's are (same ``p<N>``) and each linked back to the source passage;
- ``glossary.html``: the glossary, ordered by score, with an A–Z index and a filter;
- ``build.html``: what this build could not do and why, kept off the public pages.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from core.corpus.document import Article, Corpus, Passage
from core.corpus.reader import read_article
from glossary.model import CANDIDATE_NOTE, Entry, Glossary
from publish.frame import render, script_json
from publish.passages import render_passages
from publish.terms import TermLink
from summarize.pipeline import Brief, SummaryPair

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


@dataclass
class Translation:
    """A translated article (``translations/<id>.<lang>.md`` read as an article) and its source."""

    article: Article
    source: Article

    @property
    def page(self) -> str:
        return translation_page(self.source.id, self.article.lang)

    @property
    def aligned(self) -> bool:
        """Passage N of the translation is the translation of passage N of the source."""
        kinds = [p.kind for p in self.article.passages]
        return kinds == [p.kind for p in self.source.passages]


@dataclass
class Site:
    """Every page's text by path relative to ``site/``; per-article pages kept apart (they can go stale)."""

    shared: dict[str, str] = field(default_factory=dict)
    per_article: dict[str, str] = field(default_factory=dict)


def article_page(article_id: str) -> str:
    """Path of an article page, relative to ``site/``."""
    return f"articles/{quote(article_id)}.html"


def translation_page(article_id: str, lang: str) -> str:
    return f"translations/{quote(article_id)}.{lang}.html"


def passage_href(passage_id: str, root: str = "") -> str:
    """``<article-id>#p3`` → ``articles/<article-id>.html#p3`` (relative to ``site/``, or to ``root``)."""
    article_id, anchor = passage_id.split("#", 1)
    return f"{root}{article_page(article_id)}#{quote(anchor)}"


def render_site(
    corpus: Corpus, brief: Brief, glossary: Glossary, translations: Sequence[Translation], notes: Sequence[str] = ()
) -> Site:
    """Render every page in memory; ``notes`` are the caller's own build notes (shown on ``build.html`` only)."""
    by_source: dict[str, list[Translation]] = {}
    for translation in translations:
        by_source.setdefault(translation.source.id, []).append(translation)
    briefs = {item.article.id: item for item in brief.articles}
    numbers = {article.id: number for number, article in enumerate(corpus.articles, start=1)}
    site = Site()
    site.shared["index.html"] = _home(corpus, brief, glossary, by_source, numbers)
    site.shared["glossary.html"] = _glossary(corpus, glossary)
    site.shared["build.html"] = _build_notes(corpus, brief, glossary, translations, notes)
    entries_by_passage = _entries_by_passage(glossary)
    for article in corpus.articles:
        site.per_article[article_page(article.id)] = _article(
            article, briefs.get(article.id), entries_by_passage, by_source.get(article.id, [])
        )
    for translation in translations:
        site.per_article[translation.page] = _translation(translation, entries_by_passage)
    return site


# --- shared pieces ------------------------------------------------------------------------------


def _summaries(pair: SummaryPair | None, href, label) -> list[dict[str, Any]]:
    """Both languages of a summary pair: sentences with their citations (href/label of a passage id)."""
    shown = []
    for lang in LANGUAGES:
        text = pair.summary[lang] if pair else None
        citations = [c for c in pair.citations if c.lang == lang] if pair else []
        if text and citations:
            sentences = [
                {
                    "text": c.sentence,
                    "cites": [
                        {"href": href(pid), "label": label(pid)[0], "title": label(pid)[1]} for pid in c.passages
                    ],
                }
                for c in citations
            ]
        elif text:
            sentences = [{"text": text, "cites": []}]
        else:
            sentences = []
        shown.append({"lang": lang, "names": LANGUAGE_NAMES[lang], "sentences": sentences})
    return shown


def _entries_by_passage(glossary: Glossary) -> dict[str, list[tuple[str, Entry]]]:
    """Passage id → (occurrence text, entry), best-scored entries first (they win a shared form).

    A candidate seen once (evidence ``one-off``) is listed on the glossary page, marked, but
    is no term link in the articles: the text would otherwise teem with unconfirmed phrases."""
    result: dict[str, list[tuple[str, Entry]]] = {}
    for entry in sorted(glossary.entries, key=lambda e: -e.score):
        if entry.candidate:
            continue
        for occurrence in entry.occurrences:
            result.setdefault(occurrence.passage, []).append((occurrence.text, entry))
    return result


def _term_link(entry: Entry, shown_lang: str, root: str) -> TermLink:
    """Link to the entry; the tooltip gives its form in the other language and its kind."""
    other = "en" if shown_lang == "fr" else "fr"
    form = getattr(entry, other) or entry.abbreviation
    kind_fr, kind_en = KIND_LABELS.get(entry.kind, (entry.kind, entry.kind))
    kind = kind_fr if shown_lang == "fr" else kind_en
    if form:
        title = f"{other.upper()} : {form} · {kind}" if shown_lang == "fr" else f"{other.upper()}: {form} · {kind}"
    else:
        title = f"pas de forme {other.upper()} · {kind}" if shown_lang == "fr" else f"no {other.upper()} form · {kind}"
    return TermLink(f"{root}glossary.html#{quote(entry.id)}", title)


# --- index.html ---------------------------------------------------------------------------------


def _home(corpus: Corpus, brief: Brief, glossary: Glossary, by_source, numbers: Mapping[str, int]) -> str:
    titles = {article.id: article.title for article in corpus.articles}

    def corpus_label(pid: str) -> tuple[str, str]:
        article_id, anchor = pid.split("#", 1)
        return f"{numbers.get(article_id, '?')}·{anchor}", titles.get(article_id, article_id)

    briefs = {item.article.id: item for item in brief.articles}
    articles = []
    for article in corpus.articles:
        articles.append(
            {
                "article": article,
                "number": numbers[article.id],
                "href": article_page(article.id),
                "lang_names": LANGUAGE_NAMES[article.lang],
                "summaries": _summaries(
                    briefs.get(article.id), passage_href, lambda pid: (pid.split("#", 1)[1], titles[pid.split("#")[0]])
                ),
                "translations": _translation_links(by_source.get(article.id, []), ""),
            }
        )
    return render(
        "home.html",
        root="",
        current="home",
        title="Brief",
        corpus_summaries=_summaries(brief.overview, passage_href, corpus_label),
        articles=articles,
        entries=len(glossary.entries),
    )


def _translation_links(translations: Iterable[Translation], root: str) -> list[dict[str, Any]]:
    return [
        {"href": root + t.page, "lang": t.article.lang, "names": LANGUAGE_NAMES[t.article.lang]} for t in translations
    ]


# --- articles/<id>.html -------------------------------------------------------------------------


def _article(article: Article, brief: SummaryPair | None, entries_by_passage, translations) -> str:
    root = "../"

    def terms(passage: Passage) -> dict[str, TermLink]:
        found: dict[str, TermLink] = {}
        for text, entry in entries_by_passage.get(passage.id, []):
            found.setdefault(text, _term_link(entry, article.lang, root))
        return found

    return render(
        "article.html",
        root=root,
        current="article",
        title=article.title,
        article=article,
        lang_names=LANGUAGE_NAMES[article.lang],
        brief_summaries=_summaries(
            brief, lambda pid: "#" + quote(pid.split("#", 1)[1]), lambda pid: (pid.split("#")[1], "")
        ),
        blocks=render_passages(article, terms),
        translations=_translation_links(translations, root),
    )


# --- translations/<id>.<lang>.html --------------------------------------------------------------


def _translation(translation: Translation, entries_by_passage) -> str:
    root = "../"
    source, target = translation.source, translation.article
    aligned = translation.aligned

    def terms(passage: Passage) -> dict[str, TermLink]:
        if not aligned:
            return {}
        found: dict[str, TermLink] = {}
        source_id = f"{source.id}#{passage.anchor}"
        for _, entry in entries_by_passage.get(source_id, []):
            for form in (getattr(entry, target.lang), entry.abbreviation):
                if form:
                    found.setdefault(form, _term_link(entry, target.lang, root))
        return found

    def aside(passage: Passage) -> Markup:
        if not aligned:
            return Markup("")
        href = root + article_page(source.id) + "#" + quote(passage.anchor)
        return Markup('<a class="align" href="{}" lang="{}" title="{}">{}</a>').format(
            href, source.lang, source.title, f"↩ {passage.anchor}"
        )

    return render(
        "translation.html",
        root=root,
        current="translation",
        title=target.title,
        article=target,
        source=source,
        source_href=root + article_page(source.id),
        lang_names=LANGUAGE_NAMES[target.lang],
        source_names=LANGUAGE_NAMES[source.lang],
        model=_public_model_name(str(target.front_matter.get("model") or "")),
        blocks=render_passages(target, terms, aside),
    )


def _public_model_name(model: str) -> str:
    """A hub id ("Helsinki-NLP/opus-mt-fr-en") is shown; a local folder's path is this machine's, not the public's."""
    return "" if not model or Path(model).is_absolute() or model.startswith((".", "~")) else model


# --- glossary.html ------------------------------------------------------------------------------


def _glossary(corpus: Corpus, glossary: Glossary) -> str:
    articles = {article.id: article for article in corpus.articles}
    groups = []
    for (title_fr, title_en), belongs in GROUPS:
        entries = sorted((e for e in glossary.entries if belongs(e)), key=lambda e: (-e.score, e.label.casefold()))
        if entries:
            groups.append({"title": (title_fr, title_en), "entries": [_entry(e, articles) for e in entries]})
    return render(
        "glossary.html",
        root="",
        current="glossary",
        title="Glossaire · Glossary",
        groups=groups,
        candidate_note=CANDIDATE_NOTE,
        index=_a_to_z(glossary.entries),
        entries=len(glossary.entries),
        articles=len(corpus.articles),
        json_ld=script_json(defined_term_set(glossary, corpus)),
    )


def _entry(entry: Entry, articles: Mapping[str, Article]) -> dict[str, Any]:
    forms = []
    for lang in LANGUAGES:
        form, source = getattr(entry, lang), getattr(entry, f"{lang}_source")
        forms.append(
            {"lang": lang, "form": form, "names": LANGUAGE_NAMES[lang], "source": SOURCE_LABELS.get(source or "")}
        )
    definition = None
    sentence = entry.definition or entry.context  # a context sentence where the text defines nothing
    if sentence:
        definition = {
            "quote": sentence.quote,
            "href": passage_href(sentence.passage),
            "article": articles[sentence.passage.split("#", 1)[0]],
            "anchor": sentence.passage.split("#", 1)[1],
            "css": "definition" if entry.definition else "context",
        }
    occurrences = [
        {
            "href": passage_href(o.passage),
            "article": articles[o.article],
            "anchor": o.passage.split("#", 1)[1],
            "quote": o.quote,
        }
        for o in entry.occurrences
    ]
    return {
        "entry": entry,
        "searchable": "\n".join(_unique([entry.fr, entry.en, entry.abbreviation, *entry.variants])),
        "abbreviation": entry.abbreviation if entry.abbreviation not in (entry.fr, entry.en) else None,
        "forms": forms,
        "kind": KIND_LABELS.get(entry.kind, (entry.kind, entry.kind)),
        "definition": definition,
        "occurrences": occurrences[:VISIBLE_OCCURRENCES],
        "more": occurrences[VISIBLE_OCCURRENCES:],
        "first_more": VISIBLE_OCCURRENCES + 1,
    }


def _a_to_z(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """Entries by the first letter of their label (accents folded; digits and signs under ``#``)."""
    letters: dict[str, list[Entry]] = {}
    for entry in entries:
        first = unicodedata.normalize("NFKD", entry.label)[:1].upper()
        letter = first if "A" <= first <= "Z" else "#"
        letters.setdefault(letter, []).append(entry)
    ordered = sorted(letters, key=lambda letter: (letter == "#", letter))
    return [
        {
            "letter": letter,
            "anchor": "az-" + ("0" if letter == "#" else letter),
            "entries": sorted(letters[letter], key=lambda e: e.label.casefold()),
        }
        for letter in ordered
    ]


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


def _unique(values: Iterable[str | None], *exclude: str | None) -> list[str]:
    seen = {value for value in exclude if value}
    result = []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            result.append(value)
    return result


# --- build.html ---------------------------------------------------------------------------------


def _build_notes(corpus: Corpus, brief: Brief, glossary: Glossary, translations, notes: Sequence[str]) -> str:
    sections: list[tuple[str, list[str]]] = []
    summaries = list(brief.warnings)
    for name, pair in [("corpus", brief.overview), *((b.article.id, b) for b in brief.articles)]:
        summaries += [f"{name}: {problem}" for problem in pair.problems]
        summaries += [f"{name}: {lang} unavailable: {why}" for lang, why in pair.unavailable.items()]
    sections.append(("Summaries", summaries))
    sections.append(("Glossary", list(glossary.problems)))
    translated = [
        f"{t.page}: its passages do not match the source's one for one, so they are not linked to them"
        for t in translations
        if not t.aligned
    ]
    sections.append(("Translations", [*notes, *translated]))
    sections.append(("Skipped files", [f"{s.path.name}: {s.reason}" for s in corpus.skipped]))
    sections.append(("Reading notes", [f"{a.id}: {note}" for a in corpus.articles for note in a.notes]))
    models = [
        f"{role}: {info['model']} ({info.get('revision') or 'unknown revision'})" for role, info in brief.models.items()
    ]
    return render(
        "build.html",
        root="",
        current="build",
        title="Build notes",
        engine=brief.engine,
        models=models,
        sections=sections,
    )


def read_translation(path: Path, corpus: Corpus) -> Translation | None:
    """The translation at ``path`` with its source article, or None when its source left the corpus."""
    article = read_article(path)
    try:
        source = corpus.article(article.id)
    except KeyError:
        return None
    return Translation(article, source)


__all__ = ["Site", "Translation", "article_page", "passage_href", "read_translation", "render_site", "translation_page"]
