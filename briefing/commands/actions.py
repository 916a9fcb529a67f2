"""What each command does: load, choose, narrow, render — testable without the CLI.

Each command is a function of the run's settings and its own converted
option values; it returns what it shows (`Shown`: the text or a document,
where it goes, the exit code), which `delivery.deliverer` writes, or raises
a BriefingError. Heavy modules are imported inside the functions, so a
command pays only for what it uses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from briefing.commands.loading import (
    load_data,
    load_valid_data,
    narrowed,
    output_format,
    say_withheld,
)
from briefing.delivery.deliverer import Export, Shown
from briefing.delivery.stderr import report
from briefing.errors import EXIT_DATA
from briefing.i18n import dating

if TYPE_CHECKING:
    from briefing.cli.settings import Settings
    from briefing.delivery.console import OutputOptions
    from briefing.delivery.pandoc import Plan
    from briefing.formats import Renderer
    from briefing.model import Briefing

# One view of a renderer (`lambda r: r.themes`): None where the format has none.
View = Callable[["Renderer"], Callable[["Briefing", "OutputOptions"], str] | None]


def show(
    settings: Settings,
    theme: Sequence[str] = (),
    words: Sequence[str] = (),
    search: Sequence[str] = (),
    format: str | None = None,
    front_matter: bool = False,
    output: str | None = None,
    citations: str | None = None,
    credibility: str | None = None,
    status: str | None = None,
    across: bool = False,
    max_tlp: str | None = None,
    reference_doc: str | None = None,
) -> Shown:
    """Show the whole briefing, or only some themes or what matches a search."""
    from briefing.delivery.pandoc import STYLED_WRITERS
    from briefing.formats import DOCUMENTS, FORMATS, able, get, get_document

    if across:
        if output is not None or front_matter or citations is not None:
            from briefing.errors import UsageError
            from briefing.i18n import _

            # One file, one briefing: an export's metadata and citations describe one.
            raise UsageError(
                _("--all cannot be combined with --output, --front-matter or --citations"),
                _("redirect the output instead: briefing show --all > all.md"),
            )
        return _across(
            settings, "show", [*theme, *words], search, format, credibility, status, max_tlp
        )

    from briefing.commands.tracking import today

    mode = citations or "numbered"
    # Overdue items are marked as of the day the briefing is shown.
    options = settings.output._replace(front_matter=front_matter, citations=mode, today=today())
    # Before loading: a usage error in --output and its settings comes first.
    plan, export = _export(settings, output, format, front_matter, citations)
    briefing, translations = narrowed(
        settings, [*theme, *words], search, credibility, status, max_tlp
    )
    if export is not None:
        # pandoc reads title, language and references from the metadata block; its Word and
        # OpenDocument writers get the marking, items and assessments in named styles.
        options = options._replace(
            is_terminal=False,
            color=False,
            front_matter=front_matter or bool(plan.pandoc),
            styles=plan.pandoc in STYLED_WRITERS,
        )
        if plan.format in DOCUMENTS:  # a file only: a PDF
            with dating(briefing.language):
                return Shown(get_document(plan.format).document(briefing, options), export)
    renderer = get(plan.format)
    with dating(briefing.language):
        if renderer.translated is not None:  # a format that carries the other languages
            text = renderer.translated(briefing, translations, options)
        else:
            text = able(renderer.briefing, plan.format, "show")(briefing, options)
    if export is not None and FORMATS[plan.format].file_bom:
        text = "\ufeff" + text  # spreadsheets opened by double-click read UTF-8 only with it
    return Shown(text, export)


def _export(
    settings: Settings,
    output: str | None,
    format: str | None,
    front_matter: bool,
    citations: str | None,
) -> tuple[Plan, Export | None]:
    """The format to render, and where `--output` goes: every check of it, once, before any work.

    An input (a data file, the configuration file) is never the output,
    whatever the suffix says; the suffix must be one briefing or pandoc
    writes; the Markdown-only settings need Markdown; a reference document
    must suit the file.
    """
    from briefing.delivery.pandoc import check_settings, choose_reference, plan_output

    is_terminal = settings.output.is_terminal or settings.output.color
    if output is None:
        plan = plan_output(None, format, is_terminal)
        check_settings(plan, front_matter, citations)
        return plan, None
    from briefing.delivery.writing import refuse_inputs
    from briefing.reading.files import files_of

    # Every file this run reads: the data, and the configuration file.
    protected = files_of(settings.data, settings.data_source)
    protected += [settings.config_file] if settings.config_file else []
    refuse_inputs(output, protected, settings.config_file)
    plan = plan_output(output, format, is_terminal)
    check_settings(plan, front_matter, citations)
    # The option is in the settings too (it beats the configuration file's reference_doc).
    reference = choose_reference(plan, settings.reference_docs, settings.reference_docs_from)
    citeproc = citations == "pandoc"
    return plan, Export(output, plan.pandoc, citeproc, reference, tuple(protected))


def _view(
    settings: Settings,
    command: str,
    view: View,
    theme: Sequence[str],
    words: Sequence[str],
    search: Sequence[str],
    format: str | None,
    credibility: str | None = None,
    status: str | None = None,
    max_tlp: str | None = None,
) -> Shown:
    """Narrow the chosen briefing and render one of its views."""
    from briefing.formats import able, get

    briefing, _translations = narrowed(
        settings, [*theme, *words], search, credibility, status, max_tlp
    )
    shown = output_format(format, settings.output, command)
    render = able(view(get(shown)), shown, command)
    with dating(briefing.language):
        return Shown(render(briefing, settings.output))


def timeline(
    settings: Settings,
    theme: Sequence[str] = (),
    words: Sequence[str] = (),
    search: Sequence[str] = (),
    format: str | None = None,
    across: bool = False,
    max_tlp: str | None = None,
) -> Shown:
    """Show the dated events in order, along a time axis on a terminal."""
    if across:
        return _across(settings, "timeline", [*theme, *words], search, format, max_tlp=max_tlp)
    return _view(
        settings, "timeline", lambda r: r.timeline, theme, words, search, format, max_tlp=max_tlp
    )


def sources(
    settings: Settings,
    theme: Sequence[str] = (),
    words: Sequence[str] = (),
    search: Sequence[str] = (),
    format: str | None = None,
    credibility: str | None = None,
    status: str | None = None,
    max_tlp: str | None = None,
    outline: str | None = None,
) -> Shown:
    """Show each source with the items and timeline entries that cite it, and where.

    With `outline`, list instead the locators a plain-text source offers.
    """
    if outline is not None:
        return _outline(
            settings,
            outline,
            bool(theme or words or search or credibility or status or max_tlp),
            format,
        )
    return _view(
        settings,
        "sources",
        lambda r: r.sources,
        theme,
        words,
        search,
        format,
        credibility,
        status,
        max_tlp,
    )


def _outline(settings: Settings, path: str, narrowed: bool, format: str | None) -> Shown:
    """`sources --outline FILE`: one line per locator of a plain-text source."""
    from briefing.errors import UsageError
    from briefing.i18n import _
    from briefing.reading.audit import read_text
    from briefing.reading.sourcetext import outline_lines
    from briefing.text import one_line

    if narrowed or format is not None:
        raise UsageError(
            _("--outline lists the locators of a text; it takes no themes, filters or --format"),
            _("run `briefing sources --outline FILE` alone"),
        )
    lines = outline_lines(read_text(path, settings.max_bytes))
    if not lines:
        from briefing.errors import DataError

        raise DataError(_("{file}: no paragraph found in the text").format(file=path))
    return Shown("".join(one_line(line) + "\n" for line in lines))


def _editions(settings: Settings) -> list[list[Briefing]]:
    """Every edition loaded (only `--briefing`'s, if given), oldest first, in the language asked."""
    from briefing.commands.choosing import choose
    from briefing.model import by_edition

    language = settings.language if settings.language_asked else None
    loaded = load_data(settings)
    if settings.briefing is not None:
        # `--all --briefing ID`: every edition of that briefing only (an unknown id is refused).
        choose(loaded, settings.briefing)
        loaded = [b for b in loaded if b.id == settings.briefing]
    groups = by_edition(loaded)
    chosen = []
    for (briefing_id, _as_of), group in groups.items():
        picked = choose(group, briefing_id, language)
        chosen.append([picked.briefing, *picked.translations])
    chosen.sort(key=lambda g: (g[0].as_of.sort_key(), g[0].id))
    return chosen


def _across(
    settings: Settings,
    command: str,
    themes: Sequence[str],
    search: Sequence[str],
    format: str | None,
    credibility: str | None = None,
    status: str | None = None,
    max_tlp: str | None = None,
) -> Shown:
    """`--all`: the same view of every briefing loaded, oldest first, each labelled."""
    from briefing.commands.narrowing import Narrowing
    from briefing.formats import FORMATS, get

    narrowing = Narrowing.read(themes, search, credibility, status, max_tlp)  # before loading
    shown = output_format(format, settings.output, command)
    renderer = get(shown)
    render = renderer.across
    if render is None:
        from briefing.errors import UsageError
        from briefing.i18n import _

        able = [n for n, f in FORMATS.items() if f.shows(command) and get(n).across is not None]
        raise UsageError(
            _("--all cannot be shown as {format}: one page holds one briefing").format(
                format=shown
            ),
            _("use --format {formats}").format(formats=", ".join(able)),
        )
    views = []
    for briefing, *translations in _editions(settings):
        views.append(narrowing.apply(briefing, tuple(translations)))
        say_withheld(views[-1])
    # Each format that can show several briefings labels every result with its briefing.
    return Shown(render(command, views, settings.output))


def watch(
    settings: Settings,
    theme: Sequence[str] = (),
    words: Sequence[str] = (),
    search: Sequence[str] = (),
    status: str | None = None,
    format: str | None = None,
    as_of: str | None = None,
    within: str | None = None,
    since: str | None = None,
    exit_code: bool = False,
    max_tlp: str | None = None,
) -> Shown:
    """Show what is overdue, due soon, seen or untracked; with --exit-code, exit 1 on an alarm."""
    from briefing.commands.tracking import parse_date, parse_within, today
    from briefing.commands.tracking import watch as follow
    from briefing.formats import able, get

    # Before loading: a mistyped value is a usage error whatever the data.
    moment = parse_date("--as-of", as_of) or today()
    days = parse_within(within)
    since_date = parse_date("--since", since)
    shown = output_format(format, settings.output, "watch")
    render = able(get(shown).watch, shown, "watch")
    briefing, _translations = narrowed(settings, [*theme, *words], search, None, status, max_tlp)
    found = follow(briefing, moment, days, since_date)
    return Shown(
        render(found, settings.output), exit_code=EXIT_DATA if exit_code and found.alarm else None
    )


def themes(settings: Settings, format: str | None = None) -> Shown:
    """List the themes, what each covers and how many items it has."""
    return _view(settings, "themes", lambda r: r.themes, (), (), (), format)


def list_briefings(settings: Settings, format: str | None = None) -> Shown:
    """List the loaded briefings, latest first."""
    from briefing.formats import able, get

    valid, invalid = load_valid_data(settings)
    loaded = sorted(valid, key=lambda b: (b.as_of.sort_key(), b.id), reverse=True)
    shown = output_format(format, settings.output, "list")
    render = able(get(shown).catalog, shown, "list")
    return Shown(render(loaded, settings.output, invalid))


def validate(
    settings: Settings,
    paths: Sequence[str] = (),
    format: str | None = None,
    standards: bool = False,
    strict: bool = False,
    source: Sequence[str] = (),
) -> Shown:
    """Check briefing files against the data format; exit 1 when any problem is found.

    `standards` adds the analytic-standards warnings (fatal with `strict`, which
    implies it); each `source` ID=FILE checks the briefings against that text.
    """
    from briefing.errors import DataError, Problem
    from briefing.formats import able, get
    from briefing.i18n import _
    from briefing.reading.audit import Report
    from briefing.reading.files import data_files
    from briefing.reading.loader import check_files

    pairs = []
    if source:
        from briefing.reading.audit import parse_sources

        pairs = parse_sources(source)  # a malformed value is a usage error before any work
    standards = standards or strict
    files: list[str] = []
    problems: list[Problem] = []
    specs: Sequence[str | None] = paths or settings.data or [None]
    for spec in specs:
        try:
            given_as = _("the command line") if paths else settings.data_source
            files += [f for f in data_files(spec, given_as=given_as) if f not in files]
        except DataError as exc:
            problems.append(Problem("", "", "; ".join(exc.lines())))
    texts: dict[str, str] = {}
    briefings, found = check_files(files, settings.max_bytes, texts)
    problems += found
    warned = tally = None
    if standards or pairs:
        from briefing.reading import audit

        if standards:
            warned = audit.standards(briefings, texts)
        if pairs:
            against, tally = audit.against_sources(briefings, texts, pairs, settings.max_bytes)
            problems += against
    from briefing.reading.migrate import ungraded_lines

    # Grades migrate wrote as "cannot be judged": valid, but not yet anyone's judgement.
    left = _(
        "left to grade: migrate wrote this grade as cannot be judged; grade it, then delete "
        "the `# ungraded` comment"
    )
    notes = [
        f"{name}:{line}: {left}" for name, text in texts.items() for line in ungraded_lines(text)
    ]
    open_warnings = [w for w in warned or () if not w.acknowledged]
    failed = bool(problems) or (strict and bool(open_warnings))
    report = Report(
        tuple(files),
        tuple(problems),
        None if warned is None else tuple(warned),
        tally,
        valid=not failed,
        checked=tuple((b.origin, b.id) for b in briefings),
        notes=tuple(notes),
    )
    shown = output_format(format, settings.output, "validate")
    text = able(get(shown).report, shown, "validate")(report, settings.output)
    return Shown(text, exit_code=EXIT_DATA if failed else None)


def config(settings: Settings, format: str | None = None) -> Shown:
    """Show each setting in effect, its value and where it comes from."""
    from briefing.formats import able, get

    shown = output_format(format, settings.output, "config")
    return Shown(able(get(shown).config, shown, "config")(settings.origins, settings.output))


def schema(settings: Settings, output_of: str | None = None) -> Shown:
    """Print the JSON Schema (draft 2020-12) of briefing files, or of a command's JSON output."""
    if output_of is None:
        from briefing.reading.jsonschema import render
    else:
        from functools import partial

        from briefing.formats.outputschema import render as render_output

        render = partial(render_output, output_of)
    return Shown(render())


def migrate(settings: Settings, file: str, dry_run: bool = False) -> Shown:
    """Move an older briefing file to the current version in place, then say what is left.

    With `--dry-run`, print the change as a unified diff and write nothing.
    """
    from briefing.i18n import _, ngettext
    from briefing.reading.migrate import migrate_file

    done = migrate_file(file, dry_run=dry_run)
    if dry_run:
        import difflib

        from briefing.text import visible

        # Data shown, not run: control and direction characters as escapes, like any output.
        diff = difflib.unified_diff(
            done.old_text.splitlines(keepends=True),
            done.new_text.splitlines(keepends=True),
            fromfile=done.path,
            tofile=done.path,
        )
        return Shown("".join(visible(line.rstrip("\r\n")) + "\n" for line in diff))
    if done.links > 1:  # the rename gives this name a new file; the other names keep the old
        report(
            [
                _(
                    "{file} had {n} hard links: only this name has the version 2 file, "
                    "the others keep the version 1 text"
                ).format(file=done.path, n=done.links)
            ]
        )
    graded = ngettext(
        "{n} grade written as cannot be judged (F or 6) and marked `# ungraded`",
        "{n} grades written as cannot be judged (F or 6) and marked `# ungraded`",
        done.graded,
    ).format(n=done.graded)
    said = _(
        "{file}: now format version {after}; {graded}; `briefing validate {file}` lists "
        "what is left to grade"
    ).format(file=done.path, after=done.after, graded=graded)
    return Shown(said + "\n", paged=False)  # one line, said once the file is written
