"""What each command does: load, choose, narrow, render, deliver — testable without the CLI.

Each command is a function of the run's settings and its own converted
option values; it returns an exit code (None for success) or raises a
BriefingError. Heavy modules are imported inside the functions, so a
command pays only for what it uses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .errors import EXIT_DATA

if TYPE_CHECKING:
    from .formats import Renderer
    from .model import Briefing
    from .output import OutputOptions
    from .settings import Settings

View = Callable[["Renderer"], Callable[["Briefing", "OutputOptions"], str]]


def report(lines: Sequence[str]) -> None:
    """Write notices or problems to stderr, one line each, prefixed with the program name.

    Messages quote data, so they are made visible and single-line like any data text.
    """
    import sys

    from .text import one_line

    sys.stderr.write("".join(f"briefing: {one_line(line)}\n" for line in lines))
    sys.stderr.flush()


def narrowed(settings: Settings, themes: Sequence[str], search: str | None = None) -> Briefing:
    """Load, pick one briefing, and narrow it to the themes and search text asked for."""
    from .choosing import choose
    from .filter import narrow, resolve_themes
    from .loader import load

    picked = choose(
        load(settings.data),
        settings.briefing,
        settings.language if settings.language_asked else None,
    )
    if picked.notice:
        report([picked.notice])
    chosen = picked.briefing
    return narrow(chosen, resolve_themes(chosen, list(themes), picked.translations), search)


def output_format(chosen: str | None, options: OutputOptions, target: str | None = None) -> str:
    """The format asked for; else the output file's suffix; else terminal or markdown."""
    if chosen is not None:
        return chosen
    if target is not None:
        from pathlib import Path

        from .formats import for_suffix

        return for_suffix(Path(target).suffix) or "markdown"
    return "terminal" if options.is_terminal else "markdown"


def deliver(text: str, settings: Settings) -> None:
    """Print the output: through the pager when it is taller than the terminal, else to stdout."""
    if settings.pager:
        import sys

        from .output import terminal_height

        # As less -F would: output that fits on the screen is printed, not paged.
        if text.count("\n") >= terminal_height(sys.stdout, settings.environ):
            from .writing import to_pager

            notice = to_pager(text, settings.pager_command, settings.environ)
            if notice:
                report([notice])
            return
    from .writing import to_stdout

    to_stdout(text)


def show(
    settings: Settings,
    theme: Sequence[str] = (),
    words: Sequence[str] = (),
    search: str | None = None,
    format: str | None = None,
    front_matter: bool = False,
    output: str | None = None,
) -> None:
    """Show the whole briefing, or only some themes or what matches a search."""
    from .formats import get

    briefing = narrowed(settings, [*theme, *words], search)
    options = replace(settings.output, front_matter=front_matter)
    if output is not None:
        options = replace(options, is_terminal=False, color=False)
    text = get(output_format(format, options, output)).render_briefing(briefing, options)
    if output is None:
        deliver(text, settings)
        return
    from .files import files_of
    from .writing import to_file

    to_file(text, output, protected=[f for f in files_of(settings.data) if f != "-"])


def _view(
    settings: Settings,
    view: View,
    theme: Sequence[str],
    words: Sequence[str],
    search: str | None,
    format: str | None,
) -> None:
    """Narrow the chosen briefing and print one of its views."""
    from .formats import get

    briefing = narrowed(settings, [*theme, *words], search)
    render = view(get(output_format(format, settings.output)))
    deliver(render(briefing, settings.output), settings)


def timeline(
    settings: Settings,
    theme: Sequence[str] = (),
    words: Sequence[str] = (),
    search: str | None = None,
    format: str | None = None,
) -> None:
    """Show the dated events in order, along a time axis on a terminal."""
    _view(settings, lambda r: r.render_timeline, theme, words, search, format)


def sources(
    settings: Settings,
    theme: Sequence[str] = (),
    words: Sequence[str] = (),
    search: str | None = None,
    format: str | None = None,
) -> None:
    """Show each source with the items and timeline entries that cite it, and where."""
    _view(settings, lambda r: r.render_sources, theme, words, search, format)


def themes(settings: Settings, format: str | None = None) -> None:
    """List the themes, what each covers and how many items it has."""
    _view(settings, lambda r: r.render_themes, (), (), None, format)


