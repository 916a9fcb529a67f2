"""Display order shared by every format: sections by theme, open questions, theme counts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Self

from briefing.grades import (
    confidence_word,
    credibility_text,
    legend,
    likelihood_text,
    rating,
    reliability_text,
)
from briefing.i18n import _, format_date, ngettext
from briefing.model import (
    STATUS_NAMES,
    Briefing,
    Item,
    PartialDate,
    Revision,
    Signpost,
    Source,
    SourceRef,
    Theme,
    TimelineEntry,
    days_in_month,
)

if TYPE_CHECKING:
    from briefing.reading.loader import InvalidFile


class Section(NamedTuple):
    """A theme, the items shown in full under it, and its items shown under another theme.

    Each item is shown in full once, under its home theme; the other themes it
    carries point to it from `related` when they have a section of their own.
    """

    theme: Theme
    items: tuple[Item, ...]
    related: tuple[Item, ...] = ()


class ThemeCount(NamedTuple):
    """A theme and how many items of the briefing carry it."""

    theme: Theme
    items: int
    total: int

    @property
    def share(self) -> float:
        """Return the fraction of all items that carry this theme."""
        return self.items / self.total if self.total else 0.0


def home_theme(item: Item, briefing: Briefing) -> str:
    """Return the theme an item is shown under: its first theme within the focus, if any."""
    if briefing.focus:
        return next((t for t in item.themes if t in briefing.focus), item.themes[0])
    return item.themes[0]


def sections(briefing: Briefing) -> list[Section]:
    """Return a section for each theme that has items of its own, in the themes' declared order.

    A theme whose items are all shown under another theme gets no section (it
    would hold only pointers); the theme lists and each item's other themes
    still name it. A filtered briefing has sections only for the themes it was
    narrowed to.
    """
    home: dict[str, list[Item]] = {t.id: [] for t in briefing.themes}
    related: dict[str, list[Item]] = {t.id: [] for t in briefing.themes}
    for item in briefing.items:
        first = home_theme(item, briefing)
        home[first].append(item)
        for theme_id in item.themes:
            if theme_id != first:
                related[theme_id].append(item)
    shown = [t for t in briefing.themes if not briefing.focus or t.id in briefing.focus]
    return [Section(t, tuple(home[t.id]), tuple(related[t.id])) for t in shown if home[t.id]]


def other_themes(item: Item, briefing: Briefing) -> list[Theme]:
    """Return the item's themes other than the one it is shown under."""
    home = home_theme(item, briefing)
    return [briefing.theme(t) for t in item.themes if t != home]


def open_questions(briefing: Briefing) -> list[Item]:
    """Return the items that leave questions open, in display order."""
    return [item for s in sections(briefing) for item in s.items if item.open_questions]


def timeline(briefing: Briefing) -> list[TimelineEntry]:
    """Return the timeline in date order (stable for equal dates)."""
    return sorted(briefing.timeline, key=lambda e: e.date.sort_key())


def theme_counts(briefing: Briefing) -> list[ThemeCount]:
    """Count, for each theme, the items that carry it."""
    from collections import Counter

    counts = Counter(theme for item in briefing.items for theme in set(item.themes))
    total = len(briefing.items)
    return [ThemeCount(t, counts[t.id], total) for t in briefing.themes]


def focus_titles(briefing: Briefing) -> list[str]:
    """Return the titles of the themes the briefing is narrowed to."""
    return [briefing.theme(t).title for t in briefing.focus]


# A locator that ends in a paragraph number: `intro ¶1`, `"A section" ¶12`.
_PARAGRAPH = re.compile(r"(.*\S)\s*¶\s*([0-9]{1,9})")


