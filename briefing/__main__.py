"""Entry point for `python -m briefing` and the `briefing` console script."""

from __future__ import annotations

import signal
import sys


def _interrupted(signum: int, frame: object) -> None:
    from .errors import Interrupted

    raise Interrupted("interrupted")


def main() -> None:
    """Run the command line; Ctrl-C at any moment, even during start-up, exits 130.

    The signal handler is the one Ctrl-C layer: it raises Interrupted, which
    the runner maps to exit 130 with one line, wherever the run is.
    """
    signal.signal(signal.SIGINT, _interrupted)
    try:
        from .runner import main as run

        code = run()
    except BaseException as exc:
        from .errors import EXIT_INTERRUPTED, Interrupted

        if not isinstance(exc, Interrupted):
            raise
        from .i18n import _

        sys.stderr.write("briefing: " + _("interrupted") + "\n")
        code = EXIT_INTERRUPTED
    sys.exit(code)


if __name__ == "__main__":
    main()
