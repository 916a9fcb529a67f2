"""Format version 2: grades and their vocabularies, revisions, drift on grades, and `migrate`."""

from __future__ import annotations

import os
import re
import shutil
from typing import Any

import pytest
import yaml

from briefing import grades, i18n
from briefing.errors import DataError, ValidationError
from briefing.reading.contract import BRIEFING, Obj, Seq
from briefing.reading.loader import parse
from briefing.reading.migrate import migrate_text
from tests.conftest import DEFAULT_FILE, FRENCH_FILE, minimal


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def graded(**changes):
    """The minimal briefing in version 2, every item and source graded."""
    data = minimal(**changes)
    data["briefing"] = 2
    for item in data["items"]:
        item["credibility"] = 3
    for source in data["sources"]:
        source["reliability"] = "F"
    return data


def problems(data) -> list[str]:
    with pytest.raises(ValidationError) as info:
        parse(dump(data) if isinstance(data, dict) else data, "f.yaml")
    return [str(p) for p in info.value.problems]


def test_version_1_still_loads_ungraded():
    briefing = parse(dump(minimal()), "f.yaml")
    assert briefing.version == 1 and briefing.revisions == ()
    assert all(i.credibility is None and i.kind is None for i in briefing.items)
    assert all(s.reliability is None for s in briefing.sources)
    item, source = briefing.items[0], briefing.sources[0]
    assert grades.label(grades.CREDIBILITY, item.credibility) == "not graded"
    assert grades.label(grades.RELIABILITY, source.reliability) == "not graded"
    assert grades.admiralty(source.reliability, item.credibility) == "--"


def test_version_2_builds_every_new_field():
    data = graded()
    item = data["items"][0]
    item.update(kind="assessment", confidence="moderate", likelihood="roughly even chance")
    data["items"][1]["credibility"] = 6
    data["sources"][0].update(
        reliability="B",
        publisher="Example Press",
        author="A. Writer",
        accessed="2026-11-29",
        archived_url="https://archive.example.org/one",
        grade_note="Known outlet.",
    )
    data["revisions"] = [{"date": "2026-11-29", "summary": "Graded."}]
    briefing = parse(dump(data), "f.yaml")
    assert briefing.version == 2
    first = briefing.items[0]
    assert (first.kind, first.credibility, first.confidence, first.likelihood) == (
        "assessment",
        3,
        "moderate",
        "roughly even chance",
    )
    assert first.assessment and not briefing.items[1].assessment
    assert briefing.items[1].credibility == 6
    source = briefing.sources[0]
    assert (source.reliability, source.publisher, source.author) == (
        "B",
        "Example Press",
        "A. Writer",
    )
    assert (str(source.accessed), source.archived_url, source.grade_note) == (
        "2026-11-29",
        "https://archive.example.org/one",
        "Known outlet.",
    )
    assert [(str(r.date), r.summary) for r in briefing.revisions] == [("2026-11-29", "Graded.")]
    assert grades.admiralty(source.reliability, first.credibility) == "B3"


TYPOS = [
    (
        "sources",
        "reliability",
        "b",
        "unknown reliability `b` (did you mean `B`?)",
        "A, B, C, D, E, F",
    ),
    (
        "items",
        "kind",
        "asessment",
        "unknown kind `asessment` (did you mean `assessment`?)",
        "report,",
    ),
    ("items", "likelihood", "very likley", "(did you mean `very likely`?)", "almost no chance,"),
    ("items", "confidence", "moderat", "(did you mean `moderate`?)", "low, moderate, high"),
]


@pytest.mark.parametrize(("where", "key", "typo", "message", "choices"), TYPOS)
def test_vocabulary_typos_suggest_the_word(where, key, typo, message, choices):
    data = graded()
    if key in ("likelihood", "confidence"):
        data["items"][0].update(kind="assessment", confidence="high")
    data[where][0][key] = typo
    found = problems(data)
    assert len(found) == 1, found
    assert f"{where}[0].{key}: " in found[0]
    assert message in found[0] and f": use one of {choices}" in found[0]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (7, "credibility 7 is not on the scale: use 1 (confirmed by other sources) to 6"),
        (0, "credibility 0 is not on the scale"),
        ("3", "expected a credibility, an unquoted integer from 1 to 6, found text"),
        ("B2", "expected a credibility, an unquoted integer from 1 to 6, found text"),
    ],
)
def test_credibility_is_an_integer_from_1_to_6(value, message):
    data = graded()
    data["items"][0]["credibility"] = value
    (found,) = problems(data)
    assert f"items[0].credibility: {message}" in found


