"""Generation with transformers' own ``generate`` (PyTorch): the reference backend, and the fallback."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.errors import ModelError
from core.models.folder import read_generation_config
from core.models.seq2seq import BATCHING_SETTINGS, Seq2SeqModel


@dataclass
class TransformersModel(Seq2SeqModel):
    folder: Any = None
    _model: Any = None

    @property
    def model(self):
        """The ``AutoModelForSeq2SeqLM`` in eval mode, loaded on the first generation that is not cached."""
        if self._model is None:
            from transformers import AutoModelForSeq2SeqLM

            try:
                self._model = AutoModelForSeq2SeqLM.from_pretrained(self.folder, local_files_only=True).eval()
            except Exception as exc:  # from_pretrained raises many types: OSError, SafetensorError, KeyError...
                raise ModelError(f"{self.role}: cannot load {self.name} from {self.folder}: {exc}") from exc
        return self._model

    def generate_batch(self, texts: list[str]) -> list[str]:
        import torch

        options = {k: v for k, v in self.overrides.items() if k not in BATCHING_SETTINGS}
        batch = self.tokenizer(texts, return_tensors="pt", padding=True)
        if batch["input_ids"].shape[1] > self.input_limit:
            raise ModelError(f"{self.name}: an input of {batch['input_ids'].shape[1]} tokens exceeds the limit")
        with torch.inference_mode():
            generated = self.model.generate(**batch, **options)
        return self.tokenizer.batch_decode(generated, skip_special_tokens=True)


def load(role: str, name: str, revision: str | None, folder, tokenizer, config, overrides) -> TransformersModel:
    generation_config = read_generation_config(folder, config)
    return TransformersModel(
        role, name, revision, tokenizer, config, generation_config, overrides, "transformers", folder=folder
    )
