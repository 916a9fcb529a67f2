"""The JSON envelope every command's output shares (docs/json.md), and text safe to print."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from briefing.model import Briefing
from briefing.tlp import marking

# The version of the envelope's shape, the top-level `format` key. Raise it on any change
# that could break a reader (a key renamed, removed or holding another kind of value).
ENVELOPE_VERSION = 2


# json.dumps escapes C0 controls itself; these others would reach a terminal raw, and a
# lone surrogate (an undecodable byte in a file name) cannot be written as UTF-8 at all.
_UNSAFE_FOR_TERMINAL = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def dumps(value: Any) -> str:
    """Return a value as indented JSON ending in a newline, made safe to print on a terminal."""
    text = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
    return _UNSAFE_FOR_TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def envelope(command: str, briefing: Briefing | None, **payload: Any) -> dict[str, Any]:
    """Return the top-level object every command prints: who made it, from what, and the payload.

    `briefing` is the briefing shown (None for commands about several files), and
    `filter` says how it was narrowed (None when it shows everything).
    """
    narrowed = _filter(briefing) if briefing is not None and briefing.narrowed else None
    return envelope_of(
        command, head_of(briefing) if briefing is not None else None, narrowed, payload
    )


def envelope_of(
    command: str, head: dict[str, Any] | None, narrowed: dict[str, Any] | None, payload: Any
) -> dict[str, Any]:
    """The envelope from its parts: the version, the command, its briefing and filter, the rest."""
    return {
        "format": ENVELOPE_VERSION,
        "command": command,
        "briefing": head,
        "filter": narrowed,
        **payload,
    }


def head_of(briefing: Briefing) -> dict[str, Any]:
    """The `briefing` key: which briefing this output shows, in which language, with its marking."""
    return {
        "id": briefing.id,
        "title": briefing.title,
        "subtitle": briefing.subtitle,
        "language": briefing.language,
        "translation_of": briefing.translation_of,
        "as_of": str(briefing.as_of),
        # The most restrictive TLP marking of what this output holds; null when unmarked.
        "tlp": marking(briefing),
    }


def _filter(briefing: Briefing) -> dict[str, Any]:
    return filter_of(
        briefing.focus,
        briefing.search,
        briefing.credibility_range,
        briefing.statuses,
        briefing.max_tlp,
        briefing.withheld,
    )


def filter_of(
    themes: Iterable[str],
    search: str | None = None,
    grades: tuple[int, int] | None = None,
    statuses: Iterable[str] = (),
    max_tlp: str | None = None,
    withheld: int = 0,
) -> dict[str, Any]:
    """The `filter` object: the same keys whatever the command narrowed."""
    return {
        "themes": list(themes),
        "search": search,
        "credibility": {"min": grades[0], "max": grades[1]} if grades else None,
        "statuses": list(statuses),
        "max_tlp": max_tlp,
        "withheld": withheld,
    }
