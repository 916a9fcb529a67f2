"""The pieces commands are declared with: options, arguments, commands, the options shared."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from briefing.commands import completion
from briefing.delivery.console import COLOR_CHOICES, MAX_WIDTH, MIN_WIDTH
from briefing.formats import choices_for, format_aliases
from briefing.i18n import N_, SUPPORTED

if TYPE_CHECKING:
    from briefing.delivery.deliverer import Shown


Kind = Literal["text", "int", "choice", "flag", "switch"]


class Option(NamedTuple):
    """One option: its names, what it holds, and its help (a message id, translated when shown).

    Kinds: `text` (a string), `int` (bounded), `choice` (one of `choices`, any
    case, or an alias of one), `flag` (present or not), `switch` (`--x` or
    `--no-x`, else unset). `many` options may be repeated and collect a list.
    """

    name: str
    flags: tuple[str, ...]
    help: str
    kind: Kind = "text"
    metavar: str | None = None
    many: bool = False
    choices: tuple[str, ...] = ()
    aliases: Mapping[str, str] = MappingProxyType({})
    minimum: int | None = None
    maximum: int | None = None
    negative: str | None = None
    complete: Callable[[Mapping[str, Any], str], list[tuple[str, str]]] | None = None

    @property
    def takes_value(self) -> bool:
        """Whether the option reads the next word as its value."""
        return self.kind not in ("flag", "switch")

    @property
    def shown_metavar(self) -> str:
        """The placeholder shown in help: `N`, `FILE`, or the choices as `a|b|c`."""
        if self.kind == "choice":
            return "|".join(self.choices)
        return self.metavar or "TEXT"


class Argument(NamedTuple):
    """The bare words after a command: any number of them, or exactly one when not `many`."""

    name: str
    metavar: str
    help: str
    complete: Callable[[Mapping[str, Any], str], list[tuple[str, str]]] | None = None
    many: bool = True


class Command(NamedTuple):
    """One command: its name, help, examples, options and the function that runs it.

    `run` receives the run's settings and the command's own option values,
    converted, as keyword arguments named like the options.
    """

    name: str
    help: str
    examples: tuple[str, ...]
    run: Callable[..., Shown]  # returns what it shows, for the runner to deliver
    options: tuple[Option, ...] = ()
    argument: Argument | None = None


# The options of every command: accepted before the command name or after it.
GLOBAL_OPTIONS: tuple[Option, ...] = (
    Option(
        "lang",
        ("--lang",),
        N_(
            "Language of the briefing and the interface "
            "(default: $BRIEFING_LANG, else the locale, else en)."
        ),
        metavar="|".join(SUPPORTED),
    ),
    Option(
        "data",
        ("--data",),
        N_(
            "A briefing file or a folder of them; '-' reads standard input; repeat for several. "
            "Default: $BRIEFING_DATA, else the briefings shipped with briefing."
        ),
        metavar="PATH",
        many=True,
    ),
    Option(
        "briefing",
        ("--briefing",),
        N_("Id of the briefing to use when several are loaded (default: the latest as_of)."),
        metavar="ID",
        complete=completion.complete_briefings,
    ),
    Option(
        "width",
        ("--width",),
        N_(
            "Lay out text for exactly N columns "
            "(default: the terminal's width, up to 100 columns for reading)."
        ),
        kind="int",
        metavar="N",
        minimum=MIN_WIDTH,
        maximum=MAX_WIDTH,
    ),
    Option(
        "pager",
        ("--pager",),
        N_(
            "Show output taller than the terminal through $BRIEFING_PAGER, else $PAGER, "
            "else less (the default on a terminal; never when piped)."
        ),
        kind="switch",
        negative="--no-pager",
    ),
    Option(
        "color",
        ("--color",),
        N_("Colour: auto (on a terminal, unless NO_COLOR is set), always or never."),
        kind="choice",
        choices=COLOR_CHOICES,
    ),
    Option(
        "strict_data",
        ("--strict-data",),
        N_(
            "Make any invalid briefing file fatal, as validate does (default: a command runs on "
            "the valid files of a folder and names each invalid one on stderr)."
        ),
        kind="flag",
    ),
    Option("debug", ("--debug",), N_("Show a traceback when something goes wrong."), kind="flag"),
)


# The program's own flags: they run no command. Help and the version are given by
# `help.py` and the runner; shell completion by the Typer app.
VERSION_FLAGS = ("--version", "-V")


HELP_FLAGS = ("--help", "-h")


COMPLETION_FLAGS = ("--install-completion", "--show-completion")


VERSION_HELP = N_("Show the version and exit.")


HELP_HELP = N_("Show this message and exit.")


COMPLETION_HELP = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize it."),
)


THEME = Option(
    "theme",
    ("--theme", "-t"),
    N_("Keep only this theme (id, title or alias, any case). Repeat for several."),
    metavar="THEME",
    many=True,
    complete=completion.complete_themes,
)


SEARCH = Option(
    "search",
    ("--search", "-s"),
    N_(
        "Keep only what contains TEXT in a title, summary, attribution or open question, "
        "as a phrase (any case, accents or punctuation between words). Repeat to narrow: "
        "every TEXT must match."
    ),
    metavar="TEXT",
    many=True,
)


CREDIBILITY = Option(
    "credibility",
    ("--credibility",),
    N_(
        "Keep only items whose credibility is N (or its name), or within a range such as 1-3 "
        "(items not graded and the timeline are left out)."
    ),
    metavar="N|LOW-HIGH",
)


STATUS = Option(
    "status",
    ("--status",),
    N_(
        "Keep only items at these statuses, comma-separated: planned, under-way, completed, "
        "unclear, or their names in English or French (the timeline is left out)."
    ),
    metavar="STATUS,…",
)


MAX_TLP = Option(
    "max_tlp",
    ("--max-tlp",),
    N_(
        "Leave out the items marked above this TLP 2.0 level, and say how many "
        "(AMBER+STRICT is above AMBER)."
    ),
    metavar="CLEAR|GREEN|AMBER|AMBER+STRICT|RED",
)


ALL = Option(
    "across",
    ("--all",),
    N_(
        "Across every briefing loaded (with --briefing, each edition of that one), each "
        "result labelled with its briefing and as-of date."
    ),
    kind="flag",
)


def format_option(command: str) -> Option:
    """`--format`, offering the formats that can show this command's output."""
    choices = choices_for(command)
    return Option(
        "format",
        ("--format", "-f"),
        N_("Output format. Default: terminal when writing to a terminal, else markdown."),
        kind="choice",
        choices=choices,
        aliases={a: name for a, name in format_aliases().items() if name in choices},
    )


THEME_WORDS = Argument(
    "words",
    "THEME",
    N_("Themes to keep, like --theme."),
    complete=completion.complete_themes,
)
