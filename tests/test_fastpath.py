"""The fast path and Typer's parser give the same results for the same command lines."""

from __future__ import annotations

import pytest

from briefing.cli import State
from briefing.fastcli import run_fast
from briefing.output import OutputOptions
from tests.conftest import ROOT

PLAIN = OutputOptions(is_terminal=True, width=72, color=False)
MISTAKES = str(ROOT / "docs" / "examples" / "mistakes.yaml")
SMALL = str(ROOT / "tests" / "data" / "small-2027.yaml")

SAME = [
    ["show"],
    ["show", "--format", "json"],
    ["show", "-f", "markdown", "--front-matter"],
    ["show", "-t", "intel", "--theme", "logistique", "--format=json"],
    ["show", "--search", "securite", "--data", SMALL],
    ["show", "--width", "30"],
    ["--lang", "fr", "show", "-t", "logistique"],
    ["--lang=fr", "timeline", "--data", SMALL],
    ["--debug", "themes", "-f", "json"],
    ["themes"],
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
]


@pytest.mark.parametrize("argv", SAME, ids=[" ".join(a) for a in SAME])
def test_fast_path_matches_typer(run, capsys, argv):
    code = run_fast(list(argv), State(output=PLAIN))
    fast = capsys.readouterr()
    assert code is not None, "the fast path should take this command line"
    typer_result = run(*argv, options=PLAIN)
    assert (code, fast.out, fast.err) == (
        typer_result.exit_code,
        typer_result.stdout,
        typer_result.stderr,
    )


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["show", "--help"],
        ["show", "-h"],
        ["show", "--unknown"],
        ["show", "--format", "xml"],
        ["show", "--width", "5"],
        ["show", "--width", "wide"],
        ["show", "--theme"],
        ["show", "extra-argument"],
        ["--version"],
        ["--install-completion"],
        ["nosuchcommand"],
        ["show", "--pager="],
        ["show", "--front-matter=", "-f", "markdown"],
        ["show", "--width", "٨٠"],
        ["themes", "--width", "８０"],
        ["schema", "--output-of", "nope"],
    ],
)
def test_everything_else_goes_to_typer(argv):
    assert run_fast(list(argv), State(output=PLAIN)) is None