def test_a_number_or_boolean_grade_names_the_choices():
    data = graded()
    data["sources"][0]["reliability"] = 2
    data["items"][0].update(kind="assessment", confidence=True)
    found = problems(data)
    assert len(found) == 2, found
    assert "items[0].confidence: expected one of low, moderate, high, found `true`" in found[0]
    assert (
        "sources[0].reliability: expected one of A, B, C, D, E, F, found `2`, read as a number"
        in found[1]
    )


def test_version_2_requires_credibility_and_reliability_everywhere():
    data = graded()
    del data["items"][1]["credibility"]
    del data["sources"][2]["reliability"]
    found = problems(data)
    assert len(found) == 2
    assert re.search(
        r"f\.yaml:\d+:\d+: items\[1\]: an item needs the key `credibility` in format version 2 "
        r"\(credibility of the information, 1 \(confirmed\) to 6 \(cannot be judged\)\)",
        found[0],
    )
    assert "sources[2]: a source needs the key `reliability` in format version 2" in found[1]


def test_an_assessment_needs_a_confidence_and_a_report_has_none():
    data = graded()
    data["items"][0].update(kind="assessment", likelihood="likely")
    data["items"][1]["confidence"] = "low"
    data["items"][2].update(kind="report", likelihood="unlikely")
    found = problems(data)
    assert len(found) == 3, found
    assert "items[0]: an assessment needs the key `confidence` (low, moderate or high)" in found[0]
    assert (
        "items[1].confidence: `confidence` belongs to an assessment: add `kind: assessment`"
        in found[1]
    )
    assert "items[2].likelihood: `likelihood` belongs to an assessment" in found[2]


def test_version_1_refuses_version_2_keys():
    data = minimal()
    data["items"][0]["credibility"] = 2
    data["sources"][0]["publisher"] = "Example Press"
    data["revisions"] = [{"date": "2026", "summary": "x"}]
    found = problems(data)
    assert len(found) == 3, found
    for path, key in (
        ("items[0].credibility", "credibility"),
        ("sources[0].publisher", "publisher"),
        ("revisions", "revisions"),
    ):
        assert any(
            f"{path}: `{key}` needs format version 2: run `briefing migrate FILE`" in p
            for p in found
        ), (path, found)


def test_revisions_are_checked():
    data = graded(revisions=[{"date": "2026-02-30", "summary": " "}, {"summary": "no date"}])
    found = problems(data)
    assert any("revisions[0].date: `2026-02-30` is not a partial ISO date" in p for p in found)
    assert any("revisions[0].summary: is empty" in p for p in found)
    assert any("revisions[1]: a revision needs the key `date`" in p for p in found)


def test_the_format_reference_example_is_valid():
    from tests.conftest import ROOT

    reference = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    example = reference.split("```yaml\n")[1].split("```")[0]
    briefing = parse(example, "example.yaml")
    assert briefing.version == 3
    assert [i.kind for i in briefing.items] == [None, "assessment"]
    tracked = briefing.items[0]
    assert str(tracked.expected_by) == "2026-06" and tracked.expected_by_set_by == "analyst"
    assert [(s.id, s.status) for s in tracked.signposts] == [
        ("sharing-confirmed", "observed"),
        ("sharing-suspended", "not-yet-seen"),
    ]
    assert briefing.sources[0].reliability == "C" and len(briefing.revisions) == 1


def test_labels_in_both_languages():
    assert len(grades.LIKELIHOOD_CODES) == 7 and grades.CREDIBILITY_CODES == (1, 2, 3, 4, 5, 6)
    assert grades.label(grades.RELIABILITY, "F") == "reliability cannot be judged"
    assert grades.meaning(grades.LIKELIHOOD, "likely") == "55 to 80%"
    try:
        i18n.activate("fr")
        assert grades.label(grades.RELIABILITY, "F") == "fiabilité impossible à juger"
        assert grades.label(grades.CREDIBILITY, 2) == "probablement vraie"
        assert grades.label(grades.LIKELIHOOD, "roughly even chance") == "chances à peu près égales"
        assert grades.label(grades.CONFIDENCE, "high") == "confiance élevée"
        assert grades.label(grades.KINDS, "assessment") == "évaluation"
        assert grades.label(grades.CREDIBILITY, None) == "non coté"
        assert grades.meaning(grades.LIKELIHOOD, "likely") == "de 55 à 80\u00a0%"
    finally:
        i18n.activate("en")


