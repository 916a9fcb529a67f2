"""The data contract as a JSON Schema (draft 2020-12), generated from `contract.py`.

One source of truth: this walks the same description the validator walks. The
rules that relate values to each other (declared ids, unique names) cannot be
said in JSON Schema and are checked by `briefing validate` alone.
"""

from __future__ import annotations

import json
from typing import Any

from briefing.grades import CREDIBILITY_CODES
from briefing.model import DATE_PATTERN
from briefing.reading.conformance import versioned
from briefing.reading.contract import (
    ASSESSMENT_KIND,
    ASSESSMENT_NEEDS,
    ASSESSMENT_ONLY,
    BRIEFING,
    FORMAT_VERSION,
    ITEM,
    LANG,
    SLUG,
    URL,
    VERSIONS,
    VOCABULARIES,
    Obj,
    Scalar,
    Seq,
    Spec,
)

SCHEMA_ID = f"https://briefing.invalid/schema/briefing-{FORMAT_VERSION}.schema.json"
SCHEMA_FILE = "briefing.schema.json"

_SCALARS: dict[str, dict[str, Any]] = {
    "text": {"type": "string", "pattern": r"\S"},
    "slug": {"type": "string", "pattern": SLUG.pattern},
    "date": {"type": "string", "pattern": DATE_PATTERN},
    "version": {"enum": list(VERSIONS)},
    "credibility": {"type": "integer", "enum": list(CREDIBILITY_CODES)},
    "url": {"type": "string", "pattern": URL.pattern},
    "lang": {"type": "string", "pattern": LANG.pattern},
    **{kind: {"enum": list(words)} for kind, words in VOCABULARIES.items()},
}
# The assessment rule, as the validator applies it (contract.ASSESSMENT_*).
_ASSESSMENT = {
    "if": {"required": ["kind"], "properties": {"kind": {"const": ASSESSMENT_KIND}}},
    "then": {"required": list(ASSESSMENT_NEEDS)},
    "else": {"properties": dict.fromkeys(ASSESSMENT_ONLY, False)},
}


def scalar_node(kind: str) -> dict[str, Any]:
    """The JSON Schema of one value of a kind of scalar of the contract (`text`, `date`, …)."""
    return dict(_SCALARS[kind])


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
    if spec is ITEM:
        node.update(_ASSESSMENT)
    return node


def _for_version(spec: Spec, version: int) -> dict[str, Any]:
    """What `version` adds to the rules: keys it may not use, keys it requires."""
    if isinstance(spec, Seq):
        return {"items": _for_version(spec.of, version)}
    assert isinstance(spec, Obj)
    properties: dict[str, Any] = {}
    required = []
    for name, field in spec.fields.items():
        if field.since > version:
            properties[name] = False
        elif versioned(field.spec):
            properties[name] = _for_version(field.spec, version)
        if field.required_from and version >= field.required_from:
            required.append(name)
    node: dict[str, Any] = {"properties": properties} if properties else {}
    if required:
        node["required"] = required
    return node


def _versions() -> list[dict[str, Any]]:
    return [
        {
            "if": {"properties": {"briefing": {"const": version}}},
            "then": _for_version(BRIEFING, version),
        }
        for version in VERSIONS
    ]


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of a briefing file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "briefing data, format versions " + " and ".join(str(v) for v in VERSIONS),
        "description": "A briefing file for the `briefing` tool. "
        "Ids that must be declared and names that must be unique are checked by "
        "`briefing validate`.",
        **_object(BRIEFING),
        "allOf": _versions(),
    }


def render() -> str:
    """Return the schema as the JSON text that ships in the package."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
