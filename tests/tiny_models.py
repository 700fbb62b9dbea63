"""Build tiny, randomly initialised stand-ins for the project's default hub models.

The real models (BARThez, DistilBART, OPUS-MT) are hundreds of megabytes and need
network access.  For tests we only need folders that *look* like those models to
``AutoTokenizer`` / ``AutoModelForSeq2SeqLM``: the same architecture, the same
tokenizer class, the same special-token layout and a generation config.  The
weights are random, so generated text is gibberish, but every code path (loading,
tokenising, truncating to the input limit, ``generate``, decoding) is exercised.

Tokenizers are trained on whatever text is at hand (a few KB is enough), so no
vocabulary files have to be checked into the repository.

Run ``python tests/tiny_models.py [TEXT_FILES...]`` for a demo that builds all
four models, reloads them through the Auto classes and generates once with each.
"""

from __future__ import annotations

import io
import json
import logging
import os
import pathlib
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import sentencepiece
import torch
from tokenizers import ByteLevelBPETokenizer, processors
from transformers import (
    BartConfig,
    BartForConditionalGeneration,
    BarthezTokenizer,
    BartTokenizer,
    GenerationConfig,
    MarianConfig,
    MarianMTModel,
    MarianTokenizer,
    MBartConfig,
    MBartForConditionalGeneration,
    T5Config,
    T5ForConditionalGeneration,
    T5Tokenizer,
)
from transformers.utils import logging as hf_logging

# Role name -> hub model the tiny model imitates (kept for documentation/reporting).
IMITATED_HUB_MODELS: dict[str, str] = {
    "summarize-fr": "moussaKam/barthez-orangesum-abstract",
    "summarize-en": "sshleifer/distilbart-cnn-12-6",
    "fr-en": "Helsinki-NLP/opus-mt-fr-en",
    "en-fr": "Helsinki-NLP/opus-mt-en-fr",
}

# A T5-family model users may bring: it reads its task from an input prefix, and neither
# its tokenizer nor its config declares an input limit (relative position buckets).
IMITATED_T5_MODEL = "google-t5/t5-small"

# Upper bound for the trained vocabularies.  SentencePiece treats it as a soft limit
# (see ``hard_vocab_limit=False``) because ~20 KB of text cannot always fill it.
TARGET_VOCAB_SIZE = 1000

# Small generation budget: random weights rarely emit EOS, so generation always runs
# to the length limit, and a short limit keeps tests fast.
GENERATION_MAX_LENGTH = 24
GENERATION_NUM_BEAMS = 2

# Shape shared by all tiny models.  d_model must be divisible by the head count;
# sinusoidal positions (Marian) additionally need an even d_model.
TINY_SHAPE: dict[str, int] = {
    "d_model": 32,
    "encoder_layers": 1,
    "decoder_layers": 1,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
}

SEED = 0


# --------------------------------------------------------------------------- text


def _read_training_lines(text_files: list[pathlib.Path]) -> list[str]:
    """Return the non-empty lines of ``text_files``, each cut to a bounded length.

    SentencePiece silently drops sentences longer than ``max_sentence_length`` and
    trains on lines, so long paragraphs are split into chunks of words instead.
    """
    max_chars = 1000
    lines: list[str] = []
    for path in text_files:
        for raw_line in path.read_text(encoding="utf-8").splitlines():
            words = raw_line.split()
            chunk: list[str] = []
            chunk_len = 0
            for word in words:
                if chunk and chunk_len + len(word) + 1 > max_chars:
                    lines.append(" ".join(chunk))
                    chunk, chunk_len = [], 0
                chunk.append(word)
                chunk_len += len(word) + 1
            if chunk:
                lines.append(" ".join(chunk))
    if not lines:
        raise ValueError(f"no text found in {[str(p) for p in text_files]}")
    # One extra line with every printable ASCII character, so that (with
    # character_coverage=1.0) English input or ASCII quotes never map to <unk>
    # just because the French training text happened not to contain them.
    lines.append("".join(chr(code) for code in range(33, 127)))
    return lines


def _train_sentencepiece(lines: list[str], **special_id_options: int | str) -> bytes:
    """Train a unigram SentencePiece model on ``lines`` and return its serialised proto.

    ``special_id_options`` sets the ids of the control pieces (``bos_id``, ``pad_id``,
    ...) so that each tokenizer gets the same special-token layout as its real
    counterpart.
    """
    model_bytes = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model_bytes,
        model_type="unigram",
        vocab_size=TARGET_VOCAB_SIZE,
        # Small corpora cannot always reach vocab_size; treat it as a maximum.
        hard_vocab_limit=False,
        # Keep every accented character instead of mapping rare ones to <unk>.
        character_coverage=1.0,
        # Single thread keeps the result deterministic and is fast enough here.
        num_threads=1,
        # Silence the (very verbose) C++ training log; errors still surface.
        minloglevel=2,
        **special_id_options,
    )
    return model_bytes.getvalue()


