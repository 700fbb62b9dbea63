"""Article text to passages (paragraphs, headings, list items) and sentences, with offsets.

Markdown is parsed with markdown-it-py, so its block structure decides what a passage is.
Plain text has no such structure: a line break ends a paragraph unless the line was
hard-wrapped mid-sentence (see :func:`_text_blocks`).
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pysbd
from markdown_it import MarkdownIt

from core.cache import JsonlCache, digest, file_digest, installed_version, sentence_cache
from core.corpus.document import Passage, Sentence
from core.errors import OutputError
from core.text import fold

# Line breaks as markdown-it counts them in token.map (a lone CR is one too).
_LINE_BREAK = re.compile(r"\r\n?|\n")
_LIST_MARKER = re.compile(r"(?:[-*+•]|\d{1,3}[.)])[ \t]+")
_SENTENCE_END = re.compile(r"[.!?…:;»”\"')]\s*$")
# Repeated passages shorter than this (a heading such as "Conclusion") are kept.
_MIN_DUPLICATE_LENGTH = 20
MAX_PASSAGE_CHARS = 5_000
"""Longer paragraphs are cut into passages of at most this many characters, between sentences
where possible. pysbd's time grows with the square of the text it is given (a 1 MB paragraph
took minutes) and spaCy's memory with its length; no news paragraph comes close to this."""
# Where a sentence probably ends: closing punctuation, then space.
_SENTENCE_BREAK = re.compile(r"[.!?…;:»”\"')\]]\s+")
# A quotation that ends its sentence inside French guillemets ("… d'incendie. » Un barbecue…"):
# pysbd leaves the next sentence glued on. Only before a capital (or a new quotation), so an
# incise that carries on in lower case ("« Non ! » s'écrie-t-il") stays in its sentence.
_END_IN_GUILLEMETS = re.compile(r"[.!?…][\s\u00a0\u202f]*»(?=\s+[«\"“A-ZÀ-ÖØ-Þ])")


@dataclass(frozen=True)
class Block:
    kind: str
    start: int
    end: int


def split_passages(article_id: str, text: str, lang: str, markdown: bool) -> tuple[list[Passage], list[str]]:
    """Split ``text`` into passages with sentences; also return notes on what was dropped."""
    blocks = _markdown_blocks(text) if markdown else _text_blocks(text)
    bounded = [Block(b.kind, start, end) for b in blocks for start, end in bounded_spans(text, b.start, b.end)]
    passages: list[Passage] = []
    seen: dict[str, int] = {}
    duplicates = 0
    for block in bounded:
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
    if len(bounded) > len(blocks):
        cut = sum(b.end - b.start > MAX_PASSAGE_CHARS for b in blocks)
        pieces = len(bounded) - len(blocks) + cut
        notes.append(f"{cut} paragraph(s) over {MAX_PASSAGE_CHARS} characters cut into {pieces} passages")
    return passages, notes


def bounded_spans(text: str, start: int, end: int, limit: int = MAX_PASSAGE_CHARS) -> list[tuple[int, int]]:
    """``text[start:end]`` as consecutive spans of at most ``limit`` characters, nothing left out but
    the spaces between them: cut after the last sentence end in the second half of each window, else
    at its last space, else (no space in half a window) at the limit."""
    spans = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = _last_break(window)
        spans.append((start, start + len(window[:cut].rstrip())))
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append((start, end))
    return spans


def _last_break(window: str) -> int:
    half = len(window) // 2
    breaks = list(_SENTENCE_BREAK.finditer(window, half))
    if breaks:
        return breaks[-1].end()
    space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
    return space + 1 if space > half else len(window)


def split_sentences(text: str, lang: str, offset: int = 0) -> list[Sentence]:
    """Sentences of ``text`` with offsets (shifted by ``offset``), from pysbd's rule-based splitter.

    Text longer than :data:`MAX_PASSAGE_CHARS` goes to pysbd in bounded pieces (see
    :func:`bounded_spans`), so its quadratic time stays bounded too. Boundaries are kept
    in the cache (:func:`core.cache.sentence_cache`): pysbd compiles hundreds of regular
    expressions in every process, most of a rerun's time when every model output is cached.
    """
    key = digest(lang, text)
    known = _sentence_cache().get(key)
    if known is not None:
        spans = json.loads(known)
    else:
        spans = _sentence_spans(text, lang)
        # A cache that cannot be written costs time on the next run, nothing else.
        with contextlib.suppress(OutputError):
            _sentence_cache().add({key: json.dumps(spans)}, durable=False)
    return [Sentence(text[start:end], offset + start, offset + end) for start, end in spans]


def _sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    spans = []
    for window_start, window_end in bounded_spans(text, 0, len(text)):
        for span in _segmenter(lang).segment(text[window_start:window_end]):
            for piece_start, piece in _split_after_guillemets(span.sent):
                stripped = piece.strip()
                if not stripped:
                    continue
                start = window_start + span.start + piece_start + (len(piece) - len(piece.lstrip()))
                spans.append((start, start + len(stripped)))
    return spans


def _sentence_cache() -> JsonlCache:
    return sentence_cache(_splitter_key())


@cache
def _splitter_key() -> str:
    """What the boundaries depend on: pysbd's version and this module's rules."""
    return digest(installed_version("pysbd"), file_digest(Path(__file__)))[:32]


def _split_after_guillemets(sentence: str) -> list[tuple[int, str]]:
    """``sentence`` cut after each quotation that ends a sentence inside guillemets, as (offset, piece)."""
    pieces, start = [], 0
    for end in _END_IN_GUILLEMETS.finditer(sentence):
        pieces.append((start, sentence[start : end.end()]))
        start = end.end()
    pieces.append((start, sentence[start:]))
    return pieces


@cache
def _segmenter(lang: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=lang, clean=False, char_span=True)


def _markdown_blocks(text: str) -> list[Block]:
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
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