def _runs(numbers: list[int]) -> str:
    """Sorted numbers as runs: `1–3, 5`."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts)


class Citations:
    """Sources numbered in the order the document first cites them, each with its places.

    A source's number is the order in which it is first cited (items by
    section, then the timeline); its locators are kept in the order they first
    appear, so a Sources list names each source once with every place cited.
    """

    def __init__(self, refs: Iterable[SourceRef]) -> None:
        self.numbers: dict[str, int] = {}
        self.locators: dict[str, list[str]] = {}
        for ref in refs:
            self.numbers.setdefault(ref.source, len(self.numbers) + 1)
            places = self.locators.setdefault(ref.source, [])
            if ref.locator is not None and ref.locator not in places:
                places.append(ref.locator)

    @classmethod
    def of(cls, briefing: Briefing, **extra: Any) -> Self:
        """The citations of a briefing in reading order: items by section, then the timeline."""
        refs = [
            r
            for s in sections(briefing)
            for i in s.items
            for r in (*i.sources, *(r for p in i.signposts for r in p.sources))
        ]
        return cls(refs + [r for e in timeline(briefing) for r in e.sources], **extra)

    def places(self, source: str) -> list[str]:
        """Where a source is cited, for its entry in a Sources list: each section named once.

        Locators ending in a paragraph number (`"Vers une coordination" ¶2`) are
        grouped by what precedes it, the section, in the order sections are first
        cited, with their paragraphs in paragraph order (`¶1–3, 5`); any other
        locator stays as written, where it first appears.
        """
        grouped: dict[str, set[int]] = {}
        order: list[str | tuple[str]] = []  # a locator as written, or (section,)
        for locator in self.locators[source]:
            found = _PARAGRAPH.fullmatch(locator)
            if found is None:
                order.append(locator)
                continue
            section, number = found.group(1), int(found.group(2))
            if section not in grouped:
                grouped[section] = set()
                order.append((section,))
            grouped[section].add(number)
        return [
            entry if isinstance(entry, str) else f"{entry[0]} ¶{_runs(sorted(grouped[entry[0]]))}"
            for entry in order
        ]

    def grouped(self, refs: Iterable[SourceRef]) -> list[tuple[str, list[str]]]:
        """The sources these refs cite, by number, each with its locators in list order."""
        by_source: dict[str, set[str]] = {}
        for ref in refs:
            by_source.setdefault(ref.source, set())
            if ref.locator is not None:
                by_source[ref.source].add(ref.locator)
        ordered = sorted(by_source, key=lambda s: self.numbers[s])
        return [(s, [loc for loc in self.locators[s] if loc in by_source[s]]) for s in ordered]


class Use(NamedTuple):
    """One place that cites a source: an item or a timeline entry, and where in the source."""

    kind: str  # "item" | "timeline"
    title: str
    locator: str | None
    item: Item | None = None
    entry: TimelineEntry | None = None


def source_uses(briefing: Briefing) -> list[tuple[Source, list[Use]]]:
    """Return each source with what cites it, in reading order."""
    uses: dict[str, list[Use]] = {s.id: [] for s in briefing.sources}
    for section in sections(briefing):
        for item in section.items:
            for ref in item.sources:
                uses[ref.source].append(Use("item", item.title, ref.locator, item=item))
    for entry in timeline(briefing):
        for ref in entry.sources:
            uses[ref.source].append(Use("timeline", entry.title, ref.locator, entry=entry))
    return [(s, uses[s.id]) for s in briefing.sources]


def date_span(date: PartialDate) -> tuple[float, float]:
    """Return the stretch of time a partial date covers, in fractional years."""
    if date.month is None:
        return float(date.year), float(date.year + 1)
    start = date.year + (date.month - 1) / 12
    if date.day is None:
        return start, start + 1 / 12
    days = days_in_month(date.year, date.month)  # the model's calendar, year 0 included
    start += (date.day - 1) / days / 12
    return start, start + 1 / days / 12


def citation_grade(briefing: Briefing, ref: SourceRef, item: Item | Signpost | None) -> str:
    """The compact grade of a citation: `B2` for an item, the source's letter for a timeline entry.

    A timeline entry has no credibility, so a second half would only ever say
    "not graded"; `-` stands for a grade that is missing. A version 1 briefing
    has no grades at all: its citations carry none ("") and its items and
    sources say "not graded" once each instead.
    """
    if briefing.version < 2:
        return ""
    try:
        reliability = briefing.source(ref.source).reliability
    except KeyError:  # a source dropped from a narrowed view is still graded where it stood
        reliability = None
    if item is None:
        return reliability or "-"
    return rating(reliability, item.credibility)


def grade_legend(briefing: Briefing) -> list[str]:
    """The legend of the grades a view shows, one line per code, or [] when nothing is cited."""
    if briefing.version < 2:  # nothing graded, no codes shown: nothing to explain
        return []
    letters: list[str | None] = []
    numbers: list[int | None] = []
    for item in briefing.items:
        if item.sources:
            numbers.append(item.credibility)
        letters += [_reliability(briefing, r.source) for r in item.sources]
        for signpost in item.signposts:
            if signpost.sources:
                numbers.append(signpost.credibility)
            letters += [_reliability(briefing, r.source) for r in signpost.sources]
    for entry in briefing.timeline:
        letters += [_reliability(briefing, r.source) for r in entry.sources]
    if not letters:
        return []
    return legend(letters, numbers)


def _reliability(briefing: Briefing, source_id: str) -> str | None:
    try:
        return briefing.source(source_id).reliability
    except KeyError:
        return None


def source_details(source: Source) -> list[tuple[str, str]]:
    """A source's descriptor as (label, value) pairs, in reading order, only those it has.

    Values are plain data text or dates in the reader's language; each format escapes them.
    """
    details: list[tuple[str, str]] = [(_("Reliability"), reliability_text(source.reliability))]
    if source.grade_note:
        details.append((_("Grade note"), source.grade_note))
    # Title, kind, language, publication date and address are on the source's own line.
    for label, value in ((_("Publisher"), source.publisher), (_("Author"), source.author)):
        if value:
            details.append((label, value))
    if source.accessed:
        details.append((_("Accessed"), format_date(source.accessed)))
    if source.archived_url:
        details.append((_("Archived copy"), source.archived_url))
    return details


def grade_lines(item: Item) -> list[list[tuple[str, str | None]]]:
    """An item's grades as lines of (label, words) parts: its credibility, then its assessment.

    An assessment's line is `Assessment` (a label alone, words None), then its
    confidence and its likelihood as separate parts: the analytic standard never
    mixes the two in one statement.
    """
    lines: list[list[tuple[str, str | None]]] = [
        [(_("Credibility"), credibility_text(item.credibility))]
    ]
    if item.assessment:
        judgement: list[tuple[str, str | None]] = [
            (_("Assessment"), None),
            (_("Confidence"), confidence_word(item.confidence)),
        ]
        if item.likelihood is not None:
            judgement.append((_("Likelihood"), likelihood_text(item.likelihood)))
        lines.append(judgement)
    return lines


def filter_notes(briefing: Briefing) -> list[tuple[str, str]]:
    """Say which filters made this view: [("Themes", "Logistics, Industry"), ("Search", "x")]."""
    notes = []
    if briefing.focus:
        notes.append((_("Themes"), ", ".join(focus_titles(briefing))))
    if briefing.statuses:
        notes.append((_("Status"), ", ".join(status_name(s) for s in briefing.statuses)))
    if briefing.credibility_range is not None:
        low, high = briefing.credibility_range
        shown = str(low) if low == high else f"{low}–{high}"
        notes.append((_("Credibility"), shown))
    if briefing.max_tlp is not None:
        from briefing.tlp import label

        notes.append((_("Marking"), _("up to {label}").format(label=label(briefing.max_tlp))))
    # The search comes last: the terminal highlights the last note when it is the search.
    if briefing.search is not None:
        notes.append((_("Search"), briefing.search))
    return notes


def count_note(briefing: Briefing) -> str:
    """Say how much a filtered view kept: `3 items, 1 timeline entry`."""
    items, events = len(briefing.items), len(briefing.timeline)
    parts = [
        ngettext("{n} item", "{n} items", items).format(n=items),
        ngettext("{n} timeline entry", "{n} timeline entries", events).format(n=events),
    ]
    if briefing.withheld and briefing.max_tlp is not None:
        from briefing.tlp import withheld_note

        parts.append(withheld_note(briefing.withheld, briefing.max_tlp))
    return ", ".join(parts)


class Marking(NamedTuple):
    """The handling marking an output carries: its label, colour and who may receive it."""

    code: str
    label: str  # `TLP:AMBER`, as FIRST writes it
    audience: str  # in the reader's language
    colour: str  # FIRST's colour for the label, on black

    @property
    def line(self) -> str:
        """The marking as one line of text: `TLP:AMBER — limited disclosure: …`."""
        return f"{self.label} — {self.audience}"


def marking(briefing: Briefing) -> Marking | None:
    """The most restrictive marking of what this view holds; None when nothing is marked."""
    from briefing import tlp

    code = tlp.marking(briefing)
    if code is None:
        return None
    return Marking(code, tlp.label(code), tlp.audience(code), tlp.colour(code))


def invalid_note(invalid: InvalidFile) -> str:
    """What `list` says of an invalid file: how many problems, and how to see them."""
    count = len(invalid.problems)
    return ngettext(
        "{n} problem: see it with `briefing validate {file}`",
        "{n} problems: see them all with `briefing validate {file}`",
        count,
    ).format(n=count, file=invalid.file)


def revisions(briefing: Briefing) -> list[Revision]:
    """The briefing's revisions, newest first: a reader checks what changed last."""
    # Python's sort is stable in reverse too: revisions of one date keep their file order.
    return sorted(briefing.revisions, key=lambda r: r.date.sort_key(), reverse=True)


