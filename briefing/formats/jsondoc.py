"""JSON: the briefing in the shape of the data contract, strict and safe to print."""

from __future__ import annotations

import json
import re
from typing import Any

from ..layout import theme_counts
from ..model import Briefing, SourceRef
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
            "summary": briefing.summary,
        }
    )
    if briefing.focus:
        data["x-filter"] = {"themes": list(briefing.focus)}
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
    data["timeline"] = [
        {
            "date": str(e.date),
            "title": e.title,
            "themes": list(e.themes),
            "sources": _refs(e.sources),
        }
        for e in briefing.timeline
    ]
    data["sources"] = [
        _compact(
            {
                "id": s.id,
                "title": s.title,
                "kind": s.kind,
                "language": s.language,
                "published": str(s.published) if s.published else None,
                "url": s.url,
            }
        )
        for s in briefing.sources
    ]
    return data


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
                "count": c.count,
            }
            for c in theme_counts(briefing)
        ]
    )
