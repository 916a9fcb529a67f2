"""Reading command lines from the declarations in `cli.py`: the fast parser and value conversion.

`read()` understands plain command lines — known options with their values,
bare words where a command takes them — and returns None for anything else
(help, completion, `--`, unknown options, a missing value), which then goes
to the Typer app for its help and messages. Whichever parser read the words,
`convert()` turns them into values, so a value means the same on both paths.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from briefing.cli.declarations import (
    BY_NAME,
    GLOBAL_OPTIONS,
    HELP_FLAGS,
    VERSION_FLAGS,
    Command,
    Option,
    options_of,
)
from briefing.errors import UsageError
from briefing.i18n import _

_INTEGER = re.compile(r"[+-]?[0-9]+")
COMPLETE_ENV = "_BRIEFING_COMPLETE"


@dataclass(frozen=True)
class Invocation:
    """A command line as read: the command and the raw words for each option, not yet converted.

    `root` holds the global options given before the command name, `given`
    those given after it; raw values are strings, lists of strings (many
    options) or booleans (flags and switches).
    """

    command: Command
    root: Mapping[str, Any]
    given: Mapping[str, Any]


def _table(options: Sequence[Option]) -> dict[str, tuple[Option, bool]]:
    """Each flag name -> (its option, whether it is the negative form of a switch)."""
    table: dict[str, tuple[Option, bool]] = {}
    for option in options:
        for flag in option.flags:
            table[flag] = (option, False)
        if option.negative:
            table[option.negative] = (option, True)
    return table


_ROOT_TABLE = _table(GLOBAL_OPTIONS)


def _read_options(
    words: Sequence[str], table: Mapping[str, tuple[Option, bool]], stop_at_word: bool
) -> tuple[dict[str, Any], list[str], int] | None:
    """Read options from `words`; return (raw values, bare words, where it stopped) or None.

    With `stop_at_word`, reading stops at the first bare word (the command
    name); else bare words are collected.
    """
    values: dict[str, Any] = {}
    bare: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word == "-" or not word.startswith("-"):
            if stop_at_word:
                return values, bare, index
            bare.append(word)
            index += 1
            continue
        index += 1
        name, has_value, inline = word.partition("=")
        if not name.startswith("--") and has_value:
            return None  # `-t=x`: left to Typer's reading of short options
        found = table.get(name)
        if found is None:
            return None
        option, negative = found
        if not option.takes_value:
            if has_value:
                return None  # a flag given a value: Typer says so
            values[option.name] = not negative
            continue
        if not has_value:
            if index >= len(words):
                return None  # a missing value: Typer says so
            inline = words[index]
            index += 1
        if option.many:
            values.setdefault(option.name, []).append(inline)
        else:
            values[option.name] = inline
    return values, bare, index


def read(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> Invocation | None:
    """Read a plain command line, or return None to leave it to the Typer app."""
    env = os.environ if environ is None else environ
    if env.get(COMPLETE_ENV) or any(w in HELP_FLAGS or w in VERSION_FLAGS for w in argv):
        return None
    if "--" in argv:
        return None
    head = _read_options(argv, _ROOT_TABLE, stop_at_word=True)
    if head is None:
        return None
    root, _bare, index = head
    if index >= len(argv):
        return None  # no command: the help
    command = BY_NAME.get(argv[index])
    if command is None:
        return None
    tail = _read_options(argv[index + 1 :], _table(options_of(command)), stop_at_word=False)
    if tail is None:
        return None
    given, bare, _end = tail
    argument = command.argument
    if argument is not None and not argument.many and len(bare) != 1:
        return None  # a missing or extra word: Typer says so
    if bare:
        if argument is None:
            return None  # Typer reports the extra words
        given[argument.name] = bare
    return Invocation(command, root, given)


def peek_language(argv: Sequence[str]) -> str | None:
    """The `--lang` asked for anywhere on the command line, so help can be translated.

    Read leniently with the same tables as `read()`: stops quietly at what it
    does not understand. The last one given wins, as in the parsers.
    """
    found: str | None = None
    tables = (_ROOT_TABLE,)
    index = 0
    while index < len(argv):
        word = argv[index]
        index += 1
        if word == "--":
            break
        name, has_value, inline = word.partition("=")
        if name == "--lang":
            if has_value:
                found = inline
            elif index < len(argv):
                found = argv[index]
                index += 1
            continue
        command = BY_NAME.get(word)
        if command is not None:
            tables = (_table(options_of(command)),)
        for table in tables:
            option = table.get(name, (None, False))[0]
            if option is not None and option.takes_value and not has_value:
                index += 1  # skip the option's value
    return found


def merge(command: Command, root: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """Combine the options given before and after the command name.

    Repeatable options collect both (root first); for the others the one
    after the command name wins, as the later word on a command line does.
    """
    merged: dict[str, Any] = {}
    for option in options_of(command):
        before, after = root.get(option.name), given.get(option.name)
        if option.many:
            words = list(before or []) + list(after or [])
            merged[option.name] = words
        else:
            merged[option.name] = after if after is not None else before
    argument = command.argument
    if argument is not None:
        words = list(given.get(argument.name) or [])
        merged[argument.name] = words if argument.many else words[0]
    return merged


def convert(command: Command, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Turn merged raw values into typed ones, or raise a UsageError naming the option."""
    values = dict(raw)
    for option in options_of(command):
        value = raw.get(option.name)
        if value is None or option.kind in ("flag", "switch"):
            if option.kind == "flag":
                values[option.name] = bool(value)
            continue
        if option.many:
            values[option.name] = [convert_value(option, v) for v in value]
        else:
            values[option.name] = convert_value(option, value)
    return values


def convert_value(option: Option, word: str) -> Any:
    """One option's value from its word: a bounded integer, a known choice, or the text itself."""
    flag = option.flags[0]
    if option.kind == "int":
        if not _INTEGER.fullmatch(word.strip()):
            raise UsageError(
                _("{option} takes a whole number, not `{value}`").format(option=flag, value=word),
                _("for example {option} {example}").format(
                    option=flag, example=option.minimum or 1
                ),
            )
        number = int(word)
        low, high = option.minimum, option.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            raise UsageError(
                _("{option} must be between {low} and {high}, not {value}").format(
                    option=flag, low=low, high=high, value=number
                )
            )
        return number
    if option.kind == "choice":
        key = word.strip().casefold()
        for choice in option.choices:
            if choice.casefold() == key:
                return choice
        if key in option.aliases:
            return option.aliases[key]
        from briefing.reading.contract import did_you_mean

        raise UsageError(
            _("{option} does not take `{value}`").format(option=flag, value=word)
            + did_you_mean(key, option.choices),
            _("choose one of: {choices}").format(choices=", ".join(option.choices)),
        )
    return word
