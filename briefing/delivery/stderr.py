"""The one writer of standard error: problems and notices, a line each, after the program's name."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def say(text: str) -> None:
    """Write text to stderr as it is; a stderr closed, full or gone leaves the exit code to tell."""
    stream = sys.stderr
    if stream is None:  # closed when the process began: nowhere to say it
        return
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):  # full, gone, or closed on the way
        pass


def report(lines: Sequence[str]) -> None:
    """Write notices or problems to stderr, one line each, prefixed with the program name.

    Messages quote data, so they are made visible and single-line like any data text.
    """
    from briefing.text import one_line

    say("".join(f"briefing: {one_line(line)}\n" for line in lines))
