"""Finding and reading data files: `--data` to file names, capped reads, UTF-8 decoding."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from briefing.errors import (
    BriefingError,
    DataError,
    Problem,
    UsageError,
    ValidationError,
    os_reason,
)
from briefing.i18n import _

DATA_ENV = "BRIEFING_DATA"
MAX_BYTES_ENV = "BRIEFING_MAX_BYTES"
DEFAULT_MAX_BYTES = 128 * 1024 * 1024
SUFFIXES = (".yaml", ".yml")
STDIN = "<stdin>"


def default_data_dir() -> Path:
    """Return the folder of briefings shipped with the package."""
    shipped = Path(__file__).resolve().parent.parent / "data"  # inside the installed package
    if shipped.is_dir():
        return shipped
    # Running from a source checkout: the data sits beside the package.
    return Path(__file__).resolve().parent.parent.parent / "data"


def max_bytes(environ: Mapping[str, str] | None = None) -> int:
    """Return the size cap for one data file, from BRIEFING_MAX_BYTES or the default."""
    raw = (os.environ if environ is None else environ).get(MAX_BYTES_ENV)
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise UsageError(
            _("{name}={value} is not a number of bytes").format(
                name=MAX_BYTES_ENV, value=repr(raw)
            ),
            _("e.g. {example}").format(example="200000000"),
        ) from None
    if value <= 0:
        raise UsageError(_("{name} must be a positive number of bytes").format(name=MAX_BYTES_ENV))
    return min(value, sys.maxsize - 1)


def data_files(data: str | None, given_as: str = "--data") -> list[str]:
    """Resolve one data path (None: the shipped data) to the files to load.

    `given_as` says where the path came from (`--data`, BRIEFING_DATA, the
    configuration file), for messages.
    """
    spec = data
    if spec == "-":
        return ["-"]
    if spec is not None and not spec.strip():
        raise UsageError(_("{option} is empty: give a file, a folder or -").format(option=given_as))
    folder = Path(spec) if spec else default_data_dir()
    try:
        if folder.is_dir():
            # Every entry that looks like data is listed, whatever it turns out to be:
            # one that cannot be read (a broken link, a loop, a FIFO) is then reported
            # by read_bytes instead of being skipped in silence.
            found = sorted(str(p) for p in folder.iterdir() if looks_like_data(p.name))
            if not found:
                raise DataError(
                    _("{path}: no briefings here").format(path=folder),
                    _("a data folder holds .yaml or .yml files; pass one with --data"),
                )
            return found
        os.stat(folder)
    except FileNotFoundError:
        if os.path.lexists(folder):
            raise DataError(_broken_link(str(folder)), _("check the path")) from None
        where = given_as if data is not None else _("the installed package")
        raise DataError(
            _("{path}: no such file or folder (from {where})").format(path=folder, where=where),
            _("check the path"),
        ) from None
    except OSError as exc:
        raise DataError(
            _("{path}: cannot read: {reason}").format(path=folder, reason=os_reason(exc))
        ) from None
    return [str(folder)]


def looks_like_data(name: str) -> bool:
    """Whether a folder entry is meant as a briefing: a .yaml or .yml suffix, in any case."""
    # Not splitext: it gives an entry named `.yaml` no suffix at all, and it would be skipped.
    return name.lower().endswith(SUFFIXES)


def _link_target(name: str) -> str:
    try:
        return os.readlink(name)
    except OSError:
        return "?"


def _broken_link(name: str) -> str:
    return _("{path}: broken symbolic link to {target}").format(
        path=name, target=_link_target(name)
    )


def files_of(specs: Sequence[str], given_as: str = "--data") -> list[str]:
    """The files that every `--data` given names (none given: the default), each once."""
    found: list[str] = []
    given: Sequence[str | None] = specs or (None,)
    for spec in given:
        found += [f for f in data_files(spec, given_as) if f not in found]
    return found


def read_bytes(
    name: str,
    limit: int,
    error: type[BriefingError] = DataError,
    not_regular: str | None = None,
) -> bytes:
    """Read a file or standard input (`-`): the one bounded way every input is read.

    Refuses, with one `error` (DataError for data, a usage error for the
    configuration file), anything that is not a regular file (a FIFO is never
    opened, so nothing waits on it; a device is never read), a broken link, a
    loop, a device as standard input, and anything above `limit` bytes, read
    in pieces so a huge or endless input costs at most the cap. The message
    does not name the file: the caller knows how the user named it.
    """
    try:
        if name == "-":
            if sys.stdin is None or sys.stdin.closed:
                raise error(_("standard input is closed: pipe a briefing into --data -"))
            from briefing.delivery.console import is_tty

            if is_tty(sys.stdin):  # someone may be waiting on a prompt that never comes
                from briefing.delivery.stderr import report

                report([_("reading briefing YAML from standard input; end it with Ctrl-D")])
            elif _is_device(sys.stdin):  # `< /dev/zero` never ends, `< /dev/null` is empty
                raise error(
                    _("standard input is a device, not a file or a pipe"),
                    _("redirect a briefing file into it, or pipe one"),
                )
            raw = _read_capped(sys.stdin.buffer, limit)
        else:
            # Checked before opening: opening a FIFO would wait for a writer.
            try:
                info = os.stat(name)
            except FileNotFoundError:
                if os.path.lexists(name):
                    raise error(
                        _("broken symbolic link to {target}").format(target=_link_target(name)),
                        _("fix or remove the link"),
                    ) from None
                raise
            if not stat.S_ISREG(info.st_mode):
                raise error(not_regular or _("not a regular file: give a .yaml file or a folder"))
            # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it
            # does not wait for a writer; the read below then finds it empty or refused.
            fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with open(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    raise error(
                        not_regular or _("not a regular file: give a .yaml file or a folder")
                    )
                os.set_blocking(fd, True)
                raw = _read_capped(handle, limit)
    except OSError as exc:
        raise error(_("cannot read: {reason}").format(reason=os_reason(exc))) from None
    except ValueError:  # a NUL in the name: no file can have it
        raise error(_("cannot read: the name holds a NUL character")) from None
    if len(raw) > limit:
        raise error(
            _("larger than the {limit}-byte limit").format(limit=f"{limit:,}"),
            _("raise it with {name}=<bytes> if the file is trusted").format(name=MAX_BYTES_ENV),
        )
    return raw


def _is_device(stream: Any) -> bool:
    """Whether a stream is a character or block device (a terminal was ruled out before)."""
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (AttributeError, OSError, ValueError):  # not a descriptor (a test's stream)
        return False
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode)


def _read_capped(handle: Any, limit: int) -> bytes:
    """Read at most `limit + 1` bytes, in pieces, so a huge limit allocates nothing up front.

    Reads until the end of the input, also from a non-blocking descriptor
    (set by a parent process), which has no data yet rather than none.
    """
    pieces: list[bytes] = []
    left = limit + 1
    try:
        blocking = os.get_blocking(handle.fileno())
    except (AttributeError, OSError, ValueError):  # not a descriptor (a test's stream)
        blocking = True
    while left > 0:
        wanted = min(left, 1 << 20)
        try:
            piece = handle.read(wanted)
        except BlockingIOError:
            piece = None
        if piece is None:  # a non-blocking stdin with nothing yet: wait, it is not the end
            import select

            select.select([handle], [], [])
            continue
        if not piece:
            break
        pieces.append(piece)
        left -= len(piece)
        # A blocking read comes back short only at the end: on a terminal one Ctrl-D
        # ends the input, not two. A non-blocking one is short whenever data is late.
        if blocking and len(piece) < wanted:
            break
    return b"".join(pieces)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (a byte-order mark is tolerated), or raise one precise problem."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ValidationError(
            [
                Problem(
                    name,
                    "",
                    _("not valid UTF-8 (byte {byte}): save the file as UTF-8").format(
                        byte=f"0x{raw[exc.start]:02x}"
                    ),
                    line,
                    column,
                )
            ]
        ) from None
