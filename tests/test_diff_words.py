"""A changed text on a terminal: words in colour when colour is on, marked when it is off."""

from __future__ import annotations

import re

import pytest

from briefing.delivery.console import OutputOptions
from tests.conftest import minimal

PIPED = OutputOptions(width=80)
COLOUR = OutputOptions(is_terminal=True, width=80, color=True)
# The only sequences the diff writes: a removed run (struck, red), an added one (green), reset.
REMOVED, ADDED, RESET = "\x1b[9;31m", "\x1b[32m", "\x1b[0m"
SGR = re.compile(r"\x1b\[[0-9;]*m")


def editions(write, old: str, new: str):
    return (
        write(minimal(summary=old), "old.yaml"),
        write(minimal(summary=new, as_of="2026-02"), "new.yaml"),
    )


def summary_lines(text: str) -> list[str]:
    """The lines of the bottom line's change, from its label to the next field."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if "bottom line" in line)
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("        "))
    return lines[start:end]


def test_without_colour_the_words_are_marked_as_git_does(run, write):
    old, new = editions(write, "The plan was signed.", "The plan was signed and filed.")
    result = run("diff", str(old), str(new), "--format", "terminal", options=PIPED)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    (line,) = summary_lines(result.stdout)
    assert line.endswith("The plan was [-signed.-]{+signed and filed.+}")


def test_with_colour_removed_is_red_struck_and_added_green_without_markers(run, write):
    old, new = editions(write, "The plan was signed.", "The plan was signed and filed.")
    result = run("diff", str(old), str(new), "--format", "terminal", options=COLOUR)
    assert result.exit_code == 0
    (line,) = summary_lines(result.stdout)
    assert line.endswith(f"The plan was {REMOVED}signed.{RESET}{ADDED}signed and filed.{RESET}")
    assert "[-" not in result.stdout and "{+" not in result.stdout


def test_colour_wraps_as_the_plain_words_do_and_colours_each_line_apart(run, write):
    words = " ".join(f"word{n}" for n in range(40))
    old, new = editions(write, "Kept. " + words, "Kept. Now " + words.upper())
    coloured = summary_lines(
        run("diff", str(old), str(new), "--format", "terminal", options=COLOUR).stdout
    )
    plain = [SGR.sub("", line) for line in coloured]
    assert len(plain) > 2
    assert all(len(line) <= 80 for line in plain)
    # Every line but the first carries its share of the change, opened and closed on it.
    for line in coloured[1:]:
        assert line.strip().startswith((REMOVED, ADDED)) and line.endswith(RESET)
    # Without the colour the words read in order: what was there, then what replaced it.
    joined = " ".join(line.strip() for line in plain)
    assert joined.endswith("Kept. " + words + "Now " + words.upper())


HOSTILE = "Plain [bold red]markup[/] :smile: \x1b[2J {+fake+} [-fake-] \u202e end"


@pytest.mark.parametrize("options", [PIPED, COLOUR], ids=["plain", "colour"])
def test_data_in_a_changed_text_stays_text(run, write, options):
    old, new = editions(write, HOSTILE + " old", HOSTILE + " [green]new[/green]")
    result = run("diff", str(old), str(new), "--format", "terminal", options=options)
    assert result.exit_code == 0
    text = result.stdout
    # The data's markup, emoji codes and markers are shown as written; its controls as escapes.
    for shown in ("[bold red]markup[/]", ":smile:", "{+fake+} [-fake-]", "[green]new[/green]"):
        assert shown in text
    assert "\\x1b[2J" in text and "\\u202e" in text
    # The only escape sequences are the diff's own colours, and only with colour on.
    sequences = re.findall(r"\x1b[^m]*m?", text)
    if options.color:
        assert sequences and set(sequences) <= {REMOVED, ADDED, RESET}
        assert f"{REMOVED}old{RESET}{ADDED}[green]new[/green]{RESET}" in text
    else:
        assert sequences == []
        assert "[-old-]{+[green]new[/green]+}" in text
