"""Entry point for `python -m briefing` and the `briefing` console script."""

from __future__ import annotations

import os
import signal
import sys


def _interrupted(signum: int, frame: object) -> None:
    from briefing.errors import Interrupted, Terminated
    from briefing.i18n import _

    if signum == signal.SIGTERM:
        raise Terminated(_("terminated"))
    raise Interrupted(_("interrupted"))


def _standard_descriptors() -> None:
    """Put /dev/null on a standard descriptor that was closed when the process began.

    Otherwise the next file opened would take its number: a data file would
    become "stdin", a temporary file "stdout". Python has already set the
    stream to None, which is how the commands know it is closed.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            with_null = os.open(os.devnull, os.O_RDWR)
            if with_null != fd:
                os.dup2(with_null, fd)
                os.close(with_null)


def main() -> None:
    """Run the command line; Ctrl-C (exit 130) or SIGTERM (exit 143) at any moment stops it cleanly.

    The signal handler is the one layer for both: it raises Interrupted (or
    Terminated), which the runner maps to its exit code with one line,
    wherever the run is; a file being written is removed on the way out.
    """
    signal.signal(signal.SIGINT, _interrupted)
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        _standard_descriptors()
        from briefing.delivery.writing import install_stdout

        install_stdout()
        from briefing.cli.runner import main as run

        code = run()
    except BaseException as exc:
        from briefing.errors import Interrupted

        if not isinstance(exc, Interrupted):
            raise
        from briefing.delivery.stderr import report

        report([exc.message])
        code = exc.exit_code
    sys.exit(code)


if __name__ == "__main__":
    main()
