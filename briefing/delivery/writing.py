"""Writing output: to stdout in full or with an error line, or to a file atomically."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from briefing.errors import EXIT_OK, DataError, UsageError, os_reason
from briefing.i18n import _
from briefing.text import VISIBLE_ERRORS, encode_visibly

CHUNK = 1 << 16


class Finished(Exception):
    """The reader of stdout went away: end the run quietly."""

    exit_code = EXIT_OK


def _closed() -> DataError:
    return DataError(
        _("cannot write the output: standard output is closed"),
        _("redirect it to a file or to /dev/null"),
    )


def write_all(fd: int, data: bytes) -> None:
    """Write every byte to `fd`, waiting while a non-blocking descriptor is full.

    A parent process may hand over a non-blocking stdout: a plain write would
    stop at the pipe's capacity, so the rest is written once the reader has
    made room. A reader that went away ends the run quietly (Finished); any
    other failure is one clear error, never a silent cut.
    """
    import select

    view = memoryview(data)
    done = 0
    while done < len(view):
        try:
            done += os.write(fd, view[done : done + CHUNK])
        except BlockingIOError:
            select.select([], [fd], [])  # until the reader makes room (or Ctrl-C)
        except BrokenPipeError:
            _silence(fd)
            raise Finished from None
        except OSError as exc:
            _silence(fd)
            if exc.errno == errno.EBADF:
                raise _closed() from None
            raise DataError(
                _("cannot write the output: {reason}").format(reason=os_reason(exc))
            ) from None


class Stdout(io.TextIOBase):
    """Standard output of the process, written straight to its descriptor, unbuffered.

    Installed as sys.stdout by the entry point, so everything printed (by the
    commands, and by Typer for help and completion) goes through one path:
    text the encoding cannot hold is written as escapes (`\\u2019`, and an
    undecodable byte as `\\xff`), every byte is written or an error is
    raised, and nothing is left in a buffer for the interpreter to fail on
    at exit. `fd=None` stands for a stdout that was closed when the process began.
    """

    def __init__(self, fd: int | None, encoding: str, tty: bool = False) -> None:
        super().__init__()
        self._fd = fd
        self._encoding = encoding
        self._tty = tty

    @property
    def encoding(self) -> str:  # type: ignore[override]  # read-only in io.TextIOBase too
        """The encoding of the output (from the locale or PYTHONIOENCODING)."""
        return self._encoding

    @property
    def errors(self) -> str:  # type: ignore[override]  # read-only in io.TextIOBase too
        """What happens to characters the encoding cannot hold: escapes."""
        return VISIBLE_ERRORS

    def writable(self) -> bool:
        """Always: a closed stdout is reported when written to."""
        return True

    def isatty(self) -> bool:
        """Whether the output is a terminal."""
        return self._tty

    def fileno(self) -> int:
        """The descriptor (for the terminal's size)."""
        if self._fd is None:
            raise io.UnsupportedOperation("standard output is closed")
        return self._fd

    def write(self, text: str) -> int:
        """Encode and write the whole text now."""
        if not isinstance(text, str):  # click probes text streams with bytes
            raise TypeError("write() argument must be str")
        if self._fd is None:
            raise _closed()
        write_all(self._fd, encode_visibly(text, self._encoding))
        return len(text)

    def flush(self) -> None:
        """Nothing to do: every write is complete when it returns."""


def install_stdout() -> None:
    """Replace sys.stdout with a Stdout over descriptor 1 (called once, by the entry point)."""
    current = sys.stdout
    if current is None:  # closed when the process began
        sys.stdout = Stdout(None, "utf-8")
        return
    try:
        fd = current.fileno()
    except (OSError, ValueError, io.UnsupportedOperation):
        return  # not a real descriptor: leave it as it is
    encoding = getattr(current, "encoding", None) or "utf-8"
    from briefing.delivery.console import is_tty

    sys.stdout = Stdout(fd, encoding, is_tty(current))


def to_stdout(text: str) -> None:
    """Write the whole output; a closed pipe ends the run quietly, other failures are errors."""
    stream = sys.stdout
    if stream is None:
        raise _closed()
    if isinstance(stream, Stdout):
        stream.write(text)
        return
    # Another stream (captured by tests, or a program embedding briefing): it
    # gets text that its encoding can hold.
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(encode_visibly(text, encoding).decode(encoding, "replace"))
        stream.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise Finished from None
    except (OSError, ValueError) as exc:  # a full disk, a device that refuses data, closed
        _silence_stdout()
        reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        raise DataError(_("cannot write the output: {reason}").format(reason=reason)) from None


def _silence_stdout() -> None:
    """Point stdout at nothing so the interpreter's final flush is silent too."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        _silence(sys.stdout.fileno())


def _silence(fd: int) -> None:
    """Point a descriptor that failed at /dev/null: nothing written later fails again."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)


def identity(name: str) -> tuple[int, int] | None:
    """The (device, inode) of a file read, `-` being standard input; None when unknown."""
    try:
        if name == "-":
            if sys.stdin is None:
                return None
            info = os.fstat(sys.stdin.fileno())
        else:
            info = os.stat(name)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None
    return info.st_dev, info.st_ino


def to_file(text: str, target: str, protected: Sequence[str]) -> None:
    """Write `text` to `target` atomically: a temporary file beside it, then a rename.

    An interrupted export leaves the old file (or none), never a truncated one.
    Refuses to replace any of the `protected` inputs (see `write_atomically`).
    """

    def fill(name: str) -> None:
        with open(name, "w", encoding="utf-8", errors=VISIBLE_ERRORS) as handle:
            handle.write(text)

    write_atomically(target, protected, fill)


def refuse_inputs(target: str, protected: Sequence[str], config: str | None = None) -> bool:
    """Refuse an output that is one of the inputs read; return whether it is a regular file.

    Inputs (data files, `-` for standard input) are compared by device and
    inode, so no other name for them (a symlink, a hard link, a redirect into
    stdin) gets through. Only a regular file can be replaced: writing to
    /dev/null or a pipe replaces nothing.
    """
    import stat

    path = Path(os.path.realpath(target))
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError:
        regular = False
    written = identity(str(path))
    if regular and written is not None and written in {identity(name) for name in protected}:
        raise UsageError(
            _("--output {file} is a loaded data file").format(file=target)
            if config is None or written != identity(config)
            else _("--output {file} is the configuration file").format(file=target),
            _("choose another file name"),
        )
    return regular


def write_atomically(
    target: str,
    protected: Sequence[str],
    fill: Callable[[str], None],
    keep_suffix: bool = False,
    named: str | None = None,
    before_replace: Callable[[], None] | None = None,
    keep_owner: bool = False,
) -> None:
    """Have `fill(name)` write a temporary file beside `target`, then rename it to `target`.

    The file appears whole or not at all: whatever `fill` raises, Ctrl-C and
    SIGTERM included, the temporary file is removed and `target` is left as it
    was. `keep_suffix` ends the temporary name with the target's suffix, for
    writers that go by it (pandoc's PDF). Refuses to replace any of the
    `protected` inputs (the data files read, `-` for standard input), compared
    by device and inode, so no other name for them (a symlink, a hard link, a
    redirect into stdin) gets through either.

    `named` is how messages name the file (`--output FILE` unless told).
    `before_replace` runs last, before the rename, and may refuse it.
    `keep_owner` gives the new file the old one's owner and group, as an
    editor does, or refuses when that is not allowed.
    """
    shown = named if named is not None else f"--output {target}"
    try:
        _write_atomically(target, protected, fill, keep_suffix, shown, before_replace, keep_owner)
    except OSError as exc:  # a name too long, a folder without permission, a full disk…
        raise DataError(_cannot_write(shown, exc)) from None
    except ValueError:  # a NUL in the name: no file can have it
        raise DataError(
            _("{file}: cannot write: the name holds a NUL character").format(file=shown)
        ) from None


def _write_atomically(
    target: str,
    protected: Sequence[str],
    fill: Callable[[str], None],
    keep_suffix: bool,
    shown: str,
    before_replace: Callable[[], None] | None,
    keep_owner: bool,
) -> None:
    """`write_atomically` itself: every OSError it lets through is the caller's one message."""
    import tempfile

    path = Path(os.path.realpath(target))  # write through a symlink, never over it
    regular = refuse_inputs(target, protected)
    suffix = ".tmp" + (path.suffix if keep_suffix else "")
    if path.exists() and not regular:  # a device or a pipe (/dev/null): write to it, no file
        with tempfile.TemporaryDirectory() as scratch:
            made = os.path.join(scratch, "output" + suffix)
            try:
                fill(made)
                with open(made, "rb") as source, open(path, "wb") as device:
                    device.write(source.read())
            except OSError as exc:
                raise DataError(_cannot_write(shown, exc)) from None
        return
    folder = path.parent
    try:
        is_folder = stat.S_ISDIR(folder.stat().st_mode)
    except FileNotFoundError:
        raise DataError(
            _("{file}: no such folder {folder}").format(file=shown, folder=folder),
            _("create it first"),
        ) from None
    if not is_folder:  # a file where the folder should be: the system's ENOTDIR, in words
        raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    name = None
    try:
        # Ctrl-C and SIGTERM wait while the temporary file is made, so that once it
        # exists its name is known here and the cleanup below can remove it.
        with _signals_held():
            handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed at once, filled, renamed
                "wb", dir=folder, prefix=f".{path.name}.", suffix=suffix, delete=False
            )
            name = handle.name
            handle.close()
        fill(name)
        fd = os.open(name, os.O_RDONLY)
        try:
            os.fsync(fd)  # on disk before the rename makes it the file
        finally:
            os.close(fd)
        if path.exists():
            old = path.stat()
            if keep_owner and (old.st_uid, old.st_gid) != _owner(name):
                try:
                    os.chown(name, old.st_uid, old.st_gid)
                except PermissionError:
                    raise DataError(
                        _("{file}: cannot keep the owner of the file: nothing written").format(
                            file=shown
                        ),
                        _("run the command as the file's owner"),
                    ) from None
            with contextlib.suppress(OSError):
                os.chmod(name, old.st_mode & 0o7777)  # after chown, which may clear set-id bits
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(name, 0o666 & ~umask)
        if before_replace is not None:
            before_replace()
        os.replace(name, path)
    except BaseException:
        if name is not None:
            with contextlib.suppress(OSError):
                os.unlink(name)
        raise


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back for the block; they arrive (and raise) right after it."""
    import signal

    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # no signal masks here: nothing to hold
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _owner(name: str) -> tuple[int, int]:
    info = os.stat(name)
    return info.st_uid, info.st_gid


def _cannot_write(shown: str, exc: OSError) -> str:
    return _("{file}: cannot write: {reason}").format(file=shown, reason=os_reason(exc))


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
    except ValueError:  # shlex says "No closing quotation" or "No escaped character"
        to_stdout(text)
        return _(
            "the pager `{pager}` cannot be read (a quote or a backslash is not closed): "
            "printed without it"
        ).format(pager=command)
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
            pager=words[0], reason=os_reason(exc)
        )
    try:
        assert pager.stdin is not None
        with contextlib.suppress(BrokenPipeError, OSError):  # the reader quit the pager early
            pager.stdin.write(encode_visibly(text, "utf-8"))
        with contextlib.suppress(BrokenPipeError, OSError):
            pager.stdin.close()
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return None
