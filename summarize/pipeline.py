"""The summaries pipeline: corpus → engine summaries → translations → citations → corpus summary.

Each article is summarised in its own language by the chosen engine; the other
language is the translation of that summary, sentence by sentence, so each translated
sentence carries the citations of the sentence it translates. The corpus summary picks
the main developments across the articles, in the corpus's majority language
(``engines/multidoc.py``), then is translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.corpus.document import Article, Corpus
from core.corpus.passages import split_sentences
from core.errors import ModelNotAvailableError
from core.models.loader import check_available, load_model
from core.models.quality import generation_problem
from core.models.roles import other_language, summariser_role, translator_role
from core.models.seq2seq import SentenceTranslator
from core.models.settings import Settings
from core.progress import Progress
from summarize.engines import Document, Summary, engine_class
from summarize.engines.citations import PassageIndex
from summarize.engines.multidoc import Source, summarise_sources

LANGS = ("fr", "en")
CORPUS_ID = "corpus"
CORPUS_ENGINE = "multidoc"
"""What writes the corpus summary, whatever engine wrote the articles' summaries."""


@dataclass
class Citation:
    lang: str
    sentence: str
    passages: list[str]
    """Ids (``<article-id>#p<N>``) of the passages the sentence draws on; may be empty."""


@dataclass
class SummaryPair:
    """A text summarised in both languages, with the citations of every sentence."""

    summary: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(LANGS))
    """``{"fr": ..., "en": ...}``; None where that language could not be produced (see problems)."""
    citations: list[Citation] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unavailable: dict[str, str] = field(default_factory=dict)
    """Languages this run could not produce by design (no translator installed), with the reason."""
    engine: str = ""

    @property
    def complete(self) -> bool:
        """Every language has a summary, or is unavailable for a reason the user was told."""
        return all(self.summary[lang] or lang in self.unavailable for lang in LANGS)


@dataclass
class ArticleBrief(SummaryPair):
    article: Article | None = None


@dataclass
class Brief:
    corpus: Corpus
    engine: str
    overview: SummaryPair
    articles: list[ArticleBrief]
    models: dict[str, dict[str, str | None]]
    """Per role used: ``{"model": name, "revision": commit or "local"}``."""
    generation: dict[str, dict[str, Any]]
    """Per role used: the generation settings it ran with."""
    warnings: list[str] = field(default_factory=list)
    """Run-wide problems, e.g. a translator that is not installed for the extractive engine."""

    @property
    def complete(self) -> bool:
        """True when every article and the corpus got every summary the run can give."""
        return all(pair.complete for pair in [self.overview, *self.articles])


def summarise_corpus(
    corpus: Corpus,
    settings: Settings,
    engine: str = "seq2seq",
    progress: Progress | None = None,
    *,
    translate_sentences: SentenceTranslator,
) -> Brief:
    """Summarise every article of ``corpus`` and the corpus itself, in French and English.

    ``translate_sentences`` writes the other language sentence by sentence (the CLI
    passes :func:`translate.translate_sentences`), so citations carry over.
    """
    run = _Run(corpus, settings, engine, progress, translate_sentences)
    return run.execute()


