"""Choosing the briefing to show: by id or the latest, in the language asked for."""

from __future__ import annotations

from typing import NamedTuple

from briefing.errors import UsageError
from briefing.i18n import _
from briefing.model import Briefing, by_id, latest_editions
from briefing.reading.conformance import did_you_mean


class Choice(NamedTuple):
    """The briefing to show, its other translations, and a notice for the reader if any."""

    briefing: Briefing
    translations: tuple[Briefing, ...]
    notice: str | None = None


def select(
    briefings: list[Briefing], briefing_id: str | None, language: str | None = None
) -> Briefing:
    """Pick `--briefing ID`, else the latest `as_of` (a tie is a usage error), in a language."""
    return choose(briefings, briefing_id, language).briefing


def choose(
    briefings: list[Briefing], briefing_id: str | None, language: str | None = None
) -> Choice:
    """Pick a briefing and its translation in `language` (else its original, with a notice)."""
    # Older editions of a briefing (the same id, an earlier as_of) are history: `diff` and
    # `--all` read them; everything else shows the latest.
    groups = by_id(latest_editions(briefings))
    originals = {
        key: next((b for b in g if b.translation_of is None), g[0]) for key, g in groups.items()
    }
    if briefing_id is not None:
        if briefing_id not in groups:
            ids = list(groups)
            raise UsageError(
                _("no briefing with id `{id}`").format(id=briefing_id)
                + did_you_mean(briefing_id, ids),
                _("loaded: {ids}").format(ids=", ".join(ids)),
            )
        chosen = briefing_id
    else:
        latest = max(b.as_of.sort_key() for b in originals.values())
        top = [key for key, b in originals.items() if b.as_of.sort_key() == latest]
        if len(top) > 1:
            raise UsageError(
                _("{n} briefings share the latest as_of date {date}").format(
                    n=len(top), date=originals[top[0]].as_of
                ),
                _("choose one with --briefing: {ids}").format(ids=", ".join(top)),
            )
        chosen = top[0]
    group, original = groups[chosen], originals[chosen]
    wanted = language or original.language
    match = next((b for b in group if b.language.split("-")[0] == wanted), None)
    notice = None
    if match is None:
        match = original
        if language is not None:
            notice = _(
                "no `{language}` translation of `{id}`: showing the `{shown}` version"
            ).format(language=language, id=chosen, shown=original.language)
    return Choice(match, tuple(b for b in group if b is not match), notice)
