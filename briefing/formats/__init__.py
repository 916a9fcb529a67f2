"""The output formats: one module each, behind one typed interface, registered in one table.

The table gives the `--format` choices, their aliases and the file suffixes
`--output` recognises, so help text and reality cannot drift. Modules are
imported only when chosen, so a command pays only for the format it prints.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefing.cli.settings import Origin
    from briefing.commands.diff import Diff
    from briefing.commands.tracking import Watch
    from briefing.delivery.console import OutputOptions
    from briefing.model import Briefing
    from briefing.reading.audit import Report
    from briefing.reading.loader import InvalidFile

    View = Callable[[Briefing, OutputOptions], str]

V = TypeVar("V")


class Renderer(NamedTuple):
    """What a format renders: one function per view, each returning the whole text.

    A view the format cannot show is None, so a caller must say what to do
    without it; `views` in the format's registry line names the same commands
    (a test checks that the two agree).
    """

    # The whole (narrowed) briefing (`show`).
    briefing: View | None = None
    # Each theme, what it covers and how many items it has.
    themes: View | None = None
    # The dated events in order.
    timeline: View | None = None
    # Each source with what cites it, and where.
    sources: View | None = None
    # `list`: the loaded briefings, one entry each, then the invalid files left out, as such.
    catalog: Callable[[Sequence[Briefing], OutputOptions, Sequence[InvalidFile]], str] | None = None
    # `--all`: one view (`show` or `timeline`) of each briefing, each labelled with it.
    across: Callable[[str, Sequence[Briefing], OutputOptions], str] | None = None
    # What changed between two editions (`diff`).
    diff: Callable[[Diff, OutputOptions], str] | None = None
    # `show` with the other loaded languages of the briefing's edition, whole; the format
    # takes from each translation what the (narrowed) briefing kept.
    translated: Callable[[Briefing, Sequence[Briefing], OutputOptions], str] | None = None
    # What `validate` found.
    report: Callable[[Report, OutputOptions], str] | None = None
    # Each setting in effect, its value and where it comes from (`config`).
    config: Callable[[Sequence[Origin], OutputOptions], str] | None = None
    # What stands where as of a date: overdue, due soon, signposts seen, untracked (`watch`).
    watch: Callable[[Watch, OutputOptions], str] | None = None

    def commands(self) -> tuple[str, ...]:
        """The commands whose output this renderer shows (`--all` and translations aside)."""
        fields = (
            ("show", self.briefing),
            ("themes", self.themes),
            ("timeline", self.timeline),
            ("sources", self.sources),
            ("list", self.catalog),
            ("diff", self.diff),
            ("validate", self.report),
            ("config", self.config),
            ("watch", self.watch),
        )
        return tuple(command for command, view in fields if view is not None)


class Format(NamedTuple):
    """A registered format: its module, the commands it shows, other names, file suffixes.

    `views` names the commands whose output it shows, known without importing
    the module (the module's `RENDERER` says the same, which a test checks);
    `file_bom` whether a file it writes with `--output` starts with a byte-order mark.
    Whether it shows `--all` or translations, its renderer says.
    """

    module: str
    views: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    file_bom: bool = False

    def shows(self, command: str) -> bool:
        """Whether this format can show a command's output."""
        return command in self.views


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
# What a reader of a briefing asks for: every view of it, the catalogue, the diff and the watch.
_READING = ("show", "themes", "timeline", "sources", "list", "diff", "watch")

FORMATS: dict[str, Format] = {
    "terminal": Format("briefing.formats.terminal", _READING, (), (".txt",)),
    "markdown": Format("briefing.formats.markdown", _READING, ("md",), (".md", ".markdown")),
    # The reports of `validate` and `config`: plain lines, the same on a terminal and a pipe.
    "text": Format("briefing.formats.plain", ("validate", "config")),
    "json": Format("briefing.formats.jsondoc", JSON_COMMANDS, (), (".json",)),
    # A page each; no diff.
    "html": Format(
        "briefing.formats.html",
        ("show", "themes", "timeline", "sources", "list", "watch"),
        (),
        (".html", ".htm"),
    ),
    # A calendar of the dates; `icalendar` is an optional dependency (the `calendar` extra).
    "ics": Format(
        "briefing.formats.ics",
        ("show", "timeline", "watch"),  # the views that have dates
        ("ical", "icalendar"),
        (".ics",),
    ),
    # Hand-offs to other platforms: a STIX 2.1 bundle of the briefing, and spreadsheet rows.
    "stix": Format("briefing.formats.stix", ("show",), (), (".stix.json",)),
    "csv": Format(
        "briefing.formats.csvdoc",
        ("show", "timeline", "themes", "sources"),
        (),
        (".csv",),
        file_bom=True,
    ),
}


class DocumentRenderer(NamedTuple):
    """What a document format provides: the whole (narrowed) briefing as a file's bytes."""

    document: Callable[[Briefing, OutputOptions], bytes]


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


def get(name: str) -> Renderer:
    """Return the renderer registered for a format name (its module's `RENDERER`)."""
    renderer = importlib.import_module(FORMATS[name].module).RENDERER
    if not isinstance(renderer, Renderer):
        raise TypeError(f"{FORMATS[name].module}.RENDERER is not a Renderer")
    return renderer


def able(view: V | None, format: str, command: str) -> V:
    """A renderer's view that the registry offers for the command; its absence is a bug.

    The command line offers a format for a command only where the registry's
    `views` name it, and a test checks that each renderer provides those views.
    """
    if view is None:
        raise LookupError(f"the {format} format has no view for {command}")
    return view


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
    """Return the renderer registered for a document format name (its module's `RENDERER`)."""
    renderer = importlib.import_module(DOCUMENTS[name].module).RENDERER
    if not isinstance(renderer, DocumentRenderer):
        raise TypeError(f"{DOCUMENTS[name].module}.RENDERER is not a DocumentRenderer")
    return renderer


def default_format(is_terminal: bool, command: str = "show") -> str:
    """The format when none is asked for: terminal on a terminal, else Markdown.

    A command neither shows (`validate`, `config`) gets the first format that shows it.
    """
    chosen = "terminal" if is_terminal else "markdown"
    return chosen if FORMATS[chosen].shows(command) else choices_for(command)[0]
