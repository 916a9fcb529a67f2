"""pandoc's YAML metadata block, written so that every text value stays text in any YAML reader.

PyYAML writes under YAML 1.1 rules and leaves a value plain when 1.1 reads it
back as the same string; pandoc reads YAML 1.2, where `n`, `1e3`, `0o777` or
`09` are booleans or numbers. So nothing here is left to a dumper's choice:
every string is written double-quoted, with every character YAML does not
print as itself written as an escape; integers (the parts of a date) are
written as decimal digits; keys are the program's own names, checked to be
plain words. Any other kind of value is a bug and raises TypeError.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

# A key is one of the program's own names (CSL's among them, `URL`): words joined by hyphens.
_KEY = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\Z")
# What a YAML double-quoted scalar cannot hold as itself: the quote, the backslash,
# C0 and C1 controls, DEL, surrogates, the byte-order mark and the two non-characters
# YAML excludes; also the line and paragraph separators, which a reader may take as
# line breaks. Each is written as an escape, so the value reads back exactly.
_UNPRINTABLE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]')

Meta = str | int | Sequence["Meta"] | Mapping[str, "Meta"]


def quote(text: str) -> str:
    """Text as a YAML double-quoted scalar that every YAML 1.1 and 1.2 reader reads as that text."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in '"\\':
            return "\\" + char
        return f"\\u{ord(char):04x}"

    return '"' + _UNPRINTABLE.sub(escape, text) + '"'


def _scalar(value: object) -> str:
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"metadata holds a {type(value).__name__}, not text or a whole number")


def _key(name: str) -> str:
    if not isinstance(name, str) or not _KEY.match(name):
        raise TypeError(f"metadata key {name!r} is not one of the program's plain names")
    return name


def _flow(value: Meta) -> str:
    """A scalar, or a list of them (a date's parts), on one line."""
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def _is_flat(value: Meta) -> bool:
    """Whether a value is a scalar or a (nested) list of scalars, written on one line."""
    if isinstance(value, Mapping):
        return False
    if isinstance(value, Sequence) and not isinstance(value, str):
        return all(_is_flat(v) for v in value)
    return True


def _mapping(meta: Mapping[str, Meta], indent: str) -> list[str]:
    lines: list[str] = []
    for name, value in meta.items():
        key = indent + _key(name) + ":"
        if _is_flat(value):
            lines.append(key + " " + _flow(value))
        elif isinstance(value, Mapping):
            lines.append(key)
            lines += _mapping(value, indent + "  ")
        elif isinstance(value, Sequence) and not isinstance(value, str):
            lines.append(key)
            lines += _sequence(value, indent + "  ")
        else:  # _is_flat took every scalar
            raise TypeError(f"metadata value of {name!r} cannot be written")
    return lines


def _sequence(values: Sequence[Meta], indent: str) -> list[str]:
    lines: list[str] = []
    for value in values:
        if isinstance(value, Mapping) and value:
            # `- key: value`, the other keys aligned under the first.
            inner = _mapping(value, indent + "  ")
            lines.append(indent + "- " + inner[0][len(indent) + 2 :])
            lines += inner[1:]
        elif _is_flat(value):
            lines.append(indent + "- " + _flow(value))
        else:
            raise TypeError("metadata lists hold text, numbers, lists of them or mappings")
    return lines


def block(meta: Mapping[str, Meta]) -> list[str]:
    """The metadata block's lines, from `---` to `---`, then a blank line."""
    return ["---", *_mapping(meta, ""), "---", ""]
