"""Grades in every format, the --credibility and --status filters, `diff`, and `--all`."""

from __future__ import annotations

import json
import re

import pytest

from briefing.delivery.console import OutputOptions
from tests.conftest import ROOT

HISTORY = ROOT / "tests" / "data" / "history"
OLD = str(HISTORY / "small-2026.yaml")
NEW = str(HISTORY / "small-2027.yaml")
SMALL = str(ROOT / "tests" / "data" / "small-2027.yaml")  # format version 1: not graded
PLAIN = OutputOptions(is_terminal=True, width=100, color=False)
EDITIONS = ("small-plan-2027@2026-06", "small-plan-2027@2027-01")


def grades_of(text: str) -> list[str]:
    """The compact grades shown after citations, in order: `(B2)` or `[B2]`."""
    return re.findall(r"[(\[]([A-F-][1-6-]?)[)\]]", text)


# Grades shown ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_citations_carry_reliability_and_credibility_with_one_legend(run, fmt):
    out = run("--data", NEW, "show", "-f", fmt, options=PLAIN).stdout
    # border-security cites memo (B) and report (C) at credibility 2; outlook cites report at 3.
    shown = grades_of(out)
    assert "B2" in shown and "C2" in shown and "C3" in shown and "B3" in shown
    # The timeline's citations carry the source's letter alone.
    timeline = run("--data", NEW, "timeline", "-f", fmt, options=PLAIN).stdout
    assert grades_of(timeline) == ["B", "C"]
    # Its legend explains only what it shows: letters, no item credibility.
    assert "(source reliability)" in timeline and "(item credibility)" not in timeline
    legend = ["B: usually reliable (source reliability)", "2: probably true (item credibility)"]
    for line in legend:
        assert out.count(line) == 1, (fmt, line)
    assert "not graded" not in out  # everything in this file is graded


def test_json_carries_the_codes_and_the_legend(run):
    data = json.loads(run("--data", NEW, "show", "-f", "json").stdout)
    items = {i["id"]: i for i in data["items"]}
    assert items["outlook"]["kind"] == "assessment"
    assert (items["outlook"]["confidence"], items["outlook"]["likelihood"]) == (
        "moderate",
        "likely",
    )
    assert [r["grade"] for r in items["border-security"]["sources"]] == ["B2", "C2"]
    assert [r["grade"] for e in data["timeline"] for r in e["sources"]] == ["B", "C"]
    report = next(s for s in data["sources"] if s["id"] == "report")
    assert (report["reliability"], report["publisher"], report["accessed"]) == (
        "C",
        "An invented office",
        "2027-01-20",
    )
    assert "C: fairly reliable (source reliability)" in data["legend"]


def test_an_assessment_reads_as_words_in_both_languages(run):
    english = run("--data", NEW, "show", "-f", "md").stdout
    # Confidence and likelihood are separate statements, never one.
    assert (
        "**Assessment** · **Confidence:** moderate · **Likelihood:** likely (55 to 80%)" in english
    )
    french = run("--lang", "fr", "--data", NEW, "show", "-f", "md").stdout
    assert (
        "**Évaluation** · **Confiance :** modérée · **Probabilité :** probable (de 55 à 80 %)"
        in french
    )
    terminal = run("--data", NEW, "show", "-f", "terminal", options=PLAIN).stdout
    assert "Assessment · Confidence: moderate · Likelihood: likely (55 to 80%)" in terminal
    html = run("--data", NEW, "show", "-f", "html").stdout
    assert '<span class="label">Likelihood:</span> likely (55 to 80%)' in html
    assert "confidence; likely" not in english + terminal + html
    assert "Cotations" in french and "(fiabilité de la source)" in french


def test_a_version_1_briefing_says_not_graded(run):
    out = run("--data", SMALL, "show", "-f", "terminal", options=PLAIN).stdout
    assert out.count("Credibility: not graded") == 2
    assert grades_of(out) == [] and "GRADES" not in out
    sources = run("--lang", "fr", "--data", SMALL, "sources", "-f", "md").stdout
    assert sources.count("**Fiabilité :** non coté") == 2


