"""Terminal output: fits the width, colour only when wanted, data never drives the terminal."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from briefing.delivery.console import OutputOptions
from briefing.formats.terminal import render_briefing, render_themes
from briefing.reading.loader import parse
from tests.conftest import default_briefing, minimal


def plain(width: int = 80) -> OutputOptions:
    return OutputOptions(is_terminal=True, width=width, color=False)


@pytest.fixture(scope="module")
def default():
    return default_briefing()


@pytest.mark.parametrize("width", [20, 40, 63, 80, 132])
@pytest.mark.parametrize("render", [render_briefing, render_themes])
def test_no_line_wider_than_the_width(default, width, render):
    out = render(default, plain(width))
    widest = max(cell_len(line) for line in out.splitlines())
    assert widest <= width
    assert "\x1b" not in out


def test_colour_only_when_asked(default):
    coloured = render_briefing(default, OutputOptions(is_terminal=True, width=80, color=True))
    assert "\x1b[" in coloured
    assert "\x1b" not in render_briefing(default, plain())


def test_layout_has_every_part(default):
    out = render_briefing(default, plain(100))
    order = [
        "Morocco–Israel joint military work plan for 2026",
        "As of 2025 · Morocco (Moroccan armed forces) · Israel (Israeli armed forces)",
        "BOTTOM LINE",
        "OPERATIONAL PLANNING AND COORDINATION",
        "INTELLIGENCE",
        "According to: Israeli authorities",
        'Sources: article [F3], "Vers une coordination opérationnelle renforcée" ¶3',
        "WHAT WE DON’T KNOW",
        "TIMELINE",
        "GRADES",
        "F: reliability cannot be judged (source reliability)",
        "SOURCES",
    ]
    positions = [out.index(text) for text in order]
    assert positions == sorted(positions)
    # Every item's grades in words; an assessment says so, with its confidence.
    assert out.count("Credibility: ") == len(default.items)
    assert out.count("Assessment · Confidence: ") == sum(i.assessment for i in default.items) > 0
    assert all(line == line.rstrip(" ") for line in out.splitlines()), "no trailing blanks"


def hostile(**fields):
    data = minimal(**fields)
    return parse(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "t.yaml")


def test_markup_and_emoji_codes_stay_literal():
    brief = hostile(title="[bold red]Not markup[/] :smile: :warning:")
    out = render_briefing(brief, plain())
    assert "[bold red]Not markup[/] :smile: :warning:" in out
    assert "😄" not in out


@pytest.mark.parametrize("color", [False, True])
def test_control_characters_are_shown_not_sent(color):
    brief = hostile(
        title="Title \x1b]0;pwned\x07 \x1b[2J",
        summary="CSI \x9b31m, DEL \x7f, RLO \u202eevil\u202c and NEL \x85 end",
    )
    out = render_briefing(brief, OutputOptions(is_terminal=True, width=80, color=color))
    for raw in ("\x1b]", "\x1b[2J", "\x07", "\x9b", "\x7f", "\u202e", "\u202c", "\x85"):
        assert raw not in out
    assert "\\x1b]0;pwned\\x07" in out
    assert "\\x9b31m" in out and "\\u202eevil\\u202c" in out


@given(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60),
    st.integers(min_value=20, max_value=120),
)
@settings(max_examples=60, deadline=None)
def test_any_text_no_escape_byte_and_fits(text, width):
    data = minimal()
    data["title"] = text if text.strip() else "x"
    data["items"][0]["summary"] = text if text.strip() else "x"
    data["items"][0]["attribution"] = text if text.strip() else "x"
    data["themes"][2]["description"] = text if text.strip() else "x"
    brief = parse(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "t.yaml")
    for render in (render_briefing, render_themes):
        out = render(brief, plain(width))
        assert "\x1b" not in out and "\x9b" not in out
        assert max(cell_len(line) for line in out.splitlines()) <= width


def test_output_options_detect_environment(tmp_path):
    from briefing.cli.settings import Environment, resolve

    class Tty:
        def isatty(self):
            return True

        def fileno(self):
            raise OSError

    class Pipe:
        def isatty(self):
            return False

    def output(stream, environ):
        environ = {"XDG_CONFIG_HOME": str(tmp_path), **environ}  # no configuration file
        return resolve({}, Environment(environ=environ, stdout=stream)).output

    assert output(Pipe(), {}) == OutputOptions(False, 80, False)
    assert output(Tty(), {"COLUMNS": "100"}).color is True
    assert output(Tty(), {"COLUMNS": "100"}).width == 100
    assert output(Tty(), {"NO_COLOR": "1"}).color is False
    assert output(Tty(), {"TERM": "dumb"}).color is False
    assert output(Pipe(), {"FORCE_COLOR": "1"}).color is True
