"""JSON Schemas (draft 2020-12) of every command's `--format json` output, from one description.

The envelope and the shapes inside it are described once below; each command's
schema picks its payload from them, so a key holds the same kind of value in
every command. The files in `briefing/formats/schemas/` are this module's output
(`python -m briefing.formats.outputschema` rewrites them; a test checks they match).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefing.commands.diff import changed_names, entry_lists, list_parts
from briefing.formats import ACROSS_COMMANDS, JSON_COMMANDS
from briefing.formats.jsondoc import ENVELOPE_VERSION
from briefing.grades import (
    CONFIDENCE_CODES,
    CREDIBILITY_CODES,
    KIND_CODES,
    LIKELIHOOD_CODES,
    RELIABILITY_CODES,
    STANDARD_RULES,
)
from briefing.model import DATE_PATTERN, DIRECTIONS, SETTERS, SIGNPOST_STATUSES, STATUSES
from briefing.reading.contract import BRIEFING, LANG, SLUG, URL, Field, Obj, Scalar, Seq, Spec
from briefing.reading.jsonschema import scalar_node
from briefing.tlp import CODES as TLP_CODES

BASE_ID = "https://briefing.invalid/schema"
SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"

Node = dict[str, Any]

NULL: Node = {"type": "null"}
TEXT: Node = {"type": "string", "pattern": r"\S"}
ID: Node = {"type": "string", "pattern": SLUG.pattern}
DATE: Node = {"type": "string", "pattern": DATE_PATTERN}
LANGUAGE: Node = {"type": "string", "pattern": LANG.pattern}
COUNT: Node = {"type": "integer", "minimum": 0}
POSITION: Node = {"type": ["integer", "null"], "minimum": 1}


def _or_null(node: Node) -> Node:
    """The node, or null: for values the data may leave out (never a missing key)."""
    if "$ref" in node:
        return {"anyOf": [node, NULL]}
    kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
    return {**node, "type": [*kinds, "null"]}


def _list(of: Node) -> Node:
    return {"type": "array", "items": of}


def _ref(name: str) -> Node:
    return {"$ref": f"#/$defs/{name}"}


def _object(doc: str, properties: dict[str, tuple[Node, str]]) -> Node:
    """A closed object: every key present (null when there is no value), no other key."""
    return {
        "description": doc,
        "type": "object",
        "properties": {
            name: {"description": text, **node} for name, (node, text) in properties.items()
        },
        "required": list(properties),
        "additionalProperties": False,
    }


_HEAD: dict[str, tuple[Node, str]] = {
    "id": (ID, "The briefing's id, shared by its translations."),
    "title": (TEXT, "The briefing's title, in its language."),
    "subtitle": (_or_null(TEXT), "The subtitle, or null."),
    "language": (LANGUAGE, "The language of the briefing's text."),
    "translation_of": (
        _or_null(LANGUAGE),
        "For a translation, the language of the original; else null.",
    ),
    "as_of": (DATE, "The date the briefing is current to: YYYY, YYYY-MM or YYYY-MM-DD."),
    "tlp": (
        {"enum": [*TLP_CODES, None]},
        "The most restrictive TLP 2.0 marking of what this output holds (the briefing's and "
        "its shown items'), or null when nothing is marked.",
    ),
}

_GRADE = (
    {"type": ["string", "null"], "pattern": "^[A-F-][1-6-]?$"},
    "The citation's grade: the source's reliability (A-F), then for an item its "
    "credibility (1-6), e.g. `B2`; `-` for a grade that is missing. A timeline "
    "entry has no credibility: its citations carry the letter alone. Null for a "
    "format version 1 briefing, which has no grades.",
)
_LEGEND = (
    _list(TEXT),
    "The grades shown, explained once in the reader's language: `B: usually reliable "
    "(source reliability)`, one per code, then `-: not graded` if any is missing.",
)


def _change(doc: str, fields: dict[str, Node]) -> Node:
    """A changed field, `{field, old, new}`, each field's values checked in their own form."""
    node = _object(
        doc,
        {
            "field": ({"enum": list(fields)}, "The field, as named in the data."),
            "old": (
                {},
                "Its value in the older edition, as the data holds it: a code for a status or "
                "grade, a date as written, a list for themes, citations and open questions; "
                "null when absent.",
            ),
            "new": ({}, "Its value in the newer edition, in the same form."),
        },
    )
    node["allOf"] = [
        {
            "if": {"properties": {"field": {"const": name}}},
            "then": {"properties": {"old": value, "new": value}},
        }
        for name, value in fields.items()
    ]
    return node