def test_sources_view_shows_the_descriptor(run):
    for fmt in ("terminal", "markdown", "html"):
        out = run("--data", NEW, "sources", "-f", fmt, options=PLAIN).stdout
        assert "An invented office" in out and "C (fairly reliable)" in out, fmt


def test_descriptor_text_is_escaped_in_each_format(run, write):
    hostile = (HISTORY / "small-2027.yaml").read_text(encoding="utf-8")
    hostile = hostile.replace("An invented office", '"<b>*office*</b>"')
    path = write(hostile, "hostile.yaml")
    html = run("--data", str(path), "sources", "-f", "html").stdout
    assert "<b>*office*</b>" not in html and "&lt;b&gt;*office*&lt;/b&gt;" in html
    md = run("--data", str(path), "sources", "-f", "md").stdout
    assert r"\<b>\*office\*\</b>" in md


# Filters ---------------------------------------------------------------------


def test_credibility_keeps_the_range_and_drops_the_timeline(run):
    data = json.loads(run("--data", NEW, "show", "--credibility", "3", "-f", "json").stdout)
    assert [i["id"] for i in data["items"]] == ["exercises", "outlook"]
    assert data["timeline"] == []
    assert data["filter"]["credibility"] == {"min": 3, "max": 3}
    both = json.loads(run("--data", NEW, "show", "--credibility", "1-2", "-f", "json").stdout)
    assert [i["id"] for i in both["items"]] == ["border-security"]


def test_items_not_graded_are_left_out_by_credibility(run):
    data = json.loads(run("--data", SMALL, "show", "--credibility", "1-6", "-f", "json").stdout)
    assert data["items"] == [] and data["sources"] == []


def test_status_keeps_a_comma_list(run):
    out = run("--data", NEW, "sources", "--status", "under-way,Completed", "-f", "json").stdout
    data = json.loads(out)
    cited = {c["item"] for s in data["sources"] for c in s["cited_by"]}
    assert cited == {"border-security"}
    assert data["filter"]["statuses"] == ["under-way", "completed"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--credibility", "7"), "`7` is not a credibility"),
        (("--credibility", "3-1"), "`3-1` is not a credibility"),
        (("--credibility", "x"), "`x` is not a credibility"),
        (("--status", "planed"), "unknown status `planed` (did you mean `planned`?)"),
    ],
)
def test_filter_mistakes_are_usage_errors(run, args, expected):
    result = run("--data", NEW, "show", *args)
    assert result.exit_code == 2 and expected in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_filter_notes_say_which_grades_were_kept(run):
    md = run("--data", NEW, "show", "--credibility", "2-3", "--status", "planned", "-f", "md")
    assert "**Status:** planned · **Credibility:** 2–3" in md.stdout
    out = run("--data", NEW, "show", "--credibility", "2", "-f", "terminal", options=PLAIN).stdout
    assert "Credibility 2 (1 item, 0 timeline entries)" in out


# diff ------------------------------------------------------------------------


def _part(d, name):
    return next(p for p in d.lists if p.field == name)


def test_diff_reports_each_kind_of_change():
    from briefing.commands.diff import diff
    from briefing.reading.loader import load

    old, new = load([OLD])[0], load([NEW])[0]
    d = diff(old, new)
    items = _part(d, "items")
    assert [i["id"] for i in items.added] == ["outlook"]
    assert [i["id"] for i in items.removed] == ["depots"]
    [changed] = items.changed
    assert changed.entry["id"] == "border-security"
    assert {c.field for c in changed.changes} == {"summary", "status", "credibility", "sources"}
    themes = _part(d, "themes")
    assert [t["id"] for t in themes.removed] == ["logistics"] and themes.added == ()
    sources = _part(d, "sources")
    assert [s["id"] for s in sources.removed] == ["rumour"] and sources.added == ()
    [source] = sources.changed
    assert (source.entry["id"], [c.field for c in source.changes]) == (
        "report",
        ["publisher", "accessed"],
    )
    timeline = _part(d, "timeline")
    assert [e["title"] for e in timeline.added] == ["Plan signed"]
    assert [e["title"] for e in timeline.removed] == ["Depots mooted"]
    # An entry found under its title with another date is re-dated, not removed and added.
    [redated] = timeline.changed
    assert redated.entry["title"] == "Plan reviewed"
    assert [tuple(c) for c in redated.changes] == [("date", "2026-11", "2026-12")]
    # Only the revision the older edition lacks is new.
    assert [r["date"] for r in _part(d, "revisions").added] == ["2027-01-20"]
    assert [tuple(c) for c in d.fields] == [("as_of", "2026-06", "2027-01")]
    assert diff(new, new).empty and not d.empty


