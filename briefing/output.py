"""Output settings resolved once at start-up: terminal or not, width, colour."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

DEFAULT_WIDTH = 80
MIN_WIDTH = 20
MAX_WIDTH = 1000


@dataclass(frozen=True)
class OutputOptions:
    """How output is laid out; tests build one directly instead of patching streams."""

    is_terminal: bool = False
    width: int = DEFAULT_WIDTH
    color: bool = False
    front_matter: bool = False
    # Markdown citations: "numbered" marks and a Sources list, or "pandoc" citations
    # with CSL references in the metadata block, for `pandoc --citeproc`.
    citations: str = "numbered"

    @classmethod
    def detect(
        cls,
        stream: TextIO | None = None,
        width: int | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> OutputOptions:
        """Resolve the settings from the output stream and the environment."""
        stream = stream if stream is not None else sys.stdout
        env = os.environ if environ is None else environ
        try:
            is_terminal = stream.isatty()
        except (AttributeError, ValueError):
            is_terminal = False
        dumb = env.get("TERM", "") == "dumb"
        if env.get("NO_COLOR"):
            color = False
        elif env.get("FORCE_COLOR"):
            color = True
        else:
            color = is_terminal and not dumb
        return cls(
            is_terminal=is_terminal, width=width or _width(stream, is_terminal, env), color=color
        )


def _width(stream: TextIO, is_terminal: bool, env: Mapping[str, str]) -> int:
    columns = env.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return min(MAX_WIDTH, max(MIN_WIDTH, int(columns)))
    if is_terminal:
        try:
            size = os.get_terminal_size(stream.fileno()).columns
        except (OSError, AttributeError, ValueError):
            size = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
        if size > 0:
            return min(MAX_WIDTH, max(MIN_WIDTH, size))
    return DEFAULT_WIDTH
