"""Terminal: a rich layout that fits the width, with colour only when wanted.

Data text is only ever wrapped in `rich.text.Text`, never parsed as markup or
emoji codes, and passes through `visible()` first, so no control sequence
from the data reaches the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from briefing.delivery.console import OutputOptions
from briefing.formats import Renderer
from briefing.formats.terminaldiff import render_diff
from briefing.formats.terminalparts import (
    ALARM,
    MUTED,
    Hanging,
    Heading,
    View,
    id_lines,
    print_parts,
)
from briefing.formats.trackviews import (
    Dated,
    due_note,
    gap_note,
    seen_by_item,
    tracking_dates,
    watch_groups,
    watch_summary,
)
from briefing.formats.views import (
    citation_grade,
    date_span,
    grade_legend,
    home_theme,
    open_questions,
    revisions,
    sections,
    source_details,
    source_uses,
    status_name,
    theme_counts,
    timeline,
)
from briefing.i18n import _, as_of, dating, format_date, ngettext
from briefing.model import Briefing, Item, Source, SourceRef, TimelineEntry
from briefing.text import one_line, visible

if TYPE_CHECKING:
    from collections.abc import Sequence

    from briefing.commands.tracking import Watch
    from briefing.reading.loader import InvalidFile


def render_briefing(briefing: Briefing, options: OutputOptions) -> str:
    """Render the (possibly filtered) briefing for a terminal of `options.width` columns."""
    view = View(briefing, options)
    parts = view.header()
    parts += ["", view.heading(_("Bottom line"))]
    for paragraph in briefing.paragraphs():
        # Printed on its own, then a blank line: Padding would measure every line again.
        parts += [view.text(paragraph), ""]
    for section in sections(briefing):
        parts.append(view.heading(section.theme.title))
        if section.theme.description:
            parts.append(
                Padding(view.text(section.theme.description, "italic " + MUTED), (0, 0, 1, 0))
            )
        parts += [view.item(item) for item in section.items]
        if section.related:
            parts.append(Text(_("Also under this theme:"), style=MUTED))
            for item in section.related:
                text = view.text(item.title)
                home = briefing.theme(home_theme(item, briefing)).title
                text.append(" (" + _("see {theme}").format(theme=one_line(home)) + ")", style=MUTED)
                parts.append(Hanging(Text("↳ ", style=MUTED), text))
            parts.append("")
    if not briefing.items:
        parts += [Text(_("No items match this filter."), style="italic"), ""]
    asked = open_questions(briefing)
    if asked:
        parts.append(view.heading(_("What we don’t know")))
        for item in asked:
            questions = [
                Hanging(Text("? ", style="bold magenta"), view.text(q)) for q in item.open_questions
            ]
            parts += [view.text(item.title, "bold"), Padding(Group(*questions), (0, 0, 1, 2))]
    if briefing.timeline:
        parts += [view.heading(_("Timeline")), view.timeline_list(), ""]
    parts += _legend(view)
    if briefing.sources:
        parts.append(view.heading(_("Sources")))
        width = _label_width([one_line(s.id) for s in briefing.sources], options.width)
        for source in briefing.sources:
            parts.append(
                Hanging(Text(one_line(source.id), style="bold"), _source_text(source), width)
            )
    revised = revisions(briefing)
    if revised:
        parts += ["", view.heading(_("Revisions"))]
        dates = [one_line(format_date(r.date)) for r in revised]
        width = _label_width(dates, options.width)
        for date, revision in zip(dates, revised, strict=True):
            parts.append(Hanging(Text(date, style="bold"), view.text(revision.summary), width))
    return print_parts(parts, options)


def _legend(view: View, briefing: Briefing | None = None) -> list[RenderableType]:
    """The grades shown (in `briefing`, else the whole view), explained once, one line per code."""
    lines = grade_legend(briefing if briefing is not None else view.briefing)
    if not lines:
        return []
    return [view.heading(_("Grades")), *(Text(one_line(line)) for line in lines), ""]


def _label_width(labels: list[str], width: int) -> int:
    """The indent for labels hung beside text: the widest that leaves room for the text.

    A label too wide for it (a very long id) goes on its own line instead, so
    one long id does not squeeze every other line to a few characters.
    """
    fitting = [cell_len(label) for label in labels if cell_len(label) + 2 <= width // 2]
    return max(fitting, default=0) + 2


def _source_text(source: Source) -> Text:
    text = Text(one_line(source.title))
    details = [one_line(d) for d in (source.kind, source.language) if d]
    if source.published:
        details.append(_("published {date}").format(date=format_date(source.published)))
    if details:
        text.append(f" ({', '.join(details)})", style=MUTED)
    if source.url:
        text.append("\n" + visible(source.url), style="underline")
    return text


# Below this width the themes table would cut titles: each theme is stacked instead.
TABLE_WIDTH = 72


def _names(names: list[str], options: OutputOptions) -> Text:
    """Other names of a theme: muted, or in brackets when there is no colour to set them apart."""
    joined = ", ".join(one_line(n) for n in names)
    return Text(joined if options.color else f"({joined})", style=MUTED)


def render_themes(briefing: Briefing, options: OutputOptions) -> str:
    """Render the themes with their descriptions, item counts and a bar of their share."""
    bar_width = 10

    def bar(share: float) -> Text:
        filled = round(share * bar_width)
        shown = Text("█" * filled, style="cyan")
        shown.append("░" * (bar_width - filled), style=MUTED)
        return shown

    if options.width < TABLE_WIDTH:
        parts: list[RenderableType] = [Text(one_line(briefing.title), style="bold"), ""]
        for c in theme_counts(briefing):
            parts.append(Text(one_line(c.theme.title), style="bold"))
            line = bar(c.share)
            line.append(" " + ngettext("{n} item", "{n} items", c.items).format(n=c.items))
            body: list[RenderableType] = [_names(c.theme.short_names(), options), line]
            if c.theme.description:
                body.append(Text(one_line(c.theme.description)))
            parts.append(Padding(Group(*body), (0, 0, 1, 2)))
        return print_parts(parts, options)

    from rich.table import Table  # only the tabular views need it

    table = Table(
        title=Text(one_line(briefing.title), style="bold"),
        box=box.SIMPLE_HEAD,
        expand=False,
        show_edge=False,
        pad_edge=False,
        leading=1,
    )
    table.add_column(_("Theme"), ratio=3, overflow="fold")
    table.add_column(_("Items"), justify="right", no_wrap=True)
    table.add_column(_("Share"), no_wrap=True)
    table.add_column(_("Description"), ratio=5, overflow="fold")
    for c in theme_counts(briefing):
        name = Text(one_line(c.theme.title), style="bold")
        name.append("\n")
        name.append_text(_names(c.theme.short_names(), options))
        table.add_row(name, str(c.items), bar(c.share), Text(one_line(c.theme.description or "")))
    return print_parts([table], options)


# Lane marks by kind of date: events fill their span, due dates shade it, signposts seen
# are marked where they begin; a day is one mark.
_SPAN = {"event": ("█", "▌", "●"), "due": ("░", "░", "◇")}
_SEEN = {"observed": "◆", "contradicted": "✕"}
_LANE_STYLE = {"event": "bold cyan", "due": "bold yellow", "observed": "bold green"}


def _axis(
    events: list[TimelineEntry] | list[TimelineEntry | Dated], width: int
) -> tuple[Text, list[Text]]:
    """A ruler of years, and for each event a lane with the stretch of time its date covers.

    Due dates and signposts seen (`Dated`) get lanes of their own marks.
    """
    first = min(e.date.year for e in events)
    last = max(e.date.year for e in events) + 1
    scale = (width - 1) / (last - first)

    def column(year: float) -> int:
        return min(width - 1, max(0, round((year - first) * scale)))

    ruler = [" "] * width
    taken: list[tuple[int, int]] = []  # the columns each placed label covers, and a gap after
    # The first and last years with events come first, so the ends of the axis are always
    # labelled; then the years between, each where it fits; the closing year last.
    years = [first, last - 1, *range(first + 1, last - 1), last]
    for year in dict.fromkeys(years):
        label = str(year)
        at = column(year)
        if year < last:  # a year with events keeps its label, drawn left of the edge if need be
            at = min(at, width - len(label))
        elif at + len(label) > width:
            continue
        span = (at, at + len(label) + 1)
        if at < 0 or any(span[0] < end and start < span[1] for start, end in taken):
            continue
        ruler[at : at + len(label)] = label
        taken.append((at - 1, span[1]))
    lanes = []
    for event in events:
        start, end = date_span(event.date)
        left, right = column(start), max(column(start) + 1, column(end))
        lane = Text("·" * left, style=MUTED)
        kind = event.kind if isinstance(event, Dated) else "event"
        if kind in _SEEN:
            mark = _SEEN[kind]
        else:
            year, month, day = _SPAN[kind]
            mark = (year if event.date.month is None else month) * (right - left)
            mark = mark if event.date.day is None else day
        lane.append(mark, style=_LANE_STYLE.get(kind, ALARM))
        lane.append("·" * (width - len(lane.plain)), style=MUTED)
        lanes.append(lane)
    return Text("".join(ruler), style="bold"), lanes


def render_timeline(briefing: Briefing, options: OutputOptions) -> str:
    """Render the dated events in order along a time axis, then their titles."""
    view = View(briefing)
    parts = view.header()
    parts += ["", view.heading(_("Timeline"))]
    events = timeline(briefing)
    tracked = tracking_dates(briefing)
    if not events and not tracked:
        parts.append(Text(_("No timeline entries match."), style="italic"))
        return print_parts(parts, options)
    dated: list[TimelineEntry | Dated] = [*events, *tracked]
    label = max(len(str(e.date)) for e in dated) + 2
    if options.width - label >= 20:
        ruler, lanes = _axis(dated, options.width - label)
        rows = [Text(" " * label) + ruler]
        for event, lane in zip(dated, lanes, strict=True):
            row = Text(str(event.date).ljust(label), style="bold")
            row.append_text(lane)
            rows.append(row)
        marks = [("█", _("a year")), ("▌", _("a month")), ("●", _("a day"))]
        if tracked:
            marks += [("░", _("due by")), ("◆", _("signpost observed"))]
            marks += [("✕", _("signpost contradicted"))]
        legend = Text("   ".join(f"{mark} {name}" for mark, name in marks), style=MUTED)
        parts += [Text("\n").join(rows), legend, ""]
    width = max(len(format_date(e.date)) for e in events) + 2
    for event in events:
        text = view.text(event.title)
        if event.themes:
            text.append(
                "\n" + ", ".join(one_line(briefing.theme(t).title) for t in event.themes),
                style=MUTED,
            )
        if event.sources:
            text.append("\n")
            text.append_text(view.cite(event.sources))
        parts.append(Hanging(Text(format_date(event.date), style="bold"), text, width))
    if tracked:
        parts += ["", view.heading(_("Due dates and signposts seen"))]
        width = max(len(format_date(d.date)) for d in tracked) + 2
        for d in tracked:
            text = view.text(d.label(), ALARM if d.kind == "contradicted" else "")
            if d.signpost is not None:
                text.append("\n" + one_line(d.item.title), style=MUTED)
            parts.append(Hanging(Text(format_date(d.date), style="bold"), text, width))
    parts += ["", *_legend(view, briefing._replace(items=()))]  # the items are not shown
    return print_parts(parts, options)


def render_sources(briefing: Briefing, options: OutputOptions) -> str:
    """Render each source with the items and timeline entries that cite it, and where."""
    view = View(briefing)
    parts = view.header()
    parts.append("")
    for source, uses in source_uses(briefing):
        parts.append(view.heading(f"{source.id}"))
        parts.append(_source_text(source))
        for label, value in source_details(source):
            line = Text(_("{label}:").format(label=label) + " ", style=MUTED)
            line.append(one_line(value))
            parts.append(line)
        cited = []
        for use in uses:
            text = Text((_("Item:") if use.kind == "item" else _("Timeline:")) + " ", style=MUTED)
            text.append_text(view.text(use.title))
            ref = SourceRef(source.id, use.locator)
            grade = citation_grade(briefing, ref, use.item)
            if grade:
                text.append(f" [{one_line(grade)}]")
            if use.locator:
                text.append(" — " + one_line(use.locator), style="bold")
            cited.append(Hanging(Text("↳ ", style=MUTED), text))
        parts += [
            Padding(Group(*cited), (1, 0, 1, 2)) if uses else Text(_("Not cited."), style="italic")
        ]
    if not briefing.sources:
        parts.append(Text(_("No sources match."), style="italic"))
    parts += _legend(view)
    return print_parts(parts, options)


def render_catalog(
    briefings: Sequence[Briefing], options: OutputOptions, invalid: Sequence[InvalidFile] = ()
) -> str:
    """Render the loaded briefings, one entry each: id, title, date, items, languages, files.

    Then the invalid files left out, each with its first problem.
    """
    from briefing.formats.views import catalog, invalid_note

    parts: list[RenderableType] = []
    for entry in catalog(briefings):
        b = entry.briefing
        parts += id_lines(Text(one_line(b.id), style="bold"), options.width)
        with dating(b.language):
            facts = Text(as_of(b.as_of), style=MUTED)
        facts.append(" · " + ngettext("{n} item", "{n} items", len(b.items)).format(n=len(b.items)))
        facts.append(" · " + ", ".join(one_line(x) for x in entry.languages))
        body: list[RenderableType] = [Text(one_line(b.title)), facts]
        for name in entry.files:
            body += id_lines(Text(one_line(name), style=MUTED), options.width - 2, "/-.")
        parts.append(Padding(Group(*body), (0, 0, 1, 2)))
    if invalid:
        parts.append(Text(_("Invalid files, left out:"), style="bold"))
        for bad in invalid:
            parts += id_lines(Text(one_line(bad.file), style="bold"), options.width, "/-.")
            first = Text(one_line(str(bad.problems[0])))
            note = Text(one_line(invalid_note(bad)), style=MUTED)
            parts.append(Padding(Group(first, note), (0, 0, 1, 2)))
    return print_parts(parts, options)


def render_across(command: str, views: Sequence[Briefing], options: OutputOptions) -> str:
    """`--all`: each briefing's view after a heading with its id and as-of date, oldest first."""
    render = render_briefing if command == "show" else render_timeline
    out = []
    for view in views:
        with dating(view.language):
            label = one_line(view.id) + " · " + as_of(view.as_of)
            heading = print_parts([Heading(Text(label, style="bold reverse"), "bold")], options)
            out.append(heading.rstrip("\n") + "\n\n" + render(view, options))
    return "\n".join(out)