def test_diff_terminal_uses_symbols_and_words(run):
    out = run("diff", OLD, NEW, "-f", "terminal").stdout
    assert "  + added: outlook: Exercises likely to grow" in out
    assert "  - removed: depots: Shared depots" in out
    assert "  ~ changed: border-security:" in out
    assert "  ~ changed: December 2026: Plan reviewed\n      date: November 2026\n" in out
    assert "status: planned" in out and "→ under way" in out
    assert "\x1b" not in out


def test_diff_markdown_is_a_change_note(run):
    out = run("diff", OLD, NEW, "-f", "md").stdout
    assert out.startswith("# Changes to small-plan-2027: June 2026 → January 2027\n")
    assert "## Revisions" in out and "- **+ added:** outlook: " in out
    assert "  - *credibility:* 3 (possibly true) → 2 (probably true)" in out
    assert "  - *accessed:* (none) → January 20, 2027" in out


def edited(tmp_path, old: str, new: str, source: str = NEW) -> str:
    """A copy of a history file with one text replaced: an edition that differs only there."""
    from pathlib import Path

    text = Path(source).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"`{old}` is not once in {source}"
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(path)


def test_diff_reports_a_source_whose_reliability_alone_changed(run, tmp_path):
    regraded = edited(tmp_path, "kind: memo\n    reliability: B", "kind: memo\n    reliability: A")
    out = run("diff", NEW, regraded, "-f", "terminal").stdout
    assert "No differences." not in out
    assert "  ~ changed: memo: Invented memo" in out
    assert "      reliability: B (usually reliable)\n" in out
    assert "                 → A (completely reliable)\n" in out
    # One as-of date on both sides: the heading names the files instead.
    wide = run("diff", NEW, regraded, "-f", "terminal", "--width", "1000").stdout
    assert wide.startswith(f"Changes to small-plan-2027: {NEW} → {regraded}\n")
    assert run("diff", NEW, regraded, "--exit-code").exit_code == 1
    md = run("diff", NEW, regraded, "-f", "md").stdout
    assert "- **~ changed:** memo: Invented memo" in md
    assert "  - *reliability:* B (usually reliable) → A (completely reliable)" in md
    data = json.loads(run("diff", NEW, regraded, "-f", "json").stdout)
    assert data["differ"] is True and data["changes"]["items"]["changed"] == []
    assert data["changes"]["sources"]["changed"] == [
        {
            "id": "memo",
            "title": "Invented memo",
            "changes": [{"field": "reliability", "old": "B", "new": "A"}],
        }
    ]
    assert data["changes"]["briefing"] == []


def test_diff_reports_an_open_question_added_or_removed(run, tmp_path):
    question = "[The dates of the exercises are unknown.]"
    asked = edited(tmp_path, question, "[The dates of the exercises are unknown., Who pays?]")
    out = run("diff", NEW, asked, "-f", "terminal").stdout
    assert "  ~ changed: exercises: Joint exercises" in out
    # A question added is one line, with no old value and no arrow.
    assert "      added to open questions: Who pays?" in out and "→" not in out.split("ITEMS")[1]
    assert run("diff", NEW, asked, "--exit-code").exit_code == 1
    back = run("diff", asked, NEW, "-f", "md").stdout
    assert "  - *removed from open questions:* Who pays?" in back
    data = json.loads(run("diff", NEW, asked, "-f", "json").stdout)
    [item] = data["changes"]["items"]["changed"]
    assert item["changes"] == [
        {
            "field": "open_questions",
            "old": ["The dates of the exercises are unknown."],
            "new": ["The dates of the exercises are unknown.", "Who pays?"],
        }
    ]


