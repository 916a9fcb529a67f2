"""Running a command line: the one place where outcomes become exit codes and stderr lines.

`main()` reads the command line with the reader in `parse.py`, which finds
every mistake in the words; a command runs through `execute()`, help and the
version are written here, and shell completion is handed to the Typer app.
Every outcome is mapped to a documented exit code by `guarded()`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from briefing import i18n
from briefing.cli.parse import Handover, convert, merge, peek_language, read
from briefing.cli.settings import Environment, choose_language_quietly, resolve
from briefing.errors import (
    EXIT_DATA,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    BriefingError,
    Interrupted,
    UsageError,
)
from briefing.i18n import _

if TYPE_CHECKING:
    from briefing.cli.config import Config


def guarded(call: Callable[[], int | None]) -> int:
    """Run `call`; map every outcome to a documented exit code and one line on stderr.

    The exit code never depends on `--debug`: with it, `execute` has already
    printed the traceback of whatever went wrong.
    """
    from briefing.delivery.stderr import report

    try:
        result = call()
        return EXIT_OK if result is None else result
    except BriefingError as exc:
        report(exc.lines())
        return exc.exit_code
    except KeyboardInterrupt:
        report([_("interrupted")])
        return EXIT_INTERRUPTED
    except OSError as exc:  # the system refused a path no reader or writer expected: not a bug
        from briefing.errors import os_error

        error = os_error(exc)
        report(error.lines())
        return error.exit_code
    except MemoryError:  # the data is too large for this machine: not a bug, one line
        report([_("not enough memory: use smaller data, or give the command more memory")])
        return EXIT_DATA
    except Exception as exc:  # a bug: one line, and the traceback on request
        from briefing.delivery.writing import Finished

        if isinstance(exc, Finished):  # the reader of stdout went away
            return exc.exit_code
        name = type(exc).__name__
        report(
            [
                _("internal error: {error}; run again with --debug and report it").format(
                    error=f"{name}: {exc}"
                )
            ]
        )
        return EXIT_INTERNAL


def execute(
    command_name: str,
    root: Mapping[str, Any],
    given: Mapping[str, Any],
    environment: Environment,
    config: Config | None = None,
    broken: UsageError | None = None,
) -> int | None:
    """Convert the words read for a command, resolve the settings, and run the command.

    `config` is the configuration file as the run read it (read here when not
    given); `broken`, its problem, reported after any mistake in the options.
    """
    from briefing.cli.declarations import BY_NAME
    from briefing.delivery.deliverer import deliver

    command = BY_NAME[command_name]
    merged = merge(command, root, given)
    if config is None:
        config, broken = read_config(environment.environ)
    # A mistake in an option's value is told in the run's language, like any other message.
    language = choose_language_quietly(merged.get("lang"), environment.environ, config)
    if language != i18n.current:  # already chosen by the runner from the same words
        i18n.activate(language)
    values = convert(command, merged)
    if broken is not None:
        raise broken
    settings = resolve(values, environment, config)
    own = [o.name for o in command.options]
    if command.argument is not None:
        own.append(command.argument.name)
    try:
        shown = command.run(settings, **{name: values[name] for name in own})
        # The one place output is written: stdout, the pager, a file or pandoc.
        pager = settings.pager_command if settings.pager else None
        return deliver(shown, pager, settings.environ)
    except BaseException as exc:
        from briefing.delivery.writing import Finished

        if settings.debug and not isinstance(exc, Finished | Interrupted | SystemExit):
            import traceback

            traceback.print_exc()  # then the runner reports it and exits as documented
        raise


def read_config(environ: Mapping[str, str]) -> tuple[Config, UsageError | None]:
    """The configuration file, read once a run; a broken one is kept to report in its turn."""
    from briefing.cli.config import Config, load_config

    try:
        return load_config(environ), None
    except UsageError as exc:
        return Config(), exc


def _hand_over(handover: Handover, argv: Sequence[str], environment: Environment) -> int | None:
    """Help, the version or shell completion: what a command line asks for without a command."""
    from briefing.delivery.writing import to_stdout

    if handover.action == "completion":
        from briefing.cli.typerapp import run_typer

        return run_typer(argv, environment, execute)
    if handover.action == "version":
        from briefing import __version__

        to_stdout(f"briefing {__version__}\n")
        return EXIT_OK
    from briefing.cli.help import render
    from briefing.delivery.console import detect_width, is_tty

    if environment.output is not None:
        columns = environment.output.width
    else:
        stream = environment.stdout or sys.stdout
        columns = detect_width(stream, is_tty(stream), environment.environ)
    text = render(handover.command, columns)
    if handover.bare:  # `briefing` alone does nothing: the help, as a usage error
        from briefing.delivery.stderr import say

        say(text)
        return EXIT_USAGE
    to_stdout(text)
    return EXIT_OK


def _run(argv: Sequence[str], environment: Environment) -> int | None:
    """Read the command line and run it, in the run's language, the configuration read once."""
    config, broken = read_config(environment.environ)
    # Help and mistakes in the words are told in the language the run would use.
    i18n.activate(choose_language_quietly(peek_language(argv), environment.environ, config))
    reading = read(argv, environment.environ)
    if isinstance(reading, Handover):
        return _hand_over(reading, argv, environment)
    return execute(reading.command.name, reading.root, reading.given, environment, config, broken)


def main(argv: Sequence[str] | None = None, environment: Environment | None = None) -> int:
    """Run a command line and return its exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    env = environment or Environment()
    return guarded(lambda: _run(args, env))
