"""JSON: the briefing in the shape of the data contract, strict and safe to print."""

from __future__ import annotations

import json
import re
from typing import Any

from ..layout import source_uses, theme_counts, timeline
from ..model import Briefing, Source, SourceRef, TimelineEntry
from ..output import OutputOptions
from ..schema import FORMAT_VERSION

# json.dumps escapes C0 controls itself; these others would reach a terminal raw.
_UNSAFE_FOR_TERMINAL = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _dumps(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
    return _UNSAFE_FOR_TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    """Drop optional keys that have no value (the contract has no nulls)."""
    return {k: v for k, v in mapping.items() if v is not None}


def _refs(refs: tuple[SourceRef, ...]) -> list[dict[str, Any]]:
    return [_compact({"source": r.source, "locator": r.locator}) for r in refs]


def to_data(briefing: Briefing) -> dict[str, Any]:
    """Return the briefing as plain data in the contract's shape and key order."""
    data: dict[str, Any] = _compact(
        {
            "briefing": FORMAT_VERSION,
            "id": briefing.id,
            "title": briefing.title,
            "subtitle": briefing.subtitle,
            "as_of": str(briefing.as_of),
            "language": briefing.language,
            "translation_of": briefing.translation_of,
            "summary": briefing.summary,
        }
    )
    if briefing.narrowed:
        data["x-filter"] = _filter(briefing)
    data["parties"] = [_compact({"name": p.name, "forces": p.forces}) for p in briefing.parties]
    data["themes"] = [
        _compact(
            {"id": t.id, "title": t.title, "aliases": list(t.aliases), "description": t.description}
        )
        for t in briefing.themes
    ]
    data["items"] = [
        _compact(
            {
                "id": i.id,
                "title": i.title,
                "themes": list(i.themes),
                "summary": i.summary,
                "status": i.status,
                "attribution": i.attribution,
                "sources": _refs(i.sources),
                "open_questions": list(i.open_questions),
            }
        )
        for i in briefing.items
    ]
    data["timeline"] = [_entry(e) for e in briefing.timeline]
    data["sources"] = [_source(s) for s in briefing.sources]
    return data


def _filter(briefing: Briefing) -> dict[str, Any]:
    return _compact({"themes": list(briefing.focus) or None, "search": briefing.search})


def _entry(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "date": str(entry.date),
        "title": entry.title,
        "themes": list(entry.themes),
        "sources": _refs(entry.sources),
    }


def _source(source: Source) -> dict[str, Any]:
    return _compact(
        {
            "id": source.id,
            "title": source.title,
            "kind": source.kind,
            "language": source.language,
            "published": str(source.published) if source.published else None,
            "url": source.url,
        }
    )


def _view(briefing: Briefing) -> dict[str, Any]:
    """What every view other than the whole briefing starts with."""
    head: dict[str, Any] = {"briefing": briefing.id, "title": briefing.title}
    head["as_of"] = str(briefing.as_of)
    if briefing.narrowed:
        head["x-filter"] = _filter(briefing)
    return head


def render_briefing(briefing: Briefing, options: OutputOptions) -> str:
    """Render the (possibly filtered) briefing as a JSON document."""
    return _dumps(to_data(briefing))


def render_themes(briefing: Briefing, options: OutputOptions) -> str:
    """Render the themes as a JSON list of {id, title, aliases, description, count}."""
    return _dumps(
        [
            {
                "id": c.theme.id,
                "title": c.theme.title,
                "aliases": list(c.theme.aliases),
                "description": c.theme.description,
                "count": c.items,
            }
            for c in theme_counts(briefing)
        ]
    )


def render_timeline(briefing: Briefing, options: OutputOptions) -> str:
    """Render the dated events in date order, each with the precision of its date."""
    entries = []
    for entry in timeline(briefing):
        precision = "day" if entry.date.day else "month" if entry.date.month else "year"
        entries.append({**_entry(entry), "precision": precision})
    return _dumps({**_view(briefing), "timeline": entries})


def render_sources(briefing: Briefing, options: OutputOptions) -> str:
    """Render each source with what cites it: items and timeline entries, and the locators."""
    listed = []
    for source, uses in source_uses(briefing):
        cited_by = []
        for use in uses:
            ref: dict[str, Any] = {"kind": use.kind}
            if use.item is not None:
                ref["item"] = use.item.id
            elif use.entry is not None:
                ref["date"] = str(use.entry.date)
            ref["title"] = use.title
            if use.locator:
                ref["locator"] = use.locator
            cited_by.append(ref)
        listed.append({**_source(source), "cited_by": cited_by})
    return _dumps({**_view(briefing), "sources": listed})


def render_catalog(briefings: list[Briefing], options: OutputOptions) -> str:
    """Render the loaded briefings as a list: id, title, as_of, items, languages, files."""
    from ..layout import catalog

    return _dumps(
        [
            {
                "id": e.briefing.id,
                "title": e.briefing.title,
                "as_of": str(e.briefing.as_of),
                "items": len(e.briefing.items),
                "languages": list(e.languages),
                "file": e.briefing.origin,
                "files": list(e.files),
            }
            for e in catalog(briefings)
        ]
    )
