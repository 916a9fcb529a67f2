"""CSV for spreadsheets: read back cell for cell, by Python and by LibreOffice, formulas inert."""

from __future__ import annotations

import csv
import io
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from briefing.formats.csvdoc import ITEM_COLUMNS, TIMELINE_COLUMNS
from tests.conftest import DEFAULT_FILE, ROOT, default_briefing, minimal

HOSTILE = [
    "=1+1",
    '=HYPERLINK("https://example.org/x","click")',
    "+41 22",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
    # A trigger after leading whitespace, a line break or an invisible character (OWASP).
    " =1+1",
    "\n=1+1",
    "  \n\t@SUM(A1:A2)",
    "\u00a0+1",
    "\u3000-2+3",
    "\u200b=1+1",
    "\ufeff=1+1",
]


# Leading characters a spreadsheet or its user may trim before reading a formula.
BLANKS = (" ", "\t", "\n", "\u00a0", "\u3000", "\u200b", "\ufeff")


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def show_csv(run, *args: str) -> list[list[str]]:
    result = run("show", "--format", "csv", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert not result.stdout.startswith("\ufeff")  # no byte-order mark on a stream
    assert result.stdout.endswith("\r\n")
    return rows_of(result.stdout)


def test_one_row_per_item_in_reading_order(run):
    rows = show_csv(run)
    assert rows[0] == list(ITEM_COLUMNS)
    from briefing.formats.views import sections

    briefing = default_briefing()
    shown = [i for s in sections(briefing) for i in s.items]
    assert [r[0] for r in rows[1:]] == [i.id for i in shown]
    for row, item in zip(rows[1:], shown, strict=True):
        cells = dict(zip(ITEM_COLUMNS, row, strict=True))
        assert cells["title"] == item.title
        assert cells["themes"] == "; ".join(item.themes)
        assert cells["summary"] == item.summary
        assert cells["open_questions"] == "; ".join(item.open_questions)
        assert cells["credibility"].startswith(str(item.credibility) + " (")
        assert cells["attribution"] == (item.attribution or "")
        assert cells["sources"].startswith("article")
    first = dict(zip(ITEM_COLUMNS, rows[1], strict=True))
    assert first["status"] == "completed"  # the headline item comes first
    assert first["sources"] == (
        'article (intro ¶1, "Vers une coordination opérationnelle renforcée" ¶1)'
    )


def test_header_in_english_cells_in_the_briefings_language(run):
    english = show_csv(run)
    french = show_csv(run, "--lang", "fr")
    assert french[0] == english[0]
    cells = dict(zip(ITEM_COLUMNS, french[1], strict=True))
    assert cells["status"] == "réalisé"
    assert cells["credibility"] == "3 (peut-être vraie)"
    assert cells["title"].startswith("Plan de travail pour 2026")


def test_cells_follow_the_briefing_not_the_interface(run):
    # French asked for, only the English briefing loaded: it is shown, and its cells are English.
    result = run("show", "--format", "csv", "--lang", "fr", "--data", str(DEFAULT_FILE))
    assert result.exit_code == 0
    assert "showing the `en` version" not in result.stderr  # the notice is in French
    cells = dict(zip(ITEM_COLUMNS, rows_of(result.stdout)[1], strict=True))
    assert (cells["status"], cells["credibility"]) == ("completed", "3 (possibly true)")


def test_assessment_cells(run, write):
    data = minimal(briefing=2)
    data["items"][0].update(kind="assessment", credibility=3, confidence="low", likelihood="likely")
    data["items"][1].update(credibility=2)
    data["items"][2].update(credibility=6)
    for source in data["sources"]:
        source["reliability"] = "C"
    rows = show_csv(run, "--data", str(write(data)))
    cells = {r[0]: dict(zip(ITEM_COLUMNS, r, strict=True)) for r in rows[1:]}
    assert cells["one"]["kind"] == "assessment"
    assert cells["one"]["confidence"] == "low"
    assert cells["one"]["likelihood"] == "likely (55 to 80%)"
    assert cells["one"]["sources"] == "s1 (p1)"
    assert cells["two"]["kind"] == "report"
    assert cells["two"]["confidence"] == cells["two"]["likelihood"] == ""
    assert cells["three"]["credibility"] == "6 (truth cannot be judged)"


TRACKED = ROOT / "tests" / "data" / "tracked.yaml"


def tracked_rows(run, monkeypatch, day: str, path: Path = TRACKED) -> dict[str, dict[str, str]]:
    """The tracked fixture's rows by item id, with `show` run as if today were `day`."""
    from briefing.commands import tracking
    from briefing.model import PartialDate

    monkeypatch.setattr(tracking, "today", lambda: PartialDate.parse(day))
    rows = show_csv(run, "--data", str(path))
    assert rows[0] == list(ITEM_COLUMNS)
    return {r[0]: dict(zip(ITEM_COLUMNS, r, strict=True)) for r in rows[1:]}


def test_tracking_cells(run, monkeypatch):
    cells = tracked_rows(run, monkeypatch, "2026-12-04")
    tracking = ("expected_by", "expected_by_set_by", "overdue", "signposts")
    assert [cells["due-in-2025"][c] for c in tracking] == ["2025", "source", "yes", ""]
    assert [cells["due-on-leap-day"][c] for c in tracking] == [
        "2024-02-29",
        "source",
        "yes",
        "meeting-held: not yet seen",
    ]
    # Completed before its date: never overdue; its signposts in the data's order.
    assert [cells["done-on-time"][c] for c in tracking] == [
        "2025-06-30",
        "source",
        "no",
        "delivery-reported: observed; contract-cancelled: contradicted",
    ]
    assert [cells["untracked"][c] for c in tracking] == ["", "", "", ""]
    assert cells["due-in-february-2028"]["expected_by_set_by"] == "analyst"


@pytest.mark.parametrize(
    ("day", "late"),
    [("2028-02-29", "no"), ("2028-03-01", "yes"), ("2025-12-31", "no"), ("2026-01-01", "yes")],
)
def test_overdue_is_as_of_the_run_at_the_dates_precision(run, monkeypatch, day, late):
    # `2028-02` is due by the end of February 2028 (a leap month); `2025` by the end of 2025.
    cells = tracked_rows(run, monkeypatch, day)
    due = "due-in-february-2028" if day.startswith("2028") else "due-in-2025"
    assert cells[due]["overdue"] == late


def test_tracking_cells_in_the_briefings_language(run, write, monkeypatch):
    import yaml

    data = yaml.safe_load(TRACKED.read_text(encoding="utf-8"))
    data["language"] = "fr"
    cells = tracked_rows(run, monkeypatch, "2026-12-04", write(data))
    assert cells["due-in-2025"]["overdue"] == "oui"
    assert cells["done-on-time"]["overdue"] == "non"
    assert cells["due-in-february-2028"]["expected_by_set_by"] == "analyste"
    assert cells["done-on-time"]["signposts"] == (
        "delivery-reported: observé; contract-cancelled: contredit"
    )
    assert cells["due-on-leap-day"]["signposts"] == "meeting-held: pas encore observé"
    assert cells["due-in-2025"]["expected_by"] == "2025"  # dates as written, in any language


def test_the_shipped_briefings_signposts_read_back(run):
    from briefing.formats.views import sections

    briefing = default_briefing()
    rows = show_csv(run)
    cells = {r[0]: dict(zip(ITEM_COLUMNS, r, strict=True)) for r in rows[1:]}
    items = [i for s in sections(briefing) for i in s.items]
    assert any(i.signposts for i in items)
    for item in items:
        expected = "; ".join(f"{s.id}: not yet seen" for s in item.signposts)
        assert cells[item.id]["signposts"] == expected
        # The article gives no due dates, and the briefing records none.
        assert cells[item.id]["expected_by"] == cells[item.id]["overdue"] == ""


def test_timeline_one_row_per_entry_in_date_order(run, write):
    result = run("timeline", "--format", "csv", "--data", str(write(minimal())))
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result.stdout)
    assert rows == [
        list(TIMELINE_COLUMNS),
        ["2024", "Alpha event", "alpha", "", ""],
        ["2025-06", "Beta event", "beta", "s2", ""],
        ["2026-01-15", "Untagged event", "", "", ""],
    ]


