"""Generation with CTranslate2: the model converted once (int8 by default) into a cache, then run natively.

CTranslate2 runs Transformer inference in optimised C++ with quantised weights; on
CPUs it is several times faster than PyTorch and needs a fraction of the memory.
The Hugging Face tokenizer still tokenises (CTranslate2 takes tokens, not text), and
the generation settings of the model and of ``brief.toml`` are mapped onto
``translate_batch`` so both backends are driven by the same settings.

Conversion happens on first use, into ``<cache>/ctranslate2/<model>-<revision>-<quantisation>``,
written to a temporary folder and moved into place, so an interrupted conversion
leaves nothing half-made. Architectures the converter cannot handle raise
:class:`BackendUnavailable`; the loader then falls back to transformers.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.cache import cache_root, folder_revision
from core.errors import ModelError, OutputError
from core.models.folder import read_generation_config
from core.models.seq2seq import Seq2SeqModel
from core.text import slugify

log = logging.getLogger("bilingual_brief")


class BackendUnavailable(Exception):
    """This model cannot run on CTranslate2 (architecture not convertible, package missing)."""


def physical_cores() -> int:
    """Physical cores available to this process (hyper-threads do not speed up GEMMs)."""
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        pairs = set()
        physical = core = None
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "physical id":
                physical = value.strip()
            elif key.strip() == "core id":
                core = value.strip()
                pairs.add((physical, core))
        cores = len(pairs) or available
    except OSError:
        cores = available
    return max(1, min(available, cores))


@dataclass
class CTranslate2Model(Seq2SeqModel):
    converted: Path | None = None
    """The converted model folder; its weights are loaded on the first generation that is not cached."""
    threads: int | None = None
    """CPU threads in all; None means the physical cores."""
    parallel_batches: bool = False
    """Generate as many batches at once as there are threads, one thread each (the local executor hands them
    over, ``submit_batch``); otherwise one batch at a time on every thread (a Ray actor's ``generate_batch``)."""
    target_vocabulary: frozenset[str] = frozenset()
    """Tokens the converted model can produce (suppressing any other one is an error in CTranslate2)."""
    _translator: Any = None

    @property
    def translator(self):
        if self._translator is None:
            try:
                self._translator = _translator_for(self)
            except (RuntimeError, ValueError, OSError) as exc:
                raise ModelError(f"{self.role}: cannot load {self.name} from {self.converted}: {exc}") from exc
        return self._translator

    @property
    def workers(self) -> int:
        """Batches generated at once (CTranslate2's ``inter_threads``)."""
        return (self.threads or physical_cores()) if self.parallel_batches else 1

    def generate_batch(self, texts: list[str]) -> list[str]:
        tokens, options = self._inputs(texts)
        if self.workers > 1 and len(texts) > 1:
            # A batch generated alone (a call with one batch: one short file, a last summary step)
            # would leave all workers but one idle, each having one thread: CTranslate2 splits it
            # into as many sub-batches as there are workers and runs them at once.
            options["max_batch_size"] = -(-len(texts) // self.workers)
        return self._outputs(self.translator.translate_batch(tokens, **options))

    def submit_batch(self, texts: list[str]) -> Callable[[], list[str]]:
        """Start one batch on a free worker; the function returned waits for its outputs (the local executor's).

        The batch runs as one job, as :meth:`generate_batch` runs it, so its outputs are the same.
        """
        tokens, options = self._inputs(texts)
        pending = self.translator.translate_batch(tokens, asynchronous=True, **options)
        return lambda: self._outputs([result.result() for result in pending])

    def _inputs(self, texts: list[str]) -> tuple[list[list[str]], dict[str, Any]]:
        tokens = [self.tokenizer.convert_ids_to_tokens(self.token_ids(text)) for text in texts]
        options = decoding_options(self)
        forced_bos = self.options.get("forced_bos_token_id")
        if forced_bos is not None:
            # transformers forces this token first (BART); CTranslate2 takes it as a target prefix.
            options["target_prefix"] = [self.tokenizer.convert_ids_to_tokens([forced_bos])] * len(texts)
        return tokens, options

    def _outputs(self, results) -> list[str]:
        outputs = []
        for result in results:
            ids = self.tokenizer.convert_tokens_to_ids(result.hypotheses[0])
            outputs.append(self.tokenizer.decode(ids, skip_special_tokens=True))
        return outputs


def _translator_for(model: CTranslate2Model):
    import ctranslate2

    # Decoding steps of a batch are small matrix products: two threads on one batch spend much of
    # their time waiting on each other, while two batches at once keep both busy (README: "Where the
    # end-to-end ratio goes").
    threads = model.threads or physical_cores()
    return ctranslate2.Translator(
        str(model.converted),
        device="cpu",
        compute_type=model.backend.removeprefix("ctranslate2-"),
        intra_threads=max(1, threads // model.workers),
        inter_threads=model.workers,
    )


def decoding_options(model: Seq2SeqModel) -> dict[str, Any]:
    """transformers' generation settings as ``translate_batch`` arguments, limits always explicit.

    transformers counts the decoder start token in ``max_length``/``min_length``;
    CTranslate2 counts generated tokens only, hence the ``- 1``. Greedy float32 output
    is then the same on both backends (tested on the tiny models).
    """
    options = model.options
    max_new = options.get("max_new_tokens") or max(1, (options.get("max_length") or 20) - 1)
    min_new = options.get("min_new_tokens") or max(0, (options.get("min_length") or 0) - 1)
    if options.get("forced_eos_token_id") is not None:
        # transformers spends the last position on the forced end-of-sequence token;
        # CTranslate2 returns tokens without it, so one content token fewer matches.
        max_new = max(1, max_new - 1)
    # At least one token, as CTranslate2's own default: an output that is only the end token
    # is never wanted (and transformers' no-repeat rule forbids it when the start token is EOS).
    min_new = min(max(1, min_new), max_new)
    decoding: dict[str, Any] = {
        "beam_size": int(options.get("num_beams") or 1),
        "max_input_length": model.input_limit,  # CTranslate2 would silently cut at 1024 otherwise
        "max_decoding_length": int(max_new),
        "min_decoding_length": int(min_new),
        "no_repeat_ngram_size": int(options.get("no_repeat_ngram_size") or 0),
        "length_penalty": float(options.get("length_penalty") or 1.0),
        "repetition_penalty": float(options.get("repetition_penalty") or 1.0),
    }
    suppressed = list(options.get("suppress_tokens") or []) + [
        w for ids in options.get("bad_words_ids") or [] for w in ids
    ]
    vocabulary = getattr(model, "target_vocabulary", frozenset())
    tokens = [token for token in model.tokenizer.convert_ids_to_tokens(suppressed) if token in vocabulary]
    if tokens:
        decoding["suppress_sequences"] = [[token] for token in tokens]
    return decoding


def converted_folder(name: str, folder: Path, revision: str | None, quantization: str) -> Path:
    """Where the converted copy of ``folder`` lives: keyed by model, revision and quantisation.

    A local folder's revision already hashes its files (:func:`~core.cache.folder_revision`).
    """
    stamp = (revision or folder_revision(folder)).removeprefix("local-")[:12]
    return cache_root() / "ctranslate2" / f"{slugify(name)[:60]}-{stamp}-{quantization}"


def convert(name: str, folder: Path, revision: str | None, quantization: str) -> Path:
    target = converted_folder(name, folder, revision, quantization)
    if (target / "model.bin").is_file():
        return target
    try:
        import ctranslate2  # noqa: F401  (the converter below needs it)
    except ImportError as exc:
        raise BackendUnavailable("the ctranslate2 package is not installed") from exc
    log.info("converting %s to CTranslate2 (%s), once: %s", name, quantization, target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise OutputError(
            f"{target.parent}: cannot write the CTranslate2 conversion of {name} here ({exc.strerror or exc}); "
            "set BRIEF_CACHE_DIR to a writable folder"
        ) from exc
    try:
        _converter_class()(str(folder), load_as_float16=False).convert(
            str(scratch / "model"), quantization=quantization, force=True
        )
        _set_decoder_start(scratch / "model", folder)
        os.replace(scratch / "model", target)
    except FileExistsError:
        pass  # another process converted it meanwhile
    except OSError as exc:
        if not (target / "model.bin").is_file():
            raise BackendUnavailable(f"conversion failed: {exc}") from exc
    except Exception as exc:  # the converter raises many types for unsupported architectures
        raise BackendUnavailable(f"CTranslate2 cannot convert it ({type(exc).__name__}: {exc})") from exc
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def _converter_class():
    from ctranslate2.converters import TransformersConverter

    class Converter(TransformersConverter):
        """The stock converter, with the BART/mBART config attribute transformers 5 no longer has."""

        def load_model(self, model_class, model_name_or_path, **kwargs):
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            config = model.config
            if config.model_type in ("bart", "mbart") and not hasattr(config, "normalize_before"):
                # BART normalises after each sub-layer, mBART before (as transformers implements them).
                config.normalize_before = config.model_type == "mbart"
            return model

    return Converter


def _set_decoder_start(converted: Path, folder: Path) -> None:
    """Write the decoder start token of the model's own config (the converter guesses it for mBART)."""
    hf_config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    if hf_config.get("model_type") != "mbart":
        return  # other converters read the start token from the config themselves
    start = hf_config.get("decoder_start_token_id")
    ct2_config_path = converted / "config.json"
    ct2_config = json.loads(ct2_config_path.read_text(encoding="utf-8"))
    ordered = _ordered_vocabulary(converted)
    if start is not None and 0 <= start < len(ordered):
        ct2_config["decoder_start_token"] = ordered[start]
        ct2_config_path.write_text(json.dumps(ct2_config, indent=2), encoding="utf-8")


def _ordered_vocabulary(converted: Path) -> list[str]:
    for name in ("target_vocabulary.json", "shared_vocabulary.json"):
        if (converted / name).is_file():
            return json.loads((converted / name).read_text(encoding="utf-8"))
    return []


def load(
    role,
    name,
    revision,
    folder,
    tokenizer,
    config,
    overrides,
    quantization="int8",
    threads=None,
    parallel_batches=False,
):
    """Convert once (or find the conversion in the cache); the weights load on first use."""
    converted = convert(name, Path(folder), revision, quantization)
    return CTranslate2Model(
        role,
        name,
        revision,
        tokenizer,
        config,
        read_generation_config(folder, config),
        overrides,
        f"ctranslate2-{quantization}",
        converted=converted,
        threads=threads,
        parallel_batches=parallel_batches,
        target_vocabulary=_vocabulary(converted),
    )


def _vocabulary(converted: Path) -> frozenset[str]:
    return frozenset(_ordered_vocabulary(converted))
