"""What changed between two editions of a briefing: a pure `diff`, and how each format shows it.

Items, themes and sources are matched by id; timeline entries, which have no
id, by title (an entry whose date changed is re-dated, not removed and added).
The revisions in between are the newer edition's revisions that the older one
does not have. The terminal and Markdown renderers live here; JSON is in formats/jsondoc.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from briefing.errors import UsageError
from briefing.i18n import _, format_date
from briefing.model import (
    Briefing,
    Item,
    PartialDate,
    Revision,
    Source,
    SourceRef,
    Theme,
    TimelineEntry,
)

# A changed value as the data holds it: text, a number, a list, or None when absent.
Value = str | int | list[Any] | None


class Change(NamedTuple):
    """One field that differs: its name (as in the data) and both raw values (None: absent)."""

    field: str
    old: Value
    new: Value


class ItemChange(NamedTuple):
    """An item present in both editions, and what differs in it."""

    id: str
    title: str
    changes: tuple[Change, ...]


class SourceChange(NamedTuple):
    """A source present in both editions, and what differs in it (its grade, its descriptor)."""

    id: str
    title: str
    changes: tuple[Change, ...]


class Redated(NamedTuple):
    """A timeline entry found in both editions under another date."""

    title: str
    old: TimelineEntry
    new: TimelineEntry


class Diff(NamedTuple):
    """Everything that differs between an older and a newer edition of one briefing."""

    old: Briefing
    new: Briefing
    items_added: tuple[Item, ...] = ()
    items_removed: tuple[Item, ...] = ()
    items_changed: tuple[ItemChange, ...] = ()
    themes_added: tuple[Theme, ...] = ()
    themes_removed: tuple[Theme, ...] = ()
    sources_added: tuple[Source, ...] = ()
    sources_removed: tuple[Source, ...] = ()
    sources_changed: tuple[SourceChange, ...] = ()
    timeline_added: tuple[TimelineEntry, ...] = ()
    timeline_removed: tuple[TimelineEntry, ...] = ()
    timeline_redated: tuple[Redated, ...] = ()
    revisions: tuple[Revision, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether the two editions hold the same things (revisions aside)."""
        return not any(
            (
                self.items_added,
                self.items_removed,
                self.items_changed,
                self.themes_added,
                self.themes_removed,
                self.sources_added,
                self.sources_removed,
                self.sources_changed,
                self.timeline_added,
                self.timeline_removed,
                self.timeline_redated,
            )
        )


def check_comparable(old: Briefing, new: Briefing) -> None:
    """Refuse two briefings that are not editions of one briefing in one language."""
    if old.id != new.id:
        raise UsageError(
            _("cannot compare `{old}` with `{new}`: they are different briefings").format(
                old=old.id, new=new.id
            ),
            _("compare two editions of one briefing: the same id, another as_of"),
        )
    if old.language != new.language or (old.translation_of is None) != (new.translation_of is None):
        raise UsageError(
            _(
                "cannot compare the `{old}` version of `{id}` with its `{new}` version: "
                "a translation differs from its original in every text"
            ).format(old=old.language, new=new.language, id=old.id),
            _("compare two editions in one language, with --lang to choose it"),
        )


def _refs(refs: tuple[SourceRef, ...]) -> list[dict[str, str | None]]:
    return [{"source": r.source, "locator": r.locator} for r in refs]


def _date(date: PartialDate | None) -> str | None:
    return None if date is None else str(date)


def _changes(pairs: Iterable[tuple[str, Value, Value]]) -> tuple[Change, ...]:
    return tuple(Change(name, a, b) for name, a, b in pairs if a != b)


def _item_changes(old: Item, new: Item) -> tuple[Change, ...]:
    # An absent kind is a report: writing `kind: report` out is no change.
    return _changes(
        (
            ("title", old.title, new.title),
            ("summary", old.summary, new.summary),
            ("status", old.status, new.status),
            ("themes", list(old.themes), list(new.themes)),
            ("attribution", old.attribution, new.attribution),
            ("kind", old.kind or "report", new.kind or "report"),
            ("credibility", old.credibility, new.credibility),
            ("confidence", old.confidence, new.confidence),
            ("likelihood", old.likelihood, new.likelihood),
            ("tlp", old.tlp, new.tlp),
            ("sources", _refs(old.sources), _refs(new.sources)),
            ("open_questions", list(old.open_questions), list(new.open_questions)),
        )
    )


