"""The run's settings, resolved once from the options and the environment, then passed down."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from briefing import i18n
from briefing.cli.config import CONFIG_ENV
from briefing.delivery.console import OutputOptions
from briefing.errors import UsageError
from briefing.i18n import _
from briefing.reading.files import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from briefing.cli.config import Config

PAGER_ENV = "BRIEFING_PAGER"
DEFAULT_PAGER = "less"


class Environment(NamedTuple):
    """What the process was given: environment variables and the output stream.

    Tests build one directly; `output`, when set, replaces what would be
    detected from the stream (terminal or not, width, colour); options and
    the configuration file still apply over it.
    """

    environ: Mapping[str, str] = os.environ  # the live mapping, read when used
    output: OutputOptions | None = None
    stdout: TextIO | None = None


class Origin(NamedTuple):
    """One effective setting, its value as shown, and where it came from."""

    setting: str
    value: str
    source: str


class Settings(NamedTuple):
    """Everything a command needs to know about this run besides its own options."""

    language: str = i18n.DEFAULT
    language_asked: bool = False  # asked for, so a missing translation is worth a notice
    data: tuple[str, ...] = ()  # none: the shipped briefings
    data_source: str = "--data"  # where the data paths came from, for messages
    max_bytes: int = DEFAULT_MAX_BYTES  # the size cap for one data file
    briefing: str | None = None
    output: OutputOptions = OutputOptions()
    pager: bool = False  # resolved: page long output on this run
    pager_command: str = DEFAULT_PAGER
    debug: bool = False
    strict: bool = False  # any invalid data file is fatal, as in `validate`
    environ: Mapping[str, str] = MappingProxyType({})
    config_file: str | None = None  # the configuration file read, an input like the data
    origins: tuple[Origin, ...] = ()
    # Reference documents for pandoc's .docx and .odt (`--reference-doc`, or the setting).
    reference_docs: tuple[str, ...] = ()
    reference_docs_from: str = ""


def choose_language_quietly(
    requested: str | None, environ: Mapping[str, str], config: Config | None = None
) -> str:
    """The language as a run would choose it, never failing: for help and parser errors."""
    from briefing.cli.config import Config, load_config

    if config is None:
        try:
            config = load_config(environ)
        except UsageError:
            config = Config()
    try:
        return _language(requested, environ, config)[0]
    except UsageError:
        return i18n.choose(None, environ)


def _known_language(requested: str, where: str | None = None) -> str:
    tag = i18n.normalize(requested)
    if tag not in i18n.SUPPORTED:
        from briefing.reading.conformance import did_you_mean

        message = _("unknown language `{lang}`").format(lang=tag)
        if where is not None:
            message = f"{where}: {message}"
        raise UsageError(
            message + did_you_mean(tag, i18n.SUPPORTED),
            _("choose one of: {langs}").format(langs=", ".join(i18n.SUPPORTED)),
        )
    return tag


def _language(
    requested: str | None, environ: Mapping[str, str], config: Config
) -> tuple[str, bool, str]:
    """Language, whether it was asked for, and its source.

    BRIEFING_LANG (a request to this tool) beats the file, which beats the
    POSIX locale (the system's default for every program).
    """
    if requested is not None:
        return _known_language(requested), True, "--lang"
    own = i18n.normalize(environ.get(i18n.LANG_ENV, "") or "")
    if own in i18n.SUPPORTED:
        return own, True, i18n.LANG_ENV
    entry = config.get("language")
    if entry is not None:
        return (
            _known_language(entry.value, config.where("language")),
            True,
            config.where("language"),
        )
    name = i18n.locale_variable(environ)
    if name is not None:
        tag = i18n.choose(None, {name: environ[name]})
        asked = i18n.from_environment({name: environ[name]})
        return tag, asked, name if asked else _("default")
    return i18n.DEFAULT, False, _("default")


def _data(
    values: Mapping[str, Any], environ: Mapping[str, str], config: Config
) -> tuple[tuple[str, ...], str, str]:
    """The data paths, as shown, and their source."""
    from briefing.reading.files import DATA_ENV

    given = tuple(values.get("data") or ())
    if given:
        return given, ", ".join(given), "--data"
    if environ.get(DATA_ENV):
        return (environ[DATA_ENV],), environ[DATA_ENV], DATA_ENV
    entry = config.get("data")
    if entry is not None and config.path is not None:
        paths = [entry.value] if isinstance(entry.value, str) else list(entry.value)
        # Relative paths in the file mean relative to the file, wherever briefing runs.
        folder = os.path.dirname(config.path)
        resolved = tuple(
            p if p == "-" else os.path.join(folder, os.path.expanduser(p)) for p in paths
        )
        return resolved, ", ".join(resolved), config.where("data")
    return (), _("the briefings shipped with briefing"), _("default")


def resolve(
    values: Mapping[str, Any], environment: Environment, config: Config | None = None
) -> Settings:
    """Build the settings from converted option values, the environment and the config file.

    Precedence: an option, then briefing's own environment variables (and
    NO_COLOR, FORCE_COLOR), then the configuration file, then what the system
    says (locale, PAGER, the terminal), then the default.
    """
    from briefing.cli.config import load_config

    environ = environment.environ
    if config is None:  # read once per run: the runner passes the one it read
        config = load_config(environ)
    # The runner has switched to this language already, chosen by the same rule.
    language, asked, language_from = _language(values.get("lang"), environ, config)
    default = _("default")
    origins: list[Origin] = []
    if config.path is not None:
        config_from = CONFIG_ENV if environ.get(CONFIG_ENV) else default
        origins.append(Origin("config", config.path, config_from))
    else:
        from briefing.cli.config import config_path

        path, _named = config_path(environ)
        origins.append(Origin("config", str(path) if path else "-", _("none")))
    origins.append(Origin("language", language, language_from))
    data, shown, source = _data(values, environ, config)
    origins.append(Origin("data", shown, source))
    from briefing.reading.files import max_bytes

    limit = max_bytes(environ)  # a bad BRIEFING_MAX_BYTES is a usage error before any work
    if values.get("briefing"):
        origins.append(Origin("briefing", values["briefing"], "--briefing"))
    else:
        origins.append(Origin("briefing", _("the latest as_of"), default))

    strict, strict_from = False, default
    if values.get("strict_data"):
        strict, strict_from = True, "--strict-data"
    elif config.get("strict_data") is not None:
        entry = config.entries["strict_data"]
        strict, strict_from = bool(entry.value), config.where("strict_data")

    output, output_origins = _output(values, environment, config)
    origins += output_origins
    pager, command, pager_origins = _pager(values, environment, config, output)
    origins += pager_origins
    references, references_from = _reference_docs(values, config)
    origins.append(
        Origin("reference_doc", ", ".join(references) or "-", references_from or default)
    )
    origins.append(Origin("strict_data", _("on") if strict else _("off"), strict_from))
    return Settings(
        language=language,
        language_asked=asked,
        data=data,
        data_source=source,
        max_bytes=limit,
        briefing=values.get("briefing"),
        output=output,
        pager=pager,
        pager_command=command,
        debug=bool(values.get("debug")),
        strict=strict,
        environ=environ,
        config_file=config.path,
        origins=tuple(origins),
        reference_docs=references,
        reference_docs_from=references_from,
    )


def _reference_docs(values: Mapping[str, Any], config: Config) -> tuple[tuple[str, ...], str]:
    """The reference documents for pandoc, and where they came from ("" for none)."""
    if values.get("reference_doc"):
        return (values["reference_doc"],), "--reference-doc"
    entry = config.get("reference_doc")
    if entry is None or config.path is None:
        return (), ""
    paths = [entry.value] if isinstance(entry.value, str) else list(entry.value)
    # Relative to the configuration file, like `data`.
    folder = os.path.dirname(config.path)
    return tuple(os.path.join(folder, os.path.expanduser(p)) for p in paths), config.where(
        "reference_doc"
    )


def _output(
    values: Mapping[str, Any], environment: Environment, config: Config
) -> tuple[OutputOptions, list[Origin]]:
    """Width and colour, from the option, the environment, the file and the output stream."""
    from briefing.delivery.console import (
        DEFAULT_MEASURE,
        color_from_environment,
        detect_width,
        is_tty,
        wants_color,
    )

    environ = environment.environ
    default = _("default")
    stream = environment.stdout or sys.stdout
    injected = environment.output
    is_terminal = injected.is_terminal if injected is not None else is_tty(stream)

    measure, measure_from = DEFAULT_MEASURE, default
    if config.get("measure") is not None:
        measure, measure_from = config.entries["measure"].value, config.where("measure")
    if values.get("width") is not None:
        width, width_from = values["width"], "--width"
    elif config.get("width") is not None:
        width, width_from = config.entries["width"].value, config.where("width")
    elif injected is not None:
        width, width_from = injected.width, default
    else:
        columns = detect_width(stream, is_terminal, environ)
        width = min(measure, columns)
        if environ.get("COLUMNS", "").isdigit():
            width_from = "COLUMNS"
        elif is_terminal:
            width_from = _("terminal")
        else:
            width_from = default
        if width < columns:
            width_from = _("measure ({source})").format(source=measure_from)

    flag = values.get("color")
    by_env = color_from_environment(environ)
    entry = config.get("color")
    if flag is not None:
        choice, color_from = flag, "--color"
    elif by_env is not None:
        choice, color_from = ("never" if by_env == "NO_COLOR" else "always"), by_env
    elif entry is not None:
        choice, color_from = entry.value.casefold(), config.where("color")
    else:
        choice, color_from = "auto", default
    if choice == "auto" and injected is not None:
        color = injected.color
    else:
        color = wants_color(choice, is_terminal, environ)
    output = OutputOptions(is_terminal=is_terminal, width=width, color=color)
    on_off = _("on") if color else _("off")
    return output, [
        Origin("width", str(width), width_from),
        Origin("measure", str(measure), measure_from),
        Origin("color", f"{choice} ({on_off})", color_from),
    ]


def _pager(
    values: Mapping[str, Any], environment: Environment, config: Config, output: OutputOptions
) -> tuple[bool, str, list[Origin]]:
    """Whether to page and with what: on a terminal unless turned off, never when piped."""
    from briefing.delivery.console import is_tty

    environ = environment.environ
    default = _("default")
    entry = config.get("pager")
    flag = values.get("pager")
    if flag is not None:
        wanted, wanted_from = bool(flag), "--pager" if flag else "--no-pager"
    elif entry is not None and isinstance(entry.value, bool):
        wanted, wanted_from = entry.value, config.where("pager")
    else:
        wanted, wanted_from = True, default
    if PAGER_ENV in environ:
        command, command_from = environ[PAGER_ENV], PAGER_ENV
    elif entry is not None and isinstance(entry.value, str):
        command, command_from = entry.value, config.where("pager")
    elif "PAGER" in environ:
        command, command_from = environ["PAGER"], "PAGER"
    else:
        command, command_from = DEFAULT_PAGER, default
    if command.strip() in ("", "cat"):  # as in git: an empty pager or cat means no pager
        wanted, wanted_from = False, command_from
    # Asked for by name, the pager follows the output options (tests stand in for a terminal);
    # by default it needs a real terminal on stdout.
    real = is_tty(environment.stdout or sys.stdout)
    on = wanted and output.is_terminal and (flag is not None or real)
    state = _("on") if wanted else _("off")
    return (
        on,
        command,
        [
            Origin("pager", state, wanted_from),
            Origin("pager_command", command, command_from),
        ],
    )
