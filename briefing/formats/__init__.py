"""The output formats: one module each, behind one typed interface, registered in one table.

The table gives the `--format` choices, their aliases and the file suffixes
`--output` recognises, so help text and reality cannot drift. Modules are
imported only when chosen, so a command pays only for the format it prints.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol, cast

if TYPE_CHECKING:
    from briefing.commands.tracking import Watch
    from briefing.delivery.console import OutputOptions
    from briefing.model import Briefing


class Renderer(Protocol):
    """What every format module provides: one function per view, each returning the whole text."""

    def render_briefing(self, briefing: Briefing, options: OutputOptions) -> str:
        """The whole (narrowed) briefing."""

    def render_themes(self, briefing: Briefing, options: OutputOptions) -> str:
        """Each theme, what it covers and how many items it has."""

    def render_timeline(self, briefing: Briefing, options: OutputOptions) -> str:
        """The dated events in order."""

    def render_sources(self, briefing: Briefing, options: OutputOptions) -> str:
        """Each source with what cites it, and where."""

    def render_catalog(self, briefings: Sequence[Briefing], options: OutputOptions) -> str:
        """The loaded briefings, one entry each."""

    def render_watch(self, watch: Watch, options: OutputOptions) -> str:
        """What stands where as of a date: overdue, due soon, signposts seen, untracked."""

    def render_across(self, command: str, views: Sequence[Briefing], options: OutputOptions) -> str:
        """`--all`: one view (`show` or `timeline`) of each briefing, each labelled with it.

        Only formats registered with `across=True` provide it.
        """


class Format(NamedTuple):
    """A registered format: its module, other names it answers to, and its file suffixes.

    `across` says whether it can show several briefings at once (`--all`);
    `commands` names the commands it can show, when not every one.
    """

    module: str
    aliases: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    across: bool = True
    commands: tuple[str, ...] | None = None


FORMATS: dict[str, Format] = {
    "terminal": Format("briefing.formats.terminal", (), (".txt",)),
    "markdown": Format("briefing.formats.markdown", ("md",), (".md", ".markdown")),
    "json": Format("briefing.formats.jsondoc", (), (".json",)),
    "html": Format("briefing.formats.html", (), (".html", ".htm"), across=False),  # a page each
    # A calendar of the dates; `icalendar` is an optional dependency (the `calendar` extra).
    "ics": Format(
        "briefing.formats.ics",
        ("ical", "icalendar"),
        (".ics",),
        across=False,
        commands=("show", "timeline", "watch"),  # the views that have dates
    ),
}

# The commands whose `--format json` output shares one envelope (docs/json.md) and has a
# published JSON Schema (`briefing schema --output-of COMMAND`).
JSON_COMMANDS: tuple[str, ...] = (
    "show",
    "themes",
    "timeline",
    "sources",
    "list",
    "validate",
    "diff",
    "config",
    "watch",
)
# Of those, the commands whose `--all` prints one envelope holding each edition's output.
ACROSS_COMMANDS: tuple[str, ...] = ("show", "timeline")


def get(name: str, command: str | None = None) -> Renderer:
    """Return the renderer registered for a format name; refuse a command it cannot show."""
    allowed = FORMATS[name].commands
    if command is not None and allowed is not None and command not in allowed:
        from briefing.errors import UsageError
        from briefing.i18n import _

        raise UsageError(
            _("`{command}` cannot be shown as {format}").format(command=command, format=name),
            _("use --format {format} with {commands}").format(
                format=name, commands=", ".join(allowed)
            ),
        )
    return cast(Renderer, importlib.import_module(FORMATS[name].module))


def format_aliases() -> dict[str, str]:
    """Each alias of a format (any case) -> the format's name."""
    return {alias.casefold(): name for name, f in FORMATS.items() for alias in f.aliases}


def for_suffix(suffix: str) -> str | None:
    """The format whose files end in `suffix` (any case), if one is registered."""
    wanted = suffix.lower()
    return next((name for name, f in FORMATS.items() if wanted in f.suffixes), None)
