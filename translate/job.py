"""``brief translate``: articles → sentences → (cache | translator, in length-sorted batches) → Markdown + TMX.

Every sentence of every file goes to the model in one call, sorted by length; as each
batch comes back (from this process or from a Ray cluster) its outputs are appended to
the sentence cache and every file whose sentences are all known is written
(atomically) and recorded in the manifest, so an interrupted run keeps what it
finished and the next run resumes from the cache. A sentence the model fails on fails
its file only, with the reason; every other file is written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core.cache import digest, file_digest
from core.corpus import Article, read_article
from core.corpus.decoding import NotText
from core.errors import ArticleError, GenerationError, ModelNotAvailableError
from core.io import remove_output, write_atomic
from core.lock import output_lock
from core.models.chunking import chunk_sentences
from core.models.hub import locate
from core.models.loader import check_available, load_model
from core.models.quality import generation_problem
from core.models.roles import other_language, translator_role
from core.models.settings import Settings
from core.progress import Progress, stage_counter
from core.terms import GlossaryTerm
from translate.segments import apply, skeleton, translation_units
from translate.store import Manifest, SentenceCache
from translate.terminology import TermMatcher
from translate.tmx import render_tmx

_HAS_LETTER = re.compile(r"[^\W\d_]")
_SPACE_BEFORE = {"en": re.compile(r"\s+([,.;:!?)\]])"), "fr": re.compile(r"\s+([,.)\]])")}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE_AFTER = re.compile(r"([(\[])\s+")


@dataclass
class FileResult:
    source: Path
    output: Path | None = None
    status: str = "pending"
    """``translated``, ``unchanged`` (already up to date), ``skipped`` (bad input), ``planned`` (dry run),
    ``failed`` (the model failed on one of its sentences) or ``unavailable`` (no translator, and the
    caller allowed that)."""
    reason: str = ""
    sentences: int = 0
    to_translate: int = 0
    """Model inputs not found in the cache: what this run sends (or would send) to the model."""
    terms: int = 0
    """Glossary terms of the source met in this file."""
    terms_kept: int = 0
    """Of those, how many appear in their glossary form in the translation."""
    problems: list[str] = field(default_factory=list)


@dataclass
class _Work:
    result: FileResult
    article: object
    target: str
    units: list
    plan: list = field(default_factory=list)
    """Per unit: a list of (piece text, fixed, [model inputs])."""
    title_plan: list = field(default_factory=list)
    key: str = ""
    source_hash: str = ""


def translate_files(
    sources: Sequence[Path | Article],
    out: Path,
    settings: Settings,
    target: str | None = None,
    source_lang: str | None = None,
    glossary: Sequence[GlossaryTerm] = (),
    dry_run: bool = False,
    progress: Progress | None = None,
    require_models: bool = True,
) -> list[FileResult]:
    """Translate ``sources`` into ``out/translations``; see the module docstring.

    A source is a file to read, or an :class:`Article` already read (``brief build``
    passes its corpus, so nothing is read or split twice).

    A missing translator raises :class:`ModelNotAvailableError`, or with
    ``require_models=False`` marks its files ``unavailable`` (``brief build`` goes on).
    """
    folder = out / "translations"
    results: list[FileResult] = []
    works: list[_Work] = []
    for source in sources:
        work = _prepare(source, target, source_lang)
        results.append(work.result if isinstance(work, _Work) else work)
        if isinstance(work, _Work):
            works.append(work)
    if not works:
        return results
    _refuse_duplicate_ids(works)
    with output_lock(out, "brief translate") if not dry_run else nullcontext():
        manifest = Manifest(folder / "manifest.json")
        cache = SentenceCache(folder / "cache.jsonl")
        for role in sorted({translator_role(w.article.lang, w.target) for w in works}):
            group = [w for w in works if translator_role(w.article.lang, w.target) == role]
            try:
                check_available(settings, [role])
            except ModelNotAvailableError as exc:
                if require_models:
                    raise
                for work in group:
                    work.result.status, work.result.reason = "unavailable", str(exc).splitlines()[0]
                continue
            _translate_group(group, role, folder, settings, glossary, manifest, cache, dry_run, progress)
        read_from = {(s.path if isinstance(s, Article) else Path(s)).resolve().parent for s in sources}
        removed = [] if dry_run else _remove_orphans(folder, manifest, read_from)
        tmx = folder / "memory.tmx"
        if not dry_run and (any(r.status == "translated" for r in results) or removed or not tmx.exists()):
            write_atomic(tmx, render_tmx(_pairs(manifest)))
    return results


def _refuse_duplicate_ids(works: list[_Work]) -> None:
    """Two sources with one id would write one output, each run replacing the other's: stop, as the reader does."""
    by_id: dict[str, Path] = {}
    for work in works:
        article = work.article
        if article.id in by_id and by_id[article.id] != article.path:
            raise ArticleError(article.path, f"article id '{article.id}' is already used by {by_id[article.id].name}")
        by_id[article.id] = article.path


