"""The reader and Typer's app read command lines from one declaration and agree.

Every command line runs through the reader (`briefing.cli.parse`); Typer's
app is built from the same declarations for shell completion. Here both read
the same words, plain or mistaken, from a list and from a corpus generated
from the declarations, and must find the same command and values, the same
help, or both a mistake.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

from briefing.cli.declarations import COMMANDS, options_of
from briefing.cli.options import GLOBAL_OPTIONS
from briefing.cli.parse import Handover, Invocation, read
from briefing.cli.settings import Environment
from briefing.cli.typerapp import build
from briefing.delivery.console import OutputOptions
from briefing.errors import UsageError
from tests.conftest import ROOT

PLAIN = OutputOptions(is_terminal=True, width=72, color=False)
MISTAKES = str(ROOT / "docs" / "examples" / "mistakes.yaml")
SMALL = str(ROOT / "tests" / "data" / "small-2027.yaml")

# Plain command lines: a command to run.
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


def _values(values):
    return {k: list(v) if isinstance(v, list | tuple) else v for k, v in values.items() if v != ()}


def ours(argv):
    """What the reader makes of the words: a command with its words, a handover, or a mistake."""
    try:
        reading = read(argv, {})
    except UsageError as exc:
        assert exc.exit_code == 2
        return ("mistake",)
    if isinstance(reading, Handover):
        if reading.action == "help":
            return ("help", reading.command.name if reading.command else None)
        return (reading.action,)
    assert isinstance(reading, Invocation)
    return ("run", reading.command.name, _values(reading.root), _values(reading.given))


_CALLS: list = []


def _capture(name, root, given, environment):
    _CALLS.append((name, root, given))
    return 0


# Built once: each reading makes its own contexts, so one app serves every command line.
_APP = get_command(build(Environment(environ={}), _capture))


def typers(argv):
    """What Typer's app makes of the same words, its commands stopped before they run."""
    calls, app = _CALLS, _APP
    calls.clear()
    with CliRunner().isolation() as (out, _err, _both):
        try:
            app.main(args=list(argv), prog_name="briefing", standalone_mode=False)
        except Exception as exc:  # click's usage errors carry their exit code
            if getattr(exc, "exit_code", None) == 2:
                return ("mistake",)
            raise
        printed = out.getvalue().decode()
    if calls:
        name, root, given = calls[0]
        return ("run", name, _values(root), _values(given))
    if printed.startswith("Usage: briefing"):
        word = printed.split()[2]
        return ("help", None if word == "[OPTIONS]" else word)
    assert printed.startswith("briefing "), printed
    return ("version",)


@pytest.mark.parametrize("argv", TAKEN, ids=[" ".join(a) for a in TAKEN])
def test_plain_command_lines_are_read_alike(argv):
    assert isinstance(read(argv, {}), Invocation)
    assert ours(argv) == typers(argv)


# Help, the version, mistakes, and the words Typer's parser reads its own way.
UNUSUAL = [
    ["--help"],
    ["show", "--help"],
    ["show", "-h"],
    ["--help", "show", "--nope"],
    ["show", "--nope", "--help"],
    ["show", "--theme", "--help"],
    ["migrate", "--help"],
    ["themes", "extra", "-h"],
    ["-hV"],
    ["-Vh"],
    ["--version"],
    ["-V"],
    ["-V", "show", "--nope"],
    ["show", "--version"],
    ["show", "--unknown"],
    ["show", "--theme"],
    ["themes", "extra-argument"],
    ["nosuchcommand"],
    ["--lang", "fr"],
    ["--lang"],
    ["show", "--pager="],
    ["show", "--front-matter=", "-f", "markdown"],
    ["show", "-t=intel"],
    ["show", "-tintel", "-fjson"],
    ["show", "-tx", "-s"],
    ["show", "-ht"],
    ["show", "-x"],
    ["show", "-1"],
    ["show", "--", "intel", "--theme"],
    ["--", "show"],
    ["--", "--version"],
    ["--", "-h", "show"],
    ["--", "--nope"],
    ["--", "-", "--help"],
    ["show", "--theme", "--", "x"],
    ["--theme", "intel", "show"],
    ["migrate"],
    ["migrate", "a", "b"],
    ["migrate", "--", "-"],
    ["diff", "a", "b", "c"],
    ["show", "--no-pager", "--lang=", "-"],
    ["--debug=3", "show"],
    ["-", "show"],
    [""],
]


@pytest.mark.parametrize("argv", UNUSUAL, ids=[" ".join(a) for a in UNUSUAL])
def test_unusual_command_lines_are_read_alike(argv):
    assert ours(argv) == typers(argv)


