"""JSON: every command's output in one envelope (docs/json.md), strict and safe to print."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from briefing.delivery.console import OutputOptions
from briefing.errors import Problem
from briefing.formats import Renderer
from briefing.formats.envelope import dumps, envelope, envelope_of, filter_of, head_of
from briefing.formats.trackviews import overdue, tracking_dates, watch_groups
from briefing.formats.views import (
    citation_grade,
    grade_legend,
    revisions,
    source_uses,
    theme_counts,
    timeline,
)
from briefing.model import Briefing, Item, PartialDate, Signpost, Source, SourceRef, TimelineEntry

if TYPE_CHECKING:
    from briefing.cli.settings import Origin
    from briefing.commands.diff import Change, Diff
    from briefing.commands.tracking import Watch
    from briefing.reading.audit import Report
    from briefing.reading.loader import InvalidFile


def _refs(
    refs: tuple[SourceRef, ...], briefing: Briefing, item: Item | Signpost | None = None
) -> list[dict[str, Any]]:
    return [
        {
            "source": r.source,
            "locator": r.locator,
            "grade": citation_grade(briefing, r, item) or None,
        }
        for r in refs
    ]


def _precision(date: PartialDate) -> str:
    return "day" if date.day else "month" if date.month else "year"


def _entry(entry: TimelineEntry, briefing: Briefing) -> dict[str, Any]:
    return {
        "date": str(entry.date),
        "precision": _precision(entry.date),
        "title": entry.title,
        "themes": list(entry.themes),
        "sources": _refs(entry.sources, briefing),
    }


def _source(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "kind": source.kind,
        "language": source.language,
        "published": str(source.published) if source.published else None,
        "url": source.url,
        "reliability": source.reliability,
        "grade_note": source.grade_note,
        "publisher": source.publisher,
        "author": source.author,
        "accessed": str(source.accessed) if source.accessed else None,
        "archived_url": source.archived_url,
    }


def _sources(briefing: Briefing) -> list[dict[str, Any]]:
    """Each source with every place that cites it, in reading order."""
    listed = []
    for source, uses in source_uses(briefing):
        cited_by = [
            {
                "kind": use.kind,
                "item": use.item.id if use.item is not None else None,
                "date": str(use.entry.date) if use.entry is not None else None,
                "title": use.title,
                "locator": use.locator,
                "grade": citation_grade(briefing, SourceRef(source.id), use.item) or None,
            }
            for use in uses
        ]
        listed.append({**_source(source), "cited_by": cited_by})
    return listed


def _themes(briefing: Briefing) -> list[dict[str, Any]]:
    return [
        {
            "id": c.theme.id,
            "title": c.theme.title,
            "aliases": list(c.theme.aliases),
            "description": c.theme.description,
            "item_count": c.items,
        }
        for c in theme_counts(briefing)
    ]


def _due(item: Item, today: PartialDate | None) -> dict[str, Any] | None:
    """An item's due date, who set it, and whether it is overdue as of `today`."""
    if item.expected_by is None:
        return None
    return {
        "date": str(item.expected_by),
        "precision": _precision(item.expected_by),
        "set_by": item.expected_by_set_by,
        "overdue": overdue(item, today),
    }


def _signpost(signpost: Signpost, briefing: Briefing) -> dict[str, Any]:
    return {
        "id": signpost.id,
        "text": signpost.text,
        "direction": signpost.direction,
        "status": signpost.status,
        "attribution": signpost.attribution,
        "observed": str(signpost.observed) if signpost.observed is not None else None,
        "credibility": signpost.credibility,
        "sources": _refs(signpost.sources, briefing, signpost),
    }


def to_data(briefing: Briefing, options: OutputOptions | None = None) -> dict[str, Any]:
    """Return the (possibly filtered) briefing as the plain data `show` prints."""
    options = options or OutputOptions()
    return envelope(
        "show",
        briefing,
        summary=briefing.summary,
        parties=[{"name": p.name, "forces": p.forces} for p in briefing.parties],
        themes=_themes(briefing),
        items=[
            {
                "id": i.id,
                "title": i.title,
                "themes": list(i.themes),
                "summary": i.summary,
                "status": i.status,
                "attribution": i.attribution,
                "sources": _refs(i.sources, briefing, i),
                "open_questions": list(i.open_questions),
                "kind": i.kind or "report",
                "credibility": i.credibility,
                "confidence": i.confidence,
                "likelihood": i.likelihood,
                "expected_by": _due(i, options.today),
                "signposts": [_signpost(s, briefing) for s in i.signposts],
                "tlp": i.tlp,
            }
            for i in briefing.items
        ],
        timeline=[_entry(e, briefing) for e in timeline(briefing)],
        sources=_sources(briefing),
        legend=grade_legend(briefing),
        revisions=[{"date": str(r.date), "summary": r.summary} for r in revisions(briefing)],
    )


