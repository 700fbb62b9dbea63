"""Corpus reading: files → articles → passages → sentences (first stage of the pipeline)."""

from core.corpus.document import Article, Corpus, Passage, Sentence, SkippedFile
from core.corpus.passages import split_sentences
from core.corpus.reader import read_article, read_corpus

__all__ = ["Article", "Corpus", "Passage", "Sentence", "SkippedFile", "read_article", "read_corpus", "split_sentences"]
