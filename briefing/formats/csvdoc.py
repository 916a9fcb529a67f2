"""CSV for spreadsheets: one row per item, timeline entry, theme or source (RFC 4180, UTF-8).

The header row holds English ids, the same in every language, so a sheet or a
script can find its columns; the cells are in the briefing's language. Values
with several parts (themes, sources, open questions) are joined with "; ".
A cell that a spreadsheet would run as a formula is neutralised as OWASP
recommends, and control characters become visible escapes, so data never
becomes code in a sheet or on a terminal.
"""

from __future__ import annotations

import csv as _csv
import io
import unicodedata
from collections.abc import Iterable, Sequence

from briefing import tlp
from briefing.delivery.console import OutputOptions
from briefing.formats import Renderer
from briefing.formats.trackviews import overdue, setter_name, signpost_status_name
from briefing.formats.views import (
    Citations,
    sections,
    source_uses,
    status_name,
    theme_counts,
    timeline,
)
from briefing.grades import KINDS, confidence_word, credibility_text, label, likelihood_text
from briefing.i18n import _, speaking
from briefing.model import Briefing, Item, PartialDate, SourceRef
from briefing.text import visible

SEPARATOR = "; "

# What a spreadsheet reads as the start of a formula or a command (OWASP, "CSV Injection";
# ASVS 5.0, 1.2.10): such a cell gets a leading apostrophe, which spreadsheets show as text
# and never run. The characters that open a formula count after any leading whitespace or
# control or format characters too (` =1+1`, a line break then `@SUM(…)`), since an
# importer that trims them, or a user who does, would run what follows.
FORMULA_TRIGGERS = ("=", "+", "-", "@")
FORMULA_STARTS = (*FORMULA_TRIGGERS, "\t", "\r", "\n", "\0")

ITEM_COLUMNS = (
    "id",
    "title",
    "themes",
    "status",
    "kind",
    "credibility",
    "confidence",
    "likelihood",
    "attribution",
    "summary",
    "sources",
    "open_questions",
    "expected_by",
    "expected_by_set_by",
    "overdue",
    "signposts",
    "tlp",
)
# The tracking columns: the due date as written (`2026`, `2026-06`), who set it, whether
# the item is overdue as of the day the table is written (empty without a due date), and
# each signpost as `id: status`, the separator fixed so that a script can split the cell.
# Every table ends with `tlp`: the handling marking of the row (an item's own, else the
# briefing's), `TLP:AMBER`, or empty when the data marks nothing.
TIMELINE_COLUMNS = ("date", "title", "themes", "sources", "tlp")
THEME_COLUMNS = ("id", "title", "aliases", "description", "items", "tlp")
SOURCE_COLUMNS = (
    "id",
    "title",
    "kind",
    "language",
    "published",
    "url",
    "reliability",
    "grade_note",
    "publisher",
    "author",
    "accessed",
    "archived_url",
    "cited_by",
    "tlp",
)


def cell(text: str) -> str:
    """A value made safe for a spreadsheet: control characters escaped, formulas made text.

    The check runs on the escaped text, whose only possible tab is the data's own:
    carriage returns and other controls are already `\\x0d`-style escapes by then.
    """
    shown = visible(text)
    if runs_as_formula(shown):
        return "'" + shown
    return shown


def runs_as_formula(text: str) -> bool:
    """Whether a spreadsheet could take the cell for a formula, leading blanks and all."""
    if text.startswith(FORMULA_STARTS):
        return True
    start = 0
    while start < len(text) and (
        text[start].isspace() or unicodedata.category(text[start]) in ("Cc", "Cf")
    ):
        start += 1
    return text.startswith(FORMULA_TRIGGERS, start)


def table(
    header: Sequence[str], rows: Iterable[Sequence[str]], briefing: Briefing | None = None
) -> str:
    """The rows as RFC 4180 CSV: CRLF line ends, fields quoted when they need it.

    When `--max-tlp` left items out of the briefing, a last row says so: its first
    cell is empty (no item, theme, source or timeline entry has an empty id or
    date), its second holds the note in the briefing's language, and the rest are empty.
    """
    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\r\n", quoting=_csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([cell(value) for value in row] for row in rows)
    if briefing is not None and briefing.withheld and briefing.max_tlp is not None:
        with speaking(briefing.language):
            note = tlp.withheld_note(briefing.withheld, briefing.max_tlp)
        writer.writerow(["", cell(note), *[""] * (len(header) - 2)])
    return out.getvalue()


