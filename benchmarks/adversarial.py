"""Invalid briefings built to make a reader work hard, each at a chosen size in bytes.

Each builder returns YAML text of about `size` bytes that `briefing validate`
must reject; `valid(size)` returns a valid briefing of about the same size to
compare with. Used by benchmarks/robustness.py and by the regression tests.
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


def sexagesimal_key(size: int) -> str:
    """One long plain key like `1:1:1:…`, which YAML 1.1 reads as a base-60 number.

    Written as an explicit key (`? `): a simple key is limited to 1,024 characters.
    """
    body = size - len(HEAD) - 10
    return HEAD + "? 1" + ":1" * max(1, body // 2) + "\n: x\n"


def long_theme_ids(size: int) -> str:
    """2,000 long theme ids and item references to ids that are close to none of them."""
    ids = 2000
    width = max(8, size // (3 * ids) - 20)
    themes = "".join(f"  - id: t{n}-{'a' * width}\n    title: T{n}\n" for n in range(ids))
    out = [HEAD, "themes:\n", themes, "items:\n"]
    used = sum(map(len, out))
    n = 0
    while used < size - len(SOURCES):
        entry = ITEM.format(n=n, theme=f"q{n}-{'b' * width}")
        out.append(entry)
        used += len(entry)
        n += 1
    return "".join(out) + SOURCES


def alias_flood(size: int) -> str:
    """An anchor and a list of aliases to it: each is refused, none may cost memory."""
    count = max(1, (size - len(HEAD) - 40) // 5)
    return HEAD + "x-anchor: &a value\nx-flood: [" + ", ".join(["*a"] * count) + "]\n"


def unknown_keys(size: int) -> str:
    """A top-level mapping of many keys the contract does not know."""
    out = [HEAD, THEMES]
    used = len(HEAD) + len(THEMES)
    n = 0
    while used < size:
        line = f"unknown-key-number-{n}: some value\n"
        out.append(line)
        used += len(line)
        n += 1
    return "".join(out)


def huge_value(size: int) -> str:
    """One invalid id as long as the file: a message must not repeat it."""
    return HEAD.replace("id: adversarial", "id: " + "X" * max(1, size - len(HEAD))) + THEMES


def many_problems(size: int) -> str:
    """Item after item with a wrong status: far more problems than are ever reported."""
    out = [HEAD, THEMES, "items:\n"]
    used = sum(map(len, out))
    n = 0
    while used < size - len(SOURCES):
        entry = ITEM.format(n=n, theme="alpha") + "    status: maybe\n"
        out.append(entry)
        used += len(entry)
        n += 1
    return "".join(out) + SOURCES


CASES: dict[str, Callable[[int], str]] = {
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