def status_name(status: str) -> str:
    """The status as shown to readers, in their language."""
    return _(STATUS_NAMES[status])


class CatalogEntry(NamedTuple):
    """One loaded briefing: shown in the chosen language, with every language and file it has."""

    briefing: Briefing
    languages: tuple[str, ...]
    files: tuple[str, ...]


def catalog(briefings: Sequence[Briefing], language: str | None = None) -> list[CatalogEntry]:
    """One entry per briefing edition, latest first, in `language` (else the active one).

    Translations share an id and an as-of date: an edition and its translations are one entry.
    """
    from briefing import i18n
    from briefing.model import by_edition

    wanted = language or i18n.current
    entries = []
    for group in by_edition(briefings).values():
        original = next((b for b in group if b.translation_of is None), group[0])
        shown = next((b for b in group if b.language.split("-")[0] == wanted), original)
        languages = tuple(dict.fromkeys(b.language for b in [original, *group]))
        files = tuple(dict.fromkeys(b.origin for b in [shown, *group]))
        entries.append(CatalogEntry(shown, languages, files))
    entries.sort(key=lambda e: (e.briefing.as_of.sort_key(), e.briefing.id), reverse=True)
    return entries


def timeline_sources(briefing: Briefing) -> tuple[Source, ...]:
    """The sources the timeline cites, in the briefing's order: what a timeline view lists."""
    used = {r.source for e in briefing.timeline for r in e.sources}
    return tuple(s for s in briefing.sources if s.id in used)


def source_brief(source: Source) -> tuple[list[str], str | None]:
    """What follows a source's title: its kind and language (data), and when it was published.

    The first are the data's words, for each format to escape as text; the
    second is the interface's phrase with the date in it, or None.
    """
    data = [d for d in (source.kind, source.language) if d]
    published = None
    if source.published:
        published = _("published {date}").format(date=format_date(source.published))
    return data, published
