"""Output settings resolved once at start-up: terminal or not, width, colour."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple, TextIO

if TYPE_CHECKING:
    from briefing.model import PartialDate

DEFAULT_WIDTH = 80
MIN_WIDTH = 20
MAX_WIDTH = 1000
# Lines longer than this are hard to read: a wide terminal still gets text this wide at most.
DEFAULT_MEASURE = 100
COLOR_CHOICES = ("auto", "always", "never")


class OutputOptions(NamedTuple):
    """How output is laid out; tests build one directly instead of patching streams."""

    is_terminal: bool = False
    width: int = DEFAULT_WIDTH
    color: bool = False
    front_matter: bool = False
    # Markdown citations: "numbered" marks and a Sources list, or "pandoc" citations
    # with CSL references in the metadata block, for `pandoc --citeproc`.
    citations: str = "numbered"
    # The day against which items are marked overdue; None marks none (see tracking.py).
    today: PartialDate | None = None
    # Markdown for pandoc's .docx and .odt writers: the marking, items and assessments in
    # named styles (pandoc `custom-style`), so a reference document can style them.
    styles: bool = False


def is_tty(stream: TextIO) -> bool:
    """Whether the stream is a terminal (False for anything that cannot tell)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


def wants_color(choice: str | None, is_terminal: bool, env: Mapping[str, str]) -> bool:
    """Colour: `always`/`never` decide; else NO_COLOR, then FORCE_COLOR, then the terminal."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    by_env = color_from_environment(env)
    if by_env is not None:
        return by_env == "FORCE_COLOR"
    return is_terminal and env.get("TERM", "") != "dumb"


def color_from_environment(env: Mapping[str, str]) -> str | None:
    """The environment variable that decides colour, if one does (NO_COLOR beats FORCE_COLOR)."""
    for name in ("NO_COLOR", "FORCE_COLOR"):
        if env.get(name):
            return name
    return None


def detect_width(stream: TextIO, is_terminal: bool, env: Mapping[str, str]) -> int:
    """The width of the output: COLUMNS, else the terminal's, else 80."""
    columns = env.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return min(MAX_WIDTH, max(MIN_WIDTH, int(columns)))
    if is_terminal:
        try:
            size = os.get_terminal_size(stream.fileno()).columns
        except (OSError, AttributeError, ValueError):
            import shutil  # only when the stream cannot tell its own size

            size = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
        if size > 0:
            return min(MAX_WIDTH, max(MIN_WIDTH, size))
    return DEFAULT_WIDTH


def terminal_height(stream: TextIO, env: Mapping[str, str]) -> int:
    """The number of rows of the terminal: LINES, else the terminal's, else 24."""
    lines = env.get("LINES", "")
    if lines.isdigit() and int(lines) > 0:
        return int(lines)
    try:
        return os.get_terminal_size(stream.fileno()).lines or 24
    except (OSError, AttributeError, ValueError):
        return 24
