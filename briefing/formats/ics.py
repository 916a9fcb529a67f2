"""iCalendar: the timeline's dates, the due dates and the signposts seen, as all-day events.

Written with the `icalendar` library, imported only here: nothing else pays
for it. A partial date becomes an event spanning the whole year, month or
day it can mean. Each event's UID comes from the briefing's ids (an item's
id, a signpost's id, a timeline entry's title, by which `diff` matches
entries too), so a calendar imported again updates its events instead of
adding copies. Data text is made visible and single-line before it is
written, and the library escapes what iCalendar gives a meaning to.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import TYPE_CHECKING, Any

from briefing.delivery.console import OutputOptions
from briefing.errors import DataError, UsageError
from briefing.formats import Renderer
from briefing.formats.trackviews import Dated
from briefing.formats.views import timeline
from briefing.i18n import _
from briefing.model import Briefing, PartialDate
from briefing.text import one_line

if TYPE_CHECKING:
    from briefing.commands.tracking import Watch

PRODID = "-//briefing//briefing calendar export//EN"


def _library() -> Any:
    """The icalendar module, or a clear error saying how to install it."""
    try:
        import icalendar
    except ImportError:
        raise UsageError(
            _("--format ics needs the icalendar package, which is not installed"),
            _("install it with: pip install 'briefing[calendar]'"),
        ) from None
    return icalendar


def _span(date: PartialDate, what: str) -> tuple[datetime.date, datetime.date]:
    """The first day of a partial date and the day after its last (iCalendar's end is exclusive)."""
    try:
        start = datetime.date(*date.first_day())
        end = datetime.date(*date.last_day()) + datetime.timedelta(days=1)
    except (ValueError, OverflowError):
        raise DataError(
            _("{what} is dated {date}: an iCalendar file holds dates from year 1 to 9999").format(
                what=one_line(what), date=date
            ),
            _("leave it out with --theme or --search, or export another format"),
        ) from None
    return start, end


def _uid(briefing: Briefing, *parts: str) -> str:
    """A UID stable across exports: the briefing's id and the event's own ids."""
    return "/".join((briefing.id, *parts)) + "@briefing"


def calendar(briefing: Briefing) -> bytes:
    """The (narrowed) briefing's dates as an iCalendar file: events, due dates, signposts seen."""
    icalendar = _library()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", one_line(briefing.title))
    # Reproducible: the stamp is the briefing's own date, not the moment of export.
    first_day = _span(briefing.as_of, briefing.title)[0]
    stamp = datetime.datetime.combine(first_day, datetime.time(), tzinfo=datetime.UTC)

    def event(uid: str, date: PartialDate, summary: str, description: str, kind: str) -> None:
        start, end = _span(date, summary)
        entry = icalendar.Event()
        entry.add("uid", uid)
        entry.add("dtstamp", stamp)
        entry.add("dtstart", start)
        entry.add("dtend", end)
        entry.add("summary", one_line(summary))
        entry.add("description", one_line(description))
        entry.add("categories", [kind])
        cal.add_component(entry)

    for e in timeline(briefing):
        digest = hashlib.sha256(e.title.encode("utf-8")).hexdigest()[:16]
        themes = ", ".join(briefing.theme(t).title for t in e.themes)
        event(_uid(briefing, "timeline", digest), e.date, e.title, themes or e.title, "event")
    for item in briefing.items:
        link = _("Item {id} of briefing {briefing}").format(id=item.id, briefing=briefing.id)
        if item.expected_by is not None:
            event(
                _uid(briefing, "due", item.id),
                item.expected_by,
                Dated(item.expected_by, "due", item).label(),
                f"{item.title} — {link}",
                "due",
            )
        for signpost in item.signposts:
            if signpost.observed is None:
                continue
            event(
                _uid(briefing, "signpost", item.id, signpost.id),
                signpost.observed,
                Dated(signpost.observed, signpost.status, item, signpost).label(),
                f"{item.title} — {link}",
                "signpost",
            )
    data: bytes = cal.to_ical()
    return data


def _text(briefing: Briefing) -> str:
    # iCalendar lines end in CRLF; the text keeps them, and is written as it is.
    return calendar(briefing).decode("utf-8")


def render_briefing(briefing: Briefing, options: OutputOptions) -> str:
    """The briefing's dates as a calendar."""
    return _text(briefing)


def render_timeline(briefing: Briefing, options: OutputOptions) -> str:
    """The timeline's dates, the due dates and the signposts seen, as a calendar."""
    return _text(briefing)


def render_watch(watch: Watch, options: OutputOptions) -> str:
    """The watched briefing's dates as a calendar, to follow the due dates in a calendar app."""
    return _text(watch.briefing)


# Only the views that have dates; a calendar holds one briefing (no `--all`).
RENDERER = Renderer(briefing=render_briefing, timeline=render_timeline, watch=render_watch)
