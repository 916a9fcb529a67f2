"""`briefing migrate`: move a version 1 or 2 briefing file to the current format version, in place.

The file is edited as text, not dumped again from the data: comments, key
order, quoting and line endings stay exactly as they were, which a YAML round
trip would not keep. Two edits are made: `briefing: 1` becomes `briefing: 2`,
and every item without a `credibility` and every source without a
`reliability` gets the Admiralty grade that says so honestly, credibility 6
and reliability F ("cannot be judged"), marked with a comment (`MARK`) that
`briefing validate` lists, so an author can find what is left to grade. The
result is read again and compared with what was meant before anything is
written; the file is replaced atomically, keeping its mode and owner, and only
if nobody changed it meanwhile.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from briefing.errors import DataError, UsageError, ValidationError
from briefing.i18n import _
from briefing.reading.contract import FORMAT_VERSION, VERSIONS
from briefing.reading.yamlplaces import KeyPath, locate
from briefing.reading.yamlread import Reader, Typed

FROM_VERSION = 1  # the version without grades, whose missing grades migrate writes
FROM_VERSIONS = tuple(v for v in VERSIONS if v < FORMAT_VERSION)  # what can be moved up
BOM = "\ufeff"
# The comment beside each grade migrate writes; `briefing validate` lists the lines holding it.
MARK = "# ungraded: written by briefing migrate; grade it, then delete this comment"
# The honest grade where a version 1 file has none (NATO Admiralty system).
UNGRADED = {"items": ("credibility", "6"), "sources": ("reliability", "F")}
# Anchors and tags that may stand before a value (`briefing: &v 1`).
_PROPERTIES = re.compile(r"(?:[&!]\S*\s+)*")


class Migrated(NamedTuple):
    """What a migration did: the file, the versions, the grades added and the new text."""

    path: str
    before: int
    after: int
    graded: int  # grades written as "cannot be judged", each marked
    old_text: str
    new_text: str
    links: int  # hard links to the file before (more than 1: the others keep the old text)


def _refuse(name: str) -> DataError:
    return DataError(
        _("{file}: cannot be read as a briefing").format(file=name),
        _("run `briefing validate {file}` and fix what it reports first").format(file=name),
    )


def migrate_text(text: str, name: str) -> tuple[str, int]:
    """Return the current version's text of an older briefing and how many grades it adds.

    A version 1 file gets its missing grades; a version 2 file, graded already,
    only its version line. Raises DataError for anything that is not a readable
    older briefing, and when the edit could not be made so that the file reads
    back as meant.
    """
    new_text, graded, _before = _migrated(text, name)
    return new_text, graded


def _older() -> str:
    """The versions that can be migrated, as words: `1 or 2`."""
    return _("{first} or {last}").format(
        first=", ".join(str(v) for v in FROM_VERSIONS[:-1]), last=FROM_VERSIONS[-1]
    )


def _migrated(text: str, name: str) -> tuple[str, int, int]:
    """The new text, how many grades it adds, and the version the file was at."""
    reader = Reader(text, name)
    data = reader.read()
    if not isinstance(data, dict) or reader.problems:
        raise _refuse(name)
    value = data.get("briefing")
    if not isinstance(value, Typed) or value.kind != "int":
        raise DataError(
            _("{file}: no format version (`briefing: 1`) at the top of the file").format(file=name),
            _("only a briefing of format version {versions} can be migrated").format(
                versions=_older()
            ),
        )
    found = value.text.lstrip("+")
    if found == str(FORMAT_VERSION):
        raise DataError(
            _("{file} is already format version {n}: nothing to migrate").format(
                file=name, n=FORMAT_VERSION
            )
        )
    if found not in {str(v) for v in FROM_VERSIONS}:
        raise DataError(
            _("{file} is format version {found}: only version {n} can be migrated").format(
                file=name, found=value.text, n=_older()
            )
        )
    # Where each edit goes: the version's value, and the first key of each ungraded entry.
    missing: list[tuple[KeyPath, str, str]] = []
    for list_key, (grade_key, grade) in UNGRADED.items():
        entries = data.get(list_key)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict) and entry and grade_key not in entry:
                first = next(iter(entry))
                if not isinstance(first, str):
                    raise _refuse(name)
                missing.append(((list_key, index, first), grade_key, grade))
    places = locate(text, {("briefing",), *(path for path, _k, _g in missing)})
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, Callable[[str], str]]] = []  # (line, column, how) 0-based

    version_at = places.get(("briefing",))
    if version_at is None:  # the reader found it, so the locator does too; never guess
        raise DataError(_("{file}: cannot find the `briefing:` line").format(file=name))
    row, column = version_at[2] - 1, version_at[3] - 1
    # The value may follow an anchor or a tag (`briefing: &v 1`): step over them.
    column = _PROPERTIES.match(lines[row], column).end()  # type: ignore[union-attr]
    if lines[row][column : column + len(value.text)] != value.text:
        raise DataError(_("{file}: cannot find the `briefing:` line").format(file=name))
    edits.append((row, column, _replacer(column, len(value.text), str(FORMAT_VERSION))))

    for path, grade_key, grade in missing:
        where = places.get(path)
        if where is None:
            raise _refuse(name)
        row, column = where[0] - 1, where[1] - 1
        edits.append((row, column, _inserter(column, grade_key, grade, lines[row])))

    # From the end, so that each edit's line and column are still those read.
    for row, _column, edit in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[row] = edit(lines[row])
    new_text = "".join(lines)
    _check(data, new_text, missing, name)
    return new_text, len(missing), int(found)


def _replacer(column: int, width: int, text: str) -> Callable[[str], str]:
    """How to replace the `width` characters at `column` of a line with `text`."""
    return lambda line: line[:column] + text + line[column + width :]


def _inserter(column: int, key: str, grade: str, line: str) -> Callable[[str], str]:
    """How to add `key: grade` before the key that starts an entry at `column` of `line`.

    In a block mapping the grade gets a line of its own, with the mark, and the
    entry's first key moves to the next line at the same column (`- id: a`
    becomes `- credibility: 6  # …` then `  id: a`). In a flow mapping
    (`- {id: a}`) it goes inline, and the mark at the end of the line.
    """
    before = line[:column].rstrip(" ")
    ending = line[len(line.rstrip("\r\n")) :] or "\n"
    if before.endswith(("{", ",")):

        def flow(text: str) -> str:
            body = text[: len(text) - len(ending)] if text.endswith(ending) else text
            inline = body[:column] + f"{key}: {grade}, " + body[column:]
            return inline + "  " + MARK + ending

        return flow

    def block(text: str) -> str:
        return text[:column] + f"{key}: {grade}  {MARK}" + ending + " " * column + text[column:]

    return block


def _check(data: dict[str, Any], new_text: str, missing: list, name: str) -> None:
    """Read the new text again: it must be the old data, new version, plus the grades meant."""
    reader = Reader(new_text, name)
    again = reader.read()
    meant = dict(data)
    meant["briefing"] = Typed("int", str(FORMAT_VERSION))
    for path, key, grade in missing:
        list_key, index, _first = path
        copied = meant[list_key] = list(meant[list_key])
        entry = copied[index] = dict(copied[index])
        entry[key] = Typed("int", grade) if key == "credibility" else grade
    if reader.problems or not _same(again, meant):
        raise DataError(
            _("{file}: cannot add the grades without changing something else").format(file=name),
            _(
                "add `credibility: 6` to each item and `reliability: F` to each source that "
                "lacks one, and `briefing: {n}`, by hand"
            ).format(n=FORMAT_VERSION),
        )


def _same(read: Any, meant: Any) -> bool:
    """Equal data, comparing mappings without regard to key order (a grade comes first)."""
    if isinstance(read, dict) and isinstance(meant, dict):
        return read.keys() == meant.keys() and all(_same(read[k], meant[k]) for k in read)
    if isinstance(read, list) and isinstance(meant, list):
        return len(read) == len(meant) and all(map(_same, read, meant))
    if isinstance(read, Typed) and isinstance(meant, Typed):
        return (read.kind, read.text.lstrip("+")) == (meant.kind, meant.text.lstrip("+"))
    return bool(read == meant)


def ungraded_lines(text: str) -> list[int]:
    """The lines (1-based) that hold the mark of a grade migrate wrote and nobody gave yet."""
    if MARK not in text:  # the usual case: one scan of the text, nothing more
        return []
    return [n for n, line in enumerate(text.splitlines(), start=1) if MARK in line]


def _identity(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def migrate_file(name: str, dry_run: bool = False) -> Migrated:
    """Rewrite the older briefing file `name` at the current version, in place and atomically.

    With `dry_run`, nothing is written: the result holds the old and new text.
    """
    from briefing.delivery.writing import write_atomically
    from briefing.reading.files import decode, max_bytes, read_bytes

    if name == "-":
        raise UsageError(
            _("migrate rewrites a file in place: give its path, not -"),
        )
    try:
        before = os.stat(name)
    except OSError:
        before = None  # read_bytes names what is wrong
    try:
        raw = read_bytes(name, max_bytes())
    except DataError as exc:  # read_bytes does not name the file: say which one
        raise DataError(f"{name}: {exc.message}", exc.hint) from None
    try:
        text = decode(raw, name)
    except ValidationError:  # it names the byte; one line is enough here
        raise DataError(
            _("{file}: not valid UTF-8").format(file=name),
            _("run `briefing validate {file}` to see where").format(file=name),
        ) from None
    new_text, graded, version = _migrated(text, name)
    if raw.startswith(BOM.encode("utf-8")):
        new_text = BOM + new_text  # decode() dropped it; keep the file as it was
        text = BOM + text
    links = before.st_nlink if before is not None else 1
    done = Migrated(name, version, FORMAT_VERSION, graded, text, new_text, links)
    if dry_run:
        return done

    def fill(temporary: str) -> None:
        # Line endings as given: a file's own CRLF stays CRLF.
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(new_text)

    def unchanged() -> None:
        """Right before the replace: the file must still be the one read, byte for byte."""
        try:
            now = os.stat(name)
            same = before is not None and _identity(now) == _identity(before)
            same = same and read_bytes(name, max_bytes()) == raw
        except (OSError, DataError):
            same = False
        if not same:
            raise DataError(
                _("{file} changed while migrate was running: nothing written").format(file=name),
                _("run `briefing migrate {file}` again").format(file=name),
            )

    # Keeps the file's mode and owner; whole or not at all.
    write_atomically(name, [], fill, named=name, before_replace=unchanged, keep_owner=True)
    return done
