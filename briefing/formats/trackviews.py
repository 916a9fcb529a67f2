"""The format-neutral views of tracking: due dates, signposts, gaps, and `watch` by theme."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from briefing.formats.views import home_theme
from briefing.grades import (
    credibility_text,
)
from briefing.i18n import _, as_of, format_date, ngettext, seen_since
from briefing.model import (
    Briefing,
    Item,
    PartialDate,
    Signpost,
)

if TYPE_CHECKING:
    from briefing.commands.tracking import Group, Seen, Watch


def due_note(item: Item) -> str | None:
    """When an item is due and who set the date: `due by 2026 (the source's date)`."""
    if item.expected_by is None:
        return None
    date = format_date(item.expected_by)
    if item.expected_by_set_by == "analyst":
        return _("due by {date} (the analyst’s date)").format(date=date)
    return _("due by {date} (the source’s date)").format(date=date)


def setter_name(setter: str) -> str:
    """Who set a due date, in a word: `source` or `analyst`, in the reader's language."""
    names = {"source": _("source"), "analyst": _("analyst")}
    return names[setter]


def overdue(item: Item, today: PartialDate | None) -> bool:
    """Whether to mark an item overdue, judged against `today` (never when None)."""
    if today is None:
        return False
    from briefing.commands.tracking import is_overdue

    return is_overdue(item, today)


def signpost_status_name(status: str) -> str:
    """A signpost's status as shown to readers."""
    names = {
        "not-yet-seen": _("not yet seen"),
        "observed": _("observed"),
        "contradicted": _("contradicted"),
    }
    return names[status]


def direction_name(direction: str) -> str:
    """What seeing a signpost would say of its item."""
    names = {
        "supports": _("would show it happening"),
        "undermines": _("would show it stalling"),
    }
    return names[direction]


def signpost_note(signpost: Signpost) -> str:
    """A signpost's standing in words: `observed in March 2026 · would show it happening`."""
    if signpost.observed is not None:
        status = _("{status} ({date})").format(
            status=signpost_status_name(signpost.status), date=format_date(signpost.observed)
        )
    else:
        status = signpost_status_name(signpost.status)
    parts = [status, direction_name(signpost.direction)]
    if signpost.credibility is not None:
        parts.append(
            _("{label}:").format(label=_("Credibility"))
            + " "
            + credibility_text(signpost.credibility)
        )
    if signpost.attribution:
        parts.append(signpost.attribution)
    return " · ".join(parts)


def seen_by_item(seen: Iterable[Seen]) -> list[tuple[Item, list[Signpost]]]:
    """Signposts seen, gathered under their items in the order each item first appears."""
    gathered: dict[str, tuple[Item, list[Signpost]]] = {}
    for entry in seen:
        gathered.setdefault(entry.item.id, (entry.item, []))[1].append(entry.signpost)
    return list(gathered.values())


def _list_separator() -> str:
    """What separates the parts of a list of clauses: `; ` in English, ` ; ` in French."""
    return _("{clause}; ").format(clause="")


def gap_note(item: Item) -> str:
    """What an item lacks to be followed, in words: `no due date; no signpost`."""
    from briefing.commands.tracking import gaps

    names = {"expected_by": _("no due date"), "signposts": _("no signpost")}
    return _list_separator().join(names[gap] for gap in gaps(item))


class Dated(NamedTuple):
    """A date from the tracking, for the timeline: a due date, or a signpost seen."""

    date: PartialDate
    kind: str  # "due", "observed" or "contradicted"
    item: Item
    signpost: Signpost | None = None

    def label(self) -> str:
        """What happens on this date, in words: `Due: …` or `Signpost observed: …`."""
        if self.signpost is None:
            return _("Due: {title}").format(title=self.item.title)
        return _("Signpost {status}: {text}").format(
            status=signpost_status_name(self.signpost.status), text=self.signpost.text
        )


def tracking_dates(briefing: Briefing) -> list[Dated]:
    """The items' due dates and the dates their signposts were seen, in date order."""
    dated = []
    for item in briefing.items:
        if item.expected_by is not None:
            dated.append(Dated(item.expected_by, "due", item))
        dated += [
            Dated(s.observed, s.status, item, s) for s in item.signposts if s.observed is not None
        ]
    dated.sort(key=lambda d: d.date.sort_key())
    return dated


def watch_groups(watch: Watch) -> list[Group]:
    """What `watch` found, by theme: each item under its home theme, in the themes' order."""
    from briefing.commands.tracking import Group

    def home(item: Item) -> str:
        return home_theme(item, watch.briefing)

    out = []
    for theme in watch.briefing.themes:
        group = Group(
            theme,
            tuple(i for i in watch.overdue if home(i) == theme.id),
            tuple(i for i in watch.due if home(i) == theme.id),
            tuple(s for s in watch.seen if home(s.item) == theme.id),
            tuple(i for i in watch.untracked if home(i) == theme.id),
        )
        if group.overdue or group.due or group.seen or group.untracked:
            out.append(group)
    return out


def watch_summary(watch: Watch) -> str:
    """The findings of `watch` in one sentence, with the dates and window they hold for."""
    # Each date in the phrase of its precision, as every as-of line is written
    # (French: `Situation en 2025`, `Situation au 30 juin 2026`, `depuis le 3 juin 2025`).
    since = seen_since(watch.since) if watch.since is not None else ""
    counts = [
        ngettext("{n} overdue", "{n} overdue", len(watch.overdue)).format(n=len(watch.overdue)),
        ngettext("{n} due within {days} days", "{n} due within {days} days", len(watch.due)).format(
            n=len(watch.due), days=watch.within
        ),
        ngettext(
            "{n} signpost observed or contradicted{since}",
            "{n} signposts observed or contradicted{since}",
            len(watch.seen),
        ).format(n=len(watch.seen), since=since),
        ngettext(
            "{n} item with no due date or no signpost",
            "{n} items with no due date or no signpost",
            len(watch.untracked),
        ).format(n=len(watch.untracked)),
    ]
    return _("{as_of}: {counts}.").format(
        as_of=as_of(watch.as_of), counts=_list_separator().join(counts)
    )
