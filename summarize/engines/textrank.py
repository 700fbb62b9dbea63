"""Sentence centrality by TextRank (Mihalcea & Tarau, 2004).

Two sentences are linked by the content words they share (a word that occurs twice in
each counts four times), divided by the sum of the logarithms of their lengths in
content words; a sentence's centrality is its share of a random walk on that graph
(PageRank, damping 0.85). Unlike the cosine of TF-IDF vectors (LexRank, ``extractive.py``),
the overlap is not divided by the sentences' full lengths, only by their logarithms: a
sentence that names many of the article's recurring people, places and figures is more
central than a short one that names a few, as a standfirst names them. In the news
engine it did better than LexRank on `corpus/` and the French dev pages of the
benchmark, and no worse elsewhere but for a few tenths on English dev (README, summary
quality).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from summarize.engines.citations import content_terms

DAMPING = 0.85
TOLERANCE = 1e-6
MAX_STEPS = 200


def textrank(sentences: Sequence[str]) -> np.ndarray:
    """Centrality of each sentence (they sum to 1); uniform when no two sentences share a word."""
    count = len(sentences)
    if not count:
        return np.zeros(0)
    counts = [Counter(content_terms(sentence)) for sentence in sentences]
    vocabulary = {term: index for index, term in enumerate({t for c in counts for t in c})}
    matrix = np.zeros((count, len(vocabulary)))
    for row, terms in enumerate(counts):
        for term, times in terms.items():
            matrix[row, vocabulary[term]] = times
    shared = matrix @ matrix.T
    lengths = np.log(np.maximum(matrix.sum(axis=1), 1.0))
    norm = lengths[:, None] + lengths[None, :]
    # Two one-word sentences have a norm of 0: their overlap (0 or 1) is the weight itself.
    weights = np.where(norm > 0, shared / np.where(norm > 0, norm, 1.0), shared)
    np.fill_diagonal(weights, 0.0)
    totals = weights.sum(axis=1, keepdims=True)
    transitions = np.divide(weights, totals, out=np.full_like(weights, 1.0 / count), where=totals > 0)
    walk = (1 - DAMPING) / count + DAMPING * transitions
    rank = np.full(count, 1.0 / count)
    for _ in range(MAX_STEPS):
        following = walk.T @ rank
        if np.abs(following - rank).sum() < TOLERANCE:
            return following
        rank = following
    return rank
