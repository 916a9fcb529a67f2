"""Shell completion from the loaded data: theme ids and aliases, briefing ids; never an error."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.model import Briefing


def _quietly_load(params: Mapping[str, Any]) -> list[Briefing]:
    """The briefings completion can offer, or none: completion never prints an error."""
    import os

    from briefing.reading.files import DATA_ENV
    from briefing.reading.loader import load

    # Completion runs before any settings exist: the shell's environment is the run's.
    fallback = [os.environ[DATA_ENV]] if os.environ.get(DATA_ENV) else []
    try:
        return load(params.get("data") or fallback)
    except Exception:  # completion must never print an error into the shell
        return []


def _offer(name: str, description: str) -> tuple[str, str] | None:
    """A completion the shell can show: a name it can insert as typed, a description on one line.

    Data text can hold escape sequences and newlines, which the shell would
    print raw or take as the end of an entry: a name with any is not offered
    (an escaped form would be a different word), a description is made visible.
    """
    from briefing.text import one_line

    if one_line(name) != name or not name:
        return None
    return name, one_line(description)


def complete_themes(params: Mapping[str, Any], incomplete: str) -> list[tuple[str, str]]:
    """Theme ids and aliases of the loaded data, for shell completion."""
    from briefing.commands.choosing import select

    try:
        chosen = select(_quietly_load(params), params.get("briefing"))
    except Exception:  # no briefing, or an ambiguous choice: nothing to offer
        return []
    prefix = incomplete.casefold()
    offers = (
        _offer(name, theme.title)
        for theme in chosen.themes
        for name in (theme.id, *theme.aliases)
        if name.casefold().startswith(prefix) and " " not in name
    )
    return [offer for offer in offers if offer is not None]


def complete_briefings(params: Mapping[str, Any], incomplete: str) -> list[tuple[str, str]]:
    """Briefing ids of the loaded data, once each, for shell completion."""
    from briefing.model import by_id

    groups = by_id(_quietly_load(params))
    offers = (_offer(key, group[0].title) for key, group in groups.items())
    return [offer for offer in offers if offer is not None and offer[0].startswith(incomplete)]
