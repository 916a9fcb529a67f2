"""Walk a JSON instance and its JSON Schema together, recording every schema node it reaches.

A node is named by its JSON Pointer in the schema (`#/$defs/item/properties/tlp`).
Besides the nodes themselves, each alternative a node offers is a place of its
own, reached only when an instance takes it:

- each branch of `oneOf` / `anyOf` (`…/anyOf/1`), reached when the value is valid
  against that branch;
- each type of a list of types (`…/type/null`, `…/type/string`);
- null and a value of an `enum` that holds null (`…/enum/null`, `…/enum/value`);
- the `then` of an `if`/`then` in `allOf` (`…/allOf/3/then`), reached when its `if` holds.

`places(schema)` lists every such place the schema has (following each `$ref`
once); `walk(schema, instance, reached)` adds those one instance reaches. What
the first has and the second never gets, over every output, is a part of the
schema that no output produces.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema

Node = dict[str, Any]

_JSON_TYPES = {
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def _types(node: Node) -> list[str]:
    kinds = node.get("type", [])
    return kinds if isinstance(kinds, list) else [kinds]


def _resolve(schema: Node, ref: str) -> tuple[Node, str]:
    """The node a local `$ref` names, and its pointer."""
    assert ref.startswith("#/"), f"only local references are walked: {ref}"
    node: Any = schema
    for part in ref[2:].split("/"):
        key = part.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node, ref


def places(schema: Node) -> set[str]:
    """Every node and alternative of the schema, as the walk names them."""
    found: set[str] = set()
    pending: list[tuple[Node, str]] = [(schema, "#")]
    while pending:
        node, pointer = pending.pop()
        for place, inner in _inside(schema, node, pointer):
            if place in found:
                continue
            found.add(place)
            if inner is not None:
                pending.append((inner, place))
    return found


def _inside(schema: Node, node: Node, pointer: str) -> Iterator[tuple[str, Node | None]]:
    """The places directly under a node: (pointer, node to go on into, or None)."""
    yield pointer, None
    if "$ref" in node:
        yield _resolve(schema, node["$ref"])[1], _resolve(schema, node["$ref"])[0]
    kinds = _types(node)
    if len(kinds) > 1:
        for kind in kinds:
            yield f"{pointer}/type/{kind}", None
    if None in node.get("enum", ()) and len(node["enum"]) > 1:
        yield f"{pointer}/enum/null", None
        yield f"{pointer}/enum/value", None
    for keyword in ("oneOf", "anyOf"):
        for i, branch in enumerate(node.get(keyword, ())):
            yield f"{pointer}/{keyword}/{i}", branch
    for i, part in enumerate(node.get("allOf", ())):
        if "if" in part:
            yield f"{pointer}/allOf/{i}/then", part["then"]
        else:
            yield f"{pointer}/allOf/{i}", part
    for name, inner in node.get("properties", {}).items():
        yield f"{pointer}/properties/{name}", inner
    if isinstance(node.get("items"), dict):
        yield f"{pointer}/items", node["items"]


@cache
def _validator(schema_text: str, pointer: str) -> jsonschema.Draft202012Validator:
    """A validator of the node at `pointer`, its references resolved in the whole schema."""
    import json

    schema = json.loads(schema_text)
    node, _ = _resolve(schema, pointer) if pointer != "#" else (schema, "#")
    return jsonschema.Draft202012Validator({**node, "$defs": schema.get("$defs", {})})


def walk(schema: Node, instance: Any, reached: set[str]) -> None:
    """Add to `reached` every place of `schema` that `instance` reaches."""
    import json

    text = json.dumps(schema, sort_keys=True)
    _walk(schema, text, schema, "#", instance, reached)


def _holds(text: str, pointer: str, instance: Any) -> bool:
    return bool(_validator(text, pointer).is_valid(instance))


def _walk(schema: Node, text: str, node: Node, pointer: str, value: Any, reached: set[str]) -> None:
    reached.add(pointer)
    if "$ref" in node:
        inner, where = _resolve(schema, node["$ref"])
        _walk(schema, text, inner, where, value, reached)
    kinds = _types(node)
    if len(kinds) > 1:
        reached.update(f"{pointer}/type/{k}" for k in kinds if _JSON_TYPES[k](value))
    if None in node.get("enum", ()) and len(node["enum"]) > 1:
        reached.add(f"{pointer}/enum/{'null' if value is None else 'value'}")
    for keyword in ("oneOf", "anyOf"):
        for i, branch in enumerate(node.get(keyword, ())):
            where = f"{pointer}/{keyword}/{i}"
            if _holds(text, where, value):
                _walk(schema, text, branch, where, value, reached)
    for i, part in enumerate(node.get("allOf", ())):
        if "if" in part:
            if _holds(text, f"{pointer}/allOf/{i}/if", value):
                _walk(schema, text, part["then"], f"{pointer}/allOf/{i}/then", value, reached)
        else:
            _walk(schema, text, part, f"{pointer}/allOf/{i}", value, reached)
    properties = node.get("properties", {})
    if isinstance(value, dict):
        for name, inner in value.items():
            if name in properties:
                where = f"{pointer}/properties/{name}"
                _walk(schema, text, properties[name], where, inner, reached)
    if isinstance(node.get("items"), dict) and isinstance(value, list):
        for element in value:
            _walk(schema, text, node["items"], f"{pointer}/items", element, reached)
