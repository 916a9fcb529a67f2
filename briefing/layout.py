"""Display order shared by every format: sections by theme, open questions, theme counts."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Briefing, Item, Theme, TimelineEntry


@dataclass(frozen=True)
class Section:
    """A theme, the items shown in full under it, and its items shown under another theme.

    Each item is shown in full once, under its home theme; the other themes it
    carries point to it from `related`, so no theme's section goes missing.
    """

    theme: Theme
    items: tuple[Item, ...]
    related: tuple[Item, ...] = ()


@dataclass(frozen=True)
class ThemeCount:
    """A theme and how many items of the briefing carry it."""

    theme: Theme
    count: int
    total: int

    @property
    def share(self) -> float:
        """Return the fraction of all items that carry this theme."""
        return self.count / self.total if self.total else 0.0


def home_theme(item: Item, briefing: Briefing) -> str:
    """Return the theme an item is shown under: its first theme within the focus, if any."""
    if briefing.focus:
        return next((t for t in item.themes if t in briefing.focus), item.themes[0])
    return item.themes[0]


def sections(briefing: Briefing) -> list[Section]:
    """Return a section for each theme that has items, in the themes' declared order.

    A filtered briefing has sections only for the themes it was narrowed to.
    """
    home: dict[str, list[Item]] = {t.id: [] for t in briefing.themes}
    related: dict[str, list[Item]] = {t.id: [] for t in briefing.themes}
    for item in briefing.items:
        first = home_theme(item, briefing)
        home[first].append(item)
        for theme_id in item.themes:
            if theme_id != first:
                related[theme_id].append(item)
    shown = [t for t in briefing.themes if not briefing.focus or t.id in briefing.focus]
    return [
        Section(t, tuple(home[t.id]), tuple(related[t.id]))
        for t in shown
        if home[t.id] or related[t.id]
    ]


def other_themes(item: Item, briefing: Briefing) -> list[Theme]:
    """Return the item's themes other than the one it is shown under."""
    home = home_theme(item, briefing)
    return [briefing.theme(t) for t in item.themes if t != home]


def open_questions(briefing: Briefing) -> list[Item]:
    """Return the items that leave questions open, in display order."""
    return [item for s in sections(briefing) for item in s.items if item.open_questions]


def timeline(briefing: Briefing) -> list[TimelineEntry]:
    """Return the timeline in date order (stable for equal dates)."""
    return sorted(briefing.timeline, key=lambda e: e.date.sort_key())


def theme_counts(briefing: Briefing) -> list[ThemeCount]:
    """Count, for each theme, the items that carry it."""
    total = len(briefing.items)
    return [
        ThemeCount(t, sum(1 for i in briefing.items if t.id in i.themes), total)
        for t in briefing.themes
    ]


def focus_titles(briefing: Briefing) -> list[str]:
    """Return the titles of the themes the briefing is narrowed to."""
    return [briefing.theme(t).title for t in briefing.focus]
