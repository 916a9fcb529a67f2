"""The JSON output and its published schemas agree, both ways, at every depth.

Every schema object is closed and lists all its keys as required, so an output
key the schema lacks (or a schema key an output lacks) fails validation — but
only where some output goes. So, for every command with JSON output, real
outputs of every variant (with and without optional parts, narrowed, `--all`,
every kind of change, warnings, invalid files) are validated against the
shipped schema and walked together with it (tests/schemawalk.py): every
property, array item, branch of `anyOf`/`oneOf`, nullable alternative and
field-by-field rule of the diff must be reached by some output, or the test
names the schema path that none produces.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from briefing.commands.diff import diff
from briefing.delivery.console import OutputOptions
from briefing.formats import ACROSS_COMMANDS, JSON_COMMANDS, get
from briefing.formats.outputschema import schema_file
from briefing.model import Briefing
from briefing.reading.contract import BRIEFING, Obj, Seq
from tests.conftest import DEFAULT_FILE, FRENCH_FILE, ROOT, minimal
from tests.schemawalk import places, walk

DATA = ROOT / "tests" / "data"
EVERY = str(DATA / "every-field.yaml")
SMALL = str(DATA / "small-2027.yaml")
TRACKED = str(DATA / "tracked.yaml")
MARKED = str(ROOT / "tests" / "fixtures" / "marked.yaml")
MISTAKES = str(ROOT / "docs" / "examples" / "mistakes.yaml")
HISTORY = DATA / "history"
OLD, NEW = str(HISTORY / "small-2026.yaml"), str(HISTORY / "small-2027.yaml")
EN_TEXT = str(DATA / "sources" / "harbour-drill.en.txt")

Outputs = Callable[[Any, Path], Iterator[Any]]


def _json(run, *args: str, codes: tuple[int, ...] = (0,)) -> Any:
    result = run(*args, "--format", "json")
    assert result.exit_code in codes, (args, result.stderr)
    return json.loads(result.stdout)


def _sparse(tmp_path: Path) -> str:
    """A version 1 briefing with every optional value left out: the nulls and empty lists."""
    data = minimal(parties=[{"name": "Country A"}])
    for source in data["sources"]:
        for key in ("kind", "language", "published", "url"):
            source.pop(key, None)
    path = tmp_path / "sparse.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


# The narrowing options each view takes (as its --help lists them).
FILTERS = {
    "show": ("-t", "-s", "--credibility", "--status", "--max-tlp"),
    "themes": (),
    "timeline": ("-t", "-s", "--max-tlp"),
    "sources": ("-t", "-s", "--credibility", "--status", "--max-tlp"),
}


# The command lines of the views of one briefing: whole, rich or sparse, in each language,
# and narrowed every way the filter records.
def _views(command: str) -> Outputs:
    def outputs(run, tmp_path: Path) -> Iterator[Any]:
        narrowing = [
            ["-t", "operations", "-s", "patrols"],
            ["--credibility", "2-3", "--status", "planned,under-way"],
            ["-s", "patrols"],
            ["--status", "planned"],
            ["--max-tlp", "AMBER"],
        ]
        takes = set(FILTERS[command])
        for args in (
            [],
            ["--lang", "fr"],
            ["--data", EVERY],
            ["--data", _sparse(tmp_path)],
            ["--data", TRACKED],
            ["--data", MARKED],
            *(["--data", EVERY, *a] for a in narrowing if set(a[::2]) <= takes),
            *(["--data", MARKED, *a] for a in narrowing[1:] if set(a[::2]) <= takes),
        ):
            yield _json(run, command, *args)
        if command in ACROSS_COMMANDS:
            shipped = ["--data", str(DEFAULT_FILE.parent), "--data", str(HISTORY)]
            yield _json(run, *shipped, command, "--all")
            yield _json(run, *shipped, command, "--all", "--theme", "training")

    return outputs


def _list(run, tmp_path: Path) -> Iterator[Any]:
    folder = tmp_path / "archive"
    folder.mkdir()
    for path in (DEFAULT_FILE, FRENCH_FILE, EVERY, SMALL, MISTAKES):
        shutil.copy(path, folder / Path(path).name)
    (folder / "not-a-mapping.yaml").write_text("[]\n", encoding="utf-8")
    yield _json(run, "list", "--data", str(folder))
    yield _json(run, "--lang", "fr", "list", "--data", str(folder))
    yield _json(run, "list", "--data", EVERY)


def _validate(run, tmp_path: Path) -> Iterator[Any]:
    missing = str(tmp_path / "missing.yaml")
    yield _json(run, "validate", str(DEFAULT_FILE.parent))
    yield _json(run, "validate", MISTAKES, missing, codes=(1,))
    yield _json(run, "validate", "--standards", EVERY)
    yield _json(run, "validate", "--strict", EVERY, codes=(1,))
    drill = tmp_path / "drill.yaml"
    drill.write_text(
        json.dumps(
            minimal(
                sources=[{"id": "wire", "title": "Wire", "language": "en"}],
                items=[
                    {
                        "id": "drill",
                        "title": "Drill",
                        "themes": ["alpha"],
                        "summary": "A drill.",
                        "sources": [{"source": "wire", "locator": "intro ¶1", "quote": "x"}],
                    }
                ],
                timeline=[],
            )
        ),
        encoding="utf-8",
    )
    yield _json(run, "validate", str(drill), "--source", f"wire={EN_TEXT}", codes=(0, 1))


def _config(run, tmp_path: Path) -> Iterator[Any]:
    path = tmp_path / "config.toml"
    path.write_text('width = 72\ncolor = "never"\npager = "most -s"\ndata = ["plans"]\n')
    yield _json(run, "config")
    result = run("config", "--format", "json", env={"BRIEFING_CONFIG": str(path)})
    assert result.exit_code == 0, result.stderr
    yield json.loads(result.stdout)


def _watch(run, tmp_path: Path) -> Iterator[Any]:
    yield _json(run, "--lang", "fr", "watch", "--as-of", "2026-01")
    for data, args in (
        (TRACKED, ["--as-of", "2026-01"]),
        (TRACKED, ["--as-of", "2025-01", "--within", "2w", "--since", "2025-06"]),
        (EVERY, ["--as-of", "2026-03", "--within", "90d"]),
        (EVERY, ["--as-of", "2026-01", "-t", "operations", "--max-tlp", "AMBER"]),
        (EVERY, ["--as-of", "2026-01", "-s", "patrols", "--status", "planned"]),
        (MARKED, ["--as-of", "2026-01"]),
    ):
        result = run("watch", "--data", data, *args, "--format", "json")
        assert result.exit_code == 0, (args, result.stderr)
        yield json.loads(result.stdout)


def _cleared(record: Any, spec: Obj) -> Iterator[Any]:
    """The record with, in turn, each optional field it gives left out (and each list emptied)."""
    for name, field in spec.fields.items():
        if field.required or (field.default is not None and not isinstance(field.spec, Seq)):
            continue
        attr = field.attr or name
        value = getattr(record, attr)
        if isinstance(field.spec, Seq):
            if value:
                yield record._replace(**{attr: ()})
        elif value is not None:
            yield record._replace(**{attr: None})


def _editions(sparse_file: str) -> Iterator[tuple[Briefing, Briefing]]:
    """Pairs of editions that between them make every kind of change the diff can show."""
    from briefing.reading.loader import load
    from tests.test_diff_contract import CASES, _mutations, fixture

    every = load([EVERY])[0]
    yield load([sparse_file])[0], every
    for _path, mutated in _mutations(BRIEFING, every, ()):
        yield every, mutated
    for base in (fixture(), every):
        yield from _variants(base)
    for _path, mutated in CASES:
        yield fixture(), mutated


def _variants(base: Briefing) -> Iterator[tuple[Briefing, Briefing]]:
    """The briefing with an optional field left out, an entry's, an entry dropped, reordered."""
    for sparse in _cleared(base, BRIEFING):
        yield sparse, base
    for name, field in BRIEFING.fields.items():
        if isinstance(field.spec, Seq) and isinstance(field.spec.of, Obj):
            entries = getattr(base, field.attr or name)
            first, *rest = entries
            for sparse in _cleared(first, field.spec.of):
                yield base._replace(**{name: (sparse, *rest)}), base
            yield base._replace(**{name: tuple(rest)}), base
            yield base._replace(**{name: tuple(reversed(entries))}), base


