"""The Typer app, derived from the declarations in `cli.py`: help, completion and parser errors.

Every option reaches Typer as plain words (strings, lists of strings,
booleans); the values are converted by `parse.convert`, as on the fast path,
and the command runs through `runner.execute`. So the two paths differ only
in how the words were read.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any

import typer
from typer import _click as click  # Typer bundles its own copy of click from 0.29 on

from briefing import __version__, i18n
from briefing.cli.declarations import (
    APP_EXAMPLE,
    APP_HELP,
    COMMANDS,
    GLOBAL_OPTIONS,
    HELP_FLAGS,
    Command,
    Option,
)
from briefing.cli.parse import peek_language
from briefing.cli.settings import Environment
from briefing.errors import EXIT_OK, BriefingError, Interrupted
from briefing.i18n import N_, _

ROOT_KEY = "briefing.root"

# How a command runs once its words are read (runner.execute, passed in to keep imports one-way).
Execute = Callable[[str, Mapping[str, Any], Mapping[str, Any], Environment], int | None]


class ParserError(BriefingError):
    """A command line the parser refused, with the parser's exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


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


def _given(values: dict[str, Any]) -> dict[str, Any]:
    """The options actually given: an absent flag must not undo one given before the command."""
    return {k: v for k, v in values.items() if v is not None and v is not False and v != []}


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
                help=_("Show the version and exit."),
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


class _Formatter(click.formatting.HelpFormatter):
    """Click's help layout with its one fixed word, `Usage:`, in the active language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        """A heading with the colon the active language writes (`Options :` in French)."""
        label = _("{heading}:").format(heading=heading)  # outside the f-string, for pybabel
        self.write(" " * self.current_indent + label + "\n")


class _Context(click.Context):
    formatter_class = _Formatter


# The labels typer.core translates with its `_` (see _localized), listed so that
# `pybabel extract` puts them in our catalog; their text is Typer's, word for word.
TYPER_LABELS = (
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Missing command."),
    N_("required"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Aborted!"),
)

# Typer's own labels for its options, given here so they are translated like ours.
_TYPER_HELP = {
    "install_completion": N_("Install completion for the current shell."),
    "show_completion": N_("Show completion for the current shell, to copy it or customize it."),
}


def _localized(group: Any) -> None:
    """Help in the active language, naming an argument by its metavar alone.

    Typer's headings (`Options`, `Commands`…) go through the `_` of typer.core,
    which is Python's gettext with no catalog of ours: it is pointed at ours.
    Typer would also add a type label such as `<list[str]>` to arguments.
    """
    import typer.core

    typer.core._ = i18n._  # type: ignore[attr-defined]
    for command in (group, *group.commands.values()):
        command.context_class = _Context
        # The help option is made once and kept: made here, it must know all its names.
        help_option = command.get_help_option(_Context(command, help_option_names=list(HELP_FLAGS)))
        if help_option is not None:
            help_option.help = _("Show this message and exit.")
        for param in command.params:
            if param.param_type_name == "argument":
                param.display_type_rich = lambda ctx: None
            elif param.name in _TYPER_HELP:
                param.help = _(_TYPER_HELP[param.name])


def _extra_words(message: str) -> str:
    """The words in click's `Got unexpected extra argument(s) (a b)`."""
    return message.rpartition(" (")[2].removesuffix(")")


def misplaced(option: str, argv: Sequence[str]) -> str | None:
    """For a command's option given before the command: where it goes, or None if no command has it.

    `briefing --format json show` gets `--format is an option of show:
    briefing show --format json`.
    """
    from briefing.cli.declarations import BY_NAME

    having = [c for c in BY_NAME.values() if any(option in o.flags for o in c.options)]
    if not having:
        return None
    words = list(argv)
    at = next((n for n, w in enumerate(words) if w == option or w.startswith(option + "=")), None)
    named = next((w for w in words if w in BY_NAME), None)
    command = BY_NAME[named] if named is not None and BY_NAME[named] in having else having[0]
    given = [option]
    if at is not None and "=" not in words[at]:
        declared = next(o for o in command.options if option in o.flags)
        follows = words[at + 1] if at + 1 < len(words) else None
        if declared.kind not in ("flag", "switch") and follows is not None and follows != named:
            given.append(follows)
    elif at is not None:
        given = [words[at]]
    if named is None or BY_NAME[named] not in having:
        names = ", ".join(c.name for c in having)
        return _("{option} is an option of {commands}, given after the command: {example}").format(
            option=option, commands=names, example=" ".join(["briefing", command.name, *given])
        )
    return _("{option} is an option of {command}: {example}").format(
        option=option, command=command.name, example=" ".join(["briefing", command.name, *given])
    )


