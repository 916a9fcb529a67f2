"""What each command does: load, choose, narrow, render, deliver — testable without the CLI.

Each command is a function of the run's settings and its own converted
option values; it returns an exit code (None for success) or raises a
BriefingError. Heavy modules are imported inside the functions, so a
command pays only for what it uses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from briefing.delivery.stderr import report
from briefing.errors import EXIT_DATA
from briefing.i18n import dating

if TYPE_CHECKING:
    from briefing.cli.settings import Settings
    from briefing.delivery.console import OutputOptions
    from briefing.formats import Renderer
    from briefing.model import Briefing
    from briefing.reading.loader import InvalidFile

View = Callable[["Renderer"], Callable[["Briefing", "OutputOptions"], str]]


def narrowed(
    settings: Settings,
    themes: Sequence[str],
    search: Sequence[str] = (),
    credibility: str | None = None,
    status: str | None = None,
    max_tlp: str | None = None,
) -> tuple[Briefing, tuple[Briefing, ...]]:
    """Load, pick one briefing, and narrow it to the themes, search terms and grades asked for.

    Also returns the edition's other loaded languages, whole, for a format that carries them.
    """
    from briefing.commands.choosing import choose
    from briefing.commands.narrowing import Narrowing

    # Before loading: a mistyped value is a usage error whatever the data.
    narrowing = Narrowing.read(themes, search, credibility, status, max_tlp)
    picked = choose(
        load_data(settings),
        settings.briefing,
        settings.language if settings.language_asked else None,
    )
    if picked.notice:
        report([picked.notice])
    view = narrowing.apply(picked.briefing, picked.translations)
    _say_withheld(view)
    return view, picked.translations


def _say_withheld(view: Briefing) -> None:
    """One line on stderr when --max-tlp left items out: the document shown is partial."""
    if view.withheld and view.max_tlp is not None:
        from briefing.tlp import withheld_note

        report([withheld_note(view.withheld, view.max_tlp)])


def load_data(settings: Settings) -> list[Briefing]:
    """Load the briefings this run's data paths name, with its size cap.

    Unless the run is strict, an invalid file among several is left out and
    named on stderr (see `load_valid_data`).
    """
    return load_valid_data(settings)[0]


def load_valid_data(settings: Settings) -> tuple[list[Briefing], list[InvalidFile]]:
    """The valid briefings of the run's data, and the invalid files left out, each named.

    Each invalid file is named on stderr with its first problem and how to
    see them all. It is fatal, with every problem, when the run is strict
    (`--strict-data`, `strict_data = true`), when no file is valid, or when the
    briefing asked for by `--briefing` is not among the valid ones.
    """
    from briefing.errors import ValidationError
    from briefing.reading.loader import load, load_valid

    if settings.strict:
        return load(settings.data, settings.data_source, settings.max_bytes), []
    valid, invalid = load_valid(settings.data, settings.data_source, settings.max_bytes)
    if invalid:
        asked = settings.briefing
        if not valid or (asked is not None and all(b.id != asked for b in valid)):
            raise ValidationError([p for f in invalid for p in f.problems])
        report([skipped_notice(f) for f in invalid])
    return valid, invalid


def skipped_notice(invalid: InvalidFile) -> str:
    """`FILE:LINE:COL: problem`, then that the file was left out and how to see every problem."""
    from briefing.i18n import ngettext

    count = len(invalid.problems)
    left_out = ngettext(
        "left out, {n} problem: see it with `briefing validate {file}`",
        "left out, {n} problems: see them all with `briefing validate {file}`",
        count,
    ).format(n=count, file=invalid.file)
    return f"{invalid.problems[0]} — {left_out}"


def output_format(chosen: str | None, options: OutputOptions) -> str:
    """The format asked for; else terminal or markdown, by where the output goes.

    Colour asked for (`--color always`, FORCE_COLOR) picks the terminal layout
    through a pipe too, as `ls --color=always` and git keep their colours.
    """
    from briefing.formats import default_format

    return chosen or default_format(options.is_terminal or options.color)


def deliver(text: str, settings: Settings) -> None:
    """Print the output: through the pager when it is taller than the terminal, else to stdout."""
    if settings.pager:
        import sys

        from briefing.delivery.console import terminal_height

        # As less -F would: output that fits on the screen is printed, not paged.
        if text.count("\n") >= terminal_height(sys.stdout, settings.environ):
            from briefing.delivery.writing import to_pager

            notice = to_pager(text, settings.pager_command, settings.environ)
            if notice:
                report([notice])
            return
    from briefing.delivery.writing import to_stdout

    to_stdout(text)


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
) -> None:
    """Show the whole briefing, or only some themes or what matches a search."""
    from briefing.delivery.pandoc import (
        STYLED_WRITERS,
        check_settings,
        choose_reference,
        plan_output,
        write_output,
    )
    from briefing.formats import DOCUMENTS, FORMATS, get, get_document

    if across:
        if output is not None or front_matter or citations is not None:
            from briefing.errors import UsageError
            from briefing.i18n import _

            # One file, one briefing: an export's metadata and citations describe one.
            raise UsageError(
                _("--all cannot be combined with --output, --front-matter or --citations"),
                _("redirect the output instead: briefing show --all > all.md"),
            )
        _across(settings, "show", [*theme, *words], search, format, credibility, status, max_tlp)
        return

    from briefing.commands.tracking import today

    mode = citations or "numbered"
    # Overdue items are marked as of the day the briefing is shown.
    options = settings.output._replace(front_matter=front_matter, citations=mode, today=today())
    protected: list[str] = []
    if output is not None:  # an input is never replaced, whatever the suffix says
        from briefing.delivery.writing import refuse_inputs
        from briefing.reading.files import files_of

        # Every file this run reads: the data, and the configuration file.
        protected = files_of(settings.data, settings.data_source)
        protected += [settings.config_file] if settings.config_file else []
        refuse_inputs(output, protected, settings.config_file)
    plan = plan_output(output, format, options.is_terminal or options.color)
    check_settings(plan, front_matter, citations)  # before loading: a usage error comes first
    # The option is in the settings too (it beats the configuration file's reference_doc).
    reference = choose_reference(plan, settings.reference_docs, settings.reference_docs_from)
    briefing, translations = narrowed(
        settings, [*theme, *words], search, credibility, status, max_tlp
    )
    if output is not None:
        # pandoc reads title, language and references from the metadata block; its Word and
        # OpenDocument writers get the marking, items and assessments in named styles.
        options = options._replace(
            is_terminal=False,
            color=False,
            front_matter=front_matter or bool(plan.pandoc),
            styles=plan.pandoc in STYLED_WRITERS,
        )
    if output is not None and plan.format in DOCUMENTS:  # a file only: a PDF
        with dating(briefing.language):
            document = get_document(plan.format).render_document(briefing, options)
        write_output(
            document,
            output,
            plan,
            mode,
            protected,
        )
        return
    shown = FORMATS[plan.format]
    renderer = get(plan.format)
    with dating(briefing.language):
        if shown.translations:
            text = renderer.render_translated(briefing, translations, options)
        else:
            text = renderer.render_briefing(briefing, options)
    if output is None:
        deliver(text, settings)
        return
    if shown.file_bom:  # spreadsheets opened by double-click read UTF-8 only with it
        text = "\ufeff" + text
    write_output(text, output, plan, mode, protected, reference)


def _view(
    settings: Settings,
    view: View,
    theme: Sequence[str],
    words: Sequence[str],
    search: Sequence[str],
    format: str | None,
    credibility: str | None = None,
    status: str | None = None,
    max_tlp: str | None = None,
) -> None:
    """Narrow the chosen briefing and print one of its views."""
    from briefing.formats import get

    briefing, _translations = narrowed(
        settings, [*theme, *words], search, credibility, status, max_tlp
    )
    render = view(get(output_format(format, settings.output)))
    with dating(briefing.language):
        text = render(briefing, settings.output)
    deliver(text, settings)


def timeline(
    settings: Settings,
    theme: Sequence[str] = (),
    words: Sequence[str] = (),
    search: Sequence[str] = (),
    format: str | None = None,
    across: bool = False,
    max_tlp: str | None = None,
) -> None:
    """Show the dated events in order, along a time axis on a terminal."""
    if across:
        _across(settings, "timeline", [*theme, *words], search, format, max_tlp=max_tlp)
        return
    _view(settings, lambda r: r.render_timeline, theme, words, search, format, max_tlp=max_tlp)


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
) -> None:
    """Show each source with the items and timeline entries that cite it, and where.

    With `outline`, list instead the locators a plain-text source offers.
    """
    if outline is not None:
        _outline(
            settings,
            outline,
            bool(theme or words or search or credibility or status or max_tlp),
            format,
        )
        return
    _view(
        settings,
        lambda r: r.render_sources,
        theme,
        words,
        search,
        format,
        credibility,
        status,
        max_tlp,
    )


def _outline(settings: Settings, path: str, narrowed: bool, format: str | None) -> None:
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
    deliver("".join(one_line(line) + "\n" for line in lines), settings)


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
) -> None:
    """`--all`: the same view of every briefing loaded, oldest first, each labelled."""
    from briefing.commands.narrowing import Narrowing
    from briefing.formats import FORMATS, get

    narrowing = Narrowing.read(themes, search, credibility, status, max_tlp)  # before loading
    shown = output_format(format, settings.output)
    if not FORMATS[shown].across:
        from briefing.errors import UsageError
        from briefing.i18n import _

        able = [name for name, f in FORMATS.items() if f.across]
        raise UsageError(
            _("--all cannot be shown as {format}: one page holds one briefing").format(
                format=shown
            ),
            _("use --format {formats}").format(formats=", ".join(able)),
        )
    views = []
    for briefing, *translations in _editions(settings):
        views.append(narrowing.apply(briefing, tuple(translations)))
        _say_withheld(views[-1])
    # Each format that can show several briefings labels every result with its briefing.
    renderer = get(shown)
    deliver(renderer.render_across(command, views, settings.output), settings)


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
) -> int | None:
    """Show what is overdue, due soon, seen or untracked; with --exit-code, exit 1 on an alarm."""
    from briefing.commands.tracking import parse_date, parse_within, today
    from briefing.commands.tracking import watch as follow
    from briefing.formats import get

    # Before loading: a mistyped value is a usage error whatever the data.
    moment = parse_date("--as-of", as_of) or today()
    days = parse_within(within)
    since_date = parse_date("--since", since)
    renderer = get(output_format(format, settings.output))
    briefing, _translations = narrowed(settings, [*theme, *words], search, None, status, max_tlp)
    found = follow(briefing, moment, days, since_date)
    deliver(renderer.render_watch(found, settings.output), settings)
    return EXIT_DATA if exit_code and found.alarm else None


def themes(settings: Settings, format: str | None = None) -> None:
    """List the themes, what each covers and how many items it has."""
    _view(settings, lambda r: r.render_themes, (), (), (), format)


def list_briefings(settings: Settings, format: str | None = None) -> None:
    """List the loaded briefings, latest first."""
    from briefing.formats import get

    valid, invalid = load_valid_data(settings)
    loaded = sorted(valid, key=lambda b: (b.as_of.sort_key(), b.id), reverse=True)
    renderer = get(output_format(format, settings.output))
    deliver(renderer.render_catalog(loaded, settings.output, invalid), settings)


def validate(
    settings: Settings,
    paths: Sequence[str] = (),
    format: str | None = None,
    standards: bool = False,
    strict: bool = False,
    source: Sequence[str] = (),
) -> int | None:
    """Check briefing files against the data format; exit 1 when any problem is found.

    `standards` adds the analytic-standards warnings (fatal with `strict`, which
    implies it); each `source` ID=FILE checks the briefings against that text.
    """
    from briefing.errors import DataError, Problem
    from briefing.i18n import _
    from briefing.reading.files import data_files
    from briefing.reading.loader import check_files
    from briefing.text import one_line

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
    if format == "json":
        from briefing.formats.jsondoc import render_report

        deliver(render_report(files, problems, warned, tally, valid=not failed), settings)
    else:
        lines = [one_line(str(p)) for p in problems] + [one_line(str(w)) for w in open_warnings]
        if not problems:
            ok = _("ok")
            lines += [f"{one_line(b.origin)}: {ok} ({one_line(b.id)})" for b in briefings]
        lines += [one_line(note) for note in notes]
        if warned is not None or tally is not None:
            from briefing.reading.audit import summary_line

            lines.append(summary_line(len(files), len(problems), warned, tally))
        deliver("".join(line + "\n" for line in lines), settings)
    return EXIT_DATA if failed else None


def config(settings: Settings, format: str | None = None) -> None:
    """Show each setting in effect, its value and where it comes from."""

    rows = settings.origins
    if format == "json":
        from briefing.formats.jsondoc import render_config

        deliver(render_config(rows), settings)
        return
    from briefing.text import one_line

    # Each setting under the name the configuration file (and JSON) gives it, in any
    # language: the name to write in the file is the name shown.
    labels = [o.setting for o in rows]
    values = [one_line(o.value) for o in rows]
    first = max(len(label) for label in labels) + 2
    second = max(len(value) for value in values) + 2
    lines = [
        f"{label:<{first}}{value:<{second}}({one_line(o.source)})"
        for label, value, o in zip(labels, values, rows, strict=True)
    ]
    deliver("\n".join(lines) + "\n", settings)


def schema(settings: Settings, output_of: str | None = None) -> None:
    """Print the JSON Schema (draft 2020-12) of briefing files, or of a command's JSON output."""
    if output_of is None:
        from briefing.reading.jsonschema import render
    else:
        from functools import partial

        from briefing.formats.outputschema import render as render_output

        render = partial(render_output, output_of)
    deliver(render(), settings)


