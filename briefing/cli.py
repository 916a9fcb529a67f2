"""The command line: parse options, call the core, pick a renderer, write the result."""

from __future__ import annotations

import contextlib
import enum
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__, i18n
from .errors import (
    EXIT_DATA,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    BriefingError,
    Interrupted,
    UsageError,
)
from .formats import FORMATS
from .i18n import _
from .output import MAX_WIDTH, MIN_WIDTH, OutputOptions
from .writing import Finished, to_stdout

try:  # Typer bundles its own copy of click from 0.29 on.
    from typer._click import exceptions as _click_exceptions
except ImportError:  # pragma: no cover - older Typer depends on click itself
    from click import exceptions as _click_exceptions  # type: ignore[no-redef]

Format = enum.Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


@dataclass
class State:
    """What the root command hands to its subcommands; tests may pre-set `output`."""

    output: OutputOptions | None = None
    debug: bool = False


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted("interrupted")


def report(lines: list[str]) -> None:
    """Write problems to stderr, one line each, prefixed with the program name.

    Messages quote data, so they are made visible and single-line like any data text.
    """
    from .text import one_line

    sys.stderr.write("".join(f"briefing: {one_line(line)}\n" for line in lines))
    sys.stderr.flush()


@contextlib.contextmanager
def _ctrl_c() -> Iterator[None]:
    """Turn Ctrl-C into our own error while the command runs (Typer would make it a code)."""
    try:
        previous = signal.signal(signal.SIGINT, _interrupt)
    except ValueError:  # not the main thread: leave Ctrl-C alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def guarded(state: State, call: Callable[[], Any]) -> int:
    """Run a command; map every outcome to a documented exit code and stderr message."""
    try:
        with _ctrl_c():
            result = call()
        return result if isinstance(result, int) else EXIT_OK
    except (Finished, typer.Exit) as exc:
        return exc.exit_code
    except BriefingError as exc:
        if state.debug:
            raise
        report(exc.lines())
        return exc.exit_code
    except _click_exceptions.ClickException as exc:
        if state.debug:
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `briefing`: show the help
            sys.stderr.write(exc.format_message() + "\n")
            return exc.exit_code
        hint = ""
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            hint = " (" + _("see '{command} --help'").format(command=ctx.command_path) + ")"
        report([exc.format_message() + hint])
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        report([_("interrupted")])
        return EXIT_INTERRUPTED
    except MemoryError:  # the data is too large for this machine: not a bug, one line
        report([_("not enough memory: use smaller data, or give the command more memory")])
        return EXIT_DATA
    except Exception as exc:  # a bug: one line, and the traceback on request
        if state.debug:
            raise
        name = type(exc).__name__
        report(
            [
                _("internal error: {error}; run again with --debug and report it").format(
                    error=f"{name}: {exc}"
                )
            ]
        )
        return EXIT_INTERNAL


class BriefingGroup(TyperGroup):
    """The root command: every run goes through `guarded`, the one place for exit codes."""

    def main(self, *args: Any, standalone_mode: bool = True, **extra: Any) -> Any:  # type: ignore[override]
        """Run the command line and map every outcome to a documented exit code."""
        state = extra.setdefault("obj", State())
        code = guarded(
            state, lambda: super(BriefingGroup, self).main(*args, standalone_mode=False, **extra)
        )
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: Any) -> Any:
        """Run the subcommand; Ctrl-C becomes our own error before Typer turns it into a code."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted("interrupted") from None


app = typer.Typer(
    cls=BriefingGroup,
    name="briefing",
    help=_("Clear briefings on the Morocco–Israel military work plan, from structured YAML data."),
    epilog=_("Example:") + " briefing show --theme intelligence",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"briefing {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help=_("Show a traceback when something goes wrong."))
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="|".join(i18n.SUPPORTED),
            help=_(
                "Language of the briefing and the interface (default: $BRIEFING_LANG, "
                "else the locale, else en)."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Turn briefing data into clear summaries in the terminal, Markdown or JSON."""
    state = ctx.ensure_object(State)
    state.debug = debug
    use_language(lang)


