"""Loading and validation: every problem, with its line and column, on both YAML parsers."""

from __future__ import annotations

import json

import pytest
import yaml

from briefing.errors import DataError, ValidationError
from briefing.model import PartialDate
from briefing.reading.files import decode
from briefing.reading.loader import load, parse
from tests.conftest import DEFAULT_FILE, default_briefing, minimal

PARSERS = [pytest.param(False, id="libyaml"), pytest.param(True, id="pure")]
if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover
    PARSERS = [pytest.param(True, id="pure")]


def problems(text: str, pure: bool) -> list[str]:
    with pytest.raises(ValidationError) as info:
        parse(text, "f.yaml", pure)
    return [str(p) for p in info.value.problems]


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_default_briefing_is_valid_on_both_parsers():
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    assert parse(text, "x", pure=False) == parse(text, "x", pure=True)


def test_default_briefing_content():
    brief = default_briefing()
    ids = [t.id for t in brief.themes]
    assert {"intelligence", "logistics", "industry"} <= set(ids)
    french = {"intelligence": "renseignement", "logistics": "logistique", "industry": "industrie"}
    for theme_id, alias in french.items():
        assert alias in brief.theme(theme_id).aliases
    assert all(t.description for t in brief.themes)
    used = {t for i in brief.items for t in i.themes}
    assert used == set(ids), "every theme covers at least one item"
    for entry in [*brief.items, *brief.timeline]:
        assert entry.sources and all(r.locator for r in entry.sources)
    assert any(i.open_questions for i in brief.items if "intelligence" in i.themes)
    assert any("Israeli authorities" in (i.attribution or "") for i in brief.items)


@pytest.mark.parametrize("pure", PARSERS)
def test_every_problem_reported_with_line_and_column(pure):
    text = """\
briefing: 1
id: test
title: Test
as_of: "2026"
summary: ok
themes:
  - id: alpha
    title: Alpha
items:
  - id: one
    title: One
    themes: [alpah]
    summary: s
    sources: [{source: nowhere}]
    stauts: planned
sources:
  - id: src
    title: Source
"""
    assert problems(text, pure) == [
        "f.yaml:12:14: items[0].themes[0]: `alpah` is not a declared theme id "
        "(did you mean `alpha`?): use one of alpha",
        "f.yaml:14:24: items[0].sources[0].source: `nowhere` is not a declared source id: "
        "use one of src",
        "f.yaml:15:5: items[0].stauts: unknown key `stauts` (did you mean `status`?)",
    ]


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("NO", "`NO`, read as a boolean"),
        ("on", "`on`, read as a boolean"),
        ("1.10", "`1.10`, read as a number"),
        ("1:30", "`1:30`, read as a number"),
        ("0777", "`0777`, read as a number"),
        (".nan", "`.nan`, read as a number"),
        ("2025-12-01", "`2025-12-01`, read as a date"),
        ("~", "an empty value"),
        ("", "an empty value"),
    ],
)
def test_yaml_typing_never_changes_text(pure, written, shown):
    text = dump(minimal()).replace("title: Test plan", f"title: {written}")
    (problem,) = problems(text, pure)
    assert problem.startswith(
        f"f.yaml:3:{8 if written else 7}: title: expected text, found {shown}"
    )
    if written:
        assert problem.endswith(f'quote it, "{written}"')
    else:
        assert problem.endswith("write the text or remove the key")


@pytest.mark.parametrize("pure", PARSERS)
def test_quoted_and_tagged_text_stays_text(pure):
    text = dump(minimal()).replace("title: Test plan", "title: !!str NO")
    assert parse(text, "f", pure).title == "NO"
    text = dump(minimal()).replace("title: Test plan", "title: '1:30'")
    assert parse(text, "f", pure).title == "1:30"


@pytest.mark.parametrize("pure", PARSERS)
def test_dates_are_kept_as_written(pure):
    text = dump(minimal(as_of="2025-12-01")).replace("'2025-12-01'", "2025-12-01")
    assert "as_of: 2025-12-01\n" in text
    assert str(parse(text, "f", pure).as_of) == "2025-12-01"
    text = dump(minimal()).replace("as_of: 2026-01", "as_of: 2026")
    (problem,) = problems(text.replace("'2026-01'", "2026"), pure)
    assert problem == (
        "f.yaml:4:8: as_of: expected a date as text, "
        'found `2026`, read as a number: quote it, "2026"'
    )


@pytest.mark.parametrize("pure", PARSERS)
def test_duplicate_keys_report_both_lines(pure):
    text = dump(minimal()).replace("title: Test plan\n", "title: Test plan\ntitle: Again\n", 1)
    assert problems(text, pure) == [
        "f.yaml:4:1: title: duplicate key `title` (first at line 3): remove one of them"
    ]


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(("first", "second"), [("yes", "on"), ("1", "1.0"), ("null", "~")])
def test_keys_that_collide_after_typing(pure, first, second):
    text = dump(minimal()) + f"x-a:\n  {first}: 1\n  {second}: 2\n"
    found = problems(text, pure)
    assert any(f"duplicate key `{second}`" in p for p in found), found


@pytest.mark.parametrize("pure", PARSERS)
def test_language_tags_are_refused_and_never_run(pure, tmp_path):
    marker = tmp_path / "ran"
    text = dump(minimal()) + f"x-evil: !!python/object/apply:os.system ['touch {marker}']\n"
    (problem,) = problems(text, pure)
    assert "the tag !!python/object/apply:os.system is not allowed" in problem
    assert not marker.exists()


