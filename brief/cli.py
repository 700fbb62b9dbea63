"""The ``brief`` command: a thin click layer over the library.

Library errors (:class:`BriefError`) are turned into a message and an exit code in one
place, :class:`BriefGroup`; nothing else in the package prints or exits.

Exit codes: 0 done; 1 error; 2 bad usage or settings; 3 a model is not available
offline; 4 outputs written but some article or language is missing a summary.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from core.errors import BriefError, ModelNotAvailableError

if TYPE_CHECKING:  # `brief --help` imports neither the corpus reader nor the model layer
    from core.corpus.document import Corpus
    from core.models.settings import Settings

EXIT_INCOMPLETE = 4


class BriefGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BriefError as exc:
            message = str(exc)
            command = self.commands.get(ctx.invoked_subcommand or "")
            if isinstance(exc, ModelNotAvailableError) and command and any(p.name == "engine" for p in command.params):
                message += "\n    - summarise without models:   --engine extractive"
            click.secho(f"error: {message}", err=True, fg="red")
            ctx.exit(exc.exit_code)


class _NoticeHandler(logging.Handler):
    """Shows the library's notices (e.g. a model falling back to transformers) on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.secho(f"notice: {record.getMessage()}", err=True, fg="cyan")


def _show_notices() -> None:
    log = logging.getLogger("bilingual_brief")
    if not any(isinstance(h, _NoticeHandler) for h in log.handlers):
        log.addHandler(_NoticeHandler())
    log.setLevel(logging.INFO)
    log.propagate = False


def _quiet_libraries() -> None:
    # Model loading draws its own progress bars and advisory warnings; ours say enough.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
    _show_notices()
    if "transformers" in sys.modules:  # already imported (e.g. by a test): the variables came too late
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()


class Progress:
    """Draws one tqdm bar per stage on stderr from the library's ``progress(stage, done, total)`` calls."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.stage: str | None = None
        self.bar = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet:
            return
        from tqdm import tqdm

        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=stage, file=sys.stderr, leave=False, disable=None)
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def model_options(function):
    function = click.option(
        "--backend",
        type=click.Choice(["ctranslate2", "transformers"]),
        help="Generation backend (default: ctranslate2, int8; models it cannot run use transformers).",
    )(function)
    function = click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Settings file (default: ./brief.toml when present).",
    )(function)
    return click.option(
        "--model",
        "models",
        multiple=True,
        metavar="ROLE=ID_OR_PATH",
        help="Model for a role (summarize-fr, summarize-en, fr-en, en-fr): a hub id or a local folder. Repeatable.",
    )(function)


def run_options(function=None, *, lang_help: str | None = None):
    """Options of every command that reads the corpus and writes outputs.

    ``lang_help=None`` keeps ``--lang``; a command with its own source-language option
    passes ``lang_help=""`` to keep ``--lang`` working as a hidden, deprecated alias.
    """
    if function is None:
        return lambda f: run_options(f, lang_help=lang_help)
    for option in reversed(
        [
            click.option(
                "--corpus",
                type=click.Path(file_okay=False, path_type=Path),
                default=Path("corpus"),
                show_default=True,
                help="Folder of .md/.txt articles.",
            ),
            click.option(
                "--out",
                type=click.Path(file_okay=False, path_type=Path),
                default=Path("output"),
                show_default=True,
                help="Folder the outputs are written to.",
            ),
            click.option(
                "--lang",
                type=click.Choice(["fr", "en"]),
                hidden=lang_help == "",
                help="Language of articles whose front matter does not say (default: detected).",
            ),
            click.option("--quiet", "-q", is_flag=True, help="No progress bars."),
            click.option(
                "--executor",
                type=click.Choice(["local", "ray"]),
                help="Where generation runs: this process (default) or a Ray cluster (RAY_ADDRESS, else a local one).",
            ),
        ]
    ):
        function = option(function)
    return model_options(function)


def engine_option(function):
    """``--engine`` and ``--length``: how the summaries are written, and how long they are."""
    function = click.option(
        "--length",
        metavar="WORDS|SHARE",
        help="Length of each article's summary: words (e.g. 50), or a share of the article (0.2 or 20%). "
        "Default: [summary] length in brief.toml, else 60 words.",
    )(function)
    return click.option(
        "--engine",
        type=click.Choice(["seq2seq", "extractive", "lexrank"]),
        default="seq2seq",
        show_default=True,
        help="Summaries from seq2seq models; or model-free: news-aware extraction (extractive), LexRank with MMR.",
    )(function)


@dataclass
class Job:
    """What every command works on: settings and corpus read once, where to write, how to report."""

    settings: Settings
    corpus: Corpus
    out: Path
    progress: Progress


def _prepare(
    corpus: Path, out: Path, lang: str | None, quiet: bool, models, config_file, backend, executor, length=None
) -> Job:
    _quiet_libraries()
    from core.corpus import read_corpus
    from core.io import check_writable
    from core.models.settings import resolve_settings

    settings = resolve_settings(models, config_file, backend=backend, executor=executor, length=length)
    check_writable(out)
    articles = read_corpus(corpus, lang=lang)
    _hold_output_folder([corpus], out)  # after reading: a corpus that cannot be read creates no --out
    for skipped in articles.skipped:
        click.secho(f"warning: skipped {skipped.path}: {skipped.reason}", err=True, fg="yellow")
    return Job(settings, articles, out, Progress(quiet))


def _hold_output_folder(source_folders, out: Path) -> None:
    """Refuse an --out that holds the sources, then hold --out's lock until the command ends."""
    from core.lock import output_lock
    from core.ownership import check_folders

    for folder in source_folders:
        check_folders(folder, out)
    ctx = click.get_current_context()
    ctx.with_resource(output_lock(out, f"brief {ctx.info_name}"))


