"""Writing output: to stdout in one piece, or to a file atomically."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
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

    def fill(name: str) -> None:
        with open(name, "w", encoding="utf-8") as handle:
            handle.write(text)

    write_atomically(target, protected, fill)


def write_atomically(
    target: str, protected: list[str], fill: Callable[[str], None], keep_suffix: bool = False
) -> None:
    """Have `fill(name)` write a temporary file beside `target`, then rename it to `target`.

    The file appears whole or not at all: whatever `fill` raises, the temporary
    file is removed and `target` is left as it was. `keep_suffix` ends the
    temporary name with the target's suffix, for writers that go by it (pandoc's PDF).
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
    suffix = ".tmp" + (path.suffix if keep_suffix else "")
    if special:  # a device or a pipe (/dev/null, /dev/stdout): write to it, there is no file
        with tempfile.TemporaryDirectory() as scratch:
            made = os.path.join(scratch, "output" + suffix)
            try:
                fill(made)
                with open(made, "rb") as source, open(path, "wb") as device:
                    device.write(source.read())
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
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed at once, filled, renamed
            "wb", dir=folder, prefix=f".{path.name}.", suffix=suffix, delete=False
        )
        handle.close()
    except OSError as exc:
        raise DataError(_cannot_write(target, exc)) from None
    try:
        fill(handle.name)
        fd = os.open(handle.name, os.O_RDONLY)
        try:
            os.fsync(fd)  # on disk before the rename makes it the file
        finally:
            os.close(fd)
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
