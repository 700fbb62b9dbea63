"""Where the translatable text of an article is: text runs between Markdown markup, split into sentences.

Only the runs markdown-it-py parses as text are translated; everything else keeps its
source bytes: headings' ``#``, list markers, emphasis markers, link URLs and reference
labels, link reference definitions, autolinks, inline code, code blocks, raw HTML,
footnote labels, math, table pipes, front matter, blank lines. Inside a text run,
backslash escapes and entities (``\\*``, ``&copy;``) are kept as they are written and
the text around them is translated. A translation replaces each sentence in place, so
the output has the source's skeleton by construction (and ``skeleton`` lets callers
check it).

The parser is markdown-it-py's CommonMark with GFM tables and strikethrough, and the
mdit-py-plugins that documentation uses: front matter, footnotes, definition lists and
``$``/``$$`` math.
"""

from __future__ import annotations

import html
import re
import string
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from core.corpus.passages import split_sentences

# Line breaks as markdown-it counts them in token.map (a lone CR is one too).
_LINE_BREAK = re.compile(r"\r\n?|\n")
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_ESCAPE_OR_ENTITY = re.compile(r"\\[!-/:-@\[-`{-~]|" + _ENTITY)
# Kept as written inside text: escapes, entities, and literal brackets (in a link's text they must stay balanced).
_KEPT = re.compile(r"\\[!-/:-@\[-`{-~]|" + _ENTITY + r"|[\[\]]")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_ESCAPABLE = re.compile(r"([\\`*_\[\]<>|~$])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START_MARKER = re.compile(r"^(\s*)([#>+\-:=]+|\d+[.)])(?=\s|$)")


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    text: str
    """A sentence (or the part of one between two pieces of markup) to translate."""
    run: int = 0
    """Which text run of the document it belongs to (runs are numbered in document order)."""
    kept: tuple[tuple[int, int], ...] = ()
    """Spans (offsets into the document) of escapes and entities: copied as written, never translated."""


@cache
def parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .use(deflist_plugin)
        # Only pandoc-style math ($x$, no space inside, no digit after): "$5 and $10" stays prose.
        .use(dollarmath_plugin, allow_space=False, allow_digits=False)
    )


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    kept: tuple[tuple[int, int], ...] = ()


def translation_units(text: str, lang: str, markdown: bool) -> tuple[list[Unit], int]:
    """Sentences to translate, in order, with offsets; also how many text runs had to be left as they are."""
    runs, unmatched = markdown_runs(text) if markdown else (_plain_runs(text), 0)
    units = []
    for number, run in enumerate(runs):
        for sentence in split_sentences(text[run.start : run.end], lang, offset=run.start):
            kept = tuple((a, b) for a, b in run.kept if a >= sentence.start and b <= sentence.end)
            units.append(Unit(sentence.start, sentence.end, sentence.text, number, kept))
    return units, unmatched


def apply(text: str, replacements: list[tuple[Unit, list[tuple[str, bool]]]], markdown: bool) -> str:
    """``text`` with each unit replaced by its translation.

    A translation is a list of pieces ``(text, raw)``: raw pieces (source bytes, an edit
    a person made) go in as they are; the others are model text, escaped for Markdown.
    """
    pieces, cursor = [], 0
    for unit, translation in sorted(replacements, key=lambda item: item[0].start):
        pieces.append(text[cursor : unit.start])
        at_line_start = unit.start == 0 or text[unit.start - 1] == "\n"
        written = []
        for piece, raw in translation:
            if raw or not markdown:
                written.append(piece)
            else:
                written.append(escape_markdown(piece, at_line_start and not "".join(written).strip()))
        pieces.append("".join(written))
        cursor = unit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def escape_markdown(text: str, at_line_start: bool) -> str:
    """Model text that cannot turn into markup: specials escaped, no line breaks, no leading marker."""
    flat = " ".join(text.split()) if text.strip() else text.replace("\n", " ")
    if text[:1].isspace() and flat[:1] != " ":
        flat = " " + flat
    if text[-1:].isspace() and flat[-1:] != " ":
        flat += " "
    escaped = _ENTITY_LIKE.sub(r"\\&", _ESCAPABLE.sub(r"\\\1", flat))
    return _LINE_START_MARKER.sub(r"\1\\\2", escaped) if at_line_start else escaped


def skeleton(text: str) -> list[tuple]:
    """The document's structure: every token but the prose (types, tags, nesting, markup, URLs, labels, code)."""
    return [_shape(token) for token in _flatten(parser().parse(text)) if token.type != "text"]


def _flatten(tokens):
    for token in tokens:
        if token.type == "inline":
            yield from token.children or []
        else:
            yield token


def _shape(token) -> tuple:
    verbatim = token.type in (
        "fence",
        "code_block",
        "html_block",
        "html_inline",
        "code_inline",
        "math_inline",
        "math_inline_double",
        "math_block",
        "math_block_label",
        "front_matter",
    )
    attrs = tuple(sorted((k, str(v)) for k, v in (token.attrs or {}).items() if k in ("href", "src", "title")))
    label = (token.meta or {}).get("label", "") if token.type.startswith("footnote") else ""
    return (
        token.type,
        token.tag,
        token.nesting,
        token.markup,
        token.info,
        token.content if verbatim else "",
        attrs,
        label,
    )


def markdown_runs(text: str) -> tuple[list[Run], int]:
    """The text runs with letters, in document order; also how many text runs could not be found in the source."""
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    inlines = [t for t in parser().parse(text) if t.type == "inline" and t.map]
    # Footnote definitions come last in the token stream: put them back where they are written.
    inlines.sort(key=lambda t: t.map[0])
    cursor, runs, unmatched = 0, [], 0
    for token in inlines:
        first, last = token.map
        region_start = line_starts[first]
        last = max(last, first + 1)
        region_end = line_starts[last] if last < len(line_starts) else len(text)
        cursor = max(cursor, region_start)
        # The inline content starts after any block marker or footnote label on its first line.
        head = token.content.split("\n", 1)[0]
        found = text.find(head, cursor, region_end) if head else -1
        if found >= 0:
            cursor = found
        scanner = _InlineScanner(text, cursor, region_end)
        for child in _with_image_contents(token.children or []):
            span = scanner.step(child)
            if span is None:
                if child.type == "text" and child.content.strip() and not scanner.skipping:
                    unmatched += 1
                continue
            if not scanner.skipping and _HAS_LETTER.search(child.content):
                start, end = span
                kept = tuple((m.start() + start, m.end() + start) for m in _KEPT.finditer(text[start:end]))
                runs.append(_trimmed(text, start, end, kept))
        cursor = scanner.cursor
    return [r for r in runs if r.end > r.start], unmatched


_IMAGE_CLOSE = "image_close"


@dataclass(frozen=True)
class _Close:
    type: str = _IMAGE_CLOSE
    content: str = ""


def _with_image_contents(children):
    """Inline children with each image's own children (its alt text) after it, then an image close."""
    for child in children:
        yield child
        if child.type == "image":
            yield from _with_image_contents(child.children or [])
            yield _Close()


def _trimmed(text: str, start: int, end: int, kept) -> Run:
    """The run without its outer whitespace, nor the punctuation that touches markup.

    Whether ``_`` or ``*`` opens or closes emphasis depends on the characters beside it
    (``foo-_(bar)_``): punctuation next to markup stays as written, so a translation
    cannot change it.
    """
    inside = {i for a, b in kept for i in range(a, b)}
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start > 0 and not text[start - 1].isspace():
        while start < end and _is_punctuation(text[start]) and start not in inside:
            start += 1
    if end < len(text) and not text[end].isspace():
        while end > start and _is_punctuation(text[end - 1]) and end - 1 not in inside:
            end -= 1
    return Run(start, end, kept)


def _is_punctuation(char: str) -> bool:
    return not char.isalnum() and not char.isspace()


class _InlineScanner:
    """Walks the source of one inline token alongside its children, keeping a cursor."""

    def __init__(self, text: str, cursor: int, end: int) -> None:
        self.text, self.cursor, self.end = text, cursor, end
        self.links: list[tuple[int, bool]] = []  # per open link: where its source ends, whether its text is a label

    @property
    def skipping(self) -> bool:
        """Inside an autolink or a reference label: the text is a URL or a label, not prose."""
        return any(label for _, label in self.links)

    def step(self, child) -> tuple[int, int] | None:
        """Advance past ``child``; for a text child, return its source span (None if not found)."""
        text, kind = self.text, child.type
        if kind == "text":
            return self._text(child.content)
        if kind == "code_inline":
            self._skip_code(child.markup)
        elif kind in ("html_inline", "math_inline", "math_inline_double"):
            found = text.find(child.content, self.cursor, self.end)
            if found >= 0:
                self.cursor = found + len(child.content) + (len(child.markup) if kind != "html_inline" else 0)
        elif kind == "footnote_ref":
            found = text.find("[^", self.cursor, self.end)
            close = text.find("]", found, self.end) if found >= 0 else -1
            if close >= 0:
                self.cursor = close + 1
        elif kind == "link_open" and child.markup == "autolink":
            opening = text.find("<", self.cursor, self.end)
            closing = text.find(">", opening, self.end) if opening >= 0 else -1
            self.links.append((closing + 1 if closing >= 0 else self.cursor, True))
        elif kind in ("link_open", "image"):
            marker = "![" if kind == "image" else "["
            opening = text.find(marker, self.cursor, self.end)
            if opening < 0:
                self.links.append((self.cursor, kind == "image"))
                return None
            label_end = _closing_bracket(text, opening + len(marker), self.end)
            after, is_label = _link_tail(text, label_end, self.end)
            self.links.append((after, is_label))  # an image's alt text is prose, unless it is its label
            self.cursor = opening + len(marker)
        elif kind in ("link_close", _IMAGE_CLOSE) and self.links:
            self.cursor = max(self.cursor, self.links.pop()[0])
        return None

    def _text(self, content: str) -> tuple[int, int] | None:
        text = self.text
        window = text[self.cursor : self.end]
        if "\\" not in window and "&" not in window:
            found = text.find(content, self.cursor, self.end)
            if found < 0:
                return None
            self.cursor = found + len(content)
            return found, self.cursor
        match = _source_pattern(content).search(text, self.cursor, self.end)
        if not match or _decoded(match.group()) != content:
            return None
        self.cursor = match.end()
        return match.start(), match.end()

    def _skip_code(self, markup: str) -> None:
        text = self.text
        opening = text.find(markup, self.cursor, self.end)
        if opening < 0:
            return
        position = opening + len(markup)
        while True:
            closing = text.find(markup, position, self.end)
            if closing < 0:
                return
            after = closing + len(markup)
            if text[after : after + 1] != "`" and text[closing - 1] != "`":
                self.cursor = after
                return
            position = after


def _closing_bracket(text: str, position: int, end: int) -> int:
    """Index of the ``]`` that closes a link text opened just before ``position`` (escapes and nesting respected)."""
    depth = 0
    while position < end:
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "`":
            run = len(text[position:end]) - len(text[position:end].lstrip("`"))
            closing = text.find("`" * run, position + run, end)
            position = closing + run if closing >= 0 else position + run
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return position
            depth -= 1
        position += 1
    return end


def _link_tail(text: str, label_end: int, end: int) -> tuple[int, bool]:
    """Where the link ends after its ``]``, and whether its text is also its reference label."""
    following = label_end + 1
    nxt = text[following : following + 1]
    if nxt == "(":
        closing = _closing_paren(text, following + 1, end)
        if _is_destination(text[following + 1 : closing - 1]):
            return closing, False
        return following, True  # [foo](not a link): a shortcut reference followed by text
    if nxt == "[":
        closing = text.find("]", following, end)
        if closing < 0:
            return following, True
        return closing + 1, closing == following + 1  # [text][] is collapsed: the text is the label
    return following, True  # [label]: shortcut reference


def _closing_paren(text: str, position: int, end: int) -> int:
    """Just past the ``)`` ending an inline link's destination and title."""
    depth, quote = 0, None
    while position < end:
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'" and text[position - 1].isspace():
            quote = char
        elif char == "<":
            closing = text.find(">", position, end)
            position = closing if closing >= 0 else position
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return position + 1
            depth -= 1
        position += 1
    return end


def _is_destination(inside: str) -> bool:
    """Whether the text between the parentheses after ``]`` is a link destination and optional title."""
    inside = inside.strip()
    if not inside or inside.startswith("<"):
        return True
    parts = inside.split(None, 1)
    if len(parts) == 1:
        return True
    title = parts[1].strip()
    return len(title) >= 2 and (title[0], title[-1]) in (('"', '"'), ("'", "'"), ("(", ")"))


def _source_pattern(content: str) -> re.Pattern:
    """A pattern for ``content`` as it may be written: each character as is, backslash-escaped or as an entity."""
    parts = []
    for char in content:
        alternatives = [re.escape(char)]
        if char in string.punctuation:
            alternatives.append(re.escape("\\" + char))
        if not (char.isascii() and (char.isalnum() or char == " ")):
            alternatives.append(_ENTITY)
        parts.append("(?:" + "|".join(alternatives) + ")" if len(alternatives) > 1 else alternatives[0])
    return re.compile("".join(parts))


def _decoded(source: str) -> str:
    return _ESCAPE_OR_ENTITY.sub(lambda m: m.group()[1] if m.group()[0] == "\\" else html.unescape(m.group()), source)


def _plain_runs(text: str) -> list[Run]:
    return [Run(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if _HAS_LETTER.search(m.group())]