def render_briefing(briefing: Briefing, options: OutputOptions) -> str:
    """Render the (possibly filtered) briefing as a JSON document."""
    return dumps(to_data(briefing, options))


def render_themes(briefing: Briefing, options: OutputOptions) -> str:
    """Render the themes, each with its aliases, description and number of items."""
    return dumps(envelope("themes", briefing, themes=_themes(briefing)))


def render_timeline(briefing: Briefing, options: OutputOptions) -> str:
    """Render the dated events in date order, each with the precision of its date."""
    return dumps(_timeline_data(briefing))


def _timeline_data(briefing: Briefing) -> dict[str, Any]:
    """The timeline's envelope: the events, then the tracking's dates apart from them."""
    events = [_entry(e, briefing) for e in timeline(briefing)]
    legend = grade_legend(briefing._replace(items=()))
    tracked = [
        {
            "date": str(d.date),
            "precision": _precision(d.date),
            "kind": d.kind,
            "item": d.item.id,
            "signpost": d.signpost.id if d.signpost is not None else None,
            "title": d.label(),
        }
        for d in tracking_dates(briefing)
    ]
    return envelope("timeline", briefing, timeline=events, tracking=tracked, legend=legend)


def render_sources(briefing: Briefing, options: OutputOptions) -> str:
    """Render each source with what cites it: items and timeline entries, and the locators."""
    listed = _sources(briefing)
    return dumps(envelope("sources", briefing, sources=listed, legend=grade_legend(briefing)))


def render_catalog(
    briefings: Sequence[Briefing], options: OutputOptions, invalid: Sequence[InvalidFile] = ()
) -> str:
    """Render the loaded briefings, one entry per briefing; then the invalid files left out."""
    from briefing.formats.views import catalog

    listed = [
        {
            **head_of(e.briefing),
            "item_count": len(e.briefing.items),
            "file": e.briefing.origin,
            "languages": list(e.languages),
            "files": list(e.files),
        }
        for e in catalog(briefings)
    ]
    left_out = [
        {"file": bad.file, "problem_count": len(bad.problems), "first": _problem(bad.problems[0])}
        for bad in invalid
    ]
    return dumps(envelope("list", None, briefings=listed, invalid=left_out))


def _problem(p: Problem) -> dict[str, Any]:
    return {
        "file": p.file or None,
        "line": p.line,
        "column": p.column,
        "path": p.path or None,
        "message": p.message,
    }


def render_report(report: Report, options: OutputOptions) -> str:
    """Render what `validate` found: the files, every problem and warning, and the counts."""
    files = list(report.files)
    warned, tally = report.warned, report.tally
    listed = [_problem(p) for p in report.problems]
    warnings = [
        {**_problem(w.problem), "rule": w.rule, "acknowledged": w.acknowledged, "reason": w.reason}
        for w in warned or ()
    ]
    counts = {
        "files": len(files),
        "problems": len(listed),
        "warnings": len(warnings),
        "acknowledged": sum(1 for w in warnings if w["acknowledged"]),
        "source_texts": tally.texts if tally else 0,
        "locators": tally.locators if tally else 0,
        "quotations": tally.quotations if tally else 0,
        "fields_compared": tally.fields if tally else 0,
        "mismatches": tally.mismatches if tally else 0,
    }
    return dumps(
        envelope(
            "validate",
            None,
            files=files,
            valid=report.valid,
            problems=listed,
            warnings=warnings,
            standards_checked=warned is not None,
            counts=counts,
        )
    )