def migrate(settings: Settings, file: str, dry_run: bool = False) -> None:
    """Move an older briefing file to the current version in place, then say what is left.

    With `--dry-run`, print the change as a unified diff and write nothing.
    """
    from briefing.delivery.writing import to_stdout
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
        deliver("".join(visible(line.rstrip("\r\n")) + "\n" for line in diff), settings)
        return
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
    to_stdout(
        _(
            "{file}: now format version {after}; {graded}; `briefing validate {file}` lists "
            "what is left to grade"
        ).format(file=done.path, after=done.after, graded=graded)
        + "\n"
    )


def diff(
    settings: Settings,
    editions: Sequence[str],
    theme: Sequence[str] = (),
    format: str | None = None,
    exit_code: bool = False,
) -> int | None:
    """Compare two editions of a briefing; with --exit-code, exit 1 when anything differs.

    One argument, an id (or `ID@AS_OF`), compares that briefing's latest edition
    (or the one named) with the edition before it among the loaded briefings.
    """
    from briefing.commands.diff import check_comparable, diff
    from briefing.commands.narrowing import resolve_themes
    from briefing.errors import EXIT_DATA, UsageError
    from briefing.formats import get
    from briefing.i18n import _

    if len(editions) == 1 and not _names_a_file(editions[0]):
        old, new = _previous_and(settings, editions[0])
    elif len(editions) != 2:
        raise UsageError(
            _("diff needs two briefings, OLD and NEW, not {n}").format(n=len(editions)),
            _(
                "give two files, two editions as ID@AS_OF such as plan@2026-01 plan@2026-06, "
                "or one id to compare its latest edition with the one before"
            ),
        )
    else:
        old, new = (_edition(settings, word) for word in editions)
    check_comparable(old, new)
    theme_ids = resolve_themes(new, list(theme), (old,))
    titles = [t.title for t in new.themes if t.id in theme_ids] or [
        t.title for t in old.themes if t.id in theme_ids
    ]
    changes = diff(old, new, tuple(theme_ids), tuple(titles))
    shown = output_format(format, settings.output)
    with dating(new.language):
        text = get(shown).render_diff(changes, settings.output)
    deliver(text, settings)
    return EXIT_DATA if exit_code and not changes.empty else None


