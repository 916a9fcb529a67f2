"""Plain lines: the reports of `validate` (FILE:LINE:COL: problem) and `config` (a table)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.formats import Renderer
from briefing.i18n import _
from briefing.text import one_line

if TYPE_CHECKING:
    from briefing.cli.settings import Origin
    from briefing.delivery.console import OutputOptions
    from briefing.reading.audit import Report


def render_report(report: Report, options: OutputOptions) -> str:
    """Every problem, each warning not acknowledged, each valid file, what is left; a summary."""
    lines = [one_line(str(p)) for p in report.problems]
    lines += [one_line(str(w)) for w in report.warned or () if not w.acknowledged]
    if not report.problems:
        ok = _("ok")
        lines += [
            f"{one_line(origin)}: {ok} ({one_line(ident)})" for origin, ident in report.checked
        ]
    lines += [one_line(note) for note in report.notes]
    if report.warned is not None or report.tally is not None:
        from briefing.reading.audit import summary_line

        lines.append(
            summary_line(len(report.files), len(report.problems), report.warned, report.tally)
        )
    return "".join(line + "\n" for line in lines)


def render_config(origins: Sequence[Origin], options: OutputOptions) -> str:
    """One setting a line: its name, its value and, in brackets, where it comes from."""
    # Each setting under the name the configuration file (and JSON) gives it, in any
    # language: the name to write in the file is the name shown.
    labels = [o.setting for o in origins]
    values = [one_line(o.value) for o in origins]
    first = max(len(label) for label in labels) + 2
    second = max(len(value) for value in values) + 2
    lines = [
        f"{label:<{first}}{value:<{second}}({one_line(o.source)})"
        for label, value, o in zip(labels, values, origins, strict=True)
    ]
    return "\n".join(lines) + "\n"


RENDERER = Renderer(report=render_report, config=render_config)