def _nullable(node: Node) -> Node:
    """A node that also accepts null: for a value the data may leave out."""
    out = dict(node)
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    if "type" in out:
        kinds = out["type"] if isinstance(out["type"], list) else [out["type"]]
        out["type"] = [*kinds, "null"]
    if "enum" not in out and "type" not in out:
        return {"anyOf": [node, NULL]}
    return out


def _data_node(spec: Spec) -> Node:
    """A value in the data's form, as a diff holds it, from the contract."""
    if isinstance(spec, Scalar):
        return scalar_node(spec.kind)
    if isinstance(spec, Seq):
        return _list(_data_node(spec.of))
    return _entry_node(spec)


def _field_node(field: Field) -> Node:
    """A field's value: null when the data may leave it out and nothing stands in for it."""
    node = _data_node(field.spec)
    optional = not field.required and field.default is None and not isinstance(field.spec, Seq)
    return _nullable(node) if optional else node


def _entry_node(spec: Obj) -> Node:
    """An entry as a diff holds it: every field of its contract, null when absent."""
    return _object(
        f"{spec.noun[0].upper()}{spec.noun[1:]}, with every field of the data contract.",
        {name: (_field_node(f), f.doc or name) for name, f in spec.fields.items()},
    )


def _diff_defs() -> dict[str, Node]:
    """The definitions of a diff's `changes`, one set per list of the contract."""
    top = {
        name: _field_node(f)
        for name, f in BRIEFING.fields.items()
        if name not in dict(entry_lists())
    }
    defs: dict[str, Node] = {
        "diff_briefing_change": _change("One field of the briefing itself that differs.", top)
    }
    for name, spec in entry_lists():
        defs[f"diff_{name}_entry"] = _entry_node(spec)
        if spec.key:
            fields = {n: _field_node(f) for n, f in spec.fields.items()}
            defs[f"diff_{name}_change"] = _change(f"One field of {spec.noun} that differs.", fields)
            named = {
                n: (_field_node(spec.fields[n]), f"Its {n} in the newer edition.")
                for n in changed_names(spec)
            }
            defs[f"diff_{name}_changed"] = _object(
                f"{spec.noun[0].upper()}{spec.noun[1:]} in both editions, matched by its "
                f"{spec.key}, and what differs in it.",
                {
                    **named,
                    "changes": (_list(_ref(f"diff_{name}_change")), "Each field that differs."),
                },
            )
    return defs


def _list_diff(name: str, spec: Obj) -> Node:
    """What differs in one list of the briefing: the keys `diff.list_parts` gives it."""
    key = _field_node(spec.fields[spec.key]) if spec.key else {}
    parts: dict[str, tuple[Node, str]] = {
        "added": (_list(_ref(f"diff_{name}_entry")), "Entries in the newer edition only."),
        "removed": (_list(_ref(f"diff_{name}_entry")), "Entries in the older edition only."),
        "changed": (
            _list(_ref(f"diff_{name}_changed")),
            f"Entries in both (matched by {spec.key}), with what differs.",
        ),
        "order": (
            {
                "anyOf": [
                    _object(
                        "The entries in both, by key, in each edition's order.",
                        {
                            "old": (_list(key), "In the older edition's order."),
                            "new": (_list(key), "In the newer edition's order."),
                        },
                    ),
                    NULL,
                ]
            },
            "Null, or the order of the entries in both when it changed.",
        ),
    }
    return _object(f"What differs in `{name}`.", {part: parts[part] for part in list_parts(spec)})


_REFS: Node = _list(
    _object(
        "A citation of a declared source.",
        {
            "source": (ID, "The id of a source in `sources`."),
            "locator": (_or_null(TEXT), "Where in the source (page, paragraph), or null."),
            "grade": _GRADE,
        },
    )
)

