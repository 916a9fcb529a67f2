"""Terminal: a rich layout that fits the width, with colour only when wanted.

Data text is only ever wrapped in `rich.text.Text`, never parsed as markup or
emoji codes, and passes through `visible()` first, so no control sequence
from the data reaches the terminal.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.text import Text

from briefing.commands.search import spans
from briefing.delivery.console import OutputOptions
from briefing.formats.views import (
    Citations,
    Dated,
    citation_grade,
    count_note,
    date_span,
    due_note,
    filter_notes,
    gap_note,
    grade_legend,
    grade_lines,
    home_theme,
    marking,
    open_questions,
    other_themes,
    overdue,
    revisions,
    sections,
    seen_by_item,
    signpost_note,
    source_details,
    source_uses,
    status_name,
    theme_counts,
    timeline,
    tracking_dates,
    watch_groups,
    watch_summary,
)
from briefing.i18n import _, as_of, dating, format_date, ngettext
from briefing.model import Briefing, Item, Signpost, Source, SourceRef, TimelineEntry
from briefing.text import one_line, visible
from briefing.tlp import BACKGROUND
from briefing.tlp import label as tlp_label

if TYPE_CHECKING:
    from collections.abc import Sequence

    from briefing.commands.diff import Diff
    from briefing.commands.tracking import Watch
    from briefing.reading.loader import InvalidFile

STATUS_STYLE = {
    "planned": "bold cyan",
    "under-way": "bold yellow",
    "completed": "bold green",
    "unclear": "bold magenta",
}
HEADING = "bold"
MUTED = "dim"
MATCH = "black on yellow"
ALARM = "bold red"
SIGNPOST_MARK = {"not-yet-seen": "○ ", "observed": "● ", "contradicted": "✕ "}


def _console(options: OutputOptions) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        height=25,
        color_system="standard" if options.color else None,
        force_terminal=options.color,
        no_color=not options.color,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    return console, buffer


def _print(parts: list[RenderableType], options: OutputOptions) -> str:
    console, buffer = _console(options)
    for part in parts:
        # print() joins a Text into a plain one and renders it in one piece: in a Group a
        # Paragraph renders line by line, as it does inside any other renderable.
        console.print(Group(part) if isinstance(part, Paragraph) else part)
    # Drop the spaces Rich pads lines with, so copied text has no trailing blanks.
    return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))


# Text whose every character takes one cell, as rich measures it (checked by the tests):
# printable ASCII, Latin, Greek, Cyrillic and common punctuation. Only such text, on one
# line with single spaces, takes the fast path of `Paragraph`.
_ONE_CELL = re.compile(
    "[\x21-\x7e\xa1-\xac\xae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u038a\u038c"
    "\u038e-\u03a1\u03a3-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e]+"
    "(?: [\x21-\x7e\xa1-\xac\xae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u038a\u038c"
    "\u038e-\u03a1\u03a3-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e]+)*"
)


def one_cell_breaks(plain: str, width: int) -> list[int] | None:
    """Where rich would break `plain` to fit `width`, found a line (not a word) at a time.

    For text of one-cell characters and single spaces (what `one_line` leaves)
    the break after the last space within the width is rich's word wrap, and a
    word longer than the width is folded at the width, as rich folds it. None
    for any other text, which rich wraps itself.
    """
    if not _ONE_CELL.fullmatch(plain):
        return None
    breaks: list[int] = []
    start, size, folded = 0, len(plain), False
    while size - start > width:
        if folded and plain.find(" ", start, start + width + 1) == start + width:
            # rich folds a word with its trailing space: when the rest of the word fills
            # the line exactly, the space starts the next line.
            start, folded = start + width, False
        else:
            space = plain.rfind(" ", start + 1, start + width + 1)
            if space > start:
                start, folded = space + 1, False
            elif plain[start] == " ":  # that space, then a word that does not fit beside it
                start, folded = start + 1, False
            else:  # a word longer than the line: folded at the width
                start, folded = start + width, True
        breaks.append(start)
    return breaks


class Paragraph(Text):
    """Text that renders each wrapped line on its own, so a long paragraph costs linear time.

    Rich joins the wrapped lines of a Text into one segment and then splits
    that segment at each newline, copying the rest every time: quadratic in
    the length of the paragraph (a 4 MB one took 8 s). Each line rendered
    apart is the same output, in time that grows with the text; and text that
    `one_cell_breaks` can measure is broken a line at a time, not a word.
    """

    def __rich_console__(self, console: Console, options: Any) -> Any:
        width = options.max_width
        overflow = self.overflow or options.overflow or "fold"
        no_wrap = bool(self.no_wrap if self.no_wrap is not None else options.no_wrap)
        breaks = None if no_wrap or overflow != "fold" else one_cell_breaks(self.plain, width)
        if breaks is None:
            tab_size: int = console.tab_size if self.tab_size is None else self.tab_size
            lines: list[Text] = list(
                self.wrap(
                    console,
                    width,
                    justify=self.justify or options.justify or "default",
                    overflow=overflow,
                    tab_size=tab_size or 8,
                    no_wrap=no_wrap,
                )
            )
        elif not self.spans:  # one style throughout: each line is one segment of the text
            style = console.get_style(self.style) if self.style else None
            plain = self.plain
            starts = [0, *breaks]
            ends = [*breaks, len(plain)]
            last = len(starts) - 1
            for n, (start, end) in enumerate(zip(starts, ends, strict=True)):
                piece = plain[start:end]
                if len(piece) > width:  # only the spaces past the width go, as rich's rstrip_end
                    piece = piece[: max(width, len(piece.rstrip(" ")))]
                yield Segment(piece, style)
                yield Segment("\n" if n < last else self.end)
            return
        else:
            lines = list(self.divide(breaks))
            for line in lines:
                line.rstrip_end(width)
        last = len(lines) - 1
        for n, line in enumerate(lines):
            # Joined, as rich joins its lines: the line's own style becomes a span to render.
            yield from Text("").join([line]).render(console, end="\n" if n < last else self.end)


class Hanging:
    """A prefix such as `● ` or `2025  ` with text wrapped beside it (a hanging indent).

    Cheaper than a table grid, which Rich measures column by column. A prefix
    wider than the indent (a long source id) gets a line of its own, whole,
    and the text goes below it at the indent.
    """

    def __init__(
        self,
        prefix: Text | str,
        body: Text,
        width: int | None = None,
        aside: Text | None = None,
    ) -> None:
        self.prefix = prefix if isinstance(prefix, Text) else Text(prefix)
        self.body = body
        self.width = width if width is not None else self.prefix.cell_len
        self.aside = aside  # right-aligned on the first line, such as a status

    def __rich_console__(self, console: Console, options: Any) -> Any:
        aside = self.aside.cell_len + 2 if self.aside is not None else 0
        width = min(self.width, max(2, options.max_width // 2))
        if self.prefix.cell_len > width:  # too wide to hang text beside: a line of its own
            for line in _id_lines(self.prefix, options.max_width):
                line.end = "\n"
                yield line
            prefix: Text | None = None
        else:
            prefix = self.prefix
        room = max(1, options.max_width - width - aside)
        lines = self.body.wrap(console, room)
        indent = Text(" " * width)
        for n, line in enumerate(lines):
            head = Text()  # the prefix's own style stays on the prefix
            if n == 0 and prefix is not None:
                head.append_text(prefix)
                head.append(" " * max(0, width - head.cell_len))
            else:
                head.append_text(indent)
            head.append_text(line)
            if n == 0 and self.aside is not None:
                head.append(" " * (options.max_width - head.cell_len - self.aside.cell_len))
                head.append_text(self.aside)
            head.end = "\n"
            yield head


def _id_lines(text: Text, width: int, breaks: str = "-") -> list[Text]:
    """An id or a path on as many lines as it needs, broken after `breaks` where it can be."""
    plain = text.plain
    lines: list[Text] = []
    start = 0
    while cell_len(plain[start:]) > width:
        end, used = start, 0
        while end < len(plain) and used + cell_len(plain[end]) <= width:
            used += cell_len(plain[end])
            end += 1
        end = max(end, start + 1)  # a character wider than the width still moves on
        cut = max(plain.rfind(b, start, end) for b in breaks)
        if cut > start:
            end = cut + 1
        lines.append(text[start:end])
        start = end
    lines.append(text[start:])
    return lines


def _words(text: Text, console: Console, width: int) -> list[Text]:
    """Wrap text at spaces only: a word longer than the width is folded, never cut short."""
    return list(text.wrap(console, width, overflow="fold"))


class Heading:
    """A section heading: the title in full, wrapped if it must be, then a rule to the edge."""

    def __init__(self, title: Text, rule_style: str = MUTED) -> None:
        self.title = title
        self.rule_style = rule_style

    def __rich_console__(self, console: Console, options: Any) -> Any:
        width = options.max_width
        if any(cell_len(word) > width for word in self.title.plain.split()):
            # A word wider than the screen (a long source id): break after hyphens, not anywhere.
            lines = _id_lines(self.title, width, " -")
        else:
            lines = _words(self.title, console, width)
        for n, wrapped in enumerate(lines):
            wrapped.rstrip()
            line = Text()  # the rule takes its own style, not the title's
            line.append_text(wrapped)
            if n == len(lines) - 1 and width - line.cell_len >= 3:
                line.append(" ")
                line.append("─" * (width - line.cell_len), style=self.rule_style)
            line.end = "\n"
            yield line


class _View:
    """Builds renderables for one briefing, highlighting its search text."""

    def __init__(self, briefing: Briefing, options: OutputOptions | None = None) -> None:
        self.briefing = briefing
        self.query = briefing.search
        self.today = options.today if options is not None else None

    def text(self, text: str, style: str = "", single: bool = True) -> Text:
        """Data text made safe, on one line (or as paragraphs), with matches highlighted."""
        shown = Paragraph(one_line(text) if single else visible(text), style=style)
        if self.query:
            for start, end in spans(shown.plain, self.query):
                shown.stylize(MATCH, start, end)
        return shown

    def heading(self, title: str) -> Heading:
        return Heading(Text(one_line(title).upper(), style=HEADING))

    def marking(self) -> list[RenderableType]:
        """The handling marking as the first line, in FIRST's colour on black; none if unmarked."""
        mark = marking(self.briefing)
        if mark is None:
            return []
        line = Text()
        line.append(f" {mark.label} ", style=f"bold {mark.colour} on {BACKGROUND}")
        line.append(" " + mark.audience, style=MUTED)
        return [line]

    def header(self) -> list[RenderableType]:
        briefing = self.briefing
        lines: list[RenderableType] = [self.text(briefing.title, "bold")]
        if briefing.subtitle:
            lines.append(self.text(briefing.subtitle, "italic"))
        facts = Text(as_of(briefing.as_of), style=MUTED)
        for party in briefing.parties:
            facts.append(" · ", style=MUTED)
            facts.append(one_line(party.name), style="bold")
            if party.forces:
                facts.append(f" ({one_line(party.forces)})", style=MUTED)
        lines.append(facts)
        parts: list[RenderableType] = [
            *self.marking(),
            Panel(Group(*lines), box=box.ROUNDED, padding=(0, 1)),
        ]
        notes = filter_notes(briefing)
        if notes:
            note = Text(_("Filtered:") + " ", style="bold yellow")
            for n, (label, value) in enumerate(notes):
                note.append(" · " * (n > 0) + f"{label} ", style=MUTED)
                searched = briefing.search is not None and n == len(notes) - 1
                note.append(one_line(value), style=MATCH if searched else "bold")
            note.append(f" ({count_note(briefing)})", style=MUTED)
            parts.append(note)
        return parts

    def cite(self, refs: tuple[SourceRef, ...], item: Item | Signpost | None = None) -> Text:
        # Each source once, with its places grouped, as in the Markdown and HTML exports.
        text = Text(_("Sources:") + " ", style=MUTED)
        for n, (source, places) in enumerate(Citations(refs).grouped(refs)):
            if n:
                text.append(" · ", style=MUTED)
            text.append(one_line(source), style="bold")
            grade = citation_grade(self.briefing, SourceRef(source, None), item)
            if grade:
                text.append(f" [{one_line(grade)}]")
            if places:
                text.append(", " + "; ".join(one_line(place) for place in places))
        return text

    def item(self, item: Item) -> RenderableType:
        style = STATUS_STYLE[item.status]
        title = Hanging(
            Text("● ", style=style),
            self.text(item.title, style),
            aside=Text(status_name(item.status), style=style),
        )
        body: list[RenderableType] = [self.text(item.summary)]
        if item.attribution:
            line = Text(_("According to:") + " ", style=MUTED)
            line.append_text(self.text(item.attribution, "italic"))
            body.append(line)
        for parts in grade_lines(item):
            line = Text()
            for n, (label, words) in enumerate(parts):
                if n:
                    line.append(" · ", style=MUTED)
                if words is None:
                    line.append(label, style=MUTED)
                    continue
                line.append(_("{label}:").format(label=label) + " ", style=MUTED)
                line.append(one_line(words), style="bold" if item.assessment else "")
            body.append(line)
        if item.tlp is not None:
            body.append(Text(_("Marking:") + " " + tlp_label(item.tlp), style="bold"))
        body += self.tracking(item)
        body.append(self.cite(item.sources, item))
        others = other_themes(item, self.briefing)
        if others:
            names = ", ".join(one_line(t.title) for t in others)
            body.append(Text(_("Also:") + " " + names, style=MUTED))
        return Group(title, Padding(Group(*body), (0, 0, 1, 2)))

    def tracking(self, item: Item) -> list[RenderableType]:
        """An item's due date (marked when overdue) and its signposts."""
        lines: list[RenderableType] = []
        due = due_note(item)
        if due is not None:
            line = Text(one_line(due[:1].upper() + due[1:]))
            if overdue(item, self.today):
                line.append("  " + _("OVERDUE"), style=ALARM)
            lines.append(line)
        if item.signposts:
            lines.append(Text(_("Signposts:"), style=MUTED))
            lines += [self.signpost(s) for s in item.signposts]
        return lines

    def signpost(self, signpost: Signpost) -> RenderableType:
        """One signpost: a mark for its status, its text, then its standing and sources."""
        style = ALARM if signpost.status == "contradicted" else ""
        body = self.text(signpost.text, style)
        body.append("\n" + one_line(signpost_note(signpost)), style=MUTED)
        if signpost.sources:
            body.append("\n")
            body.append_text(self.cite(signpost.sources, signpost))
        return Hanging(Text(SIGNPOST_MARK[signpost.status], style=style or MUTED), body)

    def timeline_list(self) -> Group:
        events = timeline(self.briefing)
        width = max((len(str(e.date)) for e in events), default=4) + 2
        width = max((len(format_date(e.date)) for e in events), default=4) + 2
        return Group(
            *(
                Hanging(Text(format_date(e.date), style="bold"), self.text(e.title), width)
                for e in events
            )
        )


