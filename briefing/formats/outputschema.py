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

from briefing.commands.diff import entry_lists
from briefing.formats import ACROSS_COMMANDS, JSON_COMMANDS
from briefing.formats.envelope import ENVELOPE_VERSION
from briefing.formats.outputdefs import DEFS, LEGEND
from briefing.formats.outputnodes import (
    COUNT,
    DATE,
    NULL,
    TEXT,
    Node,
    list_diff,
    list_of,
    object_node,
    or_null,
    ref_to,
)

BASE_ID = "https://briefing.invalid/schema"
SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"


_BRIEFING = (ref_to("briefing"), "The briefing shown.")
_NO_BRIEFING = (NULL, "Null: this command is about several briefings or files.")
_FILTER = (
    {"anyOf": [ref_to("filter"), NULL]},
    "How the briefing was narrowed by `--theme`, `--search`, `--credibility` and `--status`, "
    "or null when it is whole.",
)
_NO_FILTER = (NULL, "Null: this command takes no filter.")
_BOTH_EDITIONS = (NULL, "Null: the output is about two editions, named by `old` and `new`.")
_NO_BRIEFING_READ = (NULL, "Null: this command reads no briefing.")
_THEME_FILTER = (
    {"anyOf": [ref_to("filter"), NULL]},
    "The themes kept by `--theme` (`search`, `credibility` and `statuses` are then empty), "
    "or null when every change is listed.",
)
_THEMES = (list_of(ref_to("theme")), "The themes in declared order.")
_TIMELINE = (list_of(ref_to("timeline_entry")), "The dated events in date order.")
_SOURCES = (list_of(ref_to("source")), "The sources in declared order, each with what cites it.")

_WATCH: dict[str, tuple[Node, str]] = {
    "as_of": (DATE, "The date things stand as of (`--as-of`, default the day it ran)."),
    "within_days": (COUNT, "The window, in days, for what falls due (`--within`)."),
    "since": (or_null(DATE), "Signposts seen since this date only (`--since`), or null: all."),
    "alarm": (
        {"type": "boolean"},
        "Whether something is overdue or a signpost was contradicted (`--exit-code` exits 1).",
    ),
    "totals": (
        object_node(
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
        list_of(ref_to("watch_group")),
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
            "parties": (list_of(ref_to("party")), "The sides of the relationship."),
            "themes": _THEMES,
            "items": (list_of(ref_to("item")), "The items shown, in declared order."),
            "timeline": _TIMELINE,
            "sources": _SOURCES,
            "legend": LEGEND,
            "revisions": (
                list_of(
                    object_node(
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
                list_of(ref_to("tracking_date")),
                "The items' due dates and the dates their signposts were seen, in date order, "
                "apart from the events.",
            ),
            "legend": LEGEND,
        },
    ),
    "sources": (_BRIEFING, _FILTER, {"sources": _SOURCES, "legend": LEGEND}),
    "list": (
        _NO_BRIEFING,
        _NO_FILTER,
        {
            "briefings": (list_of(ref_to("listed_briefing")), "The loaded briefings."),
            "invalid": (
                list_of(
                    object_node(
                        "A data file left out because it breaks the contract.",
                        {
                            "file": ({"type": "string"}, "The file."),
                            "problem_count": (COUNT, "How many problems it has."),
                            "first": (ref_to("problem"), "Its first problem, in file order."),
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
            "old": (ref_to("edition"), "The older edition."),
            "new": (ref_to("edition"), "The newer edition."),
            "differ": (
                {"type": "boolean"},
                "Whether anything differs, revisions included (what `--exit-code` tells).",
            ),
            "changes": (
                object_node(
                    "What differs, every field of the data contract: the briefing's own fields, "
                    "then each list of entries.",
                    {
                        "briefing": (
                            list_of(ref_to("diff_briefing_change")),
                            "The briefing's own fields that differ (title, bottom line, as-of, …).",
                        ),
                        **{
                            name: (list_diff(name, spec), f"What differs in `{name}`.")
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
        {"settings": (list_of(ref_to("setting")), "Each setting in effect, in a fixed order.")},
    ),
    "validate": (
        _NO_BRIEFING,
        _NO_FILTER,
        {
            "files": (list_of({"type": "string"}), "The files checked, each once."),
            "valid": (
                {"type": "boolean"},
                "Whether no problem was found (and, with `--strict`, no open warning).",
            ),
            "problems": (list_of(ref_to("problem")), "Every problem found, in file order."),
            "warnings": (
                list_of(ref_to("warning")),
                "Every standards warning (with `--standards`), acknowledged ones included.",
            ),
            "standards_checked": (
                {"type": "boolean"},
                "Whether the standards were checked: an empty `warnings` then means none.",
            ),
            "counts": (ref_to("validate_counts"), "What was checked and found."),
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
    return object_node(
        "The envelope every command's JSON shares (docs/json.md), with this command's payload.",
        properties,
    )


def _across(command: str) -> Node:
    """The object `briefing COMMAND --all --format json` prints: each edition's output."""
    return object_node(
        "`--all`: the envelope with no briefing, holding the command's output for each edition.",
        {
            "format": ({"const": ENVELOPE_VERSION}, "The version of this output's shape."),
            "command": ({"const": command}, "The command that printed it."),
            "briefing": (NULL, "Null: the output is about every edition loaded."),
            "filter": (
                {"anyOf": [ref_to("filter"), NULL]},
                "How the editions were narrowed (the theme ids kept in any of them), or null.",
            ),
            "all": ({"const": True}, "True: this is the output of `--all`."),
            "results": (
                list_of(ref_to("output")),
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
            "oneOf": [ref_to("output"), ref_to("output_all")],
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
