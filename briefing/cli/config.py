"""The configuration file: where it is, what it may hold, and each value with its line.

`$BRIEFING_CONFIG` names the file; else `$XDG_CONFIG_HOME/briefing/config.toml`,
else `~/.config/briefing/config.toml`. A missing default file is no
configuration; a broken file, an unknown key or a value of the wrong kind is a
usage error naming the file and the line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from briefing.delivery.console import COLOR_CHOICES, MAX_WIDTH, MIN_WIDTH
from briefing.errors import EXIT_USAGE, UsageError
from briefing.i18n import N_, _

CONFIG_ENV = "BRIEFING_CONFIG"


class ConfigError(UsageError):
    """The configuration file cannot be used as written."""

    exit_code = EXIT_USAGE


class Entry(NamedTuple):
    """One value of the file and the line it is on."""

    value: Any
    line: int


class Config(NamedTuple):
    """The file read (None when there is none) and its entries by key."""

    path: str | None = None
    entries: Mapping[str, Entry] = {}

    def get(self, key: str) -> Entry | None:
        """The entry for `key`, if the file sets it."""
        return self.entries.get(key)

    def where(self, key: str) -> str:
        """`FILE:LINE` of a key, for saying where a setting came from."""
        entry = self.entries[key]
        return f"{self.path}:{entry.line}"


# Each key the file may hold, the kind of value it takes (as told to users), and a check.
KINDS: dict[str, str] = {
    "language": N_('a language such as "fr"'),
    "data": N_("a path or a list of paths"),
    "width": N_("a whole number of columns, from {low} to {high}"),
    "measure": N_("a whole number of columns, from {low} to {high}"),
    "pager": N_("true, false or a pager command"),
    "color": N_("one of: {choices}"),
    "reference_doc": N_("a .docx or .odt file, or a list of them"),
    "strict_data": N_("true or false"),
}


def _valid(key: str, value: Any) -> bool:
    if key == "language":
        return isinstance(value, str) and bool(value.strip())
    if key in ("data", "reference_doc"):
        if isinstance(value, str):
            return bool(value)
        return (
            isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value)
        )
    if key in ("width", "measure"):
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and MIN_WIDTH <= value <= MAX_WIDTH
        )
    if key == "pager":
        return isinstance(value, (bool, str))
    if key == "strict_data":
        return isinstance(value, bool)
    if key == "color":
        return isinstance(value, str) and value.casefold() in COLOR_CHOICES
    return False


def config_path(environ: Mapping[str, str]) -> tuple[Path | None, bool]:
    """The file to read and whether it was named explicitly (then it must exist)."""
    named = environ.get(CONFIG_ENV)
    if named:
        return Path(named).expanduser(), True
    base = environ.get("XDG_CONFIG_HOME") or ""
    if not base:
        home = environ.get("HOME") or os.path.expanduser("~")
        if not home or home == "~":
            return None, False
        base = os.path.join(home, ".config")
    return Path(base) / "briefing" / "config.toml", False


def _line_of(text: str, key: str) -> int:
    """The line a top-level key is set on (1 when it cannot be told)."""
    pattern = re.compile(
        r"^\s*(?:"
        + re.escape(key)
        + r"|\""
        + re.escape(key)
        + r"\"|'"
        + re.escape(key)
        + r"')\s*[=.]"
    )
    table = re.compile(r"^\s*\[+\s*(?:" + re.escape(key) + r"|\"" + re.escape(key) + r"\")\s*[\].]")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line) or table.match(line):
            return number
    return 1


_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _parse(text: str, path: Path) -> dict[str, Any]:
    """The TOML of the file, or one ConfigError with the line (tomllib's own words are Python's)."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _POSITION.search(str(exc))
        where = f"{path}:{found.group(1)}:{found.group(2)}" if found else str(path)
        if "overwrite a value" in str(exc) or "twice" in str(exc):
            raise ConfigError(
                _("{where}: this setting is already set above").format(where=where),
                _("keep one of the two lines"),
            ) from None
        raise ConfigError(
            _("{where}: not valid TOML here: check the quotes and brackets").format(where=where),
            _("write settings as key = value, for example width = 100"),
        ) from None
    except RecursionError:  # thousands of nested brackets: no setting is written so
        raise ConfigError(
            _("{file}: brackets nested too deeply to be a configuration file").format(file=path),
            _("write settings as key = value, for example width = 100"),
        ) from None


def _has_nul(value: Any) -> bool:
    """Whether a value holds a NUL character, which no path, command or name can hold."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def load_config(environ: Mapping[str, str]) -> Config:
    """Read the configuration file, or return an empty one when there is none."""
    path, named = config_path(environ)
    if path is None:
        return Config()
    from briefing.reading.files import max_bytes, read_bytes

    if not named and not os.path.lexists(path):
        return Config()  # no file where one may be: no configuration
    if not os.path.lexists(path):
        raise ConfigError(
            _("{file}: no such configuration file").format(file=path),
            _("create it or change {variable}").format(variable=CONFIG_ENV),
        )
    if os.path.isdir(path):
        raise ConfigError(_("{file}: is a folder, not a configuration file").format(file=path))
    try:
        # The same bounded reader as data files: the same cap, no FIFO, no device.
        raw = read_bytes(
            str(path),
            max_bytes(environ),
            ConfigError,
            _("not a regular file: the configuration file must be a TOML file"),
        )
    except ConfigError as exc:  # the reader does not name the file: say which one
        raise ConfigError(f"{path}: {exc.message}", exc.hint) from None
    try:
        # A byte-order mark is tolerated, as in data files (some editors write one).
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(
            _("{file}: the configuration file is not UTF-8 text").format(file=path),
            _("save it as UTF-8"),
        ) from None
    values = _parse(text, path)
    entries: dict[str, Entry] = {}
    for key, value in values.items():
        line = _line_of(text, key)
        if key not in KINDS:
            from briefing.reading.conformance import did_you_mean

            raise ConfigError(
                _("{where}: unknown setting `{key}`").format(where=f"{path}:{line}", key=key)
                + did_you_mean(key, list(KINDS)),
                _("known settings: {keys}").format(keys=", ".join(KINDS)),
            )
        if _has_nul(value):
            raise ConfigError(
                _("{where}: `{key}` holds a NUL character (\\u0000)").format(
                    where=f"{path}:{line}", key=key
                ),
                _("remove it: no path, command or name can hold one"),
            )
        if not _valid(key, value):
            raise ConfigError(
                _("{where}: `{key}` takes {kind}").format(
                    where=f"{path}:{line}",
                    key=key,
                    kind=_(KINDS[key]).format(
                        low=MIN_WIDTH, high=MAX_WIDTH, choices=", ".join(COLOR_CHOICES)
                    ),
                )
            )
        entries[key] = Entry(value, line)
    return Config(str(path), entries)
