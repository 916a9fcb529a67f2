"""Narrow a briefing to some themes: the result is a new, smaller Briefing."""

from __future__ import annotations

import dataclasses
import difflib

from .errors import UsageError
from .model import Briefing


def resolve_themes(briefing: Briefing, names: list[str]) -> tuple[str, ...]:
    """Map theme names (id, title or alias, any case) to theme ids, in the order given."""
    lookup = {name.casefold(): theme.id for theme in briefing.themes for name in theme.names()}
    chosen: list[str] = []
    for name in names:
        theme_id = lookup.get(" ".join(name.split()).casefold())
        if theme_id is None:
            raise UsageError(
                f"unknown theme `{name}`{_closest(name, briefing)}",
                f"valid themes: {', '.join(t.id for t in briefing.themes)}",
            )
        if theme_id not in chosen:
            chosen.append(theme_id)
    return tuple(chosen)


def _closest(name: str, briefing: Briefing) -> str:
    names: dict[str, str] = {}
    for theme in briefing.themes:
        for n in theme.names():  # the id comes first, so it is preferred over a same-name title
            names.setdefault(n.casefold(), n)
    close = difflib.get_close_matches(name.casefold(), list(names), n=1, cutoff=0.5)
    if not close:
        return ""
    return f" (did you mean `{names[close[0]]}`?)"


def by_themes(briefing: Briefing, theme_ids: tuple[str, ...]) -> Briefing:
    """Keep items and timeline entries with any of these themes, and the sources they cite."""
    if not theme_ids:
        return briefing
    wanted = set(theme_ids)
    items = tuple(i for i in briefing.items if wanted.intersection(i.themes))
    timeline = tuple(e for e in briefing.timeline if wanted.intersection(e.themes))
    cited: set[str] = set()
    for refs in [i.sources for i in items] + [e.sources for e in timeline]:
        cited.update(r.source for r in refs)
    used = wanted.union(*(i.themes for i in items), *(e.themes for e in timeline))
    return dataclasses.replace(
        briefing,
        items=items,
        timeline=timeline,
        themes=tuple(t for t in briefing.themes if t.id in used),
        sources=tuple(s for s in briefing.sources if s.id in cited),
        focus=tuple(t.id for t in briefing.themes if t.id in wanted),
    )
