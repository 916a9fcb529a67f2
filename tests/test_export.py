"""Exports: --output by suffix, pandoc conversions, the metadata block and pandoc citations."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import stat
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml

from briefing.delivery import pandoc as export
from briefing.delivery.console import OutputOptions
from briefing.formats.markdown import md, render_briefing
from briefing.reading.loader import parse
from tests.conftest import FRENCH_FILE, ROOT, default_briefing, minimal

PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(
    PANDOC is None and not os.environ.get("CI"), reason="pandoc is not installed"
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def french_briefing():
    return parse(FRENCH_FILE.read_text(encoding="utf-8"), str(FRENCH_FILE))


def pandoc(source: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    assert PANDOC is not None, "pandoc is required for this test"
    return subprocess.run(
        [PANDOC, *args],
        input=source,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=cwd,
    )


def html_body(html: str) -> str:
    return html.split("<body>", 1)[1]


def docx_paragraphs(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as docx:
        root = ET.fromstring(docx.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def docx_language(path: Path) -> str | None:
    with zipfile.ZipFile(path) as docx:
        root = ET.fromstring(docx.read("word/styles.xml"))
    lang = next(root.iter(W + "lang"), None)
    return None if lang is None else lang.get(W + "val")


# --- choosing the format ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("brief.md", "markdown"),
        ("brief.MARKDOWN", "markdown"),
        ("brief.json", "json"),
        ("brief.txt", "terminal"),
    ],
)
def test_native_suffixes(name, fmt):
    assert export.plan_output(name, None) == export.Plan(fmt)


def test_format_option_wins_over_the_suffix():
    assert export.plan_output("brief.docx", "json") == export.Plan("json")


def test_no_output_file_follows_the_stream():
    assert export.plan_output(None, None, is_terminal=True) == export.Plan("terminal")
    assert export.plan_output(None, None, is_terminal=False) == export.Plan("markdown")


@pytest.mark.parametrize(
    ("name", "writer"),
    [("b.docx", "docx"), ("b.ODT", "odt"), ("b.epub", "epub"), ("b.tex", "latex")],
)
def test_pandoc_suffixes(monkeypatch, name, writer):
    monkeypatch.setattr(export, "pandoc_path", lambda: "/usr/bin/pandoc")
    assert export.plan_output(name, None) == export.Plan("markdown", writer)


@pytest.mark.parametrize("name", ["brief.xyz", "brief", "brief.yaml", "archive.tar.gz"])
def test_unknown_or_missing_suffix_is_a_usage_error(run, tmp_path, name):
    target = tmp_path / name
    result = run("show", "--output", str(target))
    assert result.exit_code == 2, result.stderr
    suffix = os.path.splitext(name)[1]
    problem = f"unknown suffix {suffix}" if suffix else "no suffix to choose the format by"
    assert result.stderr == (
        f"briefing: --output {target}: {problem}; use one of {export.supported_suffixes()}, "
        "or give --format\n"
    )
    assert all(s in result.stderr for s in (".md", ".markdown", ".json", ".txt", ".docx"))
    assert list(tmp_path.iterdir()) == []
    assert result.stdout == ""


def test_unknown_suffix_with_format_writes_that_format(run, tmp_path):
    target = tmp_path / "brief.data"
    result = run("show", "--output", str(target), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("{")


def test_error_messages_in_french(run, tmp_path):
    result = run("--lang", "fr", "show", "--output", str(tmp_path / "brief.xyz"))
    assert result.exit_code == 2
    assert "extension inconnue .xyz" in result.stderr and "indiquez --format" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--front-matter", "--format", "json"],
        ["--front-matter", "--format", "terminal"],
        ["--citations", "pandoc", "--format", "json"],
        ["--citations", "pandoc", "--format", "terminal"],
    ],
)
def test_markdown_only_options_refuse_other_formats(run, args):
    result = run("show", *args)
    assert result.exit_code == 2
    option = "--citations pandoc" if "pandoc" in args else "--front-matter"
    fmt = args[-1]
    assert result.stderr == (
        f"briefing: {option} needs Markdown, not the {fmt} format; "
        "add --format markdown, or write to a .md, .docx or other pandoc file\n"
    )
    assert result.stdout == ""


def test_markdown_only_options_refuse_a_terminal(run):
    result = run("show", "--front-matter", options=OutputOptions(is_terminal=True))
    assert result.exit_code == 2
    assert "--front-matter needs Markdown, not the terminal format" in result.stderr


def test_markdown_only_options_refuse_a_txt_file(run, tmp_path):
    result = run("show", "--citations", "pandoc", "--output", str(tmp_path / "b.txt"))
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_unknown_citation_mode(run):
    result = run("show", "--citations", "apa")
    assert result.exit_code == 2
    assert "--citations does not take `apa`" in result.stderr


def test_citations_option_is_declared_once_for_both_parsers(run):
    from briefing.cli.parse import read

    invocation = read(["show", "--citations", "pandoc", "--front-matter"])
    assert invocation is not None
    assert invocation.given == {"citations": "pandoc", "front_matter": True}
    result = run("show", "--citations", "apa", "-f", "md")  # both parsers, one message
    assert result.exit_code == 2
    assert "--citations does not take `apa`; choose one of: numbered, pandoc" in result.stderr


# --- pandoc missing or failing ---------------------------------------------------------------


def test_pandoc_missing_is_a_usage_error(run, tmp_path):
    target = tmp_path / "brief.docx"
    result = run("show", "--output", str(target), env={"PATH": str(tmp_path / "nothing")})
    assert result.exit_code == 2
    assert result.stderr == (
        f"briefing: --output {target}: writing .docx files needs pandoc, which is not installed; "
        "install pandoc (https://pandoc.org), or convert the Markdown yourself: "
        f"briefing show --front-matter | pandoc -o {target}\n"
    )
    assert list(tmp_path.iterdir()) == []


def fake_pandoc(folder: Path, script: str) -> dict[str, str]:
    """A `pandoc` program on PATH that runs a shell script; return the environment."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    program = bin_dir / "pandoc"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(0o755)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}


