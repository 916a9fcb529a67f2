"""Languages: which one to use, the interface's translations (gettext), and natural dates.

The language comes from `--lang`, else BRIEFING_LANG, else the POSIX locale
(LC_ALL, LC_MESSAGES, LANG), else English. Interface text is looked up in the
gettext catalogs under `briefing/locale`; briefing content comes from the
data's own translations (see loader.select).
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Protocol

DOMAIN = "briefing"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.realpath(__file__)), "locale")
DEFAULT = "en"
SUPPORTED = ("en", "fr")
LANG_ENV = "BRIEFING_LANG"

_catalog: _gettext.NullTranslations = _gettext.NullTranslations()
current = DEFAULT


def _tag(value: str) -> str | None:
    """`fr_FR.UTF-8`, `fr-CA` or `FR` -> `fr`; None for C, POSIX or empty values."""
    base = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return None if base in ("", "c", "posix") else base


def normalize(requested: str) -> str:
    """`FR`, `fr-FR` or `fr_FR.UTF-8` -> `fr`: the language part of a tag, in lower case."""
    return _tag(requested) or requested.lower()


def locale_variable(env: Mapping[str, str]) -> str | None:
    """The variable that sets the locale's language: the first set of LC_ALL, LC_MESSAGES, LANG.

    The one place that knows their order; `C` and `POSIX` count as set.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name, ""):
            return name
    return None


def _locale_tag(env: Mapping[str, str]) -> str | None:
    """The language of the POSIX locale; None for `C`, `POSIX` or nothing set."""
    name = locale_variable(env)
    return None if name is None else _tag(env[name])


def choose(requested: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Return the language to use: `--lang`, BRIEFING_LANG, the POSIX locale, else English.

    A language briefing does not speak, named in the environment, gives way to
    the next source.
    """
    env = os.environ if environ is None else environ
    if requested:
        return normalize(requested)
    for tag in (_tag(env.get(LANG_ENV, "")), _locale_tag(env)):
        if tag in SUPPORTED:
            return tag
    return DEFAULT


def from_environment(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the environment asks for a language briefing speaks (not just a C locale)."""
    env = os.environ if environ is None else environ
    return any(tag in SUPPORTED for tag in (_tag(env.get(LANG_ENV, "")), _locale_tag(env)))


def activate(language: str) -> None:
    """Use this language's catalog for every label printed from now on."""
    global _catalog, current
    current = language if language in SUPPORTED else DEFAULT
    _catalog = _gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[current], fallback=True
    )


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Use a language's catalog inside the block (labels written into data, such as CSV cells).

    A language the interface has no catalog for gets the default's labels.
    """
    saved = current
    activate(normalize(language))
    try:
        yield
    finally:
        activate(saved)


def N_(message: str) -> str:
    """Mark a label for translation where it is defined; `_()` translates it where it is shown."""
    return message


def _(message: str) -> str:
    """Translate an interface label."""
    return _catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a label that depends on a count."""
    return _catalog.ngettext(singular, plural, count)


class DateLike(Protocol):
    """What a date needs for display: a year, and maybe a month and a day (a model PartialDate)."""

    @property
    def year(self) -> int: ...  # noqa: D102
    @property
    def month(self) -> int | None: ...  # noqa: D102
    @property
    def day(self) -> int | None: ...  # noqa: D102


def format_date(date: DateLike, language: str | None = None) -> str:
    """A partial date as people write it: `2025`, `December 2025` / `décembre 2025`, or a day."""
    if date.month is None:
        return str(date.year)
    import datetime

    from babel.dates import format_date as babel_date
    from babel.dates import format_skeleton

    locale = language or current
    # Python's dates start at year 1, the data contract's at year 0. Year 0 is
    # formatted as 2000, which sits at the same place in the 400-year Gregorian
    # cycle (a leap year, the same weekdays), and the year is then written back.
    year = date.year if date.year >= 1 else _PROXY_YEAR
    day = datetime.date(year, date.month, date.day or 1)
    if date.day is None:
        text = format_skeleton("yMMMM", day, locale=locale)
    else:
        text = babel_date(day, format="long", locale=locale)
    if year != date.year:
        proxy = str(_PROXY_YEAR)
        # A locale that writes the year otherwise (other digits) gets the ISO form.
        text = text.replace(proxy, str(date.year)) if proxy in text else str(date)
    return text


_PROXY_YEAR = 2000