# --- drift on grades -------------------------------------------------------------------------


def _translation(tmp_path, change):
    shutil.copy(DEFAULT_FILE, tmp_path / DEFAULT_FILE.name)
    data = yaml.safe_load(FRENCH_FILE.read_text(encoding="utf-8"))
    change(data)
    (tmp_path / FRENCH_FILE.name).write_text(dump(data), encoding="utf-8")


def test_shipped_translation_keeps_the_grades():
    english = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    french = yaml.safe_load(FRENCH_FILE.read_text(encoding="utf-8"))
    assert english["briefing"] == french["briefing"] == 3
    keys = ("kind", "credibility", "confidence", "likelihood")
    for en, fr in zip(english["items"], french["items"], strict=True):
        assert {k: en.get(k) for k in keys} == {k: fr.get(k) for k in keys}, en["id"]
        assert en["credibility"] in range(1, 7)
    assert [s["reliability"] for s in english["sources"]] == [
        s["reliability"] for s in french["sources"]
    ]
    assert [r["date"] for r in english["revisions"]] == [r["date"] for r in french["revisions"]]


def test_drift_on_grades_and_revisions(run, tmp_path):
    def change(data):
        data["items"][0]["credibility"] = 1 + data["items"][0]["credibility"] % 6
        assessment = next(i for i in data["items"] if i.get("kind") == "assessment")
        assessment["confidence"] = "high" if assessment["confidence"] != "high" else "low"
        data["sources"][0]["reliability"] = "A"
        data["revisions"][0]["date"] = "2026-11-30"

    _translation(tmp_path, change)
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    found = [re.sub(r"^\S+?:(\d+:\d+: )?", "", line) for line in result.stdout.splitlines()]
    original = str(tmp_path / DEFAULT_FILE.name)
    assert found == [
        f"revisions: missing revision date `2026-11-29` of the original {original}",
        f"revisions: extra revision date `2026-11-30`, not in the original {original}",
        "items: item `plan-validated-and-signed` is graded differently than in the original "
        f"{original} (credibility): a translation keeps the grades",
        f"items: item `{_first_assessment()}` is graded differently than in the original "
        f"{original} (confidence): a translation keeps the grades",
        f"sources: source `article` has another reliability than in the original {original}: "
        "a translation keeps the grades",
    ]


def _first_assessment() -> str:
    data = yaml.safe_load(FRENCH_FILE.read_text(encoding="utf-8"))
    return next(i["id"] for i in data["items"] if i.get("kind") == "assessment")


def _only_version(data: Any, spec: Any, version: int) -> None:
    """Drop, at every level, the keys the contract allows only from a later format version."""
    if isinstance(spec, Seq) and isinstance(data, list):
        for entry in data:
            _only_version(entry, spec.of, version)
    elif isinstance(spec, Obj) and isinstance(data, dict):
        for key in list(data):
            field = spec.fields.get(key)
            if field is not None and field.since > version:
                del data[key]
            elif field is not None:
                _only_version(data[key], field.spec, version)


def test_drift_on_format_version(run, tmp_path):
    def back_to_1(data):
        # Derived from the contract, so a key added to a later version is dropped too.
        _only_version(data, BRIEFING, 1)
        data["briefing"] = 1
        assert "credibility" not in data["items"][0]  # the grades are gone: a real version 1

    _translation(tmp_path, back_to_1)
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "briefing: format version 1, but the original" in result.stdout
    assert "is version 3: a translation follows its original" in result.stdout
    assert "is graded differently than in the original" in result.stdout


# --- migrate --------------------------------------------------------------------------------

V1_TEXT = """\
# yaml-language-server: $schema=briefing.schema.json
# A comment that must survive.
briefing: 1   # the version line keeps its comment
id: test-plan
title: Test plan   # and this one
as_of: "2026-01"
summary: |
  One paragraph.
themes:
  - {id: alpha, title: Alpha}
items:
  - id: one
    title: Item one
    themes: [alpha]
    summary: Only alpha.
    sources: [{source: s1}]
  - id: two
    title: Item two
    themes: [alpha]
    summary: Still alpha.
    sources: [{source: s1}]
sources:
  - id: s1
    title: Source one
"""


