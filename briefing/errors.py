"""The one error hierarchy of briefing, and the exit code each error maps to."""

from __future__ import annotations

from typing import NamedTuple

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # a bug in briefing itself (EX_SOFTWARE)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_TERMINATED = 143  # SIGTERM (128 + SIGTERM), as a shell reports a process it killed

# Past this many problems in one file, reporting more helps nobody and costs
# time: the reader and the validator stop looking there.
MAX_FINDINGS = 200


class BriefingError(Exception):
    """Base of every error the tool reports to a user instead of a traceback."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def lines(self) -> list[str]:
        """Return the lines to print on stderr, one per problem."""
        if not self.hint:
            return [self.message]
        from briefing.i18n import _

        # The problem, then how to fix it; French sets a space before the semicolon.
        return [_("{problem}; {fix}").format(problem=self.message, fix=self.hint)]


class UsageError(BriefingError):
    """Bad arguments: unknown theme, ambiguous briefing, bad option value."""

    exit_code = EXIT_USAGE


class Interrupted(BriefingError):
    """Ctrl-C: stop at once with one line."""

    exit_code = EXIT_INTERRUPTED


class Terminated(Interrupted):
    """SIGTERM: stop at once with one line, cleaning up like Ctrl-C."""

    exit_code = EXIT_TERMINATED


class DataError(BriefingError):
    """Data that cannot be read: missing path, unreadable file, too large."""

    exit_code = EXIT_DATA


class ConversionError(BriefingError):
    """An outside converter (pandoc) could not make the file asked for."""

    exit_code = EXIT_DATA


class Problem(NamedTuple):
    """One violation of the data contract, with where it is and how to fix it."""

    file: str
    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def location(self) -> str:
        """Return `file:line:col` (or just `file` when the position is unknown)."""
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def __str__(self) -> str:
        parts = [p for p in (self.location(), self.path, self.message) if p]
        return ": ".join(parts)


class ValidationError(DataError):
    """Data that breaks the contract: holds every problem found, with its location."""

    def __init__(self, problems: list[Problem]) -> None:
        count = len(problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the briefing data")
        self.problems = problems

    def lines(self) -> list[str]:
        """Return one line per problem."""
        return [str(p) for p in self.problems]


def os_reason(exc: OSError) -> str:
    """Why the system refused a path, in words: the one wording of every OSError.

    The common reasons in the system's own words (`Permission denied`, `No
    space left on device`), translated like every message, except where those
    words mislead: a loop of symbolic links is named as one, and a file in the
    way of a folder as that. A reason not listed here is the system's text.
    """
    import errno

    from briefing.i18n import N_, _

    custom = {
        errno.ELOOP: N_("a loop of symbolic links"),
        errno.ENAMETOOLONG: N_("the file name is longer than the system allows"),
        errno.ENOTDIR: N_("a file is in the way (a part of the path is a file, not a folder)"),
        errno.ENOENT: N_("no such file or folder"),
    }
    system = {
        errno.EACCES: N_("Permission denied"),
        errno.EPERM: N_("Operation not permitted"),
        errno.ENOSPC: N_("No space left on device"),
        errno.EDQUOT: N_("Disk quota exceeded"),
        errno.EROFS: N_("Read-only file system"),
        errno.EIO: N_("Input/output error"),
        errno.EISDIR: N_("Is a directory"),
        errno.EEXIST: N_("File exists"),
        errno.EBUSY: N_("Device or resource busy"),
        errno.ETXTBSY: N_("Text file busy"),
        errno.EFBIG: N_("File too large"),
        errno.EMFILE: N_("Too many open files"),
        errno.ENFILE: N_("Too many open files in system"),
        errno.ENXIO: N_("No such device or address"),
        errno.ENODEV: N_("No such device"),
        errno.EXDEV: N_("Invalid cross-device link"),
    }
    words = custom.get(exc.errno or 0) or system.get(exc.errno or 0)
    if words is not None:
        return _(words)
    return exc.strerror or str(exc) or type(exc).__name__


def os_error(exc: OSError) -> DataError:
    """Any OSError that reached the runner, as the data error it is (exit 1), naming the file.

    Each reader and writer turns the errors it expects into its own message;
    this is the net under them, so that no system error is ever reported as a
    bug in briefing.
    """
    from briefing.i18n import _

    name = exc.filename if exc.filename is not None else exc.filename2
    if name is None:
        return DataError(_("system error: {reason}").format(reason=os_reason(exc)))
    if isinstance(name, bytes):
        import os

        name = os.fsdecode(name)
    return DataError(_("{file}: {reason}").format(file=name, reason=os_reason(exc)))
