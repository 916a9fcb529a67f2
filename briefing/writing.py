"""Writing output: to stdout in one piece, or to a file atomically."""

from __future__ import annotations

import contextlib
import os
import sys
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
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
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
        replace_atomically(path, text)
    except OSError as exc:
        raise DataError(_cannot_write(target, exc)) from None


def replace_atomically(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path`.

    The file keeps its permissions. Raises OSError; on any failure, including
    Ctrl-C, the temporary file is removed and `path` is left as it was.
    """
    import tempfile

    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
        "w",
        encoding="utf-8",
        newline="",  # write line endings as given: a file's own CRLF stays CRLF
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".tmp",
        delete=False,
    )
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
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise


def _cannot_write(target: str, exc: OSError) -> str:
    return _("--output {file}: cannot write: {reason}").format(
        file=target, reason=exc.strerror or exc
    )


def to_pager(text: str) -> None:
    """Show text through $PAGER (else `less -R`); Ctrl-C belongs to the pager meanwhile."""
    import shlex
    import signal
    import subprocess

    command = shlex.split(os.environ.get("PAGER") or "less -R")
    if not command:
        to_stdout(text)
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE)
    except OSError as exc:
        signal.signal(signal.SIGINT, previous)
        raise UsageError(
            _("cannot start the pager `{pager}`: {reason}").format(
                pager=command[0], reason=exc.strerror or exc
            ),
            _("set PAGER to a pager that is installed, or leave out --pager"),
        ) from None
    try:
        assert pager.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the reader quit the pager early
            pager.stdin.write(text.encode("utf-8"))
            pager.stdin.close()
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
