"""Translate texts sentence by sentence, keeping each source sentence's translation aligned.

Alignment lets a translated summary sentence inherit the citations of its source sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.models.chunking import chunk_sentences
from core.models.seq2seq import Seq2SeqModel, generate_or_report
from core.progress import Progress, stage_counter


def translate_sentences(
    model: Seq2SeqModel, texts: Sequence[Sequence[str]], progress: Progress | None = None
) -> list[list[str]]:
    """For each text (a list of sentences), the translation of each sentence.

    All sentences of all texts go through the model in one batched call. A sentence
    longer than the model's input limit is cut into pieces whose translations are joined.
    """
    limit = model.input_limit
    pieces = [[chunk_sentences([s], limit, model.count_tokens) for s in text] for text in texts]
    flat = [piece for text in pieces for sentence in text for piece in sentence]
    advance = stage_counter(progress, f"{model.role}: translation", len(flat))
    outputs, _ = generate_or_report(model, flat, advance)  # a failed sentence is empty: left out, reported
    translated = iter(outputs)
    return [
        [" ".join(next(translated) for _ in sentence_pieces).strip() for sentence_pieces in text_pieces]
        for text_pieces in pieces
    ]
