"""The run's settings, resolved once from the options and the environment, then passed down."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from . import i18n
from .errors import UsageError
from .i18n import _
from .output import OutputOptions


@dataclass(frozen=True)
class Environment:
    """What the process was given: environment variables and the output stream.

    Tests build one directly; `output`, when set, replaces what would be
    detected from the stream (terminal or not, width, colour).
    """

    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    output: OutputOptions | None = None
    stdout: TextIO | None = None

    def detect_output(self, width: int | None = None) -> OutputOptions:
        """The output options of this stream and environment (or those given)."""
        if self.output is not None:
            return self.output if width is None else replace(self.output, width=width)
        return OutputOptions.detect(self.stdout or sys.stdout, width=width, environ=self.environ)


@dataclass(frozen=True)
class Settings:
    """Everything a command needs to know about this run besides its own options."""

    language: str = i18n.DEFAULT
    language_asked: bool = False  # asked for, so a missing translation is worth a notice
    data: tuple[str, ...] = ()
    briefing: str | None = None
    output: OutputOptions = field(default_factory=OutputOptions)
    pager: bool = False
    debug: bool = False
    environ: Mapping[str, str] = field(default_factory=dict)


def choose_language(requested: str | None, environ: Mapping[str, str]) -> tuple[str, bool]:
    """The language for this run and whether it was asked for (flag or environment).

    An unknown `--lang` is a usage error; an unknown language in the
    environment gives way to the next source, as POSIX locales do.
    """
    if requested is not None:
        tag = i18n.normalize(requested)
        if tag not in i18n.SUPPORTED:
            from .schema import did_you_mean

            raise UsageError(
                _("unknown language `{lang}`").format(lang=tag) + did_you_mean(tag, i18n.SUPPORTED),
                _("choose one of: {langs}").format(langs=", ".join(i18n.SUPPORTED)),
            )
        return tag, True
    return i18n.choose(None, environ), i18n.from_environment(environ)


def resolve(values: Mapping[str, Any], environment: Environment) -> Settings:
    """Build the settings from converted option values and the environment."""
    language, asked = choose_language(values.get("lang"), environment.environ)
    return Settings(
        language=language,
        language_asked=asked,
        data=tuple(values.get("data") or ()),
        briefing=values.get("briefing"),
        output=environment.detect_output(values.get("width")),
        pager=bool(values.get("pager")),
        debug=bool(values.get("debug")),
        environ=environment.environ,
    )
