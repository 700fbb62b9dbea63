"""Translation: Markdown articles translated into the other language (incremental, resumable,
glossary-consistent, with a TMX memory), and the sentence-aligned translation that the
summaries use so each translated sentence keeps its citations."""

from translate.job import FileResult, has_no_prose, translate_files
from translate.sentences import translate_sentences

__all__ = ["FileResult", "has_no_prose", "translate_files", "translate_sentences"]
