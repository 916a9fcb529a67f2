"""Commands are functions: called without the command line, they return what they show."""

from __future__ import annotations

import json

import pytest

from briefing.cli.settings import Settings
from briefing.commands import actions, editions
from briefing.delivery.console import OutputOptions
from briefing.delivery.deliverer import Shown, deliver
from briefing.errors import EXIT_DATA, UsageError
from tests.conftest import DEFAULT_FILE, GOLDEN, ROOT

HISTORY = ROOT / "tests" / "data" / "history"
OLD, NEW = str(HISTORY / "small-2026.yaml"), str(HISTORY / "small-2027.yaml")
PIPED = Settings(output=OutputOptions(is_terminal=False, width=80, color=False))


def test_show_returns_the_text_the_command_line_prints(run):
    shown = actions.show(PIPED, format="markdown")
    assert isinstance(shown, Shown)
    assert shown.export is None and shown.exit_code is None and shown.paged
    assert shown.content == (GOLDEN / "show.md").read_text(encoding="utf-8")
    assert shown.content == run("show", "--format", "markdown").stdout


def test_show_narrows_as_asked():
    whole = actions.show(PIPED, format="json").content
    narrowed = actions.show(PIPED, theme=["intelligence"], format="json").content
    assert isinstance(whole, str) and isinstance(narrowed, str)
    assert len(json.loads(narrowed)["items"]) < len(json.loads(whole)["items"])


def test_show_to_a_file_is_planned_then_written_by_the_deliverer(tmp_path):
    target = tmp_path / "brief.md"
    shown = actions.show(PIPED, output=str(target))
    # The command writes nothing: it says what goes where, and the deliverer writes it.
    assert not target.exists()
    assert shown.export is not None and shown.export.path == str(target)
    assert shown.export.pandoc is None
    assert str(DEFAULT_FILE) in shown.export.protected  # the data read is never replaced
    assert deliver(shown, None, {}) is None
    assert target.read_text(encoding="utf-8") == shown.content


def test_show_refuses_to_write_over_its_data_before_any_work():
    settings = PIPED._replace(data=(str(DEFAULT_FILE),))
    with pytest.raises(UsageError, match="is a loaded data file"):
        actions.show(settings, output=str(DEFAULT_FILE))


def test_diff_returns_the_changes_and_its_exit_code():
    shown = editions.diff(PIPED, [OLD, NEW], format="json")
    assert isinstance(shown.content, str)
    found = json.loads(shown.content)
    assert found["command"] == "diff" and found["differ"] is True
    assert shown.exit_code is None  # without --exit-code a difference is no failure
    assert editions.diff(PIPED, [OLD, NEW], format="json", exit_code=True).exit_code == EXIT_DATA
    same = editions.diff(PIPED, [NEW, NEW], format="json", exit_code=True)
    assert same.exit_code is None and json.loads(str(same.content))["differ"] is False


def test_diff_as_text_says_what_changed():
    shown = editions.diff(PIPED, [OLD, NEW], format="markdown")
    assert isinstance(shown.content, str) and shown.content.strip()
    assert shown.content != editions.diff(PIPED, [NEW, NEW], format="markdown").content
