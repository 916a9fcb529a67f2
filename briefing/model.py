"""The typed, immutable model of a briefing, built only by the loader after validation.

The records are typed named tuples: immutable and hashable like frozen
dataclasses, with `_replace` for changed copies, and several times cheaper to
define, which every command pays at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal, NamedTuple

from briefing.i18n import N_, _

Status = Literal["planned", "under-way", "completed", "unclear"]
STATUSES: tuple[Status, ...] = ("planned", "under-way", "completed", "unclear")
# Format version 3: signposts, the events that would show an item carried out or abandoned.
SignpostStatus = Literal["not-yet-seen", "observed", "contradicted"]
SIGNPOST_STATUSES: tuple[SignpostStatus, ...] = ("not-yet-seen", "observed", "contradicted")
Direction = Literal["supports", "undermines"]
DIRECTIONS: tuple[Direction, ...] = ("supports", "undermines")
# Who set an item's due date: the source reports it, or the analyst chose it.
SETTERS: tuple[str, ...] = ("source", "analyst")
# What readers see for each status; `--status` accepts these in any supported language.
STATUS_NAMES: dict[str, str] = {
    "planned": N_("planned"),
    "under-way": N_("under way"),
    "completed": N_("completed"),
    "unclear": N_("unclear"),
}

# Partial dates, the one rule: a year, a month or a day, read by `PartialDate.parse`, which
# says what is wrong (a month 13, a 30 February). DATE_PATTERN is the same shape as JSON
# Schema can say it (months 01-12, days 01-31) for the published schemas; a test checks
# that the two accept the same texts, the days each month has left to the parser.
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


class PartialDate(NamedTuple):
    """A date as precise as its source allows: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError otherwise."""
        m = _DATE.fullmatch(text)
        if not m:
            raise ValueError(_("expected YYYY, YYYY-MM or YYYY-MM-DD"))
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(
                _("month {month} is not between 01 and 12").format(month=f"{month:02d}")
            )
        if day is not None:
            assert month is not None
            if not 1 <= day <= days_in_month(year, month):
                raise ValueError(_("{date} is not a day of the calendar").format(date=text))
        return cls(year, month, day)

    def first_day(self) -> tuple[int, int, int]:
        """The earliest day this date can mean: `2026` is 2026-01-01 at the earliest."""
        return (self.year, self.month or 1, self.day or 1)

    def last_day(self) -> tuple[int, int, int]:
        """The latest day this date can mean: `2026` is 2026-12-31, `2028-02` is 2028-02-29."""
        month = self.month or 12
        return (self.year, month, self.day or days_in_month(self.year, month))

    def sort_key(self) -> tuple[int, int, int]:
        """Order by (year, month, day), a missing part before any present one."""
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


def days_in_month(year: int, month: int) -> int:
    """Days in a month of the proleptic Gregorian calendar, year 0 (1 BC, a leap year) included.

    Python's `datetime` starts at year 1, so the calendar is worked out here.
    """
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


class Party(NamedTuple):
    """One side of the relationship."""

    name: str
    forces: str | None = None


class Theme(NamedTuple):
    """A strand of the plan, such as intelligence or logistics."""

    id: str
    title: str
    aliases: tuple[str, ...] = ()
    description: str | None = None

    def names(self) -> tuple[str, ...]:
        """Return every name a user may give for this theme: id, title, aliases."""
        return (self.id, self.title, *self.aliases)

    def short_names(self) -> list[str]:
        """Return the id and the aliases, each once whatever its case."""
        seen: dict[str, str] = {}
        for name in (self.id, *self.aliases):
            seen.setdefault(name.casefold(), name)
        return list(seen.values())


class SourceRef(NamedTuple):
    """A citation: which declared source, and where in it."""

    source: str
    locator: str | None = None
    quote: str | None = None  # words quoted from the source at that place


class Acknowledgement(NamedTuple):
    """A standards warning accepted deliberately: which rule, and why."""

    rule: str
    reason: str


class Signpost(NamedTuple):
    """An observable event that would show an item being carried out (or abandoned).

    Once seen (`observed` or `contradicted`), it says when and which sources report it,
    graded by credibility like an item.
    """

    id: str
    text: str
    direction: Direction = "supports"
    status: SignpostStatus = "not-yet-seen"
    attribution: str | None = None
    observed: PartialDate | None = None
    sources: tuple[SourceRef, ...] = ()
    credibility: int | None = None

    @property
    def seen(self) -> bool:
        """Whether the event was observed or contradicted (not merely awaited)."""
        return self.status != "not-yet-seen"


class Item(NamedTuple):
    """One agreed, discussed or reported element of the plan."""

    id: str
    title: str
    themes: tuple[str, ...]
    summary: str
    sources: tuple[SourceRef, ...]
    status: Status = "unclear"
    attribution: str | None = None
    open_questions: tuple[str, ...] = ()
    # Grades (format version 2); None means not graded. See grades.py for the vocabularies.
    kind: str | None = None  # "report" (the default when absent) or "assessment"
    credibility: int | None = None  # 1-6
    confidence: str | None = None  # only on an assessment
    likelihood: str | None = None  # only on an assessment
    # Tracking (format version 3): when it is due, who set that date, and its signposts.
    expected_by: PartialDate | None = None
    expected_by_set_by: str | None = None  # "source" or "analyst"
    signposts: tuple[Signpost, ...] = ()
    tlp: str | None = None  # TLP 2.0 marking (see tlp.py); None when unmarked
    account_of: str | None = None  # the one party whose account this is, if any
    acknowledged: tuple[Acknowledgement, ...] = ()

    @property
    def assessment(self) -> bool:
        """Whether this item is a judgement (an assessment) rather than a report."""
        return self.kind == "assessment"


class TimelineEntry(NamedTuple):
    """A dated event, no more precise than its source."""

    date: PartialDate
    title: str
    themes: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()


class Source(NamedTuple):
    """A document the briefing rests on."""

    id: str
    title: str
    kind: str | None = None
    language: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    # Format version 2: the source's reliability (A-F, None when not graded) and its descriptors.
    reliability: str | None = None
    grade_note: str | None = None
    publisher: str | None = None
    author: str | None = None
    accessed: PartialDate | None = None
    archived_url: str | None = None
    relays: str | None = None  # id of the source this one repeats
    acknowledged: tuple[Acknowledgement, ...] = ()


class Revision(NamedTuple):
    """A dated change to the briefing: what changed and why."""

    date: PartialDate
    summary: str


class Briefing(NamedTuple):
    """A whole briefing, or a filtered view of one (see `focus`)."""

    id: str
    title: str
    as_of: PartialDate
    summary: str
    themes: tuple[Theme, ...]
    items: tuple[Item, ...]
    sources: tuple[Source, ...]
    subtitle: str | None = None
    language: str = "en"
    translation_of: str | None = None
    parties: tuple[Party, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    origin: str = ""  # the file it was read from
    # Theme ids this briefing was narrowed to; empty for the whole briefing.
    focus: tuple[str, ...] = ()
    # Text this briefing was narrowed to, if any.
    search: str | None = None
    version: int = 1  # the data format version of the file it was read from
    revisions: tuple[Revision, ...] = ()
    # Item credibility range (lowest, highest) this briefing was narrowed to, if any.
    credibility_range: tuple[int, int] | None = None
    # Item statuses this briefing was narrowed to; empty for every status.
    statuses: tuple[str, ...] = ()
    tlp: str | None = None  # TLP 2.0 marking of the whole briefing; None when unmarked
    # `--max-tlp`: the highest marking kept, and how many items were left out above it.
    max_tlp: str | None = None
    withheld: int = 0

    @property
    def narrowed(self) -> bool:
        """Whether this is a filtered view rather than the whole briefing."""
        return (
            bool(self.focus)
            or self.search is not None
            or self.credibility_range is not None
            or bool(self.statuses)
            or self.max_tlp is not None
        )

    def theme(self, theme_id: str) -> Theme:
        """Return the declared theme with this id."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def source(self, source_id: str) -> Source:
        """Return the declared source with this id."""
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def paragraphs(self) -> list[str]:
        """Return the summary split into paragraphs (a blank line starts a new one)."""
        return split_paragraphs(self.summary)