@click.group(cls=BriefGroup)
@click.version_option(package_name="bilingual-brief")
def main() -> None:
    """Bilingual (French/English) briefs of a folder of news articles, with local models."""


def csv_options(function):
    """``glossary.csv`` as DeepL wants it: with or without the header, identical pairs or not."""
    function = click.option(
        "--csv-identical",
        is_flag=True,
        help="Keep glossary.csv rows whose French and English are the same (left out by default).",
    )(function)
    return click.option(
        "--csv-header/--no-csv-header",
        default=True,
        show_default=True,
        help="Write the fr,en header line in glossary.csv (DeepL's own format has none).",
    )(function)


@main.command()
@run_options
@engine_option
@csv_options
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed since the last build.")
def build(engine: str, force: bool, csv_header: bool, csv_identical: bool, **options) -> None:
    """Run everything: summaries and briefs, the glossary and its site, the translations."""
    from brief.uptodate import BuildStamp

    job = _prepare(**options)
    stamp = BuildStamp(job.out, job.corpus, job.settings, engine, options["lang"], csv_header, csv_identical)
    if not force and stamp.is_current():
        click.echo(f"up to date: nothing changed since the last build in {job.out}/ (--force rebuilds)")
        sys.exit(stamp.exit_code)
    # The stamp goes just before the first output is replaced, so a build that fails
    # earlier (a missing model) leaves the previous outputs and their stamp as they were.
    complete, summaries = _summaries(job, engine, before_write=stamp.clear)
    glossary = _glossary(job, csv_header, csv_identical)
    from translate import has_no_prose

    # The articles are already read: translation does not read them again. A file the reader
    # skipped for having no prose (only code, a table) is copied, so the translated folder is complete.
    sources = [*job.corpus.articles, *(s.path for s in job.corpus.skipped if has_no_prose(s.path))]
    translated = _translations(job, sources, None, None, glossary.entries, dry_run=False, require_models=False)
    _publish(job, summaries, glossary)
    exit_code = 0 if complete and translated and not job.corpus.skipped else EXIT_INCOMPLETE
    stamp.record(exit_code)
    if not complete:
        _exit_incomplete()
    if not translated or job.corpus.skipped:
        sys.exit(EXIT_INCOMPLETE)


@main.command()
@run_options
@engine_option
def summarize(engine: str, **options) -> None:
    """Write summaries.json, brief.md and one brief per article."""
    job = _prepare(**options)
    if not _summaries(job, engine)[0]:
        _exit_incomplete()
    if job.corpus.skipped:
        sys.exit(EXIT_INCOMPLETE)


@main.command()
@run_options
@csv_options
def glossary(csv_header: bool, csv_identical: bool, **options) -> None:
    """Write glossary.json, .md, .tbx and .csv (`brief build` publishes them in the site)."""
    job = _prepare(**options)
    _glossary(job, csv_header, csv_identical)
    if job.corpus.skipped:
        sys.exit(EXIT_INCOMPLETE)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@run_options(lang_help="")