def _prepare(source: Path | Article, target: str | None, source_lang: str | None) -> _Work | FileResult:
    path = source.path if isinstance(source, Article) else source
    result = FileResult(source=path)
    try:
        article = source if isinstance(source, Article) else read_article(path, lang=source_lang)
    except (NotText, ArticleError, OSError) as exc:
        result.status, result.reason = "skipped", getattr(exc, "problem", None) or str(exc)
        return result
    to = target or other_language(article.lang)
    if to == article.lang:
        result.status, result.reason = "skipped", f"already in {to}"
        return result
    units, unmatched = translation_units(article.text, article.lang, markdown=path.suffix.lower() == ".md")
    if unmatched:
        result.problems.append(f"{unmatched} text run(s) with escapes or entities left untranslated")
    result.output = Path("translations") / f"{article.id}.{to}.md"
    return _Work(result, article, to, units)


def _translate_group(works, role, folder, settings, glossary, manifest, cache, dry_run, progress) -> None:
    source, target = role.split("-")
    choice = settings.models[role]
    revision = locate(choice).revision or ""
    generation = json.dumps(settings.generation.get(role, {}), sort_keys=True)
    matcher = TermMatcher(list(glossary), source, target)
    glossary_key = digest(*sorted(f"{k}>{v}" for k, v in matcher.targets.items()))
    model_key = digest(choice.name, revision, generation, role)
    for work in works:
        work.source_hash = file_digest(work.article.path)
        work.key = digest(work.source_hash, model_key, glossary_key, target)
        work.result.output = folder / work.result.output.name
        if manifest.is_current(work.result.output, work.key):
            work.result.status = "unchanged"
    works = [w for w in works if w.result.status != "unchanged"]
    if not works:
        return  # nothing changed: not even the model is loaded
    model = None if dry_run else load_model(settings, role)
    limit = model.input_limit if model else None

    pending: dict[str, str] = {}  # cache key -> model input
    for work in works:
        title = work.article.title  # the front matter's, control characters removed
        work.title_plan = _plan(matcher.split(title), model, limit, model_key)
        work.plan = [_plan(matcher.split(unit.text), model, limit, model_key) for unit in work.units]
        work.result.sentences = len(work.units)
        keys = {
            k: text
            for plan in [work.title_plan, *work.plan]
            for _, fixed, inputs in plan
            if not fixed
            for k, text in inputs
            if cache.get(k) is None
        }
        work.result.to_translate = len(keys)
        work.result.terms = sum(fixed for plan in work.plan for _, fixed, _ in plan)
        pending.update(keys)
        work.result.status = "planned" if dry_run else "pending"
    if dry_run:
        return

    remaining = [w for w in works if w.result.status == "pending"]
    keys = list(pending)
    advance = stage_counter(progress, f"{role}: translation", len(keys))
    _write_finished(remaining, cache, manifest, model, source, target)
    waiting_on: dict[str, list[_Work]] = {}  # input key -> the files still waiting for it
    missing = {id(w): {k for k in _input_keys(w) if k in pending} for w in remaining}
    for work in remaining:
        for key in missing[id(work)]:
            waiting_on.setdefault(key, []).append(work)

    def finished(outputs: dict[int, str]) -> None:
        done = {keys[index]: output for index, output in outputs.items()}
        cache.add(done)
        ready = []
        for key in done:
            for work in waiting_on.pop(key, []):
                missing[id(work)].discard(key)
                if not missing[id(work)]:
                    ready.append(work)
        _write_finished(ready, cache, manifest, model, source, target)

    try:
        model.generate([pending[k] for k in keys], progress=advance, on_results=finished)
    except GenerationError as exc:
        reasons = {keys[index]: reason for index, reason in exc.failed.items()}
        for work in remaining:
            failed = [reasons[k] for k in _input_keys(work) if k in reasons]
            if failed and work.result.status == "pending":
                work.result.status = "failed"
                work.result.reason = f"{len(failed)} sentence(s) failed to translate: {failed[0]}"