def use_language(requested: str | None) -> None:
    """Activate the language asked for (`--lang`, else the environment) for this run."""
    if requested is not None:
        requested = i18n.normalize(requested)
    if requested is not None and requested not in i18n.SUPPORTED:
        from .schema import did_you_mean

        raise UsageError(
            _("unknown language `{lang}`").format(lang=requested)
            + did_you_mean(requested, i18n.SUPPORTED),
            _("choose one of: {langs}").format(langs=", ".join(i18n.SUPPORTED)),
        )
    i18n.activate(i18n.choose(requested))
    i18n.explicit = requested is not None or i18n.from_environment()


def _complete_themes(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Theme ids and aliases of the loaded data, for shell completion."""
    chosen = _quietly_select(ctx)
    if chosen is None:
        return []
    prefix = incomplete.casefold()
    found = []
    for theme in chosen.themes:
        for name in (theme.id, *theme.aliases):
            if name.casefold().startswith(prefix) and " " not in name:
                found.append((name, theme.title))
    return found


def _complete_briefings(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Briefing ids of the loaded data, for shell completion."""
    from .loader import load

    try:
        loaded = load(ctx.params.get("data"))
    except Exception:  # completion must never print an error into the shell
        return []
    return [(b.id, b.title) for b in loaded if b.id.startswith(incomplete)]


def _quietly_select(ctx: typer.Context) -> Any:
    from .loader import load, select

    try:
        return select(load(ctx.params.get("data")), ctx.params.get("briefing"))
    except Exception:  # completion must never print an error into the shell
        return None


DataOpt = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help=_(
            "A briefing file or a folder of them; '-' reads standard input. "
            "Default: $BRIEFING_DATA, else the briefings shipped with briefing."
        ),
        show_default=False,
    ),
]
BriefingOpt = Annotated[
    str | None,
    typer.Option(
        "--briefing",
        metavar="ID",
        help=_("Id of the briefing to use when several are loaded (default: the latest as_of)."),
        autocompletion=_complete_briefings,
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        metavar="[" + "|".join(FORMATS) + "]",
        help=_("Output format. Default: terminal when writing to a terminal, else markdown."),
        show_default=False,
    ),
]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width",
        metavar="N",
        min=MIN_WIDTH,
        max=MAX_WIDTH,
        help=_("Terminal width in columns (default: detected, else 80)."),
    ),
]
ThemeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--theme",
        "-t",
        metavar="THEME",
        help=_("Keep only this theme (id, title or alias, any case). Repeat for several."),
        show_default=False,
        autocompletion=_complete_themes,
    ),
]
SearchOpt = Annotated[
    str | None,
    typer.Option(
        "--search",
        "-s",
        metavar="TEXT",
        help=_(
            "Keep only what contains TEXT in a title, summary, attribution or open question "
            "(any case, any accents)."
        ),
    ),
]
PagerOpt = Annotated[
    bool,
    typer.Option(
        "--pager", help=_("On a terminal, show long output through $PAGER (else less -R).")
    ),
]


def _options(ctx: typer.Context, width: int | None, **changes: Any) -> OutputOptions:
    state = ctx.ensure_object(State)
    options = state.output or OutputOptions.detect(width=width)
    if width is not None:
        options = replace(options, width=width)
    return replace(options, **changes)


SUFFIX_FORMATS = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".txt": "terminal"}


def _format(chosen: Format | None, options: OutputOptions, output: str | None = None) -> str:
    """The format asked for; else the output file's suffix; else terminal or markdown."""
    if chosen is not None:
        return chosen.value
    if output is not None:
        from pathlib import Path

        return SUFFIX_FORMATS.get(Path(output).suffix.lower(), "markdown")
    return "terminal" if options.is_terminal else "markdown"