def test_diff_compares_every_field_of_an_item_and_a_source():
    from briefing.commands.diff import diff
    from briefing.model import PartialDate
    from briefing.reading.loader import load

    old = load([NEW])[0]
    outlook = next(i for i in old.items if i.id == "outlook")
    exercises = next(i for i in old.items if i.id == "exercises")
    memo = old.sources[0]
    new = old._replace(
        items=(
            exercises._replace(attribution="Another ministry", kind="report"),
            outlook._replace(confidence="high", likelihood="very likely", themes=("security",)),
        ),
        sources=(
            memo._replace(
                title="Memo",
                grade_note="Note",
                kind="letter",
                language="fr",
                published=PartialDate(2026, 5),
                url="https://example.org/memo",
                author="Someone",
                archived_url="https://example.org/archive",
            ),
            *old.sources[1:],
        ),
    )
    d = diff(old, new)
    fields = {c.entry["id"]: [x.field for x in c.changes] for c in _part(d, "items").changed}
    # An absent kind is a report: writing it out is no change.
    assert fields == {
        "exercises": ["attribution"],
        "outlook": ["themes", "confidence", "likelihood"],
    }
    [source] = _part(d, "sources").changed
    # In the contract's order.
    assert [c.field for c in source.changes] == [
        "title",
        "kind",
        "language",
        "published",
        "url",
        "grade_note",
        "author",
        "archived_url",
    ]
    assert [i["id"] for i in _part(d, "items").removed] == ["border-security"]


@pytest.mark.parametrize("width", [20, 33, 40])
def test_diff_wrap_counts_cells_and_cuts_only_overlong_words(width):
    from rich.cells import cell_len

    from briefing.formats.difftext import wrap

    text = "共同演習 は 2027年 に 予定 https://example.org/a-very-long-address-without-any-space ok"
    lines = wrap(text, width, "  ~ changed: ", "    ")
    assert all(cell_len(line) <= width for line in lines)
    assert lines[0].startswith("  ~ changed:")
    assert all(line.startswith("    ") for line in lines[1:])
    # Nothing lost: the words come back once the prefixes and cuts are undone.
    body = "".join(line[len("  ~ changed: ") if n == 0 else 4 :] for n, line in enumerate(lines))
    assert body.replace(" ", "") == text.replace(" ", "")
    # Only the address, longer than a line, is cut; every other word stays whole.
    words = [w for line in lines for w in line.split()]
    assert [w for w in text.split() if "example" not in w] == [
        w for w in words if w not in ("~", "changed:") and "example" not in w and "-" not in w
    ]


@pytest.mark.parametrize("width", [40, 100])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_diff_terminal_wraps_to_the_width(run, width, lang):
    from rich.cells import cell_len

    out = run("--lang", lang, "diff", OLD, NEW, "-f", "terminal", "--width", str(width)).stdout
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    assert all(line == line.rstrip() for line in lines)
    # Every word is still there, in order, however the lines were cut.
    one = run("--lang", lang, "diff", OLD, NEW, "-f", "terminal", "--width", "1000").stdout
    assert out.split() == one.split()
    if width == 40:
        # A wrapped line continues after the symbol, not under it.
        assert "  + added: outlook: Exercises likely to\n    grow\n" in out or lang == "fr"


