"""TLP 2.0 handling markings: the data contract, every format, and `--max-tlp`."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from briefing import tlp
from briefing.delivery.console import OutputOptions
from tests.conftest import DEFAULT_FILE, ROOT

MARKED = str(ROOT / "tests" / "fixtures" / "marked.yaml")
PLAIN = OutputOptions(is_terminal=False, width=80, color=False)
TITLES = [
    "Item marked as its briefing",
    "Item marked amber",
    "Item marked amber strict",
    "Item marked red",
]


def marked(text: str, tmp_path, name: str = "plan.yaml") -> str:
    """The marked fixture with one change, written to a temporary file."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def fixture_text() -> str:
    with open(MARKED, encoding="utf-8") as handle:
        return handle.read()


def test_order_puts_amber_strict_above_amber():
    assert tlp.CODES == ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
    assert tlp.strictest(["AMBER+STRICT", "AMBER", None]) == "AMBER+STRICT"
    assert tlp.strictest(["GREEN", "RED", "CLEAR"]) == "RED"
    assert tlp.strictest([None, None]) is None


@pytest.mark.parametrize("code", tlp.CODES)
def test_first_colours_pass_wcag_aa_on_black(code):
    assert tlp.contrast(tlp.colour(code), tlp.BACKGROUND) >= 4.5


def test_contrast_is_the_wcag_ratio():
    assert tlp.contrast("#FFFFFF", "#000000") == pytest.approx(21)
    assert tlp.contrast("#777777", "#777777") == pytest.approx(1)


# --- the data contract ---------------------------------------------------------------


def test_marked_fixture_is_valid(run):
    result = run("validate", MARKED)
    assert result.exit_code == 0, result.stdout + result.stderr


def test_unknown_marking_is_refused_with_a_suggestion(run, tmp_path):
    path = marked(fixture_text().replace("tlp: GREEN", "tlp: green"), tmp_path)
    result = run("validate", path)
    assert result.exit_code == 1
    assert "unknown TLP marking `green` (did you mean `GREEN`?)" in result.stdout
    assert "CLEAR, GREEN, AMBER, AMBER+STRICT, RED" in result.stdout


def test_item_may_not_be_less_strict_than_its_briefing(run, tmp_path):
    path = marked(fixture_text().replace("tlp: GREEN", "tlp: AMBER+STRICT"), tmp_path)
    result = run("validate", path)
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "less restricted" in line]
    # Only the amber item is below AMBER+STRICT; the red and strict ones are not.
    assert len(lines) == 1
    assert "items[1].tlp" in lines[0] or "items.1.tlp" in lines[0]
    assert "TLP:AMBER is less restricted than the briefing's TLP:AMBER+STRICT" in lines[0]


def test_version_1_file_may_not_carry_a_marking(run, tmp_path):
    small = (ROOT / "tests" / "data" / "small-2027.yaml").read_text(encoding="utf-8")
    path = marked(small.replace("as_of:", "tlp: GREEN\nas_of:"), tmp_path)
    result = run("validate", path)
    assert result.exit_code == 1
    assert "`tlp` needs format version 2" in result.stdout


def test_json_schema_has_the_markings(run):
    schema = json.loads(run("schema").stdout)
    text = json.dumps(schema)
    assert '"enum": ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"]' in text
    shipped = json.loads((ROOT / "data" / "briefing.schema.json").read_text(encoding="utf-8"))
    assert shipped == schema


def test_a_translation_keeps_the_markings(run, tmp_path):
    original = fixture_text()
    french = (
        original.replace("id: marked-plan", "id: marked-plan\nlanguage: fr\ntranslation_of: en")
        .replace("tlp: GREEN", "tlp: AMBER")
        .replace("tlp: RED", "tlp: AMBER+STRICT")
    )
    marked(original, tmp_path, "plan.yaml")
    marked(french, tmp_path, "plan.fr.yaml")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "a translation keeps the handling marking" in result.stdout
    assert "marked TLP:AMBER, but the original" in result.stdout
    assert "item `red-item` is marked TLP:AMBER+STRICT, but TLP:RED" in result.stdout


# --- every output shows the strictest marking it holds ----------------------------------


def test_unmarked_briefing_shows_no_marking(run):
    for fmt in ("terminal", "markdown", "html"):
        out = run("show", "--format", fmt, options=PLAIN).stdout
        assert "TLP" not in out, fmt
    data = json.loads(run("show", "--format", "json").stdout)
    assert data["briefing"]["tlp"] is None
    assert all(item["tlp"] is None for item in data["items"])


def test_terminal_says_the_marking_on_its_first_line(run):
    out = run("--data", MARKED, "show", "--format", "terminal", options=PLAIN).stdout
    first = out.splitlines()[0]
    assert first.strip().startswith("TLP:RED")
    # Each item marked on its own says so.
    assert out.count("Marking: TLP:") == 3