# ---------------------------------------------------------------------- tokenizers


def _build_barthez_tokenizer(lines: list[str], workdir: pathlib.Path, max_positions: int) -> BarthezTokenizer:
    """BARThez tokenizer: SentencePiece unigram with fairseq-style special ids.

    The real ``sentencepiece.bpe.model`` has ``<s>=0 <pad>=1 </s>=2 <unk>=3`` and
    ``BarthezTokenizer`` hard-codes ``unk_id=3``, so the same layout is required.
    In transformers v5 ``BarthezTokenizer`` is a ``tokenizers``-backed class; we
    give it the vocabulary directly (building it from the ``.model`` file would
    need ``protobuf``, which is not a project dependency).
    """
    del workdir  # everything needed ends up in tokenizer.json
    model_proto = _train_sentencepiece(
        lines,
        bos_id=0,
        pad_id=1,
        eos_id=2,
        unk_id=3,
        user_defined_symbols="<mask>",
    )
    processor = sentencepiece.SentencePieceProcessor(model_proto=model_proto)
    vocab = [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())]
    # Built from a bare vocabulary, the v5 class adds no special tokens at all;
    # the hub's tokenizer.json wraps inputs as "<s> text </s>" (template copied
    # from transformers' BarthezConverter), and loading keeps this post-processor.
    post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[
            ("<s>", processor.piece_to_id("<s>")),
            ("</s>", processor.piece_to_id("</s>")),
        ],
    )
    return BarthezTokenizer(vocab=vocab, post_processor=post_processor, model_max_length=max_positions)


def _build_bart_tokenizer(lines: list[str], workdir: pathlib.Path, max_positions: int) -> BartTokenizer:
    """BART tokenizer: byte-level BPE saved as ``vocab.json`` + ``merges.txt``.

    Special tokens get BART's ids (``<s>=0 <pad>=1 </s>=2 <unk>=3``); ``<mask>``
    comes right after them rather than at the end of the vocabulary, which does
    not matter for tests.
    """
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(
        lines,
        vocab_size=TARGET_VOCAB_SIZE,
        min_frequency=2,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
        show_progress=False,
    )
    vocab_path, merges_path = bpe.save_model(str(workdir))
    vocab = json.loads(pathlib.Path(vocab_path).read_text(encoding="utf-8"))
    # merges.txt starts with a "#version" header, then one "left right" pair per line.
    merge_lines = pathlib.Path(merges_path).read_text(encoding="utf-8").splitlines()
    merges = [tuple(line.split(" ")) for line in merge_lines if line and not line.startswith("#version")]
    # In transformers v5 BartTokenizer is an alias of the tokenizers-backed
    # RobertaTokenizer, whose constructor takes `vocab`/`merges` (dict/list);
    # the v4 `vocab_file`/`merges_file` keywords are silently ignored.
    return BartTokenizer(vocab=vocab, merges=merges, model_max_length=max_positions)


def _build_marian_tokenizer(lines: list[str], workdir: pathlib.Path, max_positions: int) -> MarianTokenizer:
    """Marian tokenizer: ``source.spm`` + ``target.spm`` + a shared ``vocab.json``.

    As in the OPUS-MT releases, ``vocab.json`` maps ``</s>`` to 0, ``<unk>`` to 1
    and puts ``<pad>`` last (the model uses pad as decoder start token).  Both
    sides are trained on the same text, so one SentencePiece model serves as
    source and target.
    """
    model_proto = _train_sentencepiece(lines, unk_id=0, bos_id=-1, eos_id=1, pad_id=-1)
    for name in ("source.spm", "target.spm"):
        (workdir / name).write_bytes(model_proto)

    processor = sentencepiece.SentencePieceProcessor(model_proto=model_proto)
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for piece_id in range(processor.get_piece_size()):
        piece = processor.id_to_piece(piece_id)
        if piece not in vocab:
            vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (workdir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=1), encoding="utf-8")

    with warnings.catch_warnings():
        # MarianTokenizer nags about the optional `sacremoses` punctuation normaliser.
        warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
        return MarianTokenizer(
            source_spm=str(workdir / "source.spm"),
            target_spm=str(workdir / "target.spm"),
            vocab=str(workdir / "vocab.json"),
            model_max_length=max_positions,
        )


# -------------------------------------------------------------------------- models


