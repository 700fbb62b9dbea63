"""How long a summary may be: a number of words, or a share of the text's words.

Set by ``--length`` (``50`` words, ``0.2`` or ``20%`` of the article) and by
``length`` in the ``[summary]`` table of ``brief.toml``. The default is near the length
of a news standfirst, which is what a reader expects from a summary of one article.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import ConfigError

DEFAULT_WORDS = 60
"""A standfirst runs to about 40–60 words; summaries take the upper end: ROUGE F1 against
standfirsts rises up to about this length, and LEAD-3, the baseline, runs 56–72 words
(README, summary benchmark)."""


@dataclass(frozen=True)
class Length:
    words: int | None = DEFAULT_WORDS
    share: float | None = None
    """Share of the text's words, in (0, 1]; used when ``words`` is None."""

    def budget(self, text_words: int) -> int:
        """Most words the summary of a text of ``text_words`` words may have (at least one)."""
        if self.words is not None:
            return self.words
        return max(1, round(text_words * (self.share or 0.0)))

    def budget_for(self, sentences: list[str] | tuple[str, ...]) -> int:
        """:meth:`budget` for a text given as its sentences."""
        return self.budget(sum(len(sentence.split()) for sentence in sentences))

    def __str__(self) -> str:
        return f"{self.words} words" if self.words is not None else f"{self.share:g} of the text"


def configured_length(settings: object) -> Length:
    """The summary length ``settings`` ask for (``--length`` or ``[summary]``), else the default."""
    return getattr(getattr(settings, "summary", None), "length", None) or Length()


def parse_length(value: object, where: str = "--length") -> Length:
    """``50`` → 50 words; ``0.2`` or ``"20%"`` → a fifth of the text; else a ConfigError naming ``where``."""
    text = str(value).strip()
    try:
        if text.endswith("%"):
            share = float(text[:-1]) / 100
        elif isinstance(value, bool):
            raise ValueError
        elif isinstance(value, int) or text.isdigit():
            words = int(text)
            if words < 1:
                raise ValueError
            return Length(words=words)
        else:
            share = float(text)
    except ValueError:
        share = -1.0
    if not 0 < share <= 1:
        raise ConfigError(
            f"{where}: expected a number of words (e.g. 50) or a share of the text (e.g. 0.2 or 20%), not {value!r}"
        )
    return Length(words=None, share=share)
