"""Jinja2 templates with autoescaping, the inlined stylesheet and script, and each page's CSP.

Every page carries a Content-Security-Policy that allows only its own inline style and
script (by hash) and nothing from anywhere else, so the site works from ``file://`` with
no network and an article cannot make a page load anything. The CSS and JavaScript of
``publish/static`` are inlined in each page as they are (marked safe: escaping them
would change the bytes the hashes cover).
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("publish", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["static"] = static
    env.globals["policy"] = policy
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


@cache
def static(name: str) -> Markup:
    """A file of ``publish/static``, to inline in a ``<style>`` or ``<script>`` element as it is."""
    return Markup(resources.files("publish").joinpath("static", name).read_text(encoding="utf-8"))


def policy(style: str, script: str) -> str:
    """The page's CSP: its own inline style and script (by hash), nothing else, no form, no base."""
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src '{_sha256(style)}'",
            f"script-src '{_sha256(script)}'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def script_json(data: Any) -> Markup:
    """JSON that cannot end its ``<script>`` element nor open a comment or a CDATA section in it."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def _sha256(text: str) -> str:
    """CSP source expression for an inline element whose content is exactly ``text``."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
