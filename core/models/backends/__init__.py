"""Generation backends by name, imported only when used: ``transformers`` and ``ctranslate2``."""

BACKENDS = ("ctranslate2", "transformers")
DEFAULT_BACKEND = "ctranslate2"
