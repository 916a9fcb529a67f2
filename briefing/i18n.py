"""Languages: which one to use, the interface's translations (gettext), and natural dates.

The language comes from `--lang`, else BRIEFING_LANG, else the POSIX locale
(LC_ALL, LC_MESSAGES, LANG), else English. Interface text is looked up in the
gettext catalogs under `briefing/locale`; briefing content comes from the
data's own translations (see loader.select).
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

DOMAIN = "briefing"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.realpath(__file__)), "locale")
DEFAULT = "en"
SUPPORTED = ("en", "fr")
LANG_ENV = "BRIEFING_LANG"

_catalog: _gettext.NullTranslations = _gettext.NullTranslations()
current = DEFAULT
# The language tag of the briefing being written (`en-GB`): dates follow its region.
_dating: ContextVar[str | None] = ContextVar("dating", default=None)


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


@contextmanager
def dating(tag: str) -> Iterator[None]:
    """Write dates inside the block as the briefing's language tag does (`en-GB`: 15 March 2027).

    The tag counts only where its language is the interface's: a French
    interface over an `en-GB` briefing writes French dates, like its labels.
    """
    token = _dating.set(tag)
    try:
        yield
    finally:
        _dating.reset(token)


def _date_locale() -> str:
    """The Babel locale dates are written in: the briefing's tag if it speaks the interface's."""
    tag = _dating.get()
    if tag and normalize(tag) == current and tag.lower() != current:
        from babel import Locale, UnknownLocaleError

        try:
            return str(Locale.parse(tag, sep="-"))
        except (ValueError, UnknownLocaleError):  # a region Babel does not know: the language's
            pass
    return current


def N_(message: str) -> str:
    """Mark a label for translation where it is defined; `_()` translates it where it is shown."""
    return message


def _(message: str) -> str:
    """Translate an interface label."""
    return _catalog.gettext(message)


def everywhere(message: str) -> list[str]:
    """A label as every supported language says it, the default's first, each once."""
    said = [message]
    for language in SUPPORTED:
        if language != DEFAULT:
            catalog = _gettext.translation(
                DOMAIN, localedir=str(LOCALE_DIR), languages=[language], fallback=True
            )
            said.append(catalog.gettext(message))
    return list(dict.fromkeys(said))


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


def format_date(date: DateLike, language: str | None = None, tag: str | None = None) -> str:
    """A partial date as people write it: `2025`, `December 2025` / `décembre 2025`, or a day.

    `tag`, a briefing's language tag, says whose dates these are (see `dating`).
    """
    if date.month is None:
        return str(date.year)
    if tag is not None:
        with dating(tag):
            return format_date(date, language)
    locale = language or _date_locale()
    written = PLAIN_DATES.get(locale)
    if written is None:
        return babel_date(date, locale)
    months, day_pattern, month_pattern = written
    month = months[date.month - 1]
    if date.day is None:
        return month_pattern.format(month=month, year=date.year)
    return day_pattern.format(month=month, day=date.day, year=date.year)


# Dates in the interface's own languages, written without loading Babel's code and locale
# data (about 20 ms of every start-up): CLDR's wide month names, its long date pattern and
# its `yMMMM` pattern, as Babel gives them for `en` and `fr`. A test holds this table to
# Babel's output for every month and day; any other locale (`en-GB`) goes through Babel.
PLAIN_DATES: dict[str, tuple[tuple[str, ...], str, str]] = {
    "en": (
        (
            "January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December",
        ),
        "{month} {day}, {year}",
        "{month} {year}",
    ),
    "fr": (
        (
            "janvier", "février", "mars", "avril", "mai", "juin",
            "juillet", "août", "septembre", "octobre", "novembre", "décembre",
        ),
        "{day} {month} {year}",
        "{month} {year}",
    ),
}  # fmt: skip


def babel_date(date: DateLike, locale: str) -> str:
    """A partial date as Babel writes it in `locale` (a year alone is its digits)."""
    if date.month is None:
        return str(date.year)
    import datetime

    from babel.dates import format_date as babel_format
    from babel.dates import format_skeleton

    # Python's dates start at year 1, the data contract's at year 0. Year 0 is
    # formatted as 2000, which sits at the same place in the 400-year Gregorian
    # cycle (a leap year, the same weekdays), and the year is then written back.
    year = date.year if date.year >= 1 else _PROXY_YEAR
    day = datetime.date(year, date.month, date.day or 1)
    if date.day is None:
        text = format_skeleton("yMMMM", day, locale=locale)
    else:
        text = babel_format(day, format="long", locale=locale)
    if year != date.year:
        proxy = str(_PROXY_YEAR)
        # A locale that writes the year otherwise (other digits) gets the ISO form.
        text = text.replace(proxy, str(date.year)) if proxy in text else str(date)
    return text


_PROXY_YEAR = 2000


def as_of(
    date: DateLike,
    show: Callable[[str], str] | None = None,
    plain: Callable[[str], str] | None = None,
) -> str:
    """The as-of fact as a phrase of its precision: `As of 2025`, `Situation au 15 mars 2026`.

    French says `en 2025`, `en janvier 2027` but `au 15 mars 2026`, so each
    precision has its own message. `show` turns the written date into markup
    (an HTML `<time>`), `plain` escapes the words around it for the format.
    """
    templates = (_("As of {year}"), _("As of {month}"), _("As of {day}"))
    return _by_precision(date, templates, show, plain)


def seen_since(date: DateLike) -> str:
    """`, seen since 2025`, by precision: French `depuis juin 2025` but `depuis le 3 juin 2025`."""
    return _by_precision(
        date, (_(", seen since {year}"), _(", seen since {month}"), _(", seen since {day}"))
    )


def _by_precision(
    date: DateLike,
    templates: tuple[str, str, str],
    show: Callable[[str], str] | None = None,
    plain: Callable[[str], str] | None = None,
) -> str:
    """A date written into the template of its precision (year, month, day), already translated."""
    if date.month is None:
        template, key = templates[0], "{year}"
    elif date.day is None:
        template, key = templates[1], "{month}"
    else:
        template, key = templates[2], "{day}"
    before, _found, after = template.partition(key)
    written = format_date(date)
    return _escaped(before, plain) + (show(written) if show else written) + _escaped(after, plain)


def _escaped(words: str, plain: Callable[[str], str] | None) -> str:
    """Words escaped for a format, keeping the spaces at their edges (an escaper may trim them)."""
    core = words.strip()
    if plain is None or not core:
        return words
    start = words.index(core)
    return words[:start] + plain(core) + words[start + len(core) :]
