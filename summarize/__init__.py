"""Summaries: each article and the whole corpus summarised in French and English, every
sentence citing its passages.

``engines`` (one summarisation algorithm per file, by name), ``pipeline`` (engine
summaries → sentence-aligned translation → citations → corpus summary) and ``render``
(JSON and Markdown briefs). It stands on the shared ``core`` (corpus reading, models);
names re-exported here for convenience come from there. See ARCHITECTURE.md.
"""

from core.corpus import Article, Corpus, Passage, Sentence, read_corpus
from core.errors import (
    ArticleError,
    BriefError,
    ConfigError,
    CorpusError,
    ModelError,
    ModelNotAvailableError,
    OutputError,
)
from core.models.settings import Settings, resolve_settings
from summarize.pipeline import Brief, summarise_corpus
from summarize.render import write_summaries

__all__ = [
    "Article",
    "ArticleError",
    "Brief",
    "BriefError",
    "ConfigError",
    "Corpus",
    "CorpusError",
    "ModelError",
    "ModelNotAvailableError",
    "OutputError",
    "Passage",
    "Sentence",
    "Settings",
    "read_corpus",
    "resolve_settings",
    "summarise_corpus",
    "write_summaries",
]
