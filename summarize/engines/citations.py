"""Link each summary sentence to the source passages it draws on, by weighted lexical overlap.

A passage is cited when it shares enough of the sentence's informative words (weighted
by inverse document frequency over the passages, so "Airbus" in an Airbus corpus
counts for little); up to :data:`MAX_CITED` passages, the best first.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from core.corpus.document import Passage
from core.corpus.language import STOPWORDS
from core.text import fold, words

MIN_SCORE = 0.25
"""Share of the sentence's word weight a passage must cover to be cited."""
RELATIVE_TO_BEST = 0.6
MAX_CITED = 3


class PassageIndex:
    """Passages of one article (or of the whole corpus) prepared for overlap scoring."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self.passages = [p for p in passages if p.kind != "heading"] or list(passages)
        self._passage_terms = [set(content_terms(p.text)) for p in self.passages]
        frequency = Counter(term for terms in self._passage_terms for term in terms)
        total = len(self.passages)
        self._idf = {term: math.log((1 + total) / (1 + df)) + 1.0 for term, df in frequency.items()}
        self._unseen_idf = math.log(1 + total) + 1.0

    def cite(self, sentence: str) -> list[str]:
        """Ids of the passages ``sentence`` draws on, best first; empty when none is close enough."""
        terms = set(content_terms(sentence))
        if not terms:
            return []
        weight = sum(self._idf.get(t, self._unseen_idf) for t in terms)
        scored = []
        for passage, passage_terms in zip(self.passages, self._passage_terms, strict=True):
            shared = terms & passage_terms
            if shared:
                scored.append((sum(self._idf[t] for t in shared) / weight, passage.index, passage.id))
        if not scored:
            return []
        scored.sort(key=lambda item: (-item[0], item[1]))
        best = scored[0][0]
        return [pid for score, _, pid in scored[:MAX_CITED] if score >= MIN_SCORE and score >= best * RELATIVE_TO_BEST]


_ALL_STOPWORDS = STOPWORDS["fr"] | STOPWORDS["en"]


def content_terms(text: str) -> list[str]:
    return [fold(w) for w in words(text) if len(w) > 1 and w.lower() not in _ALL_STOPWORDS]
