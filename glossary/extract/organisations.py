"""Words that make a name an organisation's, in English and French (generic vocabulary, no corpus's names).

Shared by ``names`` (typing a capitalised name ``ORG``) and ``acronyms`` (a body abroad keeps an
acronym in its own language, so its name pairs with it by position).
"""

from __future__ import annotations

_ORGANISATION_WORDS = """agency organization organisation ministry department commission bank university institute
council inc corp corporation group association society service administration centre center directorate
secretariat observatory regulator office authority foundation company court committee board union party fund
federation agence autorité banque conseil institut société ministère université fondation groupe observatoire"""
ORGANISATION_WORDS = frozenset(_ORGANISATION_WORDS.split())