MARK = "  # ungraded: written by briefing migrate; grade it, then delete this comment"
V2_TEXT = (
    V1_TEXT.replace("briefing: 1   #", "briefing: 3   #")
    .replace("  - id: one\n", "  - credibility: 6" + MARK + "\n    id: one\n")
    .replace("  - id: two\n", "  - credibility: 6" + MARK + "\n    id: two\n")
    .replace("  - id: s1\n", "  - reliability: F" + MARK + "\n    id: s1\n")
)


def test_migrate_text_changes_the_version_and_grades_what_has_no_grade():
    out, graded = migrate_text(V1_TEXT, "f.yaml")
    assert (out, graded) == (V2_TEXT, 3)
    crlf = V1_TEXT.replace("\n", "\r\n")
    assert migrate_text(crlf, "f.yaml") == (V2_TEXT.replace("\n", "\r\n"), 3)


def test_migrate_keeps_grades_given_and_grades_flow_mappings_inline():
    text = V1_TEXT.replace("briefing: 1", "briefing: &version 1").replace(
        "  - id: two\n    title: Item two\n    themes: [alpha]\n    summary: Still alpha.\n"
        "    sources: [{source: s1}]\n",
        "  - {id: two, title: Item two, themes: [alpha], summary: Still alpha., "
        "sources: [{source: s1}]}\n",
    )
    out, graded = migrate_text(text, "f.yaml")
    assert graded == 3
    assert "briefing: &version 3" in out
    assert (
        "  - {credibility: 6, id: two, title: Item two, themes: [alpha], summary: Still alpha., "
        "sources: [{source: s1}]}" + MARK + "\n"
    ) in out


def test_migrate_command_then_show_and_validate_accept_the_file(run, tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_bytes(V1_TEXT.encode("utf-8"))
    os.chmod(path, 0o640)
    result = run("migrate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{path}: now format version 3; 3 grades written as cannot be judged (F or 6) and "
        f"marked `# ungraded`; `briefing validate {path}` lists what is left to grade\n"
    )
    assert path.read_text(encoding="utf-8") == V2_TEXT
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]  # no temporary file left
    assert run("show", "--data", str(path)).exit_code == 0
    checked = run("validate", str(path))
    assert checked.exit_code == 0, checked.output
    left = (
        "left to grade: migrate wrote this grade as cannot be judged; grade it, then delete "
        "the `# ungraded` comment"
    )
    assert checked.stdout.splitlines() == [
        f"{path}: ok (test-plan)",
        f"{path}:12: {left}",
        f"{path}:18: {left}",
        f"{path}:25: {left}",
    ]
    graded = V2_TEXT.replace("credibility: 6" + MARK, "credibility: 2", 1)
    path.write_text(graded, encoding="utf-8")
    assert len(run("validate", str(path)).stdout.splitlines()) == 3  # one fewer left


