"""A folder survives a broken draft: commands run on the valid files and name the invalid ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "tests" / "data" / "history"
DRAFT = 'briefing: 2\nid: draft\ntitle: Draft\nas_of: "2027-03"\nsummary: x\nthemes: []\n'


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Two valid editions of one briefing and a broken draft of another, in one folder."""
    folder = tmp_path / "archive"
    folder.mkdir()
    for path in HISTORY.iterdir():
        shutil.copy(path, folder / path.name)
    (folder / "draft.yaml").write_text(DRAFT, encoding="utf-8")
    return folder


def _named(stderr: str, folder: Path) -> None:
    """The draft is named once, at its first problem, with how to see every problem."""
    draft = folder / "draft.yaml"
    assert stderr == (
        f"briefing: {draft}:1:1: a briefing needs the key `items` (at least one) — left out, "
        f"3 problems: see them all with `briefing validate {draft}`\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["show", "-f", "json"],
        ["themes", "-f", "json"],
        ["timeline", "-f", "json"],
        ["sources", "-f", "json"],
        ["--briefing", "small-plan-2027", "show", "-f", "json"],
    ],
)
def test_every_command_runs_on_the_valid_briefings(run, archive, args):
    result = run("--data", str(archive), *args)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["briefing"]["id"] == "small-plan-2027"
    _named(result.stderr, archive)


def test_diff_by_id_runs_on_the_valid_editions(run, archive):
    result = run("--data", str(archive), "diff", "small-plan-2027", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["differ"] is True
    _named(result.stderr, archive)


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json", "html"])
def test_list_shows_the_invalid_files_as_such(run, archive, fmt):
    result = run("--data", str(archive), "list", "-f", fmt)
    assert result.exit_code == 0
    draft = str(archive / "draft.yaml")
    if fmt == "json":
        data = json.loads(result.stdout)
        assert [b["id"] for b in data["briefings"]] == ["small-plan-2027", "small-plan-2027"]
        [bad] = data["invalid"]
        assert (bad["file"], bad["problem_count"], bad["first"]["line"]) == (draft, 3, 1)
        import jsonschema

        from briefing.formats.outputschema import output_schema

        jsonschema.Draft202012Validator(output_schema("list")).validate(data)
    else:
        assert "Invalid files, left out" in result.stdout
        assert "3 problems: see them all with" in result.stdout
        assert "needs the key" in result.stdout


def test_strict_makes_any_invalid_file_fatal(run, archive, tmp_path):
    result = run("--data", str(archive), "--strict-data", "show")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("draft.yaml") == 3  # every problem, as validate gives them
    config = tmp_path / "config.toml"
    config.write_text("strict_data = true\n", encoding="utf-8")
    by_file = run("--data", str(archive), "show", env={"BRIEFING_CONFIG": str(config)})
    assert by_file.exit_code == 1 and by_file.stderr == result.stderr
    shown = run("config", "-f", "json", env={"BRIEFING_CONFIG": str(config)})
    [strict] = [s for s in json.loads(shown.stdout)["settings"] if s["setting"] == "strict_data"]
    assert strict["value"] == "on" and strict["source"] == f"{config}:1"
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('strict_data = "yes"\n', encoding="utf-8")
    refused = run("show", env={"BRIEFING_CONFIG": str(wrong)})
    assert refused.exit_code == 2 and "strict_data" in refused.stderr


def test_a_briefing_asked_for_that_is_invalid_fails_as_before(run, archive):
    result = run("--data", str(archive), "--briefing", "draft", "show")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("draft.yaml") == 3


def test_a_folder_of_only_invalid_files_fails(run, tmp_path):
    (tmp_path / "a.yaml").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(DRAFT.replace("draft", "other"), encoding="utf-8")
    result = run("--data", str(tmp_path), "list")
    assert result.exit_code == 1 and result.stderr.count("needs the key") == 4


def test_one_invalid_file_given_alone_fails_as_before(run, archive):
    result = run("--data", str(archive / "draft.yaml"), "show")
    assert result.exit_code == 1 and result.stderr.count("draft.yaml") == 3


def test_validate_stays_strict(run, archive):
    result = run("validate", str(archive))
    assert result.exit_code == 1 and "draft.yaml" in result.stdout
