"""Jinja2 templates with autoescaping, the inlined stylesheet and script, and each page's CSP.

Every page carries a Content-Security-Policy that allows only its own inline style and
script (by hash) and nothing from anywhere else, so the site works from ``file://`` with
no network and an article cannot make a page load anything. The CSS and JavaScript of
``publish/static`` are inlined in each page as they are (marked safe: escaping them
would change the bytes the hashes cover).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from core.cache import cache_root, digest


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("publish", "templates"),
        bytecode_cache=_compiled_templates(),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["static"] = static
    env.globals["policy"] = policy
    return env


class _CompiledTemplates(FileSystemBytecodeCache):
    """Templates compiled once, not in every build (compiling them was about a tenth of a rebuild
    from the caches). Jinja compiles a template again when its source changed; the folder is keyed
    by Jinja's version and this file, where the options that shape the compiled code are set. A
    cache that cannot be read or written only costs time."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file (cut short, say) raises many types: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled_templates() -> FileSystemBytecodeCache | None:
    folder = cache_root() / "templates" / digest(jinja2.__version__, Path(__file__).read_text(encoding="utf-8"))[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _CompiledTemplates(str(folder))


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
