"""Text search that combines: every term must match, ignoring case, accents and punctuation.

A query is a list of terms. Each `--search` value is one term, matched as a
phrase: its words in order, with anything that is not a letter or a digit
between them counted as one space, so `mine clearance`, `mine-clearance` and
`Mine–clearance` are the same, and `securite` finds `Sécurité`. Inside a
value, double quotes mark phrases and the words outside them are terms of
their own (`"mine clearance" exercises`). Repeated `--search` narrows: a
text matches when it holds every term.

The query travels as one canonical string (`query_of`), the form filter
notes and JSON show, and is read back into terms by `terms`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

# What separates words: anything but a letter or a digit (once accents are folded).
_SEPARATORS = re.compile(r"[\W_]+")
_QUOTED = re.compile(r'"([^"]*)"?|(\S+)')


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


def normal(text: str) -> str:
    """Text as the search compares it: folded, each run of non-word characters one space."""
    return " " + _SEPARATORS.sub(" ", fold(text)).strip() + " "


def _term(text: str) -> str:
    """A term as compared: folded and spaced like `normal`, without the edge spaces."""
    return normal(text).strip()


def query_of(values: str | Sequence[str] | None) -> str | None:
    """The canonical query of the `--search` values given (None when there is none).

    A value without double quotes is one phrase; one with them is split into
    its quoted phrases and its other words. Phrases are written quoted.
    """
    if values is None:
        return None
    given = [values] if isinstance(values, str) else list(values)
    phrases: list[str] = []
    for value in given:
        parts = _split(value) if '"' in value else [" ".join(value.split())]
        phrases += [p for p in parts if _term(p)]
    if not phrases:
        return None
    return " ".join(f'"{p}"' if " " in p else p for p in dict.fromkeys(phrases))


def _split(value: str) -> list[str]:
    return [" ".join((m.group(1) or m.group(2) or "").split()) for m in _QUOTED.finditer(value)]


def terms(query: str | None) -> tuple[str, ...]:
    """The terms of a canonical query, as compared."""
    if not query:
        return ()
    return tuple(t for t in (_term(p) for p in _split(query)) if t)


def matches(texts: Iterable[str | None], wanted: Sequence[str]) -> bool:
    """Whether the texts, taken together, hold every term (each anywhere in one of them)."""
    if not wanted:
        return True
    haystack = "\n".join(normal(t) for t in texts if t)
    return all(term in haystack for term in wanted)


def spans(text: str, query: str) -> list[tuple[int, int]]:
    """Return the (start, end) character ranges of `text` that match a term of `query`."""
    wanted = terms(query)
    if not wanted:
        return []
    folded: list[str] = []
    origin: list[int] = []  # compared character -> index of the original character
    gap = True  # at the start, or after a separator: a separator adds nothing more
    for index, char in enumerate(text):
        for piece in _fold_cached(char):  # a lone combining accent folds to nothing
            if _SEPARATORS.fullmatch(piece):
                if not gap:
                    folded.append(" ")
                    origin.append(index)
                    gap = True
                continue
            folded.append(piece)
            origin.append(index)
            gap = False
    haystack = "".join(folded)
    found: list[tuple[int, int]] = []
    for needle in wanted:
        start = haystack.find(needle)
        while start >= 0:
            end = start + len(needle)
            found.append((origin[start], origin[end - 1] + 1))
            start = haystack.find(needle, end)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
