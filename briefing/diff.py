"""What changed between two editions of a briefing: a pure `diff`, and how each format shows it.

Items, themes and sources are matched by id; timeline entries, which have no
id, by title (an entry whose date changed is re-dated, not removed and added).
The revisions in between are the newer edition's revisions that the older one
does not have. The terminal and Markdown renderers live here; JSON is in formats/jsondoc.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .errors import UsageError
from .grades import assessment_text, credibility_text
from .i18n import _, format_date
from .model import Briefing, Item, Revision, Source, SourceRef, Theme, TimelineEntry

DIFF_FORMATS: tuple[str, ...] = ("terminal", "markdown", "json")


class Change(NamedTuple):
    """One field of an item that differs: its name (as in the data) and both values as text."""

    field: str
    old: str
    new: str


class ItemChange(NamedTuple):
    """An item present in both editions, and what differs in it."""

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


def _refs(refs: tuple[SourceRef, ...]) -> str:
    return "; ".join(r.source + (f" ({r.locator})" if r.locator else "") for r in refs)


def _grades(item: Item) -> str:
    text = credibility_text(item.credibility)
    if item.assessment:
        text += " · " + _("assessment") + ": " + assessment_text(item.confidence, item.likelihood)
    return text


def _item_changes(old: Item, new: Item) -> tuple[Change, ...]:
    from .layout import status_name

    pairs = (
        ("title", old.title, new.title),
        ("summary", old.summary, new.summary),
        ("status", status_name(old.status), status_name(new.status)),
        ("themes", ", ".join(old.themes), ", ".join(new.themes)),
        ("grades", _grades(old), _grades(new)),
        ("sources", _refs(old.sources), _refs(new.sources)),
    )
    return tuple(Change(name, a, b) for name, a, b in pairs if a != b)


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
        "grades": _("grades"),
        "sources": _("sources cited"),
    }
    return names[name]


class Line(NamedTuple):
    """One line of a change report: a symbol, a word saying what happened, and the text."""

    symbol: str  # + - ~ >
    word: str
    text: str
    detail: tuple[tuple[str, str, str], ...] = ()  # (field, old, new) for a changed item


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
                Line(
                    "~",
                    changed,
                    _named(c.id, c.title),
                    tuple((field_name(x.field), x.old, x.new) for x in c.changes),
                )
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
            + [Line("-", removed, _named(s.id, s.title)) for s in d.sources_removed],
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
    return _("Changes to {id}: {old} → {new}").format(
        id=d.new.id, old=format_date(d.old.as_of), new=format_date(d.new.as_of)
    )


def render_terminal(d: Diff, theme_titles: list[str]) -> str:
    """Plain lines with a symbol AND a word for each change (no colour needed to read them)."""
    from .text import one_line

    out = [one_line(_title(d))]
    if theme_titles:
        out.append(one_line(_("Themes: {themes}").format(themes=", ".join(theme_titles))))
    out.append("")
    for heading, lines in sections(d):
        out.append(one_line(heading.upper()))
        for line in lines:
            word = _("{label}:").format(label=line.word)
            out.append(f"  {line.symbol} {one_line(word)} {one_line(line.text)}")
            for name, old, new in line.detail:
                field = one_line(_("{label}:").format(label=name))
                out.append(f"      {field} {one_line(old)}")
                out.append(f"      {' ' * (len(field) - 1)}→ {one_line(new)}")
        out.append("")
    if d.empty:
        out += [_("No differences."), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_markdown(d: Diff, theme_titles: list[str]) -> str:
    """A change note to paste: a heading, then a list per section, every data text escaped."""
    from .formats.markdown import md

    out = ["# " + md(_title(d)), ""]
    if theme_titles:
        out += [md(_("Themes: {themes}").format(themes=", ".join(theme_titles))), ""]
    for heading, lines in sections(d):
        out += ["## " + md(heading), ""]
        for line in lines:
            word = md(_("{label}:").format(label=line.word))
            out.append(f"- {md(line.symbol)} **{word}** {md(line.text)}")
            for name, old, new in line.detail:
                field = md(_("{label}:").format(label=name))
                out.append(f"  - *{field}* {md(old)} → {md(new)}")
        out.append("")
    if d.empty:
        out += ["*" + md(_("No differences.")) + "*", ""]
    return "\n".join(out).rstrip("\n") + "\n"
