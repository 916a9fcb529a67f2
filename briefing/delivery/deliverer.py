"""The one deliverer: what a command returns, written where it goes — stdout, pager, file, pandoc.

A command never prints its output: it returns a `Shown` (the text or a
document's bytes, where it goes, and its exit code), and the runner hands it
to `deliver`. So a command can be called and tested as a function.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class Export(NamedTuple):
    """Where `--output` goes, planned and checked before any work (see `commands.actions`).

    `pandoc` is pandoc's writer when pandoc converts the Markdown (None: the
    text or bytes are the file); `citeproc` asks pandoc to resolve citations;
    `reference` is the reference document for its styles; `protected`, the
    inputs the run read, which no output may replace.
    """

    path: str
    pandoc: str | None = None
    citeproc: bool = False
    reference: str | None = None
    protected: tuple[str, ...] = ()


class Shown(NamedTuple):
    """What a command shows: the rendered text (or a document's bytes), where, and its exit code.

    With no `export` the text goes to stdout, through the pager when `paged`
    and it is taller than the terminal; `exit_code` None is success.
    """

    content: str | bytes
    export: Export | None = None
    paged: bool = True
    exit_code: int | None = None


def deliver(shown: Shown, pager: str | None, environ: Mapping[str, str]) -> int | None:
    """Write what a command returned; return its exit code.

    `pager` is the pager's command line when this run pages long output (else None).
    """
    content, export = shown.content, shown.export
    if export is not None:
        _to_file(content, export)
    elif isinstance(content, bytes):  # a document is written to a file only: a bug
        raise TypeError("a document's bytes need a file to go to")
    elif shown.paged and pager is not None:
        _to_screen(content, pager, environ)
    else:
        from briefing.delivery.writing import to_stdout

        to_stdout(content)
    return shown.exit_code


def _to_screen(text: str, pager: str, environ: Mapping[str, str]) -> None:
    """Through the pager when the text is taller than the terminal, else to stdout."""
    import sys

    from briefing.delivery.console import terminal_height
    from briefing.delivery.writing import to_stdout

    # As less -F would: output that fits on the screen is printed, not paged.
    if text.count("\n") < terminal_height(sys.stdout, environ):
        to_stdout(text)
        return
    from briefing.delivery.stderr import report
    from briefing.delivery.writing import to_pager

    notice = to_pager(text, pager, environ)
    if notice:
        report([notice])


def _to_file(content: str | bytes, export: Export) -> None:
    """The text or bytes to the file atomically, or the Markdown through pandoc to it."""
    from briefing.delivery.writing import to_file, write_atomically

    if isinstance(content, bytes):

        def fill(name: str) -> None:
            with open(name, "wb") as handle:
                handle.write(content)

        write_atomically(export.path, export.protected, fill)
    elif export.pandoc is None:
        to_file(content, export.path, export.protected)
    else:
        from briefing.delivery.pandoc import run_pandoc

        run_pandoc(
            content,
            export.path,
            export.pandoc,
            export.citeproc,
            list(export.protected),
            export.reference,
        )