def _source_changes(old: Source, new: Source) -> tuple[Change, ...]:
    return _changes(
        (
            ("title", old.title, new.title),
            ("reliability", old.reliability, new.reliability),
            ("grade_note", old.grade_note, new.grade_note),
            ("kind", old.kind, new.kind),
            ("language", old.language, new.language),
            ("published", _date(old.published), _date(new.published)),
            ("url", old.url, new.url),
            ("publisher", old.publisher, new.publisher),
            ("author", old.author, new.author),
            ("accessed", _date(old.accessed), _date(new.accessed)),
            ("archived_url", old.archived_url, new.archived_url),
        )
    )


def _wanted(themes: Iterable[str], theme_ids: tuple[str, ...]) -> bool:
    return not theme_ids or bool(set(themes).intersection(theme_ids))


def diff(old: Briefing, new: Briefing, theme_ids: tuple[str, ...] = ()) -> Diff:
    """Compare an older edition with a newer one, by id; `theme_ids` keeps what carries them.

    With themes, an item or timeline entry is kept when either edition of it
    carries one of them; a theme when it is one of them; a source when an item
    or entry kept cites it in either edition.
    """
    old_items = {i.id: i for i in old.items}
    new_items = {i.id: i for i in new.items}
    added = tuple(i for i in new.items if i.id not in old_items and _wanted(i.themes, theme_ids))
    removed = tuple(i for i in old.items if i.id not in new_items and _wanted(i.themes, theme_ids))
    changed = []
    for item in new.items:
        before = old_items.get(item.id)
        if before is None or not _wanted((*before.themes, *item.themes), theme_ids):
            continue
        changes = _item_changes(before, item)
        if changes:
            changed.append(ItemChange(item.id, item.title, changes))

    old_themes = {t.id for t in old.themes}
    new_themes = {t.id for t in new.themes}
    themes_added = tuple(
        t for t in new.themes if t.id not in old_themes and _wanted((t.id,), theme_ids)
    )
    themes_removed = tuple(
        t for t in old.themes if t.id not in new_themes and _wanted((t.id,), theme_ids)
    )

    # Timeline entries by title; entries sharing a title are paired in date order.
    def by_title(entries: Iterable[TimelineEntry]) -> dict[str, list[TimelineEntry]]:
        grouped: dict[str, list[TimelineEntry]] = {}
        for entry in sorted(entries, key=lambda e: e.date.sort_key()):
            grouped.setdefault(entry.title, []).append(entry)
        return grouped

    olds, news = by_title(old.timeline), by_title(new.timeline)
    t_added: list[TimelineEntry] = []
    t_removed: list[TimelineEntry] = []
    redated: list[Redated] = []
    for title in dict.fromkeys([*olds, *news]):
        earlier, later = olds.get(title, []), news.get(title, [])
        for a, b in zip(earlier, later, strict=False):
            if a.date != b.date and _wanted((*a.themes, *b.themes), theme_ids):
                redated.append(Redated(title, a, b))
        t_removed += [e for e in earlier[len(later) :] if _wanted(e.themes, theme_ids)]
        t_added += [e for e in later[len(earlier) :] if _wanted(e.themes, theme_ids)]

    cited: set[str] | None = None
    if theme_ids:
        kept = [i.sources for i in (*old.items, *new.items) if _wanted(i.themes, theme_ids)]
        kept += [e.sources for e in (*old.timeline, *new.timeline) if _wanted(e.themes, theme_ids)]
        cited = {r.source for refs in kept for r in refs}
    old_sources = {s.id for s in old.sources}
    new_sources = {s.id for s in new.sources}
    sources_added = tuple(
        s for s in new.sources if s.id not in old_sources and (cited is None or s.id in cited)
    )
    sources_removed = tuple(
        s for s in old.sources if s.id not in new_sources and (cited is None or s.id in cited)
    )
    old_by_id = {s.id: s for s in old.sources}
    sources_changed = []
    for source in new.sources:
        prior = old_by_id.get(source.id)
        if prior is None or (cited is not None and source.id not in cited):
            continue
        changes = _source_changes(prior, source)
        if changes:
            sources_changed.append(SourceChange(source.id, source.title, changes))

    known = set(old.revisions)
    revisions = tuple(
        sorted(
            (
                r
                for r in new.revisions
                # Not recorded in the older edition, and not from before it was current.
                if r not in known and r.date.sort_key() >= old.as_of.sort_key()
            ),
            key=lambda r: r.date.sort_key(),
        )
    )
    return Diff(
        old,
        new,
        added,
        removed,
        tuple(changed),
        themes_added,
        themes_removed,
        sources_added,
        sources_removed,
        tuple(sources_changed),
        tuple(sorted(t_added, key=lambda e: e.date.sort_key())),
        tuple(sorted(t_removed, key=lambda e: e.date.sort_key())),
        tuple(redated),
        revisions,
    )


