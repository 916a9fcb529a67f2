"""The terminal's parts: styles, a console rendering to text, wrapping paragraphs, the view."""

from __future__ import annotations

import io
import re
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.text import Text

from briefing.commands.search import spans
from briefing.delivery.console import OutputOptions
from briefing.formats.trackviews import due_note, overdue, signpost_note
from briefing.formats.views import (
    Citations,
    citation_grade,
    count_note,
    filter_notes,
    grade_lines,
    marking,
    other_themes,
    status_name,
    timeline,
)
from briefing.i18n import _, as_of, format_date
from briefing.model import Briefing, Item, Signpost, SourceRef
from briefing.text import one_line, visible
from briefing.tlp import BACKGROUND
from briefing.tlp import label as tlp_label

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


def print_parts(parts: list[RenderableType], options: OutputOptions) -> str:
    """The parts rendered one after another, as the text a terminal (or a pipe) gets."""
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
            for line in id_lines(self.prefix, options.max_width):
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


def id_lines(text: Text, width: int, breaks: str = "-") -> list[Text]:
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
            lines = id_lines(self.title, width, " -")
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


class View:
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
        """A section heading, in capitals."""
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
        """The marking, a panel with the title, subtitle, as-of date and parties, the filter."""
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
        """The sources cited, each once with its places, and their grades."""
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
        """One item: its title by status, summary, attribution, grades, tracking, sources."""
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
        """The dated events, one a line, dates aligned."""
        events = timeline(self.briefing)
        width = max((len(str(e.date)) for e in events), default=4) + 2
        width = max((len(format_date(e.date)) for e in events), default=4) + 2
        return Group(
            *(
                Hanging(Text(format_date(e.date), style="bold"), self.text(e.title), width)
                for e in events
            )
        )