def _generation_config(**options: int) -> GenerationConfig:
    """Generation settings small enough for fast tests, plus model-specific ``options``
    (special token ids, ...).

    A random model greedily repeats one token until the length limit; forbidding any
    repeated token (``no_repeat_ngram_size=1``, a setting the real summarisers use with
    n=3) makes it write varied gibberish, which is what the pipeline's success path needs.
    Tests of the degenerate-output path build their own model.
    """
    options.setdefault("no_repeat_ngram_size", 1)
    return GenerationConfig(max_length=GENERATION_MAX_LENGTH, num_beams=GENERATION_NUM_BEAMS, **options)


def _build_barthez_model(tokenizer: BarthezTokenizer, max_positions: int) -> MBartForConditionalGeneration:
    """mBART architecture with BARThez's special ids (bos 0, pad 1, eos 2, start 2)."""
    special_ids = {
        "bos_token_id": tokenizer.bos_token_id,
        "pad_token_id": tokenizer.pad_token_id,
        "eos_token_id": tokenizer.eos_token_id,
        "decoder_start_token_id": tokenizer.eos_token_id,
        "forced_eos_token_id": tokenizer.eos_token_id,
    }
    config = MBartConfig(
        vocab_size=len(tokenizer),
        max_position_embeddings=max_positions,
        **TINY_SHAPE,
        **special_ids,
    )
    model = MBartForConditionalGeneration(config)
    model.generation_config = _generation_config(**special_ids)
    return model


def _build_bart_model(tokenizer: BartTokenizer, max_positions: int) -> BartForConditionalGeneration:
    """BART architecture with DistilBART-CNN's special ids (start = eos, forced bos)."""
    special_ids = {
        "bos_token_id": tokenizer.bos_token_id,
        "pad_token_id": tokenizer.pad_token_id,
        "eos_token_id": tokenizer.eos_token_id,
        "decoder_start_token_id": tokenizer.eos_token_id,
        "forced_bos_token_id": tokenizer.bos_token_id,
        "forced_eos_token_id": tokenizer.eos_token_id,
    }
    config = BartConfig(
        vocab_size=len(tokenizer),
        max_position_embeddings=max_positions,
        **TINY_SHAPE,
        **special_ids,
    )
    model = BartForConditionalGeneration(config)
    model.generation_config = _generation_config(**special_ids)
    return model


def _build_marian_model(tokenizer: MarianTokenizer, max_positions: int) -> MarianMTModel:
    """Marian architecture with OPUS-MT's special ids (eos 0, pad last, start = pad)."""
    special_ids = {
        "bos_token_id": tokenizer.eos_token_id,
        "pad_token_id": tokenizer.pad_token_id,
        "eos_token_id": tokenizer.eos_token_id,
        "decoder_start_token_id": tokenizer.pad_token_id,
        "forced_eos_token_id": tokenizer.eos_token_id,
    }
    config = MarianConfig(
        vocab_size=len(tokenizer),
        decoder_vocab_size=len(tokenizer),
        max_position_embeddings=max_positions,
        share_encoder_decoder_embeddings=True,
        **TINY_SHAPE,
        **special_ids,
    )
    model = MarianMTModel(config)
    model.generation_config = _generation_config(**special_ids)
    return model


def _build_t5_tokenizer(lines: list[str]) -> T5Tokenizer:
    """T5 tokenizer: SentencePiece unigram with T5's ids (``<pad>=0 </s>=1 <unk>=2``), no length limit.

    Like the hub's t5-small, it declares no ``model_max_length``: that is what
    ``max_input_tokens`` in ``brief.toml`` is for.
    """
    model_proto = _train_sentencepiece(lines, pad_id=0, eos_id=1, unk_id=2, bos_id=-1)
    processor = sentencepiece.SentencePieceProcessor(model_proto=model_proto)
    vocab = [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())]
    return T5Tokenizer(vocab=vocab, extra_ids=0)


def _build_t5_model(tokenizer: T5Tokenizer) -> T5ForConditionalGeneration:
    """T5 architecture (relative attention, no position limit) with T5's special ids (start = pad)."""
    special_ids = {
        "pad_token_id": tokenizer.pad_token_id,
        "eos_token_id": tokenizer.eos_token_id,
        "decoder_start_token_id": tokenizer.pad_token_id,
    }
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=TINY_SHAPE["d_model"],
        d_kv=TINY_SHAPE["d_model"] // TINY_SHAPE["encoder_attention_heads"],
        d_ff=TINY_SHAPE["encoder_ffn_dim"],
        num_layers=TINY_SHAPE["encoder_layers"],
        num_decoder_layers=TINY_SHAPE["decoder_layers"],
        num_heads=TINY_SHAPE["encoder_attention_heads"],
        **special_ids,
    )
    model = T5ForConditionalGeneration(config)
    model.generation_config = _generation_config(**special_ids)
    return model


# ------------------------------------------------------------------------ public API


