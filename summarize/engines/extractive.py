"""Model-free summaries: the most central sentences (LexRank), kept diverse with MMR.

Sentences are TF-IDF vectors over content words; centrality is the stationary
distribution of a random walk on their cosine-similarity graph (LexRank, Erkan & Radev
2004); then Maximal Marginal Relevance (Carbonell & Goldstein 1998) picks sentences that
are central but unlike those already picked, within a word budget (``length.py``).
Picked sentences are returned in text order. The news-aware engine (``news.py``) is the
default extractive engine; this one is ``--engine lexrank``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from core.models.length import Length, configured_length
from core.progress import Progress
from summarize.engines.base import Document, Summary
from summarize.engines.citations import content_terms

DAMPING = 0.85
MMR_LAMBDA = 0.7
"""Weight of centrality against redundancy when picking the next sentence."""


class ExtractiveEngine:
    name = "lexrank"
    uses_models = False

    def __init__(self, settings: object = None) -> None:
        # Same constructor as the model engines, so the registry can build any engine alike.
        self.length: Length = configured_length(settings)

    def summarise(self, documents: Mapping[str, Document], progress: Progress | None = None) -> dict[str, Summary]:
        summaries = {}
        for done, (doc_id, document) in enumerate(documents.items(), start=1):
            words = self.length.budget_for(document.sentences)
            picked = select_sentences(document.sentences, len(document.sentences), max_words=words)
            text = " ".join(document.sentences[i] for i in picked)
            summaries[doc_id] = Summary(text, [] if text else ["no sentence to extract"], self.name)
            if progress:
                progress("extractive summaries", done, len(documents))
        return summaries


def select_sentences(sentences: Sequence[str], budget: int, max_words: int | None = None) -> list[int]:
    """Indices of up to ``budget`` central, non-redundant sentences, in text order.

    With ``max_words``, picking stops before the sentence that would take the summary
    past that many words (the first sentence is always kept).
    """
    if not sentences:
        return []
    similarity = _similarity(sentences)
    centrality = _lexrank(similarity)
    picked: list[int] = []
    used = 0
    candidates = set(range(len(sentences)))
    while candidates and len(picked) < budget:

        def marginal(i: int) -> float:
            redundancy = max((similarity[i, j] for j in picked), default=0.0)
            return MMR_LAMBDA * centrality[i] - (1 - MMR_LAMBDA) * redundancy

        best = max(sorted(candidates), key=marginal)
        if max_words is not None and picked and used + len(sentences[best].split()) > max_words:
            break
        picked.append(best)
        used += len(sentences[best].split())
        candidates.remove(best)
    return sorted(picked)


def _similarity(sentences: Sequence[str]) -> np.ndarray:
    bags = [Counter(content_terms(s)) for s in sentences]
    frequency = Counter(term for bag in bags for term in bag)
    idf = {t: math.log(len(bags) / df) + 1.0 for t, df in frequency.items()}
    vocabulary = {t: i for i, t in enumerate(sorted(frequency))}
    vectors = np.zeros((len(bags), max(1, len(vocabulary))))
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            vectors[row, vocabulary[term]] = count * idf[term]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    return vectors @ vectors.T


def _lexrank(similarity: np.ndarray, iterations: int = 100, tolerance: float = 1e-8) -> np.ndarray:
    size = similarity.shape[0]
    weights = similarity.copy()
    np.fill_diagonal(weights, 0.0)
    row_sums = weights.sum(axis=1, keepdims=True)
    # A sentence similar to no other one links to every sentence equally.
    transition = np.where(row_sums > 0, weights / np.where(row_sums > 0, row_sums, 1), 1.0 / size)
    scores = np.full(size, 1.0 / size)
    for _ in range(iterations):
        updated = (1 - DAMPING) / size + DAMPING * transition.T @ scores
        if np.abs(updated - scores).sum() < tolerance:
            return updated
        scores = updated
    return scores
