"""A loaded seq2seq model: token counting, its input limit, and batched generation."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from summarize.errors import ModelError

# Reported generation settings: the ones that shape the output, from the model's own config.
REPORTED_SETTINGS = (
    "num_beams",
    "max_length",
    "max_new_tokens",
    "min_length",
    "min_new_tokens",
    "no_repeat_ngram_size",
    "length_penalty",
    "early_stopping",
    "do_sample",
)
DEFAULT_BATCH_SIZE = 8
# Tokenizers without a real limit report a huge sentinel for model_max_length.
_NO_LIMIT = 1_000_000


@dataclass
class Seq2SeqModel:
    role: str
    name: str
    revision: str | None
    tokenizer: Any
    model: Any
    overrides: Mapping[str, Any]
    """Generation settings from the config file; everything else comes from the model's generation config."""

    @property
    def input_limit(self) -> int:
        """Most tokens (special tokens included) one input may have, from the tokenizer and the config."""
        limits = [
            getattr(self.tokenizer, "model_max_length", None),
            getattr(self.model.config, "max_position_embeddings", None),
        ]
        limits = [int(x) for x in limits if isinstance(x, int) and 0 < x < _NO_LIMIT]
        if not limits:
            raise ModelError(f"{self.name}: neither the tokenizer nor the config gives an input length limit")
        return min(limits)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=True)["input_ids"])

    @property
    def generation_settings(self) -> dict[str, Any]:
        """The settings generation runs with, as recorded in the outputs."""
        defaults = self.model.generation_config.to_dict()
        settings = {key: defaults.get(key) for key in REPORTED_SETTINGS if defaults.get(key) is not None}
        return {**settings, **self.overrides}

    def generate(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> list[str]:
        """Generate one output per text, in the order given.

        Texts are sorted by length and batched so each batch pads little; the caller
        guarantees every text fits :attr:`input_limit` (see ``summarize.engines.chunking``).
        """
        import torch

        options = dict(self.overrides)
        batch_size = int(options.pop("batch_size", DEFAULT_BATCH_SIZE))
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        outputs: list[str] = [""] * len(texts)
        for first in range(0, len(order), batch_size):
            indices = order[first : first + batch_size]
            batch = self.tokenizer([texts[i] for i in indices], return_tensors="pt", padding=True)
            if batch["input_ids"].shape[1] > self.input_limit:
                raise ModelError(f"{self.name}: an input of {batch['input_ids'].shape[1]} tokens exceeds the limit")
            try:
                with torch.inference_mode():
                    generated = self.model.generate(**batch, **options)
            except (RuntimeError, ValueError, TypeError) as exc:
                raise ModelError(f"{self.role} ({self.name}): generation failed: {exc}") from exc
            for index, text in zip(
                indices, self.tokenizer.batch_decode(generated, skip_special_tokens=True), strict=True
            ):
                outputs[index] = text.strip()
            if progress:
                progress(len(indices))
        return outputs
