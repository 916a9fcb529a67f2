"""Make data text safe to show: control and bidirectional characters become visible escapes."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional
# embeddings, overrides, isolates and marks that can reorder what a reader sees.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WHITESPACE = re.compile(r"\s+")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Replace every unsafe character with a visible escape such as `\\x1b` or `\\u202e`."""
    return UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """Return text made visible, on one line, with runs of whitespace collapsed."""
    return _WHITESPACE.sub(" ", visible(text)).strip()


# How much of a value a message quotes: enough to recognise it, never the whole
# of a value that may be as large as the file.
QUOTE_LIMIT = 60


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Return text cut to `limit` characters with an ellipsis, for quoting in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
