"""YAML front matter and the ``date YYYY-MM-DD`` prefix some sources put before the text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_DATE_PREFIX = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*")
# A bullet marker alone on its line, its text on the next one: one list item broken in two.
_BROKEN_LIST_ITEM = re.compile(r"^([ \t]*[-*+•])[ \t]*\n[ \t]*(?=\S)", re.MULTILINE)


class FrontMatterError(ValueError):
    pass


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Return (front matter mapping, body). No front matter gives an empty mapping."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML front matter: {exc}".replace("\n", " ")) from exc
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of keys to values")
    return data, text[match.end() :]


def normalise_body(body: str) -> tuple[str, str | None, list[str]]:
    """Remove a leading ``date`` prefix (returned as metadata) and mend broken list items."""
    notes: list[str] = []
    date = None
    match = _DATE_PREFIX.match(body)
    if match:
        date = match.group(1)
        body = body[match.end() :]
        notes.append(f"leading 'date {date}' prefix taken as the article date")
    body, mended = _BROKEN_LIST_ITEM.subn(r"\1 ", body)
    if mended:
        notes.append(f"{mended} list item(s) broken across lines joined")
    return body.strip("\n"), date, notes


def as_iso_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError as exc:
        raise FrontMatterError(f"date {value!r} is not an ISO date (YYYY-MM-DD)") from exc