DEFS: dict[str, Node] = {
    "briefing": _object("The briefing shown.", _HEAD),
    "filter": _object(
        "How the briefing was narrowed.",
        {
            "themes": (_list(ID), "The theme ids kept (any of them), or [] for every theme."),
            "search": (_or_null(TEXT), "The search terms, words or quoted phrases, or null."),
            "credibility": (
                _or_null(
                    _object(
                        "The credibility range kept (items not graded and the timeline "
                        "are left out).",
                        {
                            "min": ({"enum": list(CREDIBILITY_CODES)}, "The lowest grade kept."),
                            "max": ({"enum": list(CREDIBILITY_CODES)}, "The highest grade kept."),
                        },
                    )
                    | {"type": "object"}
                ),
                "The item credibility range kept by `--credibility`, or null.",
            ),
            "statuses": (
                _list({"enum": list(STATUSES)}),
                "The item statuses kept by `--status` (the timeline is then left out), or [].",
            ),
            "max_tlp": (
                {"enum": [*TLP_CODES, None]},
                "The highest TLP marking kept by `--max-tlp`, or null.",
            ),
            "withheld": (COUNT, "How many items `--max-tlp` left out for being marked above it."),
        },
    ),
    "party": _object(
        "One side of the relationship.",
        {"name": (TEXT, "The party's name."), "forces": (_or_null(TEXT), "Its forces, or null.")},
    ),
    "theme": _object(
        "A theme, with how many of the shown items carry it.",
        {
            "id": (ID, "The theme's id, which `--theme` accepts."),
            "title": (TEXT, "Its title, which `--theme` accepts too."),
            "aliases": (_list(TEXT), "Other names `--theme` accepts."),
            "description": (_or_null(TEXT), "What the theme covers, or null."),
            "item_count": (COUNT, "How many of the shown items carry the theme."),
        },
    ),
    "item": _object(
        "One element of the plan.",
        {
            "id": (ID, "The item's id."),
            "title": (TEXT, "Its title."),
            "themes": (_list(ID), "Its theme ids, the first one its main theme."),
            "summary": (TEXT, "What the sources say."),
            "status": ({"enum": list(STATUSES)}, "How far it has gone."),
            "attribution": (_or_null(TEXT), "Who said it, or null."),
            "sources": (_REFS, "Where it comes from."),
            "open_questions": (_list(TEXT), "What the sources leave unknown."),
            "kind": ({"enum": list(KIND_CODES)}, "A report, or an assessment (a judgement)."),
            "credibility": (
                {"enum": [*CREDIBILITY_CODES, None]},
                "Admiralty credibility, 1 (confirmed) to 6 (cannot be judged), "
                "or null: not graded.",
            ),
            "confidence": (
                {"enum": [*CONFIDENCE_CODES, None]},
                "An assessment's confidence, or null.",
            ),
            "likelihood": (
                {"enum": [*LIKELIHOOD_CODES, None]},
                "An assessment's ICD 203 likelihood term, or null.",
            ),
            "tlp": (
                {"enum": [*TLP_CODES, None]},
                "The item's own TLP 2.0 marking, or null when it has none of its own.",
            ),
            "expected_by": (
                {"anyOf": [_ref("due"), NULL]},
                "When it is due, or null: no due date recorded.",
            ),
            "signposts": (
                _list(_ref("signpost")),
                "Events that would show it carried out or abandoned, in declared order.",
            ),
        },
    ),
    "due": _object(
        "An item's due date, and who set it.",
        {
            "date": (
                DATE,
                "YYYY, YYYY-MM or YYYY-MM-DD: due by the end of that year, month or day.",
            ),
            "precision": ({"enum": ["year", "month", "day"]}, "How precise `date` is."),
            "set_by": (
                {"enum": list(SETTERS)},
                "Who set the date: the source reports it, or the analyst chose it.",
            ),
            "overdue": (
                {"type": "boolean"},
                "Whether the whole of `date` has passed, as of the day shown (for `watch`, its "
                "as-of date), and the item is not completed.",
            ),
        },
    ),
    "signpost": _object(
        "An observable event that would show an item carried out (or abandoned).",
        {
            "id": (ID, "The signpost's id, unique in its item."),
            "text": (TEXT, "The event to look for."),
            "direction": (
                {"enum": list(DIRECTIONS)},
                "What seeing it would say: `supports` (carried out) or `undermines` (stalling).",
            ),
            "status": (
                {"enum": list(SIGNPOST_STATUSES)},
                "Whether it has been seen: not yet, observed, or contradicted.",
            ),
            "attribution": (_or_null(TEXT), "Who chose this signpost, or null."),
            "observed": (_or_null(DATE), "When it was observed or contradicted, or null."),
            "credibility": (
                {"enum": [*CREDIBILITY_CODES, None]},
                "The credibility of the report that it was seen, 1-6, or null.",
            ),
            "sources": (
                _REFS,
                "The citations that report it; the grade is the source's "
                "reliability and this signpost's credibility.",
            ),
        },
    ),
    "tracking_date": _object(
        "A date from the tracking: an item's due date, or a signpost seen.",
        {
            "date": (DATE, "YYYY, YYYY-MM or YYYY-MM-DD."),
            "precision": ({"enum": ["year", "month", "day"]}, "How precise `date` is."),
            "kind": (
                {"enum": ["due", "observed", "contradicted"]},
                "A due date, or a signpost observed or contradicted.",
            ),
            "item": (ID, "The item's id."),
            "signpost": (_or_null(ID), "The signpost's id, or null for a due date."),
            "title": (TEXT, "What happens on that date, in the reader's language."),
        },
    ),
    "watched_item": _object(
        "An item overdue, due soon or not tracked.",
        {
            "id": (ID, "The item's id."),
            "title": (TEXT, "Its title."),
            "status": ({"enum": list(STATUSES)}, "How far it has gone."),
            "expected_by": (
                {"anyOf": [_ref("due"), NULL]},
                "When it is due, or null: not tracked by a date.",
            ),
            "missing": (
                _list({"enum": ["expected_by", "signposts"]}),
                "What it lacks to be followed (listed under `untracked`), else [].",
            ),
        },
    ),
    "seen_signpost": _object(
        "A signpost observed or contradicted, with its item.",
        {
            "item": (ID, "The id of the item it belongs to."),
            "item_title": (TEXT, "That item's title."),
            "signpost": (_ref("signpost"), "The signpost."),
        },
    ),
    "watch_group": _object(
        "What stands where under one theme; each item under its first theme shown.",
        {
            "theme": (ID, "The theme's id."),
            "title": (TEXT, "The theme's title."),
            "overdue": (
                _list(_ref("watched_item")),
                "Items not completed whose whole due date has passed, most overdue first.",
            ),
            "due": (
                _list(_ref("watched_item")),
                "Items not completed that may fall due within the window, soonest first.",
            ),
            "seen": (
                _list(_ref("seen_signpost")),
                "Signposts observed or contradicted in the period, earliest first.",
            ),
            "untracked": (
                _list(_ref("watched_item")),
                "Items not completed that lack a due date or a signpost: the gaps in the tracking.",
            ),
        },
    ),
    "timeline_entry": _object(
        "A dated event; the timeline is in date order.",
        {
            "date": (DATE, "YYYY, YYYY-MM or YYYY-MM-DD: no more precise than its source."),
            "precision": ({"enum": ["year", "month", "day"]}, "How precise `date` is."),
            "title": (TEXT, "What happened."),
            "themes": (_list(ID), "Its theme ids, possibly none."),
            "sources": (_REFS, "Where it comes from."),
        },
    ),
    "source": _object(
        "A document the briefing rests on, with every place that cites it.",
        {
            "id": (ID, "The source's id."),
            "title": (TEXT, "Its title."),
            "kind": (_or_null(TEXT), "What kind of document it is, or null."),
            "language": (_or_null(LANGUAGE), "Its language, or null."),
            "published": (_or_null(DATE), "When it was published, or null."),
            "url": (_or_null({"type": "string", "pattern": URL.pattern}), "Its address, or null."),
            "reliability": (
                {"enum": [*RELIABILITY_CODES, None]},
                "Admiralty reliability, A (completely reliable) to F (cannot be judged), "
                "or null: not graded.",
            ),
            "grade_note": (_or_null(TEXT), "Why it has that reliability, or null."),
            "publisher": (_or_null(TEXT), "Its publisher, or null."),
            "author": (_or_null(TEXT), "Its author, or null."),
            "accessed": (_or_null(DATE), "When it was consulted, or null."),
            "archived_url": (
                _or_null({"type": "string", "pattern": URL.pattern}),
                "The address of an archived copy, or null.",
            ),
            "cited_by": (_list(_ref("citation")), "The items and timeline entries citing it."),
        },
    ),
    "citation": _object(
        "An item or a timeline entry that cites a source, in reading order.",
        {
            "kind": ({"enum": ["item", "timeline"]}, "What cites the source."),
            "item": (_or_null(ID), "The item's id when `kind` is item, else null."),
            "date": (_or_null(DATE), "The entry's date when `kind` is timeline, else null."),
            "title": (TEXT, "The title of the item or entry."),
            "locator": (_or_null(TEXT), "Where in the source, or null."),
            "grade": _GRADE,
        },
    ),
    "listed_briefing": _object(
        "A loaded briefing, latest `as_of` first, in the language shown.",
        {
            **_HEAD,
            "item_count": (COUNT, "How many items it has."),
            "file": ({"type": "string"}, "The file shown was read from ('-' for standard input)."),
            "languages": (_list(LANGUAGE), "Its languages: the original's first."),
            "files": (_list({"type": "string"}), "Every file of it, one per language."),
        },
    ),
    "edition": _object(
        "One of the two editions compared.",
        {
            **_HEAD,
            "file": ({"type": "string"}, "The file it was read from ('-' for standard input)."),
        },
    ),
    "setting": _object(
        "One setting in effect.",
        {
            "setting": (
                {"type": "string", "pattern": "^[a-z]+(?:_[a-z]+)*$"},
                "The setting's name, as in the configuration file (`pager_command`: its pager).",
            ),
            "value": ({"type": "string"}, "Its value, as text."),
            "source": (
                TEXT,
                "Where it comes from: an option, an environment variable, the "
                "configuration file with its line, or the default.",
            ),
        },
    ),
    "problem": _object(
        "One problem found in the data.",
        {
            "file": ({"type": ["string", "null"]}, "The file, or null when none applies."),
            "line": (POSITION, "The line, from 1, or null when unknown."),
            "column": (POSITION, "The column, from 1, or null when unknown."),
            "path": (
                {"type": ["string", "null"], "pattern": r"\S"},
                "Where in the data, as `items[0].status`, or null.",
            ),
            "message": (TEXT, "What is wrong and how to fix it."),
        },
    ),
    "warning": _object(
        "One analytic-standards warning (docs/data-format.md, Analytic standards).",
        {
            "file": ({"type": ["string", "null"]}, "The file, or null when none applies."),
            "line": (POSITION, "The line, from 1, or null when unknown."),
            "column": (POSITION, "The column, from 1, or null when unknown."),
            "path": (
                {"type": ["string", "null"], "pattern": r"\S"},
                "Where in the data, as `items[0].credibility`, or null.",
            ),
            "message": (TEXT, "What the standard asks and how to meet it."),
            "rule": (
                {"enum": [*STANDARD_RULES, "unused-acknowledgement"]},
                "The id of the rule, as an acknowledgement names it.",
            ),
            "acknowledged": ({"type": "boolean"}, "Whether the data accepts it deliberately."),
            "reason": (_or_null(TEXT), "The acknowledgement's reason, or null."),
        },
    ),
    "validate_counts": _object(
        "What was checked and found.",
        {
            "files": (COUNT, "Files checked."),
            "problems": (COUNT, "Problems found (errors)."),
            "warnings": (COUNT, "Standards warnings, acknowledged ones included."),
            "acknowledged": (COUNT, "Warnings the data accepts deliberately."),
            "source_texts": (COUNT, "Source texts given with `--source`."),
            "locators": (COUNT, "Locators checked against a source text."),
            "quotations": (COUNT, "Quotations checked against a source text."),
            "fields_compared": (COUNT, "Text fields compared with a source text for copying."),
            "mismatches": (COUNT, "Problems found against a source text."),
        },
    ),
    **_diff_defs(),
}

