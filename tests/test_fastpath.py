"""The fast parser and the Typer app read command lines from one declaration and agree."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.cli.declarations import COMMANDS, GLOBAL_OPTIONS, options_of
from briefing.cli.parse import read
from briefing.delivery.console import OutputOptions
from tests.conftest import ROOT

PLAIN = OutputOptions(is_terminal=True, width=72, color=False)
MISTAKES = str(ROOT / "docs" / "examples" / "mistakes.yaml")
SMALL = str(ROOT / "tests" / "data" / "small-2027.yaml")

# Plain command lines: the fast parser reads them; the `run` fixture also runs
# them through the Typer app and fails on any difference.
TAKEN = [
    ["show"],
    ["show", "--format", "json"],
    ["show", "-f", "markdown", "--front-matter"],
    ["show", "-t", "intel", "--theme", "logistique", "--format=json"],
    ["show", "intelligence", "logistics", "-f", "md"],
    ["show", "--search", "securite", "--data", SMALL],
    ["show", "--width", "30"],
    ["show", "--lang", "fr", "-t", "logistique"],
    ["--lang", "fr", "show", "-t", "logistique"],
    ["--lang=fr", "timeline", "--data", SMALL],
    ["--data", SMALL, "show", "--data", str(ROOT / "data")],
    ["--debug", "themes", "-f", "JSON"],
    ["themes", "--no-pager"],
    ["timeline", "-f", "json"],
    ["sources", "--theme", "diplomacy"],
    ["list", "--format", "json"],
    ["validate"],
    ["validate", MISTAKES, "--format", "json"],
    ["schema"],
    ["schema", "--output-of", "show"],
    ["schema", "--output-of=validate"],
    ["show", "--theme", "nope"],
    ["show", "--briefing", "other"],
    ["show", "--data", "/nonexistent/briefing.yaml"],
    ["--lang", "de", "show"],
    ["show", "--format", "xml"],
    ["show", "--width", "5"],
    ["show", "--width", "wide"],
    ["show", "--width", "٨٠"],
    ["themes", "--width", "８０"],
    ["schema", "--output-of", "nope"],
    ["schema", "--output-of", "show"],
    ["watch", "--as-of", "2026-06-30", "--within", "12w", "-f", "json"],
    ["watch", "--as-of=2026", "--since", "2025", "--exit-code", "intelligence"],
    ["watch", "--as-of", "2026-02-30"],
    ["timeline", "--format", "ics"],
    ["themes", "--format", "ics"],
]


@pytest.mark.parametrize("argv", TAKEN, ids=[" ".join(a) for a in TAKEN])
def test_plain_command_lines_take_the_fast_path_and_agree(run, argv):
    assert read(argv) is not None
    result = run(*argv, options=PLAIN)  # compares both paths
    assert result.fast


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["show", "--help"],
        ["show", "-h"],
        ["show", "--unknown"],
        ["show", "--theme"],
        ["themes", "extra-argument"],
        ["--version"],
        ["-V"],
        ["--install-completion"],
        ["nosuchcommand"],
        ["show", "--pager="],
        ["show", "--front-matter=", "-f", "markdown"],
        ["show", "-t=intel"],
        ["show", "--", "intel"],
        ["--theme", "intel", "show"],
    ],
)
def test_everything_else_goes_to_typer(run, argv):
    assert read(argv) is None
    result = run(*argv, options=PLAIN)
    assert not result.fast


@pytest.mark.parametrize("argv", [["-h"], ["--help"], ["show", "-h"], ["show", "--help"]])
def test_every_help_flag_shows_the_help(run, argv):
    result = run(*argv, options=PLAIN)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Usage: briefing")


def test_completion_goes_to_typer():
    assert read(["show"], {"_BRIEFING_COMPLETE": "complete_bash"}) is None


def test_every_declared_option_is_read_by_the_fast_parser():
    for command in COMMANDS:
        for option in options_of(command):
            words = [command.name, option.flags[-1]]
            if option.takes_value:
                words.append("x")
            if command.argument is not None and not command.argument.many:
                words.append("word")
            invocation = read(words)
            assert invocation is not None, words
            assert option.name in invocation.given


def test_global_options_are_read_before_the_command_too():
    for option in GLOBAL_OPTIONS:
        words = [option.flags[0], *(["x"] if option.takes_value else []), "show"]
        invocation = read(words)
        assert invocation is not None and option.name in invocation.root


# Words a user might type: every declared flag and command name, values of each
# kind, and a few that are none of these.
# (--debug is left out: the tracebacks it adds name each path's own frames.)
_FLAGS = sorted(
    {f for c in COMMANDS for o in options_of(c) for f in (*o.flags, o.negative or o.flags[0])}
    - {"--debug"}
)
_VALUES = ["json", "md", "fr", "30", "5", "x", "-", "intel", "logistique", "", "-1", "=", "a b"]
_WORDS = st.sampled_from(
    [c.name for c in COMMANDS] + _FLAGS + _VALUES + [f + "=json" for f in _FLAGS[:6]]
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_WORDS, max_size=6))
def test_generated_command_lines_agree_on_both_paths(run, words):
    result = run(*words, options=PLAIN, env={"BRIEFING_DATA": SMALL})  # compares both paths
    assert result.exit_code in (0, 1, 2)


def test_a_bad_option_value_is_told_in_the_language_asked_for(run):
    result = run("show", "--width", "abc", "--lang", "fr", options=PLAIN)
    assert result.exit_code == 2
    assert result.stderr.startswith("briefing: --width attend un nombre entier, et non `abc`")
