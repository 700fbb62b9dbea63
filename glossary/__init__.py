"""Bilingual glossary of a corpus: terms, acronyms and entities found in the text, with
FR/EN forms, a definition, and every occurrence linked to its passage.

Pipeline: ``extract`` (spaCy parse → pattern, acronym, borrowing, cue and entity
candidates → ranking) → ``build`` (variants merged into entries, occurrences,
definitions, missing forms from the translator) → ``render`` (JSON, Markdown, TBX,
CSV, static site).
"""

from glossary.model import Definition, Entry, Glossary, Occurrence

__all__ = ["Definition", "Entry", "Glossary", "Occurrence", "build_glossary"]


def __getattr__(name: str):
    # The extractor (parsers, a few hundred compiled patterns) loads on first use: commands that only
    # read a glossary (translate, the site) import ``glossary.model`` and should not pay for it.
    if name == "build_glossary":
        from glossary.build import build_glossary

        return build_glossary
    raise AttributeError(f"module 'glossary' has no attribute {name!r}")