def field_name(name: str) -> str:
    """A changed field's name in the reader's language."""
    names = {
        "title": _("title"),
        "summary": _("summary"),
        "status": _("status"),
        "themes": _("themes"),
        "attribution": _("attribution"),
        "kind": _("kind"),
        "credibility": _("credibility"),
        "confidence": _("confidence"),
        "likelihood": _("likelihood"),
        "tlp": _("TLP marking"),
        "sources": _("sources cited"),
        "open_questions": _("open questions"),
        "reliability": _("reliability"),
        "grade_note": _("grade note"),
        "language": _("language"),
        "published": _("published"),
        "url": _("address"),
        "publisher": _("publisher"),
        "author": _("author"),
        "accessed": _("accessed"),
        "archived_url": _("archived copy"),
    }
    return names[name]


def shown(field: str, value: Value) -> str:
    """A changed value as the text formats show it: status and grades in words, dates as written."""
    from briefing import grades
    from briefing.formats.views import status_name

    if value is None or value == []:
        # A form's word for an empty field, which French writes the same for every gender.
        return _("(none)")
    if field == "status":
        return status_name(str(value))
    if field == "credibility":
        return grades.credibility_text(value if isinstance(value, int) else None)
    if field == "reliability":
        return grades.reliability_text(str(value))
    if field == "kind" and isinstance(value, str) and grades.find(grades.KINDS, value):
        return grades.label(grades.KINDS, value)
    if field == "confidence":
        return grades.label(grades.CONFIDENCE, str(value))
    if field == "likelihood":
        return (
            grades.label(grades.LIKELIHOOD, str(value))
            + " ("
            + (grades.meaning(grades.LIKELIHOOD, str(value)) or "")
            + ")"
        )
    if field in ("published", "accessed"):
        return format_date(PartialDate.parse(str(value)))
    if field == "sources" and isinstance(value, list):
        return "; ".join(
            r["source"] + (f" ({r['locator']})" if r["locator"] else "") for r in value
        )
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class Detail(NamedTuple):
    """One line under a changed item or source: a label, a value, and the new one if it changed."""

    label: str
    old: str
    new: str | None = None  # None: a single value, such as an open question added


def details(changes: Iterable[Change]) -> tuple[Detail, ...]:
    """What a changed item or source shows under its line: each field, old → new."""
    rows: list[Detail] = []
    for change in changes:
        if change.field == "open_questions":
            # Questions are listed one by one: those dropped, then those raised.
            old = change.old if isinstance(change.old, list) else []
            new = change.new if isinstance(change.new, list) else []
            rows += [Detail(_("open question removed"), q) for q in old if q not in new]
            rows += [Detail(_("open question added"), q) for q in new if q not in old]
            continue
        rows.append(
            Detail(
                field_name(change.field),
                shown(change.field, change.old),
                shown(change.field, change.new),
            )
        )
    return tuple(rows)


class Line(NamedTuple):
    """One line of a change report: a symbol, a word saying what happened, and the text."""

    symbol: str  # + - ~ >
    word: str
    text: str
    detail: tuple[Detail, ...] = ()  # what changed in a changed item or source


def _named(key: str, text: str) -> str:
    """`key: text`, with the colon as the reader's language writes it."""
    return _("{label}:").format(label=key) + " " + text