_BRIEFING = (_ref("briefing"), "The briefing shown.")
_NO_BRIEFING = (NULL, "Null: this command is about several briefings or files.")
_FILTER = (
    {"anyOf": [_ref("filter"), NULL]},
    "How the briefing was narrowed by `--theme`, `--search`, `--credibility` and `--status`, "
    "or null when it is whole.",
)
_NO_FILTER = (NULL, "Null: this command takes no filter.")
_BOTH_EDITIONS = (NULL, "Null: the output is about two editions, named by `old` and `new`.")
_NO_BRIEFING_READ = (NULL, "Null: this command reads no briefing.")
_THEME_FILTER = (
    {"anyOf": [_ref("filter"), NULL]},
    "The themes kept by `--theme` (`search`, `credibility` and `statuses` are then empty), "
    "or null when every change is listed.",
)
_THEMES = (_list(_ref("theme")), "The themes in declared order.")
_TIMELINE = (_list(_ref("timeline_entry")), "The dated events in date order.")
_SOURCES = (_list(_ref("source")), "The sources in declared order, each with what cites it.")

_WATCH: dict[str, tuple[Node, str]] = {
    "as_of": (DATE, "The date things stand as of (`--as-of`, default the day it ran)."),
    "within_days": (COUNT, "The window, in days, for what falls due (`--within`)."),
    "since": (_or_null(DATE), "Signposts seen since this date only (`--since`), or null: all."),
    "alarm": (
        {"type": "boolean"},
        "Whether something is overdue or a signpost was contradicted (`--exit-code` exits 1).",
    ),
    "totals": (
        _object(
            "How many of each, across every theme.",
            {
                "overdue": (COUNT, "Items overdue."),
                "due": (COUNT, "Items due within the window."),
                "seen": (COUNT, "Signposts observed or contradicted."),
                "contradicted": (COUNT, "Of those, the signposts contradicted."),
                "untracked": (COUNT, "Items not completed with no due date or no signpost."),
            },
        ),
        "The totals.",
    ),
    "by_theme": (
        _list(_ref("watch_group")),
        "What was found, by theme in declared order; themes with nothing to say are left out.",
    ),
}

