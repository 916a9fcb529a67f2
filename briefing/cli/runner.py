"""Running a command line: the one place where outcomes become exit codes and stderr lines.

`main()` reads a plain command line with the fast parser and runs it; any
other goes to the Typer app. Both end in `execute()`, and every error, from
either path, is mapped to a documented exit code by `guarded()`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from briefing import i18n
from briefing.cli.parse import convert, merge, read
from briefing.cli.settings import Environment, choose_language_quietly, resolve
from briefing.errors import (
    EXIT_DATA,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    BriefingError,
    Interrupted,
    UsageError,
)
from briefing.i18n import _


def guarded(call: Callable[[], int | None]) -> int:
    """Run `call`; map every outcome to a documented exit code and one line on stderr.

    The exit code never depends on `--debug`: with it, `execute` has already
    printed the traceback of whatever went wrong.
    """
    from briefing.commands.actions import report

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
) -> int | None:
    """Convert the words read for a command, resolve the settings, and run the command."""
    from briefing.cli.config import Config, load_config
    from briefing.cli.declarations import BY_NAME

    command = BY_NAME[command_name]
    merged = merge(command, root, given)
    try:  # read once; a broken file is reported after any mistake in the options
        config, broken = load_config(environment.environ), None
    except UsageError as exc:
        config, broken = Config(), exc
    # A mistake in an option's value is told in the run's language, like any other message.
    i18n.activate(choose_language_quietly(merged.get("lang"), environment.environ, config))
    values = convert(command, merged)
    if broken is not None:
        raise broken
    settings = resolve(values, environment, config)  # activates the run's language
    own = [o.name for o in command.options]
    if command.argument is not None:
        own.append(command.argument.name)
    try:
        return command.run(settings, **{name: values[name] for name in own})
    except BaseException as exc:
        from briefing.delivery.writing import Finished

        if settings.debug and not isinstance(exc, Finished | Interrupted | SystemExit):
            import traceback

            traceback.print_exc()  # then the runner reports it and exits as documented
        raise


def main(
    argv: Sequence[str] | None = None,
    environment: Environment | None = None,
    fast: bool | None = None,
) -> int | None:
    """Run a command line and return its exit code.

    `fast=None` tries the fast parser, then Typer; True returns None when the
    fast parser declines (for tests comparing the paths); False always uses Typer.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    env = environment or Environment()
    if fast is not False:
        invocation = read(args, env.environ)
        if invocation is not None:
            return guarded(
                lambda: execute(invocation.command.name, invocation.root, invocation.given, env)
            )
        if fast:
            return None
    from briefing.cli.typerapp import run_typer

    return guarded(lambda: run_typer(args, env, execute))