def test_pandoc_failing_leaves_no_file_and_keeps_the_old_one(run, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    # Writes half a file, warns, then fails, as pandoc does when a writer dies.
    env = fake_pandoc(
        tmp_path,
        'for a; do last="$a"; done\n'
        'case "$*" in *--output*) ;; *) exit 9;; esac\n'
        'while [ "$1" != --output ]; do shift; done\n'
        'echo partial > "$2"\n'
        'echo "[WARNING] something minor" >&2\n'
        'echo "  more of the warning" >&2\n'
        'echo "Error producing the document." >&2\n'
        'echo "! Some detail of the failure." >&2\n'
        "exit 43\n",
    )
    target = out / "brief.epub"
    target.write_text("old report", encoding="utf-8")
    result = run("show", "--output", str(target), env=env)
    assert result.exit_code == 1
    assert result.stderr == (
        f"briefing: --output {target}: pandoc failed: Error producing the document.; "
        "run `briefing show --front-matter | pandoc -o FILE` to see pandoc's full message\n"
    )
    assert target.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in out.iterdir()] == ["brief.epub"]


def test_pandoc_receives_the_markdown_with_metadata(run, tmp_path):
    seen = tmp_path / "seen"
    env = fake_pandoc(
        tmp_path,
        f'echo "$@" > "{seen}.args"\ncat > "{seen}.md"\n'
        'while [ "$1" != --output ]; do shift; done\necho made > "$2"\n',
    )
    target = tmp_path / "brief.odt"
    result = run("show", "--citations", "pandoc", "--output", str(target), env=env)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == "made\n"
    args = Path(f"{seen}.args").read_text(encoding="utf-8").split()
    assert args[:5] == ["--from", "markdown", "--to", "odt", "--standalone"]
    assert "--citeproc" in args
    # The temporary file sits beside the target and keeps its suffix (pandoc's PDF needs it).
    temp = Path(args[args.index("--output") + 1])
    assert temp.parent == tmp_path and temp.name.startswith(".brief.odt.")
    assert temp.name.endswith(".tmp.odt") and not temp.exists()
    source = Path(f"{seen}.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(source.split("---\n")[1])
    assert meta["title"] == md(default_briefing().title) and meta["references"]
    assert "[@article, {intro ¶1}" in source


def test_pandoc_conversion_refuses_loaded_data(run, write):
    path = write(minimal(), name="brief.docx")
    before = path.read_bytes()
    result = run(
        "show", "--data", str(path), "--output", str(path), env=fake_pandoc(path.parent, "exit 0\n")
    )
    assert result.exit_code == 2
    assert "is a loaded data file" in result.stderr
    assert path.read_bytes() == before


# --- real pandoc -------------------------------------------------------------------------------


@needs_pandoc
def test_docx_through_pandoc_is_whole_and_titled_once(run, tmp_path):
    target = tmp_path / "brief.docx"
    result = run("show", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert zipfile.is_zipfile(target)
    brief = default_briefing()
    paragraphs = docx_paragraphs(target)
    assert paragraphs.count(brief.title) == 1
    assert paragraphs.count(brief.subtitle) == 1
    assert docx_language(target) == "en"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@needs_pandoc
def test_pandoc_writes_through_a_symlink_and_into_a_device(run, tmp_path):
    real = tmp_path / "real.docx"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.docx"
    link.symlink_to(real)
    result = run("show", "--output", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and zipfile.is_zipfile(real)
    device = tmp_path / "null.docx"
    device.symlink_to(os.devnull)
    result = run("show", "--output", str(device))
    assert result.exit_code == 0, result.stderr
    assert device.is_symlink() and not os.path.isfile(os.devnull)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.docx", "null.docx", "real.docx"]


@needs_pandoc
def test_french_docx_is_tagged_french(run, tmp_path):
    target = tmp_path / "brief.docx"
    result = run("--lang", "fr", "show", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert docx_language(target) == "fr"
    assert docx_paragraphs(target).count(french_briefing().title) == 1


@needs_pandoc
@pytest.mark.parametrize("name", ["brief.odt", "brief.epub"])
def test_other_documents_through_pandoc(run, tmp_path, name):
    target = tmp_path / name
    result = run("show", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert zipfile.is_zipfile(target)


def test_pdf_never_goes_through_pandoc(run, tmp_path):
    # Typst typesets it: a pandoc on PATH that would fail is never run.
    env = fake_pandoc(tmp_path, "exit 99\n")
    target = tmp_path / "brief.pdf"
    result = run("show", "--output", str(target), env=env)
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF-")


@needs_pandoc
def test_html_metadata_shows_title_once_and_language(run):
    for lang, brief in (("en", default_briefing()), ("fr", french_briefing())):
        out = run("--lang", lang, "show", "--front-matter").stdout
        html = pandoc(out, "-f", "markdown", "-t", "html", "-s", "--wrap=none").stdout
        assert f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}"' in html
        assert f"<title>{brief.title}</title>" in html
        body = html_body(html)
        assert body.count(brief.title) == 1 and body.count(brief.subtitle) == 1
        assert '<p class="date">2025</p>' in body


@needs_pandoc
def test_plain_commonmark_does_not_read_the_metadata_block(run):
    # What docs/exports.md says: the block becomes a rule and a heading.
    out = run("show", "--front-matter").stdout
    html = pandoc(out, "-f", "commonmark", "-t", "html").stdout
    assert html.startswith("<hr />")


def test_without_front_matter_the_title_stays():
    brief = default_briefing()
    out = render_briefing(brief, OutputOptions())
    assert out.startswith(f"# {md(brief.title)}\n\n*{md(brief.subtitle)}*\n")


def test_front_matter_carries_title_subtitle_date_lang_parties():
    data = minimal(
        subtitle="Sub *title*",
        language="fr",
        parties=[{"name": "A & B", "forces": "[forces]"}, {"name": "C"}],
    )
    brief = parse(yaml.safe_dump(data, sort_keys=False), "t.yaml")
    out = render_briefing(brief, OutputOptions(front_matter=True))
    head, _, body = out[4:].partition("\n---\n")
    assert yaml.safe_load(head) == {
        "title": "Test plan",
        "subtitle": "Sub \\*title\\*",
        "date": "2026-01",
        "lang": "fr",
        # `&` spells no entity here: it needs no escape.
        "parties": [{"name": "A & B", "forces": "\\[forces\\]"}, {"name": "C"}],
    }
    assert body.startswith("\n**")
    assert "# Test plan" not in body and "Sub \\*title\\*" not in body


# --- pandoc citations ---------------------------------------------------------------------


def cited_briefing():
    data = minimal()
    data["sources"][0]["published"] = "2025-12-03"
    data["sources"][1]["kind"] = "press article"
    data["sources"].append(
        {
            "id": "s4",
            "title": "Uncited *source* <b>x</b>",
            "kind": "memo",
            "url": "https://e.org/a_b*c*",
        }
    )
    data["items"][0]["sources"] = [
        {"source": "s2", "locator": "sec. {B} ¶3"},
        {"source": "s1", "locator": "p1 } odd"},
        {"source": "s2", "locator": '"Quoted" ¶1 [x] @y; z'},
    ]
    return parse(yaml.safe_dump(data, sort_keys=False), "t.yaml")


def test_pandoc_citations_and_references():
    brief = cited_briefing()
    out = render_briefing(brief, OutputOptions(citations="pandoc"))
    meta = yaml.safe_load(out.split("---\n")[1])
    refs = {r["id"]: r for r in meta["references"]}
    assert refs["s1"] == {
        "id": "s1",
        "type": "document",
        "title": "Source one",
        "issued": {"date-parts": [[2025, 12, 3]]},
        "URL": md("https://example.org/one"),
    }
    assert refs["s2"]["type"] == "article-newspaper" and refs["s2"]["language"] == "fr"
    assert refs["s4"]["genre"] == "memo"
    assert meta["nocite"] == "@s4"
    assert meta["reference-section-title"] == "Sources"
    assert "## Sources" not in out and "\\[1" not in out
    marks = re.findall(r"^\*\*Sources:\*\* (.+)$", out, re.M)
    # Sorted as the numbered mode would number them: s1 is cited first in the document.
    # Sorted by first appearance in the document; `;` escaped, braces and brackets in spans.
    assert marks[0] == (
        '[@s2, {sec\\. [{]{}B[}]{} ¶3}; @s2, {\\"Quoted\\" ¶1 [\\[]{}x[\\]]{} \\@y\\; z}; '
        "@s1, {p1 [}]{} odd}]"
    )


@needs_pandoc
def test_pandoc_citeproc_resolves_every_citation():
    brief = cited_briefing()
    out = render_briefing(brief, OutputOptions(citations="pandoc"))
    done = pandoc(out, "--citeproc", "-f", "markdown", "-t", "html", "--wrap=none")
    assert "not found" not in done.stderr and "WARNING" not in done.stderr, done.stderr
    html = re.sub(r"</?span>", "", done.stdout)  # the empty spans that hold braces
    # One citation group per item and per cited timeline entry.
    assert html.count('class="citation"') == 4
    bibliography = html.split('id="refs"')[1]
    for source in ("s1", "s2", "s3", "s4"):
        assert f'id="ref-{source}"' in bibliography
    assert "https://example.org/one" in bibliography
    # The data stays literal in the bibliography and in the locators.
    # (The default style title-cases English titles: compare without case.)
    assert "<b>" not in html and "uncited *source* &lt;b&gt;x&lt;/b&gt;" in bibliography.lower()
    assert "https://e.org/a_b*c*" in bibliography
    assert "{B} ¶3" in html and "Quoted" in html and "¶1 [x] @y; z" in html
    assert "p1 } odd" in html


@needs_pandoc
def test_default_briefing_bibliography_through_citeproc(run):
    out = run("show", "--citations", "pandoc").stdout
    done = pandoc(out, "--citeproc", "-f", "markdown", "-t", "html", "--wrap=none")
    assert "Citeproc" not in done.stderr, done.stderr
    cited = len([i for i in default_briefing().items if i.sources])
    cited += len([e for e in default_briefing().timeline if e.sources])
    assert done.stdout.count('class="citation"') == cited
    assert '<div id="ref-article"' in done.stdout
    assert 'id="bibliography">Sources</h1>' in done.stdout


def _stringify(inlines: list[dict]) -> str:
    out = []
    for node in inlines:
        if node["t"] == "Str":
            # pandoc's `smart` joins an abbreviation such as `p.` to what follows with a
            # no-break space; the text is otherwise unchanged.
            out.append(node["c"].replace("\u00a0", " "))
        elif node["t"] == "Space":
            out.append(" ")
        elif node["t"] == "Span" and node["c"][0] == ["", [], []]:
            out.append(_stringify(node["c"][1]))  # a brace or bracket, kept text by its span
        else:
            raise AssertionError(f"markup {node['t']} made from a locator: {node}")
    return "".join(out)


LOCATORS = [
    "intro ¶1",
    '"Vers une coordination" ¶2',
    "p. 3; p. 4",
    "sec. [2] ¶1",
    "a {b} c",
    "odd } brace",
    "odd { brace",
    "odd ] bracket",
    "[ odd bracket",
    "}{ backwards",
    "@other, [@cite] and -@suppressed",
    "*stars* _under_ `code` <b>html</b> $x$",
    "back\\slash \\; and \\}",
    "ends with a backslash \\",
]


@needs_pandoc
def test_pandoc_reads_every_locator_literally():
    import json
    import random

    from briefing.formats.mdtext import _locator

    rng = random.Random(12)
    alphabet = '{}[];@,.*_`<>&"\\ ab1¶'
    samples = LOCATORS + ["".join(rng.choice(alphabet) for _ in range(12)) for _ in range(150)]
    samples = [s for s in samples if s.strip()]
    source = "\n\n".join(f"[@s1, {{{_locator(s)}}}; @s2]" for s in samples) + "\n"
    blocks = json.loads(pandoc(source, "-f", "markdown", "-t", "json").stdout)["blocks"]
    assert len(blocks) == len(samples)
    for block, sample in zip(blocks, samples, strict=True):
        inlines = block["c"]
        assert [i["t"] for i in inlines] == ["Cite"], (sample, inlines)
        citations = inlines[0]["c"][0]
        assert [c["citationId"] for c in citations] == ["s1", "s2"], sample
        expected = " ".join(sample.split())  # braces and brackets as written
        assert _stringify(citations[0]["citationSuffix"]) == ", {" + expected + "}", sample


# --- the documented commands ---------------------------------------------------------------


def documented_commands() -> list[str]:
    """Every `briefing … | pandoc …` and `briefing … --output …` line in the docs."""
    found = []
    for doc in (ROOT / "README.md", ROOT / "docs" / "exports.md"):
        text = doc.read_text(encoding="utf-8")
        for block in re.findall(r"```sh\n(.*?)```", text, re.S):
            for line in block.splitlines():
                command = line.split("  #")[0].strip()
                if command.startswith("briefing ") and (
                    "| pandoc" in command or re.search(r"--output \S+\.(docx|odt)", command)
                ):
                    found.append(command)
    return found


def test_the_docs_show_commands():
    commands = documented_commands()
    assert any("commonmark_x+yaml_metadata_block" in c for c in commands)
    assert any("gfm+yaml_metadata_block" in c for c in commands)
    assert any("--citeproc" in c for c in commands)
    assert any("--output brief.docx" in c for c in commands)


@needs_pandoc
@pytest.mark.parametrize("command", documented_commands())
def test_documented_command(run, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    ours, _, theirs = command.partition(" | ")
    result = run(*shlex.split(ours)[1:])
    assert result.exit_code == 0, result.stderr
    if theirs:
        args = shlex.split(theirs)
        done = pandoc(result.stdout, *args[1:], "--wrap=none", cwd=tmp_path)
        assert "Citeproc" not in done.stderr, done.stderr
        target = tmp_path / args[args.index("-o") + 1]
    else:
        target = tmp_path / shlex.split(ours)[shlex.split(ours).index("--output") + 1]
    french = "--lang fr" in command
    brief = french_briefing() if french else default_briefing()
    if target.suffix == ".html":
        html = target.read_text(encoding="utf-8")
        assert f'lang="{"fr" if french else "en"}"' in html
        assert html_body(html).count(brief.title) == 1
        assert html_body(html).count(brief.subtitle) == 1
    elif target.suffix == ".docx":
        paragraphs = docx_paragraphs(target)
        assert paragraphs.count(brief.title) == 1 and paragraphs.count(brief.subtitle) == 1
    else:
        assert zipfile.is_zipfile(target)
    if "--citeproc" in command or "--citations pandoc" in command:
        content = target.read_text(encoding="utf-8") if target.suffix == ".html" else ""
        paragraphs = docx_paragraphs(target) if target.suffix == ".docx" else []
        assert 'id="ref-article"' in content or any(
            p.startswith("“French-language press article") for p in paragraphs
        )


@pytest.mark.parametrize("fmt", ["json", "terminal", "html"])
@pytest.mark.parametrize("mode", ["numbered", "pandoc"])
def test_any_citation_mode_asked_for_needs_markdown(run, fmt, mode):
    result = run("show", "-f", fmt, "--citations", mode)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(
        f"briefing: --citations {mode} needs Markdown, not the {fmt} format"
    )
