"""The JSON envelope every command shares, its published schemas, and the README's jq examples."""

from __future__ import annotations

import copy
import json
import shlex
import shutil
import subprocess
from typing import Any

import jsonschema
import pytest

from briefing.delivery.console import OutputOptions
from briefing.errors import Problem
from briefing.formats import ACROSS_COMMANDS, JSON_COMMANDS
from briefing.formats.envelope import ENVELOPE_VERSION
from briefing.formats.jsondoc import render_report
from briefing.formats.outputschema import SCHEMAS_DIR, output_schema, render, schema_file
from briefing.reading.audit import Report
from tests.conftest import DEFAULT_FILE, ROOT, minimal

SMALL = str(ROOT / "tests" / "data" / "small-2027.yaml")
MISTAKES = str(ROOT / "docs" / "examples" / "mistakes.yaml")
HISTORY = ROOT / "tests" / "data" / "history"
OLD = str(HISTORY / "small-2026.yaml")
NEW = str(HISTORY / "small-2027.yaml")
ENVELOPE = ["format", "command", "briefing", "filter"]


def validator(command: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(output_schema(command))


def one_output(schema: dict[str, Any]) -> dict[str, Any]:
    """The object a command prints for one briefing: the schema itself, or its `output`."""
    return schema["$defs"]["output"] if "oneOf" in schema else schema


def output(run, *args: str, code: int = 0, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = run(*args, env=env)
    assert result.exit_code == code, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def archive(tmp_path):
    """A folder with the shipped briefing, its translation and the small 2027 one."""
    for path in DEFAULT_FILE.parent.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(SMALL, tmp_path / "small-2027.yaml")
    return tmp_path


# Command lines for the commands that show one briefing: whole, by theme, by search, both.
VIEW_CASES = [
    [],
    ["--theme", "intelligence"],
    ["--search", "securite"],
    ["-t", "logistique", "-t", "industrie", "-s", "the"],
    ["--data", SMALL],
    ["--data", SMALL, "-t", "training"],
    ["--data", SMALL, "-s", "plan"],
    ["--search", "nothing matches this"],
]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("args", VIEW_CASES, ids=[" ".join(a) or "whole" for a in VIEW_CASES])
@pytest.mark.parametrize("command", ["show", "timeline", "sources"])
def test_views_match_their_schema(run, command, args, lang):
    data = output(run, "--lang", lang, command, *args, "--format", "json")
    validator(command).validate(data)
    assert list(data)[:4] == ENVELOPE
    assert data["command"] == command
    filtered = any(option in args for option in ("-t", "--theme", "-s", "--search"))
    assert (data["filter"] is not None) == filtered


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("data", [None, SMALL])
def test_themes_match_their_schema(run, lang, data):
    args = ["--data", data] if data else []
    found = output(run, "--lang", lang, "themes", *args, "--format", "json")
    validator("themes").validate(found)
    assert found["briefing"]["language"] == (lang if data is None else "en")


def test_a_briefing_with_every_optional_value_left_out_matches(run, write):
    data = minimal()
    data.pop("timeline")
    for source in data["sources"]:
        for key in ("kind", "language", "published", "url"):
            source.pop(key, None)
    path = str(write(data))
    for command in ("show", "themes", "timeline", "sources"):
        found = output(run, command, "--data", path, "--format", "json")
        validator(command).validate(found)
    shown = output(run, "show", "--data", path, "--format", "json")
    assert shown["briefing"]["subtitle"] is None
    assert shown["sources"][0]["url"] is None


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_list_matches_its_schema(run, archive, lang):
    found = output(run, "--lang", lang, "list", "--data", str(archive), "--format", "json")
    validator("list").validate(found)
    first = found["briefings"][0]
    assert (first["id"], first["language"]) == ("small-plan-2027", "en")
    # One entry per briefing; together they name every file, each language's once.
    assert len(found["briefings"]) == 2
    assert {f for b in found["briefings"] for f in b["files"]} == {
        str(p) for p in archive.iterdir()
    }
    shipped = next(b for b in found["briefings"] if b["id"] != "small-plan-2027")
    assert shipped["languages"] == ["en", "fr"] and shipped["language"] == lang


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_validate_matches_its_schema(run, archive, tmp_path, lang):
    clean = output(run, "--lang", lang, "validate", str(archive), "--format", "json")
    validator("validate").validate(clean)
    assert clean["valid"] is True and clean["problems"] == [] and len(clean["files"]) == 3
    missing = str(tmp_path / "missing.yaml")
    found = output(run, "--lang", lang, "validate", MISTAKES, missing, "-f", "json", code=1)
    validator("validate").validate(found)
    assert found["valid"] is False and found["files"] == [MISTAKES]
    assert [(p["line"], p["path"]) for p in found["problems"]] == [
        (None, None),
        (5, "as_of"),
        (13, "items[0].themes[0]"),
        (16, "items[0].status"),
    ]


# diff, config and --all: the same envelope, and schemas of their own

CHANGE_KINDS = {
    ("items", "added"),
    ("items", "removed"),
    ("items", "changed"),
    ("themes", "added"),
    ("themes", "removed"),
    ("sources", "added"),
    ("sources", "removed"),
    ("sources", "changed"),
    ("timeline", "added"),
    ("timeline", "removed"),
    ("timeline", "changed"),
    ("revisions", "added"),
    ("revisions", "removed"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_diff_matches_its_schema_with_every_kind_of_change(run, lang):
    forward = output(run, "--lang", lang, "diff", OLD, NEW, "-f", "json")
    backward = output(run, "--lang", lang, "diff", NEW, OLD, "-f", "json")
    for found in (forward, backward):
        validator("diff").validate(found)
        assert list(found)[:4] == ENVELOPE
        assert (found["command"], found["briefing"], found["filter"]) == ("diff", None, None)
        assert found["differ"] is True
    # Read both ways, the two editions show every kind of change.
    shown = {
        (part, kind)
        for found in (forward, backward)
        for part, lists in found["changes"].items()
        if part != "briefing"
        for kind, listed in lists.items()
        if listed
    }
    assert shown == CHANGE_KINDS
    assert forward["changes"]["briefing"] == [
        {"field": "as_of", "old": "2026-06", "new": "2027-01"}
    ]
    assert forward["old"] == {
        "id": "small-plan-2027",
        "title": "Small plan for 2027",
        "subtitle": None,
        "language": "en",
        "translation_of": None,
        "as_of": "2026-06",
        "tlp": None,
        "file": OLD,
    }
    assert (forward["new"]["as_of"], forward["new"]["file"]) == ("2027-01", NEW)
    assert [r["date"] for r in forward["changes"]["revisions"]["added"]] == ["2027-01-20"]
    [changed] = forward["changes"]["items"]["changed"]
    # In the contract's order.
    assert [c["field"] for c in changed["changes"]] == [
        "summary",
        "status",
        "sources",
        "credibility",
    ]


def test_diff_json_holds_data_values_whatever_the_language(run):
    english = output(run, "--lang", "en", "diff", OLD, NEW, "-f", "json")
    french = output(run, "--lang", "fr", "diff", OLD, NEW, "-f", "json")
    # No prose of the interface: only the data's own text, the same in both languages.
    assert english == french
    [item] = english["changes"]["items"]["changed"]
    values = {c["field"]: (c["old"], c["new"]) for c in item["changes"]}
    assert values["status"] == ("planned", "under-way")
    assert values["credibility"] == (3, 2)
    assert values["sources"] == (
        [{"source": "memo", "locator": "p. 2", "quote": None}],
        [
            {"source": "memo", "locator": "p. 2", "quote": None},
            {"source": "report", "locator": None, "quote": None},
        ],
    )
    # The schema checks each field's values in their own form: display text is refused.
    status = next(c for c in item["changes"] if c["field"] == "status")
    status["new"] = "under way"
    assert not validator("diff").is_valid(english)
    status["new"] = "under-way"
    validator("diff").validate(english)
    [source] = english["changes"]["sources"]["changed"]
    assert source["id"] == "report"
    assert source["changes"] == [
        {"field": "publisher", "old": None, "new": "An invented office"},
        {"field": "accessed", "old": None, "new": "2027-01-20"},
    ]


def test_diff_filtered_or_without_changes_matches_its_schema(run):
    narrowed = output(run, "diff", OLD, NEW, "--theme", "training", "-f", "json")
    validator("diff").validate(narrowed)
    assert narrowed["filter"] == {
        "themes": ["training"],
        "search": None,
        "credibility": None,
        "statuses": [],
        "max_tlp": None,
        "withheld": 0,
    }
    same = output(run, "diff", NEW, NEW, "-f", "json")
    validator("diff").validate(same)
    assert same["differ"] is False and same["changes"]["briefing"] == []
    lists = [v for k, v in same["changes"].items() if k != "briefing"]
    assert lists and all(not listed for part in lists for listed in part.values())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_config_matches_its_schema(run, tmp_path, lang):
    path = tmp_path / "config.toml"
    path.write_text('width = 72\ncolor = "never"\npager = "most -s"\ndata = ["plans"]\n')
    env = {"BRIEFING_CONFIG": str(path)}
    found = output(run, "--lang", lang, "config", "--format", "json", env=env)
    validator("config").validate(found)
    assert list(found) == [*ENVELOPE, "settings"]
    assert (found["command"], found["briefing"], found["filter"]) == ("config", None, None)
    shown = {row["setting"]: row for row in found["settings"]}
    assert shown["width"] == {"setting": "width", "value": "72", "source": f"{path}:1"}
    assert shown["pager_command"]["value"] == "most -s"
    assert shown["language"] == {"setting": "language", "value": lang, "source": "--lang"}
    without = output(run, "--lang", lang, "config", "--format", "json")
    validator("config").validate(without)
    assert without["settings"][0]["setting"] == "config"


ALL_CASES = [[], ["--theme", "training"], ["--search", "depots"]]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("args", ALL_CASES, ids=[" ".join(a) or "whole" for a in ALL_CASES])
@pytest.mark.parametrize("command", ACROSS_COMMANDS)
def test_all_matches_the_commands_schema(run, command, args, lang):
    data = ["--data", str(DEFAULT_FILE.parent), "--data", str(HISTORY)]
    found = output(run, "--lang", lang, *data, command, "--all", *args, "--format", "json")
    validator(command).validate(found)
    assert list(found) == [*ENVELOPE, "all", "results"]
    assert found["command"] == command and found["briefing"] is None
    assert (found["filter"] is None) == (args == [])
    if args[:1] == ["--theme"]:
        assert found["filter"]["themes"] == ["training"]
    editions = [(r["briefing"]["id"], r["briefing"]["as_of"]) for r in found["results"]]
    assert editions == [
        ("morocco-israel-work-plan-2026", "2025"),
        ("small-plan-2027", "2026-06"),
        ("small-plan-2027", "2027-01"),
    ]
    # Each result is exactly what the command prints for that briefing alone.
    alone = ["--briefing", "small-plan-2027", command, *args, "--format", "json"]
    assert found["results"][-1] == output(run, "--lang", lang, *data, *alone)
    languages = {r["briefing"]["language"] for r in found["results"]}
    assert languages == ({"en", "fr"} if lang == "fr" else {"en"})


def test_report_escapes_what_cannot_be_printed():
    # A file name with an undecodable byte, and a message with a bidirectional control.
    problem = Problem("bad\udcff.yaml", "", "x\u202ey", 1, 2)
    report = Report(("bad\udcff.yaml",), (problem,), None, None, valid=False)
    text = render_report(report, OutputOptions())
    text.encode("utf-8")  # would raise on a lone surrogate
    assert "\\udcff" in text and "\\u202e" in text
    found = json.loads(text)
    validator("validate").validate(found)
    assert found["problems"][0]["path"] is None


def test_the_same_key_holds_the_same_kind_of_value_in_every_command():
    seen: dict[str, tuple[str, Any]] = {}
    shapes = [(c, one_output(output_schema(c))) for c in JSON_COMMANDS]
    shapes += [(f"{c} --all", output_schema(c)["$defs"]["output_all"]) for c in ACROSS_COMMANDS]
    for command, shape_of in shapes:
        for key, node in shape_of["properties"].items():
            kinds = node.get("anyOf", [node])
            shape = [{k: v for k, v in n.items() if k != "description"} for n in kinds]
            shape = [s for s in shape if s != {"type": "null"} and "const" not in s]
            if not shape:  # always null here: no kind to compare
                continue
            first = seen.setdefault(key, (command, shape))
            assert shape == first[1], f"`{key}` differs between {first[0]} and {command}"
    every = {}
    for command in JSON_COMMANDS:
        for name, node in output_schema(command)["$defs"].items():
            if name not in ("output", "output_all"):  # each command's own shape
                assert every.setdefault(name, node) == node, name
    assert {"briefing", "filter", "themes", "timeline", "sources"} <= set(seen)
    # The commands about several briefings, or none, have no `briefing` at all.
    for command in ("list", "validate", "diff", "config"):
        assert one_output(output_schema(command))["properties"]["briefing"]["type"] == "null"


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_shipped_schemas_are_what_the_generator_makes(run, command):
    shipped = schema_file(command).read_text(encoding="utf-8")
    assert shipped == render(command), "regenerate: python -m briefing.formats.outputschema"
    schema = json.loads(shipped)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert one_output(schema)["properties"]["format"] == {
        "description": "The version of this output's shape.",
        "const": ENVELOPE_VERSION,
    }
    printed = run("schema", "--output-of", command)
    assert printed.exit_code == 0 and printed.stdout == shipped


def test_no_stray_schema_files():
    assert sorted(p.name for p in SCHEMAS_DIR.iterdir()) == sorted(
        f"output-{c}.json" for c in JSON_COMMANDS
    )


def test_schema_prints_the_data_schema_unless_asked_for_an_output_schema(run):
    data_schema = run("schema").stdout
    assert (
        json.loads(data_schema)["title"]
        != json.loads(run("schema", "--output-of", "show").stdout)["title"]
    )


def test_schema_option_takes_only_json_commands(run):
    result = run("schema", "--output-of", "nope")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--output-of does not take `nope`; choose one of: show, themes" in result.stderr


def _broken(data: dict[str, Any], change: str) -> dict[str, Any]:
    """Return a deep copy of real output with one thing wrong."""
    data = copy.deepcopy(data)
    if change == "items-as-count":
        data["items"] = len(data["items"])
    elif change == "missing-key":
        del data["timeline"]
    elif change == "extra-key":
        data["x-filter"] = None
    elif change == "old-format":
        data["format"] = 1
    elif change == "other-command":
        data["command"] = "themes"
    elif change == "no-briefing":
        data["briefing"] = None
    elif change == "filter-missing-search":
        data["filter"] = {"themes": ["intelligence"]}
    elif change == "bad-status":
        data["items"][0]["status"] = "done"
    elif change == "count-as-text":
        data["themes"][0]["item_count"] = "4"
    elif change == "missing-optional":
        del data["items"][0]["attribution"]
    elif change == "bad-date":
        data["timeline"][0]["date"] = "2025-13"
    elif change == "bad-precision":
        data["timeline"][0]["precision"] = "week"
    elif change == "extra-in-source":
        data["sources"][0]["pages"] = 3
    elif change == "citation-kind":
        data["sources"][0]["cited_by"][0]["kind"] = "note"
    elif change == "empty-title":
        data["briefing"]["title"] = " "
    return data


BREAKS = [
    "items-as-count",
    "missing-key",
    "extra-key",
    "old-format",
    "other-command",
    "no-briefing",
    "filter-missing-search",
    "bad-status",
    "count-as-text",
    "missing-optional",
    "bad-date",
    "bad-precision",
    "extra-in-source",
    "citation-kind",
    "empty-title",
]


@pytest.mark.parametrize("change", BREAKS)
def test_show_schema_rejects_wrong_output(run, change):
    real = output(run, "show", "--theme", "diplomacy", "--format", "json")
    validator("show").validate(real)
    assert not validator("show").is_valid(_broken(real, change)), change


@pytest.mark.parametrize(
    ("command", "args", "path", "value"),
    [
        (
            "themes",
            [],
            ("filter",),
            {"themes": [], "search": None, "credibility": None, "statuses": []},
        ),
        ("list", [], ("briefing",), {"id": "x"}),
        ("list", [], ("briefings", 0, "item_count"), -1),
        ("validate", [MISTAKES], ("valid",), "no"),
        ("validate", [MISTAKES], ("problems", 0, "line"), 0),
        ("validate", [MISTAKES], ("files",), "mistakes.yaml"),
        ("timeline", [], ("timeline", 0, "sources", 0, "page"), 1),
        ("sources", [], ("sources", 0, "cited_by", 0, "item"), "Not An Id"),
        ("diff", [OLD, NEW], ("briefing",), {"id": "small-plan-2027"}),
        ("diff", [OLD, NEW], ("filter",), {"themes": ["training"]}),
        ("diff", [OLD, NEW], ("old", "as_of"), "June 2026"),
        ("diff", [OLD, NEW], ("new", "file"), None),
        ("diff", [OLD, NEW], ("changes", "themes", "removed", 0), {"id": "logistics"}),
        ("diff", [OLD, NEW], ("changes", "items", "changed", 0, "changes", 0, "field"), "x"),
        ("diff", [OLD, NEW], ("changes", "timeline", "changed", 0, "changes", 0, "new"), "Dec"),
        ("diff", [OLD, NEW], ("changes", "briefing", 0, "field"), "as of"),
        ("diff", [OLD, NEW], ("changes", "revisions", "added", 0, "date"), None),
        ("diff", [OLD, NEW], ("changes", "timeline", "moved"), []),
        ("diff", [OLD, NEW], ("differ",), 1),
        ("config", [], ("settings", 0, "value"), None),
        ("config", [], ("settings", 0, "setting"), "Width"),
        ("config", [], ("settings",), {"width": "80"}),
        ("show", ["--all", "--data", str(HISTORY)], ("all",), False),
        ("show", ["--all", "--data", str(HISTORY)], ("results", 0, "items"), 2),
        ("show", ["--all", "--data", str(HISTORY)], ("results", 1, "command"), "timeline"),
        ("timeline", ["--all", "--data", str(HISTORY)], ("results", 0, "all"), True),
        ("timeline", ["--all", "--data", str(HISTORY)], ("filter",), {"themes": []}),
    ],
)
def test_other_schemas_reject_wrong_output(run, command, args, path, value):
    code = 1 if MISTAKES in args else 0
    real = output(run, command, *args, "--format", "json", code=code)
    validator(command).validate(real)
    target = real
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    assert not validator(command).is_valid(real)


# The jq examples of the README, docs/json.md and docs/exports.md, run against real output.


def jq_examples(name: str) -> list[tuple[list[str], list[str], str | None]]:
    """Each `briefing … | jq …` line of a document's code blocks, with its shown output if any.

    In a `text` block, a `$ ` command is followed by its output up to the next
    command or the end of the block; in a `sh` block the command stands alone.
    """
    found = []
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    in_block = False
    for number, line in enumerate(lines):
        if line.startswith("```"):
            in_block = not in_block
            continue
        command = line.removeprefix("$ ")
        if not in_block or not command.startswith("briefing ") or "| jq " not in command:
            continue
        lexer = shlex.shlex(command, posix=True, punctuation_chars="|")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        words = list(lexer)
        cut = words.index("|")
        expected = None
        if line.startswith("$ "):
            shown = []
            for after in lines[number + 1 :]:
                if after.startswith(("$ ", "```")):
                    break
                shown.append(after)
            expected = "\n".join(shown) + "\n"
        found.append((words[1:cut], words[cut + 1 :], expected))
    return found


README_EXAMPLES = jq_examples("README.md")
JQ_EXAMPLES = README_EXAMPLES + jq_examples("docs/json.md") + jq_examples("docs/exports.md")


def test_the_docs_have_jq_examples_with_their_output():
    assert len(README_EXAMPLES) >= 6
    assert sum(expected is not None for _, _, expected in README_EXAMPLES) >= 5
    assert len(JQ_EXAMPLES) >= len(README_EXAMPLES) + 4
    assert all(jq[0] == "jq" for _, jq, _ in JQ_EXAMPLES)


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
@pytest.mark.parametrize(
    ("args", "jq", "expected"), JQ_EXAMPLES, ids=[" ".join(a) for a, _, _ in JQ_EXAMPLES]
)
def test_readme_jq_examples_run(run, monkeypatch, args, jq, expected):
    monkeypatch.chdir(ROOT)
    result = run(*args)
    assert result.stderr == ""
    assert result.exit_code == 0 or (args[0] == "validate" and result.exit_code == 1)
    done = subprocess.run(jq, input=result.stdout, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "the example prints nothing"
    assert "null" not in done.stdout.splitlines(), "the example reads a key that is not there"
    if expected is not None:
        assert done.stdout == expected