def _narrowed(
    data: str | None, briefing: str | None, theme: list[str] | None, search: str | None = None
) -> Any:
    """Load, pick one briefing, and narrow it to the themes and search text asked for."""
    from .filter import narrow, resolve_themes
    from .loader import choose, load

    picked = choose(load(data), briefing, i18n.current if i18n.explicit else None)
    if picked.notice:
        report([picked.notice])
    chosen = picked.briefing
    return narrow(chosen, resolve_themes(chosen, theme or [], picked.translations), search)


def _show_view(
    ctx: typer.Context,
    renderer: str,
    data: str | None,
    briefing: str | None,
    theme: list[str] | None,
    search: str | None,
    format: Format | None,
    width: int | None,
    pager: bool,
) -> None:
    """Narrow the chosen briefing and render one of its views (timeline, sources)."""
    from .formats import get

    narrowed = _narrowed(data, briefing, theme, search)
    options = _options(ctx, width)
    render = getattr(get(_format(format, options)), renderer)
    _deliver(render(narrowed, options), options, pager)


def _deliver(text: str, options: OutputOptions, pager: bool = False) -> None:
    if pager and options.is_terminal:
        from .writing import to_pager

        to_pager(text)
    else:
        to_stdout(text)


@app.command(
    help=_("Show the whole briefing, or only some themes or what matches a search."),
    epilog=_("Examples:")
    + " briefing show --theme intelligence --theme logistics ; "
    + "briefing show --search sécurité --output brief.md",
)
def show(
    ctx: typer.Context,
    theme: ThemeOpt = None,
    search: SearchOpt = None,
    format: FormatOpt = None,
    data: DataOpt = None,
    briefing: BriefingOpt = None,
    width: WidthOpt = None,
    front_matter: Annotated[
        bool,
        typer.Option(
            "--front-matter", help=_("Markdown: start with a YAML metadata block for pandoc.")
        ),
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=_(
                "Write to FILE atomically instead of stdout; the format follows its suffix "
                "(.md, .json, .txt) unless --format is given."
            ),
        ),
    ] = None,
    pager: PagerOpt = False,
) -> None:
    """Show the whole briefing, or only some themes or what matches a search."""
    from .formats import get

    narrowed = _narrowed(data, briefing, theme, search)
    options = _options(ctx, width, front_matter=front_matter)
    if output is not None:
        options = replace(options, is_terminal=False, color=False)
    text = get(_format(format, options, output)).render_briefing(narrowed, options)
    if output is None:
        _deliver(text, options, pager)
    else:
        from .loader import data_files
        from .writing import to_file

        to_file(text, output, protected=[f for f in data_files(data) if f != "-"])


@app.command(
    help=_("Show the dated events in order, along a time axis on a terminal."),
    epilog=_("Examples:") + " briefing timeline ; briefing timeline --theme diplomacy -f json",
)
def timeline(
    ctx: typer.Context,
    theme: ThemeOpt = None,
    search: SearchOpt = None,
    format: FormatOpt = None,
    data: DataOpt = None,
    briefing: BriefingOpt = None,
    width: WidthOpt = None,
    pager: PagerOpt = False,
) -> None:
    """Show the dated events in order, along a time axis on a terminal."""
    _show_view(ctx, "render_timeline", data, briefing, theme, search, format, width, pager)


@app.command(
    help=_("Show each source with the items and timeline entries that cite it, and where."),
    epilog=_("Examples:") + " briefing sources ; briefing sources --theme intelligence",
)
def sources(
    ctx: typer.Context,
    theme: ThemeOpt = None,
    search: SearchOpt = None,
    format: FormatOpt = None,
    data: DataOpt = None,
    briefing: BriefingOpt = None,
    width: WidthOpt = None,
    pager: PagerOpt = False,
) -> None:
    """Show each source with the items and timeline entries that cite it, and where."""
    _show_view(ctx, "render_sources", data, briefing, theme, search, format, width, pager)