def test_themes_and_sources(run, write):
    path = str(write(minimal()))
    themes = rows_of(run("themes", "--format", "csv", "--data", path).stdout)
    assert themes[1] == ["alpha", "Alpha", "first", "The first.", "2", ""]
    sources = rows_of(run("sources", "--format", "csv", "--data", path).stdout)
    assert sources[0][0] == "id" and sources[0][-2:] == ["cited_by", "tlp"]
    assert sources[1][0] == "s1" and sources[1][5] == "https://example.org/one"
    assert sources[2][-2:] == ["two; 2025-06", ""]


def hostile_briefing() -> dict:
    items = [
        {
            "id": f"h{n}",
            "title": text,
            "themes": ["alpha"],
            "summary": text + '\nsecond line, with "quotes", commas; and \x1b[31m escapes',
            "attribution": text,
            "sources": [{"source": "s1", "locator": text}],
            "open_questions": [text, "plain"],
        }
        for n, text in enumerate(HOSTILE)
    ]
    return minimal(items=items, timeline=[{"date": "2025", "title": HOSTILE[0]}])


def test_formula_cells_are_neutralised(run, write):
    rows = show_csv(run, "--data", str(write(hostile_briefing())))
    for row in rows[1:]:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), value
            blanks = len(value) - len(value.lstrip("".join(BLANKS)))
            assert not value[blanks:].startswith(("=", "+", "-", "@")), value
            assert "\x1b" not in value and "\r" not in value
    first = dict(zip(ITEM_COLUMNS, rows[1], strict=True))
    assert first["title"] == "'=1+1"
    assert first["attribution"] == "'=1+1"
    assert first["open_questions"] == "'=1+1; plain"
    assert first["summary"].startswith('\'=1+1\nsecond line, with "quotes"')  # kept whole
    assert "\\x1b[31m" in first["summary"]  # the escape made visible, not sent
    titles = [r[1] for r in rows[1:]]
    assert titles[5] == "'\t=1+1"
    assert titles[6] == "\\x0d=1+1"  # a carriage return is shown as an escape: nothing to run