def _cited(refs: Sequence[SourceRef], citations: Citations) -> str:
    """`article (intro ¶1, p. 3); memo`: each source once, with its places, in citation order."""
    parts = []
    for source, places in citations.grouped(refs):
        parts.append(f"{source} ({', '.join(places)})" if places else source)
    return SEPARATOR.join(parts)


def _marking(*codes: str | None) -> str:
    """The strictest of some markings as FIRST writes it, or "" when none is marked."""
    code = tlp.strictest(codes)
    return tlp.label(code) if code is not None else ""


def _item_row(
    item: Item, citations: Citations, briefing: Briefing, today: PartialDate | None
) -> list[str]:
    assessment = item.assessment
    return [
        item.id,
        item.title,
        SEPARATOR.join(item.themes),
        status_name(item.status),
        label(KINDS, item.kind or "report"),
        credibility_text(item.credibility),
        confidence_word(item.confidence) if assessment else "",
        likelihood_text(item.likelihood) if assessment and item.likelihood else "",
        item.attribution or "",
        item.summary,
        _cited(item.sources, citations),
        SEPARATOR.join(item.open_questions),
        *_tracking(item, today),
        _marking(briefing.tlp, item.tlp),
    ]


def _tracking(item: Item, today: PartialDate | None) -> list[str]:
    """The tracking cells: due date, who set it, overdue as of `today`, signposts."""
    due = item.expected_by
    late = ""
    if due is not None and today is not None:
        late = _("yes") if overdue(item, today) else _("no")
    return [
        str(due) if due is not None else "",
        setter_name(item.expected_by_set_by) if item.expected_by_set_by else "",
        late,
        SEPARATOR.join(f"{s.id}: {signpost_status_name(s.status)}" for s in item.signposts),
    ]


def render_briefing(briefing: Briefing, options: OutputOptions) -> str:
    """One row per item, in reading order (by theme, as every format shows them)."""
    with speaking(briefing.language):
        citations = Citations.of(briefing)
        items = [item for section in sections(briefing) for item in section.items]
        rows = (_item_row(item, citations, briefing, options.today) for item in items)
        return table(ITEM_COLUMNS, rows, briefing)


def render_timeline(briefing: Briefing, options: OutputOptions) -> str:
    """One row per timeline entry, in date order; the date as written (`2025`, `2025-06`)."""
    with speaking(briefing.language):
        entries = timeline(briefing)
        citations = Citations([r for e in entries for r in e.sources])
        rows = (
            [
                str(e.date),
                e.title,
                SEPARATOR.join(e.themes),
                _cited(e.sources, citations),
                _marking(briefing.tlp),
            ]
            for e in entries
        )
        return table(TIMELINE_COLUMNS, rows, briefing)


def render_themes(briefing: Briefing, options: OutputOptions) -> str:
    """One row per theme, with its other names and how many items carry it."""
    rows = (
        [
            c.theme.id,
            c.theme.title,
            SEPARATOR.join(c.theme.aliases),
            c.theme.description or "",
            str(c.items),
            # A theme's row counts the items that carry it: it holds their markings.
            _marking(briefing.tlp, *(i.tlp for i in briefing.items if c.theme.id in i.themes)),
        ]
        for c in theme_counts(briefing)
    )
    return table(THEME_COLUMNS, rows, briefing)


def render_sources(briefing: Briefing, options: OutputOptions) -> str:
    """One row per source, with its descriptors and what cites it (item ids, timeline dates)."""
    with speaking(briefing.language):
        rows = []
        for source, uses in source_uses(briefing):
            cited_by = [
                use.item.id if use.item is not None else str(use.entry.date) if use.entry else ""
                for use in uses
            ]
            rows.append(
                [
                    source.id,
                    source.title,
                    source.kind or "",
                    source.language or "",
                    str(source.published) if source.published else "",
                    source.url or "",
                    source.reliability or "",
                    source.grade_note or "",
                    source.publisher or "",
                    source.author or "",
                    str(source.accessed) if source.accessed else "",
                    source.archived_url or "",
                    SEPARATOR.join(dict.fromkeys(cited_by)),
                    _marking(briefing.tlp, *(u.item.tlp for u in uses if u.item is not None)),
                ]
            )
        return table(SOURCE_COLUMNS, rows, briefing)


# Rows of one briefing: no `--all`, no catalogue, no diff.
RENDERER = Renderer(
    briefing=render_briefing,
    themes=render_themes,
    timeline=render_timeline,
    sources=render_sources,
)