def sections(d: Diff) -> list[tuple[str, list[Line]]]:
    """The report as headed sections of lines, shared by the text formats; empty ones left out."""
    added, removed, changed = _("added"), _("removed"), _("changed")
    parts: list[tuple[str, list[Line]]] = [
        (
            _("Items"),
            [Line("+", added, _named(i.id, i.title)) for i in d.items_added]
            + [Line("-", removed, _named(i.id, i.title)) for i in d.items_removed]
            + [
                Line("~", changed, _named(c.id, c.title), details(c.changes))
                for c in d.items_changed
            ],
        ),
        (
            _("Themes"),
            [Line("+", added, _named(t.id, t.title)) for t in d.themes_added]
            + [Line("-", removed, _named(t.id, t.title)) for t in d.themes_removed],
        ),
        (
            _("Sources"),
            [Line("+", added, _named(s.id, s.title)) for s in d.sources_added]
            + [Line("-", removed, _named(s.id, s.title)) for s in d.sources_removed]
            + [
                Line("~", changed, _named(c.id, c.title), details(c.changes))
                for c in d.sources_changed
            ],
        ),
        (
            _("Timeline"),
            [Line("+", added, _named(format_date(e.date), e.title)) for e in d.timeline_added]
            + [Line("-", removed, _named(format_date(e.date), e.title)) for e in d.timeline_removed]
            + [
                Line(
                    ">",
                    _("re-dated"),
                    _("{title}: {old} → {new}").format(
                        title=r.title, old=format_date(r.old.date), new=format_date(r.new.date)
                    ),
                )
                for r in d.timeline_redated
            ],
        ),
        (
            _("Revisions in between"),
            [Line("*", _("revision"), _named(format_date(r.date), r.summary)) for r in d.revisions],
        ),
    ]
    return [(heading, lines) for heading, lines in parts if lines]


def _title(d: Diff) -> str:
    # Two editions of one date are told apart by their files.
    same = d.old.as_of == d.new.as_of
    return _("Changes to {id}: {old} → {new}").format(
        id=d.new.id,
        old=d.old.origin if same else format_date(d.old.as_of),
        new=d.new.origin if same else format_date(d.new.as_of),
    )


def wrap(text: str, width: int, first: str = "", indent: str = "") -> list[str]:
    """Wrap `text` to `width` terminal cells after `first`, later lines after `indent`.

    Words are measured in cells (a wide character takes two), and a word longer
    than a line, such as an address, is cut where the line ends.
    """
    from rich.cells import cell_len

    lines: list[str] = []
    line, room = first, max(width - cell_len(first), 1)
    later = max(width - cell_len(indent), 1)  # the room on every line after the first
    used = 0
    for word in text.split(" "):
        if not word:
            continue
        size = cell_len(word)
        if used and used + 1 + size <= room:
            line, used = line + " " + word, used + 1 + size
            continue
        # A word that would fit on a later line is not cut on this one.
        if used or (not lines and room < size <= later):
            lines.append(line)
            line, room, used = indent, later, 0
        while size > room:
            # Cut the word at the last character that fits.
            cut, cells = 0, 0
            while cut < len(word) and cells + cell_len(word[cut]) <= room:
                cells += cell_len(word[cut])
                cut += 1
            cut = max(cut, 1)
            lines.append(line + word[:cut])
            word = word[cut:]
            size = cell_len(word)
            line, room = indent, later
        line, used = line + word, size
    lines.append(line)
    return [x.rstrip() for x in lines]


def render_terminal(d: Diff, theme_titles: list[str], width: int = 80) -> str:
    """Plain lines with a symbol AND a word for each change, wrapped to `width` cells.

    A wrapped line continues under its text, after the symbol and word, as in
    the other terminal views.
    """
    from rich.cells import cell_len

    from briefing.text import one_line

    out = wrap(one_line(_title(d)), width)
    if theme_titles:
        themes = _("Themes: {themes}").format(themes=", ".join(theme_titles))
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
                out += wrap(one_line(row.old), width, first, indent)
                if row.new is not None:
                    arrow = " " * (cell_len(first) - 2) + "→ "
                    out += wrap(one_line(row.new), width, arrow, indent)
        out.append("")
    if d.empty:
        out += [*wrap(_("No differences."), width), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_markdown(d: Diff, theme_titles: list[str]) -> str:
    """A change note to paste: a heading, then a list per section, every data text escaped."""
    from briefing.formats.markdown import md

    out = ["# " + md(_title(d)), ""]
    if theme_titles:
        out += [md(_("Themes: {themes}").format(themes=", ".join(theme_titles))), ""]
    for heading, lines in sections(d):
        out += ["## " + md(heading), ""]
        for line in lines:
            word = md(_("{label}:").format(label=line.word))
            out.append(f"- {md(line.symbol)} **{word}** {md(line.text)}")
            for row in line.detail:
                label = md(_("{label}:").format(label=row.label))
                if row.new is None:
                    out.append(f"  - *{label}* {md(row.old)}")
                else:
                    out.append(f"  - *{label}* {md(row.old)} → {md(row.new)}")
        out.append("")
    if d.empty:
        out += ["*" + md(_("No differences.")) + "*", ""]
    return "\n".join(out).rstrip("\n") + "\n"
