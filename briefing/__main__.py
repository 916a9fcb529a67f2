"""Entry point for `python -m briefing` and the `briefing` console script."""

from __future__ import annotations

import signal
import sys


def _interrupted(signum: int, frame: object) -> None:
    from .errors import Interrupted

    raise Interrupted("interrupted")


def main() -> None:
    """Run the command line; Ctrl-C at any moment, even during start-up, exits 130."""
    from .errors import EXIT_INTERRUPTED, Interrupted

    signal.signal(signal.SIGINT, _interrupted)
    try:
        from . import i18n

        # Help texts are translated when the commands are defined: choose the language first.
        i18n.activate(i18n.choose(i18n.peek(sys.argv[1:])))
        from .cli import main as run

        run()
    except Interrupted:
        from .i18n import _

        sys.stderr.write("briefing: " + _("interrupted") + "\n")
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
