"""Analyst views: timeline, sources, search, several briefings, completion and the pager."""

from __future__ import annotations

import json
import re
import shutil
import sys

import pytest
from rich.cells import cell_len

from briefing.commands.search import fold, matches, spans, terms
from briefing.delivery.console import OutputOptions
from briefing.formats import DOCUMENTS, FORMATS, DocumentRenderer, able, get, get_document
from tests.conftest import DEFAULT_FILE, ROOT, minimal

SMALL = str(ROOT / "tests" / "data" / "small-2027.yaml")
PLAIN = OutputOptions(is_terminal=True, width=80, color=False)
COLOUR = OutputOptions(is_terminal=True, width=80, color=True)


@pytest.fixture
def archive(tmp_path):
    """A folder with the shipped briefing and the small 2027 one."""
    shutil.copy(DEFAULT_FILE, tmp_path / DEFAULT_FILE.name)
    shutil.copy(SMALL, tmp_path / "small-2027.yaml")
    return tmp_path


@pytest.mark.parametrize(
    ("command", "fmt"),
    [(c, f) for c in ("timeline", "sources", "list") for f in FORMATS if FORMATS[f].shows(c)],
)
def test_every_view_in_every_format(run, command, fmt):
    result = run(command, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_registry_says_what_each_renderer_shows(fmt):
    # The choices come from the registry without importing a format; the renderer's
    # views must be the same commands, no more and no fewer.
    assert set(get(fmt).commands()) == set(FORMATS[fmt].views), fmt


def test_a_view_a_format_lacks_is_said_by_the_registry():
    html = get("html")
    assert html.diff is None and html.across is None and html.report is None
    with pytest.raises(LookupError, match="html format has no view for diff"):
        able(html.diff, "html", "diff")
    assert able(get("terminal").diff, "terminal", "diff") is not None
    assert all(isinstance(get_document(name), DocumentRenderer) for name in DOCUMENTS)


def test_search_folds_case_and_accents():
    assert fold("Sécurité") == "securite"
    assert matches(["Coopération de SÉCURITÉ"], terms("securite"))
    assert not matches([None], terms("x"))
    text = "Une sécurité, deux Securite"
    assert [text[a:b] for a, b in spans(text, "SECURITE")] == ["sécurité", "Securite"]
    assert spans("ﬁnal œuvre", "fi") == [(0, 1)]


def test_search_keeps_items_and_entries_that_match(run):
    data = json.loads(run("show", "--data", SMALL, "--search", "securite", "-f", "json").stdout)
    assert [i["id"] for i in data["items"]] == ["border-security"]
    assert data["timeline"] == []
    assert [s["id"] for s in data["sources"]] == ["memo"]
    assert data["filter"] == {
        "themes": [],
        "search": "securite",
        "credibility": None,
        "statuses": [],
        "max_tlp": None,
        "withheld": 0,
    }
    # An open question and an attribution count as places to look.
    assert (
        json.loads(run("show", "--data", SMALL, "-s", "DATES OF", "-f", "json").stdout)["items"][0][
            "id"
        ]
        == "exercises"
    )
    assert (
        json.loads(run("show", "--data", SMALL, "-s", "ministry", "-f", "json").stdout)["items"][0][
            "id"
        ]
        == "exercises"
    )


def test_search_combines_with_theme(run):
    both = json.loads(
        run("show", "--data", SMALL, "-s", "plan", "-t", "training", "-f", "json").stdout
    )
    assert both["items"] == []
    assert [e["title"] for e in both["timeline"]] == ["Plan reviewed", "Plan signed"]
    assert both["filter"] == {
        "themes": ["training"],
        "search": "plan",
        "credibility": None,
        "statuses": [],
        "max_tlp": None,
        "withheld": 0,
    }


def test_search_highlights_matches_on_a_terminal(run):
    out = run("show", "--data", SMALL, "-s", "securite", options=COLOUR).stdout
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "Coopération de sécurité aux frontières" in plain
    assert re.search(r"\x1b\[[0-9;]*30;43m[^\x1b]*sécurité", out), (
        "the match is shown black on yellow"
    )


def test_timeline_axis_handles_partial_dates(run):
    out = run("timeline", "--data", SMALL, options=PLAIN).stdout
    lines = out.splitlines()
    ruler = next(line for line in lines if line.split() == ["2026", "2027"])
    lanes = {
        line.split()[0]: line for line in lines if re.match(r"^20\d\d(-\d\d){0,2} +[·█▌●]", line)
    }
    assert set(lanes) == {"2026", "2026-11", "2027-01-15"}
    assert "█" in lanes["2026"] and "▌" in lanes["2026-11"] and "●" in lanes["2027-01-15"]
    # A year fills its stretch of the axis; November lies within it, near its end,
    # and a day of the next year sits to the right of it.
    year, month, day = lanes["2026"], lanes["2026-11"], lanes["2027-01-15"]
    assert year.index("█") < month.index("▌") <= month.rindex("▌") <= year.rindex("█")
    assert month.index("▌") > (year.index("█") + year.rindex("█")) / 2
    assert year.rindex("█") < day.index("●")
    assert ruler.index("2027") < lanes["2027-01-15"].index("●")
    assert max(cell_len(line) for line in lines) <= 80
    titles = [line for line in lines if "Plan " in line]
    assert [t.split("  ")[-1].strip() for t in titles] == [
        "Plan drafted",
        "Plan reviewed",
        "Plan signed",
    ]


@pytest.mark.parametrize("width", [20, 40, 120])
def test_timeline_fits_any_width(run, width):
    out = run("timeline", "--width", str(width), options=PLAIN).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= width


def test_timeline_json_and_markdown(run):
    data = json.loads(run("timeline", "--data", SMALL, "-f", "json").stdout)
    assert [(e["date"], e["precision"]) for e in data["timeline"]] == [
        ("2026", "year"),
        ("2026-11", "month"),
        ("2027-01-15", "day"),
    ]
    md = run("timeline", "--data", SMALL, "-t", "security").stdout
    assert md.startswith("# Timeline: Small plan for 2027\n")
    assert "- **2026** — Plan drafted \\[1] (*Sécurité*)\n" in md
    assert "- **January 15, 2027** — Plan signed \\[2, annex] (*Sécurité, Training*)\n" in md
    assert (
        "1. Invented memo (memo)\n2. [Invented report](https://example.org/report) — annex\n" in md
    )


def test_sources_say_what_cites_them(run):
    data = json.loads(run("sources", "--data", SMALL, "-f", "json").stdout)
    memo, report = data["sources"]
    assert memo["cited_by"] == [
        {
            "kind": "item",
            "item": "border-security",
            "title": "Coopération de sécurité aux frontières",
            "date": None,
            "locator": "p. 2",
            "grade": None,  # a version 1 file: nothing graded
        },
        {
            "kind": "item",
            "item": "exercises",
            "date": None,
            "title": "Joint exercises",
            "locator": "p. 3",
            "grade": None,
        },
        {
            "kind": "timeline",
            "item": None,
            "date": "2026",
            "title": "Plan drafted",
            "locator": None,
            "grade": None,
        },
    ]
    assert [c["title"] for c in report["cited_by"]] == ["Joint exercises", "Plan signed"]
    md = run("sources", "--data", SMALL).stdout
    # `p.` could start a pandoc list (`a.`, `iv.`), so its dot is escaped.
    assert "## Invented memo\n" in md and "- Item: Joint exercises — p\\. 3\n" in md
    term = run("sources", "--data", SMALL, "-t", "training", options=PLAIN).stdout
    assert "Timeline: Plan signed — annex" in term and "Plan drafted" not in term


def test_markdown_citations_point_at_numbered_sources(run):
    md = run("show", "--data", SMALL).stdout
    body, _, sources = md.partition("\n## Sources\n")
    # Numbered by first appearance, each source once with its locators grouped.
    assert "**Sources:** \\[1, p. 2]\n" in body
    assert "**Sources:** \\[1, p. 3], \\[2]\n" in body
    assert sources.strip().splitlines() == [
        "1. Invented memo (memo) — p. 2; p. 3",
        "2. [Invented report](https://example.org/report) — annex",
    ]


def test_markdown_citations_are_numbered_and_sorted_in_reading_order(run, write):
    data = minimal()
    data["sources"].append({"id": "s4", "title": "Source four"})
    # Item one cites s3 before s1: its marks still come out by number.
    data["items"][0]["sources"] = [
        {"source": "s3", "locator": "sec. B ¶3"},
        {"source": "s1", "locator": "p1"},
        {"source": "s3", "locator": "sec. A ¶1"},
        {"source": "s1", "locator": "p1"},
    ]
    data["items"][1]["sources"] = [{"source": "s3", "locator": "sec. A ¶1"}, {"source": "s2"}]
    md = run("show", "--data", str(write(data))).stdout
    body, _, sources = md.partition("\n## Sources\n")
    marks = re.findall(r"^\*\*Sources:\*\* (.+)$", body, re.M)
    # Sections show Alpha (items one, two), then Gamma (item three).
    assert marks == [
        "\\[1, sec. B ¶3; sec. A ¶1], \\[2, p1]",
        "\\[1, sec. A ¶1], \\[3]",
        "\\[1]",
    ]
    listed = re.findall(r"^(\d+)\. (.+)$", sources, re.M)
    assert [n for n, _line in listed] == ["1", "2", "3"]
    assert listed[0][1] == "Source three (published December 2025) — sec. B ¶3; sec. A ¶1"
    assert listed[1][1] == "[Source one](https://example.org/one) — p1"
    assert listed[2][1] == "Source two (report, fr)"
    assert sources.count("Source three") == 1
    assert "Also consulted:\n\n- Source four\n" in sources


def test_default_briefing_lists_its_one_source_once(run):
    md = run("show").stdout
    body, _, sources = md.partition("\n## Sources\n")
    numbered = re.findall(r"^\d+\. ", sources, re.M)
    assert numbered == ["1. "]
    marks = re.findall(r"\\\[(\d+)", body)
    assert marks and set(marks) == {"1"}


def test_list_and_latest_briefing(run, archive):
    listed = json.loads(run("list", "--data", str(archive), "-f", "json").stdout)["briefings"]
    assert [(b["id"], b["as_of"], b["item_count"]) for b in listed] == [
        ("small-plan-2027", "2027-01", 2),
        ("morocco-israel-work-plan-2026", "2025", 14),
    ]
    assert run("show", "--data", str(archive)).stdout.startswith("# Small plan for 2027\n")
    chosen = run("themes", "--data", str(archive), "--briefing", "morocco-israel-work-plan-2026")
    assert "Intelligence" in chosen.stdout
    term = run("list", "--data", str(archive), options=PLAIN).stdout
    assert "small-plan-2027" in term and "As of January 2027" in term


def test_completion_of_themes_and_briefings(run, archive):
    env = {
        "_BRIEFING_COMPLETE": "complete_bash",
        "COMP_WORDS": "briefing show --theme lo",
        "COMP_CWORD": "3",
    }
    result = run(env=env)
    assert result.stdout.split() == ["logistics", "logistique"]
    env["COMP_WORDS"] = "briefing show lo"  # a bare word is a theme too
    env["COMP_CWORD"] = "2"
    assert run(env=env).stdout.split() == ["logistics", "logistique"]
    env["COMP_WORDS"] = f"briefing --data {archive} show --briefing s"  # data given first
    env["COMP_CWORD"] = "5"
    assert run(env=env).stdout.split() == ["small-plan-2027"]
    env["COMP_WORDS"] = "briefing show --briefing m"  # each id once, not once per language
    env["COMP_CWORD"] = "3"
    assert run(env=env).stdout.split() == ["morocco-israel-work-plan-2026"]


@pytest.mark.parametrize(("shell", "rc"), [("bash", ".bashrc"), ("zsh", ".zshrc")])
def test_install_completion(run, tmp_path, monkeypatch, shell, rc):
    # Typer detects the running shell; this switch makes it take the shell named instead.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = run(
        "--install-completion", shell, env={"HOME": str(tmp_path), "SHELL": f"/bin/{shell}"}
    )
    assert result.exit_code == 0, result.output
    assert "_BRIEFING_COMPLETE" in "".join(
        p.read_text() for p in tmp_path.rglob("*") if p.is_file()
    )
    assert (tmp_path / rc).exists()


def test_pager_only_on_a_terminal(run, tmp_path):
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"import sys; open(r'{paged}', 'w').write(sys.stdin.read())\""
    result = run("timeline", "--pager", options=PLAIN, env={"PAGER": pager})
    assert result.exit_code == 0 and result.stdout == ""
    assert "TIMELINE" in paged.read_text()
    paged.unlink()
    piped = run("timeline", "--pager", env={"PAGER": pager})
    assert piped.stdout.startswith("# Timeline: ") and not paged.exists()


@pytest.mark.parametrize(
    ("pager", "notice"),
    [
        ("no-such-pager-here", "cannot start the pager `no-such-pager-here`: "),
        ("less '-R", "the pager `less '-R` cannot be read (a quote or a backslash is not closed)"),
    ],
)
def test_a_pager_that_cannot_start_prints_directly_with_one_notice(run, pager, notice):
    result = run("show", "--pager", options=PLAIN, env={"PAGER": pager, "LINES": "10"})
    assert result.exit_code == 0
    assert result.stdout == run("show", "--no-pager", options=PLAIN).stdout
    assert result.stderr.startswith("briefing: " + notice)
    assert result.stderr.endswith("printed without it\n") and result.stderr.count("\n") == 1
