"""Valid means renderable: any briefing the validator accepts renders in every view and format.

Briefings are generated at the edges of the data contract (years 0 to 9999,
partial dates, empty optional lists, long and wide text, every kind of
character), written as YAML, loaded through the real reader and validator,
then rendered in every registered format and every interface language.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from briefing import i18n
from briefing.commands.narrowing import narrow
from briefing.delivery.console import MAX_WIDTH, MIN_WIDTH, OutputOptions
from briefing.errors import ValidationError
from briefing.formats import FORMATS, able, get
from briefing.model import Briefing, days_in_month
from briefing.reading.contract import SLUG
from briefing.reading.loader import parse

# Pieces of text that are hard on layout: combining marks, wide CJK, emoji
# sequences, right-to-left scripts and direction overrides, controls and
# terminal escapes, zero-width characters, Markdown and Rich markup.
PIECES = [
    "e\u0301",
    "a\u0308\u0323",
    "中文字",
    "ｗｉｄｅ",
    "👩\u200d👩\u200d👧",
    "🇲🇦",
    "مرحبا",
    "שלום",
    "\u202eevil\u202c",
    "\x07",
    "\x1b[31m",
    "\t",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\r\n",
    "[bold]x[/bold]",
    "*_`#|<b>",
    "\\",
    " ",
    "word",
    "-",
    ":",
]

_CHARACTERS = st.characters(exclude_categories=("Cs",))  # lone surrogates are not UTF-8
TEXT = st.one_of(
    st.text(_CHARACTERS, min_size=1, max_size=40),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join),
    st.sampled_from(PIECES).map(lambda piece: piece * 300),  # the longest, widest words
).filter(lambda text: text.strip() != "")
SLUG_TEXT = st.one_of(
    st.from_regex(SLUG, fullmatch=True).filter(lambda s: len(s) <= 40),
    st.just("a" + "-b" * 150),  # a long id that cannot be wrapped at a hyphen by accident
)
LANG = st.sampled_from(["en", "fr", "ar", "he", "zh-Hant", "ber-Tfng-MA"])
URL = st.sampled_from(
    ["https://example.org/", "http://[::1]:8080/a?b=c#d", "https://e.org/" + "x" * 500]
)
STATUS = st.sampled_from(["planned", "under-way", "completed", "unclear"])


@st.composite
def dates(draw: st.DrawFn) -> str:
    """A partial date from year 0 to 9999: a year, a month or a day."""
    year = draw(st.one_of(st.sampled_from([0, 1, 9999, 2000, 1900]), st.integers(0, 9999)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    day = draw(st.integers(1, days_in_month(year, month)))
    return f"{year:04d}-{month:02d}-{day:02d}"


def maybe(draw: st.DrawFn, entry: dict[str, Any], key: str, strategy: Any) -> None:
    """Set an optional key, or leave it out."""
    if draw(st.booleans()):
        entry[key] = draw(strategy)


@st.composite
def briefings(draw: st.DrawFn) -> dict[str, Any]:
    """Plain data for one valid briefing, at the edges of the contract."""
    theme_ids = draw(st.lists(SLUG_TEXT, min_size=1, max_size=3, unique=True))
    source_ids = draw(st.lists(SLUG_TEXT, min_size=1, max_size=3, unique=True))
    themes = []
    names: set[str] = {t.casefold() for t in theme_ids}
    for theme_id in theme_ids:
        title = draw(TEXT)
        aliases = draw(st.lists(TEXT, max_size=2))
        for name in {n.casefold() for n in (title, *aliases)}:
            assume(name not in names)  # every name belongs to one theme
            names.add(name)
        names.add(theme_id)
        theme: dict[str, Any] = {"id": theme_id, "title": title, "aliases": aliases}
        maybe(draw, theme, "description", TEXT)
        themes.append(theme)

    def refs(min_size: int) -> Any:
        ref = st.fixed_dictionaries(
            {"source": st.sampled_from(source_ids)}, optional={"locator": TEXT}
        )
        return st.lists(ref, min_size=min_size, max_size=2)

    item_ids = draw(st.lists(SLUG_TEXT, min_size=1, max_size=3, unique=True))
    items = []
    for item_id in item_ids:
        item: dict[str, Any] = {
            "id": item_id,
            "title": draw(TEXT),
            "themes": draw(
                st.lists(st.sampled_from(theme_ids), min_size=1, max_size=3, unique=True)
            ),
            "summary": draw(TEXT),
            "sources": draw(refs(1)),
        }
        maybe(draw, item, "status", STATUS)
        maybe(draw, item, "attribution", TEXT)
        maybe(draw, item, "open_questions", st.lists(TEXT, max_size=2))
        items.append(item)
    timeline = []
    for _ in range(draw(st.integers(0, 3))):
        entry: dict[str, Any] = {"date": draw(dates()), "title": draw(TEXT)}
        maybe(draw, entry, "themes", st.lists(st.sampled_from(theme_ids), max_size=2, unique=True))
        maybe(draw, entry, "sources", refs(0))
        timeline.append(entry)
    sources = []
    for source_id in source_ids:
        source: dict[str, Any] = {"id": source_id, "title": draw(TEXT)}
        maybe(draw, source, "kind", TEXT)
        maybe(draw, source, "language", LANG)
        maybe(draw, source, "published", dates())
        maybe(draw, source, "url", URL)
        sources.append(source)
    data: dict[str, Any] = {
        "briefing": 1,
        "id": draw(SLUG_TEXT),
        "title": draw(TEXT),
        "as_of": draw(dates()),
        "summary": draw(st.lists(TEXT, min_size=1, max_size=3).map("\n\n".join)),
        "themes": themes,
        "items": items,
        "sources": sources,
    }
    maybe(draw, data, "subtitle", TEXT)
    maybe(draw, data, "language", LANG)
    maybe(draw, data, "parties", st.lists(st.fixed_dictionaries({"name": TEXT}), max_size=2))
    maybe(draw, data, "timeline", st.just(timeline))
    return data


def render_everything(briefing: Briefing, options: OutputOptions) -> None:
    """Render every view of this briefing in every registered format that shows it."""
    from briefing.commands.tracking import watch
    from briefing.errors import DataError

    watched = watch(briefing, briefing.as_of, 90)
    commands = {"briefing": "show", "themes": "themes", "timeline": "timeline"}
    for name, shown in FORMATS.items():
        renderer = get(name)
        views: list[tuple[str, Callable[[Any, OutputOptions], str]]] = [
            (view, able(getattr(renderer, view), name, view))
            for view in ("briefing", "themes", "timeline", "sources")
            if shown.shows(commands.get(view, view))
        ]
        shown_data: dict[str, object] = {"watch": watched, "list": [briefing]}
        if shown.shows("watch"):
            views.append(("watch", able(renderer.watch, name, "watch")))
        if shown.shows("list"):
            catalog = able(renderer.catalog, name, "list")
            views.append(("list", lambda listed, shown_as, c=catalog: c(listed, shown_as, ())))
        for view, render in views:
            try:
                out = render(shown_data.get(view, briefing), options)
            except DataError as exc:
                # Only a calendar refuses a date (iCalendar holds years 1 to 9999), and says so.
                assert name == "ics" and "9999" in exc.message, (name, view)
                continue
            assert isinstance(out, str) and out.strip(), (name, view)


EDGE = {
    "briefing": 1,
    "id": "edge",
    "title": "中文字" * 200,
    "as_of": "0000-12",
    "summary": "e\u0301\u202e\x07",
    "themes": [{"id": "a", "title": "A", "aliases": []}],
    "items": [
        {
            "id": "i",
            "title": "👩\u200d👩\u200d👧",
            "themes": ["a"],
            "summary": "مرحبا",
            "sources": [{"source": "s"}],
            "open_questions": [],
        }
    ],
    "timeline": [{"date": "0000-02-29", "title": "leap"}, {"date": "9999-12-31", "title": "end"}],
    "sources": [{"id": "s", "title": "S", "published": "0000"}],
}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    data=briefings(),
    width=st.sampled_from([MIN_WIDTH, 33, 80, MAX_WIDTH]),
    color=st.booleans(),
    language=st.sampled_from(i18n.SUPPORTED),
)
@example(data=EDGE, width=MIN_WIDTH, color=True, language="en")
@example(data=EDGE, width=80, color=False, language="fr")
def test_every_valid_briefing_renders_in_every_view_and_format(
    data: dict[str, Any], width: int, color: bool, language: str
) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    try:
        briefing = parse(text, "generated.yaml")
    except ValidationError as exc:  # the generator must make only valid briefings
        raise AssertionError("\n".join(exc.lines()) + "\n" + text) from None
    i18n.activate(language)
    try:
        options = OutputOptions(is_terminal=True, width=width, color=color, front_matter=color)
        render_everything(briefing, options)
        narrowed = narrow(briefing, (briefing.themes[-1].id,), briefing.items[0].title[:3])
        render_everything(narrowed, options)
    finally:
        i18n.activate("en")


def test_the_contract_calendar_agrees_with_python_and_has_year_0() -> None:
    # The calendar the contract uses agrees with Python's wherever Python has one.
    assert all(
        days_in_month(year, month) == calendar.monthrange(year, month)[1]
        for year in (1, 4, 100, 400, 1900, 2000, 2024, 9999)
        for month in range(1, 13)
    )
    assert days_in_month(0, 2) == 29  # year 0 is 1 BC, a leap year