class _Run:
    def __init__(
        self,
        corpus: Corpus,
        settings: Settings,
        engine: str,
        progress: Progress | None,
        translate_sentences: SentenceTranslator,
    ) -> None:
        self.corpus = corpus
        self.translate_sentences = translate_sentences
        self.settings = settings
        self.engine_name = engine
        self.engine = engine_class(engine)(settings)
        self.progress = progress
        self.used_roles: set[str] = set()
        self.warnings: list[str] = []
        self.missing_translators: dict[str, str] = {}
        """Translator roles with no model here (extractive engine only), with the reason."""

    def execute(self) -> Brief:
        self._check_models()
        articles = self._summarise_articles()
        overview = self._summarise_corpus(articles)
        models = {}
        generation = {}
        for role in sorted(self.used_roles):
            model = load_model(getattr(self.engine, "role_settings", {}).get(role, self.settings), role)
            models[role] = {"model": model.name, "revision": model.revision}
            generation[role] = model.generation_settings
        return Brief(self.corpus, self.engine_name, overview, articles, models, generation, self.warnings)

    def _check_models(self) -> None:
        """Fail before any work when a required model is missing; note optional ones that are."""
        langs = {a.lang for a in self.corpus.articles} | {self.corpus.majority_lang}
        translators = sorted(translator_role(lang, other_language(lang)) for lang in langs)
        if self.engine.uses_models:
            check_available(self.settings, sorted(summariser_role(lang) for lang in langs) + translators)
        for role in translators:
            try:
                check_available(self.settings, [role])
            except ModelNotAvailableError:
                reason = (
                    f"no {role} translator on this machine ({self.settings.models[role].name}; "
                    f"`brief models pull {role}` or --model {role}=PATH)"
                )
                self.missing_translators[role] = reason
                self.warnings.append(
                    f"summaries from {role.split('-')[0]} to {role.split('-')[1]} unavailable: {reason}"
                )

    def _summarise_articles(self) -> list[ArticleBrief]:
        documents = {
            a.id: Document(a.lang, [s.text for s in a.summarisable_sentences], a.title) for a in self.corpus.articles
        }
        summaries = self.engine.summarise(documents, self.progress)
        if self.engine.uses_models:
            self.used_roles |= {summariser_role(d.lang) for d in documents.values()}
        briefs = [
            self._pair(ArticleBrief(article=a), summaries[a.id], a.lang, PassageIndex(a.passages))
            for a in self.corpus.articles
        ]
        self._translate([(b, b.article.lang) for b in briefs])
        return briefs

    def _summarise_corpus(self, articles: list[ArticleBrief]) -> SummaryPair:
        lang = self.corpus.majority_lang
        # Articles in the corpus language speak for themselves; the others through their translated summary.
        sources = [
            Source(
                b.article.id,
                [s.text for s in b.article.summarisable_sentences]
                if b.article.lang == lang
                else [c.sentence for c in b.citations if c.lang == lang],
                b.article.title if b.article.lang == lang else "",
                b.article.date,
            )
            for b in articles
        ]
        printed = {c.sentence for b in articles for c in b.citations if c.lang == lang}
        picks = summarise_sources(sources, lang, exclude=printed)
        text = " ".join(p.text for p in picks)
        summary = Summary(text, [] if text else ["no sentence to extract"], CORPUS_ENGINE)
        index = PassageIndex([p for a in self.corpus.articles for p in a.passages])
        overview = self._pair(SummaryPair(), summary, lang, index)
        self._translate([(overview, lang)])
        left_out = [b.article.id for b in articles if b.article.lang != lang and not b.summary[lang]]
        if left_out:
            overview.problems.append(f"not in the corpus summary, for want of a {lang} summary: {', '.join(left_out)}")
        return overview

    def _pair(self, pair: SummaryPair, summary: Summary, lang: str, index: PassageIndex) -> SummaryPair:
        pair.engine = summary.engine
        pair.problems.extend(summary.problems)
        pair.summary[lang] = summary.text or None
        pair.citations = [Citation(lang, s.text, index.cite(s.text)) for s in split_sentences(summary.text, lang)]
        return pair

    def _translate(self, pairs: list[tuple[SummaryPair, str]]) -> None:
        """Fill in each pair's other language from its source-language citations, batched per translator."""
        for source in LANGS:
            todo = [pair for pair, lang in pairs if lang == source and pair.summary[source]]
            role = translator_role(source, other_language(source))
            if not todo:
                continue
            if role in self.missing_translators:
                for pair in todo:
                    pair.unavailable[other_language(source)] = self.missing_translators[role]
                continue
            self.used_roles.add(role)
            model = load_model(self.settings, role)
            target = other_language(source)
            sources = [list(pair.citations) for pair in todo]
            translations = self.translate_sentences(model, [[c.sentence for c in cs] for cs in sources], self.progress)
            for pair, cited, translated in zip(todo, sources, translations, strict=True):
                kept = []
                for number, (citation, translation) in enumerate(zip(cited, translated, strict=True), start=1):
                    problem = generation_problem(translation)
                    if problem:
                        pair.problems.append(f"{role} ({model.name}), sentence {number}: {problem}; left out")
                    else:
                        kept.append(Citation(target, translation, citation.passages))
                if not kept:
                    pair.problems.append(f"{role}: no usable translation; no {target} summary")
                    continue
                pair.summary[target] = " ".join(c.sentence for c in kept)
                pair.citations += kept
