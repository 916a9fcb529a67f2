"""Rules written once and read in several places agree wherever they are read."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from briefing.model import DATE_PATTERN, PartialDate, days_in_month

_PIECES = st.tuples(
    st.integers(0, 9999),
    st.one_of(st.none(), st.integers(0, 99)),
    st.one_of(st.none(), st.integers(0, 99)),
)


def _text(year: int, month: int | None, day: int | None) -> str:
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text


@given(_PIECES)
def test_the_date_pattern_and_the_date_parser_accept_the_same_shapes(pieces):
    text = _text(*pieces)
    shaped = re.fullmatch(DATE_PATTERN, text) is not None
    try:
        date = PartialDate.parse(text)
    except ValueError:
        date = None
    if date is not None:
        assert shaped, text  # the published schema never refuses a date the tool reads
        assert str(date) == text
    elif shaped:  # only a day its month does not have, which JSON Schema cannot say
        year, month, day = pieces
        assert month is not None and day is not None and day > days_in_month(year, month), text


@given(st.text(max_size=12))
def test_any_text_the_parser_reads_has_the_published_shape(text):
    try:
        PartialDate.parse(text)
    except ValueError:
        return
    assert re.fullmatch(DATE_PATTERN, text), text


def test_a_day_in_year_zero_has_its_place_on_the_time_axis():
    from briefing.formats.views import date_span

    start, end = date_span(PartialDate(0, 2, 29))  # year 0 is a leap year
    assert 0 < start < end < 1


def test_the_assessment_rule_is_the_validators_and_the_schemas():
    from briefing.reading.jsonschema import json_schema
    from briefing.reading.validate import validate
    from tests.conftest import minimal

    text = str(json_schema())
    assert "'const': 'assessment'" in text and "'likelihood': False" in text
    data = minimal()
    data["items"][0].update(kind="assessment")
    assert any("needs the key `confidence`" in f.message for f in validate(data))
    data["items"][0].update(kind="report", likelihood="likely")
    assert any("belongs to an assessment" in f.message for f in validate(data))
