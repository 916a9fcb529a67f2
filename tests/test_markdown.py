"""Markdown export: data text renders literally in markdown-it and in pandoc's three readers."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from briefing.delivery.console import OutputOptions
from briefing.formats.markdown import md, render_briefing, render_themes
from briefing.reading.loader import parse
from briefing.text import one_line
from tests.conftest import ROOT, default_briefing, minimal

HISTORY_2027 = ROOT / "tests" / "data" / "history" / "small-2027.yaml"

PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(
    PANDOC is None and not os.environ.get("CI"), reason="pandoc is not installed"
)
READERS = ["commonmark", "gfm", "markdown"]

NASTY = [
    "*emphasis* and __strong__ and `code`",
    "[a link](https://evil.example) and ![img](x.png) and <https://auto.example>",
    "<b>raw html</b> <!-- comment --> <script>alert(1)</script>",
    "# not a heading",
    "- not a list",
    "+ not a list",
    "1. not a list",
    "2026) not a list",
    "a. not a list either",
    "(iv) nor this",
    "> not a quote",
    "| not | a | table |",
    "--- not a rule",
    "=== not a heading",
    ": not a definition",
    "Bare URL https://example.org and www.example.org and mail@example.org",
    ":smile: :+1: emoji codes",
    "Smart 'quotes' and \"double\" -- dashes --- and ellipsis...",
    "Maths $x^2$ and ~sub~ and ^sup^ and ~~strike~~",
    "Citation @doe2020 and [@doe2020] and footnote[^1] and ^[inline note]",
    "Entities &amp; &copy; &#169; & plain",
    "Attributes {#id .class} and [span]{.smallcaps}",
    "Backslash \\ at end \\",
    "Trailing spaces for a hard break  ",
    "Tabs\tand   runs   of spaces",
    "ESC \x1b[31m red \x1b[0m and bell \x07 and RLO \u202e reversed",
    "::: fenced div",
    "~~~ fence",
    "```fence",
    "Under_score_word and snake_case_name",
    "\\*already escaped\\*",
    "% not a title block",
    "Ünïcödé — dashes – and “curly” ‘quotes’ stay as they are",
]


def plain_text_markdown_it(source: str) -> str:
    """Parse with markdown-it (CommonMark) and return the text, failing on any markup."""
    tokens = MarkdownIt("commonmark").parse(source)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], source
    children = tokens[1].children or []
    assert all(c.type == "text" for c in children), (source, [c.type for c in children])
    return "".join(c.content for c in children)


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1))
@settings(max_examples=400, deadline=None)
@example("1. x")
@example("A) x")
@example("www.example.org")
@example("x\\")
def test_markdown_it_reads_escaped_text_literally(text):
    expected = one_line(text)
    if not expected:
        return
    assert plain_text_markdown_it(md(text)) == expected


@pytest.mark.parametrize("text", NASTY)
def test_markdown_it_reads_nasty_text_literally(text):
    assert plain_text_markdown_it(md(text)) == one_line(text)


def pandoc(source: str, reader: str, to: str = "json") -> str:
    assert PANDOC is not None, "pandoc is required for this test"
    done = subprocess.run(
        [PANDOC, "-f", reader, "-t", to, "--wrap=none"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def _inline_text(inlines: list[dict]) -> str:
    out = []
    for node in inlines:
        kind = node["t"]
        if kind == "Str":
            out.append(node["c"])
        elif kind == "Space":
            out.append(" ")
        elif kind == "Quoted":
            # pandoc's `smart` reads data's own curly quotes as quotes and writes
            # them back as the same characters; straight quotes are escaped.
            left, right = ("“", "”") if node["c"][0]["t"] == "DoubleQuote" else ("‘", "’")
            out.append(left + _inline_text(node["c"][1]) + right)
        else:
            raise AssertionError(f"markup {kind} made from data: {node}")
    return "".join(out)


def _typeset(text: str) -> str:
    """Text with its quotes straightened: what pandoc's smart quotes change, and nothing else."""
    return text.translate(str.maketrans("‘’“”", "''\"\""))


