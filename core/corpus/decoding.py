"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected legacy encoding."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

# Control characters other than tab, newline, carriage return and form feed never appear in prose.
_TEXT_CONTROLS = {9, 10, 12, 13}
# What XML 1.0 cannot carry (most C0 controls, U+FFFE/U+FFFF, lone surrogates) and the other
# controls (DEL, C1): they pass the binary check in small numbers (an ESC, a Word VT) but would
# make memory.tmx and glossary.tbx invalid, and mean nothing in prose.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Controls that stand for a line break (Word's VT, form feed, NEL) become one, so words stay apart.
_LINE_BREAK_CONTROLS = {"\x0b": "\n", "\x0c": "\n", "\x85": "\n"}


class NotText(ValueError):
    """The bytes are empty, binary, or in no encoding we can identify; ``str()`` says which."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    detected: bool
    """True when the encoding was guessed rather than declared by a BOM or valid UTF-8."""


def decode_text(data: bytes) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", "UTF-8 with BOM")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "UTF-16")
    if not data.strip():
        raise NotText("empty file")
    if b"\x00" in data:
        raise NotText("binary file (contains NUL bytes)")
    try:
        decoded = Decoded(data.decode("utf-8"), "utf-8", detected=False)
    except UnicodeDecodeError:
        decoded = _detect(data)
    _refuse_binary(decoded.text)
    return decoded


def remove_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters but tab and newline; also how many there were."""
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        count += 1
        return _LINE_BREAK_CONTROLS.get(match.group(), "")

    return _CONTROLS.sub(replace, text), count


def _strict(data: bytes, encoding: str, label: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise NotText(f"invalid {label} at byte {exc.start}") from exc
    if not text.strip():
        raise NotText("empty file")
    _refuse_binary(text)
    return Decoded(text, encoding, detected=False)


def _detect(data: bytes) -> Decoded:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise NotText("not UTF-8, and no other text encoding fits; convert it to UTF-8")
    return Decoded(str(best), best.encoding, detected=True)


def _refuse_binary(text: str) -> None:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ord(ch) not in _TEXT_CONTROLS)
    if controls > max(2, len(sample) // 100):
        raise NotText("binary file (control characters in the text)")
