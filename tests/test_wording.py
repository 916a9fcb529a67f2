"""Habits and wording: colour through a pipe, and what the configuration file calls a setting."""

from __future__ import annotations

import json


def test_color_always_keeps_colour_and_the_terminal_layout_through_a_pipe(run):
    piped = run("show")  # the runner's default output is a pipe, without colour
    assert piped.stdout.startswith("# ") and "\x1b[" not in piped.stdout
    coloured = run("--color", "always", "show")
    assert "\x1b[" in coloured.stdout and "BOTTOM LINE" in coloured.stdout
    # A format asked for still wins: colour does not turn Markdown into a terminal layout.
    assert run("--color", "always", "show", "-f", "md").stdout.startswith("# ")
    assert run("--color", "never", "show").stdout.startswith("# ")


def test_config_names_each_setting_as_the_configuration_file_does(run, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('color = "always"\nstrict_data = false\n', encoding="utf-8")
    shown = run("config", "-f", "json", env={"BRIEFING_CONFIG": str(config)})
    settings = {s["setting"]: s for s in json.loads(shown.stdout)["settings"]}
    assert settings["color"]["source"] == f"{config}:1"
    assert settings["strict_data"]["source"] == f"{config}:2"
    text = run("config", env={"BRIEFING_CONFIG": str(config)}).stdout
    assert "\ncolor " in text and "colour" not in text and "\npager_command " in text
    french = run("--lang", "fr", "config", env={"BRIEFING_CONFIG": str(config)}).stdout
    assert "\ncolor " in french and "couleur" not in french


def test_a_commands_option_before_the_command_says_where_it_goes(run):
    cases = {
        ("--format", "json", "show"): "--format is an option of show: briefing show --format json",
        (
            "--format=md",
            "timeline",
        ): "--format is an option of timeline: briefing timeline --format=md",
        (
            "--exit-code",
            "diff",
            "a",
            "b",
        ): "--exit-code is an option of diff: briefing diff --exit-code",
        ("--front-matter",): (
            "--front-matter is an option of show, given after the command: "
            "briefing show --front-matter"
        ),
    }
    for words, message in cases.items():
        result = run(*words)
        assert result.exit_code == 2 and result.stderr == f"briefing: {message}\n", words
    # An option no command has is still unknown, with a suggestion.
    unknown = run("--nope", "show")
    assert unknown.exit_code == 2 and "unknown option --nope" in unknown.stderr
    french = run("--lang", "fr", "--format", "json", "show")
    assert "--format est une option de show : briefing show --format json" in french.stderr
