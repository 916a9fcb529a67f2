"""Search that combines: repeated --search narrows, phrases stay phrases, punctuation is ignored."""

from __future__ import annotations

import json

import pytest

from briefing.commands.search import matches, query_of, spans, terms
from briefing.delivery.console import OutputOptions
from tests.conftest import minimal

PLAIN = OutputOptions(is_terminal=True, width=100, color=False)


@pytest.fixture
def data(write):
    briefing = minimal()
    briefing["items"][0]["title"] = "Mine-clearance training"
    briefing["items"][0]["summary"] = "Joint work on demining, started in 2025."
    briefing["items"][1]["title"] = "Mine storage"
    briefing["items"][1]["summary"] = "Clearance of old stocks, in Rabat."
    briefing["timeline"][0]["title"] = "Mine – clearance exercise"
    return str(write(briefing))


def _ids(run, data, *words):
    result = run("--data", data, "show", *words, "-f", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    return [i["id"] for i in found["items"]], [e["title"] for e in found["timeline"]], found


@pytest.mark.parametrize(
    "written",
    ["mine clearance", "mine-clearance", "Mine–clearance", "MINE  CLEARANCE", "mine/clearance"],
)
def test_punctuation_between_words_is_ignored(run, data, written):
    items, timeline, _ = _ids(run, data, "--search", written)
    # A phrase: `Mine storage` has both words, but not together.
    assert items == ["one"] and timeline == ["Mine – clearance exercise"]


def test_repeated_search_narrows(run, data):
    assert _ids(run, data, "-s", "mine")[0] == ["one", "two"]
    assert _ids(run, data, "-s", "mine", "-s", "rabat")[0] == ["two"]
    # Each term may be in another field of the item: title and summary here.
    assert _ids(run, data, "-s", "mine", "-s", "clearance")[0] == ["one", "two"]
    assert _ids(run, data, "-s", "mine", "-s", "nowhere")[0] == []
    _items, _timeline, found = _ids(run, data, "-s", "mine", "-s", "rabat")
    assert found["filter"]["search"] == "mine rabat"


def test_quotes_inside_a_value_mark_phrases(run, data):
    items, _timeline, found = _ids(run, data, "-s", '"mine clearance" demining')
    assert items == ["one"] and found["filter"]["search"] == '"mine clearance" demining'
    assert _ids(run, data, "-s", '"mine clearance" rabat')[0] == []


def test_accents_and_case_are_ignored(run, data):
    assert _ids(run, data, "-s", "DÉMINING")[0] == ["one"]


def test_terminal_highlights_each_term_over_punctuation(run, data):
    out = run("--data", data, "show", "-s", "mine clearance", options=PLAIN).stdout
    assert "Mine-clearance training" in out
    assert spans("Mine-clearance training", query_of(["mine clearance"])) == [(0, 14)]
    assert spans("mine then Rabat", query_of(["rabat", "mine"])) == [(0, 4), (10, 15)]


def test_queries_are_canonical_and_read_back():
    assert query_of(["mine  clearance"]) == '"mine clearance"'
    assert query_of(["a", "b", "a"]) == "a b"
    assert query_of(['"x y" z']) == '"x y" z'
    assert query_of(["", "   ", "--"]) is None and query_of(()) is None
    assert terms('"mine–clearance" Sécurité') == ("mine clearance", "securite")
    assert matches(["Sécurité aux frontières", "Mine-clearance"], terms('"mine clearance"'))
    assert not matches(["Mine", "clearance"], terms('"mine clearance"'))