def test_terminal_marking_is_in_first_colours(run):
    colour = OutputOptions(is_terminal=True, width=80, color=True)
    out = run("--data", MARKED, "show", "--format", "terminal", options=colour).stdout
    first = out.splitlines()[0]
    # FIRST's red on black, in as many colours as the terminal has (a standard red here).
    label = re.search(r"\x1b\[([0-9;]*)m TLP:RED \x1b\[0m", first)
    assert label is not None
    codes = label.group(1).split(";")
    assert "91" in codes or "31" in codes or "38" in codes
    assert "40" in codes or "48" in codes
    # The audience after it is not on black.
    assert first.count(";40m") + first.count(";48;") == 1


def test_markdown_starts_with_the_marking_and_carries_it_as_metadata(run):
    out = run("--data", MARKED, "show", "--format", "markdown").stdout
    assert out.startswith("**TLP\\:RED** — ")
    front = run("--data", MARKED, "show", "--front-matter", "--format", "markdown").stdout
    meta = front.split("---")[1]
    assert 'tlp: "TLP:RED"' in meta  # a quoted string, as every metadata value
    body = front.split("---", 2)[2].lstrip("\n")
    assert body.startswith("**TLP\\:RED**")


def test_html_banner_in_first_colours_before_anything_else(run):
    page = run("--data", MARKED, "show", "--format", "html").stdout
    body = page.split("<body>", 1)[1]
    assert body.lstrip().startswith('<p class="tlp" role="note" style="background:#000000">')
    assert '<span class="tlp-label" style="color:#FF2B2B">TLP:RED</span>' in body


def test_json_envelope_and_items_carry_markings(run):
    data = json.loads(run("--data", MARKED, "show", "--format", "json").stdout)
    assert data["briefing"]["tlp"] == "RED"
    assert [i["tlp"] for i in data["items"]] == [None, "AMBER", "AMBER+STRICT", "RED"]


def test_marking_follows_what_the_output_holds(run):
    # Narrowed to the unmarked-item search, only the briefing's own marking remains.
    out = run("--data", MARKED, "show", "--search", "widely", "--format", "json").stdout
    assert json.loads(out)["briefing"]["tlp"] == "GREEN"


# --- --max-tlp -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "kept", "left_out"),
    [
        ("GREEN", 1, 3),
        ("amber", 2, 2),
        ("AMBER+STRICT", 3, 1),
        ("TLP:RED", 4, 0),
    ],
)
def test_max_tlp_leaves_out_what_is_marked_above(run, level, kept, left_out):
    result = run("--data", MARKED, "show", "--max-tlp", level, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [i["title"] for i in data["items"]] == TITLES[:kept]
    assert data["filter"]["withheld"] == left_out
    assert data["filter"]["max_tlp"] == level.upper().removeprefix("TLP:")
    # The output's marking is the strictest of what it still holds.
    assert data["briefing"]["tlp"] == ["GREEN", "AMBER", "AMBER+STRICT", "RED"][kept - 1]
    if left_out:
        assert result.stderr.count("\n") == 1
        assert f"{left_out} item" in result.stderr and "left out" in result.stderr
    else:
        assert result.stderr == ""


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_max_tlp_says_in_the_output_that_it_is_partial(run, fmt):
    out = run("--data", MARKED, "show", "--max-tlp", "AMBER", "--format", fmt).stdout
    assert "2 items marked above TLP" in " ".join(out.split())
    assert "Item marked red" not in out
    assert "Item marked amber strict" not in out


def test_max_tlp_drops_sources_only_left_out_items_cite(run):
    data = json.loads(run("--data", MARKED, "show", "--max-tlp", "AMBER", "-f", "json").stdout)
    assert [s["id"] for s in data["sources"]] == ["memo"]


def test_briefing_marked_above_the_limit_is_refused(run):
    result = run("--data", MARKED, "show", "--max-tlp", "CLEAR")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "is marked TLP:GREEN, above --max-tlp TLP:CLEAR" in result.stderr


def test_unknown_level_is_a_usage_error_before_loading(run):
    result = run("--data", "/nonexistent", "show", "--max-tlp", "ORANGE")
    assert result.exit_code == 2
    assert "--max-tlp: `ORANGE` is not a TLP 2.0 level" in result.stderr


@pytest.mark.parametrize("command", ["sources", "timeline"])
def test_other_views_take_max_tlp(run, command):
    result = run("--data", MARKED, command, "--max-tlp", "GREEN", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["filter"]["max_tlp"] == "GREEN"
    if command == "sources":
        assert [s["id"] for s in data["sources"]] == ["memo"]


def test_all_editions_take_max_tlp(run, tmp_path):
    shutil.copy(MARKED, tmp_path / "marked.yaml")
    shutil.copy(DEFAULT_FILE, tmp_path / DEFAULT_FILE.name)
    result = run("--data", str(tmp_path), "show", "--all", "--max-tlp", "AMBER", "-f", "json")
    assert result.exit_code == 0, result.stderr
    results = json.loads(result.stdout)["results"]
    marked_view = next(r for r in results if r["briefing"]["id"] == "marked-plan")
    assert marked_view["filter"]["withheld"] == 2
