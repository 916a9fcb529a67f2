"""Make text safe to show: control, bidirectional and undecodable characters become escapes."""

from __future__ import annotations

import codecs
import re

# C0 controls except tab and newline, DEL, C1 controls, the bidirectional
# embeddings, overrides, isolates and marks that can reorder what a reader sees,
# and lone surrogates: Python turns bytes that are not UTF-8 (in arguments, file
# names, the environment) into U+DC80..U+DCFF, which no output encoding can hold.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_WHITESPACE = re.compile(r"\s+")

# The codec error handler that writes what an encoding cannot hold as escapes.
VISIBLE_ERRORS = "briefing-visible"


def escape_char(char: str) -> str:
    """One character as a visible escape: `\\xff` for an undecodable byte, `\\x1b`, `\\u202e`."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _escape(match: re.Match[str]) -> str:
    return escape_char(match.group())


def visible(text: str) -> str:
    """Replace every unsafe character with a visible escape: `\\x1b`, `\\u202e`, `\\xff`."""
    return UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """Return text made visible, on one line, with runs of whitespace collapsed."""
    return _WHITESPACE.sub(" ", visible(text)).strip()


def _visible_errors(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: what the encoding cannot hold is written as escapes."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(escape_char(c) for c in error.object[error.start : error.end]), error.end


codecs.register_error(VISIBLE_ERRORS, _visible_errors)


def encode_visibly(text: str, encoding: str) -> bytes:
    """Encode text; characters the encoding cannot hold become escapes instead of an error."""
    try:
        return text.encode(encoding, VISIBLE_ERRORS)
    except LookupError:  # an encoding Python does not know: UTF-8 holds everything
        return text.encode("utf-8", VISIBLE_ERRORS)


# How much of a value a message quotes: enough to recognise it, never the whole
# of a value that may be as large as the file.
QUOTE_LIMIT = 60


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Return text cut to `limit` characters with an ellipsis, for quoting in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def name_key(name: str) -> str:
    """A theme name as it is compared: NFKC, runs of whitespace as one space, any case.

    `a  b` and `a b`, and `café` composed or decomposed, are one name: both when
    names are checked to belong to one theme and when a user chooses one.
    """
    import unicodedata

    folded = unicodedata.normalize("NFKC", " ".join(name.split())).casefold()
    return unicodedata.normalize("NFKC", folded)
