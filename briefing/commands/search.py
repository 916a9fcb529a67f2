"""Case- and accent-insensitive text search: `securite` finds `Sécurité`."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
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


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def spans(text: str, query: str) -> list[tuple[int, int]]:
    """Return the (start, end) character ranges of `text` that match `query`.

    Linear in the text and light: when every character folds to one (the
    usual case), the text is folded in one call and positions are kept;
    otherwise runs of ASCII fold in one call and map back by an offset, and
    only the other characters are folded one by one (one may fold to
    several, `ß` to `ss`, or to none), each keeping its original index.
    """
    needle = fold(query)
    if not needle:
        return []
    distinct = set(text)
    if all(len(_fold_cached(c)) == 1 for c in distinct):
        # Every character folds to one (é to e, K to k): fold the text in one C call and
        # each position is its own origin.
        return _found(text.translate({ord(c): _fold_cached(c) for c in distinct}), needle, None)
    pieces: list[str] = []
    starts: list[int] = []  # where each run begins in the folded text
    runs: list[tuple[int, list[int] | None]] = []  # (original start, per-character origins)
    folded_at = done = 0
    for match in _NON_ASCII.finditer(text):
        for begin, end, ascii_run in ((done, match.start(), True), (*match.span(), False)):
            if begin == end:
                continue
            chunk = text[begin:end]
            if ascii_run:
                piece, origins = chunk.casefold(), None
            else:
                folded_chars = [_fold_cached(c) for c in chunk]
                piece = "".join(folded_chars)
                origins = [begin + i for i, f in enumerate(folded_chars) for _ in f]
            if not piece:
                continue
            starts.append(folded_at)
            runs.append((begin, origins))
            pieces.append(piece)
            folded_at += len(piece)
        done = match.end()
    if done < len(text):
        starts.append(folded_at)
        runs.append((done, None))
        pieces.append(text[done:].casefold())

    def origin(position: int) -> int:
        run = bisect_right(starts, position) - 1
        begin, origins = runs[run]
        offset = position - starts[run]
        return begin + offset if origins is None else origins[offset]

    return _found("".join(pieces), needle, origin)


def _found(
    haystack: str, needle: str, origin: Callable[[int], int] | None
) -> list[tuple[int, int]]:
    """Each match of `needle` in the folded text, mapped back to the original's indices."""
    found = []
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        if origin is None:
            found.append((start, end))
        else:
            found.append((origin(start), origin(end - 1) + 1))
        start = haystack.find(needle, end)
    return found