@needs_pandoc
@pytest.mark.parametrize("reader", READERS)
def test_pandoc_reads_nasty_text_literally(reader):
    # One document, one paragraph per string, one pandoc run per reader.
    rng = __import__("random").Random(2026)
    alphabet = "*_`[]()<>#|!~^$@&\"'{}:.-+=\\/ abc1\t"
    samples = NASTY + ["".join(rng.choice(alphabet) for _ in range(24)) for _ in range(200)]
    samples = [s for s in samples if one_line(s)]
    source = "\n\n".join(md(s) for s in samples) + "\n"
    blocks = json.loads(pandoc(source, reader))["blocks"]
    assert [b["t"] for b in blocks] == ["Para"] * len(samples)
    for block, sample in zip(blocks, samples, strict=True):
        # pandoc's markdown curls straight quotes (its `smart` typography): the same
        # text, typeset; every other character must come back as it was.
        assert _typeset(_inline_text(block["c"])) == _typeset(one_line(sample))


def hostile_briefing():
    data = minimal(title="# Title with *stars* and <b>html</b>")
    data["items"][0]["title"] = "[click](https://evil.example) | pipe"
    data["items"][0]["summary"] = "1. starts like a list\n\n> and a quote"
    data["themes"][0]["aliases"] = ["a|b", "c\\|d"]
    data["themes"][0]["description"] = "Cell | breaker"
    return parse(yaml.safe_dump(data, sort_keys=False), "t.yaml")


@needs_pandoc
@pytest.mark.parametrize("reader", READERS)
def test_headings_and_links_through_pandoc(reader):
    html = pandoc(render_briefing(hostile_briefing(), OutputOptions()), reader, "html")
    assert html.count("<h1") == 1
    assert "# Title with *stars* and &lt;b&gt;html&lt;/b&gt;</h1>" in html
    for heading in ("Bottom line", "Alpha", "Beta", "Gamma", "Timeline", "Sources"):
        assert f">{heading}</h2>" in html
    assert "What we don’t know</h2>" in html
    # The only link is the source's URL.
    assert html.count("<a ") == 1
    assert '<a href="https://example.org/one">Source one</a>' in html
    assert "<b>" not in html and "<blockquote>" not in html.split("</h1>")[1].split("<h2")[1]


@needs_pandoc
def test_default_briefing_through_pandoc():

    brief = default_briefing()
    html = pandoc(render_briefing(brief, OutputOptions()), "commonmark", "html")
    assert html.count("<h1") == 1
    assert "Morocco–Israel joint military work plan for 2026</h1>" in html
    # A section for each theme with items of its own, and no other.
    homes = {item.themes[0] for item in brief.items}
    for theme in brief.themes:
        assert (f">{theme.title}</h2>" in html) == (theme.id in homes), theme.id
    assert html.count("<h3") == len(brief.items)


@needs_pandoc
@pytest.mark.parametrize("reader", ["gfm", "markdown"])
def test_table_cells_survive_pipes(reader):
    html = pandoc(render_themes(hostile_briefing(), OutputOptions()), reader, "html")
    rows = html.split("<tr")[1:]
    assert len(rows) == 4  # header and three themes
    for row in rows:
        assert row.count("<td") + row.count("<th") == 5
    assert "a|b, c\\|d" in html and "Cell | breaker" in html


def test_front_matter_is_emitted_by_a_yaml_emitter():
    brief = hostile_briefing()
    out = render_briefing(brief, OutputOptions(front_matter=True))
    head = out.split("---\n")[1]
    assert yaml.safe_load(head)["title"] == md(brief.title)


def test_summary_paragraphs_stay_paragraphs():
    out = render_briefing(hostile_briefing(), OutputOptions())
    assert "## Bottom line\n\nFirst paragraph.\n\nSecond paragraph.\n" in out


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("marker", ["# ", "### ", "- ", "> "])
def test_escaped_text_after_block_markers(text, marker):
    tokens = MarkdownIt("commonmark").parse(marker + md(text))
    inlines = [t for t in tokens if t.type == "inline"]
    assert len(inlines) == 1
    children = inlines[0].children or []
    assert all(c.type == "text" for c in children)
    assert "".join(c.content for c in children) == one_line(text)
    opened = [t.type for t in tokens if t.type.endswith("_open")]
    expected = {
        "# ": ["heading_open"],
        "### ": ["heading_open"],
        "- ": ["bullet_list_open", "list_item_open", "paragraph_open"],
        "> ": ["blockquote_open", "paragraph_open"],
    }[marker]
    assert opened == expected


