"""Case- and accent-insensitive text search: `securite` finds `Sécurité`."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=4096)
def _fold_cached(char: str) -> str:
    return _fold_char(char)


def fold(text: str) -> str:
    """Return text without accents and case, for comparison only."""
    if text.isascii():
        return text.casefold()
    return "".join(_fold_cached(c) for c in text)


def contains(text: str | None, query: str) -> bool:
    """Whether `text` contains the folded `query`."""
    return bool(text) and fold(query) in fold(text)  # type: ignore[arg-type]


def spans(text: str, query: str) -> list[tuple[int, int]]:
    """Return the (start, end) character ranges of `text` that match `query`."""
    needle = fold(query)
    if not needle:
        return []
    folded: list[str] = []
    origin: list[int] = []  # folded character -> index of the original character
    for index, char in enumerate(text):
        piece = _fold_cached(char)
        folded.append(piece)
        origin.extend([index] * len(piece))
    haystack = "".join(folded)
    found = []
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        found.append((origin[start], origin[end - 1] + 1))
        start = haystack.find(needle, end)
    return found
