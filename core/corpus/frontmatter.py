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


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without aliases: a few bytes of nested ``*alias`` references expand to gigabytes (a "billion laughs")."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise FrontMatterError(
                f"YAML alias '*{event.anchor}' in the front matter (line {event.start_mark.line + 1}): "
                "aliases are not allowed; write the value out"
            )
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise FrontMatterError(f"date {node.value!r} is not a valid date ({exc})") from exc


_NoAliasLoader.add_constructor("tag:yaml.org,2002:timestamp", _NoAliasLoader.construct_yaml_timestamp)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Return (front matter mapping, body). No front matter gives an empty mapping."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.load(match.group(1) or "", Loader=_NoAliasLoader) or {}
    except FrontMatterError:
        raise
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML front matter: {exc}".replace("\n", " ")) from exc
    except (ValueError, TypeError, OverflowError) as exc:
        # PyYAML builds dates itself and lets Python's errors through (date: 2025-13-45).
        raise FrontMatterError(f"invalid value in the front matter: {exc}") from exc
    except RecursionError as exc:
        raise FrontMatterError("front matter nested too deeply") from exc
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
