"""What every command that shows a briefing shares: load the data, choose, narrow, pick a format."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.delivery.stderr import report

if TYPE_CHECKING:
    from briefing.cli.settings import Settings
    from briefing.delivery.console import OutputOptions
    from briefing.model import Briefing
    from briefing.reading.loader import InvalidFile


def narrowed(
    settings: Settings,
    themes: Sequence[str],
    search: Sequence[str] = (),
    credibility: str | None = None,
    status: str | None = None,
    max_tlp: str | None = None,
) -> tuple[Briefing, tuple[Briefing, ...]]:
    """Load, pick one briefing, and narrow it to the themes, search terms and grades asked for.

    Also returns the edition's other loaded languages, whole, for a format that carries them.
    """
    from briefing.commands.choosing import choose
    from briefing.commands.narrowing import Narrowing

    # Before loading: a mistyped value is a usage error whatever the data.
    narrowing = Narrowing.read(themes, search, credibility, status, max_tlp)
    picked = choose(
        load_data(settings),
        settings.briefing,
        settings.language if settings.language_asked else None,
    )
    if picked.notice:
        report([picked.notice])
    view = narrowing.apply(picked.briefing, picked.translations)
    say_withheld(view)
    return view, picked.translations


def say_withheld(view: Briefing) -> None:
    """One line on stderr when --max-tlp left items out: the document shown is partial."""
    if view.withheld and view.max_tlp is not None:
        from briefing.tlp import withheld_note

        report([withheld_note(view.withheld, view.max_tlp)])


def load_data(settings: Settings) -> list[Briefing]:
    """Load the briefings this run's data paths name, with its size cap.

    Unless the run is strict, an invalid file among several is left out and
    named on stderr (see `load_valid_data`).
    """
    return load_valid_data(settings)[0]


def load_valid_data(settings: Settings) -> tuple[list[Briefing], list[InvalidFile]]:
    """The valid briefings of the run's data, and the invalid files left out, each named.

    Each invalid file is named on stderr with its first problem and how to
    see them all. It is fatal, with every problem, when the run is strict
    (`--strict-data`, `strict_data = true`), when no file is valid, or when the
    briefing asked for by `--briefing` is not among the valid ones.
    """
    from briefing.errors import ValidationError
    from briefing.reading.loader import load, load_valid

    if settings.strict:
        return load(settings.data, settings.data_source, settings.max_bytes), []
    valid, invalid = load_valid(settings.data, settings.data_source, settings.max_bytes)
    if invalid:
        asked = settings.briefing
        if not valid or (asked is not None and all(b.id != asked for b in valid)):
            raise ValidationError([p for f in invalid for p in f.problems])
        report([skipped_notice(f) for f in invalid])
    return valid, invalid


def skipped_notice(invalid: InvalidFile) -> str:
    """`FILE:LINE:COL: problem`, then that the file was left out and how to see every problem."""
    from briefing.i18n import ngettext

    count = len(invalid.problems)
    left_out = ngettext(
        "left out, {n} problem: see it with `briefing validate {file}`",
        "left out, {n} problems: see them all with `briefing validate {file}`",
        count,
    ).format(n=count, file=invalid.file)
    return f"{invalid.problems[0]} — {left_out}"


def output_format(chosen: str | None, options: OutputOptions, command: str = "show") -> str:
    """The format asked for; else terminal or markdown, by where the output goes.

    Colour asked for (`--color always`, FORCE_COLOR) picks the terminal layout
    through a pipe too, as `ls --color=always` and git keep their colours. A
    command neither shows gets the first format the registry offers for it.
    """
    from briefing.formats import default_format

    return chosen or default_format(options.is_terminal or options.color, command)