def render_briefing(briefing: Briefing, options: OutputOptions) -> str:
    """Render the (possibly filtered) briefing for a terminal of `options.width` columns."""
    view = _View(briefing, options)
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
    return _print(parts, options)


def _legend(view: _View, briefing: Briefing | None = None) -> list[RenderableType]:
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
        return _print(parts, options)

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
    return _print([table], options)


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
    view = _View(briefing)
    parts = view.header()
    parts += ["", view.heading(_("Timeline"))]
    events = timeline(briefing)
    tracked = tracking_dates(briefing)
    if not events and not tracked:
        parts.append(Text(_("No timeline entries match."), style="italic"))
        return _print(parts, options)
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
    return _print(parts, options)


def render_sources(briefing: Briefing, options: OutputOptions) -> str:
    """Render each source with the items and timeline entries that cite it, and where."""
    view = _View(briefing)
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
    return _print(parts, options)


def render_catalog(
    briefings: list[Briefing], options: OutputOptions, invalid: Sequence[InvalidFile] = ()
) -> str:
    """Render the loaded briefings, one entry each: id, title, date, items, languages, files.

    Then the invalid files left out, each with its first problem.
    """
    from briefing.formats.views import catalog, invalid_note

    parts: list[RenderableType] = []
    for entry in catalog(briefings):
        b = entry.briefing
        parts += _id_lines(Text(one_line(b.id), style="bold"), options.width)
        with dating(b.language):
            facts = Text(as_of(b.as_of), style=MUTED)
        facts.append(" · " + ngettext("{n} item", "{n} items", len(b.items)).format(n=len(b.items)))
        facts.append(" · " + ", ".join(one_line(x) for x in entry.languages))
        body: list[RenderableType] = [Text(one_line(b.title)), facts]
        for name in entry.files:
            body += _id_lines(Text(one_line(name), style=MUTED), options.width - 2, "/-.")
        parts.append(Padding(Group(*body), (0, 0, 1, 2)))
    if invalid:
        parts.append(Text(_("Invalid files, left out:"), style="bold"))
        for bad in invalid:
            parts += _id_lines(Text(one_line(bad.file), style="bold"), options.width, "/-.")
            first = Text(one_line(str(bad.problems[0])))
            note = Text(one_line(invalid_note(bad)), style=MUTED)
            parts.append(Padding(Group(first, note), (0, 0, 1, 2)))
    return _print(parts, options)