def _diff(run, tmp_path: Path) -> Iterator[Any]:
    yield _json(run, "diff", OLD, NEW)
    yield _json(run, "diff", NEW, OLD, "--theme", "training")
    yield _json(run, "diff", NEW, NEW)
    render = get("json").diff
    assert render is not None
    for old, new in _editions(_sparse(tmp_path)):
        for d in (diff(old, new), diff(new, old)):
            yield json.loads(render(d, OutputOptions(width=100)))


OUTPUTS: dict[str, Outputs] = {
    "show": _views("show"),
    "themes": _views("themes"),
    "timeline": _views("timeline"),
    "sources": _views("sources"),
    "list": _list,
    "validate": _validate,
    "diff": _diff,
    "config": _config,
    "watch": _watch,
}


def shipped(command: str) -> dict[str, Any]:
    """The published schema of a command's JSON output."""
    return json.loads(schema_file(command).read_text(encoding="utf-8"))


def unreached(schema: dict[str, Any], outputs: Iterator[Any]) -> list[str]:
    """Validate each output against the schema; return the schema's places none reached."""
    validator = jsonschema.Draft202012Validator(schema)
    reached: set[str] = set()
    for found in outputs:
        validator.validate(found)
        walk(schema, found, reached)
    return sorted(places(schema) - reached)