def _plan(pieces, model, limit, model_key) -> list:
    """For each piece: (text, fixed, [(cache key, model input)]); long inputs cut to fit the model."""
    plan = []
    for piece in pieces:
        if piece.fixed or not _HAS_LETTER.search(piece.text):
            plan.append((piece.text, True, []))
            continue
        text = piece.text.strip()
        inputs = chunk_sentences([text], limit, model.count_tokens) if model else [text]
        plan.append((piece.text, False, [(digest(model_key, i), i) for i in inputs]))
    return plan


def _input_keys(work: _Work) -> list[str]:
    """The cache keys of every model input of a file (its title's and its sentences')."""
    return [k for plan in [work.title_plan, *work.plan] for _, _, inputs in plan for k, _ in inputs]


def _write_finished(works: list[_Work], cache, manifest, model, source: str, target: str) -> None:
    for work in [w for w in works if w.result.status == "pending"]:
        if any(cache.get(k) is None for k in _input_keys(work)):
            continue
        pairs = []
        translations = []
        changed_numbers = 0
        for number, (unit, plan) in enumerate(zip(work.units, work.plan, strict=True), start=1):
            text = _assemble(plan, cache, target)
            translations.append((unit, text))
            pairs.append([unit.text, text])
            for _, _, inputs in plan:
                problems = {generation_problem(cache.get(k)) for k, _ in inputs} - {None}
                work.result.problems += [f"sentence {number}: {problem}" for problem in sorted(problems)]
            if sorted(_NUMBER.findall(unit.text)) != sorted(_NUMBER.findall(text)):
                changed_numbers += 1
        if changed_numbers:
            work.result.problems.append(f"{changed_numbers} sentence(s) whose numbers differ from the source")
        body = apply(work.article.text, translations, markdown=work.article.path.suffix.lower() == ".md")
        if work.article.path.suffix.lower() == ".md" and skeleton(body) != skeleton(work.article.text):
            work.result.problems.append("Markdown structure differs from the source")
        forms = [text for plan in work.plan for text, fixed, ins in plan if fixed and _HAS_LETTER.search(text)]
        work.result.terms = len(forms)
        work.result.terms_kept = sum(1 for form in forms if form in body)
        front = {
            **work.article.front_matter,
            "id": work.article.id,
            "title": _assemble(work.title_plan, cache, target),
            "lang": target,
            "source": work.article.path.name,
            "source_hash": work.source_hash,
            "model": model.name,
            "translated": dt.date.today().isoformat(),
        }
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body.rstrip("\n") + "\n"
        write_atomic(work.result.output, text)
        manifest.record(
            work.result.output,
            {
                "key": work.key,
                "source": str(work.article.path),
                "source_lang": source,
                "target_lang": target,
                "model": model.name,
                "pairs": pairs,
            },
        )
        work.result.status = "translated"


def _assemble(plan, cache, target: str) -> str:
    parts = []
    for text, fixed, inputs in plan:
        parts.append(text.strip() if fixed else " ".join(cache.get(k).strip() for k, _ in inputs))
    joined = " ".join(p for p in parts if p)
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE[target].sub(r"\1", joined))


def _remove_orphans(folder: Path, manifest: Manifest, read_from: set[Path]) -> list[str]:
    """Delete the translations whose source file is gone (and their records, so the TMX drops their pairs).

    Only sources of a folder this run reads count as gone: a path recorded relative to
    another working directory, or in another folder, proves nothing.
    """
    removed = []
    for name, record in list(manifest.files.items()):
        source = Path(record.get("source") or "").resolve()
        if source.exists() or source.parent not in read_from:
            continue
        remove_output(folder / name, f"stale translation, its source {record.get('source')} is gone")
        manifest.forget(name)
        removed.append(name)
    return removed


def _pairs(manifest: Manifest):
    for record in manifest.files.values():
        for source_text, target_text in record.get("pairs", []):
            yield record["source_lang"], source_text, record["target_lang"], target_text