def render_across(command: str, views: list[Briefing], options: OutputOptions) -> str:
    """`--all`: each briefing's view after a heading with its id and as-of date, oldest first."""
    render = render_briefing if command == "show" else render_timeline
    out = []
    for view in views:
        with dating(view.language):
            label = one_line(view.id) + " · " + as_of(view.as_of)
            heading = _print([Heading(Text(label, style="bold reverse"), "bold")], options)
            out.append(heading.rstrip("\n") + "\n\n" + render(view, options))
    return "\n".join(out)


def render_watch(watch: Watch, options: OutputOptions) -> str:
    """What stands where as of a date, by theme: overdue, due soon, signposts seen, untracked."""
    briefing = watch.briefing
    view = _View(briefing, options)
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
    return _print(parts, options)


def _watch_item(view: _View, item: Item, label: str, style: str) -> RenderableType:
    title = Hanging(
        Text("● ", style=style), view.text(item.title, "bold"), aside=Text(label, style=style)
    )
    due = due_note(item) or ""
    body = Text(one_line(due) + " · " + status_name(item.status), style=MUTED)
    return Group(title, Padding(body, (0, 0, 0, 2)))


def _marked(words: tuple[tuple[str, str], ...]) -> str:
    """Words with what was removed `[-so-]` and added `{+so+}`, as `git diff --word-diff`."""
    return _worded(words, {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"})[0]


# A removed run and an added one in colour, as `git diff --word-diff=color` shows them
# (struck through as well, so the change reads without telling red from green).
WORD_STYLES = {"-": "red strike", "+": "green"}


def _worded(
    words: tuple[tuple[str, str], ...], forms: dict[str, str]
) -> tuple[str, list[tuple[int, int, str]]]:
    """The words on one line, each run in its form, and where each changed run lies."""
    out, spans = "", []
    for n, (kind, text) in enumerate(words):
        piece = forms[kind].format(one_line(text))
        # A removal and the addition that replaces it stand together, as in git.
        glued = kind == "+" and n > 0 and words[n - 1][0] == "-"
        out += piece if not out or glued else " " + piece
        if kind != "=":
            spans.append((len(out) - len(piece), len(out), kind))
    return out, spans


def _coloured_words(
    words: tuple[tuple[str, str], ...], width: int, first: str, indent: str
) -> list[str]:
    """Changed words wrapped as the plain ones are, the changed runs in colour, not marked.

    The text is wrapped first, then each line's share of each changed run is
    styled; the data is never read as markup, and `one_line` has made its
    control characters visible, so only these styles reach the terminal.
    """
    from rich.color import ColorSystem
    from rich.style import Style

    from briefing.formats.difftext import wrap

    plain, spans = _worded(words, {"=": "{}", "-": "{}", "+": "{}"})
    styles = {kind: Style.parse(WORD_STYLES[kind]) for kind in WORD_STYLES}
    out, position = [], 0
    for number, line in enumerate(wrap(plain, width, first, indent)):
        prefix = first if number == 0 else indent
        content = line[len(prefix) :]
        while plain.startswith(" ", position):  # the space a line break took
            position += 1
        start, end = position, position + len(content)
        shown, at = line[: len(prefix)], start
        for left, right, kind in spans:
            left, right = max(left, start), min(right, end)
            if left >= right:
                continue
            shown += plain[at:left]
            shown += styles[kind].render(plain[left:right], color_system=ColorSystem.STANDARD)
            at = right
        out.append(shown + plain[at:end])
        position = end
    return out


def render_diff(d: Diff, options: OutputOptions) -> str:
    """Plain lines with a symbol AND a word for each change, wrapped to the width.

    A wrapped line continues under its text, after the symbol and word, as in
    the other terminal views; a changed text marks its words as git does: in
    colour when colour is on (removed red and struck through, added green),
    else between `[-…-]` and `{+…+}`.
    """
    from briefing.formats.difftext import sections, title, wrap

    width = options.width
    out = wrap(one_line(title(d)), width)
    if d.theme_titles:
        themes = _("Themes: {themes}").format(themes=", ".join(d.theme_titles))
        out += wrap(one_line(themes), width)
    out.append("")
    for heading, lines in sections(d):
        out += wrap(one_line(heading.upper()), width)
        for line in lines:
            word = one_line(_("{label}:").format(label=line.word))
            out += wrap(one_line(line.text), width, f"  {line.symbol} {word} ", "    ")
            for row in line.detail:
                label = one_line(_("{label}:").format(label=row.label))
                first = f"      {label} "
                # Values continue under themselves, unless the label takes half the line.
                indent = " " * min(cell_len(first), width // 2)
                if row.words and options.color:
                    out += _coloured_words(row.words, width, first, indent)
                    continue
                if row.words:
                    out += wrap(_marked(row.words), width, first, indent)
                    continue
                out += wrap(one_line(row.old), width, first, indent)
                if row.new is not None:
                    arrow = " " * (cell_len(first) - 2) + "→ "
                    out += wrap(one_line(row.new), width, arrow, indent)
        out.append("")
    if d.empty:
        out += [*wrap(_("No differences."), width), ""]
    return "\n".join(out).rstrip("\n") + "\n"
