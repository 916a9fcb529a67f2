"""Invalid briefings built to make a reader work hard, each at a chosen size in bytes.

Each builder returns YAML text of about `size` bytes that `briefing validate`
must reject, or with `valid=True` its valid twin: a file of the same size and
shape that must be accepted (the fair comparison: the same number of YAML
events to read). `valid(size)` returns a synthetic briefing of about that size
with realistic text. Used by benchmarks/robustness.py and by the tests.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import generate  # the synthetic briefing generator beside this file

HEAD = (
    "briefing: 1\n"
    "id: adversarial\n"
    "title: An invalid briefing\n"
    'as_of: "2026-01"\n'
    "summary: Made to be refused.\n"
)
THEMES = "themes:\n  - id: alpha\n    title: Alpha\n"
ITEM = (
    "  - id: item-{n}\n    title: Item\n    themes: [{theme}]\n    summary: S.\n"
    "    sources: [{{source: s}}]\n"
)
SOURCES = "sources:\n  - id: s\n    title: Source\n"


def _whole(extra: str) -> str:
    """A complete, valid briefing with `extra` top-level text appended."""
    return HEAD + THEMES + "items:\n" + ITEM.format(n=0, theme="alpha") + SOURCES + extra


def sexagesimal_key(size: int, valid: bool = False) -> str:
    """One long plain key like `1:1:1:…`, which YAML 1.1 reads as a base-60 number.

    Written as an explicit key (`? `): a simple key is limited to 1,024 characters.
    The valid twin starts the key with `x-`: text, and ignored.
    """
    body = size - len(_whole("")) - 10
    return _whole(("? x-1" if valid else "? 1") + ":1" * max(1, body // 2) + "\n: x\n")


def long_theme_ids(size: int, valid: bool = False) -> str:
    """Up to 2,000 long theme ids and item references to ids that are close to none of them.

    The valid twin refers to declared ids of the same length instead.
    """
    ids = min(2000, max(10, size // 300))
    width = max(8, size // (3 * ids) - 20)
    themes = "".join(f"  - id: t{n}-{'a' * width}\n    title: T{n}\n" for n in range(ids))
    out = [HEAD, "themes:\n", themes, "items:\n"]
    used = sum(map(len, out))
    n = 0
    while used < size - len(SOURCES):
        theme = f"t{n % ids}-{'a' * width}" if valid else f"q{n}-{'b' * width}"
        entry = ITEM.format(n=n, theme=theme)
        out.append(entry)
        used += len(entry)
        n += 1
    return "".join(out) + SOURCES


def alias_flood(size: int, valid: bool = False) -> str:
    """An anchor and a list of aliases to it: each is refused, none may cost memory.

    The valid twin lists plain values of the same length instead.
    """
    count = max(1, (size - len(_whole("")) - 40) // 4)
    if valid:
        return _whole("x-anchor: value\nx-flood: [" + ", ".join(["aa"] * count) + "]\n")
    return _whole("x-anchor: &a value\nx-flood: [" + ", ".join(["*a"] * count) + "]\n")


def unknown_keys(size: int, valid: bool = False) -> str:
    """A top-level mapping of many keys the contract does not know.

    The valid twin writes them as `x-` keys, which are ignored.
    """
    out = [_whole("")]
    used = len(out[0])
    prefix = "x-nown" if valid else "unknown"
    n = 0
    while used < size:
        line = f"{prefix}-key-number-{n}: some value\n"
        out.append(line)
        used += len(line)
        n += 1
    return "".join(out)


def huge_value(size: int, valid: bool = False) -> str:
    """One invalid id as long as the file: a message must not repeat it.

    The valid twin has a title that long instead.
    """
    long = "X" * max(1, size - len(_whole("")))
    if valid:
        return _whole("").replace("title: An invalid briefing", "title: " + long)
    return _whole("").replace("id: adversarial", "id: " + long)


def many_problems(size: int, valid: bool = False) -> str:
    """Item after item with a wrong status: far more problems than are ever reported.

    The valid twin gives each item a known status.
    """
    out = [HEAD, THEMES, "items:\n"]
    used = sum(map(len, out))
    status = "planned" if valid else "maybe"
    n = 0
    while used < size - len(SOURCES):
        entry = ITEM.format(n=n, theme="alpha") + f"    status: {status}\n"
        out.append(entry)
        used += len(entry)
        n += 1
    return "".join(out) + SOURCES


CASES: dict[str, Callable[..., str]] = {
    "sexagesimal key": sexagesimal_key,
    "long theme ids": long_theme_ids,
    "alias flood": alias_flood,
    "unknown keys": unknown_keys,
    "huge value": huge_value,
    "many problems": many_problems,
}


def valid(size: int) -> str:
    """A valid synthetic briefing of about `size` bytes."""
    items = 1
    while True:  # grow, then settle: the generator's bytes per item vary a little
        out = io.StringIO()
        generate.write(items, 2026, out)
        text = out.getvalue()
        if len(text) >= size:
            return text
        items = max(items + 1, int(items * size / len(text)))
