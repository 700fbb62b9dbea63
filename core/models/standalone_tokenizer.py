"""A model's tokenizer rebuilt without transformers, from what transformers' own tokenizer recorded once.

Importing transformers and building its tokenizer classes costs seconds of CPU on a
small machine (transformers scans the source of every model it ships; ``MarianTokenizer``
imports sacremoses and never uses it), and the CTranslate2 path pays it in every process.
The tokenisation itself lives in two small libraries: ``tokenizers`` (the "fast"
tokenizers, the whole pipeline serialisable as JSON) and ``sentencepiece`` (Marian).

So the first time a folder is loaded, transformers builds its tokenizer as usual and
:func:`record_of` writes down what it built: for a ``tokenizers``-backed class, the
complete pipeline as transformers assembled it (its class may rewrite the folder's
``tokenizer.json``) and its special tokens; for ``MarianTokenizer``, its added tokens with
their ids and strip rules, its special tokens and which SentencePiece model decodes. The
record is kept in the cache by folder revision and transformers version, and
:func:`from_record` rebuilds the tokenizer from it with the two libraries alone. A kind of
tokenizer this module does not know gives no record: that folder keeps transformers'
tokenizer (slower to start, never different).

Only what the project calls is provided: ``__call__(text)["input_ids"]``, ``encode``,
``decode(ids, skip_special_tokens=...)``, ``convert_ids_to_tokens``,
``convert_tokens_to_ids`` and ``model_max_length``; ``tests/test_standalone_tokenizer.py``
checks each against transformers' tokenizer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

RECORD_VERSION = 1
"""Bumped when what a record holds changes, so older records are made again."""
_CLEAN_UP = (
    (" .", "."),
    (" ?", "?"),
    (" !", "!"),
    (" ,", ","),
    (" ' ", "'"),
    (" n't", "n't"),
    (" 'm", "'m"),
    (" 's", "'s"),
    (" 've", "'ve"),
    (" 're", "'re"),
)
"""transformers' ``clean_up_tokenization``, in its order, for folders that ask for it."""


def record_of(tokenizer: Any) -> dict[str, Any] | None:
    """What ``tokenizer`` (built by transformers) is, to rebuild it without transformers; None if not supported."""
    common = {
        "version": RECORD_VERSION,
        "class": type(tokenizer).__name__,
        "model_max_length": tokenizer.model_max_length,
        "special_ids": sorted(set(tokenizer.all_special_ids)),
        "unk_id": tokenizer.unk_token_id,
    }
    backend = getattr(tokenizer, "_tokenizer", None)
    if backend is not None and type(backend).__module__.startswith("tokenizers"):
        model = type(backend.model).__name__
        # transformers skips its clean-up on BPE models unless told to corrupt their output anyway.
        forced = "clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output"
        clean_up = bool(tokenizer.clean_up_tokenization_spaces) and (
            model != "BPE" or bool(getattr(tokenizer, forced, False))
        )
        return {**common, "kind": "tokenizers", "pipeline": backend.to_str(), "clean_up": clean_up}
    if type(tokenizer).__name__ == "MarianTokenizer":
        return _marian_record(tokenizer, common)
    return None


def from_record(folder: Path, record: dict[str, Any]):
    """The tokenizer ``record`` describes, for the files of ``folder``."""
    if record.get("kind") == "tokenizers":
        return PipelineTokenizer(record)
    return MarianSentencePieceTokenizer(Path(folder), record)


def _marian_record(tokenizer: Any, common: dict[str, Any]) -> dict[str, Any] | None:
    if tokenizer.separate_vocabs or tokenizer.sp_model_kwargs or getattr(tokenizer, "do_lower_case", False):
        return None  # not the layout of the OPUS-MT models this project ships with: keep transformers'
    added = []
    for index, token in sorted(tokenizer.added_tokens_decoder.items()):
        if getattr(token, "single_word", False):
            return None
        added.append({"id": index, "content": str(token), "lstrip": bool(token.lstrip), "rstrip": bool(token.rstrip)})
    source, target = (Path(name).name for name in tokenizer.spm_files)
    return {
        **common,
        "kind": "marian",
        "source_spm": source,
        "target_spm": target,
        "added": added,
        "special_tokens": list(dict.fromkeys(tokenizer.all_special_tokens)),
        "eos_id": tokenizer.eos_token_id,
        "unk_token": str(tokenizer.unk_token),
        "split_special_tokens": bool(getattr(tokenizer, "split_special_tokens", False)),
        "clean_up": bool(tokenizer.clean_up_tokenization_spaces),
    }


def _clean_up(text: str) -> str:
    for before, after in _CLEAN_UP:
        text = text.replace(before, after)
    return text


