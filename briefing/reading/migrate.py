"""`briefing migrate`: move a version 1 or 2 briefing file to the current format version, in place.

Only the value of the top-level `briefing:` key changes, edited in the text
itself: comments, key order, quoting and line endings stay exactly as they
were, which a YAML round trip would not keep. The file is replaced atomically.
"""

from __future__ import annotations

from typing import NamedTuple

from briefing.errors import DataError, UsageError, ValidationError
from briefing.i18n import _
from briefing.reading.contract import FORMAT_VERSION, VERSIONS
from briefing.reading.yamlread import Reader, Typed, locate

FROM_VERSIONS = tuple(v for v in VERSIONS if v < FORMAT_VERSION)  # what can be moved up
BOM = "\ufeff"


class Migrated(NamedTuple):
    """What a migration did: the file, and the version it went from and to."""

    path: str
    before: int
    after: int


def migrate_text(text: str, name: str) -> str:
    """Return the text of an older briefing at the current version; raise DataError otherwise."""
    return _migrated(text, name)[0]


def _migrated(text: str, name: str) -> tuple[str, int]:
    """The text at the current version, and the version it was at."""
    reader = Reader(text, name)
    data = reader.read()
    if not isinstance(data, dict) or reader.problems:
        raise DataError(
            _("{file}: cannot be read as a briefing").format(file=name),
            _("run `briefing validate {file}` and fix what it reports first").format(file=name),
        )
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
    where = locate(text, {("briefing",)}).get(("briefing",))
    if where is None:  # the reader found it, so the locator does too; never guess an offset
        raise DataError(_("{file}: cannot find the `briefing:` line").format(file=name))
    line, column = where[2], where[3]
    lines = text.splitlines(keepends=True)
    row = lines[line - 1]
    start = column - 1
    if row[start : start + len(value.text)] != value.text:
        raise DataError(_("{file}: cannot find the `briefing:` line").format(file=name))
    lines[line - 1] = row[:start] + str(FORMAT_VERSION) + row[start + len(value.text) :]
    return "".join(lines), int(found)


def _older() -> str:
    """The versions that can be migrated, as words: `1 or 2`."""
    return _("{first} or {last}").format(
        first=", ".join(str(v) for v in FROM_VERSIONS[:-1]), last=FROM_VERSIONS[-1]
    )


def migrate_file(name: str) -> Migrated:
    """Rewrite the older briefing file `name` at the current version, in place and atomically."""
    from briefing.delivery.writing import write_atomically
    from briefing.reading.files import decode, max_bytes, read_bytes

    if name == "-":
        raise UsageError(
            _("migrate rewrites a file in place: give its path, not -"),
        )
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
    new_text, before = _migrated(text, name)
    if raw.startswith(BOM.encode("utf-8")):
        new_text = BOM + new_text  # decode() dropped it; keep the file as it was

    def fill(temporary: str) -> None:
        # Line endings as given: a file's own CRLF stays CRLF.
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(new_text)

    write_atomically(name, [], fill)  # keeps the file's permissions; whole or not at all
    return Migrated(name, before, FORMAT_VERSION)
