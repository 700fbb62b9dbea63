"""``glossary.md``: the glossary for a human reader, CommonMark.

One section per entry: both forms and where each comes from, the abbreviation, the
variants, the definition and every passage the entry occurs in, grouped per article.
Passage links point at the article pages of the glossary site
(``site/articles/<id>.html#p<N>``), where every passage has an anchor. Every piece of article or model
text goes through :func:`core.text.escape_markdown`, so a ``*`` or a
``<script>`` in the corpus shows as text instead of changing the document.
"""

from __future__ import annotations

from core.corpus.document import Corpus
from core.text import escape_markdown
from glossary.model import CANDIDATE_NOTE, Entry, Glossary

GROUPS = (
    ("Termes et sigles · Terms and acronyms", lambda entry: entry.kind != "entity"),
    ("Entités nommées · Named entities", lambda entry: entry.kind == "entity"),
)
SOURCES = {"corpus": "corpus", "model": "traduction automatique · machine translation"}


def passage_link(passage_id: str) -> str:
    """``<article-id>#p3`` → ``site/articles/<article-id>.html#p3``."""
    article_id, anchor = passage_id.split("#", 1)
    return f"site/articles/{article_id}.html#{anchor}"


def render_markdown(glossary: Glossary, corpus: Corpus) -> str:
    lines = [f"# Glossaire · Glossary: {len(glossary.entries)} entrée(s) · entries", ""]
    lines += [_run_line(glossary), ""]
    lines += [f"> Problème · Problem: {escape_markdown(p)}" for p in glossary.problems]
    lines += [""] if glossary.problems else []
    for title, belongs in GROUPS:
        entries = [entry for entry in glossary.entries if belongs(entry)]
        if not entries:
            continue
        lines += [f"## {title}", ""]
        for entry in entries:
            lines += render_entry(entry, corpus)
    return "\n".join(lines).rstrip() + "\n"


def render_entry(entry: Entry, corpus: Corpus) -> list[str]:
    lines = [f"### {escape_markdown(entry.label)}", ""]
    lines.append(f"- **FR:** {_form(entry.fr, entry.fr_source)}")
    lines.append(f"- **EN:** {_form(entry.en, entry.en_source)}")
    if entry.abbreviation:
        lines.append(f"- **Abréviation · Abbreviation:** {escape_markdown(entry.abbreviation)}")
    if entry.variants:
        lines.append("- **Variantes · Variants:** " + ", ".join(escape_markdown(v) for v in entry.variants))
    kind = entry.kind + (f" ({entry.entity_type})" if entry.entity_type else "")
    lines.append(f"- **Type · Kind:** {escape_markdown(kind)} · id: {escape_markdown(entry.id)}")
    if entry.pairing and entry.pairing != "initials":
        lines.append(f"- **Appariement · Pairing:** {escape_markdown(entry.pairing)}")
    lines.append(f"- **Score:** {entry.score}")
    if entry.candidate:
        lines.append(f"- **Candidat · Candidate:** {CANDIDATE_NOTE['fr']} · {CANDIDATE_NOTE['en']}")
    # A definition only where the text gives one; otherwise a sentence showing the entry in use.
    quoted = [("Définition · Definition", entry.definition)] if entry.definition else []
    if not entry.definition and entry.context:
        quoted.append(("Contexte · Context", entry.context))
    for label, sentence in quoted:
        title = corpus.article(sentence.passage.split("#", 1)[0]).title
        anchor = sentence.passage.split("#", 1)[1]
        source = f"[{escape_markdown(title)}, {anchor}]({passage_link(sentence.passage)})"
        lines.append(f"- **{label}:** “{escape_markdown(sentence.quote)}” ({source})")
    if not entry.occurrences:
        return [*lines, "- **Occurrences:** _aucune · none_", ""]
    lines.append(f"- **Occurrences ({len(entry.occurrences)}):**")
    for article_id, passages in _by_article(entry).items():
        article = corpus.article(article_id)
        links = ", ".join(
            f"[{pid.split('#', 1)[1]}]({passage_link(pid)})" + (f" (×{count})" if count > 1 else "")
            for pid, count in passages.items()
        )
        lines.append(f"  - [{escape_markdown(article.title)}](site/articles/{article.id}.html): {links}")
    return [*lines, ""]


def _form(form: str | None, source: str | None) -> str:
    if not form:
        return "_aucune · none_"
    origin = SOURCES.get(source or "", source)
    return escape_markdown(form) + (f" _({escape_markdown(origin)})_" if origin else "")


def _by_article(entry: Entry) -> dict[str, dict[str, int]]:
    """Passage ids per article with their occurrence counts, in order of first occurrence."""
    grouped: dict[str, dict[str, int]] = {}
    for occurrence in entry.occurrences:
        passages = grouped.setdefault(occurrence.article, {})
        passages[occurrence.passage] = passages.get(occurrence.passage, 0) + 1
    return grouped


def _run_line(glossary: Glossary) -> str:
    terms = sum(entry.kind != "entity" for entry in glossary.entries)
    entities = len(glossary.entries) - terms
    models = ", ".join(f"{role}: `{info.get('model', '?')}`" for role, info in glossary.models.items()) or "none"
    return f"_Terms and acronyms: {terms} · entities: {entities} · translation models: {models}_"