def render_across(command: str, views: Sequence[Briefing], options: OutputOptions) -> str:
    """`--all`: `results` holds the usual output of the command for each briefing, oldest first.

    Each result is the envelope the command prints for one briefing, whose
    `briefing` key names it (id, as_of); the outer envelope has no briefing, and
    its `filter` gathers how the results were narrowed (null when none was).
    """
    results: list[dict[str, Any]] = []
    for view in views:
        if command == "show":
            results.append(to_data(view, options))
        else:
            results.append(_timeline_data(view))
    narrowed = None
    if any(view.narrowed for view in views):
        first = views[0]
        # A theme may resolve to other ids in another briefing: every id kept, once each.
        themes = dict.fromkeys(t for view in views for t in view.focus)
        narrowed = filter_of(themes, first.search, first.credibility_range, first.statuses)
    return dumps(envelope_of(command, None, narrowed, {"all": True, "results": results}))


def _edition(briefing: Briefing) -> dict[str, Any]:
    return {**head_of(briefing), "file": briefing.origin}


def render_diff(d: Diff, options: OutputOptions) -> str:
    """Render what changed between two editions: `old` and `new` name them, `changes` lists it.

    `briefing` is null, as the output is about two editions. Every value is the
    data's own (status codes, grade codes, dates as written, null when absent),
    the same whatever the interface's language; its shape follows the contract
    (see `diff.list_parts`), as does the published schema.
    """
    from briefing.commands.diff import changed_names, list_parts

    def changed(changes: Sequence[Change]) -> list[dict[str, Any]]:
        return [{"field": x.field, "old": x.old, "new": x.new} for x in changes]

    changes: dict[str, Any] = {"briefing": changed(d.fields)}
    for part in d.lists:
        shape: dict[str, Any] = {}
        for key in list_parts(part.spec):
            if key == "added":
                shape[key] = list(part.added)
            elif key == "removed":
                shape[key] = list(part.removed)
            elif key == "changed":
                shape[key] = [
                    {
                        **{name: c.entry[name] for name in changed_names(part.spec)},
                        "changes": changed(c.changes),
                    }
                    for c in part.changed
                ]
            else:
                order = part.order
                shape[key] = (
                    None if order is None else {"old": list(order[0]), "new": list(order[1])}
                )
        changes[part.field] = shape
    payload = {
        "old": _edition(d.old),
        "new": _edition(d.new),
        "differ": not d.empty,
        "changes": changes,
    }
    narrowed = filter_of(d.themes) if d.themes else None
    return dumps(envelope_of("diff", None, narrowed, payload))


def render_config(origins: Sequence[Origin], options: OutputOptions) -> str:
    """Render each setting in effect with its value and where it comes from (`config`)."""
    listed = [{"setting": o.setting, "value": o.value, "source": o.source} for o in origins]
    return dumps(envelope_of("config", None, None, {"settings": listed}))


def render_watch(watch: Watch, options: OutputOptions) -> str:
    """Render what stands where as of a date, by theme, in the envelope."""
    from briefing.commands.tracking import gaps

    briefing = watch.briefing

    def watched(item: Item) -> dict[str, Any]:
        return {
            "id": item.id,
            "title": item.title,
            "status": item.status,
            "expected_by": _due(item, watch.as_of),
            "missing": list(gaps(item)),
        }

    themes = [
        {
            "theme": g.theme.id,
            "title": g.theme.title,
            "overdue": [watched(i) for i in g.overdue],
            "due": [watched(i) for i in g.due],
            "seen": [
                {
                    "item": s.item.id,
                    "item_title": s.item.title,
                    "signpost": _signpost(s.signpost, briefing),
                }
                for s in g.seen
            ],
            "untracked": [watched(i) for i in g.untracked],
        }
        for g in watch_groups(watch)
    ]
    counts = {
        "overdue": len(watch.overdue),
        "due": len(watch.due),
        "seen": len(watch.seen),
        "contradicted": len(watch.contradicted),
        "untracked": len(watch.untracked),
    }
    return dumps(
        envelope(
            "watch",
            briefing,
            as_of=str(watch.as_of),
            within_days=watch.within,
            since=str(watch.since) if watch.since is not None else None,
            alarm=watch.alarm,
            totals=counts,
            by_theme=themes,
        )
    )


RENDERER = Renderer(
    briefing=render_briefing,
    themes=render_themes,
    timeline=render_timeline,
    sources=render_sources,
    catalog=render_catalog,
    across=render_across,
    diff=render_diff,
    report=render_report,
    config=render_config,
    watch=render_watch,
)
