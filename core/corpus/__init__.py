"""Corpus reading: files → articles → passages → sentences (first stage of the pipeline)."""

from summarize.corpus.document import Article, Corpus, Passage, Sentence, SkippedFile
from summarize.corpus.passages import split_sentences
from summarize.corpus.reader import read_article, read_corpus

__all__ = ["Article", "Corpus", "Passage", "Sentence", "SkippedFile", "read_article", "read_corpus", "split_sentences"]
