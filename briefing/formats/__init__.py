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
    from briefing.commands.diff import Diff
    from briefing.commands.tracking import Watch
    from briefing.delivery.console import OutputOptions
    from briefing.model import Briefing
    from briefing.reading.loader import InvalidFile


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

    def render_catalog(
        self,
        briefings: Sequence[Briefing],
        options: OutputOptions,
        invalid: Sequence[InvalidFile] = (),
    ) -> str:
        """The loaded briefings, one entry each, then the invalid files left out, as such."""

    def render_watch(self, watch: Watch, options: OutputOptions) -> str:
        """What stands where as of a date: overdue, due soon, signposts seen, untracked."""

    def render_across(self, command: str, views: Sequence[Briefing], options: OutputOptions) -> str:
        """`--all`: one view (`show` or `timeline`) of each briefing, each labelled with it.

        Only formats registered with `across=True` provide it.
        """

    def render_diff(self, changes: Diff, options: OutputOptions) -> str:
        """What changed between two editions (`diff`).

        Only formats whose `views` include `diff` provide it.
        """

    def render_translated(
        self, briefing: Briefing, translations: Sequence[Briefing], options: OutputOptions
    ) -> str:
        """`show` with the other loaded languages of the briefing's edition, whole.

        Only formats registered with `translations=True` provide it; the format
        takes from each translation what the (narrowed) briefing kept.
        """


class Format(NamedTuple):
    """A registered format: its module, other names it answers to, and its file suffixes.

    `across` says whether it can show several briefings at once (`--all`); `views`
    names the commands it can show (None: every one); `translations` says whether
    `show` hands it the other loaded languages of the briefing (see `render_translated`);
    `file_bom` whether a file it writes with `--output` starts with a byte-order mark.
    """

    module: str
    aliases: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    across: bool = True
    views: tuple[str, ...] | None = None
    translations: bool = False
    file_bom: bool = False

    def shows(self, command: str) -> bool:
        """Whether this format can show a command's output."""
        return self.views is None or command in self.views


FORMATS: dict[str, Format] = {
    "terminal": Format("briefing.formats.terminal", (), (".txt",)),
    "markdown": Format("briefing.formats.markdown", ("md",), (".md", ".markdown")),
    "json": Format("briefing.formats.jsondoc", (), (".json",)),
    # A page each; no diff.
    "html": Format(
        "briefing.formats.html",
        (),
        (".html", ".htm"),
        across=False,
        views=("show", "themes", "timeline", "sources", "list", "watch"),
    ),
    # A calendar of the dates; `icalendar` is an optional dependency (the `calendar` extra).
    "ics": Format(
        "briefing.formats.ics",
        ("ical", "icalendar"),
        (".ics",),
        across=False,
        views=("show", "timeline", "watch"),  # the views that have dates
    ),
    # Hand-offs to other platforms: a STIX 2.1 bundle of the briefing, and spreadsheet rows.
    "stix": Format(
        "briefing.formats.stix", (), (".stix.json",), False, ("show",), translations=True
    ),
    "csv": Format(
        "briefing.formats.csvdoc",
        (),
        (".csv",),
        False,
        ("show", "timeline", "themes", "sources"),
        file_bom=True,
    ),
}


class DocumentRenderer(Protocol):
    """What a document format provides: the whole (narrowed) briefing as a file's bytes."""

    def render_document(self, briefing: Briefing, options: OutputOptions) -> bytes:
        """The whole (narrowed) briefing, as the bytes of one file."""


class Document(NamedTuple):
    """A registered document format: written only to a file (`--output`), never printed.

    `extra` is the optional dependency that provides it (`pip install 'briefing[extra]'`)
    and `needs` the module it imports, looked up (not imported) before any work is done.
    """

    module: str
    suffixes: tuple[str, ...]
    extra: str
    needs: str


DOCUMENTS: dict[str, Document] = {
    "pdf": Document("briefing.formats.pdf", (".pdf",), "pdf", "typst"),
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


def get(name: str) -> Renderer:
    """Return the renderer registered for a format name."""
    return cast(Renderer, importlib.import_module(FORMATS[name].module))


def format_aliases() -> dict[str, str]:
    """Each alias of a format (any case) -> the format's name."""
    return {alias.casefold(): name for name, f in FORMATS.items() for alias in f.aliases}


def for_file(name: str) -> str | None:
    """The format of a file name by its longest registered suffix: `x.stix.json` is STIX."""
    lowered = name.lower()
    matches = [(len(s), n) for n, f in FORMATS.items() for s in f.suffixes if lowered.endswith(s)]
    return max(matches)[1] if matches else None


def choices_for(command: str) -> tuple[str, ...]:
    """The formats that can show a command's output, in registry order."""
    return tuple(name for name, f in FORMATS.items() if f.shows(command))


def document_for_suffix(suffix: str) -> str | None:
    """The document format whose files end in `suffix` (any case), if one is registered."""
    wanted = suffix.lower()
    return next((name for name, d in DOCUMENTS.items() if wanted in d.suffixes), None)


def get_document(name: str) -> DocumentRenderer:
    """Return the renderer registered for a document format name."""
    return cast(DocumentRenderer, importlib.import_module(DOCUMENTS[name].module))


def default_format(is_terminal: bool) -> str:
    """The format when none is asked for: terminal on a terminal, else Markdown."""
    return "terminal" if is_terminal else "markdown"
