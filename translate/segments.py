"""Where the translatable text of an article is: text runs between Markdown markup, split into sentences.

Only the runs markdown-it-py parses as text are translated; everything else keeps its
source characters: headings' ``#``, list markers, emphasis markers, link URLs, inline
code, code blocks, raw HTML, table pipes, blank lines. A translation replaces each
sentence in place, so the output has the source's skeleton by construction (and
``skeleton`` lets callers check it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from core.corpus.passages import split_sentences

# Line breaks as markdown-it counts them in token.map (a lone CR is one too).
_LINE_BREAK = re.compile(r"\r\n?|\n")
_ESCAPABLE = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START_MARKER = re.compile(r"^(\s*)([#>+-]|\d+[.)])(?=\s)")


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    text: str
    """A sentence (or the part of one between two pieces of markup) to translate."""


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def translation_units(text: str, lang: str, markdown: bool) -> tuple[list[Unit], int]:
    """Sentences to translate, in order, with offsets; also how many text runs had to be left as they are."""
    runs, unmatched = _markdown_runs(text) if markdown else (_plain_runs(text), 0)
    units = []
    for start, end in runs:
        for sentence in split_sentences(text[start:end], lang, offset=start):
            units.append(Unit(sentence.start, sentence.end, sentence.text))
    return units, unmatched


def apply(text: str, replacements: list[tuple[Unit, str]], markdown: bool) -> str:
    """``text`` with each unit replaced by its translation (escaped for Markdown where needed)."""
    pieces, cursor = [], 0
    for unit, translation in sorted(replacements, key=lambda item: item[0].start):
        pieces.append(text[cursor : unit.start])
        at_line_start = unit.start == 0 or text[unit.start - 1] == "\n"
        pieces.append(escape_markdown(translation, at_line_start) if markdown else translation)
        cursor = unit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def escape_markdown(text: str, at_line_start: bool) -> str:
    """Model text that cannot turn into markup: specials escaped, no line breaks, no leading marker."""
    flat = " ".join(text.split())
    escaped = _ESCAPABLE.sub(r"\\\1", flat)
    return _LINE_START_MARKER.sub(r"\1\\\2", escaped) if at_line_start else escaped


def skeleton(text: str) -> list[tuple[str, str, int]]:
    """The document's structure: every token but the text itself (types, tags, nesting, markup)."""
    shape = []
    for token in parser().parse(text):
        if token.type == "inline":
            shape += [(child.type, child.tag, child.nesting) for child in token.children or [] if child.type != "text"]
        else:
            content = token.content if token.type in ("fence", "code_block", "html_block") else ""
            shape.append((token.type, token.tag + content, token.nesting))
    return shape


def _markdown_runs(text: str) -> tuple[list[tuple[int, int]], int]:
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    cursor, runs, unmatched = 0, [], 0
    for token in parser().parse(text):
        if token.type != "inline" or not token.map:
            continue
        cursor = max(cursor, line_starts[token.map[0]])
        region_end = line_starts[token.map[1]] if token.map[1] < len(line_starts) else len(text)
        for child in token.children or []:
            if child.type == "text" and child.content.strip():
                found = text.find(child.content, cursor, region_end)
                if found < 0:
                    unmatched += 1  # escapes or entities changed the characters: keep the source text
                    continue
                runs.append((found, found + len(child.content)))
                cursor = found + len(child.content)
            elif child.type in ("code_inline", "html_inline") and child.content:
                found = text.find(child.content, cursor, region_end)
                cursor = found + len(child.content) if found >= 0 else cursor
            elif child.type == "link_close":
                closing = text.find(")", cursor, region_end)
                cursor = closing + 1 if closing >= 0 else cursor
    return runs, unmatched


def _plain_runs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