@pytest.mark.parametrize("pure", PARSERS)
def test_alias_bomb_is_refused_fast(pure):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        prev = f"*a{n - 1}"
        lines.append(f"a{n}: &a{n} [{', '.join([prev] * 9)}]")
    bomb = "\n".join(f"  {line}" for line in lines)
    text = dump(minimal()) + "x-bomb:\n" + bomb + "\n"
    found = problems(text, pure)
    # Reading stops at the first alias: one problem, nothing built from the rest.
    assert found == [
        "f.yaml:75:12: x-bomb.a1[0]: aliases (*a0) are not supported: write the value out in full"
    ]


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize("depth", [100, 5000])
def test_deep_nesting_is_refused(pure, depth):
    text = dump(minimal()) + "x-deep: " + "[" * depth + "]" * depth + "\n"
    (problem,) = problems(text, pure)
    # libyaml stops at 1,000 levels while scanning ahead; the reader stops at 64.
    assert "nesting deeper than 64 levels" in problem or "maximum nesting depth" in problem
    if depth == 100:
        assert "nesting deeper than 64 levels" in problem


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("just text\n", "expected a briefing (a mapping), found text"),
        ("- a\n- b\n", "expected a briefing (a mapping), found a list"),
        ("a: 1\n---\nb: 2\n", "a second YAML document"),
        ("a: 1\n---\nb: 2\n", "a briefing needs the key `id`"),
        ("a: [1\n", "unclosed bracket: the `[` opened here is not closed"),
        ("a: b: c\n", "a plain value cannot contain"),
    ],
)
def test_files_that_are_not_briefings(pure, text, message):
    found = problems(text, pure)
    assert any(message in p for p in found), found


def test_invalid_utf8_and_byte_order_mark():
    with pytest.raises(ValidationError) as info:
        decode(b"title: ok\nsummary: caf\xe9\n", "f.yaml")
    assert str(info.value.problems[0]) == (
        "f.yaml:2:13: not valid UTF-8 (byte 0xe9): save the file as UTF-8"
    )
    text = decode("\ufeff".encode() + dump(minimal()).encode(), "f.yaml")
    assert parse(text, "f.yaml").title == "Test plan"


def test_size_cap_from_environment(write, monkeypatch):
    path = write(minimal())
    monkeypatch.setenv("BRIEFING_MAX_BYTES", "100")
    with pytest.raises(DataError) as info:
        load([str(path)])
    assert info.value.lines() == [
        f"{path}: larger than the 100-byte limit; "
        "raise it with BRIEFING_MAX_BYTES=<bytes> if the file is trusted"
    ]


@pytest.mark.parametrize("pure", PARSERS)
def test_theme_names_belong_to_one_theme(pure):
    data = minimal()
    data["themes"][1]["aliases"] = ["ALPHA"]
    found = problems(dump(data), pure)
    assert found == [
        "f.yaml:18:5: themes[1].aliases[0]: `ALPHA` already names theme `alpha` (themes[0]): "
        "each name belongs to one theme"
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [("a  b", "a b"), ("caf\u00e9", "cafe\u0301"), ("Ｆｕｌｌ", "full"), ("Straße", "STRASSE")],
)
def test_theme_names_that_differ_only_in_spacing_or_normalisation_are_one_name(first, second):
    data = minimal()
    data["themes"][0]["title"] = first
    data["themes"][1]["title"] = second
    found = problems(dump(data), False)
    assert len(found) == 1 and "already names theme `alpha` (themes[0])" in found[0], found


def test_a_theme_is_chosen_by_its_title_in_any_normal_form(run, write):
    data = minimal()
    data["themes"][1]["title"] = "Caf\u00e9  au lait"
    path = write(data)
    for given in ("cafe\u0301 au lait", "CAFÉ AU  LAIT"):
        shown = run("--data", str(path), "show", "--theme", given, "--format", "json")
        assert shown.exit_code == 0, shown.stderr
        assert json.loads(shown.stdout)["filter"]["themes"] == ["beta"]


@pytest.mark.parametrize("pure", PARSERS)
def test_missing_required_keys_and_empty_lists(pure):
    data = minimal(items=[])
    del data["summary"]
    found = problems(dump(data), pure)
    assert any("a briefing needs the key `summary`" in p for p in found)
    assert any("items: needs at least 1 entry, found none" in p for p in found)


@pytest.mark.parametrize("pure", PARSERS)
def test_version_other_than_one_two_or_three(pure):
    (problem,) = problems(dump(minimal(briefing=4)), pure)
    assert "format version 4 is not supported: this tool reads versions 1, 2 or 3" in problem


@pytest.mark.parametrize("pure", PARSERS)
def test_x_keys_are_ignored_anywhere(pure):
    data = minimal()
    data["x-note"] = {"anything": [1, 2]}
    data["items"][0]["x-review"] = "later"
    assert parse(dump(data), "f", pure) == parse(dump(minimal()), "f", pure)


@pytest.mark.parametrize(
    ("text", "order"),
    [("2027", 0), ("2027-01", 1), ("2027-01-01", 2), ("2027-02", 3)],
)
def test_partial_dates_order(text, order):
    dates = sorted(
        [PartialDate.parse(t) for t in ("2027-02", "2027-01-01", "2027", "2027-01")],
        key=PartialDate.sort_key,
    )
    assert str(dates[order]) == text


@pytest.mark.parametrize("bad", ["2027-13", "2027-02-30", "27", "2027/01"])
def test_impossible_dates(bad):
    with pytest.raises(ValueError):
        PartialDate.parse(bad)
