"""Which characters of a briefing the PDF's fonts cannot show, and where the first one is.

Typst draws a character no font has as an empty box and still succeeds; the
PDF writer asks here first and refuses instead, so no text is lost in silence.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from briefing.formats.pdfglyphs import RANGES

_FIRSTS = [first for first, _ in RANGES]


def shown(char: str) -> bool:
    """Whether a character reaches the page: a font has it, or it is never drawn at all."""
    point = ord(char)
    at = bisect_right(_FIRSTS, point) - 1
    if at >= 0 and RANGES[at][0] <= point <= RANGES[at][1]:
        return True
    # Format characters (joiners, marks of direction) and variation selectors shape the
    # text around them and have no glyph of their own in any font.
    return (
        unicodedata.category(char) == "Cf"
        or 0xFE00 <= point <= 0xFE0F
        or 0xE0100 <= point <= 0xE01EF
    )


def _strings(value: Any) -> Iterator[str]:
    """Every string in a document's data, in order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _strings(inner)


def first_missing(document: Any) -> str | None:
    """The first character of the document's data that no font of the PDF has, if any."""
    for text in _strings(document):
        for char in text:
            if not shown(char):
                return char
    return None


def place(value: Any, char: str, path: tuple[str, ...] = ()) -> tuple[str, int] | None:
    """Where a character first occurs in the briefing: its field (`items › one › title`) and column.

    Entries of a list are named by their `id` where they have one, else by their number.
    """
    if isinstance(value, str):
        at = value.find(char)
        return (" › ".join(path), at + 1) if at >= 0 else None
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        for name in value._fields:
            found = place(getattr(value, name), char, (*path, name))
            if found:
                return found
    elif isinstance(value, tuple | list):
        for number, entry in enumerate(value, 1):
            key = getattr(entry, "id", None)
            found = place(entry, char, (*path, key if isinstance(key, str) else str(number)))
            if found:
                return found
    return None
