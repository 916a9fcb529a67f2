"""The diff on a terminal: a symbol and a word for each change, words struck and added in colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len

from briefing.delivery.console import OutputOptions
from briefing.i18n import _
from briefing.text import one_line

if TYPE_CHECKING:
    from briefing.commands.diff import Diff


def _marked(words: tuple[tuple[str, str], ...]) -> str:
    """Words with what was removed `[-so-]` and added `{+so+}`, as `git diff --word-diff`."""
    return _worded(words, {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"})[0]


# A removed run and an added one in colour, as `git diff --word-diff=color` shows them
# (struck through as well, so the change reads without telling red from green).
WORD_STYLES = {"-": "red strike", "+": "green"}


def _worded(
    words: tuple[tuple[str, str], ...], forms: dict[str, str]
) -> tuple[str, list[tuple[int, int, str]]]:
    """The words on one line, each run in its form, and where each changed run lies."""
    out, spans = "", []
    for n, (kind, text) in enumerate(words):
        piece = forms[kind].format(one_line(text))
        # A removal and the addition that replaces it stand together, as in git.
        glued = kind == "+" and n > 0 and words[n - 1][0] == "-"
        out += piece if not out or glued else " " + piece
        if kind != "=":
            spans.append((len(out) - len(piece), len(out), kind))
    return out, spans


def _coloured_words(
    words: tuple[tuple[str, str], ...], width: int, first: str, indent: str
) -> list[str]:
    """Changed words wrapped as the plain ones are, the changed runs in colour, not marked.

    The text is wrapped first, then each line's share of each changed run is
    styled; the data is never read as markup, and `one_line` has made its
    control characters visible, so only these styles reach the terminal.
    """
    from rich.color import ColorSystem
    from rich.style import Style

    from briefing.formats.difftext import wrap

    plain, spans = _worded(words, {"=": "{}", "-": "{}", "+": "{}"})
    styles = {kind: Style.parse(WORD_STYLES[kind]) for kind in WORD_STYLES}
    out, position = [], 0
    for number, line in enumerate(wrap(plain, width, first, indent)):
        prefix = first if number == 0 else indent
        content = line[len(prefix) :]
        while plain.startswith(" ", position):  # the space a line break took
            position += 1
        start, end = position, position + len(content)
        shown, at = line[: len(prefix)], start
        for left, right, kind in spans:
            left, right = max(left, start), min(right, end)
            if left >= right:
                continue
            shown += plain[at:left]
            shown += styles[kind].render(plain[left:right], color_system=ColorSystem.STANDARD)
            at = right
        out.append(shown + plain[at:end])
        position = end
    return out


def render_diff(d: Diff, options: OutputOptions) -> str:
    """Plain lines with a symbol AND a word for each change, wrapped to the width.

    A wrapped line continues under its text, after the symbol and word, as in
    the other terminal views; a changed text marks its words as git does: in
    colour when colour is on (removed red and struck through, added green),
    else between `[-…-]` and `{+…+}`.
    """
    from briefing.formats.difftext import sections, title, wrap

    width = options.width
    out = wrap(one_line(title(d)), width)
    if d.theme_titles:
        themes = _("Themes: {themes}").format(themes=", ".join(d.theme_titles))
        out += wrap(one_line(themes), width)
    out.append("")
    for heading, lines in sections(d):
        out += wrap(one_line(heading.upper()), width)
        for line in lines:
            word = one_line(_("{label}:").format(label=line.word))
            out += wrap(one_line(line.text), width, f"  {line.symbol} {word} ", "    ")
            for row in line.detail:
                label = one_line(_("{label}:").format(label=row.label))
                first = f"      {label} "
                # Values continue under themselves, unless the label takes half the line.
                indent = " " * min(cell_len(first), width // 2)
                if row.words and options.color:
                    out += _coloured_words(row.words, width, first, indent)
                    continue
                if row.words:
                    out += wrap(_marked(row.words), width, first, indent)
                    continue
                out += wrap(one_line(row.old), width, first, indent)
                if row.new is not None:
                    arrow = " " * (cell_len(first) - 2) + "→ "
                    out += wrap(one_line(row.new), width, arrow, indent)
        out.append("")
    if d.empty:
        out += [*wrap(_("No differences."), width), ""]
    return "\n".join(out).rstrip("\n") + "\n"
