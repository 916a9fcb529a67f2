"""The command line: parse options, call the core, pick a renderer, write the result."""

from __future__ import annotations

import enum
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__
from .errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, BriefingError, Interrupted
from .formats import FORMATS
from .output import MIN_WIDTH, OutputOptions

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
    extra: dict[str, Any] = field(default_factory=dict)


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted("interrupted")


def report(lines: list[str]) -> None:
    """Write problems to stderr, one line each, prefixed with the program name."""
    sys.stderr.write("".join(f"briefing: {line}\n" for line in lines))
    sys.stderr.flush()


class BriefingGroup(TyperGroup):
    """The root command, and the one place where errors become messages and exit codes."""

    def main(self, *args: Any, standalone_mode: bool = True, **extra: Any) -> Any:  # type: ignore[override]
        """Run the command line and map every outcome to a documented exit code."""
        state = extra.setdefault("obj", State())
        previous = signal.getsignal(signal.SIGINT)
        try:
            signal.signal(signal.SIGINT, _interrupt)
        except ValueError:  # not the main thread: leave Ctrl-C alone
            previous = None
        try:
            code = self._run(
                state,
                lambda: super(BriefingGroup, self).main(*args, standalone_mode=False, **extra),
            )
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
        if standalone_mode:
            sys.exit(code)
        return code

    @staticmethod
    def _run(state: State, call: Callable[[], Any]) -> int:
        try:
            result = call()
            return result if isinstance(result, int) else EXIT_OK
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
                hint = f" (see '{ctx.command_path} --help')"
            report([exc.format_message() + hint])
            return exc.exit_code
        except (typer.Abort, KeyboardInterrupt):
            report(["interrupted"])
            return EXIT_INTERRUPTED
        except Exception as exc:  # a bug: one line, and the traceback on request
            if state.debug:
                raise
            name = type(exc).__name__
            report([f"internal error: {name}: {exc}; run again with --debug and report it"])
            return EXIT_INTERNAL


app = typer.Typer(
    cls=BriefingGroup,
    name="briefing",
    help="Clear briefings on the Morocco–Israel military work plan, from structured YAML data.",
    epilog="Example: briefing show --theme intelligence",
    no_args_is_help=True,
    add_completion=False,
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
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback when something goes wrong.")
    ] = False,
) -> None:
    """Turn briefing data into clear summaries in the terminal, Markdown or JSON."""
    state = ctx.ensure_object(State)
    state.debug = debug


DataOpt = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help="A briefing file or a folder of them; '-' reads standard input. "
        "Default: $BRIEFING_DATA, else the briefings shipped with briefing.",
        show_default=False,
    ),
]
BriefingOpt = Annotated[
    str | None,
    typer.Option(
        "--briefing", metavar="ID", help="Id of the briefing to use when several are loaded."
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        metavar="[" + "|".join(FORMATS) + "]",
        help="Output format. Default: terminal when writing to a terminal, else markdown.",
        show_default=False,
    ),
]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width", min=MIN_WIDTH, help="Terminal width in columns (default: detected, else 80)."
    ),
]


def _options(ctx: typer.Context, width: int | None, **changes: Any) -> OutputOptions:
    state = ctx.ensure_object(State)
    options = state.output or OutputOptions.detect(width=width)
    if width is not None:
        options = replace(options, width=width)
    return replace(options, **changes)


def _format(chosen: Format | None, options: OutputOptions) -> str:
    if chosen is not None:
        return chosen.value
    return "terminal" if options.is_terminal else "markdown"


def emit(text: str) -> None:
    """Write the whole output at once; a reader that went away ends the run quietly."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at nothing so the interpreter's final flush is silent too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_OK) from None


@app.command(
    epilog="Examples: briefing show --theme intelligence --theme logistics ; "
    "briefing show --format markdown > brief.md",
)
def show(
    ctx: typer.Context,
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            "-t",
            metavar="THEME",
            help="Keep only this theme (id, title or alias, any case). Repeat for several.",
            show_default=False,
        ),
    ] = None,
    format: FormatOpt = None,
    data: DataOpt = None,
    briefing: BriefingOpt = None,
    width: WidthOpt = None,
    front_matter: Annotated[
        bool,
        typer.Option(
            "--front-matter", help="Markdown: start with a YAML metadata block for pandoc."
        ),
    ] = False,
) -> None:
    """Show the whole briefing, or only some themes."""
    from .filter import by_themes, resolve_themes
    from .formats import get
    from .loader import load, select

    chosen = select(load(data), briefing)
    narrowed = by_themes(chosen, resolve_themes(chosen, theme or []))
    options = _options(ctx, width, front_matter=front_matter)
    emit(get(_format(format, options)).render_briefing(narrowed, options))


@app.command(epilog="Example: briefing themes --format json")
def themes(
    ctx: typer.Context,
    format: FormatOpt = None,
    data: DataOpt = None,
    briefing: BriefingOpt = None,
    width: WidthOpt = None,
) -> None:
    """List the themes, what each covers and how many items it has."""
    from .formats import get
    from .loader import load, select

    chosen = select(load(data), briefing)
    options = _options(ctx, width)
    emit(get(_format(format, options)).render_themes(chosen, options))


def main() -> None:
    """Run the `briefing` command."""
    app(prog_name="briefing")