def test_diff_json(run):
    data = json.loads(run("diff", OLD, NEW, "-f", "json").stdout)
    assert data["command"] == "diff" and data["differ"] is True
    assert data["briefing"] is None and data["filter"] is None
    assert (data["old"]["as_of"], data["new"]["as_of"]) == ("2026-06", "2027-01")
    changes = data["changes"]
    assert changes["timeline"]["changed"] == [
        {
            "title": "Plan reviewed",
            "changes": [{"field": "date", "old": "2026-11", "new": "2026-12"}],
        }
    ]
    assert [t["id"] for t in changes["themes"]["removed"]] == ["logistics"]
    assert changes["themes"]["added"] == [] and changes["themes"]["order"] is None
    assert changes["themes"]["removed"][0] == {
        "id": "logistics",
        "title": "Logistics",
        "aliases": [],
        "description": None,
    }
    assert [r["date"] for r in changes["revisions"]["added"]] == ["2027-01-20"]
    assert changes["briefing"] == [{"field": "as_of", "old": "2026-06", "new": "2027-01"}]


def test_diff_editions_of_a_folder_by_id_and_as_of(run):
    by_file = run("diff", OLD, NEW, "-f", "json").stdout
    by_edition = run("--data", str(HISTORY), "diff", *EDITIONS, "-f", "json").stdout
    assert json.loads(by_file)["changes"] == json.loads(by_edition)["changes"]
    missing = run("--data", str(HISTORY), "diff", "small-plan-2027@2026-05", EDITIONS[1])
    assert missing.exit_code == 2
    assert "did you mean `small-plan-2027@2026-06`?" in missing.stderr


def test_diff_exit_code(run):
    assert run("diff", OLD, NEW).exit_code == 0
    assert run("diff", OLD, NEW, "--exit-code").exit_code == 1
    same = run("diff", NEW, NEW, "--exit-code", "-f", "terminal")
    assert same.exit_code == 0 and "No differences." in same.stdout


def test_diff_theme_narrows(run):
    found = json.loads(run("diff", OLD, NEW, "--theme", "training", "-f", "json").stdout)
    data = found["changes"]
    assert [(i["id"], i["title"]) for i in data["items"]["added"]] == [
        ("outlook", "Exercises likely to grow")
    ]
    assert data["items"]["removed"] == [] and data["items"]["changed"] == []
    assert data["themes"]["removed"] == [] and data["sources"]["removed"] == []
    # A changed source is listed when something kept cites it: `report`, by `outlook`.
    assert [s["id"] for s in data["sources"]["changed"]] == ["report"]
    security = json.loads(run("diff", OLD, NEW, "--theme", "logistics", "-f", "json").stdout)
    assert security["changes"]["sources"]["changed"] == []
    assert [e["title"] for e in data["timeline"]["added"]] == ["Plan signed"]
    assert found["filter"] == {
        "themes": ["training"],
        "search": None,
        "credibility": None,
        "statuses": [],
        "max_tlp": None,
        "withheld": 0,
    }


def test_diff_refuses_different_briefings_and_translations(run):
    other = run("diff", SMALL, str(ROOT / "data" / "morocco-israel-work-plan-2026.yaml"))
    assert other.exit_code == 2 and "they are different briefings" in other.stderr
    data = ROOT / "data"
    fr = run(
        "diff",
        str(data / "morocco-israel-work-plan-2026.fr.yaml"),
        str(data / "morocco-israel-work-plan-2026.yaml"),
    )
    assert fr.exit_code == 2 and "a translation differs from its original" in fr.stderr
    assert run("diff", OLD).exit_code == 2


def test_diff_in_french(run):
    out = run("--lang", "fr", "diff", OLD, NEW, "-f", "terminal").stdout
    assert "Changements de small-plan-2027 : juin 2026 → janvier 2027" in out
    assert "  + ajouté : outlook : Exercises likely to grow" in out
    assert "CHRONOLOGIE" in out and "  ~ modifié : décembre 2026 : Plan reviewed" in out
    assert "RÉVISIONS" in out and "      date : novembre 2026\n" in out


# --all -----------------------------------------------------------------------