def _plain_message(exc: Any) -> str:
    """Click's parser error in plain words, in the active language.

    This copy of click words its errors in English only; each kind of error
    is recognised by its class (and, for two of them, its fixed wording, which
    tests/test_habits.py checks so an update of Typer cannot slip by).
    """
    from briefing.reading.contract import did_you_mean

    errors = click.exceptions
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, errors.NoSuchOption):
        known: list[str] = []
        if ctx is not None:
            for param in ctx.command.params:
                known += [*param.opts, *param.secondary_opts]
        return _("unknown option {option}").format(option=exc.option_name) + did_you_mean(
            exc.option_name, [k for k in known if k.startswith("--")]
        )
    if isinstance(exc, errors.BadOptionUsage):
        if "requires" in exc.message:
            return _("{option} needs a value").format(option=exc.option_name)
        if "does not take a value" in exc.message:
            return _("{option} takes no value").format(option=exc.option_name)
    if isinstance(exc, errors.MissingParameter):
        hint = exc.param.get_error_hint() if exc.param is not None else "?"
        return _("a value is missing: {name}").format(name=hint.replace("'", "`"))
    message = exc.format_message()
    if message.startswith("Got unexpected extra argument"):
        words = _extra_words(message)
        name = ctx.command.name if ctx is not None else ""
        text = _("`{command}` takes no words like `{words}`, only options").format(
            command=name, words=words
        )
        if name == "themes":  # `themes intelligence` most likely means one theme, shown
            fix = _("to show themes by name: briefing show {words}").format(words=words)
            text = _("{problem}; {fix}").format(problem=text, fix=fix)
        return text
    if message.startswith("No such command"):
        from briefing.cli.declarations import BY_NAME

        word = message.partition("'")[2].partition("'")[0]
        return _("unknown command `{command}`").format(command=word) + did_you_mean(
            word, list(BY_NAME)
        )
    return message


def _help_language(argv: Sequence[str], environment: Environment) -> str:
    """The language of help and parser errors, chosen as for a run (a broken config is skipped).

    The configuration file's problems are reported once the command runs, not here.
    """
    from briefing.cli.settings import choose_language_quietly

    return choose_language_quietly(peek_language(argv), environment.environ)


def run_typer(argv: Sequence[str], environment: Environment, execute: Execute) -> int | None:
    """Run a command line through Typer; parser errors become BriefingErrors with their codes."""
    i18n.activate(_help_language(argv, environment))
    command = typer.main.get_command(build(environment, execute))
    _localized(command)
    try:
        result = command.main(args=list(argv), prog_name="briefing", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:  # bare `briefing`: the help
        import contextlib
        import sys

        if sys.stderr is not None:  # closed when the process began: the exit code still tells
            with contextlib.suppress(OSError):
                sys.stderr.write(exc.format_message() + "\n")
        return exc.exit_code
    except click.exceptions.ClickException as exc:
        hint = ""
        ctx = getattr(exc, "ctx", None)
        if (
            isinstance(exc, click.exceptions.NoSuchOption)
            and ctx is not None
            and ctx.parent is None
        ):
            moved = misplaced(exc.option_name, argv)
            if moved is not None:
                raise ParserError(moved, exc.exit_code) from None
        if ctx is not None:
            hint = " (" + _("see '{command} --help'").format(command=ctx.command_path) + ")"
        raise ParserError(_plain_message(exc) + hint, exc.exit_code) from None
    except typer.Abort:
        raise Interrupted(_("interrupted")) from None
    except SystemExit as exc:  # shell completion ends the process itself
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    return result if isinstance(result, int) else EXIT_OK
