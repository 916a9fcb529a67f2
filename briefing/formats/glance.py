"""At a glance: what the HTML page and the PDF draw first, from the data alone, format-neutral.

Three things: the items of each theme by status, the items by credibility
grade, and the timeline as spans on an axis, with the items' due dates and
the dates their signposts were seen drawn apart from the events. Each
partial date is a span (a year covers its year, a month its month), never a
point; nothing is drawn
that the data does not hold, and a block with nothing to draw is left out.
Every drawing comes with the same facts as sentences, for screen readers and
for anyone who would rather read.
"""

from __future__ import annotations

import math
from typing import Any

from briefing.formats.trackviews import Dated, tracking_dates
from briefing.formats.views import date_span, status_name, timeline
from briefing.grades import CREDIBILITY_CODES
from briefing.i18n import _, format_date, ngettext
from briefing.model import STATUSES, Briefing, TimelineEntry
from briefing.text import one_line


def status_rows(briefing: Briefing) -> list[dict[str, Any]]:
    """For each theme with items, how many of the items carrying it are at each status."""
    rows = []
    for theme in briefing.themes:
        carrying = [i for i in briefing.items if theme.id in i.themes]
        if not carrying:
            continue
        counts = {s: sum(1 for i in carrying if i.status == s) for s in STATUSES}
        rows.append({"theme": one_line(theme.title), "counts": counts, "total": len(carrying)})
    return rows


def credibility_counts(briefing: Briefing) -> dict[str, int]:
    """How many items have each credibility grade, `-` for those not graded (version 2 only)."""
    if briefing.version < 2 or not briefing.items:
        return {}
    counts = {
        str(c): sum(1 for i in briefing.items if i.credibility == c) for c in CREDIBILITY_CODES
    }
    ungraded = sum(1 for i in briefing.items if i.credibility is None)
    if ungraded:
        counts["-"] = ungraded
    return counts


# What a row of the timeline drawing can be, in the order the key lists them.
KINDS = ("event", "due", "observed", "contradicted")


def kind_names() -> dict[str, str]:
    """What each kind of row is, in words, for the drawing's key."""
    return {
        "event": _("event"),
        "due": _("due by"),
        "observed": _("signpost observed"),
        "contradicted": _("signpost contradicted"),
    }


def axis(briefing: Briefing) -> dict[str, Any] | None:
    """The timeline as spans in fractional years on an axis of whole years, or None if empty.

    Events come with the due dates and the signposts seen, in date order (on the
    same date, events first); each row says which it is (`kind`).
    """
    dated: list[TimelineEntry | Dated] = [*timeline(briefing), *tracking_dates(briefing)]
    if not dated:
        return None
    dated.sort(key=lambda d: d.date.sort_key())  # stable: events before tracking on a date
    spans = [date_span(d.date) for d in dated]
    first = math.floor(min(start for start, _end in spans))
    last = math.ceil(max(end for _start, end in spans))
    kinds = [d.kind if isinstance(d, Dated) else "event" for d in dated]
    names = kind_names()
    return {
        "start": first,
        "end": max(last, first + 1),
        "events": [
            {
                "from": start,
                "to": end,
                "date": format_date(d.date),
                "title": one_line(d.label() if isinstance(d, Dated) else d.title),
                "precision": "day" if d.date.day else "month" if d.date.month else "year",
                "kind": kind,
            }
            for d, kind, (start, end) in zip(dated, kinds, spans, strict=True)
        ],
        # The key, always: an event's neutral bar needs its word as much as the tracking's
        # shapes do, so that no colour is left to be read as a status.
        "kinds": [{"key": k, "name": names[k]} for k in KINDS if k in kinds],
    }


def glance(briefing: Briefing) -> dict[str, Any] | None:
    """Everything the block draws, with its labels and a text alternative; None if nothing."""
    rows = status_rows(briefing)
    grades = credibility_counts(briefing)
    line = axis(briefing)
    if not rows and not grades and line is None:
        return None
    return {
        "heading": _("At a glance"),
        "statuses": [{"key": s, "name": status_name(s)} for s in STATUSES],
        "status_heading": _("Items by theme and status"),
        "rows": rows,
        "grades_heading": _("Items by credibility"),
        "grades": grades,
        "timeline_heading": _("Timeline"),
        "axis": line,
        "text": describe(rows, grades, line),
    }


def describe(
    rows: list[dict[str, Any]], grades: dict[str, int], line: dict[str, Any] | None
) -> list[str]:
    """The drawings' facts as sentences: one per theme, one for the grades, one per event."""
    out = []
    for row in rows:
        parts = [f"{n} {status_name(s)}" for s, n in row["counts"].items() if n]
        out.append(
            ngettext(
                "{theme}: {n} item ({parts})", "{theme}: {n} items ({parts})", row["total"]
            ).format(theme=row["theme"], n=row["total"], parts=", ".join(parts))
        )
    if grades:
        parts = [
            (_("not graded: {n}") if code == "-" else _("credibility {code}: {n}")).format(
                code=code, n=n
            )
            for code, n in grades.items()
            if n
        ]
        out.append(_("Items by credibility: {parts}").format(parts=", ".join(parts)))
    if line is not None:
        # What the bars are, since the drawing's key names them but not their length.
        out.append(
            _(
                "Timeline: each bar spans the year, month or day its entry is dated to; "
                "an event's bar is neutral, not a status"
            )
        )
        for event in line["events"]:
            out.append(f"{event['date']} — {event['title']}")
    return out