def test_output_file_has_a_byte_order_mark(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("show", "-o", "items.csv")
    assert result.exit_code == 0, result.stderr
    raw = (tmp_path / "items.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert rows_of(text) == show_csv(run)


def test_csv_refuses_all(run):
    result = run("show", "--all", "--format", "csv")
    assert result.exit_code == 2 and result.stdout == ""


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Skipped on a machine without LibreOffice; CI installs it (.ci/run), so there it must be found.
IN_CI = bool(os.environ.get("CI"))
openpyxl = pytest.importorskip("openpyxl")


def test_libreoffice_is_there_in_ci():
    if not IN_CI:
        pytest.skip("only CI promises LibreOffice")
    assert SOFFICE is not None, "CI installs libreoffice-calc-nogui: .ci/run"


def through_libreoffice(csv_path: Path, tmp_path: Path) -> list[list[object]]:
    """Open the CSV in LibreOffice Calc as a person would (formulas evaluated), save as .xlsx."""
    profile = tmp_path / "profile"
    # Comma, double quote, UTF-8, from line 1, standard cells, formulas evaluated (token 13).
    options = "CSV:44,34,76,1,,0,false,false,false,false,false,-1,true"
    done = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            f"--infilter={options}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(csv_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    converted = tmp_path / "out" / (csv_path.stem + ".xlsx")
    assert done.returncode == 0 and converted.exists(), done.stderr
    sheet = openpyxl.load_workbook(converted).active
    rows = []
    for row in sheet.iter_rows():
        for c in row:
            assert c.data_type != "f", f"{c.coordinate} became a formula: {c.value!r}"
        rows.append([c.value for c in row])
    return rows


def as_text(value: object) -> str:
    return "" if value is None else str(value)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("hostile", [False, True], ids=["shipped", "hostile"])
def test_libreoffice_reads_every_cell_as_written(run, write, tmp_path, monkeypatch, hostile):
    monkeypatch.chdir(tmp_path)
    args = ["--data", str(write(hostile_briefing()))] if hostile else []
    result = run("show", *args, "-o", "items.csv")
    assert result.exit_code == 0, result.stderr
    expected = rows_of((tmp_path / "items.csv").read_text(encoding="utf-8-sig"))
    sheet = through_libreoffice(tmp_path / "items.csv", tmp_path)
    assert [[as_text(v) for v in row] for row in sheet] == expected


def test_the_sample_hostile_cells_would_run_unneutralised(tmp_path):
    """The LibreOffice check can fail: the same cells, written raw, do become formulas."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    raw = tmp_path / "raw.csv"
    raw.write_text("a\r\n=1+1\r\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="became a formula"):
        through_libreoffice(raw, tmp_path)


# The documented examples: `$ briefing … --format csv` blocks with their output, and the
# `sh` lines that write STIX or CSV, in the README and docs/exports.md.
DOCS = ("README.md", "docs/exports.md")


def shown_examples() -> list[tuple[str, list[str], str]]:
    from tests.conftest import ROOT

    found = []
    for name in DOCS:
        lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if line.startswith("$ briefing ") and "--format csv" in line and "|" not in line:
                shown = []
                for after in lines[number + 1 :]:
                    if after.startswith(("$ ", "```")):
                        break
                    shown.append(after)
                found.append((name, shlex.split(line[2:])[1:], "\n".join(shown) + "\n"))
    return found


def written_examples() -> list[tuple[str, str]]:
    from tests.conftest import ROOT

    found = []
    for name in DOCS:
        text = (ROOT / name).read_text(encoding="utf-8")
        for block in re.findall(r"```sh\n(.*?)```", text, re.S):
            for line in block.splitlines():
                command = line.split("  #")[0].strip()
                if command.startswith("briefing ") and re.search(r"stix|csv", command):
                    found.append((name, command))
    return found


def test_the_docs_show_both_hand_offs():
    assert {name for name, _, _ in shown_examples()} == set(DOCS)
    commands = [c for _, c in written_examples()]
    assert any("-o brief.stix.json" in c for c in commands)
    assert any("-o items.csv" in c for c in commands)


@pytest.mark.parametrize(("doc", "args", "expected"), shown_examples())
def test_documented_csv_output(run, monkeypatch, doc, args, expected):
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.replace("\r\n", "\n") == expected


@pytest.mark.parametrize(("doc", "command"), written_examples())
def test_documented_command_writes_its_file(run, tmp_path, monkeypatch, doc, command):
    monkeypatch.chdir(tmp_path)
    ours, _, redirect = command.partition(" > ")
    result = run(*shlex.split(ours)[1:])
    assert result.exit_code == 0, result.stderr
    words = shlex.split(ours)
    target = redirect.strip() or words[words.index("-o") + 1]
    text = result.stdout if redirect else (tmp_path / target).read_text(encoding="utf-8-sig")
    if target.endswith(".stix.json"):
        from tests.test_stix import validate

        validate(text)
    else:
        assert rows_of(text)[0] == list(ITEM_COLUMNS)


def test_every_table_ends_with_the_rows_marking(run):
    marked = str(ROOT / "tests" / "fixtures" / "marked.yaml")
    items = rows_of(run("show", "--format", "csv", "--data", marked).stdout)
    assert items[0][-1] == "tlp"
    assert [row[-1] for row in items[1:]] == [
        "TLP:GREEN",
        "TLP:AMBER",
        "TLP:AMBER+STRICT",
        "TLP:RED",
    ]
    entries = rows_of(run("timeline", "--format", "csv", "--data", marked).stdout)
    assert [row[-1] for row in entries] == ["tlp", "TLP:GREEN"]
    themes = rows_of(run("themes", "--format", "csv", "--data", marked).stdout)
    assert themes[1][-1] == "TLP:RED"  # the theme's row counts the red item
    sources = rows_of(run("sources", "--format", "csv", "--data", marked).stdout)
    assert [row[-1] for row in sources[1:]] == ["TLP:AMBER", "TLP:RED"]
    partial = rows_of(run("show", "--format", "csv", "--data", marked, "--max-tlp", "GREEN").stdout)
    assert [row[-1] for row in partial[1:-1]] == ["TLP:GREEN"]  # then the note row


@pytest.mark.parametrize("command", ["show", "timeline", "sources"])
def test_what_max_tlp_left_out_is_a_last_row_with_an_empty_first_cell(run, write, command):
    import yaml

    marked = yaml.safe_load((ROOT / "tests" / "fixtures" / "marked.yaml").read_text("utf-8"))
    data = write(marked)
    whole = rows_of(run(command, "--format", "csv", "--data", str(data)).stdout)
    assert all(row[0] for row in whole)  # no data row has an empty first cell
    result = run(command, "--format", "csv", "--data", str(data), "--max-tlp", "GREEN")
    assert result.exit_code == 0
    partial = rows_of(result.stdout)
    assert partial[-1] == [
        "",
        "3 items marked above TLP:GREEN left out",
        *[""] * (len(partial[0]) - 2),
    ]
    assert all(row[0] for row in partial[:-1])
    # In the briefing's language, as every cell is.
    french = write({**marked, "language": "fr"}, "fr.yaml")
    rows = rows_of(run(command, "-f", "csv", "--data", str(french), "--max-tlp", "GREEN").stdout)
    assert rows[-1][1] == "3 éléments marqués au-dessus de TLP:GREEN écartés"


@pytest.mark.parametrize("text", HOSTILE[8:])
def test_a_trigger_after_leading_blanks_is_neutralised(text):
    from briefing.formats.csvdoc import cell
    from briefing.text import visible

    assert cell(text) == "'" + visible(text)


@pytest.mark.parametrize("text", ["  plain", "\u00a0note", "a=1", "x -1", "\u200bword"])
def test_blanks_before_ordinary_text_are_left_alone(text):
    from briefing.formats.csvdoc import cell

    assert cell(text) == text