def split_paragraphs(text: str) -> list[str]:
    """Split text on blank lines and join each paragraph's lines with spaces."""
    paragraphs = re.split(r"\n[ \t]*\n", text.strip())
    return [" ".join(p.split()) for p in paragraphs if p.strip()]


def by_edition(briefings: Iterable[Briefing]) -> dict[tuple[str, str], list[Briefing]]:
    """Group briefings by (id, as-of): an edition and its translations, in load order.

    Successive editions of a briefing share its id and differ in `as_of`, so a
    folder can keep its history; translations share both.
    """
    groups: dict[tuple[str, str], list[Briefing]] = {}
    for briefing in briefings:
        groups.setdefault((briefing.id, str(briefing.as_of)), []).append(briefing)
    return groups


def latest_editions(briefings: Iterable[Briefing]) -> list[Briefing]:
    """Keep, for each id, only its latest edition (and that edition's translations)."""
    listed = list(briefings)
    latest: dict[str, tuple[int, int, int]] = {}
    for b in listed:
        latest[b.id] = max(latest.get(b.id, (0, 0, 0)), b.as_of.sort_key())
    return [b for b in listed if b.as_of.sort_key() == latest[b.id]]


def by_id(briefings: Iterable[Briefing]) -> dict[str, list[Briefing]]:
    """Group briefings by id, keeping the order in which they were loaded."""
    groups: dict[str, list[Briefing]] = {}
    for briefing in briefings:
        groups.setdefault(briefing.id, []).append(briefing)
    return groups
