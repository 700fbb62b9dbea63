"""``brief.md`` (the whole corpus) and ``articles/<id>.md`` (one brief per article), CommonMark.

``brief.md`` opens with the corpus summary; every summary sentence is printed once, and
links to the passages it cites (quoted in full in the article's own brief).

Article and model text is escaped, so a stray ``*`` or ``<script>`` in the source or in a
model's output shows as text instead of changing the document.
"""

from __future__ import annotations

import yaml

from core.corpus.document import Article, Passage
from core.text import escape_markdown
from summarize.pipeline import Brief, Citation, SummaryPair

LABELS = {"fr": "Résumé (FR)", "en": "Summary (EN)"}


def article_path(article_id: str) -> str:
    return f"articles/{article_id}.md"


def render_brief(brief: Brief) -> str:
    lines = [f"# Brief: {len(brief.articles)} article(s)", ""]
    lines += [_run_line(brief), ""]
    lines += [f"> Warning: {escape_markdown(w)}" for w in brief.warnings] + ([""] if brief.warnings else [])
    lines += ["## Corpus", ""]
    lines += _summaries(brief.overview, lambda pid: f"{article_path(pid.split('#')[0])}#{pid.split('#')[1]}")
    for article_brief in brief.articles:
        article = article_brief.article
        lines += [
            f"## {escape_markdown(article.title)}",
            "",
            _byline(article) + f" · [brief]({article_path(article.id)})",
            "",
        ]
        # Each sentence links to the passages it cites, which the article's brief quotes in full:
        # quoting them here too would print every extracted sentence a second time.
        lines += _summaries(article_brief, lambda pid, a=article: f"{article_path(a.id)}#{pid.split('#')[1]}")
    if brief.corpus.skipped:
        lines += ["## Skipped files", ""]
        lines += [f"- {escape_markdown(s.path.name)}: {escape_markdown(s.reason)}" for s in brief.corpus.skipped]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_article(brief: Brief, article_brief: SummaryPair, article: Article) -> str:
    front = {
        "id": article.id,
        "title": article.title,
        "date": article.date,
        "lang": article.lang,
        "source": article.source,
        "engine": article_brief.engine,
        "models": {role: info["model"] for role, info in brief.models.items()},
    }
    lines = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False).strip(), "---", ""]
    lines += [f"# {escape_markdown(article.title)}", "", _byline(article), ""]
    lines += _summaries(article_brief, lambda pid: f"#{pid.split('#')[1]}")
    cited = _cited_passages(article_brief, article)
    if cited:
        lines += ["## Passages cités · Cited passages", ""]
        for passage in cited:
            lines += [f"### {passage.anchor}", "", "> " + escape_markdown(passage.text), ""]
    if article.notes:
        lines += ["## Reading notes", ""] + [f"- {escape_markdown(n)}" for n in article.notes] + [""]
    return "\n".join(lines).rstrip() + "\n"


def _cited_passages(pair: SummaryPair, article: Article) -> list[Passage]:
    cited = {pid for citation in pair.citations for pid in citation.passages}
    return [passage for passage in article.passages if passage.id in cited]


def _run_line(brief: Brief) -> str:
    models = ", ".join(f"{role}: `{info['model']}`" for role, info in brief.models.items()) or "none"
    return f"_Engine: {brief.engine} · models: {models}_"


def _byline(article: Article) -> str:
    parts = [article.date or "undated", article.lang, f"source: {escape_markdown(article.source)}"]
    return "_" + " · ".join(parts) + "_"


def _summaries(pair: SummaryPair, link) -> list[str]:
    lines = []
    for lang in ("fr", "en"):
        sentences = [c for c in pair.citations if c.lang == lang]
        if pair.summary[lang] and sentences:
            body = " ".join(_cited_sentence(c, link) for c in sentences)
        elif pair.summary[lang]:
            body = escape_markdown(pair.summary[lang])
        elif lang in pair.unavailable:
            body = f"_unavailable: {escape_markdown(pair.unavailable[lang])}_"
        else:
            body = "_missing (see problems)_"
        lines += [f"**{LABELS[lang]}:** {body}", ""]
    if pair.problems:
        lines += ["Problems:", ""] + [f"- {escape_markdown(p)}" for p in pair.problems] + [""]
    return lines


def _cited_sentence(citation: Citation, link) -> str:
    sources = ", ".join(f"[{pid.split('#')[1]}]({link(pid)})" for pid in citation.passages)
    return escape_markdown(citation.sentence) + (f" ({sources})" if sources else "")