@app.command(
    help=_("List the themes, what each covers and how many items it has."),
    epilog=_("Example:") + " briefing themes --format json",
)
def themes(
    ctx: typer.Context,
    format: FormatOpt = None,
    data: DataOpt = None,
    briefing: BriefingOpt = None,
    width: WidthOpt = None,
) -> None:
    """List the themes, what each covers and how many items it has."""
    from .formats import get

    chosen = _narrowed(data, briefing, None)
    options = _options(ctx, width)
    to_stdout(get(_format(format, options)).render_themes(chosen, options))


@app.command(
    name="list",
    help=_("List the loaded briefings: id, title, as-of date, number of items and file."),
    epilog=_("Example:") + " briefing list --data archive/",
)
def list_briefings(
    ctx: typer.Context,
    format: FormatOpt = None,
    data: DataOpt = None,
    width: WidthOpt = None,
) -> None:
    """List the loaded briefings: id, title, as-of date, number of items and file."""
    from .formats import get
    from .loader import load

    loaded = sorted(load(data), key=lambda b: (b.as_of.sort_key(), b.id), reverse=True)
    options = _options(ctx, width)
    to_stdout(get(_format(format, options)).render_catalog(loaded, options))


class ReportFormat(enum.StrEnum):
    """How `validate` reports: one line per problem, or a JSON list."""

    text = "text"
    json = "json"


@app.command(
    help=_(
        "Check briefing files against the data format and list every problem. "
        "Exits 0 when every file is valid and 1 when any problem is found."
    ),
    epilog=_("Examples:")
    + " briefing validate ; briefing validate plans/ extra.yaml --format json",
)
def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            help=_("Briefing files or folders. Default: the data `show` would load."),
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help=_("text: FILE:LINE:COL: PATH: message; json: a list.")),
    ] = ReportFormat.text,
    data: DataOpt = None,
) -> None:
    """Check briefing files against the data format and list every problem.

    Exits 0 when every file is valid and 1 when any problem is found.
    """
    from .errors import DataError, Problem
    from .loader import check_files, data_files
    from .text import one_line

    files: list[str] = []
    problems: list[Problem] = []
    for spec in paths or [data]:
        try:
            given_as = _("the command line") if paths else "--data"
            found_files = data_files(spec, given_as=given_as)
            files += [f for f in found_files if f not in files]  # a file named twice is one file
        except DataError as exc:
            problems.append(Problem("", "", "; ".join(exc.lines())))
    briefings, found = check_files(files)
    problems += found
    if format is ReportFormat.json:
        import json

        listed = [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "path": p.path,
                "message": p.message,
            }
            for p in problems
        ]
        to_stdout(json.dumps(listed, indent=2, ensure_ascii=True) + "\n")
    elif problems:
        to_stdout("".join(one_line(str(p)) + "\n" for p in problems))
    else:
        ok = _("ok")
        to_stdout("".join(f"{one_line(b.origin)}: {ok} ({one_line(b.id)})\n" for b in briefings))
    if problems:
        raise typer.Exit(EXIT_DATA)


@app.command(
    help=_("Print the JSON Schema (draft 2020-12) of briefing files, for editors and CI."),
    epilog=_("Example:") + " briefing schema > briefing.schema.json",
)
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of briefing files, for editors and CI."""
    from .jsonschema import render

    to_stdout(render())


def main() -> None:
    """Run the `briefing` command: the fast path when it applies, else Typer's full parser."""
    from .fastcli import run_fast

    code = run_fast(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    app(prog_name="briefing")


# Commands the fast path may run directly (see fastcli.py); the others always go through Typer.
FAST_COMMANDS: dict[str, Callable[..., Any]] = {
    "show": show,
    "themes": themes,
    "timeline": timeline,
    "sources": sources,
    "list": list_briefings,
    "validate": validate,
    "schema": schema,
}