def list_briefings(settings: Settings, format: str | None = None) -> None:
    """List the loaded briefings, latest first."""
    from .formats import get
    from .loader import load

    loaded = sorted(load(settings.data), key=lambda b: (b.as_of.sort_key(), b.id), reverse=True)
    renderer = get(output_format(format, settings.output))
    deliver(renderer.render_catalog(loaded, settings.output), settings)


def validate(
    settings: Settings, paths: Sequence[str] = (), format: str | None = None
) -> int | None:
    """Check briefing files against the data format; exit 1 when any problem is found."""
    from .errors import DataError, Problem
    from .files import data_files
    from .i18n import _
    from .loader import check_files
    from .text import one_line

    files: list[str] = []
    problems: list[Problem] = []
    specs: Sequence[str | None] = paths or settings.data or [None]
    for spec in specs:
        try:
            given_as = _("the command line") if paths else "--data"
            files += [f for f in data_files(spec, given_as=given_as) if f not in files]
        except DataError as exc:
            problems.append(Problem("", "", "; ".join(exc.lines())))
    briefings, found = check_files(files)
    problems += found
    if format == "json":
        import json

        listed = [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "path": p.path,
                "message": p.message,
            }
            for p in problems
        ]
        deliver(json.dumps(listed, indent=2, ensure_ascii=True) + "\n", settings)
    elif problems:
        deliver("".join(one_line(str(p)) + "\n" for p in problems), settings)
    else:
        ok = _("ok")
        deliver(
            "".join(f"{one_line(b.origin)}: {ok} ({one_line(b.id)})\n" for b in briefings), settings
        )
    return EXIT_DATA if problems else None


def config(settings: Settings, format: str | None = None) -> None:
    """Show each setting in effect, its value and where it comes from."""
    from .i18n import _

    rows = settings.origins
    if format == "json":
        import json

        listed = [{"setting": o.setting, "value": o.value, "source": o.source} for o in rows]
        deliver(json.dumps(listed, indent=2, ensure_ascii=False) + "\n", settings)
        return
    from .text import one_line

    names = {
        "config": _("configuration file"),
        "language": _("language"),
        "data": _("data"),
        "briefing": _("briefing"),
        "width": _("width"),
        "measure": _("measure"),
        "color": _("colour"),
        "pager": _("pager"),
        "pager_command": _("pager command"),
    }
    labels = [names.get(o.setting, o.setting) for o in rows]
    values = [one_line(o.value) for o in rows]
    first = max(len(label) for label in labels) + 2
    second = max(len(value) for value in values) + 2
    lines = [
        f"{label:<{first}}{value:<{second}}({one_line(o.source)})"
        for label, value, o in zip(labels, values, rows, strict=True)
    ]
    deliver("\n".join(lines) + "\n", settings)


def schema(settings: Settings) -> None:
    """Print the JSON Schema (draft 2020-12) of briefing files."""
    from .jsonschema import render

    deliver(render(), settings)


def _quietly_load(params: Mapping[str, Any]) -> list[Briefing]:
    """The briefings completion can offer, or none: completion never prints an error."""
    from .loader import load

    try:
        return load(params.get("data") or ())
    except Exception:  # completion must never print an error into the shell
        return []


def complete_themes(params: Mapping[str, Any], incomplete: str) -> list[tuple[str, str]]:
    """Theme ids and aliases of the loaded data, for shell completion."""
    from .choosing import select

    try:
        chosen = select(_quietly_load(params), params.get("briefing"))
    except Exception:  # no briefing, or an ambiguous choice: nothing to offer
        return []
    prefix = incomplete.casefold()
    return [
        (name, theme.title)
        for theme in chosen.themes
        for name in (theme.id, *theme.aliases)
        if name.casefold().startswith(prefix) and " " not in name
    ]


def complete_briefings(params: Mapping[str, Any], incomplete: str) -> list[tuple[str, str]]:
    """Briefing ids of the loaded data, once each, for shell completion."""
    from .model import by_id

    groups = by_id(_quietly_load(params))
    return [(key, group[0].title) for key, group in groups.items() if key.startswith(incomplete)]
