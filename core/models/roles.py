"""The four model roles and their default models."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("summarize-fr", "summarize-en", "fr-en", "en-fr")


@dataclass(frozen=True)
class DefaultModel:
    hub_id: str
    licence: str
    download_mb: int
    """Approximate size of the weights download, from the model's hub page."""
    about: str


DEFAULT_MODELS = {
    "summarize-fr": DefaultModel(
        "moussaKam/barthez-orangesum-abstract", "Apache-2.0", 557, "BARThez (mBART) fine-tuned on OrangeSum abstracts"
    ),
    "summarize-en": DefaultModel(
        "sshleifer/distilbart-cnn-12-6", "Apache-2.0", 1220, "DistilBART 12-6 fine-tuned on CNN/DailyMail"
    ),
    "fr-en": DefaultModel(
        "Helsinki-NLP/opus-mt-fr-en", "Apache-2.0", 301, "OPUS-MT Marian transformer, French→English"
    ),
    "en-fr": DefaultModel(
        "Helsinki-NLP/opus-mt-en-fr", "Apache-2.0", 301, "OPUS-MT Marian transformer, English→French"
    ),
}


def summariser_role(lang: str) -> str:
    return f"summarize-{lang}"


def translator_role(source: str, target: str) -> str:
    return f"{source}-{target}"


def other_language(lang: str) -> str:
    return "en" if lang == "fr" else "fr"
