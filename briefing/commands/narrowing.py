"""Narrow a briefing to some themes or a search text: the result is a new, smaller Briefing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from briefing import i18n
from briefing.commands.search import matches, normal, terms
from briefing.errors import UsageError
from briefing.grades import CREDIBILITY, CREDIBILITY_CODES
from briefing.i18n import _, everywhere
from briefing.model import STATUS_NAMES, STATUSES, Briefing, Item
from briefing.reading.conformance import did_you_mean, listing


def resolve_themes(
    briefing: Briefing, names: list[str], translations: tuple[Briefing, ...] = ()
) -> tuple[str, ...]:
    """Map theme names (id, title or alias, any case or accents) to theme ids, in the order given.

    Names from the briefing's translations count too: `--theme renseignement`
    works on the English briefing, `--theme intelligence` on the French one.
    """
    lookup: dict[str, str] = {}
    for source in (briefing, *translations):
        for theme in source.themes:
            for name in theme.names():
                lookup.setdefault(_key(name), theme.id)
    chosen: list[str] = []
    for name in names:
        theme_id = lookup.get(_key(name))
        if theme_id is None:
            # A translation's titles are in another language than its ids: name them beside.
            shown = [(t.id, t.title if briefing.translation_of else t.id) for t in briefing.themes]
            raise UsageError(
                _("unknown theme `{name}`").format(name=name) + _closest(name, briefing),
                _("valid themes: {ids}").format(ids=listing(beside(shown))),
            )
        if theme_id not in chosen:
            chosen.append(theme_id)
    return tuple(chosen)


def _key(name: str) -> str:
    """A name as options compare it: without case, accents or punctuation between words."""
    return normal(name).strip()


def beside(named: list[tuple[str, str]]) -> list[str]:
    """Each id with the name readers see beside it, `id (name)`, where the two differ."""
    return [ident if _key(ident) == _key(name) else f"{ident} ({name})" for ident, name in named]


def _closest(name: str, briefing: Briefing) -> str:
    """A "did you mean" over every name of every theme, ids first (bounded, as in validation)."""
    names = list(dict.fromkeys(n for theme in briefing.themes for n in theme.names()))
    return did_you_mean(name, names)


def _credibility_names() -> dict[str, int]:
    """Every credibility's name in every supported language, compared as options are."""
    names: dict[str, int] = {}
    for grade in CREDIBILITY:
        for name in everywhere(grade.label):
            names.setdefault(_key(name), int(grade.code))
    return names


def parse_credibility(text: str | None) -> tuple[int, int] | None:
    """Read `--credibility`: one grade (`2`, `probably true`) or a range (`1-3`), from 1 to 6.

    A grade is its number or its name as the output shows it, in any supported language.
    """
    if text is None:
        return None
    names = _credibility_names()

    def grade(word: str) -> int | None:
        word = word.strip()
        if word.isdecimal():
            return int(word)
        return names.get(_key(word)) if word else None

    low, high = CREDIBILITY_CODES[0], CREDIBILITY_CODES[-1]
    whole = grade(text)  # first as a whole: a name may hold a hyphen (`peut-être vraie`)
    parts = [whole] if whole is not None else [grade(p) for p in text.replace("–", "-").split("-")]
    bounds = [b for b in parts if b is not None] if len(parts) in (1, 2) else []
    if len(bounds) != len(parts) or any(not low <= b <= high for b in bounds) or not bounds:
        bounds = []
    if not bounds or bounds[0] > bounds[-1]:
        shown = [(g.code, _(g.label)) for g in CREDIBILITY]
        raise UsageError(
            _("--credibility: `{value}` is not a credibility or a range of them").format(value=text)
            + did_you_mean(text.strip(), [name for _code, name in shown]),
            _(
                "give one grade from {low} to {high} or its name ({names}), or a range such as 1-3"
            ).format(low=low, high=high, names=", ".join(f"{c} {n}" for c, n in shown)),
        )
    return bounds[0], bounds[-1]


def parse_statuses(text: str | None) -> tuple[str, ...]:
    """Read `--status`: a comma-separated list of statuses, each once.

    A status is its id (`under-way`) or its name as the output shows it, in any
    supported language (`under way`, `en cours`), in any case, with or without accents.
    """
    if text is None:
        return ()
    lookup: dict[str, str] = {}
    for known in STATUSES:
        for name in (known, *everywhere(STATUS_NAMES[known])):
            lookup.setdefault(_key(name), known)
    chosen: list[str] = []
    for word in (w.strip() for w in text.split(",")):
        if not word:
            continue
        status = lookup.get(_key(word))
        if status is None:
            # The ids are English words: another language names its own words beside them.
            shown: list[tuple[str, str]] = [
                (s, _(STATUS_NAMES[s]) if i18n.current != i18n.DEFAULT else s) for s in STATUSES
            ]
            raise UsageError(
                _("--status: unknown status `{status}`").format(status=word)
                + did_you_mean(word, [n for pair in shown for n in pair]),
                _("choose one or more of: {choices}").format(choices=", ".join(beside(shown))),
            )
        if status not in chosen:
            chosen.append(status)
    return tuple(chosen)


