"""Reading command lines from the declarations: every word, every mistake, and value conversion.

`read()` is the one reader of command lines. It knows every declared
command and option, reads words the way Typer's parser does (long options
with `=` or a separate value, short options with an attached value or in a
cluster of flags, `--` ending the options, bare words where a command takes
them) and finds every mistake in the words itself, worded in the run's
language: an unknown option or command, a missing value, a value given to a
flag, extra or missing words. What is left to Typer is what it renders: help
is handed back as a `Handover`, and shell completion too. `convert()` turns
the words into values.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal, NamedTuple

from briefing.cli.declarations import BY_NAME, options_of
from briefing.cli.options import (
    COMPLETION_FLAGS,
    GLOBAL_OPTIONS,
    HELP_FLAGS,
    VERSION_FLAGS,
    Command,
    Option,
)
from briefing.errors import UsageError
from briefing.i18n import _

_INTEGER = re.compile(r"[+-]?[0-9]+")
COMPLETE_ENV = "_BRIEFING_COMPLETE"


class Invocation(NamedTuple):
    """A command line as read: the command and the raw words for each option, not yet converted.

    `root` holds the global options given before the command name, `given`
    those given after it; raw values are strings, lists of strings (many
    options) or booleans (flags and switches).
    """

    command: Command
    root: Mapping[str, Any]
    given: Mapping[str, Any]


Action = Literal["help", "version", "completion"]
_ACTIONS: tuple[Action, ...] = ("help", "version", "completion")


class Handover(NamedTuple):
    """A command line that runs no command: help (of `command`, else the root), version, completion.

    `bare` is the command line with no words at all: its help goes to stderr
    with the usage exit code, as for any command line that does nothing.
    """

    action: Action
    command: Command | None = None
    bare: bool = False


class CommandLineError(UsageError):
    """A mistake in the words of the command line, with where to read about them."""

    def __init__(self, message: str, command: Command | None) -> None:
        path = "briefing" if command is None else f"briefing {command.name}"
        see = _("see '{command} --help'").format(command=path)
        super().__init__(f"{message} ({see})")


# What each word of an options table names: a declared option, with whether it is the
# negative form of a switch, or one of the flags that hand the line over (help and so on).
_Entry = tuple[Option, bool] | Action


def _table(options: Sequence[Option], root: bool) -> dict[str, _Entry]:
    """Each flag name -> its option (and whether it is a switch's negative form), or an action."""
    table: dict[str, _Entry] = {}
    for option in options:
        for flag in option.flags:
            table[flag] = (option, False)
        if option.negative:
            table[option.negative] = (option, True)
    for flag in HELP_FLAGS:
        table[flag] = "help"
    if root:  # the version and completion are options of the program, not of a command
        for flag in VERSION_FLAGS:
            table[flag] = "version"
        for flag in COMPLETION_FLAGS:
            table[flag] = "completion"
    return table


_ROOT_TABLE = _table(GLOBAL_OPTIONS, root=True)
_TABLES = {command.name: _table(options_of(command), root=False) for command in BY_NAME.values()}


class _Reading(NamedTuple):
    """What has been read so far of one part of the command line (before or after the command)."""

    values: dict[str, Any]
    bare: list[str]
    actions: list[Action]


class UnknownOption(CommandLineError):
    """An option this part of the command line does not know."""

    def __init__(self, message: str, command: Command | None, option: str) -> None:
        super().__init__(message, command)
        self.option = option


def _unknown_option(name: str, table: Mapping[str, _Entry], command: Command | None) -> UsageError:
    """An option this part of the command line does not know, with the closest one it does.

    (Before the command, an option of a command says where it goes: see `read`.)
    """
    from briefing.reading.conformance import did_you_mean

    # Help, the version and completion are not suggested for a mistyped option.
    known = [
        flag for flag, entry in table.items() if flag.startswith("--") and entry not in _ACTIONS
    ]
    return UnknownOption(
        _("unknown option {option}").format(option=name) + did_you_mean(name, known),
        command,
        name,
    )


def _take(
    entry: _Entry,
    flag: str,
    inline: str | None,
    words: list[str],
    reading: _Reading,
    command: Command | None,
) -> None:
    """Record one option; its value is `inline` (given with it) or the next word, whatever it is."""
    if isinstance(entry, str):  # help, version, completion: flags
        if inline is not None:
            raise CommandLineError(_("{option} takes no value").format(option=flag), command)
        reading.actions.append(entry)
        return
    option, negative = entry
    if not option.takes_value:
        if inline is not None:
            raise CommandLineError(_("{option} takes no value").format(option=flag), command)
        reading.values[option.name] = not negative
        return
    if inline is None:
        if not words:
            raise CommandLineError(_("{option} needs a value").format(option=flag), command)
        inline = words.pop(0)
    if option.many:
        reading.values.setdefault(option.name, []).append(inline)
    else:
        reading.values[option.name] = inline


def _read_options(
    words: list[str],
    table: Mapping[str, _Entry],
    command: Command | None,
    stop_at_word: bool,
) -> _Reading:
    """Read options from the front of `words`, which keeps what is left.

    With `stop_at_word`, reading stops at the first bare word (the command
    name), else bare words are collected. `--` ends the options: every word
    after it is a bare word.
    """
    reading = _Reading({}, [], [])
    while words:
        word = words.pop(0)
        if word == "--":
            if not stop_at_word:
                reading.bare.extend(words)
                words.clear()
            break
        if word == "-" or not word.startswith("-"):
            if stop_at_word:
                words.insert(0, word)
                break
            reading.bare.append(word)
            continue
        if word.startswith("--"):  # `--name VALUE` or `--name=VALUE`
            name, has_value, inline = word.partition("=")
            entry = table.get(name)
            if entry is None:
                raise _unknown_option(name, table, command)
            _take(entry, name, inline if has_value else None, words, reading, command)
        else:  # short options: `-t VALUE`, `-tVALUE` (`-t=x` is the value `=x`), or `-hV`
            _read_short(word, words, table, reading, command)
    return reading


def _read_short(
    word: str,
    words: list[str],
    table: Mapping[str, _Entry],
    reading: _Reading,
    command: Command | None,
) -> None:
    """One word of short options: flags one letter each, until one takes the rest as its value."""
    for index, letter in enumerate(word[1:], start=1):
        flag = "-" + letter
        entry = table.get(flag)
        if entry is None:
            raise _unknown_option(flag, table, command)
        takes_value = not isinstance(entry, str) and entry[0].takes_value
        if takes_value:
            rest = word[index + 1 :]
            _take(entry, flag, rest or None, words, reading, command)
            return
        _take(entry, flag, None, words, reading, command)


def read(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> Invocation | Handover:
    """Read a command line: the command to run, or what to hand over; a mistake is a UsageError."""
    env = os.environ if environ is None else environ
    if env.get(COMPLETE_ENV):
        return Handover("completion")
    if not argv:
        return Handover("help", bare=True)
    words = list(argv)
    head = _read_root(words, argv)
    if head.actions:  # the first of them acts, once the options before the command are read
        return Handover(head.actions[0])
    if not words:
        raise CommandLineError(_("missing command"), None)
    name = words.pop(0)
    command = BY_NAME.get(name)
    if command is None:
        from briefing.reading.conformance import did_you_mean

        if name[:1] and not name[:1].isalnum():  # after `--`, as Typer does: options after all
            again = _read_root([name, *words], argv)
            if again.actions:
                return Handover(again.actions[0])

        raise CommandLineError(
            _("unknown command `{command}`").format(command=name)
            + did_you_mean(name, list(BY_NAME)),
            None,
        )
    tail = _read_options(words, _TABLES[command.name], command, stop_at_word=False)
    if tail.actions:  # help, even with words missing or left over
        return Handover(tail.actions[0], command)
    given, bare = tail.values, tail.bare
    argument = command.argument
    if argument is not None and not argument.many and not bare:
        raise CommandLineError(
            _("a value is missing: {name}").format(name=f"`{argument.metavar}`"), command
        )
    extra = bare if argument is None else [] if argument.many else bare[1:]
    if extra:
        raise _extra_words(command, " ".join(extra))
    if bare and argument is not None:
        given[argument.name] = bare
    return Invocation(command, head.values, given)


def _read_root(words: list[str], argv: Sequence[str]) -> _Reading:
    """The options before the command; a command's option given there says where it goes."""
    try:
        return _read_options(words, _ROOT_TABLE, None, stop_at_word=True)
    except UnknownOption as exc:
        moved = misplaced(exc.option, argv)
        if moved is None:
            raise
        raise UsageError(moved) from None


def misplaced(option: str, argv: Sequence[str]) -> str | None:
    """For a command's option given before the command: where it goes, or None if no command has it.

    `briefing --format json show` gets `--format is an option of show:
    briefing show --format json`.
    """
    having = [c for c in BY_NAME.values() if any(option in o.flags for o in c.options)]
    if not having:
        return None
    words = list(argv)
    at = next((n for n, w in enumerate(words) if w == option or w.startswith(option + "=")), None)
    named = next((w for w in words if w in BY_NAME), None)
    command = BY_NAME[named] if named is not None and BY_NAME[named] in having else having[0]
    given = [option]
    if at is not None and "=" not in words[at]:
        declared = next(o for o in command.options if option in o.flags)
        follows = words[at + 1] if at + 1 < len(words) else None
        if declared.kind not in ("flag", "switch") and follows is not None and follows != named:
            given.append(follows)
    elif at is not None:
        given = [words[at]]
    if named is None or BY_NAME[named] not in having:
        names = ", ".join(c.name for c in having)
        return _("{option} is an option of {commands}, given after the command: {example}").format(
            option=option, commands=names, example=" ".join(["briefing", command.name, *given])
        )
    return _("{option} is an option of {command}: {example}").format(
        option=option, command=command.name, example=" ".join(["briefing", command.name, *given])
    )


def _extra_words(command: Command, words: str) -> UsageError:
    """Words given to a command that takes none (or fewer)."""
    text = _("`{command}` takes no words like `{words}`, only options").format(
        command=command.name, words=words
    )
    if command.name == "themes":  # `themes intelligence` most likely means one theme, shown
        fix = _("to show themes by name: briefing show {words}").format(words=words)
        text = _("{problem}; {fix}").format(problem=text, fix=fix)
    return CommandLineError(text, command)


def peek_language(argv: Sequence[str]) -> str | None:
    """The `--lang` asked for anywhere on the command line, so help and mistakes are translated.

    Read leniently with the same tables as `read()`: stops quietly at what it
    does not understand. The last one given wins, as in `read()`.
    """
    found: str | None = None
    table: Mapping[str, _Entry] = _ROOT_TABLE
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
        if table is _ROOT_TABLE and word in _TABLES:
            table = _TABLES[word]
            continue
        entry = table.get(name)
        takes_value = entry is not None and not isinstance(entry, str) and entry[0].takes_value
        if takes_value and not has_value:
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
        from briefing.reading.conformance import did_you_mean

        raise UsageError(
            _("{option} does not take `{value}`").format(option=flag, value=word)
            + did_you_mean(key, option.choices),
            _("choose one of: {choices}").format(choices=", ".join(option.choices)),
        )
    return word
