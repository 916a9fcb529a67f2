"""At a glance: drawn only from the data, partial dates as spans, with the facts in words."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from briefing.formats.glance import axis, credibility_counts, glance, status_rows
from briefing.reading.loader import load
from tests.conftest import ROOT, default_briefing

MARKED = str(ROOT / "tests" / "fixtures" / "marked.yaml")
HOSTILE = str(ROOT / "tests" / "fixtures" / "hostile.yaml")
SMALL = str(ROOT / "tests" / "data" / "small-2027.yaml")


def test_status_rows_count_every_item_carrying_the_theme():
    briefing = default_briefing()
    rows = {row["theme"]: row for row in status_rows(briefing)}
    for theme in briefing.themes:
        carrying = [i for i in briefing.items if theme.id in i.themes]
        if not carrying:
            assert theme.title not in rows
            continue
        row = rows[theme.title]
        assert row["total"] == len(carrying) == sum(row["counts"].values())
        for status, n in row["counts"].items():
            assert n == sum(1 for i in carrying if i.status == status)


def test_credibility_counts_only_what_is_graded():
    briefing = default_briefing()
    counts = credibility_counts(briefing)
    assert sum(counts.values()) == len(briefing.items)
    assert "-" not in counts  # every shipped item is graded
    # A version 1 briefing has no grades: nothing to draw.
    assert credibility_counts(load([SMALL])[0]) == {}


def test_partial_dates_are_spans_never_points():
    line = axis(load([SMALL])[0])
    assert line is not None
    spans = {e["date"]: (e["from"], e["to"], e["precision"]) for e in line["events"]}
    year = next(v for v in spans.values() if v[2] == "year")
    month = next(v for v in spans.values() if v[2] == "month")
    day = next(v for v in spans.values() if v[2] == "day")
    assert year[1] - year[0] == pytest.approx(1)
    assert month[1] - month[0] == pytest.approx(1 / 12)
    assert day[1] - day[0] == pytest.approx(1 / 31 / 12)
    assert line["start"] <= min(v[0] for v in spans.values())
    assert line["end"] >= max(v[1] for v in spans.values())


def test_nothing_to_draw_draws_nothing():
    briefing = default_briefing()._replace(items=(), timeline=())
    assert glance(briefing) is None


def test_html_draws_inline_svg_with_the_facts_in_words(run):
    page = run("show", "--format", "html").stdout
    block = page.split('<section class="glance"', 1)[1].split("</section>", 1)[0]
    # First thing after the header, before the contents.
    assert page.index('<section class="glance"') < page.index('<nav class="toc"')
    # A bar a theme, the grades, a span an event, and the timeline's key of one entry.
    assert (
        block.count("<svg")
        == len(status_rows(default_briefing())) + 1 + len(default_briefing().timeline) + 1
    )
    assert '<svg class="mark"' in block and "event</li>" in block
    assert "<script" not in page and "href=" not in block and "xlink" not in block
    assert all(
        'aria-hidden="true"' in svg for svg in re.findall(r"<svg[^>]*>", block)
    )  # the words beside them say the same
    words = block.split("<details>", 1)[1]
    for row in status_rows(default_briefing()):
        assert f"{row['theme']}: {row['total']} item" in words
    counts = credibility_counts(default_briefing())
    shown = ", ".join(f"credibility {c}: {n}" for c, n in counts.items() if n)
    assert f"Items by credibility: {shown}" in words


def test_html_glance_escapes_the_data(run):
    page = run("--data", HOSTILE, "show", "--format", "html").stdout
    block = page.split('<section class="glance"', 1)[1].split("</section>", 1)[0]
    assert "Theme = heading ] [ } {" in block
    assert "Event #context here().page()" in block
    assert "<" not in re.sub(
        r"</?(section|h2|h3|ul|li|span|svg|rect|line|text|details|summary)"
        r"(\s[^<>]*)?/?>",
        "",
        block,
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdf_opens_with_the_drawings(run, tmp_path, lang):
    target = tmp_path / "brief.pdf"
    assert run("--lang", lang, "show", "-o", str(target)).exit_code == 0
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(target), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    first = " ".join(first.split())
    heading = "At a glance" if lang == "en" else "En un coup d’œil"
    status = "Items by theme and status" if lang == "en" else "Éléments par thème et par statut"
    bottom = "Bottom line" if lang == "en" else "L’essentiel"
    assert heading in first and status in first
    assert first.index(heading) < first.index(status)
    if bottom in first:
        assert first.index(status) < first.index(bottom)
    for year in range(2020, 2027):
        assert str(year) in first


TRACKED = str(ROOT / "tests" / "data" / "tracked.yaml")


def test_due_dates_and_signposts_seen_are_spans_on_the_axis():
    briefing = load([TRACKED])[0]
    line = axis(briefing)
    assert line is not None
    rows = [(e["kind"], e["title"], e["precision"], e["to"] - e["from"]) for e in line["events"]]
    # In date order; each row says what it is, and its span is its date's precision.
    assert [r[:2] for r in rows] == [
        ("due", "Due: Meeting due on 29 February 2024"),
        ("due", "Due: Exercise due in 2025"),
        ("event", "Plan signed"),
        ("observed", "Signpost observed: The delivery is reported"),
        ("due", "Due: Delivered on time"),
        ("contradicted", "Signpost contradicted: The follow-on contract is cancelled"),
        ("due", "Due: Review due in February 2028"),
    ]
    assert rows[1][2:] == ("year", pytest.approx(1))
    assert rows[3][2:] == ("month", pytest.approx(1 / 12))
    assert rows[0][2:] == ("day", pytest.approx(1 / 29 / 12))  # a leap February
    assert rows[6][2:] == ("month", pytest.approx(1 / 12))
    # The axis reaches every span: from 2024 to the end of February 2028.
    assert (line["start"], line["end"]) == (2024, 2029)
    assert [k["key"] for k in line["kinds"]] == ["event", "due", "observed", "contradicted"]
    # A signpost not yet seen has no date: it is not drawn.
    assert not any("reported held" in e["title"] for e in line["events"])


def test_events_alone_have_a_key_saying_what_their_bars_are():
    line = axis(default_briefing())
    assert line is not None
    assert {e["kind"] for e in line["events"]} == {"event"}
    assert line["kinds"] == [{"key": "event", "name": "event"}]


def test_html_draws_tracking_apart_from_events_and_says_it_in_words(run):
    page = run("--data", TRACKED, "show", "--format", "html").stdout
    block = page.split('<section class="glance"', 1)[1].split("</section>", 1)[0]
    drawing, words = block.split("<details>", 1)
    drawing = drawing.split("<h3>Timeline</h3>", 1)[1]
    # Each kind its own shape: due dates outlined and closed at their end, signposts thinner.
    assert drawing.count('class="span-due"') == 4 + 1  # four due dates, and the key
    assert drawing.count('class="span-deadline"') == 4 + 1
    assert drawing.count('class="span-observed"') == 1 + 1
    assert drawing.count('class="span-contradicted"') == 1 + 1
    assert drawing.count('class="span-event"') == 1 + 1  # the one event, and the key
    assert 'class="ink-planned"' not in drawing  # an event is no status: not planned's blue
    for name in ("event", "due by", "signpost observed", "signpost contradicted"):
        assert f"{name}</li>" in drawing
    assert "February 29, 2024 — Due: Meeting due on 29 February 2024" in words
    assert "June 2025 — Signpost observed: The delivery is reported" in words
    assert "December 1, 2025 — Signpost contradicted: The follow-on contract" in words
    assert "March 2025 — Plan signed" in words


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_pdf_draws_tracking_with_its_key(run, tmp_path):
    target = tmp_path / "tracked.pdf"
    assert run("--data", TRACKED, "show", "-o", str(target)).exit_code == 0
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(target), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    first = " ".join(first.split())
    glance_part = first.split("Bottom line", 1)[0]
    for words in (
        "event",
        "due by",
        "signpost observed",
        "signpost contradicted",
        "Due: Exercise due in 2025",
        "Signpost observed: The delivery is reported",
    ):
        assert words in glance_part, words
    for year in range(2024, 2029):
        assert str(year) in glance_part
