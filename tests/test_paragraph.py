"""Long paragraphs in the terminal: rendered line by line, and exactly as rich wraps them."""

from __future__ import annotations

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text

from briefing.formats import terminalparts
from briefing.formats.terminalparts import Paragraph, one_cell_breaks


def printed(renderable, width: int, color: bool = False) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )
    console.print(renderable)
    return "\n".join(line.rstrip(" ") for line in console.file.getvalue().split("\n"))


def test_every_character_of_the_fast_path_takes_one_cell():
    ranges = re.findall(r"(.)-(.)|(.)", terminalparts._ONE_CELL.pattern.split("]")[0][1:])
    assert ranges
    for low, high, single in ranges:
        first, last = (low, high) if low else (single, single)
        for code in range(ord(first), ord(last) + 1):
            assert cell_len(chr(code)) == 1, hex(code)


WORD = st.text(st.sampled_from([*"abcdéωЖ—-.,'\"x1", "漢", "\u0301"]), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=40), st.integers(1, 60), st.booleans())
def test_a_paragraph_is_wrapped_exactly_as_rich_wraps_it(words, width, styled):
    text = " ".join(words)
    style = "bold" if styled else ""
    expected = printed(Padding(Text(text, style=style), (0, 0, 1, 0)), width, color=True)
    assert printed(Padding(Paragraph(text, style=style), (0, 0, 1, 0)), width, True) == expected
    assert printed(Group(Paragraph(text, style=style)), width, True) == printed(
        Text(text, style=style), width, True
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=40), st.integers(1, 60), st.data())
def test_a_highlighted_paragraph_is_wrapped_as_rich_wraps_it(words, width, data):
    text = " ".join(words)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    plain, fast = Text(text, style="italic"), Paragraph(text, style="italic")
    for shown in (plain, fast):
        shown.stylize("black on yellow", start, end)
    assert printed(Group(fast), width, True) == printed(plain, width, True)


def test_breaks_are_found_a_line_at_a_time():
    assert one_cell_breaks("aaa bbb ccc", 7) == [8]
    assert one_cell_breaks("aaaaaaaaaa b", 4) == [4, 8]  # a long word is folded
    assert one_cell_breaks("漢字 x", 4) is None  # wide characters: rich measures them
    assert one_cell_breaks("two  spaces", 4) is None