def _names_a_file(word: str) -> bool:
    """Whether a diff argument is meant as a file: `-`, a path that exists, or one that looks it."""
    import os

    from briefing.reading.files import looks_like_data

    return (
        word == "-"
        or os.path.lexists(word)
        or os.sep in word
        or (os.altsep is not None and os.altsep in word)
        or looks_like_data(word)
    )


def _read_one(settings: Settings, word: str) -> Briefing:
    """The briefing of one file named on the command line (`-`: standard input).

    A missing file, a broken link, a loop, a FIFO or a device is reported as
    such, by the same checks as every data file; a folder holds several.
    """
    import os

    from briefing.commands.choosing import choose
    from briefing.errors import UsageError
    from briefing.i18n import _
    from briefing.reading.loader import load

    if word != "-" and os.path.isdir(word):
        raise UsageError(
            _("`{word}` is a folder: diff compares two briefing files").format(word=word),
            _("or give its editions as ID@AS_OF with --data {word}").format(word=word),
        )
    language = settings.language if settings.language_asked else None
    loaded = load([word], _("the command line"), settings.max_bytes)
    return choose(loaded, None, language).briefing


def _edition(settings: Settings, word: str) -> Briefing:
    """One side of a diff: a briefing file, or `ID@AS_OF` among the briefings of --data."""
    briefing_id, at, as_of = word.rpartition("@")
    if _names_a_file(word) or not at or not briefing_id:
        # Not an edition: a file, existing or not (a missing one is exit 1, as for --data).
        return _read_one(settings, word)
    loaded = load_data(settings)
    return _pick(settings, loaded, briefing_id, as_of, word)


