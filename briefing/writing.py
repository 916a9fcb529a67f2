"""Writing output: to stdout in one piece, or to a file atomically."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from .errors import EXIT_OK, DataError, UsageError
from .i18n import _


class Finished(Exception):
    """The reader of stdout went away: end the run quietly."""

    exit_code = EXIT_OK


def to_stdout(text: str) -> None:
    """Write the whole output at once; a closed pipe ends the run quietly."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise Finished from None
    except OSError as exc:  # a full disk, a device that refuses data
        _silence_stdout()
        raise DataError(
            _("cannot write the output: {reason}").format(reason=exc.strerror or exc)
        ) from None


def _silence_stdout() -> None:
    """Point stdout at nothing so the interpreter's final flush is silent too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())


def to_file(text: str, target: str, protected: list[str]) -> None:
    """Write `text` to `target` atomically: a temporary file beside it, then a rename.

    An interrupted export leaves the old file (or none), never a truncated one.
    Refuses to overwrite any of the `protected` files (the loaded data).
    """
    import stat
    import tempfile

    path = Path(os.path.realpath(target))  # write through a symlink, never over it
    for name in protected:
        with contextlib.suppress(OSError):
            if path.exists() and path.samefile(name):
                raise UsageError(
                    _("--output {file} is a loaded data file").format(file=target),
                    _("choose another file name"),
                )
    try:
        special = path.exists() and not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        special = False
    if special:  # a device or a pipe (/dev/null, /dev/stdout): write to it, there is no file
        try:
            with open(path, "w", encoding="utf-8") as device:
                device.write(text)
        except OSError as exc:
            raise DataError(_cannot_write(target, exc)) from None
        return
    folder = path.parent
    if not folder.is_dir():
        raise DataError(
            _("--output {file}: no such folder {folder}").format(file=target, folder=folder),
            _("create it first"),
        )
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
            "w", encoding="utf-8", dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise DataError(_cannot_write(target, exc)) from None
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(handle.name, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(handle.name, 0o666 & ~umask)
        os.replace(handle.name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        if isinstance(exc, OSError):
            raise DataError(_cannot_write(target, exc)) from None
        raise


def _cannot_write(target: str, exc: OSError) -> str:
    return _("--output {file}: cannot write: {reason}").format(
        file=target, reason=exc.strerror or exc
    )


def to_pager(text: str, command: str, environ: Mapping[str, str]) -> str | None:
    """Show text through a pager; return a notice when it cannot start (the text is then printed).

    The pager reads a pipe, so LESS=FRX (unless LESS is set) keeps the colours
    (R), leaves the screen as it was (X) and quits at once on short output (F).
    Ctrl-C belongs to the pager meanwhile; quitting it early is a normal end.
    """
    import shlex
    import signal
    import subprocess

    try:
        words = shlex.split(command)
    except ValueError as exc:  # an unbalanced quote
        to_stdout(text)
        return _("the pager `{pager}` cannot be read ({reason}): printed without it").format(
            pager=command, reason=exc
        )
    if not words:
        to_stdout(text)
        return None
    env = dict(environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")  # the lv pager: keep colours too, as git does
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pager = subprocess.Popen(words, stdin=subprocess.PIPE, env=env)
    except OSError as exc:
        signal.signal(signal.SIGINT, previous)
        to_stdout(text)
        return _("cannot start the pager `{pager}`: {reason}; printed without it").format(
            pager=words[0], reason=exc.strerror or exc
        )
    try:
        assert pager.stdin is not None
        with contextlib.suppress(BrokenPipeError, OSError):  # the reader quit the pager early
            pager.stdin.write(text.encode("utf-8"))
        with contextlib.suppress(BrokenPipeError, OSError):
            pager.stdin.close()
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return None
