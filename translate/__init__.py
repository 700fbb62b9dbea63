"""Batch translation of articles: Markdown-preserving, incremental, resumable, glossary-consistent."""

from summarize.translation.job import FileResult, translate_files

__all__ = ["FileResult", "translate_files"]