def render_watch(watch: Watch, options: OutputOptions) -> str:
    """What stands where as of a date, by theme: overdue, due soon, signposts seen, untracked."""
    briefing = watch.briefing
    view = View(briefing, options)
    parts = view.header()
    summary = Text(one_line(watch_summary(watch)), style=ALARM if watch.alarm else "bold")
    parts += ["", summary, ""]
    for group in watch_groups(watch):
        parts.append(view.heading(group.theme.title))
        for item in group.overdue:
            parts.append(_watch_item(view, item, _("OVERDUE"), ALARM))
        for item in group.due:
            parts.append(_watch_item(view, item, _("due soon"), "bold yellow"))
        for item, signposts in seen_by_item(group.seen):
            shown = [view.signpost(s) for s in signposts]
            parts.append(Group(view.text(item.title, "bold"), Padding(Group(*shown), (0, 0, 0, 2))))
        if group.untracked:
            parts.append(Text(_("Gaps in the tracking:"), style=MUTED))
            for item in group.untracked:
                line = view.text(item.title)
                line.append(" (" + gap_note(item) + ")", style=MUTED)
                parts.append(Hanging(Text("· ", style=MUTED), line))
        parts.append("")
    return print_parts(parts, options)


def _watch_item(view: View, item: Item, label: str, style: str) -> RenderableType:
    title = Hanging(
        Text("● ", style=style), view.text(item.title, "bold"), aside=Text(label, style=style)
    )
    due = due_note(item) or ""
    body = Text(one_line(due) + " · " + status_name(item.status), style=MUTED)
    return Group(title, Padding(body, (0, 0, 0, 2)))


RENDERER = Renderer(
    briefing=render_briefing,
    themes=render_themes,
    timeline=render_timeline,
    sources=render_sources,
    catalog=render_catalog,
    across=render_across,
    diff=render_diff,
    watch=render_watch,
)
