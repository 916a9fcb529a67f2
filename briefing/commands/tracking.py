"""Following the plan over time: what is overdue, what falls due soon, which signposts were seen.

Partial dates compare honestly at their precision. A date stands for every
day it could mean: `2026` for 2026-01-01 to 2026-12-31, `2028-02` for
2028-02-01 to 2028-02-29. A commitment is overdue only once the whole of its
due date has passed before the earliest day the as-of date can mean; it is
due within a window as soon as the first day of its due date falls inside
it. A signpost counts as seen since a date if it may have been seen on or
after that date, and as seen by the as-of date if it may have been seen by then.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from briefing.errors import UsageError
from briefing.i18n import _
from briefing.model import Briefing, Item, PartialDate, Signpost, Theme

DEFAULT_WITHIN = 90  # days
MAX_WITHIN = 3_660_000  # days: ten thousand years, past any partial date
_WITHIN = re.compile(r"^\s*(\d{1,7})\s*([dw]?)\s*$", re.IGNORECASE)


def day_number(day: tuple[int, int, int]) -> int:
    """Days from a fixed origin to a day of the proleptic Gregorian calendar, year 0 included.

    Python's `datetime` starts at year 1, so the count is worked out here
    (the civil-from-days algorithm, shifted so that years begin in March).
    """
    year, month, dom = day
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + dom - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era


def first(date: PartialDate) -> int:
    """The day number of the earliest day a partial date can mean."""
    return day_number(date.first_day())


def last(date: PartialDate) -> int:
    """The day number of the latest day a partial date can mean."""
    return day_number(date.last_day())


def standing(item: Item, start: int, within: int) -> str | None:
    """`overdue`, `due` (within `within` days of the day numbered `start`), or None.

    A completed item, or one without a due date, is neither.
    """
    expected = item.expected_by
    if expected is None or item.status == "completed":
        return None
    if last(expected) < start:
        return "overdue"
    if first(expected) <= start + within:
        return "due"
    return None


def is_overdue(item: Item, as_of: PartialDate) -> bool:
    """Whether an item not completed was due by a date wholly before the as-of date."""
    return standing(item, first(as_of), 0) == "overdue"


def is_due_within(item: Item, as_of: PartialDate, days: int) -> bool:
    """Whether an item not completed, not overdue, may fall due within `days` of the as-of date."""
    return standing(item, first(as_of), days) == "due"


def seen_between(signpost: Signpost, since: PartialDate | None, as_of: PartialDate) -> bool:
    """Whether a signpost was observed or contradicted, possibly since `since` and by `as_of`."""
    if not signpost.seen or signpost.observed is None:
        return False
    if since is not None and last(signpost.observed) < first(since):
        return False
    return first(signpost.observed) <= last(as_of)


def gaps(item: Item) -> tuple[str, ...]:
    """What an item not completed lacks to be followed: `expected_by`, `signposts`, or both.

    A completed item needs neither, so it has no gaps.
    """
    if item.status == "completed":
        return ()
    missing = ("expected_by",) if item.expected_by is None else ()
    return missing + (("signposts",) if not item.signposts else ())


class Seen(NamedTuple):
    """A signpost observed or contradicted, with the item it belongs to."""

    item: Item
    signpost: Signpost


class Group(NamedTuple):
    """What stands where under one theme."""

    theme: Theme
    overdue: tuple[Item, ...]
    due: tuple[Item, ...]
    seen: tuple[Seen, ...]
    untracked: tuple[Item, ...]


class Watch(NamedTuple):
    """What stands where in a (narrowed) briefing as of a date."""

    briefing: Briefing
    as_of: PartialDate
    within: int  # days
    since: PartialDate | None
    overdue: tuple[Item, ...]
    due: tuple[Item, ...]
    seen: tuple[Seen, ...]
    untracked: tuple[Item, ...]

    @property
    def contradicted(self) -> tuple[Seen, ...]:
        """The signposts seen that were contradicted."""
        return tuple(s for s in self.seen if s.signpost.status == "contradicted")

    @property
    def alarm(self) -> bool:
        """Whether someone should be told: something is overdue or a signpost was contradicted."""
        return bool(self.overdue or self.contradicted)


def watch(
    briefing: Briefing, as_of: PartialDate, within: int, since: PartialDate | None = None
) -> Watch:
    """Sort a briefing's items by where they stand as of a date (one pass over the items)."""
    overdue: list[Item] = []
    due: list[Item] = []
    seen: list[Seen] = []
    untracked: list[Item] = []
    start = first(as_of)
    for item in briefing.items:
        if gaps(item):
            untracked.append(item)
        where = standing(item, start, within)
        if where == "overdue":
            overdue.append(item)
        elif where == "due":
            due.append(item)
        seen.extend(Seen(item, s) for s in item.signposts if seen_between(s, since, as_of))
    # Soonest first: what is most overdue, or falls due first, leads.
    overdue.sort(key=_due_key)
    due.sort(key=_due_key)
    seen.sort(key=_seen_key)
    return Watch(
        briefing, as_of, within, since, tuple(overdue), tuple(due), tuple(seen), tuple(untracked)
    )


def _due_key(item: Item) -> tuple[int, int]:
    assert item.expected_by is not None
    return (first(item.expected_by), last(item.expected_by))


def _seen_key(seen: Seen) -> tuple[int, int]:
    assert seen.signpost.observed is not None
    return (first(seen.signpost.observed), last(seen.signpost.observed))


def parse_within(text: str | None) -> int:
    """Read a window such as `90d`, `12w` or `30` (days); raise UsageError otherwise."""
    if text is None:
        return DEFAULT_WITHIN
    m = _WITHIN.fullmatch(text)
    days = int(m.group(1)) * (7 if m.group(2).lower() == "w" else 1) if m else -1
    if not 0 <= days <= MAX_WITHIN:
        raise UsageError(
            _("--within: `{value}` is not a window of days").format(value=text),
            _("give a number of days or weeks, such as 90d or 12w"),
        )
    return days


def parse_date(option: str, text: str | None) -> PartialDate | None:
    """Read a partial date given to an option; raise UsageError otherwise."""
    if text is None:
        return None
    try:
        return PartialDate.parse(text.strip())
    except ValueError as exc:
        raise UsageError(
            _("{option}: `{value}` is not a partial ISO date: {why}").format(
                option=option, value=text, why=exc
            ),
            _("give YYYY, YYYY-MM or YYYY-MM-DD, such as 2026-06-30"),
        ) from None


def today() -> PartialDate:
    """Today's date, as a day."""
    import datetime

    now = datetime.date.today()
    return PartialDate(now.year, now.month, now.day)