def test_timeline_all_labels_each_briefing_oldest_first(run):
    out = run("--data", str(HISTORY), "timeline", "--all", "-f", "md").stdout
    labels = re.findall(r"\*\*Briefing:\*\* (\S+) · As of (.+)", out)
    assert labels == [("small-plan-2027", "June 2026"), ("small-plan-2027", "January 2027")]
    assert out.index("Depots mooted") < out.index("Plan signed")


def test_show_all_search_across_briefings(run):
    out = run("--data", str(HISTORY), "show", "--all", "--search", "depots", "-f", "json").stdout
    data = json.loads(out)
    assert data["command"] == "show" and data["all"] is True
    found = [(r["briefing"]["as_of"], [i["id"] for i in r["items"]]) for r in data["results"]]
    assert found == [("2026-06", ["depots"]), ("2027-01", [])]
    terminal = run("--data", str(HISTORY), "show", "--all", "-s", "depots", options=PLAIN).stdout
    assert "small-plan-2027 · As of June 2026" in terminal
    assert "small-plan-2027 · As of January 2027" in terminal


def test_all_with_briefing_keeps_only_that_briefings_editions(run):
    data = ["--data", str(ROOT / "data"), "--data", str(HISTORY)]
    every = run(*data, "timeline", "--all", "-f", "md").stdout
    assert "**Briefing:** morocco-israel-work-plan-2026" in every
    out = run(*data, "--briefing", "small-plan-2027", "timeline", "--all", "-f", "md").stdout
    labels = re.findall(r"\*\*Briefing:\*\* (\S+) · As of (.+)", out)
    assert labels == [("small-plan-2027", "June 2026"), ("small-plan-2027", "January 2027")]
    shipped = "morocco-israel-work-plan-2026"
    found = json.loads(run(*data, "show", "--all", "--briefing", shipped, "-f", "json").stdout)
    assert [r["briefing"]["id"] for r in found["results"]] == [shipped]
    unknown = run(*data, "--briefing", "small-plan", "show", "--all")
    assert unknown.exit_code == 2 and unknown.stdout == ""
    assert "no briefing with id `small-plan` (did you mean `small-plan-2027`?)" in unknown.stderr


def test_all_refuses_html_and_exports(run, tmp_path):
    result = run("--data", str(HISTORY), "timeline", "--all", "-f", "html")
    assert result.exit_code == 2
    assert result.stderr == (
        "briefing: --all cannot be shown as html: one page holds one briefing; "
        "use --format terminal, markdown, json\n"
    )
    target = tmp_path / "all.md"
    export = run("--data", str(HISTORY), "show", "--all", "-o", str(target))
    assert export.exit_code == 2 and "--all cannot be combined with --output" in export.stderr
    assert not target.exists()


def test_other_commands_show_the_latest_edition(run):
    data = json.loads(run("--data", str(HISTORY), "show", "-f", "json").stdout)
    assert data["briefing"]["as_of"] == "2027-01"


def test_readme_diff_example_is_what_the_tool_prints(run, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = (
        "$ briefing diff tests/data/history/small-2026.yaml "
        "tests/data/history/small-2027.yaml --format terminal\n"
    )
    expected = readme.split(command)[1].split("```")[0]
    monkeypatch.chdir(ROOT)
    words = command.removeprefix("$ briefing ").split()
    assert run(*words).stdout == expected


def test_a_translation_keeps_its_originals_as_of(run, tmp_path):
    import shutil

    folder = tmp_path / "plans"
    folder.mkdir()
    data = ROOT / "data"
    shutil.copy(data / "morocco-israel-work-plan-2026.yaml", folder / "plan.yaml")
    french = (data / "morocco-israel-work-plan-2026.fr.yaml").read_text(encoding="utf-8")
    moved = re.sub(r'(?m)^as_of: "?2025"?$', 'as_of: "2026"', french)
    assert moved != french
    (folder / "plan.fr.yaml").write_text(moved, encoding="utf-8")
    result = run("validate", str(folder))
    assert result.exit_code == 1
    assert "a translation keeps its original's as_of" in result.stdout
    assert f"{folder / 'plan.fr.yaml'}:" in result.stdout
