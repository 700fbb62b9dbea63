"""Termhood of pattern candidates: C-value, spread across articles, specificity.

``termhood = C-value × specificity × (1 + SPREAD_BONUS × (articles − 1))``, kept when
at least :data:`THRESHOLD`.

- C-value (Frantzi, Ananiadou & Mima 2000) rewards long, frequent phrases and
  discounts a phrase by how often it only occurs inside longer candidates, so
  "taux directeur" is not swallowed by "taux";
  ``log2(words + 1) × (f(a) − mean f(longer candidates containing a))``.
- Specificity: terms contain at least one word that general language uses rarely;
  ``(SPECIFICITY_CEILING − lowest Zipf frequency of its words) / 3``, clipped to [0.05, 1].
- Spread: a phrase several articles use is more likely the domain's than one writer's.

The threshold was tuned on the shipped corpus (the only one we have): two-article
phrases with one moderately rare word pass ("entité commerciale" 3.2, "panel d'experts"
2.5), one-off four-word descriptions do not ("source de discorde majeure" 2.1); so do
some real one-off terms ("droit de préemption" 2.0). Revisit it on a second corpus.
Quantities ("milliards de dollars" after a number) are measure expressions, not terms,
and are dropped before ranking.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from glossary.extract.frequency import zipf

THRESHOLD = 2.4
SPREAD_BONUS = 0.5
SPECIFICITY_CEILING = 6.0


def c_values(frequencies: Mapping[str, int]) -> dict[str, float]:
    """C-value of every key (space-separated words) given how often each occurs."""
    values = {}
    for key, frequency in frequencies.items():
        containing = [f for other, f in frequencies.items() if other != key and f" {key} " in f" {other} "]
        nested_share = sum(containing) / len(containing) if containing else 0.0
        values[key] = math.log2(len(key.split()) + 1) * (frequency - nested_share)
    return values


def specificity(words: list[str], lang: str) -> float:
    lowest = min((zipf(w.lower(), lang) for w in words if w.isalpha()), default=SPECIFICITY_CEILING)
    return min(1.0, max(0.05, (SPECIFICITY_CEILING - lowest) / 3))


def termhood(c_value: float, words: list[str], lang: str, articles: int) -> float:
    return c_value * specificity(words, lang) * (1 + SPREAD_BONUS * (articles - 1))
