"""The commands as a user meets them: exit codes, stdout and stderr, for every format."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from briefing import __version__
from briefing.cli.declarations import COMMANDS
from briefing.delivery.console import OutputOptions
from briefing.formats import FORMATS, choices_for
from tests.conftest import minimal

TERMINAL = OutputOptions(is_terminal=True, width=80, color=False)


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"briefing {__version__}\n"


@pytest.mark.parametrize("fmt", choices_for("show"))
def test_show_every_format(run, fmt):
    result = run("show", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    if fmt == "ics":  # a calendar holds the dates: the timeline's, as no item has a due date
        assert "SUMMARY:Morocco and Israel officially resume diplomatic relations" in result.stdout
        return
    assert "Moroccan delegations visited Israeli units" in result.stdout  # an item's title
    if fmt != "csv":  # one row per item: the briefing's own title is no row
        assert "Morocco–Israel joint military work plan for 2026" in result.stdout


@pytest.mark.parametrize("fmt", [f for f in FORMATS if FORMATS[f].shows("themes")])
def test_themes_every_format(run, fmt):
    result = run("themes", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    for title in ("Intelligence", "Logistics", "Defence industry"):
        assert title in result.stdout


def test_default_format_follows_the_output(run):
    piped = run("show")
    assert piped.stdout.startswith("# Morocco–Israel joint military work plan for 2026\n")
    on_terminal = run("show", options=TERMINAL)
    assert on_terminal.stdout.startswith("╭")
    assert run("show", "--format", "json", options=TERMINAL).stdout.startswith("{")


def test_themes_json_lists_counts(run):
    themes = json.loads(run("themes", "--format", "json").stdout)["themes"]
    by_id = {t["id"]: t for t in themes}
    assert {"intelligence", "logistics", "industry"} <= set(by_id)
    assert "renseignement" in by_id["intelligence"]["aliases"]
    assert "logistique" in by_id["logistics"]["aliases"]
    assert "industrie" in by_id["industry"]["aliases"]
    assert set(themes[0]) == {"id", "title", "aliases", "description", "item_count"}
    shown = json.loads(run("show", "--format", "json").stdout)
    for theme in themes:
        assert theme["item_count"] == sum(theme["id"] in i["themes"] for i in shown["items"])
        assert theme["item_count"] > 0


def test_themes_terminal_shows_counts_and_bars(run, write):
    path = write(minimal())
    result = run("themes", "--data", str(path), options=TERMINAL)
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    # Alpha carries 2 of 3 items, Gamma 1 of 3: bars of 7 and 3 cells out of 10.
    assert "Alpha" in lines and " 2 " in lines["Alpha"] and "███████░░░" in lines["Alpha"]
    assert " 1 " in lines["Gamma"] and "███░░░░░░░" in lines["Gamma"]


@pytest.mark.parametrize("name", ["intelligence", "INTEL", "Renseignement", "Intelligence"])
def test_theme_accepts_id_title_alias_any_case(run, name):
    result = run("show", "--theme", name, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["filter"] == {
        "themes": ["intelligence"],
        "search": None,
        "credibility": None,
        "statuses": [],
        "max_tlp": None,
        "withheld": 0,
    }
    assert data["items"] and all("intelligence" in i["themes"] for i in data["items"])


def test_filter_is_announced(run):
    md = run("show", "--theme", "logistique", "--theme", "industrie").stdout
    assert (
        "> **Filtered** — **Themes:** Logistics, Defence industry (4 items, 0 timeline entries)\n"
        in md
    )
    term = run("show", "--theme", "logistics", "-s", "UNITS", options=TERMINAL).stdout
    assert "Filtered: Themes Logistics · Search UNITS (1 item, 0 timeline entries)\n" in term


def test_unknown_theme_is_a_usage_error(run):
    result = run("show", "--theme", "intelligenc")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "briefing: unknown theme `intelligenc` (did you mean `intelligence`?); valid themes: "
        "governance, operations, intelligence, logistics, training, industry, technology, "
        "diplomacy, article-reading\n"
    )


def test_bad_option_is_a_usage_error_in_one_line(run):
    result = run("show", "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "--format does not take `xml`; choose one of: terminal, markdown, json, html" in (
        result.stderr
    )


def test_width_below_minimum_is_a_usage_error(run):
    result = run("show", "--width", "5")
    assert result.exit_code == 2 and result.stdout == ""


def test_missing_data_path(run, tmp_path):
    missing = tmp_path / "nope.yaml"
    result = run("show", "--data", str(missing))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        result.stderr
        == f"briefing: {missing}: no such file or folder (from --data); check the path\n"
    )


def test_invalid_data_lists_every_problem_and_prints_nothing(run, write):
    data = minimal(as_of="soon")
    data["items"][1]["themes"] = ["beta", "delta"]
    data["items"][2]["status"] = "done"
    path = write(data)
    result = run("show", "--data", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"briefing: {path}:4:8: as_of: `soon` is not a partial ISO date")
    assert any(
        f"{path}:" in ln and ": items[1].themes[1]: `delta` is not a declared theme" in ln
        for ln in lines
    )
    assert any(": items[2].status: unknown status `done`" in ln for ln in lines)


def test_data_from_environment_and_stdin(run, write):
    path = write(minimal(title="From the environment"))
    result = run("show", env={"BRIEFING_DATA": str(path)})
    assert result.stdout.startswith("# From the environment\n")
    text = path.read_text(encoding="utf-8").replace("From the environment", "From stdin")
    result = run("show", "--data", "-", input=text)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# From stdin\n")


def test_several_briefings_latest_wins_and_id_selects(run, write, tmp_path):
    write(minimal(id="older", title="Older", as_of="2026"), "a.yaml")
    write(minimal(id="newer", title="Newer", as_of="2026-01"), "b.yml")
    write("not a briefing", "notes.txt")
    assert run("show", "--data", str(tmp_path)).stdout.startswith("# Newer\n")
    picked = run("show", "--data", str(tmp_path), "--briefing", "older")
    assert picked.stdout.startswith("# Older\n")
    wrong = run("show", "--data", str(tmp_path), "--briefing", "oldr")
    assert wrong.exit_code == 2
    assert (
        wrong.stderr
        == "briefing: no briefing with id `oldr` (did you mean `older`?); loaded: older, newer\n"
    )


def test_latest_tie_is_a_usage_error(run, write, tmp_path):
    write(minimal(id="first"), "a.yaml")
    write(minimal(id="second"), "b.yaml")
    result = run("themes", "--data", str(tmp_path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "briefing: 2 briefings share the latest as_of date 2026-01; "
        "choose one with --briefing: first, second\n"
    )


def test_same_id_in_two_files_is_a_data_error(run, write, tmp_path):
    a = write(minimal(), "a.yaml")
    b = write(minimal(), "b.yaml")
    result = run("--strict-data", "show", "--data", str(tmp_path))
    assert result.exit_code == 1
    # The same briefing twice, not a translation: one line, and no advice about translations.
    assert result.stderr == (
        f"briefing: {b}:2:1: id: two files define the same briefing id `test-plan`: "
        f"{a} and {b}; remove or rename one\n"
    )
    # Without --strict-data, the first file is shown and the one that clashes with it is named.
    lenient = run("show", "--data", str(tmp_path))
    assert lenient.exit_code == 0 and lenient.stdout
    assert lenient.stderr.startswith(
        f"briefing: {b}:2:1: id: two files define the same briefing id `test-plan`: {a} and {b}"
    )
    assert lenient.stderr.endswith(f"1 problem: see it with `briefing validate {b}`\n")
    assert lenient.stderr.count("\n") == 1


def test_folder_without_briefings(run, tmp_path):
    result = run("show", "--data", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"briefing: {tmp_path}: no briefings here; "
        "a data folder holds .yaml or .yml files; pass one with --data\n"
    )


def test_front_matter_is_yaml_for_pandoc(run, write):
    import yaml

    path = write(minimal(title='Plan: "quoted" # not a comment'))
    out = run("show", "--data", str(path), "--front-matter").stdout
    assert out.startswith("---\n")
    head, _, body = out[4:].partition("\n---\n")
    # pandoc reads metadata as Markdown, so the title is escaped like the heading.
    from briefing.formats.markdown import md

    title = 'Plan: "quoted" # not a comment'
    assert yaml.safe_load(head) == {"title": md(title), "date": "2026-01", "lang": "en"}
    # pandoc shows the metadata title and date, so the body repeats neither.
    assert body.lstrip().startswith("## Bottom line\n")
    assert "# Plan" not in body and "As of" not in body


def test_internal_errors_are_one_line_and_debug_adds_the_traceback(run, monkeypatch):
    import briefing.reading.loader

    def boom(*args, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(briefing.reading.loader, "load", boom)
    monkeypatch.setattr(briefing.reading.loader, "load_valid", boom)
    result = run("show")
    assert result.exit_code == 70
    assert result.stderr == (
        "briefing: internal error: RuntimeError: kaput; run again with --debug and report it\n"
    )
    debugged = run("--debug", "show")  # --debug adds the traceback, and keeps the exit code
    assert debugged.exit_code == 70
    assert "Traceback (most recent call last)" in debugged.stderr
    assert debugged.stderr.endswith(
        "briefing: internal error: RuntimeError: kaput; run again with --debug and report it\n"
    )


def _commands():
    return sorted(c.name for c in COMMANDS)


def test_the_typer_app_has_the_declared_commands():
    from typer.main import get_command

    from briefing.cli.runner import execute
    from briefing.cli.settings import Environment
    from briefing.cli.typerapp import build

    group = get_command(build(Environment(), execute))
    assert sorted(group.commands) == _commands()  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"briefing {command}" in result.stdout


def test_root_help_has_an_example(run):
    result = run("--help")
    assert result.exit_code == 0
    assert "Example: briefing show intelligence" in result.stdout
    for command in _commands():
        assert command in result.stdout


def test_format_choices_are_the_registry(run):
    for command in ("show", "validate", "config", "diff"):
        help_text = run(command, "--help").stdout
        assert "--format " + "|".join(choices_for(command)) in " ".join(help_text.split())
    assert choices_for("show") == tuple(f for f in FORMATS if f != "text")
    assert choices_for("validate") == choices_for("config") == ("text", "json")


def test_readme_error_example_is_what_the_tool_prints(run, monkeypatch):
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ briefing show --data docs/examples/mistakes.yaml\n")[1]
    expected = block.split("```")[0]
    monkeypatch.chdir(ROOT)
    result = run("show", "--data", "docs/examples/mistakes.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == expected


def test_debug_keeps_the_documented_exit_code_of_a_usage_error(run):
    result = run("--debug", "show", "--theme", "nope")
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("briefing: unknown theme `nope`")


def test_debug_as_a_search_word_is_not_the_option(run):
    result = run("show", "--search", "--debug", "--theme", "nope")
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_data_paths_come_from_the_environment_given_not_the_process(tmp_path):
    from briefing.cli import runner
    from briefing.cli.settings import Environment

    environ = {"BRIEFING_DATA": str(tmp_path / "nowhere")}  # the process has no such variable
    with CliRunner().isolation() as (_out, err, _both):
        code = runner.main(["list", "-f", "json"], Environment(environ, OutputOptions()))
        said = err.getvalue().decode()
    assert code == 1
    assert "(from BRIEFING_DATA)" in said


def test_the_size_cap_comes_from_the_environment_given(run):
    result = run("show", env={"BRIEFING_MAX_BYTES": "10"})
    assert result.exit_code == 1
    assert "larger than the 10-byte limit" in result.stderr


def test_the_configuration_file_is_read_once_a_run(run, monkeypatch, tmp_path):
    from briefing.cli import config

    (tmp_path / "config.toml").write_text("width = 90\n", encoding="utf-8")
    reads = []
    real = config.load_config
    monkeypatch.setattr(config, "load_config", lambda environ: reads.append(1) or real(environ))
    env = {"BRIEFING_CONFIG": str(tmp_path / "config.toml")}
    for argv in (["themes"], ["themes", "--help"], ["themes", "--nope"]):
        reads.clear()
        result = run(*argv, env=env)
        assert result.exit_code in (0, 2)
        assert len(reads) == 1, argv  # for the language of help and mistakes, and the run


def test_readme_names_the_options_that_go_before_or_after_the_command(run):
    from briefing.cli.declarations import GLOBAL_OPTIONS
    from tests.conftest import DEFAULT_FILE, ROOT

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    sentence = readme.split("Options that go before or after the command name: ")[1]
    named = set(re.findall(r"`(--[a-z-]+)`", sentence.split(" (`")[0]))
    declared = {flag for option in GLOBAL_OPTIONS for flag in option.flags}
    declared |= {option.negative for option in GLOBAL_OPTIONS if option.negative}
    assert named == declared
    # Each does go on either side: the same output before the command and after it.
    values = {
        "--lang": "fr",
        "--width": "60",
        "--color": "never",
        "--data": str(DEFAULT_FILE),
        "--briefing": "morocco-israel-work-plan-2026",
    }
    for flag in sorted(named):
        given = [flag, values[flag]] if flag in values else [flag]
        before, after = run(*given, "themes"), run("themes", *given)
        assert before.exit_code == after.exit_code == 0, (flag, before.stderr, after.stderr)
        assert before.stdout == after.stdout, flag
    # The options it says go before the command only are refused after it.
    for flag in ("--version", "--install-completion", "--show-completion"):
        assert f"`{flag}`" in readme
        assert run("themes", flag).exit_code == 2
