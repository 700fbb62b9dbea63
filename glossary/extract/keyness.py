"""Keyness: how much more a corpus uses a word than general language does.

A word's expected count in a corpus of N running words is N times its probability in
general language (wordfreq's Zipf value z is log10 of its frequency per billion words,
so p = 10^(z − 9)); a lemma's probability is the sum of its forms'. Two measures compare
the observed count O with that expectation E:

- log-likelihood G² (Dunning 1993; Rayson & Garside 2000), for a reference corpus so large
  that only the corpus side varies: ``G² = 2 (O ln(O/E) − (O − E))``. It says whether the
  excess is more than chance, and grows with the count, so a word the text repeats is
  more surely key than one it uses once;
- weirdness ``O / E`` (Ahmad et al. 1999): how many times more often than in general
  text. G² alone calls any repeated everyday word key in a long text ("gouvernement"
  ten times); weirdness alone calls any rare word key after one use.

A word is key when G² clears :data:`SIGNIFICANT_G2`, the usual p < 0.0001 critical
value, and its weirdness clears one of two bars:

- :data:`KEY_WEIRDNESS` (1000), on its own: the words a text is about ("sécheresse" in an
  article on drought, "cheminots" in one on a rail strike) reach it and evaluative or
  everyday words ("crucial", "rôle", "mesures") do not, whatever their count;
- :data:`SPREAD_WEIRDNESS` (100) when the word is used in at least :data:`MIN_SPREAD`
  articles and is outside the core vocabulary (:data:`CORE_VOCABULARY`). Dispersion is
  the evidence a raw cut lacks: a word the whole collection keeps using ("inflation"
  across wire stories on a rate decision, "neige" across reports on a snowless season) is
  its subject even when general text uses it often, while one writer's aside stays in one
  article. The 1000 bar alone missed such words on clean test pages ("pêche" at 380,
  "carriers" at 347).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from glossary.extract.frequency import zipf

SIGNIFICANT_G2 = 15.13
KEY_WEIRDNESS = 1000.0
SPREAD_WEIRDNESS = 100.0
MIN_SPREAD = 2
CORE_VOCABULARY = 10 ** (5.0 - 9)
"""Probability of a word used once in 100,000 (Zipf 5): the core vocabulary ("gouvernement",
"problems") is never key by dispersion; a short text repeats such words whatever its topic."""


def log_likelihood(observed: float, expected: float) -> float:
    """G² of ``observed`` against ``expected`` (0 when the word is not used more than expected)."""
    if observed <= expected or observed <= 0:
        return 0.0
    return 2 * (observed * math.log(observed / expected) - (observed - expected))


def general_probability(forms: Iterable[str], lang: str) -> float:
    """Probability of a lemma in general ``lang`` text: the sum over the forms the corpus used."""
    return sum(10 ** (zipf(form.lower(), lang) - 9) for form in set(forms))


# wordfreq gives 0 to a word it never saw: such a word is at most as common as the rarest it lists.
_FLOOR = 10 ** (1.0 - 9)


@dataclass
class Keyness:
    """Counts of the corpus's words by key (lemma or folded form), per language."""

    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    forms: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    words: Counter = field(default_factory=Counter)
    """Running words per language (N)."""
    articles: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))

    def add(self, lang: str, key: str, form: str, article: str = "") -> None:
        self.counts[lang][key] += 1
        self.articles[lang][key].add(article)
        self.forms[lang][key].add(form)
        self.words[lang] += 1

    def count(self, key: str, lang: str) -> int:
        return self.counts[lang][key]

    def expected(self, key: str, lang: str) -> float:
        probability = max(general_probability(self.forms[lang][key], lang), _FLOOR)
        return self.words[lang] * probability

    def weirdness(self, key: str, lang: str) -> float:
        observed = self.count(key, lang)
        return observed / self.expected(key, lang) if observed else 0.0

    def g2(self, key: str, lang: str) -> float:
        return log_likelihood(self.count(key, lang), self.expected(key, lang))

    def spread(self, key: str, lang: str) -> int:
        return len(self.articles[lang][key])

    def is_key(self, key: str, lang: str) -> bool:
        """Used more than chance, and either far more than general language uses it or, in
        several articles, a hundred times more."""
        if self.g2(key, lang) < SIGNIFICANT_G2:
            return False
        weirdness = self.weirdness(key, lang)
        if weirdness >= KEY_WEIRDNESS:
            return True
        core = general_probability(self.forms[lang][key], lang) >= CORE_VOCABULARY
        return not core and weirdness >= SPREAD_WEIRDNESS and self.spread(key, lang) >= MIN_SPREAD


MIN_REPEATS = 3
"""A lone word is proposed for its keyness only when the text repeats it: one use is no evidence
of what a text is about (rarity alone already lets rare words in)."""


def count_words(parsed: Iterable) -> Keyness:
    """Every running word of the parsed passages, keyed as the extractors key them (lemma when tagged)."""
    from glossary.extract.ngrams import marked_verbs, ngram_key, word_tokens
    from glossary.extract.patterns import token_key

    keyness = Keyness()
    for item in parsed:
        lang = item.article.lang
        if item.tagged:
            for token in item.doc:
                if token.is_alpha:
                    keyness.add(lang, token_key(token), token.text, item.article.id)
        else:
            # Untagged text: a word a marker makes a verb ("to capture") is not the noun it may also be.
            words = word_tokens(item.passage.text)
            verbs = marked_verbs(words)
            for index, word in enumerate(words):
                if word[:1].isalpha() and index not in verbs:
                    keyness.add(lang, ngram_key([word]), word, item.article.id)
    return keyness


def key_words(keyness: Keyness, lang: str) -> frozenset[str]:
    """Keys of the words of ``lang`` text that are key and repeated at least :data:`MIN_REPEATS` times."""
    return frozenset(
        key for key, count in keyness.counts[lang].items() if count >= MIN_REPEATS and keyness.is_key(key, lang)
    )
