"""The model layer: roles, where models live, lazy loading, batched generation."""

from core.models.loader import check_available, load_model
from core.models.roles import DEFAULT_MODELS, ROLES
from core.models.seq2seq import Seq2SeqModel

__all__ = ["DEFAULT_MODELS", "ROLES", "Seq2SeqModel", "check_available", "load_model"]
