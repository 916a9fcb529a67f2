"""`show` ends with the briefing's revisions, newest first, in every format and in its JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from briefing.delivery.console import OutputOptions
from briefing.formats.outputschema import output_schema

ROOT = Path(__file__).resolve().parent.parent
NEW = str(ROOT / "tests" / "data" / "history" / "small-2027.yaml")
NEWEST = "Border security under way; the review re-dated"
OLDEST = "First graded edition."
PLAIN = OutputOptions(is_terminal=True, width=100, color=False)


def _in_order(text: str) -> None:
    assert NEWEST in text and OLDEST in text
    assert text.index(NEWEST) < text.index(OLDEST), "newest first"


def test_terminal_ends_with_the_revisions(run):
    out = run("--data", NEW, "show", "-f", "terminal", options=PLAIN).stdout
    tail = out.split("\nREVISIONS ")[1]
    assert "January 20, 2027" in tail and "June 1, 2026" in tail
    _in_order(tail)
    assert out.index("\nSOURCES ") < out.index("\nREVISIONS ")


def test_markdown_lists_the_revisions_last(run):
    out = run("--data", NEW, "show", "-f", "md").stdout
    tail = out.split("## Revisions\n\n")[1]
    assert tail.startswith("- **January 20, 2027:** Border security under way;")
    _in_order(tail)


def test_french_dates_the_revisions_in_french(run):
    out = run("--lang", "fr", "--data", NEW, "show", "-f", "md").stdout
    assert "## Révisions" in out and "- **20 janvier 2027 :** Border" in out


def test_html_has_a_revisions_section_in_its_contents(run):
    out = run("--data", NEW, "show", "-f", "html").stdout
    assert '<a href="#revisions">Revisions</a>' in out
    section = out.split('<section aria-labelledby="revisions">')[1].split("</section>")[0]
    assert '<time datetime="2027-01-20">January 20, 2027</time>' in section
    _in_order(section)


def test_json_carries_the_revisions_and_its_schema_says_so(run):
    data = json.loads(run("--data", NEW, "show", "-f", "json").stdout)
    assert [r["date"] for r in data["revisions"]] == ["2027-01-20", "2026-06-01"]
    jsonschema.Draft202012Validator(output_schema("show")).validate(data)
    one = output_schema("show")["$defs"]["output"]
    assert "revisions" in one["properties"] and "revisions" in one["required"]


def test_a_briefing_without_revisions_shows_no_revisions_heading(run):
    small = str(ROOT / "tests" / "data" / "small-2027.yaml")
    assert "Revisions" not in run("--data", small, "show", "-f", "md").stdout
    assert json.loads(run("--data", small, "show", "-f", "json").stdout)["revisions"] == []


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="needs pandoc")
def test_pandoc_exports_end_with_the_revisions(run, tmp_path):
    target = tmp_path / "briefing.docx"
    result = run("--data", NEW, "show", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = subprocess.run(
        ["pandoc", str(target), "-t", "plain", "--wrap=none"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert "Revisions" in text
    _in_order(text.split("Revisions")[-1])