@click.option("--to", "target", type=click.Choice(["fr", "en"]), help="Target language (default: the other one).")
@click.option(
    "--source-lang",
    type=click.Choice(["fr", "en"]),
    help="Source language when neither front matter nor detection says.",
)
@click.option(
    "--glossary",
    "glossary_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="glossary.json whose terms are translated its way (default: OUT/glossary.json when present).",
)
@click.option("--dry-run", is_flag=True, help="List what would be translated; load no model, write nothing.")
@click.option(
    "--overwrite-edits",
    is_flag=True,
    help="Replace translations edited by hand (default: keep them, write the new one beside as X.new.md).",
)
def translate(paths, target, source_lang, glossary_file, dry_run, overwrite_edits, lang, **options) -> None:
    """Translate PATHS (default: every corpus article whose translation is missing or stale) into OUT/translations."""
    from glossary.model import read_entries

    _quiet_libraries()
    from core.corpus.reader import article_files
    from core.errors import CorpusError
    from core.models.settings import resolve_settings

    settings = resolve_settings(
        options.pop("models"), options.pop("config_file"), backend=options.pop("backend"), executor=options["executor"]
    )
    corpus, out = options["corpus"], options["out"]
    if not dry_run:
        from core.io import check_writable

        check_writable(out)
    if not paths and not corpus.is_dir():
        raise CorpusError(f"{corpus}: corpus folder not found")
    if not dry_run:
        _hold_output_folder({Path(p).parent for p in paths} or [corpus], out)
    sources = list(paths) or article_files(corpus)
    glossary_file = glossary_file or (out / "glossary.json" if (out / "glossary.json").is_file() else None)
    entries = []
    if glossary_file:
        entries = read_entries(glossary_file)
    else:
        click.secho("note: no glossary.json: run `brief glossary` first for consistent terminology", err=True)
    if lang:
        click.secho("note: --lang is deprecated for brief translate: use --source-lang", err=True)
    job = Job(settings, None, out, Progress(options["quiet"]))
    if not _translations(
        job, sources, target, source_lang or lang, entries, dry_run, overwrite_edits=overwrite_edits, can_overwrite=True
    ):
        sys.exit(EXIT_INCOMPLETE)


def _translations(
    job: Job,
    sources,
    target,
    source_lang,
    entries,
    dry_run: bool,
    require_models=True,
    overwrite_edits=False,
    can_overwrite=False,
) -> bool:
    """Translate and report each file; False when a file was skipped or failed."""
    from translate import translate_files

    try:
        results = translate_files(
            sources,
            job.out,
            job.settings,
            target,
            source_lang,
            entries,
            dry_run,
            job.progress,
            require_models,
            overwrite_edits,
        )
    finally:
        job.progress.close()
    for result in results:
        name = result.source.name
        if result.status in ("skipped", "failed", "unavailable"):
            click.secho(f"{result.status} {name}: not translated: {result.reason}", err=True, fg="yellow")
            continue
        detail = f"{result.sentences} sentences, {result.to_translate} to the model"
        if result.terms:
            detail += f", glossary terms in glossary form: {result.terms_kept}/{result.terms}"
        if result.reused:
            detail += f", {result.reused} taken from the edited translation"
        verb = {"planned": "would translate", "unchanged": "unchanged", "translated": "translated", "copied": "copied"}
        verb = verb[result.status]
        if result.status == "copied" or (result.status == "planned" and not result.sentences):
            detail, verb = "no prose: copied as it is", "would copy" if result.status == "planned" else verb
        written = result.edited or result.output
        line = f"{verb} {name} -> {written} ({detail})"
        click.echo(line if result.status != "unchanged" else f"unchanged {name}")
        for problem in result.problems:
            click.secho(f"warning: {name}: {problem}", err=True, fg="yellow")
    done = sum(r.status == "translated" for r in results)
    copied = sum(r.status == "copied" for r in results)
    if not dry_run:
        memory = " and memory.tmx, memory.*.xlf" if done else ""
        also = f", copied {copied} file(s) with no prose" if copied else ""
        click.echo(f"wrote {done} translation(s){memory}{also} to {job.out}/translations/")
    edited = [r for r in results if r.edited]
    if edited:
        hint = " (--overwrite-edits replaces the edited files)" if can_overwrite else ""
        click.secho(
            f"kept {len(edited)} translation(s) edited by hand; new ones beside them: "
            + ", ".join(r.edited.name for r in edited)
            + hint,
            err=True,
            fg="yellow",
        )
    return not any(r.status in ("skipped", "failed") for r in results)


def _exit_incomplete() -> None:
    click.secho("incomplete: some summaries are missing (see the warnings above)", err=True, fg="red")
    sys.exit(EXIT_INCOMPLETE)