def test_migrate_dry_run_prints_a_unified_diff_and_writes_nothing(run, tmp_path):
    import shutil
    import subprocess

    path = tmp_path / "plan.yaml"
    path.write_text(V1_TEXT, encoding="utf-8")
    before = path.stat()
    result = run("migrate", "--dry-run", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == V1_TEXT
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]
    assert result.stdout.startswith(f"--- {path}\n+++ {path}\n@@ ")
    assert "-briefing: 1   # the version line keeps its comment\n+briefing: 3   #" in result.stdout
    # The diff is the change: `patch` applies it to give what migrate writes.
    (tmp_path / "change.diff").write_text(result.stdout, encoding="utf-8")
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    done = subprocess.run(
        ["patch", "-s", str(path), str(tmp_path / "change.diff")], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert path.read_text(encoding="utf-8") == V2_TEXT


def test_migrate_refuses_a_file_changed_while_it_runs(run, tmp_path, monkeypatch):
    from briefing.delivery import writing

    path = tmp_path / "plan.yaml"
    path.write_text(V1_TEXT, encoding="utf-8")
    edited = V1_TEXT.replace("Item one", "Item one, edited meanwhile")
    real_fsync = os.fsync

    def edit_meanwhile(fd):  # the temporary file is being made: an editor saves now
        real_fsync(fd)
        path.write_text(edited, encoding="utf-8")

    monkeypatch.setattr(writing.os, "fsync", edit_meanwhile)
    result = run("migrate", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"briefing: {path} changed while migrate was running: nothing written; "
        f"run `briefing migrate {path}` again\n"
    )
    assert path.read_text(encoding="utf-8") == edited  # the edit is kept
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_migrate_keeps_the_owner(run, tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(V1_TEXT, encoding="utf-8")
    os.chown(path, 4321, 4322)
    assert run("migrate", str(path)).exit_code == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)


def test_migrate_refuses_to_change_the_owner(run, tmp_path, monkeypatch):
    path = tmp_path / "plan.yaml"
    path.write_text(V1_TEXT, encoding="utf-8")
    from briefing.delivery import writing

    monkeypatch.setattr(writing, "_owner", lambda name: (-5, -5))  # as if another user's file

    def refused(*args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(writing.os, "chown", refused)
    result = run("migrate", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"briefing: {path}: cannot keep the owner of the file: nothing written; "
        "run the command as the file's owner\n"
    )
    assert path.read_text(encoding="utf-8") == V1_TEXT
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_migrate_says_a_hard_link_is_split(run, tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(V1_TEXT, encoding="utf-8")
    other = tmp_path / "other.yaml"
    os.link(path, other)
    result = run("migrate", str(path))
    assert result is not None and result.exit_code == 0
    assert result.stderr == (
        f"briefing: {path} had 2 hard links: only this name has the version 2 file, "
        "the others keep the version 1 text\n"
    )
    assert path.read_text(encoding="utf-8") == V2_TEXT
    assert other.read_text(encoding="utf-8") == V1_TEXT


def test_migrate_messages_name_the_file_not_an_option(run, tmp_path, monkeypatch):
    path = tmp_path / "plan.yaml"
    path.write_text(V1_TEXT, encoding="utf-8")
    from briefing.delivery import writing

    def refused(source, target):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(writing.os, "replace", refused)
    result = run("migrate", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"briefing: {path}: cannot write: Permission denied\n"
    assert "--output" not in result.stderr
    assert path.read_text(encoding="utf-8") == V1_TEXT


def test_migrate_refuses_a_version_3_file_and_leaves_it_alone(run, tmp_path):
    path = tmp_path / "plan.yaml"
    text = V1_TEXT.replace("briefing: 1", "briefing: 3")
    path.write_text(text, encoding="utf-8")
    result = run("migrate", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"briefing: {path} is already format version 3: nothing to migrate\n"
    assert path.read_text(encoding="utf-8") == text


def test_migrate_moves_a_graded_version_2_file_by_its_version_line_only():
    graded = V2_TEXT.replace("briefing: 3   #", "briefing: 2   #")
    assert migrate_text(graded, "f.yaml") == (V2_TEXT, 0)


REFUSED = [
    ("briefing: 4", "is format version 4: only version 1 or 2 can be migrated"),
    ('briefing: "1"', "no format version (`briefing: 1`) at the top"),
]


@pytest.mark.parametrize(
    ("text", "message"),
    [(V1_TEXT.replace("briefing: 1", line), message) for line, message in REFUSED]
    + [
        ("- a list\n", "cannot be read as a briefing"),
        ("briefing: [1\n", "cannot be read as a briefing"),
    ],
)
def test_migrate_refuses_what_is_not_version_1(text, message):
    with pytest.raises(DataError) as info:
        migrate_text(text, "f.yaml")
    assert message in info.value.message


def test_migrate_is_atomic(run, tmp_path, monkeypatch):
    path = tmp_path / "plan.yaml"
    path.write_text(V1_TEXT, encoding="utf-8")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    result = run("migrate", str(path))
    assert result.exit_code == 130
    assert path.read_text(encoding="utf-8") == V1_TEXT
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_migrate_keeps_a_byte_order_mark_and_refuses_stdin_and_missing_files(run, tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + V1_TEXT.encode("utf-8"))
    assert run("migrate", str(path)).exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + V2_TEXT.encode("utf-8")
    stdin = run("migrate", "-")
    assert stdin.exit_code == 2 and "give its path, not -" in stdin.stderr
    missing = run("migrate", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 1
    assert missing.stderr.startswith(f"briefing: {tmp_path / 'nope.yaml'}: cannot read:")
