"""Narrow a briefing to some themes or a search text: the result is a new, smaller Briefing."""

from __future__ import annotations

import difflib

from .errors import UsageError
from .i18n import _
from .model import Briefing, Item
from .schema import listing
from .search import contains


def resolve_themes(
    briefing: Briefing, names: list[str], translations: tuple[Briefing, ...] = ()
) -> tuple[str, ...]:
    """Map theme names (id, title or alias, any case) to theme ids, in the order given.

    Names from the briefing's translations count too: `--theme renseignement`
    works on the English briefing, `--theme intelligence` on the French one.
    """
    lookup: dict[str, str] = {}
    for source in (briefing, *translations):
        for theme in source.themes:
            for name in theme.names():
                lookup.setdefault(" ".join(name.split()).casefold(), theme.id)
    chosen: list[str] = []
    for name in names:
        theme_id = lookup.get(" ".join(name.split()).casefold())
        if theme_id is None:
            raise UsageError(
                _("unknown theme `{name}`").format(name=name) + _closest(name, briefing),
                _("valid themes: {ids}").format(ids=listing([t.id for t in briefing.themes])),
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
    return " (" + _("did you mean `{name}`?").format(name=names[close[0]]) + ")"


def narrow(
    briefing: Briefing, theme_ids: tuple[str, ...] = (), search: str | None = None
) -> Briefing:
    """Keep what has any of `theme_ids` and contains `search`; then the sources still cited.

    An item matches the search in its title, summary, attribution or an open
    question; a timeline entry in its title. Both filters may be combined.
    """
    search = search if search and search.strip() else None
    if not theme_ids and search is None:
        return briefing
    wanted = set(theme_ids)
    items = tuple(
        i
        for i in briefing.items
        if (not wanted or wanted.intersection(i.themes))
        and (search is None or _item_has(i, search))
    )
    timeline = tuple(
        e
        for e in briefing.timeline
        if (not wanted or wanted.intersection(e.themes))
        and (search is None or contains(e.title, search))
    )
    cited: set[str] = set()
    for refs in [i.sources for i in items] + [e.sources for e in timeline]:
        cited.update(r.source for r in refs)
    used = wanted.union(*(i.themes for i in items), *(e.themes for e in timeline))
    return briefing._replace(
        items=items,
        timeline=timeline,
        themes=tuple(t for t in briefing.themes if t.id in used),
        sources=tuple(s for s in briefing.sources if s.id in cited),
        focus=tuple(t.id for t in briefing.themes if t.id in wanted) or briefing.focus,
        search=search if search is not None else briefing.search,
    )


def _item_has(item: Item, search: str) -> bool:
    fields = (item.title, item.summary, item.attribution, *item.open_questions)
    return any(contains(text, search) for text in fields)
