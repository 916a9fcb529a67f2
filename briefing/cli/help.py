"""Help pages, written from the declarations in the run's language (no Typer on this path).

The layout is the familiar one of click-based tools (usage, description,
options in two columns, commands, examples), written here because Typer's
public API cannot put its headings, its usage word or its own options'
help into another language.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from briefing.cli.declarations import APP_EXAMPLE, APP_HELP, COMMANDS
from briefing.cli.options import (
    COMPLETION_FLAGS,
    COMPLETION_HELP,
    GLOBAL_OPTIONS,
    HELP_FLAGS,
    HELP_HELP,
    VERSION_FLAGS,
    VERSION_HELP,
    Command,
    Option,
)
from briefing.i18n import _

_INDENT = 2
_COLUMN_MAX = 30  # a first column wider than this puts its help on the next line
_SPACING = 2


def _flags(names: Sequence[str]) -> str:
    """Short names first, as `-t, --theme`."""
    return ", ".join(sorted(names, key=lambda name: name.startswith("--")))


def _row(option: Option) -> tuple[str, str]:
    if option.kind == "switch":
        first = f"{option.flags[0]} / {option.negative}"
    elif option.kind == "flag":
        first = _flags(option.flags)
    else:
        first = f"{_flags(option.flags)} {option.shown_metavar}"
    return first, _(option.help)


def _wrap(text: str, width: int, indent: int) -> list[str]:
    """Text in lines of `width` columns at most, the indent included."""
    pad = " " * indent
    return textwrap.wrap(text, max(width, indent + 10), initial_indent=pad, subsequent_indent=pad)


def _table(rows: Sequence[tuple[str, str]], width: int) -> list[str]:
    """Two columns: names, then their help wrapped beside them."""
    first = min(max(len(name) for name, _help in rows), _COLUMN_MAX) + _SPACING
    text_width = max(width - first - _INDENT, 10)
    lines: list[str] = []
    for name, text in rows:
        wrapped = textwrap.wrap(text, text_width) or [""]
        if len(name) <= first - _SPACING:
            lines.append(" " * _INDENT + name.ljust(first) + wrapped[0])
        else:
            lines.append(" " * _INDENT + name)
            lines.append(" " * (_INDENT + first) + wrapped[0])
        lines += [" " * (_INDENT + first) + line for line in wrapped[1:]]
    return [line.rstrip() for line in lines]


def _short(text: str, limit: int) -> str:
    """A command's help in its list: its first sentence, cut with `…` to fit."""
    sentence = text.split(". ")[0].rstrip(".") + "."
    if len(sentence) <= limit:
        return sentence
    return textwrap.shorten(sentence, limit, placeholder="…")


def _section(heading: str, body: list[str]) -> list[str]:
    label = _("{heading}:").format(heading=heading)  # `Options :` in French
    return ["", label, *body]


def _examples(examples: Sequence[str], width: int) -> list[str]:
    label = _("Example:") if len(examples) == 1 else _("Examples:")
    return ["", *_wrap(label + " " + " ; ".join(examples), width, _INDENT)]


def _usage(words: str, width: int) -> list[str]:
    prefix = _("Usage: ") + "briefing "
    return textwrap.wrap(
        words,
        max(width, len(prefix) + 20),
        initial_indent=prefix,
        subsequent_indent=" " * len(prefix),
    )


def render(command: Command | None, columns: int) -> str:
    """The help of one command, or of the program when `command` is None, for `columns`."""
    width = max(min(columns, 80) - 2, 50)
    help_row = (_flags(HELP_FLAGS), _(HELP_HELP))
    if command is None:
        rows = [
            (_flags(VERSION_FLAGS), _(VERSION_HELP)),
            *(_row(o) for o in GLOBAL_OPTIONS),
            *zip(COMPLETION_FLAGS, (_(text) for text in COMPLETION_HELP), strict=True),
            help_row,
        ]
        limit = width - 6 - max(len(c.name) for c in COMMANDS)
        lines = [
            *_usage("[OPTIONS] COMMAND [ARGS]...", width),
            "",
            *_wrap(_(APP_HELP), width, _INDENT),
            *_section(_("Options"), _table(rows, width)),
            *_section(
                _("Commands"), _table([(c.name, _short(_(c.help), limit)) for c in COMMANDS], width)
            ),
            *_examples([APP_EXAMPLE], width),
        ]
        return "\n".join(lines) + "\n"
    words = f"{command.name} [OPTIONS]"
    lines = []
    argument = command.argument
    if argument is not None:
        words += f" [{argument.metavar}]..." if argument.many else f" {argument.metavar}"
    lines += [*_usage(words, width), "", *_wrap(_(command.help), width, _INDENT)]
    if argument is not None:
        text = _(argument.help)
        if not argument.many:
            text += "  [" + _("required") + "]"
        lines += _section(_("Arguments"), _table([(argument.metavar, text)], width))
    rows = [*(_row(o) for o in (*command.options, *GLOBAL_OPTIONS)), help_row]
    lines += _section(_("Options"), _table(rows, width))
    lines += _examples(command.examples, width)
    return "\n".join(lines) + "\n"
