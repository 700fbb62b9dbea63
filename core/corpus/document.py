"""The corpus data model: articles split into passages and sentences.

Offsets (``start``/``end``) are character offsets into :attr:`Article.text`, so
``article.text[p.start:p.end] == p.text`` holds for every passage and sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

SUMMARISABLE_KINDS = ("paragraph", "list_item")


@dataclass(frozen=True)
class Sentence:
    text: str
    """The sentence, exactly as in the article text (no trailing space)."""
    start: int
    """Offset of the first character in the article text."""
    end: int
    """Offset one past the last character."""


@dataclass(frozen=True)
class Passage:
    id: str
    """Stable id ``<article-id>#p<N>``, N counted from 1 over the kept passages."""
    index: int
    """N in the id."""
    kind: str
    """``paragraph``, ``heading`` or ``list_item``."""
    text: str
    """The passage text, without Markdown markers such as ``## `` or ``- ``."""
    start: int
    end: int
    sentences: tuple[Sentence, ...]
    """The passage's sentences, in order, with offsets into the article text."""

    @property
    def anchor(self) -> str:
        """The fragment part of the id (``p3``), used as an anchor in rendered pages."""
        return self.id.rsplit("#", 1)[1]


@dataclass(frozen=True)
class Article:
    id: str
    """Readable slug from the front matter, else from the file name."""
    title: str
    lang: str
    """``fr`` or ``en``."""
    date: str | None
    """ISO date (``YYYY-MM-DD``) when the article gives one."""
    source: str
    """The original file name (front matter ``source``, else the file's own name)."""
    path: Path
    text: str
    """The article body after normalisation: no front matter, no date prefix."""
    passages: tuple[Passage, ...]
    notes: tuple[str, ...] = ()
    """What the reader changed or dropped, for the user to see (never silent)."""
    front_matter: dict = field(default_factory=dict, hash=False, compare=False)
    """The front matter as written in the file (empty without one); translations keep its keys."""

    def passage(self, passage_id: str) -> Passage:
        for passage in self.passages:
            if passage.id == passage_id:
                return passage
        raise KeyError(passage_id)

    @property
    def summarisable_sentences(self) -> list[Sentence]:
        """Sentences of paragraphs and list items: the input of the summarisers (headings left out)."""
        return [s for p in self.passages if p.kind in SUMMARISABLE_KINDS for s in p.sentences]


@dataclass(frozen=True)
class SkippedFile:
    path: Path
    reason: str


@dataclass
class Corpus:
    root: Path
    articles: list[Article] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    """Files that were not read, each with the reason (empty, binary, undecodable, ...)."""

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    @property
    def majority_lang(self) -> str:
        """The language most articles are written in (French on a tie)."""
        french = sum(a.lang == "fr" for a in self.articles)
        return "fr" if french * 2 >= len(self.articles) else "en"

    def passage(self, passage_id: str) -> Passage:
        return self.article(passage_id.split("#", 1)[0]).passage(passage_id)
