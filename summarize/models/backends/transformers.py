"""Generation with transformers' own ``generate`` (PyTorch): the reference backend, and the fallback."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from summarize.errors import ModelError
from summarize.models.seq2seq import Seq2SeqModel


@dataclass
class TransformersModel(Seq2SeqModel):
    model: Any = None
    """The ``AutoModelForSeq2SeqLM`` in eval mode."""

    def _generate_batch(self, texts: list[str]) -> list[str]:
        import torch

        options = {k: v for k, v in self.overrides.items() if k != "batch_size"}
        batch = self.tokenizer(texts, return_tensors="pt", padding=True)
        if batch["input_ids"].shape[1] > self.input_limit:
            raise ModelError(f"{self.name}: an input of {batch['input_ids'].shape[1]} tokens exceeds the limit")
        with torch.inference_mode():
            generated = self.model.generate(**batch, **options)
        return self.tokenizer.batch_decode(generated, skip_special_tokens=True)


def load(role: str, name: str, revision: str | None, folder, tokenizer, config, overrides) -> TransformersModel:
    from transformers import AutoModelForSeq2SeqLM

    try:
        model = AutoModelForSeq2SeqLM.from_pretrained(folder, local_files_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{role}: cannot load {name} from {folder}: {exc}") from exc
    model.eval()
    return TransformersModel(
        role, name, revision, tokenizer, model.config, model.generation_config, overrides, "transformers", model
    )