def _summaries(job: Job, engine: str, before_write=lambda: None):
    """Write the summaries; (True when every article got every summary the run can give, the Brief)."""
    from summarize.pipeline import summarise_corpus
    from summarize.render import write_summaries
    from translate import translate_sentences

    try:
        brief = summarise_corpus(
            job.corpus, job.settings, engine, job.progress, translate_sentences=translate_sentences
        )
    finally:
        job.progress.close()
    before_write()
    written = write_summaries(brief, job.out)
    for warning in brief.warnings:
        click.secho(f"warning: {warning}", err=True, fg="yellow")
    for pair, name in [(brief.overview, "corpus"), *((b, b.article.id) for b in brief.articles)]:
        for problem in pair.problems:
            click.secho(f"warning: {name}: {problem}", err=True, fg="yellow")
    click.echo(
        f"wrote {len(written)} files to {job.out}/: summaries.json, brief.md, articles/ ({len(brief.articles)} briefs)"
    )
    return brief.complete, brief


def _glossary(job: Job, csv_header: bool = True, csv_identical: bool = False):
    from glossary.build import build_glossary
    from glossary.render import csv_report, write_glossary

    try:
        result = build_glossary(job.corpus, job.settings, job.progress)
    finally:
        job.progress.close()
    written = write_glossary(result, job.corpus, job.out, csv_header=csv_header, csv_identical=csv_identical)
    for problem in result.problems:
        click.secho(f"warning: glossary: {problem}", err=True, fg="yellow")
    note = csv_report(result, csv_identical).describe()
    if note:
        click.secho(f"note: {note}", err=True)
    kinds = {"terms": "term", "acronyms": "acronym", "entities": "entity"}
    summary = ", ".join(f"{sum(e.kind == kind for e in result.entries)} {label}" for label, kind in kinds.items())
    click.echo(f"wrote {len(written)} files to {job.out}/: glossary.json/.md/.tbx/.csv ({summary})")
    return result


def _publish(job: Job, brief, glossary) -> None:
    """The site of the whole build: briefs, glossary, articles and the translations on disk."""
    from core.models.roles import other_language
    from publish import write_site

    folder = job.out / "translations"
    translations = [
        path
        for article in job.corpus.articles
        if (path := folder / f"{article.id}.{other_language(article.lang)}.md").is_file()
    ]
    written = write_site(job.out, job.corpus, brief, glossary, translations)
    click.echo(
        f"wrote {len(written)} files to {job.out}/site/: index.html, glossary.html, articles/, translations/ "
        f"({len(translations)} translated); build notes in {job.out}/site/build.html (not linked from the site)"
    )


@main.group(cls=BriefGroup, invoke_without_command=True)
@model_options
@click.pass_context
def models(ctx: click.Context, models, config_file, backend) -> None:
    """List the models of each role (default), or pull them."""
    ctx.obj = (models, config_file)
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_models)


@models.command("list")
@click.pass_context
def list_models(ctx: click.Context) -> None:
    """Each role, its model, whether it is on this machine, and its size."""
    from core.models.hub import folder_size, locate
    from core.models.settings import resolve_settings

    settings = resolve_settings(*ctx.obj)
    rows = [("ROLE", "MODEL", "AVAILABLE", "SIZE", "FROM")]
    for role, choice in settings.models.items():
        local = locate(choice)
        size = f"{folder_size(local.path) / 1e6:.0f} MB" if local.path else "-"
        rows.append((role, choice.name, "yes" if local.path else "no", size, choice.origin))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


@models.command("pull")
@click.argument("roles", nargs=-1)
@click.pass_context
def pull_models(ctx: click.Context, roles: tuple[str, ...]) -> None:
    """Download the models of ROLES (default: all) into the Hugging Face cache."""
    from core.errors import ConfigError, ModelError
    from core.models.hub import pull
    from core.models.roles import ROLES
    from core.models.settings import resolve_settings

    settings = resolve_settings(*ctx.obj)
    for role in roles:
        if role not in ROLES:
            raise ConfigError(f"unknown role '{role}' (roles: {', '.join(ROLES)})")
    for role in roles or ROLES:
        choice = settings.models[role]
        if choice.is_local:
            click.echo(f"{role}: {choice.name} is a local folder, nothing to pull")
            continue
        click.echo(f"{role}: pulling {choice.name}", err=True)
        try:
            path = pull(choice)
        except Exception as exc:  # huggingface_hub raises many types: network, auth, missing repo
            raise ModelError(f"{role}: cannot download {choice.name}: {exc}") from exc
        click.echo(f"{role}: {choice.name} -> {path}")