def _pick(
    settings: Settings, loaded: list[Briefing], briefing_id: str, as_of: str, word: str
) -> Briefing:
    """The edition of `briefing_id` as of `as_of` among the loaded briefings, in the language."""
    from briefing.commands.choosing import choose

    found = [b for b in loaded if b.id == briefing_id and str(b.as_of) == as_of]
    if not found:
        raise _no_edition(loaded, word)
    language = settings.language if settings.language_asked else None
    picked = choose(found, briefing_id, language)
    if picked.notice:
        report([picked.notice])
    return picked.briefing


def _no_edition(loaded: list[Briefing], word: str) -> Exception:
    """The error for an `ID@AS_OF` that no loaded briefing is, with the closest one."""
    from briefing.errors import UsageError
    from briefing.i18n import _
    from briefing.reading.contract import did_you_mean

    known = sorted({f"{b.id}@{b.as_of}" for b in loaded})
    return UsageError(
        _("no briefing edition `{word}` in the data").format(word=word) + did_you_mean(word, known),
        _("editions loaded: {editions}").format(editions=", ".join(known)),
    )


def _previous_and(settings: Settings, word: str) -> tuple[Briefing, Briefing]:
    """`diff ID` (or `ID@AS_OF`): the edition before the latest (or the named one), and it."""
    from briefing.errors import UsageError
    from briefing.i18n import _

    briefing_id, at, as_of = word.rpartition("@")
    if not at:
        briefing_id, as_of = word, ""
    loaded = load_data(settings)
    dates = sorted({b.as_of for b in loaded if b.id == briefing_id}, key=lambda d: d.sort_key())
    if not dates:
        from briefing.reading.contract import did_you_mean

        ids = list(dict.fromkeys(b.id for b in loaded))
        raise UsageError(
            _("no briefing with id `{id}`").format(id=briefing_id) + did_you_mean(briefing_id, ids),
            _("loaded: {ids}; or give two files, OLD and NEW").format(ids=", ".join(ids)),
        )
    newer = next((d for d in dates if str(d) == as_of), None) if as_of else dates[-1]
    if newer is None:
        raise _no_edition(loaded, word)
    earlier = [d for d in dates if d.sort_key() < newer.sort_key()]
    if not earlier:
        raise UsageError(
            _("`{id}` has no edition before {date} in the data: nothing to compare it with").format(
                id=briefing_id, date=newer
            ),
            _("add the folder that holds its older editions with --data, or give two files"),
        )
    old = _pick(settings, loaded, briefing_id, str(earlier[-1]), f"{briefing_id}@{earlier[-1]}")
    new = _pick(settings, loaded, briefing_id, str(newer), f"{briefing_id}@{newer}")
    return old, new