class PipelineTokenizer:
    """A ``tokenizers`` pipeline as transformers' ``TokenizersBackend`` drives it: no truncation, no padding."""

    def __init__(self, record: dict[str, Any]) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_str(record["pipeline"])
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()
        self.model_max_length = record["model_max_length"]
        self.all_special_ids = list(record["special_ids"])
        self._special = set(self.all_special_ids)
        self.unk_token_id = record["unk_id"]
        self._clean_up = record["clean_up"]

    def __call__(self, text: str, add_special_tokens: bool = True) -> dict[str, list[int]]:
        return {"input_ids": self.encode(text, add_special_tokens=add_special_tokens)}

    def encode(self, text: str, add_special_tokens: bool = True) -> list[int]:
        return self._tokenizer.encode(text, add_special_tokens=add_special_tokens).ids

    def convert_ids_to_tokens(self, ids: list[int], skip_special_tokens: bool = False) -> list[str]:
        return [
            self._tokenizer.id_to_token(int(i)) for i in ids if not (skip_special_tokens and int(i) in self._special)
        ]

    def convert_tokens_to_ids(self, tokens: list[str]) -> list[int]:
        ids = [self._tokenizer.token_to_id(token) for token in tokens]
        return [self.unk_token_id if i is None else i for i in ids]

    def decode(self, ids: list[int], skip_special_tokens: bool = False) -> str:
        text = self._tokenizer.decode([int(i) for i in ids], skip_special_tokens=skip_special_tokens)
        return _clean_up(text) if self._clean_up else text


class MarianSentencePieceTokenizer:
    """transformers' ``MarianTokenizer`` (shared vocabulary) on ``sentencepiece`` and ``vocab.json`` alone.

    Encoding splits the text at its added tokens (``</s>``, ``<unk>``, ``<pad>`` written in
    the text are those tokens, as in transformers), keeps a leading ``>>xx<<`` language
    code whole, encodes the rest with the source SentencePiece model, maps pieces through
    ``vocab.json`` (unknown pieces to ``<unk>``) and appends ``</s>``. Decoding uses the
    source model too, as ``MarianTokenizer`` does when the vocabulary is shared.
    """

    def __init__(self, folder: Path, record: dict[str, Any]) -> None:
        import sentencepiece

        self.model_max_length = record["model_max_length"]
        self.all_special_ids = list(record["special_ids"])
        self._special_ids = set(self.all_special_ids)
        self._special_tokens = set(record["special_tokens"])
        self.unk_token_id = record["unk_id"]
        self.eos_token_id = record["eos_id"]
        self._clean_up = record["clean_up"]
        self._split_special = record["split_special_tokens"]
        self._unk = record["unk_token"]
        self._added = {token["content"]: token for token in record["added"]}
        self._added_by_id = {token["id"]: token["content"] for token in record["added"]}
        self._encoder = _json(folder / "vocab.json")
        self._decoder = {index: token for token, index in self._encoder.items()}
        self._spm = sentencepiece.SentencePieceProcessor()
        self._spm.Load(str(folder / record["source_spm"]))
        # The longest added token first where several start at one place, as transformers' trie matches.
        contents = sorted(self._added, key=len, reverse=True)
        self._split = re.compile("(" + "|".join(map(re.escape, contents)) + ")") if contents else None

    def __call__(self, text: str, add_special_tokens: bool = True) -> dict[str, list[int]]:
        return {"input_ids": self.encode(text, add_special_tokens=add_special_tokens)}

    def encode(self, text: str, add_special_tokens: bool = True) -> list[int]:
        ids = self.convert_tokens_to_ids(self.tokenize(text))
        return [*ids, self.eos_token_id] if add_special_tokens else ids

    def tokenize(self, text: str) -> list[str]:
        if self._split_special or self._split is None:
            return self._pieces(text)
        parts = self._split.split(text)
        for i, part in enumerate(parts):
            token = self._added.get(part) if i % 2 else None  # odd places hold the matched tokens
            if token is None:
                continue
            if token["rstrip"] and i + 1 < len(parts) and parts[i + 1]:
                parts[i + 1] = parts[i + 1].lstrip()
            if token["lstrip"] and i > 0 and parts[i - 1]:
                parts[i - 1] = parts[i - 1].rstrip()
        tokens: list[str] = []
        for i, part in enumerate(parts):
            if not part:
                continue
            if i % 2 or part in self._special_tokens:
                tokens.append(part)
            else:
                tokens.extend(self._pieces(part))
        return tokens

    def _pieces(self, text: str) -> list[str]:
        code = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:
            code, text = [text[: end + 2]], text[end + 2 :]
        return code + self._spm.encode(text, out_type=str)

    def convert_tokens_to_ids(self, tokens: list[str]) -> list[int]:
        unknown = self._encoder[self._unk]
        ids = []
        for token in tokens:
            if token in self._added:
                ids.append(self._added[token]["id"])
            else:
                ids.append(self._encoder.get(token, unknown))
        return ids

    def convert_ids_to_tokens(self, ids: list[int], skip_special_tokens: bool = False) -> list[str]:
        tokens = []
        for index in map(int, ids):
            if skip_special_tokens and index in self._special_ids:
                continue
            if index in self._added_by_id:
                tokens.append(self._added_by_id[index])
            elif index in self._decoder:
                tokens.append(self._decoder[index])
            else:
                tokens.append(self._spm.IdToPiece(index) or self._unk)
        return tokens

    def decode(self, ids: list[int], skip_special_tokens: bool = False) -> str:
        text = self._tokens_to_string(self.convert_ids_to_tokens(ids, skip_special_tokens=skip_special_tokens))
        return _clean_up(text) if self._clean_up else text

    def _tokens_to_string(self, tokens: list[str]) -> str:
        text, pieces = "", []
        for token in tokens:
            if token in self._special_tokens:
                text += self._spm.decode_pieces(pieces) + token + " "
                pieces = []
            else:
                pieces.append(token)
        text += self._spm.decode_pieces(pieces)
        return text.replace("\u2581", " ").strip()


def _json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))