def narrow(
    briefing: Briefing,
    theme_ids: tuple[str, ...] = (),
    search: str | None = None,
    credibility: tuple[int, int] | None = None,
    statuses: tuple[str, ...] = (),
    max_tlp: str | None = None,
) -> Briefing:
    """Keep what has any of `theme_ids`, matches `search`, and is graded and at a status asked for.

    `search` is a canonical query (see search.py): an item matches when its
    title, summary, attribution and open questions hold every term between
    them; a timeline entry when its title does. A credibility range keeps only
    items graded within it (an item not graded is left out); statuses keep
    the items at any of them. Timeline entries have neither a credibility nor
    a status, so either of those filters leaves the timeline out. Every
    filter may be combined with the others; the sources still cited are kept.
    `max_tlp` leaves out the items marked above it and counts them in `withheld`.
    """
    search = search if search and terms(search) else None
    wanted_terms = terms(search)
    if max_tlp is not None:
        briefing = _within_marking(briefing, max_tlp)
    if not theme_ids and search is None and credibility is None and not statuses:
        return briefing
    wanted = set(theme_ids)
    items = tuple(
        i
        for i in briefing.items
        if (not wanted or wanted.intersection(i.themes))
        and (search is None or _item_has(i, wanted_terms))
        and (
            credibility is None
            or (i.credibility is not None and credibility[0] <= i.credibility <= credibility[1])
        )
        and (not statuses or i.status in statuses)
    )
    graded_only = credibility is not None or bool(statuses)
    timeline = tuple(
        e
        for e in briefing.timeline
        if not graded_only
        and (not wanted or wanted.intersection(e.themes))
        and (search is None or matches((e.title,), wanted_terms))
    )
    cited: set[str] = set()
    signposts = [s.sources for i in items for s in i.signposts]
    for refs in [i.sources for i in items] + signposts + [e.sources for e in timeline]:
        cited.update(r.source for r in refs)
    used = wanted.union(*(i.themes for i in items), *(e.themes for e in timeline))
    return briefing._replace(
        items=items,
        timeline=timeline,
        themes=tuple(t for t in briefing.themes if t.id in used),
        sources=tuple(s for s in briefing.sources if s.id in cited),
        focus=tuple(t.id for t in briefing.themes if t.id in wanted) or briefing.focus,
        search=search if search is not None else briefing.search,
        credibility_range=credibility if credibility is not None else briefing.credibility_range,
        statuses=statuses or briefing.statuses,
    )


def _within_marking(briefing: Briefing, limit: str) -> Briefing:
    """Leave out the items marked above `limit`; refuse a briefing marked above it as a whole."""
    from briefing.tlp import label, rank

    if briefing.tlp is not None and rank(briefing.tlp) > rank(limit):
        raise UsageError(
            _("the briefing {id} is marked {marking}, above --max-tlp {limit}").format(
                id=briefing.id, marking=label(briefing.tlp), limit=label(limit)
            ),
            _("nothing in it may be shown at that level; raise --max-tlp to share it"),
        )
    kept = tuple(i for i in briefing.items if i.tlp is None or rank(i.tlp) <= rank(limit))
    cited: set[str] = set()
    for refs in [i.sources for i in kept] + [e.sources for e in briefing.timeline]:
        cited.update(r.source for r in refs)
    return briefing._replace(
        items=kept,
        sources=tuple(s for s in briefing.sources if s.id in cited),
        max_tlp=limit,
        withheld=briefing.withheld + len(briefing.items) - len(kept),
    )


def _item_has(item: Item, wanted: tuple[str, ...]) -> bool:
    """Whether the item's texts, together, hold every term: each may be in another field."""
    return matches((item.title, item.summary, item.attribution, *item.open_questions), wanted)


class Narrowing(NamedTuple):
    """What to keep of a briefing, read from the options once; `apply` narrows any edition to it.

    The one pipeline for every command that narrows: the options are checked
    when read (before loading, so a mistyped value is a usage error whatever
    the data), then each briefing's themes are resolved and it is narrowed.
    """

    themes: tuple[str, ...] = ()
    search: str | None = None  # the canonical query (search.query_of)
    grades: tuple[int, int] | None = None
    statuses: tuple[str, ...] = ()
    max_tlp: str | None = None

    @classmethod
    def read(
        cls,
        themes: Sequence[str],
        search: Sequence[str] = (),
        credibility: str | None = None,
        status: str | None = None,
        max_tlp: str | None = None,
    ) -> Narrowing:
        """Check the options' words; a mistyped grade, status or marking is a usage error."""
        from briefing.commands.search import query_of
        from briefing.tlp import parse_level

        return cls(
            tuple(themes),
            query_of(search),
            parse_credibility(credibility),
            parse_statuses(status),
            parse_level(max_tlp),
        )

    def apply(self, briefing: Briefing, translations: tuple[Briefing, ...] = ()) -> Briefing:
        """The briefing narrowed: its themes found by any name, in it or its translations."""
        theme_ids = resolve_themes(briefing, list(self.themes), translations)
        return narrow(briefing, theme_ids, self.search, self.grades, self.statuses, self.max_tlp)