def test_every_command_with_json_output_is_walked():
    assert list(OUTPUTS) == list(JSON_COMMANDS)


# Places no output here reaches yet, and not yet shown unreachable either: the nulls of a
# problem's or a warning's position. The code can produce them (`Problem` allows an empty
# file and no line; a warning's place is looked up in its file's text), but no data found so
# far does. Each stays listed only while it is unreached (the test fails once one is), so
# the list can only shrink: a fixture that reaches one, or the schema made to say it cannot.
OPEN: dict[str, set[str]] = {
    "list": {
        "#/$defs/problem/properties/column/type/null",
        "#/$defs/problem/properties/file/type/null",
        "#/$defs/problem/properties/line/type/null",
    },
    "validate": {
        "#/$defs/warning/properties/column/type/null",
        "#/$defs/warning/properties/file/type/null",
        "#/$defs/warning/properties/line/type/null",
        "#/$defs/warning/properties/path/type/null",
    },
}


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_every_part_of_the_schema_is_reached_by_an_output(run, tmp_path, command):
    missed = unreached(shipped(command), OUTPUTS[command](run, tmp_path))
    still_open = OPEN.get(command, set())
    assert still_open <= set(missed), f"now reached, drop from OPEN: {still_open - set(missed)}"
    missed = [place for place in missed if place not in still_open]
    assert not missed, f"no output of `{command}` reaches:\n" + "\n".join(missed)


def test_a_schema_key_no_output_has_is_named(run, tmp_path):
    schema = copy.deepcopy(shipped("themes"))
    theme = schema["$defs"]["theme"]
    # Not required: every output stays valid, and only the walk can tell it is never there.
    theme["properties"]["colour"] = {"type": "string"}
    theme["properties"]["description"] = {
        "anyOf": [{"type": ["string", "null"]}, {"type": "integer"}]
    }
    missed = unreached(schema, OUTPUTS["themes"](run, tmp_path))
    assert missed == [
        "#/$defs/theme/properties/colour",
        "#/$defs/theme/properties/description/anyOf/1",
    ]


def test_an_output_key_the_schema_lacks_fails_validation(run, tmp_path):
    schema = copy.deepcopy(shipped("themes"))
    del schema["$defs"]["theme"]["properties"]["aliases"]
    schema["$defs"]["theme"]["required"].remove("aliases")
    with pytest.raises(jsonschema.ValidationError, match="aliases"):
        unreached(schema, OUTPUTS["themes"](run, tmp_path))
