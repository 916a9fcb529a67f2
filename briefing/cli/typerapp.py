"""The Typer app, derived from the declarations: shell completion, through Typer's public API.

The reader in `parse.py` reads every command line and the help is written by
`help.py`; Typer is asked only for what it does well, completing words in a
shell (`_BRIEFING_COMPLETE`, `--install-completion`, `--show-completion`).
The app declares every command and option as the reader knows them, with
the same completion functions, and a command it reads runs through
`runner.execute` like any other, so the tests can check that Typer and the
reader read every command line alike.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any

import typer

from briefing import __version__
from briefing.cli.declarations import APP_EXAMPLE, APP_HELP, COMMANDS
from briefing.cli.options import GLOBAL_OPTIONS, HELP_FLAGS, VERSION_HELP, Command, Option
from briefing.cli.settings import Environment
from briefing.errors import EXIT_OK, Interrupted
from briefing.i18n import _

ROOT_KEY = "briefing.root"

# How a command runs once its words are read (runner.execute, passed in to keep imports one-way).
Execute = Callable[[str, Mapping[str, Any], Mapping[str, Any], Environment], int | None]


def _examples(examples: Sequence[str]) -> str:
    label = _("Example:") if len(examples) == 1 else _("Examples:")
    return label + " " + " ; ".join(examples)


def _completer(
    option_complete: Callable[..., list[tuple[str, str]]],
) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """Adapt a core completion function to Typer's signature, with every option given so far."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        # Completion parses without running callbacks: the root's words are on its context.
        root = _given(ctx.parent.params) if ctx.parent is not None else {}
        given = _given(ctx.params)
        params = {**root, **given, "data": [*root.get("data", []), *given.get("data", [])]}
        return option_complete(params, incomplete)

    return complete


def _parameter(option: Option) -> inspect.Parameter:
    """One option as a Typer parameter that hands over the words as given."""
    help_text = _(option.help)
    extra: dict[str, Any] = {}
    if option.complete is not None:
        extra["autocompletion"] = _completer(option.complete)
    annotation: Any
    default: Any = None
    if option.kind == "flag":
        annotation, default = bool, False
        info = typer.Option(*option.flags, help=help_text)
    elif option.kind == "switch":
        annotation = bool | None
        info = typer.Option(
            f"{option.flags[0]}/{option.negative}", help=help_text, show_default=False
        )
    else:
        annotation = list[str] | None if option.many else str | None
        info = typer.Option(
            *option.flags,
            metavar=option.shown_metavar,
            help=help_text,
            show_default=False,
            **extra,
        )
    return inspect.Parameter(
        option.name,
        inspect.Parameter.KEYWORD_ONLY,
        default=default,
        annotation=Annotated[annotation, info],
    )


def _signature(parameters: list[inspect.Parameter]) -> inspect.Signature:
    context = inspect.Parameter(
        "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
    )
    return inspect.Signature([context, *parameters])


_FLAGS = {o.name for c in COMMANDS for o in (*c.options, *GLOBAL_OPTIONS) if o.kind == "flag"}


def _given(values: dict[str, Any]) -> dict[str, Any]:
    """The options actually given: an absent flag must not undo one given before the command.

    A flag not given is False, a switch not given None: `--no-pager` (False) is kept.
    """
    return {
        k: v
        for k, v in values.items()
        if v is not None and v != [] and not (v is False and k in _FLAGS)
    }


def _command_function(
    command: Command, environment: Environment, execute: Execute
) -> Callable[..., int | None]:
    def run(ctx: typer.Context, **values: Any) -> int | None:
        single = command.argument is not None and not command.argument.many
        if single and command.argument is not None:  # words are handed over as a list
            values[command.argument.name] = [values[command.argument.name]]
        try:
            return execute(command.name, ctx.meta.get(ROOT_KEY, {}), _given(values), environment)
        except KeyboardInterrupt:  # Typer would turn it into a silent exit 130
            raise Interrupted(_("interrupted")) from None

    parameters = [_parameter(o) for o in (*command.options, *GLOBAL_OPTIONS)]
    if command.argument is not None:
        argument = command.argument
        extra: dict[str, Any] = {}
        if argument.complete is not None:
            extra["autocompletion"] = _completer(argument.complete)
        info = typer.Argument(
            metavar=argument.metavar, help=_(argument.help), show_default=False, **extra
        )
        annotation: Any = list[str] | None if argument.many else str
        parameters.insert(
            0,
            inspect.Parameter(
                argument.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=None if argument.many else inspect.Parameter.empty,
                annotation=Annotated[annotation, info],
            ),
        )
    run.__signature__ = _signature(parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in run.__signature__.parameters.values()}  # type: ignore[attr-defined]
    run.__name__ = command.name
    return run


def _show_version(value: bool) -> None:
    if value:
        from briefing.delivery.writing import to_stdout

        to_stdout(f"briefing {__version__}\n")
        raise typer.Exit()


def build(environment: Environment, execute: Execute) -> typer.Typer:
    """The Typer app for this run, with help in the active language."""
    app = typer.Typer(
        name="briefing",
        help=_(APP_HELP),
        epilog=_examples([APP_EXAMPLE]),
        no_args_is_help=True,
        add_completion=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": list(HELP_FLAGS)},
    )

    def root(ctx: typer.Context, **values: Any) -> None:
        ctx.meta[ROOT_KEY] = _given({k: v for k, v in values.items() if k != "version"})

    version = inspect.Parameter(
        "version",
        inspect.Parameter.KEYWORD_ONLY,
        default=False,
        annotation=Annotated[
            bool,
            typer.Option(
                "--version",
                "-V",
                callback=_show_version,
                is_eager=True,
                help=_(VERSION_HELP),
            ),
        ],
    )
    parameters = [version, *(_parameter(o) for o in GLOBAL_OPTIONS)]
    root.__signature__ = _signature(parameters)  # type: ignore[attr-defined]
    root.__annotations__ = {p.name: p.annotation for p in parameters}
    root.__annotations__["ctx"] = typer.Context
    app.callback()(root)
    for command in COMMANDS:
        app.command(name=command.name, help=_(command.help), epilog=_examples(command.examples))(
            _command_function(command, environment, execute)
        )
    return app


def run_typer(argv: Sequence[str], environment: Environment, execute: Execute) -> int | None:
    """Run a command line through Typer (shell completion); its exit code.

    The reader has already read the words, so Typer refuses none of them; if
    it did, the two would disagree, which is a bug, reported as one.
    """
    command = typer.main.get_command(build(environment, execute))
    try:
        result = command.main(args=list(argv), prog_name="briefing", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        raise Interrupted(_("interrupted")) from None
    except SystemExit as exc:  # shell completion ends the process itself
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    return result if isinstance(result, int) else EXIT_OK
