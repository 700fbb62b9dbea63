"""A loaded seq2seq model: token counting, its input limit, and batched generation.

:class:`Seq2SeqModel` is the one generation interface of the project; each backend in
``core/models/backends`` implements :meth:`Seq2SeqModel.generate_batch`, and an
executor (``core/models/executors``: this process, or a Ray cluster) runs the
batches. The tokenizer, the model config and the generation config always come from
the Hugging Face folder, so both backends count tokens, read limits and settings alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from core.cache import JsonlCache, digest, generation_cache
from core.errors import GenerationError, ModelError
from core.models.executors.base import Executor
from core.progress import Progress

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
BATCHING_SETTINGS = ("batch_size", "batch_tokens", "prefix", "max_input_tokens")
"""Settings of ``[generation]`` that are not passed to ``generate``: batching, and the model's input
(a task prefix put before every input, and the input limit where the model declares none)."""
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
    executor: Executor | None = None
    """Where the batches run: this process or a Ray cluster (the outputs are the same); set by the loader."""
    _token_ids: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)
    """Each text's ids, tokenised once: chunking, batching and CTranslate2's input all need them."""

    @property
    def input_limit(self) -> int:
        """Most tokens (special tokens included) one input may have, from the tokenizer and the config."""
        limits = [
            getattr(self.tokenizer, "model_max_length", None),
            getattr(self.config, "max_position_embeddings", None),
        ]
        limits = [int(x) for x in limits if isinstance(x, int) and 0 < x < _NO_LIMIT]
        if self.overrides.get("max_input_tokens"):
            limits.append(int(self.overrides["max_input_tokens"]))
        if not limits:
            raise ModelError(
                f"{self.role} ({self.name}): neither the tokenizer nor the config gives an input length limit; "
                f"set one with max_input_tokens under [generation.{self.role}] in brief.toml "
                "(e.g. 512 for T5-family models)"
            )
        return min(limits)

    @property
    def prefix(self) -> str:
        """Put before every input (``prefix`` in ``[generation.<role>]``): T5-family models read the task from it."""
        return str(self.overrides.get("prefix") or "")

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` as the model reads it: prefix and special tokens included."""
        return len(self.token_ids(self.prefix + text))

    def token_ids(self, text: str) -> list[int]:
        """The ids of ``text`` as given (special tokens included), computed once per text."""
        ids = self._token_ids.get(text)
        if ids is None:
            ids = self._token_ids[text] = list(self.tokenizer(text, add_special_tokens=True)["input_ids"])
        return ids

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

    def generate(
        self,
        texts: Sequence[str],
        progress: Callable[[int], None] | None = None,
        on_results: Callable[[dict[int, str]], None] | None = None,
    ) -> list[str]:
        """Generate one output per text, in the order given.

        Results already in the generation cache are not generated again. The others are
        sorted by length and batched so each batch pads little, run on the executor, and
        cached as each batch comes back; ``on_results`` gets the cached outputs first,
        then each batch's outputs as it comes back, by index. A batch that fails is
        retried one input at a time, so a bad input costs only itself; inputs that still
        fail raise :class:`GenerationError` at the end, after every other output is
        cached. The caller guarantees every text fits :attr:`input_limit` (see
        ``core.models.chunking``).
        """
        results = generation_cache(self.cache_key)
        keys = [digest(text) for text in texts]
        outputs: list[str | None] = [results.get(key) for key in keys]
        todo = [i for i, output in enumerate(outputs) if output is None]
        if len(todo) < len(texts):
            if on_results:
                on_results({i: output for i, output in enumerate(outputs) if output is not None})
            if progress:
                progress(len(texts) - len(todo))
        run = _Run(texts, keys, outputs, results, progress, on_results)
        failed = run.batches(self, list(self._batches(texts, todo)))
        if failed:
            failed = run.batches(self, [[index] for index in sorted(failed)])
        if failed:
            raise GenerationError(self.role, self.name, failed, outputs)
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

    def generate_batch(self, texts: list[str]) -> list[str]:
        """One batch as given, no cache: what executors call."""
        raise NotImplementedError


def generate_or_report(model: Seq2SeqModel, texts: list[str], progress=None) -> tuple[list[str], dict[int, str]]:
    """Every output (empty where generation failed), and the failed inputs with their reasons.

    The quality check then treats a failed output like an empty one, so the caller's
    fallback (extractive summary, sentence left out) applies and the reason is reported.
    """
    try:
        return model.generate(texts, progress=progress), {}
    except GenerationError as exc:
        return [output or "" for output in exc.outputs], exc.failed


@dataclass
class _Run:
    """One :meth:`Seq2SeqModel.generate` call: where each batch's outputs go as it comes back."""

    texts: Sequence[str]
    keys: list[str]
    outputs: list[str | None]
    cache: JsonlCache
    progress: Callable[[int], None] | None
    on_results: Callable[[dict[int, str]], None] | None

    def batches(self, model: Seq2SeqModel, batches: list[list[int]]) -> dict[int, str]:
        """Run ``batches`` (lists of input indices) on the model's executor; the failed inputs and why."""
        failed: dict[int, str] = {}
        if model.executor is None:
            raise ModelError(f"{model.role} ({model.name}): no executor to run its batches (load it with load_model)")
        inputs = [[model.prefix + self.texts[i] for i in batch] for batch in batches]
        for result in model.executor.run(model, inputs):
            indices = batches[result.number]
            if result.outputs is None:
                failed.update(dict.fromkeys(indices, result.error or "generation failed"))
                continue
            done = {index: text.strip() for index, text in zip(indices, result.outputs, strict=True)}
            for index, text in done.items():
                self.outputs[index] = text
            self.cache.add({self.keys[i]: text for i, text in done.items()})
            if self.on_results:
                self.on_results(done)
            if self.progress:
                self.progress(len(done))
        return failed


class SentenceTranslator(Protocol):
    """Sentence-aligned translation (``translate.translate_sentences``), as the summaries pipeline is handed it."""

    def __call__(
        self, model: Seq2SeqModel, texts: Sequence[Sequence[str]], progress: Progress | None = None
    ) -> list[list[str]]:
        """For each text (a list of sentences), the translation of each sentence, in the same order."""
        ...
