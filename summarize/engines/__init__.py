"""Summary engines, by name; each is imported only when asked for (torch is heavy)."""

from __future__ import annotations

from importlib import import_module

from core.errors import ConfigError
from summarize.engines.base import Document, Summary, SummaryEngine

ENGINES = {
    "seq2seq": "summarize.engines.seq2seq:Seq2SeqEngine",
    "extractive": "summarize.engines.news:NewsEngine",
    "lexrank": "summarize.engines.extractive:ExtractiveEngine",
}

__all__ = ["ENGINES", "Document", "Summary", "SummaryEngine", "engine_class"]


def engine_class(name: str) -> type:
    try:
        module, _, attribute = ENGINES[name].partition(":")
    except KeyError:
        raise ConfigError(f"unknown engine '{name}' (engines: {', '.join(ENGINES)})") from None
    return getattr(import_module(module), attribute)
