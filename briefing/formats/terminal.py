"""Terminal: a rich layout that fits the width, with colour only when wanted.

Data text is only ever wrapped in `rich.text.Text`, never parsed as markup or
emoji codes, and passes through `visible()` first, so no control sequence
from the data reaches the terminal.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..layout import (
    focus_titles,
    home_theme,
    open_questions,
    other_themes,
    sections,
    theme_counts,
    timeline,
)
from ..model import Briefing, Item, SourceRef
from ..output import OutputOptions
from ..text import one_line, visible

STATUS_STYLE = {
    "planned": "bold cyan",
    "under-way": "bold yellow",
    "completed": "bold green",
    "unclear": "bold magenta",
}
HEADING = "bold"
MUTED = "dim"


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


def _trim(rendered: str) -> str:
    """Drop the spaces Rich pads lines with, so copied text has no trailing blanks."""
    return "\n".join(line.rstrip(" ") for line in rendered.split("\n"))


def _text(text: str, style: str = "") -> Text:
    return Text(one_line(text), style=style)


def _heading(title: str) -> Rule:
    return Rule(Text(title.upper(), style=HEADING), align="left", style=MUTED)


def _cite(refs: tuple[SourceRef, ...]) -> Text:
    text = Text("Sources: ", style=MUTED)
    for n, ref in enumerate(refs):
        if n:
            text.append("; ", style=MUTED)
        text.append(one_line(ref.source), style="bold")
        if ref.locator:
            text.append(", " + one_line(ref.locator))
    return text


def _item(briefing: Briefing, item: Item) -> RenderableType:
    title = Table.grid(padding=(0, 1), expand=True)
    title.add_column(no_wrap=True)
    title.add_column(ratio=1)
    title.add_column(no_wrap=True, justify="right")
    title.add_row(
        Text("●", style=STATUS_STYLE[item.status]),
        _text(item.title, "bold"),
        Text(" " + item.status, style=STATUS_STYLE[item.status]),
    )
    body: list[RenderableType] = [Text(one_line(item.summary))]
    if item.attribution:
        line = Text("According to: ", style=MUTED)
        line.append(one_line(item.attribution), style="italic")
        body.append(line)
    body.append(_cite(item.sources))
    others = other_themes(item, briefing)
    if others:
        body.append(Text("Also: " + ", ".join(one_line(t.title) for t in others), style=MUTED))
    return Group(title, Padding(Group(*body), (0, 0, 1, 2)))


def _header(briefing: Briefing) -> Panel:
    lines: list[RenderableType] = [_text(briefing.title, "bold")]
    if briefing.subtitle:
        lines.append(_text(briefing.subtitle, "italic"))
    facts = Text(f"As of {briefing.as_of}", style=MUTED)
    for party in briefing.parties:
        facts.append(" · ", style=MUTED)
        facts.append(one_line(party.name), style="bold")
        if party.forces:
            facts.append(f" ({one_line(party.forces)})", style=MUTED)
    lines.append(facts)
    return Panel(Group(*lines), box=box.ROUNDED, padding=(0, 1))


def render_briefing(briefing: Briefing, options: OutputOptions) -> str:
    """Render the (possibly filtered) briefing for a terminal of `options.width` columns."""
    console, buffer = _console(options)
    parts: list[RenderableType] = [_header(briefing)]
    if briefing.focus:
        note = Text("Filtered to themes: ", style="bold yellow")
        note.append(", ".join(visible(t) for t in focus_titles(briefing)))
        note.append(f" ({len(briefing.items)} items)", style=MUTED)
        parts.append(note)
    parts += ["", _heading("Bottom line")]
    for paragraph in briefing.paragraphs():
        parts.append(Padding(Text(visible(paragraph)), (0, 0, 1, 0)))
    for section in sections(briefing):
        parts.append(_heading(one_line(section.theme.title)))
        if section.theme.description:
            parts.append(Padding(_text(section.theme.description, "italic " + MUTED), (0, 0, 1, 0)))
        parts += [_item(briefing, item) for item in section.items]
        if section.related:
            table = Table.grid(padding=(0, 1))
            table.add_column(no_wrap=True, style=MUTED)
            table.add_column()
            for item in section.related:
                text = _text(item.title)
                home = briefing.theme(home_theme(item, briefing)).title
                text.append(f" (see {one_line(home)})", style=MUTED)
                table.add_row("↳", text)
            parts += [Text("Also under this theme:", style=MUTED), table, ""]
    if not briefing.items:
        parts += [Text("No items match this filter.", style="italic"), ""]
    asked = open_questions(briefing)
    if asked:
        parts.append(_heading("What we don’t know"))
        for item in asked:
            table = Table.grid(padding=(0, 1))
            table.add_column(no_wrap=True)
            table.add_column()
            for question in item.open_questions:
                table.add_row(Text("?", style="bold magenta"), _text(question))
            parts += [_text(item.title, "bold"), Padding(table, (0, 0, 1, 2))]
    events = timeline(briefing)
    if events:
        parts.append(_heading("Timeline"))
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column()
        for event in events:
            table.add_row(str(event.date), _text(event.title))
        parts += [table, ""]
    if briefing.sources:
        parts.append(_heading("Sources"))
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column()
        for source in briefing.sources:
            text = _text(source.title)
            details = [one_line(d) for d in (source.kind, source.language) if d]
            if source.published:
                details.append(f"published {source.published}")
            if details:
                text.append(f" ({', '.join(details)})", style=MUTED)
            if source.url:
                text.append("\n" + visible(source.url), style="underline")
            table.add_row(one_line(source.id), text)
        parts.append(table)
    for part in parts:
        console.print(part)
    return _trim(buffer.getvalue())


def render_themes(briefing: Briefing, options: OutputOptions) -> str:
    """Render the themes with their descriptions, item counts and a bar of their share."""
    console, buffer = _console(options)
    table = Table(
        title=_text(briefing.title, "bold"),
        box=box.SIMPLE_HEAD,
        expand=False,
        show_edge=False,
        pad_edge=False,
        leading=1,
    )
    table.add_column("Theme", ratio=3)
    table.add_column("Items", justify="right", no_wrap=True)
    table.add_column("Share", no_wrap=True)
    table.add_column("Description", ratio=5)
    bar_width = 10
    for c in theme_counts(briefing):
        name = _text(c.theme.title, "bold")
        names = [c.theme.id, *c.theme.aliases]
        name.append("\n" + ", ".join(one_line(n) for n in names), style=MUTED)
        filled = round(c.share * bar_width)
        bar = Text("█" * filled, style="cyan")
        bar.append("░" * (bar_width - filled), style=MUTED)
        table.add_row(name, str(c.count), bar, _text(c.theme.description or ""))
    console.print(table)
    return _trim(buffer.getvalue())