def _quietly_load(params: Mapping[str, Any]) -> list[Briefing]:
    """The briefings completion can offer, or none: completion never prints an error."""
    import os

    from briefing.reading.files import DATA_ENV
    from briefing.reading.loader import load

    # Completion runs before any settings exist: the shell's environment is the run's.
    fallback = [os.environ[DATA_ENV]] if os.environ.get(DATA_ENV) else []
    try:
        return load(params.get("data") or fallback)
    except Exception:  # completion must never print an error into the shell
        return []


def _offer(name: str, description: str) -> tuple[str, str] | None:
    """A completion the shell can show: a name it can insert as typed, a description on one line.

    Data text can hold escape sequences and newlines, which the shell would
    print raw or take as the end of an entry: a name with any is not offered
    (an escaped form would be a different word), a description is made visible.
    """
    from briefing.text import one_line

    if one_line(name) != name or not name:
        return None
    return name, one_line(description)


def complete_themes(params: Mapping[str, Any], incomplete: str) -> list[tuple[str, str]]:
    """Theme ids and aliases of the loaded data, for shell completion."""
    from briefing.commands.choosing import select

    try:
        chosen = select(_quietly_load(params), params.get("briefing"))
    except Exception:  # no briefing, or an ambiguous choice: nothing to offer
        return []
    prefix = incomplete.casefold()
    offers = (
        _offer(name, theme.title)
        for theme in chosen.themes
        for name in (theme.id, *theme.aliases)
        if name.casefold().startswith(prefix) and " " not in name
    )
    return [offer for offer in offers if offer is not None]


def complete_briefings(params: Mapping[str, Any], incomplete: str) -> list[tuple[str, str]]:
    """Briefing ids of the loaded data, once each, for shell completion."""
    from briefing.model import by_id

    groups = by_id(_quietly_load(params))
    offers = (_offer(key, group[0].title) for key, group in groups.items())
    return [offer for offer in offers if offer is not None and offer[0].startswith(incomplete)]
