"""`briefing validate`, `briefing schema`, `show --output`, and hostile input end to end."""

from __future__ import annotations

import copy
import json
import os

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.reading.files import default_data_dir
from briefing.reading.jsonschema import SCHEMA_FILE, render
from briefing.reading.loader import parse
from briefing.reading.validate import validate
from briefing.reading.yamlread import Reader
from tests.conftest import DEFAULT_FILE, FRENCH_FILE, ROOT, minimal


def test_validate_default_data_is_clean(run):
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{FRENCH_FILE}: ok (morocco-israel-work-plan-2026)\n"
        f"{DEFAULT_FILE}: ok (morocco-israel-work-plan-2026)\n"
    )
    assert result.stderr == ""


def test_validate_lists_every_mistake_with_its_line(run, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("validate", "docs/examples/mistakes.yaml")
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == [
        "docs/examples/mistakes.yaml:5:8",
        "docs/examples/mistakes.yaml:13:14",
        "docs/examples/mistakes.yaml:16:5",
    ]


def test_validate_json_and_several_paths(run, write, tmp_path):
    good = write(minimal(), "good.yaml")
    bad = write(dump_text(minimal()).replace("title: Test plan", "title: yes"), "bad.yaml")
    missing = tmp_path / "missing.yaml"
    result = run("validate", str(good), str(bad), str(missing), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["files"] == [str(good), str(bad)]
    assert report["valid"] is False
    assert report["problems"] == [
        {
            "file": None,
            "line": None,
            "column": None,
            "path": None,
            "message": f"{missing}: no such file or folder (from the command line); check the path",
        },
        {
            "file": str(bad),
            "line": 3,
            "column": 8,
            "path": "title",
            "message": 'expected text, found `yes`, read as a boolean: quote it, "yes"',
        },
    ]
    clean = run("validate", str(good), "--format", "json")
    assert clean.exit_code == 0
    assert json.loads(clean.stdout) == {
        "format": 2,
        "command": "validate",
        "briefing": None,
        "filter": None,
        "files": [str(good)],
        "valid": True,
        "problems": [],
        "warnings": [],
        "standards_checked": False,
        "counts": {
            "files": 1,
            "problems": 0,
            "warnings": 0,
            "acknowledged": 0,
            "source_texts": 0,
            "locators": 0,
            "quotations": 0,
            "fields_compared": 0,
            "mismatches": 0,
        },
    }


def test_schema_command_matches_the_shipped_file(run):
    result = run("schema")
    assert result.exit_code == 0
    shipped = (default_data_dir() / SCHEMA_FILE).read_text(encoding="utf-8")
    assert result.stdout == render() == shipped, "regenerate: briefing schema > data/" + SCHEMA_FILE
    jsonschema.Draft202012Validator.check_schema(json.loads(shipped))


def test_shipped_data_points_editors_at_the_schema():
    for path in default_data_dir().glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={SCHEMA_FILE}"
        assert (path.parent / SCHEMA_FILE).exists()


def dump_text(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _set(path, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


DELETE = object()
VALID = {
    "minimal": [],
    "x keys": [_set(("x-note",), {"a": [1]}), _set(("items", 0, "x-review"), "later")],
    "full date": [_set(("as_of",), "2025-12-31")],
    "url with query": [_set(("sources", 0, "url"), "https://example.org/a(b)?c=d#e")],
    "url with ipv6 host and port": [_set(("sources", 0, "url"), "http://[2001:db8::1]:8080/a")],
    "url with escapes": [_set(("sources", 0, "url"), "https://example.org/caf%C3%A9?q=%5Bx%5D")],
    "region tag": [_set(("language",), "fr-CA")],
    "no optional lists": [_set(("timeline",), DELETE), _set(("items", 0, "open_questions"), [])],
}


def _graded(data):
    """Move a sample to format version 2 and grade every item and source."""
    data["briefing"] = 2
    for item in data["items"]:
        item["credibility"] = 3
    for source in data["sources"]:
        source["reliability"] = "F"


VALID.update(
    {
        "version 2 graded": [_graded],
        "v2 assessment": [
            _graded,
            _set(("items", 0, "kind"), "assessment"),
            _set(("items", 0, "confidence"), "moderate"),
            _set(("items", 0, "likelihood"), "roughly even chance"),
        ],
        "v2 assessment without likelihood": [
            _graded,
            _set(("items", 1, "kind"), "assessment"),
            _set(("items", 1, "confidence"), "low"),
        ],
        "v2 explicit report": [_graded, _set(("items", 0, "kind"), "report")],
        "v2 descriptors": [
            _graded,
            _set(("sources", 0, "publisher"), "Example Press"),
            _set(("sources", 0, "author"), "A. Writer"),
            _set(("sources", 0, "accessed"), "2026-11-29"),
            _set(("sources", 0, "archived_url"), "https://archive.example.org/one"),
            _set(("sources", 0, "grade_note"), "Publisher unknown."),
        ],
        "v2 revisions": [
            _graded,
            _set(("revisions",), [{"date": "2026-11-29", "summary": "Graded."}]),
        ],
        "v2 every credibility": [_graded]
        + [_set(("items", i, "credibility"), c) for i, c in enumerate((1, 5, 6))],
    }
)
INVALID = {
    "v2 without credibility": [_graded, _set(("items", 0, "credibility"), DELETE)],
    "v2 without reliability": [_graded, _set(("sources", 1, "reliability"), DELETE)],
    "credibility 7": [_graded, _set(("items", 0, "credibility"), 7)],
    "credibility 0": [_graded, _set(("items", 0, "credibility"), 0)],
    "credibility as text": [_graded, _set(("items", 0, "credibility"), "2")],
    "credibility as letter": [_graded, _set(("items", 0, "credibility"), "B")],
    "reliability G": [_graded, _set(("sources", 0, "reliability"), "G")],
    "reliability lower case": [_graded, _set(("sources", 0, "reliability"), "b")],
    "reliability as number": [_graded, _set(("sources", 0, "reliability"), 2)],
    "kind typo": [_graded, _set(("items", 0, "kind"), "asessment")],
    "confidence typo": [
        _graded,
        _set(("items", 0, "kind"), "assessment"),
        _set(("items", 0, "confidence"), "moderat"),
    ],
    "likelihood typo": [
        _graded,
        _set(("items", 0, "kind"), "assessment"),
        _set(("items", 0, "confidence"), "high"),
        _set(("items", 0, "likelihood"), "probable"),
    ],
    "assessment without confidence": [_graded, _set(("items", 0, "kind"), "assessment")],
    "confidence on a report": [_graded, _set(("items", 0, "confidence"), "low")],
    "likelihood on an explicit report": [
        _graded,
        _set(("items", 0, "kind"), "report"),
        _set(("items", 0, "likelihood"), "likely"),
    ],
    "v1 with credibility": [_set(("items", 0, "credibility"), 2)],
    "v1 with reliability": [_set(("sources", 0, "reliability"), "B")],
    "v1 with revisions": [_set(("revisions",), [{"date": "2026", "summary": "x"}])],
    "v1 with publisher": [_set(("sources", 0, "publisher"), "Example Press")],
    "revision without summary": [_graded, _set(("revisions",), [{"date": "2026"}])],
    "revision with a bad date": [_graded, _set(("revisions",), [{"date": "26", "summary": "x"}])],
    "archived url not http": [_graded, _set(("sources", 0, "archived_url"), "ftp://x.org")],
    "accessed month 13": [_graded, _set(("sources", 0, "accessed"), "2026-13")],
    "empty grade note": [_graded, _set(("sources", 0, "grade_note"), " ")],
    "missing title": [_set(("title",), DELETE)],
    "unknown key": [_set(("sumary",), "x")],
    "version 3": [_set(("briefing",), 3)],
    "version as text": [_set(("briefing",), "1")],
    "month 13": [_set(("as_of",), "2025-13")],
    "two-digit year": [_set(("as_of",), "25")],
    "bad slug": [_set(("id",), "Bad Id")],
    "bad status": [_set(("items", 0, "status"), "done")],
    "ftp url": [_set(("sources", 0, "url"), "ftp://example.org")],
    "url with space": [_set(("sources", 0, "url"), "https://example.org/a b")],
    "url with a bad escape": [_set(("sources", 0, "url"), "https://example.org/%zz")],
    "url with brackets in the path": [_set(("sources", 0, "url"), "https://example.org/[x]")],
    "url with two fragments": [_set(("sources", 0, "url"), "https://example.org/a#b#c")],
    "url with a port too large": [_set(("sources", 0, "url"), "https://example.org:70000/")],
    "url not ascii": [_set(("sources", 0, "url"), "https://example.org/é")],
    "upper-case scheme": [_set(("sources", 0, "url"), "HTTPS://example.org")],
    "empty title": [_set(("title",), "")],
    "blank title": [_set(("title",), "   ")],
    "no themes": [_set(("themes",), [])],
    "no items": [_set(("items",), [])],
    "item without themes": [_set(("items", 0, "themes"), [])],
    "aliases not a list": [_set(("themes", 0, "aliases"), "intel")],
    "number alias": [_set(("themes", 0, "aliases"), [1])],
    "party without name": [_set(("parties",), [{"forces": "x"}])],
    "timeline without date": [_set(("timeline", 0, "date"), DELETE)],
    "bad language": [_set(("language",), "english!")],
    "number title": [_set(("title",), 5)],
    "boolean summary": [_set(("summary",), False)],
    "list as text": [_set(("subtitle",), ["a"])],
    "citation without source": [_set(("items", 0, "sources"), [{"locator": "p1"}])],
    "unknown key in item": [_set(("items", 0, "titel"), "x")],
}


def _case(changes):
    data = copy.deepcopy(minimal())
    data["parties"] = [{"name": "A", "forces": "Forces of A"}]
    for change in changes:
        change(data)
    return data


@pytest.mark.parametrize(
    ("name", "changes", "valid"),
    [(n, c, True) for n, c in VALID.items()] + [(n, c, False) for n, c in INVALID.items()],
)
def test_schema_and_validator_agree(name, changes, valid):
    data = _case(changes)
    schema = json.loads(render())
    schema_ok = jsonschema.Draft202012Validator(schema).is_valid(data)
    reader = Reader(dump_text(data), "f.yaml")
    findings = validate(reader.read())  # the samples' ids all resolve: only the contract differs
    assert not reader.problems
    assert schema_ok is valid, f"schema disagrees on {name}"
    assert (not findings) is valid, f"validator disagrees on {name}: {findings}"


def test_output_writes_atomically_and_follows_the_suffix(run, tmp_path):
    target = tmp_path / "brief.json"
    result = run("show", "--theme", "logistics", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written["filter"] == {
        "themes": ["logistics"],
        "search": None,
        "credibility": None,
        "statuses": [],
        "max_tlp": None,
        "withheld": 0,
    }
    md = tmp_path / "brief.md"
    run("show", "-o", str(md))
    assert md.read_text(encoding="utf-8").startswith("# Morocco–Israel")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.json", "brief.md"]


def test_interrupted_output_leaves_the_old_file(run, tmp_path, monkeypatch):
    target = tmp_path / "brief.md"
    target.write_text("previous export\n", encoding="utf-8")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    result = run("show", "--output", str(target))
    assert result.exit_code == 130
    assert result.stderr == "briefing: interrupted\n"
    assert target.read_text(encoding="utf-8") == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_output_refuses_to_overwrite_loaded_data(run, write):
    path = write(minimal())
    before = path.read_bytes()
    result = run("show", "--data", str(path), "--output", str(path), "--format", "markdown")
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"briefing: --output {path} is a loaded data file; choose another file name\n"
    )
    assert path.read_bytes() == before
    # Without --format too: an input is refused before its suffix is even looked at.
    result = run("show", "--data", str(path), "--output", str(path))
    assert result.exit_code == 2
    assert "is a loaded data file" in result.stderr
    assert path.read_bytes() == before


def test_output_into_missing_folder(run, tmp_path):
    result = run("show", "--output", str(tmp_path / "no" / "brief.md"))
    assert result.exit_code == 1
    assert "no such folder" in result.stderr


def test_error_messages_never_carry_raw_controls(run, write):
    text = dump_text(minimal()) + '"\\e[31mx-\\u202eevil": 1\n'
    result = run("show", "--data", str(write(text)))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "unknown key `\\x1b[31mx-\\u202eevil`" in result.stderr


TOKENS = [*"ab1:-?[]{},#&*!|>'\"%@` \n\t.~", "briefing", "id", "title", "items", "themes"]
TOKENS += ["!!python/object", "---", "\ufeff", "\x85", "é", "&a ", "*a", "2025-01-01", "NO"]
YAMLISH = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)


@given(YAMLISH, st.sampled_from(["show", "themes", "validate"]))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_input_ends_in_a_documented_exit(run, text, command):
    result = run(command, "--data", "-", input=text)
    assert result.exit_code in (0, 1, 2), (text, result.stderr, result.exception)
    if result.exit_code:
        assert result.stderr.startswith("briefing: ") or command == "validate"
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        dump_text(minimal()).replace("title: Test plan", "title: [a, {b: c}]"),
        dump_text(minimal()) + "? [complex, key]\n: value\nfoo: bar\n",
        dump_text(minimal()) + "x-a: &a [1, 2]\nx-b: *a\n",
        dump_text(minimal()) + "x-c: &c [*c]\n",
        dump_text(minimal()) + "x-bin: !!binary aGk=\n",
    ],
)
def test_both_parsers_report_the_same(text):
    outcomes = []
    for pure in (False, True):
        try:
            parse(text, "f.yaml", pure)
            outcomes.append(None)
        except Exception as exc:  # ValidationError, compared by its problems
            outcomes.append([str(p) for p in exc.problems])  # type: ignore[attr-defined]
    assert outcomes[0] == outcomes[1]
    assert outcomes[0], "each of these has a problem"


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_any_mutation_of_a_valid_briefing_is_handled(data):
    brief = minimal()
    paths = [p for p in _paths(brief) if p]
    where = data.draw(st.sampled_from(paths))
    _set(where, data.draw(JSONISH))(brief)
    text = dump_text(brief)
    for pure in (False, True):
        try:
            parse(text, "f.yaml", pure)
        except Exception as exc:
            assert type(exc).__name__ == "ValidationError", exc
            assert all(p.line is not None for p in exc.problems), exc.problems  # type: ignore[attr-defined]