# What each command adds to the envelope: (briefing, filter, payload).
COMMANDS: dict[str, tuple[tuple[Node, str], tuple[Node, str], dict[str, tuple[Node, str]]]] = {
    "show": (
        _BRIEFING,
        _FILTER,
        {
            "summary": (TEXT, "The bottom line; a blank line separates paragraphs."),
            "parties": (_list(_ref("party")), "The sides of the relationship."),
            "themes": _THEMES,
            "items": (_list(_ref("item")), "The items shown, in declared order."),
            "timeline": _TIMELINE,
            "sources": _SOURCES,
            "legend": _LEGEND,
            "revisions": (
                _list(
                    _object(
                        "A dated change to the briefing.",
                        {
                            "date": (DATE, "When: YYYY, YYYY-MM or YYYY-MM-DD."),
                            "summary": (TEXT, "What changed and why."),
                        },
                    )
                ),
                "The briefing's own record of what changed and why, newest first; [] if none.",
            ),
        },
    ),
    "themes": (_BRIEFING, _NO_FILTER, {"themes": _THEMES}),
    "timeline": (
        _BRIEFING,
        _FILTER,
        {
            "timeline": _TIMELINE,
            "tracking": (
                _list(_ref("tracking_date")),
                "The items' due dates and the dates their signposts were seen, in date order, "
                "apart from the events.",
            ),
            "legend": _LEGEND,
        },
    ),
    "sources": (_BRIEFING, _FILTER, {"sources": _SOURCES, "legend": _LEGEND}),
    "list": (
        _NO_BRIEFING,
        _NO_FILTER,
        {
            "briefings": (_list(_ref("listed_briefing")), "The loaded briefings."),
            "invalid": (
                _list(
                    _object(
                        "A data file left out because it breaks the contract.",
                        {
                            "file": ({"type": "string"}, "The file."),
                            "problem_count": (COUNT, "How many problems it has."),
                            "first": (_ref("problem"), "Its first problem, in file order."),
                        },
                    )
                ),
                "The invalid files of a folder left out ([] with --strict, which refuses them).",
            ),
        },
    ),
    "diff": (
        _BOTH_EDITIONS,
        _THEME_FILTER,
        {
            "old": (_ref("edition"), "The older edition."),
            "new": (_ref("edition"), "The newer edition."),
            "differ": (
                {"type": "boolean"},
                "Whether anything differs, revisions included (what `--exit-code` tells).",
            ),
            "changes": (
                _object(
                    "What differs, every field of the data contract: the briefing's own fields, "
                    "then each list of entries.",
                    {
                        "briefing": (
                            _list(_ref("diff_briefing_change")),
                            "The briefing's own fields that differ (title, bottom line, as-of, …).",
                        ),
                        **{
                            name: (_list_diff(name, spec), f"What differs in `{name}`.")
                            for name, spec in entry_lists()
                        },
                    },
                ),
                "What differs between the editions.",
            ),
        },
    ),
    "watch": (_BRIEFING, _FILTER, _WATCH),
    "config": (
        _NO_BRIEFING_READ,
        _NO_FILTER,
        {"settings": (_list(_ref("setting")), "Each setting in effect, in a fixed order.")},
    ),
    "validate": (
        _NO_BRIEFING,
        _NO_FILTER,
        {
            "files": (_list({"type": "string"}), "The files checked, each once."),
            "valid": (
                {"type": "boolean"},
                "Whether no problem was found (and, with `--strict`, no open warning).",
            ),
            "problems": (_list(_ref("problem")), "Every problem found, in file order."),
            "warnings": (
                _list(_ref("warning")),
                "Every standards warning (with `--standards`), acknowledged ones included.",
            ),
            "standards_checked": (
                {"type": "boolean"},
                "Whether the standards were checked: an empty `warnings` then means none.",
            ),
            "counts": (_ref("validate_counts"), "What was checked and found."),
        },
    ),
}


