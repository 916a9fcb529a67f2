"""Briefings for the HTML tests, built directly so data the loader would refuse can be tried."""

from __future__ import annotations

from collections.abc import Callable

from briefing.model import (
    Briefing,
    Item,
    PartialDate,
    Party,
    Source,
    SourceRef,
    Theme,
    TimelineEntry,
)

# Every field of data text the HTML page shows, named so a test can fill each one.
FIELDS = [
    "title",
    "subtitle",
    "summary",
    "party",
    "forces",
    "theme1_id",
    "theme1",
    "theme1_alias",
    "theme1_description",
    "theme2_id",
    "theme2",
    "item1_id",
    "item1",
    "item1_summary",
    "attribution",
    "question",
    "item2_id",
    "item2",
    "item2_summary",
    "locator",
    "event",
    "source1_id",
    "source1",
    "kind",
    "source_language",
    "source2_id",
    "source2",
    "source3_id",
    "source3",
    "origin",
]


def sample(
    value: Callable[[str], str],
    url: str | None = "https://example.org/one",
    language: str = "en",
) -> Briefing:
    """A briefing using every part of the page, with each data text given by `value(field)`.

    Item one has two themes and an open question, cites source one at a
    locator and source two; the timeline cites source two; source three is
    cited by nothing.
    """
    theme1, theme2 = distinct(value("theme1_id"), value("theme2_id"))
    source1, source2, source3 = distinct(
        value("source1_id"), value("source2_id"), value("source3_id")
    )
    item1, item2 = distinct(value("item1_id"), value("item2_id"))
    return Briefing(
        id="sample",
        title=value("title"),
        subtitle=value("subtitle"),
        as_of=PartialDate(2026, 1),
        language=language,
        summary=value("summary"),
        parties=(Party(value("party"), value("forces")), Party(value("party") + "2")),
        themes=(
            Theme(theme1, value("theme1"), (value("theme1_alias"),), value("theme1_description")),
            Theme(theme2, value("theme2")),
        ),
        items=(
            Item(
                id=item1,
                title=value("item1"),
                themes=(theme1, theme2),
                summary=value("item1_summary"),
                sources=(SourceRef(source1, value("locator")), SourceRef(source2)),
                status="under-way",
                attribution=value("attribution"),
                open_questions=(value("question"),),
            ),
            Item(
                id=item2,
                title=value("item2"),
                themes=(theme2,),
                summary=value("item2_summary"),
                sources=(SourceRef(source2),),
            ),
        ),
        timeline=(
            TimelineEntry(
                PartialDate(2025, 6, 3), value("event"), (theme2,), (SourceRef(source2),)
            ),
        ),
        sources=(
            Source(
                source1,
                value("source1"),
                value("kind"),
                value("source_language"),
                PartialDate(2025, 12),
                url,
            ),
            Source(source2, value("source2")),
            Source(source3, value("source3")),
        ),
        origin=value("origin"),
    )


def distinct(*ids: str) -> list[str]:
    """The ids made unique within their kind, as the loader guarantees: `a`, `a` -> `a`, `a~1`."""
    out: list[str] = []
    for n, given in enumerate(ids):
        out.append(given if given not in out else f"{given}~{n}")
    return out


def plain(field: str) -> str:
    """Ordinary text for a field: its own name."""
    return field.replace("_", "-")
