"""YAML syntax errors in plain words, at the line and column of their cause.

The parser notices a mistake where it can no longer go on, which is often far
from the mistake itself: an unclosed quote on line 35 swallows the lines after
it up to the next quote and is reported at line 43 as `did not find expected
key`. This module looks again, on the error path only, for the common causes:
an unclosed quote, a missing colon, `: ` inside a plain value, a tab in the
indentation, a line indented differently from its neighbours, a line lined up
with a list's `-` that is not an entry of it, an unclosed bracket. Each is
reported where it is, with the fix. libyaml and PyYAML's pure parser word
their errors differently; both are recognised.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml

from briefing.i18n import _
from briefing.text import shorten

# A line that reads as a mapping key or a list entry: what a runaway quoted
# string swallows when its closing quote is missing.
_KEY_LINE = re.compile(r"\s*(?:-\s+)?[^\s\"'#:\-][^:]*:(?:\s|$)|\s*-\s")
_BRACKETS = {"[": "]", "{": "}"}


class Cause(NamedTuple):
    """Where a syntax error comes from (1-based), and what to do about it."""

    line: int
    column: int
    message: str


# YAML's limit on the length of a plain (implicit) key; a longer one cannot be read as a key.
MAX_KEY = 1024


def diagnose(text: str, error: yaml.MarkedYAMLError, pure: bool) -> Cause | None:
    """Return the cause of a syntax error in plain words, or None when it is not a common one."""
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    mark, where = error.problem_mark, error.context_mark
    lines = text.split("\n")
    if "quoted scalar" in context and where is not None:  # the file ends inside quotes
        quote = _char(lines, where.line, where.column) or '"'
        message = _(
            "unclosed quote: nothing closes the {quote} opened here; add the closing {quote}"
        )
        return Cause(where.line + 1, where.column + 1, message.format(quote=quote))
    if mark is not None and ("tab" in problem or "'\\t'" in problem):
        line = lines[mark.line] if mark.line < len(lines) else ""
        column = (
            len(line) - len(line.lstrip(" ")) if line.lstrip(" ").startswith("\t") else mark.column
        )
        message = _(
            "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"
        )
        return Cause(mark.line + 1, column + 1, message)
    runaway = _runaway_quote(text, mark, pure)
    if runaway is not None:
        return runaway
    if mark is None:
        return None
    if "could not find expected ':'" in problem and where is not None:
        row = lines[where.line] if where.line < len(lines) else ""
        colon = re.search(r":(?: |$)", row[where.column :])
        if colon is not None and colon.start() > MAX_KEY:  # the colon is there, past YAML's limit
            message = _(
                "a key of {n} characters: YAML allows at most {limit} in a plain key; "
                "shorten the key"
            )
            return Cause(
                where.line + 1,
                where.column + 1,
                message.format(n=f"{colon.start():,}", limit=f"{MAX_KEY:,}"),
            )
        message = _(
            "missing colon: `{text}` is neither `key: value` nor a list entry; "
            "write a colon and a space after the key"
        )
        shown = shorten(lines[where.line].strip()) if where.line < len(lines) else ""
        return Cause(where.line + 1, where.column + 1, message.format(text=shown))
    if "flow sequence" in context or "flow mapping" in context:
        cause = _unclosed_bracket(lines, where)
        if cause is not None:
            return cause
    if problem.startswith("mapping values are not allowed"):
        return _colon_in_value(lines, mark)
    if "block collection" in context:
        cause = _not_an_entry(lines, mark, where)
        if cause is not None:
            return cause
    if (
        "expected key" in problem
        or "expected '-' indicator" in problem
        or problem.startswith("expected <block end>")
    ):
        return _indentation(lines, mark.line)
    return None


def _char(lines: list[str], line: int, column: int) -> str:
    """The character at a position, or an empty string past the end."""
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else ""


def _runaway_quote(text: str, mark: Any, pure: bool) -> Cause | None:
    """A quoted value that runs on over lines that read as keys: its quote was not closed.

    The parser's tokens up to the error are read again (linear in the text).
    """
    if mark is None:
        return None
    lines = text.split("\n")
    loader: Any = None
    found: Cause | None = None  # the last runaway before the error: the one that ran into it
    try:
        loader = (
            yaml.BaseLoader(text)
            if pure or not getattr(yaml, "__with_libyaml__", False)
            else yaml.CBaseLoader(text)
        )
        while True:
            token = loader.get_token()
            if token is None or token.start_mark.line > mark.line:
                return found
            if (
                type(token) is yaml.ScalarToken
                and token.style in ('"', "'")
                and token.end_mark.line > token.start_mark.line
            ):
                inside = lines[token.start_mark.line + 1 : token.end_mark.line + 1]
                if any(_KEY_LINE.match(line) for line in inside):
                    start = token.start_mark
                    message = _(
                        "unclosed quote: the text quoted here runs on to line {end}; "
                        "close it with {quote} on this line"
                    ).format(end=token.end_mark.line + 1, quote=token.style)
                    found = Cause(start.line + 1, start.column + 1, message)
    except yaml.YAMLError:
        return found
    finally:
        if loader is not None:
            loader.dispose()


def _unclosed_bracket(lines: list[str], where: Any) -> Cause | None:
    """A `[` or `{` whose line ends before it is closed."""
    if where is None:
        return None
    opening = _char(lines, where.line, where.column)
    if opening not in _BRACKETS:
        return None
    expected: list[str] = []  # the closing brackets still owed, innermost last
    quote = ""
    for char in lines[where.line][where.column :]:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in _BRACKETS:
            expected.append(_BRACKETS[char])
        elif char in "]}":
            if expected.pop() != char:
                break  # `[{a: b]`: the wrong bracket closes, so the first one is unclosed
            if not expected:
                return None  # closed on its own line: the mistake is something else
    if opening == "{":
        message = _("unclosed brace: the {open} opened here is not closed; add {close}")
    else:
        message = _("unclosed bracket: the {open} opened here is not closed; add {close}")
    return Cause(
        where.line + 1,
        where.column + 1,
        message.format(open=f"`{opening}`", close=f"`{_BRACKETS[opening]}`"),
    )


def _colon_in_value(lines: list[str], mark: Any) -> Cause:
    """`key: a: b`: a plain value holds `: `, or a key is indented under a plain value."""
    line = lines[mark.line] if mark.line < len(lines) else ""
    indent = len(line) - len(line.lstrip(" "))
    above = _previous(lines, mark.line)
    first_colon = line.find(": ") if ": " in line else line.find(":")
    if above is not None and first_colon == mark.column and indent > _indent(lines[above]):
        message = _(
            "bad indentation: this key is indented by {n}, more than line {above} (by {m}); "
            "keys of one mapping line up"
        ).format(n=indent, above=above + 1, m=_indent(lines[above]))
        return Cause(mark.line + 1, indent + 1, message)
    key, _sep, value = line.strip().partition(": ")
    key = key[2:] if key.startswith("- ") else key
    message = _(
        'a plain value cannot contain ": " (a colon and a space): quote the value, e.g. {example}'
    ).format(example=f'`{shorten(key, 30)}: "{shorten(value, 30)}"`')
    return Cause(mark.line + 1, mark.column + 1, message)


def _not_an_entry(lines: list[str], mark: Any, where: Any) -> Cause | None:
    """A line lined up with a list's `-` that does not start with `- `.

    libyaml says `did not find expected '-' indicator`, PyYAML `expected <block
    end>`, both at the line: most often a key of a list entry indented as far as
    the entry's `-` rather than as far as the entry's first key.
    """
    if where is None or _char(lines, where.line, where.column) != "-":
        return None
    line = lines[mark.line] if mark.line < len(lines) else ""
    if _indent(line) != where.column or line.lstrip(" ").startswith("-"):
        return None
    entry = _entry_above(lines, mark.line, where.column)
    first = lines[entry][where.column + 1 :] if entry is not None else ""
    shown = shorten(line.strip())
    if entry is not None and re.match(r"\s+[^\s\"'#:\-][^:]*:(?:\s|$)", first):  # a mapping
        message = _(
            "`{text}` lines up with the `-` of the list that starts on line {start} but is not "
            "an entry of it: indent it by {n} to go on with the entry above, or write `- ` "
            "before it to start a new entry"
        ).format(text=shown, start=where.line + 1, n=_key_column(lines[entry]))
    elif where.column:
        message = _(
            "`{text}` lines up with the `-` of the list that starts on line {start} but is not "
            "an entry of it: write `- ` before it to make it an entry, or indent it less to end "
            "the list"
        ).format(text=shown, start=where.line + 1)
    else:  # the whole file is a list: nothing is less indented
        message = _(
            "`{text}` lines up with the `-` of the list that starts on line {start} but is not "
            "an entry of it: write `- ` before it to make it an entry"
        ).format(text=shown, start=where.line + 1)
    return Cause(mark.line + 1, where.column + 1, message)


def _entry_above(lines: list[str], index: int, column: int) -> int | None:
    """The index of the nearest line above that starts a list entry at this column."""
    for i in range(min(index, len(lines)) - 1, -1, -1):
        line = lines[i]
        if line.strip() and not line.lstrip().startswith("#") and _indent(line) <= column:
            return i if _indent(line) == column and line[column:].startswith("-") else None
    return None


def _indentation(lines: list[str], index: int) -> Cause | None:
    """A line indented differently from the lines around it."""
    if index >= len(lines):
        return None
    above = _previous(lines, index)
    line = lines[index]
    if above is None or not line.strip():
        return None
    indent, other = _indent(line), _indent(lines[above])
    if indent in (other, _key_column(lines[above])):  # lined up: the mistake is elsewhere
        return _text_after_quote(lines, index)
    message = _(
        "bad indentation: this line is indented by {n} and line {above} by {m}; "
        "entries of one mapping or list line up, and a value goes deeper than its key"
    ).format(n=indent, above=above + 1, m=other)
    return Cause(index + 1, indent + 1, message)


def _text_after_quote(lines: list[str], index: int) -> Cause | None:
    """`title: "He said "yes""`: a quoted value ends early and text follows its closing quote."""
    line = lines[index]
    match = re.match(r"\s*(?:-\s+)*[^\s\"'#][^:]*:\s+([\"'])", line)
    if match is None:
        return None
    quote, start = match.group(1), match.end()
    position = start
    while position < len(line):
        char = line[position]
        if quote == '"' and char == "\\":
            position += 2
            continue
        if char == quote:
            if quote == "'" and line[position + 1 : position + 2] == "'":
                position += 2  # '' is a quote inside single quotes
                continue
            break
        position += 1
    rest = line[position + 1 :]
    if position >= len(line) or not rest.strip() or rest.strip().startswith("#"):
        return None
    escaped = '\\"' if quote == '"' else "''"
    message = _(
        "text after the closing quote: write {escaped} for a {quote} inside the value, "
        "or quote the whole value with the other kind of quote"
    ).format(escaped=f"`{escaped}`", quote=quote)
    return Cause(index + 1, position + 1, message)


def _key_column(line: str) -> int:
    """The column where a line's key starts, after any `- ` list markers."""
    match = re.match(r"\s*(?:-\s+)*", line)
    return match.end() if match else 0


def _previous(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above with content (not blank, not a comment)."""
    for i in range(min(index, len(lines)) - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
