"""What a theme filter keeps: items, timeline entries, themes and sources."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from briefing.commands.narrowing import narrow, resolve_themes
from briefing.errors import UsageError
from briefing.formats.views import sections
from briefing.reading.loader import parse
from tests.conftest import default_briefing, minimal


@pytest.fixture
def brief():
    return parse(yaml.safe_dump(minimal(), sort_keys=False), "t.yaml")


def test_no_filter_is_the_whole_briefing(brief):
    assert narrow(brief, ()) is brief


def test_items_match_any_theme(brief):
    narrowed = narrow(brief, ("alpha",))
    assert [i.id for i in narrowed.items] == ["one", "two"]
    both = narrow(brief, ("beta", "gamma"))
    assert [i.id for i in both.items] == ["two", "three"]


def test_timeline_keeps_entries_with_a_matching_theme(brief):
    assert [e.title for e in narrow(brief, ("alpha",)).timeline] == ["Alpha event"]
    assert [e.title for e in narrow(brief, ("gamma",)).timeline] == []


def test_only_cited_sources_are_kept(brief):
    assert [s.id for s in narrow(brief, ("alpha",)).sources] == ["s1", "s2"]
    assert [s.id for s in narrow(brief, ("gamma",)).sources] == ["s3"]


def test_themes_kept_are_those_still_referenced(brief):
    narrowed = narrow(brief, ("alpha",))
    assert narrowed.focus == ("alpha",)
    # Item two also carries beta, so beta stays declared for the JSON to resolve.
    assert [t.id for t in narrowed.themes] == ["alpha", "beta"]
    assert [s.theme.id for s in sections(narrowed)] == ["alpha"]


def test_sections_show_every_item_once_and_point_from_other_themes(brief):
    shown = sections(brief)
    assert [(s.theme.id, [i.id for i in s.items], [i.id for i in s.related]) for s in shown] == [
        ("alpha", ["one"], ["two"]),
        ("beta", ["two"], []),
        ("gamma", ["three"], []),
    ]
    # Narrowed to alpha, item two is shown in full under alpha, its first matching theme.
    narrowed = sections(narrow(brief, ("alpha",)))
    assert [(s.theme.id, [i.id for i in s.items]) for s in narrowed] == [("alpha", ["one", "two"])]


def test_a_theme_without_items_of_its_own_gets_no_section(brief):
    # Item three moves under alpha: gamma is left with nothing but a pointer to it.
    three = next(i for i in brief.items if i.id == "three")
    moved = brief._replace(
        items=tuple(i._replace(themes=("alpha", "gamma")) if i is three else i for i in brief.items)
    )
    assert [s.theme.id for s in sections(moved)] == ["alpha", "beta"]
    assert "three" in [i.id for i in sections(moved)[0].items]


def test_resolve_names(brief):
    assert resolve_themes(brief, ["FIRST", "beta", "Gamma", "alpha"]) == ("alpha", "beta", "gamma")
    with pytest.raises(UsageError) as info:
        resolve_themes(brief, ["secnd"])
    assert info.value.lines() == [
        "unknown theme `secnd` (did you mean `second`?); valid themes: alpha, beta, gamma"
    ]


def test_default_briefing_strands():
    brief = default_briefing()
    for name in ("intelligence", "logistics", "industry"):
        narrowed = narrow(brief, resolve_themes(brief, [name]))
        assert narrowed.items
        assert all(name in i.themes for i in narrowed.items)
        cited = {r.source for i in narrowed.items for r in i.sources}
        cited |= {r.source for e in narrowed.timeline for r in e.sources}
        assert {s.id for s in narrowed.sources} == cited


@given(st.sets(st.sampled_from(["alpha", "beta", "gamma"])))
def test_filter_properties(chosen):
    brief = parse(yaml.safe_dump(minimal(), sort_keys=False), "t.yaml")
    narrowed = narrow(brief, tuple(sorted(chosen)))
    if not chosen:
        assert narrowed == brief
        return
    assert set(narrowed.items) == {i for i in brief.items if chosen & set(i.themes)}
    assert set(narrowed.timeline) == {e for e in brief.timeline if chosen & set(e.themes)}
    referenced = {t for i in narrowed.items for t in i.themes} | chosen
    referenced |= {t for e in narrowed.timeline for t in e.themes}
    assert {t.id for t in narrowed.themes} == referenced
    # Filtering twice by the same themes changes nothing more.
    assert narrow(narrowed, tuple(sorted(chosen))) == narrowed
