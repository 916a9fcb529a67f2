"""The data contract as a JSON Schema (draft 2020-12), generated from `schema.py`.

One source of truth: this walks the same description the validator walks. The
rules that relate values to each other (declared ids, unique names) cannot be
said in JSON Schema and are checked by `briefing validate` alone.
"""

from __future__ import annotations

import json
from typing import Any

from .model import STATUSES
from .schema import BRIEFING, FORMAT_VERSION, LANG, SLUG, URL, Obj, Scalar, Seq, Spec

SCHEMA_ID = "https://briefing.invalid/schema/briefing-1.schema.json"
SCHEMA_FILE = "briefing.schema.json"
# Months 01-12, days 01-31; whether a day exists in its month is checked by the validator.
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"

_SCALARS: dict[str, dict[str, Any]] = {
    "text": {"type": "string", "pattern": r"\S"},
    "slug": {"type": "string", "pattern": SLUG.pattern},
    "date": {"type": "string", "pattern": DATE_PATTERN},
    "version": {"const": FORMAT_VERSION},
    "status": {"enum": list(STATUSES)},
    "url": {"type": "string", "pattern": URL.pattern},
    "lang": {"type": "string", "pattern": LANG.pattern},
}


def _node(spec: Spec, doc: str = "") -> dict[str, Any]:
    if isinstance(spec, Scalar):
        node = dict(_SCALARS[spec.kind])
    elif isinstance(spec, Seq):
        node = {"type": "array", "items": _node(spec.of)}
        if spec.min_items:
            node["minItems"] = spec.min_items
    else:
        node = _object(spec)
    if doc:
        node = {"description": doc, **node}
    return node


def _object(spec: Obj) -> dict[str, Any]:
    node: dict[str, Any] = {
        "type": "object",
        "properties": {name: _node(f.spec, f.doc) for name, f in spec.fields.items()},
        "patternProperties": {"^x-": {"description": "ignored by briefing"}},
        "additionalProperties": False,
    }
    required = [name for name, f in spec.fields.items() if f.required]
    if required:
        node["required"] = required
    return node


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of a briefing file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "briefing data, format version 1",
        "description": "A briefing file for the `briefing` tool. "
        "Ids that must be declared and names that must be unique are checked by "
        "`briefing validate`.",
        **_object(BRIEFING),
    }


def render() -> str:
    """Return the schema as the JSON text that ships in the package."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def schema_text(output_of: str | None = None) -> str:
    """Return the data format's schema, or the schema of one command's JSON output."""
    if output_of is None:
        return render()
    from .formats import JSON_COMMANDS
    from .outputschema import render as render_output

    if output_of not in JSON_COMMANDS:
        from .errors import UsageError
        from .i18n import _

        raise UsageError(
            _("no JSON output schema for `{command}`").format(command=output_of),
            _("choose one of: {commands}").format(commands=", ".join(JSON_COMMANDS)),
        )
    return render_output(output_of)