def _refs_in(node: Any) -> set[str]:
    """The names of the definitions a node refers to, directly."""
    if isinstance(node, dict):
        found = {node["$ref"].rpartition("/")[2]} if "$ref" in node else set()
        return found.union(*(_refs_in(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs_in(v) for v in node))
    return set()


def _output(command: str) -> Node:
    """The object `briefing COMMAND --format json` prints for one briefing."""
    briefing, narrowed, payload = COMMANDS[command]
    properties: dict[str, tuple[Node, str]] = {
        "format": ({"const": ENVELOPE_VERSION}, "The version of this output's shape."),
        "command": ({"const": command}, "The command that printed it."),
        "briefing": briefing,
        "filter": narrowed,
        **payload,
    }
    return _object(
        "The envelope every command's JSON shares (docs/json.md), with this command's payload.",
        properties,
    )


def _across(command: str) -> Node:
    """The object `briefing COMMAND --all --format json` prints: each edition's output."""
    return _object(
        "`--all`: the envelope with no briefing, holding the command's output for each edition.",
        {
            "format": ({"const": ENVELOPE_VERSION}, "The version of this output's shape."),
            "command": ({"const": command}, "The command that printed it."),
            "briefing": (NULL, "Null: the output is about every edition loaded."),
            "filter": (
                {"anyOf": [_ref("filter"), NULL]},
                "How the editions were narrowed (the theme ids kept in any of them), or null.",
            ),
            "all": ({"const": True}, "True: this is the output of `--all`."),
            "results": (
                _list(_ref("output")),
                "The command's usual output for each edition, oldest first.",
            ),
        },
    )


def output_schema(command: str) -> Node:
    """Return the JSON Schema of `briefing COMMAND --format json`'s output (and `--all`'s)."""
    head: Node = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_ID}/output-{command}-{ENVELOPE_VERSION}.schema.json",
        "title": f"briefing {command} --format json, output format {ENVELOPE_VERSION}",
    }
    if command in ACROSS_COMMANDS:
        # One output, or with --all one per edition: the shape of one is a definition.
        defs = {**DEFS, "output": _output(command), "output_all": _across(command)}
        schema: Node = {
            **head,
            "description": "One briefing's output, or with `--all` every edition's.",
            "oneOf": [_ref("output"), _ref("output_all")],
        }
    else:
        defs = DEFS
        schema = {**head, **_output(command)}
    # Only the definitions this schema uses, and those they use in turn.
    used: set[str] = set()
    pending = _refs_in(schema)
    while pending:
        name = pending.pop()
        used.add(name)
        pending |= _refs_in(defs[name]) - used
    schema["$defs"] = {name: defs[name] for name in defs if name in used}
    return schema


def render(command: str) -> str:
    """Return the JSON text of a command's output schema, as shipped in `formats/schemas/`."""
    return json.dumps(output_schema(command), indent=2, ensure_ascii=False) + "\n"


def schema_file(command: str) -> Path:
    """Return where the package ships a command's output schema."""
    return SCHEMAS_DIR / f"output-{command}.json"


def write_all() -> list[Path]:
    """Rewrite every shipped output schema from the description above; return the files."""
    from briefing.delivery.writing import to_file

    SCHEMAS_DIR.mkdir(exist_ok=True)
    written = []
    for command in JSON_COMMANDS:
        path = schema_file(command)
        to_file(render(command), str(path), protected=[])
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    for path in write_all():
        print(path)
