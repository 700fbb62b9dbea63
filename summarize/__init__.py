"""bilingual-brief: French/English summaries of a folder of news articles, with local models.

The pipeline, one stage per subpackage: ``corpus`` (files → articles → passages →
sentences), ``models`` (roles, lazy loading, batched generation), ``engines``
(summaries), ``brief`` (translation, citations, the corpus summary) and ``render``
(JSON and Markdown outputs). See ARCHITECTURE.md.
"""

from summarize.brief import Brief, summarise_corpus
from summarize.corpus import Article, Corpus, Passage, Sentence, read_corpus
from summarize.errors import (
    ArticleError,
    BriefError,
    ConfigError,
    CorpusError,
    ModelError,
    ModelNotAvailableError,
    OutputError,
)
from summarize.models.settings import Settings, resolve_settings
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
