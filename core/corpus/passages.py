"""Article text to passages (paragraphs, headings, list items) and sentences, with offsets.

Markdown is parsed with markdown-it-py, so its block structure decides what a passage is.
Plain text has no such structure: a line break ends a paragraph unless the line was
hard-wrapped mid-sentence (see :func:`_text_blocks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pysbd
from markdown_it import MarkdownIt

from core.corpus.document import Passage, Sentence
from core.text import fold

_LIST_MARKER = re.compile(r"(?:[-*+•]|\d{1,3}[.)])[ \t]+")
_SENTENCE_END = re.compile(r"[.!?…:;»”\"')]\s*$")
# Repeated passages shorter than this (a heading such as "Conclusion") are kept.
_MIN_DUPLICATE_LENGTH = 20


@dataclass(frozen=True)
class Block:
    kind: str
    start: int
    end: int


def split_passages(article_id: str, text: str, lang: str, markdown: bool) -> tuple[list[Passage], list[str]]:
    """Split ``text`` into passages with sentences; also return notes on what was dropped."""
    blocks = _markdown_blocks(text) if markdown else _text_blocks(text)
    passages: list[Passage] = []
    seen: dict[str, int] = {}
    duplicates = 0
    for block in blocks:
        body = text[block.start : block.end]
        key = fold(body)
        if len(key) >= _MIN_DUPLICATE_LENGTH and key in seen:
            duplicates += 1
            continue
        seen[key] = block.start
        index = len(passages) + 1
        passages.append(
            Passage(
                id=f"{article_id}#p{index}",
                index=index,
                kind=block.kind,
                text=body,
                start=block.start,
                end=block.end,
                sentences=tuple(split_sentences(body, lang, offset=block.start)),
            )
        )
    notes = [f"{duplicates} repeated passage(s) counted once"] if duplicates else []
    return passages, notes


def split_sentences(text: str, lang: str, offset: int = 0) -> list[Sentence]:
    """Sentences of ``text`` with offsets (shifted by ``offset``), from pysbd's rule-based splitter."""
    sentences = []
    for span in _segmenter(lang).segment(text):
        raw = span.sent
        stripped = raw.strip()
        if not stripped:
            continue
        start = span.start + (len(raw) - len(raw.lstrip()))
        sentences.append(Sentence(stripped, offset + start, offset + start + len(stripped)))
    return sentences


@cache
def _segmenter(lang: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=lang, clean=False, char_span=True)


def _markdown_blocks(text: str) -> list[Block]:
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    in_list_item = 0
    for position, token in enumerate(tokens):
        if token.type == "list_item_open":
            in_list_item += 1
        elif token.type == "list_item_close":
            in_list_item -= 1
        elif token.type in ("paragraph_open", "heading_open") and token.map:
            content = tokens[position + 1].content
            if not content.strip():
                continue
            kind = "heading" if token.type == "heading_open" else ("list_item" if in_list_item else "paragraph")
            first, last = token.map
            region_start = line_starts[first]
            region_end = line_starts[last] - 1 if last < len(line_starts) else len(text)
            found = text.find(content, region_start, region_end + 1)
            if found >= 0:
                blocks.append(Block(kind, found, found + len(content)))
            else:
                # Inline content is normalised (indentation, heading markers); fall back to the lines.
                blocks.append(_stripped_block(kind, text, region_start, region_end))
    return blocks


def _text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    offset = 0
    lines = text.split("\n")
    position = 0
    while position < len(lines):
        line = lines[position]
        start, end = offset, offset + len(line)
        offset = end + 1
        position += 1
        if not line.strip():
            continue
        # A hard-wrapped line ends mid-sentence and the next one goes on in lower case.
        while position < len(lines) and not _SENTENCE_END.search(line) and lines[position][:1].islower():
            line = lines[position]
            end = offset + len(line)
            offset = end + 1
            position += 1
        marker = _LIST_MARKER.match(text, start)
        kind = "paragraph"
        if marker and marker.end() < end:
            kind, start = "list_item", marker.end()
        elif not _SENTENCE_END.search(text[start:end]) and len(text[start:end].strip()) < 90:
            kind = "heading"
        blocks.append(_stripped_block(kind, text, start, end))
    return blocks


def _stripped_block(kind: str, text: str, start: int, end: int) -> Block:
    segment = text[start:end]
    left = len(segment) - len(segment.lstrip())
    right = len(segment.rstrip())
    return Block(kind, start + left, start + right)
