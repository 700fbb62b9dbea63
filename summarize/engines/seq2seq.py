"""Abstractive summaries from a seq2seq model, map-reduce style.

Each document is cut on sentence boundaries into chunks that fit the model's input
limit (read from the model, never hard-coded); every chunk is summarised (map); when a
document had several chunks, their summaries are joined, re-chunked and summarised
again (reduce) until one chunk remains. All chunks of all documents of one language go
through the model together, so batches are full and sorted by length.

A reduce round that does not shrink the text (a model that writes more than it reads)
stops the loop: the joined chunk summaries are kept whole and the problem is reported.
Output that is empty or degenerate is replaced by the extractive summary, with the
reason recorded, rather than passed off as a model summary.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

from core.corpus.passages import split_sentences
from core.models.chunking import chunk_sentences
from core.models.loader import load_model
from core.models.quality import generation_problem
from core.models.roles import summariser_role
from core.models.seq2seq import Seq2SeqModel, generate_or_report
from core.models.settings import Settings
from core.progress import Progress, stage_counter
from summarize.engines.base import Document, Summary
from summarize.engines.news import NewsEngine

MAX_REDUCE_ROUNDS = 5


class Seq2SeqEngine:
    name = "seq2seq"
    uses_models = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.role_settings: dict[str, Settings] = {}
        """The settings each summariser role ran with (the summary length may have set its token budget)."""

    def summarise(self, documents: Mapping[str, Document], progress: Progress | None = None) -> dict[str, Summary]:
        summaries: dict[str, Summary] = {}
        for lang in sorted({d.lang for d in documents.values()}):
            subset = {doc_id: d for doc_id, d in documents.items() if d.lang == lang}
            role = summariser_role(lang)
            self.role_settings[role] = self._with_length(role, subset)
            model = load_model(self.role_settings[role], role)
            summaries.update(map_reduce(model, subset, progress))
        fallback = [doc_id for doc_id, s in summaries.items() if s.problems and not s.text]
        if fallback:
            extracted = NewsEngine(self.settings).summarise({doc_id: documents[doc_id] for doc_id in fallback})
            for doc_id in fallback:
                summaries[doc_id].text = extracted[doc_id].text
                summaries[doc_id].engine = NewsEngine.name
                summaries[doc_id].problems.append("extractive summary used instead")
        return {doc_id: summaries[doc_id] for doc_id in documents}

    def _with_length(self, role: str, documents: Mapping[str, Document]) -> Settings:
        """The settings, with the summary length (``--length``, ``[summary]``) as the role's new-token budget.

        Words become tokens at this model's own rate on these documents. A share of
        the text applies to their mean length: one budget per model and run, since a
        batch generates under one setting. Left alone when no length was asked for, or
        when ``[generation]`` already bounds the output (``max_new_tokens``, ``max_length``).
        """
        length = self.settings.summary.length
        own = self.settings.generation.get(role, {})
        if length is None or "max_new_tokens" in own or "max_length" in own or not documents:
            return self.settings
        model = load_model(self.settings, role)
        texts = [" ".join(d.sentences) for d in documents.values()]
        words = sum(len(t.split()) for t in texts)
        if not words:
            return self.settings
        tokens_per_word = sum(model.count_tokens(t) for t in texts) / words
        budget = length.budget(round(words / len(texts)))
        new_tokens = max(1, math.ceil(budget * tokens_per_word))
        generation = {**self.settings.generation, role: {**own, "max_new_tokens": new_tokens}}
        return dataclasses.replace(self.settings, generation=generation)


def map_reduce(
    model: Seq2SeqModel, documents: Mapping[str, Document], progress: Progress | None = None
) -> dict[str, Summary]:
    limit = model.input_limit
    pending = {doc_id: chunk_sentences(doc.sentences, limit, model.count_tokens) for doc_id, doc in documents.items()}
    results: dict[str, Summary] = {}
    failures: dict[str, list[str]] = {}
    for round_number in range(1, MAX_REDUCE_ROUNDS + 1):
        pending = {doc_id: chunks for doc_id, chunks in pending.items() if chunks}
        if not pending:
            break
        flat = [(doc_id, chunk) for doc_id, chunks in pending.items() for chunk in chunks]
        advance = stage_counter(progress, f"{model.role}: pass {round_number}", len(flat))
        outputs, failed = generate_or_report(model, [chunk for _, chunk in flat], advance)
        by_doc: dict[str, list[str]] = {}
        for (doc_id, _), output in zip(flat, outputs, strict=True):
            by_doc.setdefault(doc_id, []).append(output)
        for index, reason in failed.items():
            failures.setdefault(flat[index][0], []).append(f"{model.role} ({model.name}): generation failed: {reason}")

        next_round = {}
        for doc_id, chunk_summaries in by_doc.items():
            if len(chunk_summaries) == 1:
                results[doc_id] = _checked(model, chunk_summaries[0])
                continue
            usable = [s for s in chunk_summaries if not generation_problem(s)]
            if not usable:
                reasons = "; ".join(sorted({generation_problem(s) for s in chunk_summaries}))
                results[doc_id] = Summary(
                    "", [f"{model.role} ({model.name}): every chunk summary failed: {reasons}"], "seq2seq"
                )
                continue
            joined_tokens = model.count_tokens(" ".join(usable))
            source_tokens = sum(model.count_tokens(chunk) for chunk in pending[doc_id])
            if joined_tokens >= source_tokens or round_number == MAX_REDUCE_ROUNDS:
                results[doc_id] = Summary(
                    " ".join(usable),
                    [f"{model.role}: chunk summaries did not shrink below the input limit; kept joined, not reduced"],
                    "seq2seq",
                )
                continue
            lang = documents[doc_id].lang
            sentences = [s.text for summary in usable for s in split_sentences(summary, lang)]
            next_round[doc_id] = chunk_sentences(sentences, limit, model.count_tokens)
        pending = next_round
    for doc_id in documents:
        results.setdefault(doc_id, Summary("", ["nothing to summarise"], "seq2seq"))
    for doc_id, problems in failures.items():
        results[doc_id].problems[:0] = sorted(set(problems))
    return results


def _checked(model: Seq2SeqModel, text: str) -> Summary:
    problem = generation_problem(text)
    if problem:
        return Summary("", [f"{model.role} ({model.name}): {problem}"], "seq2seq")
    return Summary(text, [], "seq2seq")