@contextmanager
def _progress_bars_disabled() -> Iterator[None]:
    """Hide transformers' tqdm bars (v5 shows one per ``save_pretrained``) temporarily."""
    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


def build_tiny_models(
    text_files: list[pathlib.Path], dest: pathlib.Path, max_positions: int = 128
) -> dict[str, pathlib.Path]:
    """Train tokenizers on ``text_files`` and save one tiny random model per role.

    Args:
        text_files: UTF-8 text used to train every tokenizer (French news is fine
            for all roles; the English/French distinction is irrelevant here).
        dest: Folder that receives one sub-folder per role (created if missing).
        max_positions: Input limit, written both as ``max_position_embeddings``
            and as the tokenizer's ``model_max_length``.

    Returns:
        Mapping from role (``"summarize-fr"``, ``"summarize-en"``, ``"fr-en"``,
        ``"en-fr"``) to a folder loadable with ``AutoTokenizer.from_pretrained``
        and ``AutoModelForSeq2SeqLM.from_pretrained``.
    """
    lines = _read_training_lines([pathlib.Path(p) for p in text_files])
    dest = pathlib.Path(dest)
    dest.mkdir(parents=True, exist_ok=True)

    # Same seed for every call so repeated builds give identical weights.
    torch.manual_seed(SEED)
    builders = {
        "summarize-fr": (_build_barthez_tokenizer, _build_barthez_model),
        "summarize-en": (_build_bart_tokenizer, _build_bart_model),
        "fr-en": (_build_marian_tokenizer, _build_marian_model),
        "en-fr": (_build_marian_tokenizer, _build_marian_model),
    }
    saved: dict[str, pathlib.Path] = {}
    with _progress_bars_disabled():
        for role, (build_tokenizer, build_model) in builders.items():
            role_dir = dest / role
            role_dir.mkdir(parents=True, exist_ok=True)
            # Tokenizer source files go to a scratch folder: save_pretrained then
            # writes the files the real hub repositories ship into role_dir.
            with tempfile.TemporaryDirectory() as scratch:
                tokenizer = build_tokenizer(lines, pathlib.Path(scratch), max_positions)
                model = build_model(tokenizer, max_positions)
                tokenizer.save_pretrained(role_dir)
            model.save_pretrained(role_dir)
            saved[role] = role_dir
    return saved


def build_tiny_t5(text_files: list[pathlib.Path], dest: pathlib.Path) -> pathlib.Path:
    """Train a T5 tokenizer on ``text_files`` and save a tiny random T5 model in ``dest``.

    The folder loads with the Auto classes like ``google-t5/t5-small``, and like it
    declares no input limit (``tokenizer.model_max_length`` is the "no limit" sentinel
    and the config has no ``max_position_embeddings``).
    """
    lines = _read_training_lines([pathlib.Path(p) for p in text_files])
    dest = pathlib.Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(SEED)
    with _progress_bars_disabled():
        tokenizer = _build_t5_tokenizer(lines)
        model = _build_t5_model(tokenizer)
        tokenizer.save_pretrained(dest)
        model.save_pretrained(dest)
    return dest


# ---------------------------------------------------------------------------- demo


def _demo() -> None:
    """Build the models, reload them through the Auto classes and generate once."""
    import sys
    import time

    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    log = logging.getLogger("tiny_models")

    if len(sys.argv) > 1:
        text_files = [pathlib.Path(arg) for arg in sys.argv[1:]]
    else:
        text_files = sorted(pathlib.Path("/work/shared/corpus").glob("*.txt"))
    sample = "Après des mois de rumeurs, OpenAI et Microsoft ont dévoilé les termes de leur nouvel accord."

    with tempfile.TemporaryDirectory() as dest:
        start = time.perf_counter()
        folders = build_tiny_models(text_files, pathlib.Path(dest))
        log.info("built %d models in %.1f s", len(folders), time.perf_counter() - start)

        for role, folder in folders.items():
            tokenizer = AutoTokenizer.from_pretrained(folder)
            model = AutoModelForSeq2SeqLM.from_pretrained(folder)
            batch = tokenizer(
                [sample, sample * 20],
                return_tensors="pt",
                padding=True,
                truncation=True,
            )
            output_ids = model.generate(**batch)
            text = tokenizer.batch_decode(output_ids, skip_special_tokens=True)[0]
            log.info(
                "%-12s %s + %s | vocab %d, %d params, model_max_length %d, input %s -> output %s | %r",
                role,
                type(tokenizer).__name__,
                type(model).__name__,
                len(tokenizer),
                model.num_parameters(),
                tokenizer.model_max_length,
                tuple(batch["input_ids"].shape),
                tuple(output_ids.shape),
                text[:40],
            )


if __name__ == "__main__":
    _demo()
