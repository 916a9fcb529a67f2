"""What a data author is told: a theme named by title or alias, one briefing id in two files."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from briefing import i18n
from briefing.reading.contract import BRIEFING, Field, Obj, Seq, Spec
from briefing.reading.validate import references
from briefing.reading.validate import validate as validate_read
from briefing.reading.yamlread import Reader, format_path
from tests.conftest import minimal

# The places a value names theme ids, as the contract declares them: `*` stands for
# each entry of a list.
SpecPath = tuple[str, ...]


def theme_places(spec: Spec, path: SpecPath = ()) -> list[SpecPath]:
    """Walk the contract for every field that takes theme ids."""
    if isinstance(spec, Seq):
        return theme_places(spec.of, (*path, "*"))
    if not isinstance(spec, Obj):
        return []
    found: list[SpecPath] = []
    for name, field in spec.fields.items():
        if field.refers == "themes":
            found.append((*path, name))
        else:
            found += theme_places(field.spec, (*path, name))
    return found


def every_field(spec: Spec) -> list[tuple[str, Field]]:
    if isinstance(spec, Seq):
        return every_field(spec.of)
    if not isinstance(spec, Obj):
        return []
    return [pair for name, f in spec.fields.items() for pair in [(name, f), *every_field(f.spec)]]


def test_every_field_that_takes_theme_ids_says_so():
    """A field documented as theme ids is marked, so the checks (and this test) find it."""
    documented = [f for _name, f in every_field(BRIEFING) if "theme id" in f.doc]
    assert documented and all(f.refers == "themes" for f in documented)
    assert theme_places(BRIEFING) == [("items", "*", "themes"), ("timeline", "*", "themes")]


def validate(data: dict[str, Any]) -> list[Any]:
    """Validate plain data as a file holding it is read (through the project's reader)."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return validate_read(Reader(text, "f.yaml").read())


def named_data() -> dict[str, Any]:
    """The minimal briefing, with a theme whose title is not its id in other letters."""
    data = minimal()
    data["themes"][0] = {"id": "alpha", "title": "First team", "aliases": ["premier", "Ops"]}
    return data


def first_entry_with(data: dict[str, Any], place: SpecPath) -> list[Any]:
    """The path, with indexes, of the first value at a contract place in the data."""
    found = []

    def walk(value: Any, rest: SpecPath, at: list[Any]) -> None:
        if found:
            return
        if not rest:
            found.append(at)
        elif rest[0] == "*" and isinstance(value, list):
            for index, entry in enumerate(value):
                walk(entry, rest[1:], [*at, index])
        elif isinstance(value, dict) and rest[0] in value:
            walk(value[rest[0]], rest[1:], [*at, rest[0]])

    walk(data, place, [])
    assert found, f"the fixture has no value at {place}: give it one"
    return found[0]


def put(data: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    target: Any = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


NAMES = [
    pytest.param(
        "premier",
        "`premier` is an alias of theme `alpha`: a list of themes takes ids; write `alpha`",
        "`premier` est un alias du thème `alpha` : une liste de thèmes prend des ids ; "
        "écrivez `alpha`",
        id="alias",
    ),
    pytest.param(
        "Ops",  # no slug either: one message, the one that says what to write
        "`Ops` is an alias of theme `alpha`: a list of themes takes ids; write `alpha`",
        "`Ops` est un alias du thème `alpha` : une liste de thèmes prend des ids ; écrivez `alpha`",
        id="alias-in-capitals",
    ),
    pytest.param(
        "First team",
        "`First team` is the title of theme `alpha`: a list of themes takes ids; write `alpha`",
        "`First team` est le titre du thème `alpha` : une liste de thèmes prend des ids ; "
        "écrivez `alpha`",
        id="title",
    ),
    pytest.param(
        "Alpha",
        "`Alpha` differs from theme id `alpha` only in case: write `alpha`",
        "`Alpha` ne diffère de l’id de thème `alpha` que par la casse : écrivez `alpha`",
        id="id-in-capitals",
    ),
]


@pytest.mark.parametrize("place", theme_places(BRIEFING), ids=".".join)
@pytest.mark.parametrize(("name", "english", "french"), NAMES)
def test_a_theme_named_otherwise_than_by_id_is_told_its_id(place, name, english, french):
    data = named_data()
    assert validate(data) == []
    path = [*first_entry_with(data, place), 0]
    where = format_path(tuple(path))
    for language, expected in (("en", english), ("fr", french)):
        i18n.activate(language)
        try:
            found = [(format_path(f.path), f.message) for f in validate(put(data, path, name))]
        finally:
            i18n.activate("en")
        assert found == [(where, expected)]


def test_an_unknown_theme_still_gets_the_closest_id():
    data = named_data()
    path = [*first_entry_with(data, ("items", "*", "themes")), 0]
    (finding,) = validate(put(data, path, "alpah"))
    assert finding.message == (
        "`alpah` is not a declared theme id (did you mean `alpha`?): use one of alpha, beta, gamma"
    )


def test_the_walk_finds_theme_lists_in_every_entry():
    data = named_data()
    found = [format_path(path) for path, _value in references(data, BRIEFING, "themes")]
    assert found == [
        "items[0].themes",
        "items[1].themes",
        "items[2].themes",
        "timeline[0].themes",
        "timeline[1].themes",
    ]


# One id in two files: the same briefing twice, or a translation that does not say so.


def test_two_files_with_one_id_are_named_with_the_fix(run, write, tmp_path):
    a = write(minimal(), "a.yaml")
    b = write(minimal(), "b.yaml")
    english = run("validate", str(tmp_path))
    assert english.exit_code == 1
    assert english.stdout == (
        f"{b}:2:1: id: two files define the same briefing id `test-plan`: {a} and {b}; "
        "remove or rename one\n"
    )
    french = run("--lang", "fr", "validate", str(tmp_path))
    assert french.exit_code == 1
    assert french.stdout.endswith(
        f"{b}:2:1: id: deux fichiers définissent le même id de briefing `test-plan` : "
        f"{a} et {b} ; supprimez ou renommez l’un des deux\n"
    )


def test_a_translation_pair_keeps_the_advice_about_translations(run, write, tmp_path):
    # Two languages and no `translation_of`: a translation that does not say so.
    write(minimal(), "a.yaml")
    write(minimal(language="fr"), "b.yaml")
    unmarked = run("validate", str(tmp_path))
    assert unmarked.exit_code == 1
    assert "mark each translation with `translation_of: LANG`" in unmarked.stdout
    assert "two files define" not in unmarked.stdout
    # A translation in its original's language: it needs another language, not another id.
    (tmp_path / "b.yaml").unlink()
    write(minimal(translation_of="en"), "b.yaml")
    same = run("validate", str(tmp_path))
    assert same.exit_code == 1
    assert "a translation needs another `language`" in same.stdout
    assert "two files define" not in same.stdout


def test_editions_of_one_id_are_not_duplicates(run, write, tmp_path):
    write(minimal(), "a.yaml")
    write(minimal(as_of="2026-02"), "b.yaml")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 0, result.stdout
