"""An article (or a translation read as one) as HTML blocks, one per passage, each with its anchor.

Markdown goes through markdown-it's ``js-default`` preset (raw HTML disabled, so it comes
out escaped; ``javascript:`` links refused) with images disabled as well, so an article
cannot make a page fetch anything. Plain text is never parsed as Markdown: it becomes
one text token, escaped by the same renderer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from core.corpus.document import Article, Passage
from publish.terms import TermLink, link_terms

PASSAGE_TAGS = {"heading": "h2", "list_item": "li"}


@dataclass
class Block:
    """A passage element, or a list gathering consecutive list-item passages."""

    tag: str
    anchor: str = ""
    kind: str = ""
    html: Markup = field(default_factory=Markup)
    items: list[Block] = field(default_factory=list)
    aside: Markup = field(default_factory=Markup)
    """Small markup shown after the passage (a link to the aligned passage), empty when none."""


def render_passages(
    article: Article,
    terms: Callable[[Passage], Mapping[str, TermLink]] = lambda passage: {},
    aside: Callable[[Passage], Markup] = lambda passage: Markup(""),
) -> list[Block]:
    """The article's passages in order, glossary terms linked (``terms`` gives each passage's forms)."""
    markdown = article.path.suffix.lower() == ".md"
    blocks: list[Block] = []
    for passage in article.passages:
        tag = PASSAGE_TAGS.get(passage.kind, "p")
        block = Block(tag, passage.anchor, passage.kind, inline_html(passage.text, markdown, terms(passage)))
        block.aside = aside(passage)
        if tag == "li":
            if not blocks or blocks[-1].tag != "ul":
                blocks.append(Block("ul"))
            blocks[-1].items.append(block)
        else:
            blocks.append(block)
    return blocks


def inline_html(text: str, markdown: bool, terms: Mapping[str, TermLink] | None = None) -> Markup:
    """One passage's inline HTML: Markdown rendered (or plain text escaped), terms linked."""
    md = _markdown()
    children = md.parseInline(text)[0].children or [] if markdown else [Token("text", "", 0, content=text)]
    children = link_terms(children, terms or {})
    return Markup(md.renderer.renderInline(children, md.options, {}))


@cache
def _markdown() -> MarkdownIt:
    """markdown-it's safe preset (no raw HTML, links validated), without images: nothing to fetch."""
    return MarkdownIt("js-default").disable("image")
