"""Shorter sentences that say the same news: what a standfirst leaves out of a lead.

A summary sentence is read in a few seconds, and its words are counted against the budget,
so words that add no news cost room the news could use. Two kinds of words are cut,
each a convention of news writing rather than a topic (French and English):

- a **dateline** opening the sentence: ``PARIS (AFP) —``, ``SYDNEY, Australia –``;
- a **parenthetical gloss**: ``(Seine-Saint-Denis)``, ``(en anglais)``, ``(file photo)``,
  unless it is the acronym of the name just before it, ``Commission électorale nationale
  indépendante (Ceni)``: a reader meets the organisation by that name afterwards.

Who says it is never cut (``…, selon la police.``, ``…, officials said.``): an analyst
must tell a claim from a fact, and a summary that drops the source turns one into the
other. Cutting it gained nothing measurable either (README, "Summary quality").

Nothing is cut when too little would be left to stand as a sentence (:data:`MIN_WORDS`).
"""

from __future__ import annotations

import re
import unicodedata

MIN_WORDS = 5
"""A cut that leaves fewer words than this is not made: the sentence stays as it was."""

_CAPITAL = "A-ZÀ-ÖØ-Þ"
_DATELINE = re.compile(
    rf"^\s*[{_CAPITAL}][{_CAPITAL}'’.\- ]{{2,40}}"  # the place, in capitals: "PARIS", "NEW ORLEANS"
    rf"(?:,\s*[{_CAPITAL}][\w.\- ]{{1,30}})?"  # its state or country: ", Mo.", ", Australia"
    r"\s*(?:\([\w\- ]{2,20}\))?"  # the agency: "(AFP)", "(AP)"
    rf"\s*[–—-]{{1,2}}\s+(?=[{_CAPITAL}\"«“])"
)
_PARENTHETICAL = re.compile(r"\s*\(([^()]{1,80})\)")


def compress(sentence: str) -> str:
    """``sentence`` without its dateline and parenthetical glosses, where it still stands."""
    text = _keep_if_it_stands(sentence, _DATELINE.sub("", sentence, count=1))
    text = _keep_if_it_stands(text, _PARENTHETICAL.sub(_drop_unless_acronym, text))
    return re.sub(r"\s{2,}", " ", text).strip()


def opens_with_dateline(sentence: str) -> bool:
    """Does ``sentence`` open with a dateline (``FORT KENT, Maine —``)? Wire copy starts its story there."""
    return bool(_DATELINE.match(sentence))


def _keep_if_it_stands(before: str, after: str) -> str:
    return after if len(after.split()) >= MIN_WORDS else before


def _drop_unless_acronym(match: re.Match[str]) -> str:
    return match.group(0) if is_acronym_of(match.group(1).strip(), match.string[: match.start()]) else ""


def is_acronym_of(token: str, before: str) -> bool:
    """Is ``token`` the acronym of the words just before it ("Ceni" after "Commission électorale
    nationale indépendante", "ANFR" after "Agence nationale des fréquences")? Its letters must
    be, in order, the first letters of at least two of those words (a word may give more than
    its initial: "fr" of "fréquences")."""
    if len(token) > 8 or not token.isalpha() or not token[:1].isupper():
        return False
    words = [_fold(w) for w in re.findall(r"\w+", re.sub(r"\b[ldLD]['’]", "", before))[-12:]]
    letters = _fold(token)
    matched = used = 0
    for word in words:
        start = matched
        while matched < len(letters) and matched - start < len(word) and word[matched - start] == letters[matched]:
            matched += 1
        used += matched > start
    return matched == len(letters) and used >= 2


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")
