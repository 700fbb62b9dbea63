"""``brief translate``: articles → sentences → (cache | translator, in length-sorted batches) → Markdown + TMX + XLIFF.

Every sentence of every file goes to the model in one call, sorted by length; as each
batch comes back (from this process or from a Ray cluster) its outputs are appended to
the sentence cache and every file whose sentences are all known is written
(atomically) and recorded in the manifest, so an interrupted run keeps what it
finished and the next run resumes from the cache. A sentence the model fails on fails
its file only, with the reason; every other file is written.

A sentence whose numbers, dates, URLs or addresses the model changed beyond repair is
translated again in pieces around them (``protect.py``): that second round runs after
the first. A file with no prose (only code, HTML, a table of numbers) is copied as it
is. A translation someone edited by hand is never overwritten: the new one goes beside
it (``x.en.new.md``), and the edited sentences are reused for unchanged source sentences.
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
from core.corpus.decoding import NotText, decode_text
from core.corpus.frontmatter import FrontMatterError, split_front_matter
from core.corpus.passages import split_sentences
from core.corpus.reader import read_regular_file
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
from core.text import slugify
from translate.protect import protected_tokens, restore
from translate.segments import Unit, apply, markdown_runs, skeleton, translation_units
from translate.store import Manifest, SentenceCache
from translate.terminology import TermMatcher
from translate.tmx import render_tmx
from translate.xliff import render_xliff

_HAS_LETTER = re.compile(r"[^\W\d_]")
_SPACE_BEFORE = {"en": re.compile(r"\s+([,.;:!?)\]])"), "fr": re.compile(r"\s+([,.)\]])")}
_SPACE_AFTER = re.compile(r"([(\[])\s+")


@dataclass
class FileResult:
    source: Path
    output: Path | None = None
    status: str = "pending"
    """``translated``, ``copied`` (no prose: copied as it is), ``unchanged`` (already up to date),
    ``skipped`` (bad input), ``planned`` (dry run), ``failed`` (the model failed on one of its
    sentences) or ``unavailable`` (no translator, and the caller allowed that)."""
    reason: str = ""
    sentences: int = 0
    to_translate: int = 0
    """Model inputs not found in the cache: what this run sends (or would send) to the model."""
    terms: int = 0
    """Glossary terms of the source met in this file."""
    terms_kept: int = 0
    """Of those, how many appear in their glossary form in the translation."""
    edited: Path | None = None
    """Set when ``output`` was edited by hand and kept: where the new machine translation went instead."""
    reused: int = 0
    """Sentences taken from the hand-edited translation instead of the model."""
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Planned:
    text: str
    kind: str
    """``raw`` (source bytes or a person's edit, written as they are), ``form`` (a glossary form) or ``model``."""
    inputs: tuple[tuple[str, str], ...] = ()
    """(cache key, model input) of a ``model`` piece (a long piece is cut to fit the model)."""
    tokens: tuple[str, ...] = ()
    """Protected tokens the model's output must give back as they are."""


@dataclass
class _Work:
    result: FileResult
    article: Article | None
    target: str
    units: list
    plan: list = field(default_factory=list)
    """Per unit: its list of :class:`Planned` pieces."""
    title_plan: list = field(default_factory=list)
    key: str = ""
    source_hash: str = ""
    copy: str | None = None
    """The text of a file with no prose, copied as it is."""
    body: str = ""
    """The source file's text after its front matter, as written: what is translated in place."""
    memory: dict[str, str] = field(default_factory=dict)
    """Source sentence → its translation as a person edited it."""
    cut: set[int] = field(default_factory=set)
    """Sentences (numbered from 1) translated around their protected tokens."""
    repaired: set[int] = field(default_factory=set)


@dataclass
class _Run:
    """What one ``translate_files`` call shares between its groups."""

    folder: Path
    settings: Settings
    glossary: Sequence[GlossaryTerm]
    manifest: Manifest
    cache: SentenceCache
    dry_run: bool
    progress: Progress | None
    overwrite_edits: bool


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
    overwrite_edits: bool = False,
) -> list[FileResult]:
    """Translate ``sources`` into ``out/translations``; see the module docstring.

    A source is a file to read, or an :class:`Article` already read (``brief build``
    passes its corpus, so nothing is read or split twice).

    A missing translator raises :class:`ModelNotAvailableError`, or with
    ``require_models=False`` marks its files ``unavailable`` (``brief build`` goes on).
    A dry run needs no model: it counts what would go to the model.
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
    targets = [w.target for w in works if w.copy is None]
    for work in works:
        if work.copy is not None and not work.target:
            # No prose, so no language to tell: named like the run's other translations (or as the source).
            if targets:
                work.target = max(set(targets), key=targets.count)
                work.result.output = Path(f"{work.result.output}.{work.target}.md")
            else:
                work.result.output = work.result.output.with_name(work.result.source.name)
    _refuse_duplicate_ids([w for w in works if w.article is not None])
    with output_lock(out, "brief translate") if not dry_run else nullcontext():
        run = _Run(
            folder,
            settings,
            glossary,
            Manifest(folder / "manifest.json"),
            SentenceCache(folder / "cache.jsonl"),
            dry_run,
            progress,
            overwrite_edits,
        )
        _copy_files([w for w in works if w.copy is not None], run)
        translated = [w for w in works if w.copy is None]
        for role in sorted({translator_role(w.article.lang, w.target) for w in translated}):
            group = [w for w in translated if translator_role(w.article.lang, w.target) == role]
            if not dry_run:
                try:
                    check_available(settings, [role])
                except ModelNotAvailableError as exc:
                    if require_models:
                        raise
                    for work in group:
                        work.result.status, work.result.reason = "unavailable", str(exc).splitlines()[0]
                    continue
            _translate_group(group, role, run)
        read_from = {(s.path if isinstance(s, Article) else Path(s)).resolve().parent for s in sources}
        removed = [] if dry_run else _remove_orphans(folder, run.manifest, read_from)
        changed = any(r.status in ("translated", "copied") for r in results) or removed
        if not dry_run and (changed or not (folder / "memory.tmx").exists()):
            locales = settings.locales
            write_atomic(folder / "memory.tmx", render_tmx(_pairs(run.manifest), locales))
            for pair, units in _pairs_by_direction(run.manifest).items():
                write_atomic(folder / f"memory.{pair}.xlf", render_xliff(units, *pair.split("-"), locales))
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
        if not isinstance(source, Article):
            copy = _without_prose(path)
            if copy is not None:
                meta, text = copy
                lang = meta.get("lang") or source_lang
                to = target or (other_language(lang) if lang in ("fr", "en") else "")
                stem = slugify(str(meta.get("id") or path.stem))
                result.output = Path("translations") / (f"{stem}.{to}.md" if to else stem)
                return _Work(result, None, to, [], copy=text)
        article = source if isinstance(source, Article) else read_article(path, lang=source_lang)
    except (NotText, ArticleError, OSError) as exc:
        result.status, result.reason = "skipped", getattr(exc, "problem", None) or str(exc)
        return result
    to = target or other_language(article.lang)
    if to == article.lang:
        result.status, result.reason = "skipped", f"already in {to}"
        return result
    body = _file_body(article)
    units, unmatched = translation_units(body, article.lang, markdown=_is_markdown(article.path))
    if unmatched:
        result.problems.append(f"{unmatched} text run(s) not found in the source were left as they are")
    result.output = Path("translations") / f"{article.id}.{to}.md"
    return _Work(result, article, to, units, body=body)


def _file_body(article: Article) -> str:
    """The file's text after its front matter, as written.

    ``Article.text`` is normalised for summaries (a leading date line taken out, list
    items broken across lines joined); a translation mirrors the file instead, so every
    construct it has comes back.
    """
    try:
        text = decode_text(article.path.read_bytes()).text.replace("\r\n", "\n").replace("\r", "\n")
        return split_front_matter(text)[1]
    except (NotText, FrontMatterError, OSError):
        return article.text


def has_no_prose(path: Path) -> bool:
    """Whether ``path`` is a readable article file with nothing to translate (only code, a table of
    numbers, HTML...): translation copies such a file, so a translated folder is complete."""
    try:
        return _without_prose(path) is not None
    except (NotText, ArticleError, OSError):
        return False


def _without_prose(path: Path) -> tuple[dict, str] | None:
    """(front matter, whole text) of a file with nothing to translate; None when it has prose."""
    text = decode_text(read_regular_file(path)).text  # links, FIFOs, huge, empty and binary files: NotText, skipped
    try:
        meta, body = split_front_matter(text.replace("\r\n", "\n"))
    except FrontMatterError:
        return None  # read_article reports it
    if _is_markdown(path):
        runs, _ = markdown_runs(body)
    else:
        runs = [m for m in re.finditer(r"[^\n]+", body) if _HAS_LETTER.search(m.group())]
    return None if runs else (meta, text)


def _is_markdown(path: Path) -> bool:
    return path.suffix.lower() == ".md"


def _copy_files(works: list[_Work], run: _Run) -> None:
    for work in works:
        work.result.output = run.folder / work.result.output.name
        work.source_hash = file_digest(work.result.source)
        work.key = digest(work.source_hash, "copy")
        if run.manifest.is_current(work.result.output, work.key):
            work.result.status = "unchanged"
            continue
        if run.dry_run:
            work.result.status = "planned"
            continue
        record = {"key": work.key, "source": str(work.result.source), "copied": True, "pairs": []}
        _write_output(work, work.copy, record, run)
        work.result.status = "copied"


def _translate_group(works: list[_Work], role: str, run: _Run) -> None:
    source, target = role.split("-")
    choice = run.settings.models[role]
    revision = locate(choice).revision or ""
    generation = json.dumps(run.settings.generation.get(role, {}), sort_keys=True)
    matcher = TermMatcher(list(run.glossary), source, target)
    glossary_key = digest(*sorted(f"{k}>{v}" for k, v in matcher.targets.items()))
    model_key = digest(choice.name, revision, generation, role)
    for work in works:
        work.source_hash = file_digest(work.article.path)
        work.key = digest(work.source_hash, model_key, glossary_key, target)
        work.result.output = run.folder / work.result.output.name
        if run.manifest.is_current(work.result.output, work.key):
            work.result.status = "unchanged"
    works = [w for w in works if w.result.status != "unchanged"]
    if not works:
        return  # nothing changed: not even the model is loaded
    model = None if run.dry_run else load_model(run.settings, role)
    planner = _Planner(matcher, model, model_key)

    pending: dict[str, str] = {}  # cache key -> model input
    for work in works:
        if not run.dry_run and not run.overwrite_edits:  # --overwrite-edits discards the edits
            work.memory = _edited_sentences(work, run.manifest, target)
        title = work.article.title  # the front matter's, control characters removed
        work.title_plan = planner.plan(title, (), cut=False)
        work.plan = [planner.plan(u.text, u.kept, cut=False, start=u.start, memory=work.memory) for u in work.units]
        work.result.sentences = len(work.units)
        work.result.reused = sum(1 for u in work.units if u.text in work.memory)
        keys = {k: text for k, text in _inputs(work) if run.cache.get(k) is None}
        work.result.to_translate = len(keys)
        pending.update(keys)
        work.result.status = "planned" if run.dry_run else "pending"
    if run.dry_run:
        return

    writer = _Writer(run, model, planner, source, target, revision)
    remaining = [w for w in works if w.result.status == "pending"]
    writer.write_finished(remaining)  # files whose every sentence is cached
    pending.update(writer.second_round)
    writer.second_round.clear()
    stage = f"{role}: translation"
    for _ in range(2):  # the second round only translates around protected tokens, which cannot fail again
        if not pending:
            break
        keys = list(pending)
        waiting_on: dict[str, list[_Work]] = {}  # input key -> the files still waiting for it
        missing = {id(w): {k for k, _ in _inputs(w) if k in pending} for w in remaining}
        for work in remaining:
            for key in missing[id(work)]:
                waiting_on.setdefault(key, []).append(work)

        def finished(outputs: dict[int, str], keys=keys, waiting_on=waiting_on, missing=missing) -> None:
            done = {keys[index]: output for index, output in outputs.items()}
            run.cache.add(done)
            ready = []
            for key in done:
                for work in waiting_on.pop(key, []):
                    missing[id(work)].discard(key)
                    if not missing[id(work)]:
                        ready.append(work)
            writer.write_finished(ready)

        try:
            model.generate(
                [pending[k] for k in keys], progress=stage_counter(run.progress, stage, len(keys)), on_results=finished
            )
        except GenerationError as exc:
            reasons = {keys[index]: reason for index, reason in exc.failed.items()}
            for work in remaining:
                failed = [reasons[k] for k, _ in _inputs(work) if k in reasons]
                if failed and work.result.status == "pending":
                    work.result.status = "failed"
                    work.result.reason = f"{len(failed)} sentence(s) failed to translate: {failed[0]}"
        # Sentences whose protected tokens could not be restored: translated around them, in a second round.
        remaining = [w for w in remaining if w.result.status == "pending"]
        writer.write_finished(remaining)  # waiting only on inputs another file's sentences had in this round
        pending = {k: text for k, text in writer.second_round.items() if run.cache.get(k) is None}
        writer.second_round.clear()
        remaining = [w for w in remaining if w.result.status == "pending"]
        stage = f"{role}: translation around numbers and addresses"


class _Planner:
    """Source sentences → pieces: raw spans, glossary forms and model inputs (keyed for the cache)."""

    def __init__(self, matcher: TermMatcher, model, model_key: str) -> None:
        self.matcher, self.model, self.model_key = matcher, model, model_key
        self.limit = model.input_limit if model else None

    def plan(self, text: str, kept, cut: bool, start: int = 0, memory=None) -> list[Planned]:
        """``kept`` are escapes and entities (offsets from ``start``); ``cut`` translates around protected tokens."""
        if memory and text in memory:
            return [Planned(memory[text], "raw")]
        spans = [(a - start, b - start) for a, b in kept]
        tokens = protected_tokens(text)
        if cut:
            spans += [(t.start, t.end) for t in tokens]
        pieces, cursor = [], 0
        for a, b in sorted(spans):
            if a < cursor:
                continue
            pieces += self._split(text[cursor:a], () if cut else tokens)
            pieces.append(Planned(text[a:b], "raw"))
            cursor = b
        pieces += self._split(text[cursor:], () if cut else tokens)
        return pieces

    def _split(self, segment: str, tokens) -> list[Planned]:
        """Glossary forms and model pieces; a model piece must give back the ``tokens`` it holds."""
        pieces = []
        for piece in self.matcher.split(segment) if segment else []:
            if piece.fixed:
                pieces.append(Planned(piece.text, "form"))
            elif not _HAS_LETTER.search(piece.text):
                pieces.append(Planned(piece.text, "raw"))
            else:
                stripped = piece.text.strip()
                inputs = chunk_sentences([stripped], self.limit, self.model.count_tokens) if self.model else [stripped]
                inside = tuple(t.text for t in tokens if t.text in stripped)
                keyed = tuple((digest(self.model_key, i), i) for i in inputs)
                pieces.append(Planned(piece.text, "model", keyed, inside))
        return pieces


def _inputs(work: _Work) -> list[tuple[str, str]]:
    """(cache key, model input) of every model input of a file (its title's and its sentences')."""
    return [pair for plan in [work.title_plan, *work.plan] for piece in plan for pair in piece.inputs]


class _Writer:
    def __init__(self, run: _Run, model, planner: _Planner, source: str, target: str, revision: str) -> None:
        self.run, self.model, self.planner = run, model, planner
        self.source, self.target, self.revision = source, target, revision
        self.second_round: dict[str, str] = {}

    def write_finished(self, works: list[_Work]) -> None:
        for work in [w for w in works if w.result.status == "pending"]:
            if any(self.run.cache.get(k) is None for k, _ in _inputs(work)):
                continue
            if self._cut_where_lost(work):
                continue  # waits for the second round
            self._write(work)

    def _cut_where_lost(self, work: _Work) -> bool:
        """Re-plan the sentences whose tokens the model lost; True when that needs the model again."""
        waiting = False
        plans = [("title", work.title_plan, None)] + [
            (n, p, u) for n, (p, u) in enumerate(zip(work.plan, work.units, strict=True), 1)
        ]
        for number, plan, unit in plans:
            if self._assemble(plan) is not None:
                continue
            text, kept, start = (unit.text, unit.kept, unit.start) if unit else (self._title(work), (), 0)
            new_plan = self.planner.plan(text, kept, cut=True, start=start)
            if unit:
                work.plan[number - 1] = new_plan
                work.cut.add(number)
            else:
                work.title_plan = new_plan
            for key, text in (pair for piece in new_plan for pair in piece.inputs):
                if self.run.cache.get(key) is None:
                    self.second_round[key] = text
                    waiting = True
        return waiting

    @staticmethod
    def _title(work: _Work) -> str:
        return str(work.article.front_matter.get("title") or work.article.title)

    def _assemble(self, plan: list[Planned]) -> tuple[list[tuple[str, bool]], bool] | None:
        """The translation as (text, raw) pieces, and whether tokens were repaired; None when lost beyond repair."""
        out, repaired = [], False
        for piece in plan:
            if piece.kind != "model":
                out.append((piece.text, piece.kind == "raw"))
                continue
            translation = " ".join(self.run.cache.get(k).strip() for k, _ in piece.inputs)
            translation = _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE[self.target].sub(r"\1", translation))
            if not _HAS_LETTER.search(translation):
                # Nothing usable came back (reported with the sentence): the source text stays, so
                # the markup around it (emphasis, a link) still has its text and keeps its meaning.
                out.append((piece.text, True))
                continue
            restored = restore(list(piece.tokens), translation)
            if restored is None:
                return None
            repaired = repaired or restored[1]
            lead = piece.text[: len(piece.text) - len(piece.text.lstrip())]
            trail = piece.text[len(piece.text.rstrip()) :]
            out.append((lead, True))
            out += _tokens_as_written(restored[0], piece.tokens)
            out.append((trail, True))
        return [(text, raw) for text, raw in out if text], repaired

    def _write(self, work: _Work) -> None:
        article, result = work.article, work.result
        markdown = _is_markdown(article.path)
        translations, pairs, layout = [], [], []
        passages = [(p.text, p.id) for p in article.passages]
        for number, (unit, plan) in enumerate(zip(work.units, work.plan, strict=True), start=1):
            pieces, repaired = self._assemble(plan)
            if repaired:
                work.repaired.add(number)
            translations.append((unit, pieces))
            placed = apply(unit.text, [(_shifted(unit), pieces)], markdown)
            plain = "".join(text for text, _ in pieces)
            passage = next((pid for text, pid in passages if unit.text in text), "")
            pairs.append([unit.text, plain, passage])
            if unit.run >= len(layout):
                layout += [[] for _ in range(unit.run + 1 - len(layout))]
            layout[unit.run].append([unit.text, placed])
            for piece in plan:
                problems = {generation_problem(self.run.cache.get(k)) for k, _ in piece.inputs} - {None}
                result.problems += [f"sentence {number}: {problem}" for problem in sorted(problems)]
        if work.cut:
            result.problems.append(
                f"sentence(s) {_numbers(work.cut)}: the model changed numbers, dates, URLs or addresses; "
                "translated around them, which are kept as written"
            )
        if work.repaired:
            result.problems.append(f"sentence(s) {_numbers(work.repaired)}: numbers the model changed were put back")
        body = apply(work.body, translations, markdown)
        if markdown and skeleton(body) != skeleton(work.body):
            result.problems.append("Markdown structure differs from the source")
        forms = [p.text for plan in work.plan for p in plan if p.kind == "form" and _HAS_LETTER.search(p.text)]
        result.terms = len(forms)
        result.terms_kept = sum(1 for form in forms if form in body)
        title = (self._assemble(work.title_plan) or ([], False))[0]
        front = {
            **article.front_matter,
            "id": article.id,
            "title": "".join(text for text, _ in title).strip(),
            "lang": self.target,
            "translated_from": article.path.name,
            "source_hash": work.source_hash,
            "model": self.model.name,
            "revision": self.revision or None,
            "translated": dt.date.today().isoformat(),
        }
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body.rstrip("\n") + "\n"
        record = {
            "key": work.key,
            "source": str(article.path),
            "source_lang": self.source,
            "target_lang": self.target,
            "model": self.model.name,
            "pairs": pairs,
            "layout": layout if markdown else [],
        }
        _write_output(work, text, record, self.run)
        result.status = "translated"


def _shifted(unit):
    """The unit as if its text were the whole document (to render one sentence alone)."""
    return Unit(0, len(unit.text), unit.text, unit.run, ())


def _tokens_as_written(text: str, tokens: Sequence[str]) -> list[tuple[str, bool]]:
    """``text`` cut so that each protected token is a raw piece: written byte for byte, never escaped."""
    if not tokens:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(set(tokens), key=len, reverse=True)))
    pieces, cursor = [], 0
    for match in pattern.finditer(text):
        pieces += [(text[cursor : match.start()], False), (match.group(), True)]
        cursor = match.end()
    pieces.append((text[cursor:], False))
    return pieces


def _numbers(numbers: set[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers))


def _write_output(work: _Work, text: str, record: dict, run: _Run) -> None:
    """Write a translation, unless the file there was edited by hand: then the new one goes beside it."""
    output = work.result.output
    previous = run.manifest.files.get(output.name)
    beside = output.with_name(output.name.removesuffix(".md") + ".new.md")
    if _edited(output, previous) and not run.overwrite_edits:
        write_atomic(beside, text)
        record = {**record, "written": previous.get("written"), "layout": previous.get("layout", [])}
        record["beside"] = beside.name
        work.result.edited = beside
        work.result.problems.append(
            f"{output.name} was edited by hand: kept as it is; the new translation is in {beside.name}"
        )
    else:
        write_atomic(output, text)
        record = {**record, "written": file_digest(output)}
        if beside.exists() and previous and previous.get("beside"):
            remove_output(beside, f"{output.name} was rewritten")
    run.manifest.record(output, record)


def _edited(output: Path, record: dict | None) -> bool:
    """Whether ``output`` holds what a person wrote rather than what we last wrote there.

    A file we have no record of is someone else's; a record from before hashes were kept
    (no ``written``) proves nothing, so such a file counts as ours.
    """
    if not output.exists():
        return False
    if record is None:
        return True
    return record.get("written") is not None and record["written"] != file_digest(output)


def _edited_sentences(work: _Work, manifest: Manifest, target: str) -> dict[str, str]:
    """Source sentence → its translation as edited by hand, where the edited file still aligns with ours.

    Our record keeps, for each text run of the translation we wrote, its source sentences
    and what we wrote for each. The edited file's text runs are matched one to one with
    those (same Markdown skeleton); a run whose text changed is split into sentences, and
    when their count is the source's, each edited sentence is paired with its source.
    """
    record = manifest.files.get(work.result.output.name)
    if not _edited(work.result.output, record) or not record or not record.get("layout"):
        return {}
    try:
        _, body = split_front_matter(work.result.output.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return {}
    runs, _ = markdown_runs(body)
    layout = [run for run in record["layout"] if run]
    if len(runs) != len(layout):
        work.result.problems.append("the hand edits could not be aligned with the source; none reused")
        return {}
    memory = {}
    for run, sentences in zip(runs, layout, strict=True):
        written = body[run.start : run.end]
        if written.split() == " ".join(placed for _, placed in sentences).split():
            continue
        if len(sentences) == 1:
            memory[sentences[0][0]] = written
            continue
        edited = [s.text for s in split_sentences(written, target)]
        if len(edited) == len(sentences):
            memory.update(
                {source: new for (source, placed), new in zip(sentences, edited, strict=True) if new != placed}
            )
    return memory


def _remove_orphans(folder: Path, manifest: Manifest, read_from: set[Path]) -> list[str]:
    """Delete the translations whose source file is gone (and their records, so the TMX drops their pairs).

    Only sources of a folder this run reads count as gone: a path recorded relative to
    another working directory, or in another folder, proves nothing. A translation edited
    by hand is kept: only its record goes.
    """
    removed = []
    for name, record in list(manifest.files.items()):
        source = Path(record.get("source") or "").resolve()
        if source.exists() or source.parent not in read_from:
            continue
        if not _edited(folder / name, record):
            remove_output(folder / name, f"stale translation, its source {record.get('source')} is gone")
        if record.get("beside"):
            remove_output(folder / record["beside"], f"stale translation, its source {record.get('source')} is gone")
        manifest.forget(name)
        removed.append(name)
    return removed


def _pairs(manifest: Manifest):
    """Every sentence pair in document order: (file, passage, source lang, source, target lang, target)."""
    for record in manifest.files.values():
        for pair in record.get("pairs", []):
            source_text, target_text, passage = [*pair, ""][:3]
            yield (
                Path(record["source"]).name,
                passage,
                record["source_lang"],
                source_text,
                record["target_lang"],
                target_text,
            )


def _pairs_by_direction(manifest: Manifest) -> dict[str, list]:
    directions: dict[str, list] = {}
    for pair in _pairs(manifest):
        directions.setdefault(f"{pair[2]}-{pair[4]}", []).append(pair)
    return directions
