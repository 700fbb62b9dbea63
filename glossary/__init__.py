"""Bilingual glossary of a corpus: terms, acronyms and entities found in the text, with
FR/EN forms, a definition, and every occurrence linked to its passage.

Pipeline: ``extract`` (spaCy parse → pattern, acronym, borrowing, cue and entity
candidates → ranking) → ``build`` (variants merged into entries, occurrences,
definitions, missing forms from the translator) → ``render`` (JSON, Markdown, TBX,
CSV, static site).
"""

from glossary.build import build_glossary
from glossary.model import Definition, Entry, Glossary, Occurrence

__all__ = ["Definition", "Entry", "Glossary", "Occurrence", "build_glossary"]
