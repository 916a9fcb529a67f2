"""The building blocks of the output schemas, and the diff's nodes derived from the contract."""

from __future__ import annotations

from typing import Any

from briefing.commands.diff import changed_names, entry_lists, list_parts
from briefing.model import DATE_PATTERN
from briefing.reading.contract import BRIEFING, LANG, SLUG, Field, Obj, Scalar, Seq, Spec
from briefing.reading.jsonschema import scalar_node

# A JSON Schema node, as json.dumps writes it.
Node = dict[str, Any]


NULL: Node = {"type": "null"}


TEXT: Node = {"type": "string", "pattern": r"\S"}


ID: Node = {"type": "string", "pattern": SLUG.pattern}


DATE: Node = {"type": "string", "pattern": DATE_PATTERN}


LANGUAGE: Node = {"type": "string", "pattern": LANG.pattern}


COUNT: Node = {"type": "integer", "minimum": 0}


POSITION: Node = {"type": ["integer", "null"], "minimum": 1}


def or_null(node: Node) -> Node:
    """The node, or null: for values the data may leave out (never a missing key)."""
    if "$ref" in node:
        return {"anyOf": [node, NULL]}
    kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
    return {**node, "type": [*kinds, "null"]}


def list_of(of: Node) -> Node:
    """An array of `of`."""
    return {"type": "array", "items": of}


def ref_to(name: str) -> Node:
    """A reference to one of the shared definitions."""
    return {"$ref": f"#/$defs/{name}"}


def object_node(doc: str, properties: dict[str, tuple[Node, str]]) -> Node:
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


def _change(doc: str, fields: dict[str, Node]) -> Node:
    """A changed field, `{field, old, new}`, each field's values checked in their own form."""
    node = object_node(
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
        return list_of(_data_node(spec.of))
    return _entry_node(spec)


def _field_node(field: Field) -> Node:
    """A field's value: null when the data may leave it out and nothing stands in for it."""
    node = _data_node(field.spec)
    optional = not field.required and field.default is None and not isinstance(field.spec, Seq)
    return _nullable(node) if optional else node


def _entry_node(spec: Obj) -> Node:
    """An entry as a diff holds it: every field of its contract, null when absent."""
    return object_node(
        f"{spec.noun[0].upper()}{spec.noun[1:]}, with every field of the data contract.",
        {name: (_field_node(f), f.doc or name) for name, f in spec.fields.items()},
    )


def diff_defs() -> dict[str, Node]:
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
            defs[f"diff_{name}_changed"] = object_node(
                f"{spec.noun[0].upper()}{spec.noun[1:]} in both editions, matched by its "
                f"{spec.key}, and what differs in it.",
                {
                    **named,
                    "changes": (list_of(ref_to(f"diff_{name}_change")), "Each field that differs."),
                },
            )
    return defs


def list_diff(name: str, spec: Obj) -> Node:
    """What differs in one list of the briefing: the keys `diff.list_parts` gives it."""
    key = _field_node(spec.fields[spec.key]) if spec.key else {}
    parts: dict[str, tuple[Node, str]] = {
        "added": (list_of(ref_to(f"diff_{name}_entry")), "Entries in the newer edition only."),
        "removed": (list_of(ref_to(f"diff_{name}_entry")), "Entries in the older edition only."),
        "changed": (
            list_of(ref_to(f"diff_{name}_changed")),
            f"Entries in both (matched by {spec.key}), with what differs.",
        ),
        "order": (
            {
                "anyOf": [
                    object_node(
                        "The entries in both, by key, in each edition's order.",
                        {
                            "old": (list_of(key), "In the older edition's order."),
                            "new": (list_of(key), "In the newer edition's order."),
                        },
                    ),
                    NULL,
                ]
            },
            "Null, or the order of the entries in both when it changed.",
        ),
    }
    return object_node(
        f"What differs in `{name}`.", {part: parts[part] for part in list_parts(spec)}
    )