def test_the_comparison_sees_a_difference():
    # A comparison that could not fail would prove nothing.
    assert typers(["show", "-t", "a"]) != typers(["show", "-t", "b"])
    assert typers(["show", "--nope"]) == ("mistake",) != typers(["show"])
    assert typers(["show", "-h"]) == ("help", "show")


@pytest.mark.parametrize("argv", [["-h"], ["--help"], ["show", "-h"], ["show", "--help"]])
def test_every_help_flag_shows_the_help(run, argv):
    result = run(*argv, options=PLAIN)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Usage: briefing")


def test_bare_briefing_shows_the_help_as_a_usage_error(run):
    result = run(options=PLAIN)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Usage: briefing [OPTIONS] COMMAND")


def test_completion_goes_to_typer():
    assert read(["show"], {"_BRIEFING_COMPLETE": "complete_bash"}) == Handover("completion")
    assert read(["--install-completion"], {}) == Handover("completion")


@pytest.mark.parametrize(
    ("words", "offered"),
    [("briefing sh", ["show"]), ("briefing show --theme lo", ["logistics", "logistique"])],
)
def test_shell_completion_offers_the_declared_words(run, words, offered):
    cword = str(len(words.split()) - 1)
    env = {"_BRIEFING_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
    result = run(env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == offered


def test_every_declared_option_is_read():
    for command in COMMANDS:
        for option in options_of(command):
            words = [command.name, option.flags[-1]]
            if option.takes_value:
                words.append("x")
            if command.argument is not None and not command.argument.many:
                words.append("word")
            invocation = read(words, {})
            assert isinstance(invocation, Invocation), words
            assert option.name in invocation.given


def test_global_options_are_read_before_the_command_too():
    for option in GLOBAL_OPTIONS:
        words = [option.flags[0], *(["x"] if option.takes_value else []), "show"]
        invocation = read(words, {})
        assert isinstance(invocation, Invocation) and option.name in invocation.root


# Words a user might type: every declared flag and command name, values of each
# kind, short options run together, and a few words that are none of these.
_FLAGS = sorted(
    {f for c in COMMANDS for o in options_of(c) for f in (*o.flags, o.negative or o.flags[0])}
    | {"--help", "-h", "--version", "-V"}
)
_VALUES = ["json", "md", "fr", "30", "5", "x", "-", "intel", "logistique", "", "-1", "=", "a b"]
_CLUSTERS = ["-hV", "-tintel", "-t=x", "-fjson", "-ts", "-Vx", "--", "-x"]
_WORDS = st.sampled_from(
    [c.name for c in COMMANDS] + _FLAGS + _VALUES + _CLUSTERS + [f + "=json" for f in _FLAGS[:8]]
)


def _words_of(options):
    """The words of some options: their flags, short ones run together or with values attached."""
    flags = sorted({f for o in options for f in (*o.flags, o.negative or o.flags[0])})
    short = [f for f in flags if len(f) == 2]
    attached = [f + v for f in short for v in ("x", "=x", "json", "h")]
    joined = [f + "=" + v for f in flags if f.startswith("--") for v in ("", "x")]
    return flags + short + attached + joined + ["-h", "--help", "--", "-", "-x", "--nope"]


_ROOT_WORDS = st.sampled_from([*_words_of(GLOBAL_OPTIONS), "-V", "-hV", "-Vh", *_VALUES])


@st.composite
def _command_lines(draw):
    """Options before a command, the command (or not quite), then words the command knows."""
    root = draw(st.lists(_ROOT_WORDS, max_size=3))
    command = draw(st.sampled_from(COMMANDS))
    name = draw(st.sampled_from([command.name] * 6 + ["", "shw", "-"]))
    tail = st.sampled_from(_words_of(options_of(command)) + _VALUES)
    return [*root, name, *draw(st.lists(tail, max_size=6))]


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.lists(_WORDS, min_size=1, max_size=7), _command_lines()))
def test_generated_command_lines_are_read_alike(words):
    assert ours(words) == typers(words)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_WORDS, max_size=6))
def test_generated_command_lines_end_in_a_documented_exit(run, words):
    result = run(*words, options=PLAIN, env={"BRIEFING_DATA": SMALL})
    assert result.exit_code in (0, 1, 2), result.stderr
    if "--debug" not in words:  # --debug asks for the traceback of any error, by design
        assert "Traceback" not in result.stderr


def test_a_bad_option_value_is_told_in_the_language_asked_for(run):
    result = run("show", "--width", "abc", "--lang", "fr", options=PLAIN)
    assert result.exit_code == 2
    assert result.stderr.startswith("briefing: --width attend un nombre entier, et non `abc`")