@needs_pandoc
def test_front_matter_cannot_inject_markup_through_pandoc_metadata():
    data = minimal(
        title="Plan <img src=x onerror=alert(1)> *emph* [link](https://evil.example) $x$",
        subtitle="<script>alert(2)</script>",
    )
    brief = parse(yaml.safe_dump(data, sort_keys=False), "t.yaml")
    source = render_briefing(brief, OutputOptions(front_matter=True))
    assert PANDOC is not None
    html = subprocess.run(
        [PANDOC, "-f", "markdown", "-t", "html", "-s", "--wrap=none"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    head = html.split("</header>")[0]
    assert "<img" not in head and "<script" not in head and "<em>" not in head
    assert "evil.example" not in head.replace("[link](https://evil.example)", "")
    assert "&lt;img src=x onerror=alert(1)&gt; *emph* [link](https://evil.example) $x$" in head


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_shipped_export_reads_well_raw(run, lang):
    """Counted: the shipped export escapes a citation mark's bracket and code, nothing else.

    The export is pasted as text as often as it is rendered: quotes, parentheses,
    `&`, `>`, a `+` or a full stop mean nothing where the data puts them, so they
    are not escaped. What is left is a citation mark's opening bracket (one per
    mark), a backtick (code) and the first of two hyphens (a dash otherwise).
    """
    out = run("--lang", lang, "show", "-f", "md").stdout
    marks = re.findall(r"\\\[\d+", out)
    assert marks, "the shipped briefing cites its source"
    escaped = re.findall(r"\\(.)", out)
    assert set(escaped) <= {"[", "`", "-"}, sorted(set(escaped))
    assert escaped.count("[") == len(marks)
    assert all(m.group(1) == "-" for m in re.finditer(r"\\-(.)", out))
    assert len(escaped) < 2 * len(marks)
    assert '"Vers une coordination opérationnelle renforcée" ¶1] (F3)' in out


def test_sources_list_names_each_section_once_with_its_paragraphs_in_order():
    from briefing.formats.views import Citations
    from briefing.model import SourceRef

    refs = [
        SourceRef("a", '"Vers une" ¶2'),
        SourceRef("a", "intro ¶1"),
        SourceRef("a", '"Vers une" ¶1'),
        SourceRef("a", "p. 7"),
        SourceRef("a", '"Modernisation" ¶5'),
        SourceRef("a", '"Vers une" ¶3'),
        SourceRef("a", '"Modernisation" ¶2'),
        SourceRef("a", '"Vers une" ¶3'),
    ]
    assert Citations(refs).places("a") == [
        '"Vers une" ¶1–3',
        "intro ¶1",
        "p. 7",
        '"Modernisation" ¶2, 5',
    ]


def test_shipped_sources_list_names_each_section_once(run):
    out = run("show", "-f", "md").stdout
    [line] = [x for x in out.splitlines() if x.startswith("1. ")]
    places = line.split(" — ")[1].split("; ")
    sections = [p.rpartition(" ¶")[0] for p in places]
    assert len(sections) == len(set(sections)), places
    assert '"Vers une coordination opérationnelle renforcée" ¶1–3' in places
    assert '"Modernisation des forces et partenariats stratégiques" ¶1–5' in places


def test_a_document_with_metadata_states_its_date_once(run):
    for args in (["--front-matter"], ["--citations", "pandoc"]):
        out = run("--data", str(HISTORY_2027), "show", "-f", "md", *args).stdout
        assert re.search(r"^date: ['\"]?2027-01['\"]?$", out, re.M), args
        assert "As of" not in out, args
    plain = run("--data", str(HISTORY_2027), "show", "-f", "md").stdout
    assert plain.count("As of January 2027") == 1
