"""A loaded seq2seq model: token counting, its input limit, and batched generation.

:class:`Seq2SeqModel` is the one generation interface of the project; each backend in
``summarize/models/backends`` implements :meth:`Seq2SeqModel._generate_batch`. The
tokenizer, the model config and the generation config always come from the Hugging
Face folder, so both backends count tokens, read limits and settings alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from summarize.cache import digest, generation_cache
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
    "repetition_penalty",
    "early_stopping",
    "do_sample",
)
DEFAULT_BATCH_SIZE = 16
"""At most this many inputs per batch (``batch_size`` in ``[generation]``)."""
DEFAULT_BATCH_TOKENS = 2048
"""At most this many padded input tokens per batch (``batch_tokens``): inputs × the longest one."""
BATCHING_SETTINGS = ("batch_size", "batch_tokens")
# Tokenizers without a real limit report a huge sentinel for model_max_length.
_NO_LIMIT = 1_000_000


@dataclass
class Seq2SeqModel:
    role: str
    name: str
    revision: str | None
    tokenizer: Any
    config: Any
    """The model's transformers config (limits, special token ids)."""
    generation_config: Any
    """The model's own generation config; ``overrides`` go over it."""
    overrides: Mapping[str, Any]
    """Generation settings from the config file; everything else comes from the model's generation config."""
    backend: str = "transformers"

    @property
    def input_limit(self) -> int:
        """Most tokens (special tokens included) one input may have, from the tokenizer and the config."""
        limits = [
            getattr(self.tokenizer, "model_max_length", None),
            getattr(self.config, "max_position_embeddings", None),
        ]
        limits = [int(x) for x in limits if isinstance(x, int) and 0 < x < _NO_LIMIT]
        if not limits:
            raise ModelError(f"{self.name}: neither the tokenizer nor the config gives an input length limit")
        return min(limits)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=True)["input_ids"])

    @property
    def options(self) -> dict[str, Any]:
        """Every generation setting in force: the model's generation config under the overrides."""
        return {**self.generation_config.to_dict(), **self.overrides}

    @property
    def generation_settings(self) -> dict[str, Any]:
        """The settings generation runs with, as recorded in the outputs."""
        options = self.options
        settings = {key: options[key] for key in REPORTED_SETTINGS if options.get(key) is not None}
        return {**settings, **self.overrides, "backend": self.backend}

    @property
    def cache_key(self) -> str:
        """What results depend on: model, revision, backend and every generation setting."""
        settings = json.dumps(self.options, sort_keys=True, default=str)
        return digest(self.name, self.revision or "", self.backend, settings)

    def generate(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> list[str]:
        """Generate one output per text, in the order given.

        Results already in the generation cache are not generated again. The others are
        sorted by length and batched so each batch pads little, and cached after each
        batch. The caller guarantees every text fits :attr:`input_limit`
        (see ``summarize.engines.chunking``).
        """
        results = generation_cache(self.cache_key)
        keys = [digest(text) for text in texts]
        outputs = [results.get(key) for key in keys]
        todo = [i for i, output in enumerate(outputs) if output is None]
        if progress and len(todo) < len(texts):
            progress(len(texts) - len(todo))
        for indices in self._batches(texts, todo):
            try:
                generated = self._generate_batch([texts[i] for i in indices])
            except (RuntimeError, ValueError, TypeError) as exc:
                raise ModelError(f"{self.role} ({self.name}): generation failed: {exc}") from exc
            for index, text in zip(indices, generated, strict=True):
                outputs[index] = text.strip()
            results.add({keys[i]: outputs[i] for i in indices})
            if progress:
                progress(len(indices))
        return outputs

    def _batches(self, texts: Sequence[str], todo: list[int]):
        """Indices of ``todo`` in batches by padded tokens, inputs sorted by token length."""
        limit_inputs = int(self.overrides.get("batch_size", DEFAULT_BATCH_SIZE))
        limit_tokens = int(self.overrides.get("batch_tokens", DEFAULT_BATCH_TOKENS))
        lengths = {i: self.count_tokens(texts[i]) for i in todo}
        batch: list[int] = []
        longest = 0
        for index in sorted(todo, key=lambda i: (lengths[i], i)):
            widest = max(longest, lengths[index])
            if batch and (len(batch) + 1 > limit_inputs or (len(batch) + 1) * widest > limit_tokens):
                yield batch
                batch, widest = [], lengths[index]
            batch.append(index)
            longest = widest
        if batch:
            yield batch

    def _generate_batch(self, texts: list[str]) -> list[str]:
        raise NotImplementedError


def generation_config_of(folder, config):
    """The folder's generation config, else one derived from the model config (old checkpoints)."""
    from transformers import GenerationConfig

    try:
        return GenerationConfig.from_pretrained(folder, local_files_only=True)
    except OSError:
        return GenerationConfig.from_model_config(config)
