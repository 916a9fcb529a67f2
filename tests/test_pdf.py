"""PDF through Typst: read back with pdftotext, hostile markup printed literally, files confined."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess

import pytest

from briefing.reading.loader import load
from tests.conftest import DEFAULT_FILE, FRENCH_FILE, ROOT

HOSTILE = str(ROOT / "tests" / "fixtures" / "hostile.yaml")
MARKED = str(ROOT / "tests" / "fixtures" / "marked.yaml")

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdf_text(path, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text, its whitespace (no-break spaces included) collapsed to single spaces."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return " ".join(done.stdout.decode("utf-8").split())


def body_text(path, title: str) -> str:
    """The text of every page without its running header (title, as-of) and footer (page)."""
    import re

    pages = []
    for number in range(1, page_count(path) + 1):
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
        lines = [" ".join(x.split()) for x in done.stdout.decode("utf-8").splitlines()]
        lines = [x for x in lines if x]
        if number > 1 and lines[:1] == [" ".join(title.split())]:
            lines = lines[1:]
        if lines and re.fullmatch(r"(As of|Situation en|Situation au) .*", lines[0]):
            lines = lines[1:]
        if lines and re.fullmatch(r"Page \d+ (of|sur) \d+", lines[-1]):
            lines = lines[:-1]
        pages.append(" ".join(lines))
    return " ".join(pages)


def page_count(path) -> int:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def make(run, tmp_path, *args: str, name: str = "brief.pdf"):
    target = tmp_path / name
    result = run(*args, "show", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert target.read_bytes().startswith(b"%PDF-")
    return target


def unhyphenated(text: str) -> str:
    """Undo the hyphenation of words broken at a line end (`opéra- tionnelles`)."""
    import re

    return re.sub(r"(\w)- (\w)", r"\1\2", text)


@needs_pdftotext
@pytest.mark.parametrize(("lang", "file"), [("en", DEFAULT_FILE), ("fr", FRENCH_FILE)])
def test_every_item_and_the_bottom_line_once_in_order(run, tmp_path, lang, file):
    target = make(run, tmp_path, "--lang", lang)
    briefing = load([str(file)])[0]
    text = unhyphenated(body_text(target, briefing.title))
    # The bottom line, each paragraph whole, once.
    for paragraph in briefing.paragraphs():
        paragraph = " ".join(paragraph.split())
        assert unhyphenated(paragraph) in text
        assert text.count(unhyphenated(paragraph)) == 1
    # Each item's title once in the themes, in the order of the sections; the open
    # questions repeat the titles of the items that have some, after the themes.
    from briefing.formats.views import sections

    shown = sections(briefing)
    titles = [" ".join(item.title.split()) for s in shown for item in s.items]
    assert len(titles) == len(briefing.items)
    # An item is shown in full once; the other themes it carries list its title again.
    pointers = {i.id: sum(i in s.related for s in shown) for i in briefing.items}
    by_title = {" ".join(i.title.split()): pointers[i.id] for i in briefing.items}
    questions = text.index("What we don’t know" if lang == "en" else "Ce que l’on ignore")
    # The themes: after the bottom line, before the open questions.
    last = unhyphenated(" ".join(briefing.paragraphs()[-1].split()))
    body = text[text.index(last) + len(last) : questions]
    position = 0
    for title in titles:
        assert body.count(title) == 1 + by_title[title], title
        found = body.index(title, position)
        assert found >= position, title
        position = found
    assert 3 <= page_count(target) <= 20


@needs_pdftotext
def test_french_accents_typography_and_labels(run, tmp_path):
    target = make(run, tmp_path, "--lang", "fr")
    text = pdf_text(target)
    assert "Planification et coordination opérationnelles" in text
    assert "Situation en 2025" in text
    assert "« " in text or "’" in text  # French quotation marks or apostrophes kept
    pages = page_count(target)
    assert f"Page 1 sur {pages}" in text
    assert "Page 1 of" not in text


@needs_pdftotext
def test_every_page_has_the_running_header_and_a_number(run, tmp_path):
    target = make(run, tmp_path)
    pages = page_count(target)
    for number in range(1, pages + 1):
        page = pdf_text(target, number, number)
        assert "As of 2025" in page
        assert f"Page {number} of {pages}" in page


@needs_pdftotext
def test_marking_in_the_header_and_footer_of_every_page(run, tmp_path):
    target = make(run, tmp_path, "--data", MARKED)
    pages = page_count(target)
    assert pages >= 1
    for number in range(1, pages + 1):
        page = pdf_text(target, number, number)
        assert page.count("TLP:RED") >= 2, number  # header and footer


@needs_pdftotext
def test_unmarked_briefing_has_no_marking(run, tmp_path):
    assert "TLP:" not in pdf_text(make(run, tmp_path))


@needs_pdftotext
def test_max_tlp_is_said_in_the_pdf(run, tmp_path):
    target = tmp_path / "partial.pdf"
    result = run("--data", MARKED, "show", "--max-tlp", "AMBER", "--output", str(target))
    assert result.exit_code == 0
    assert "left out" in result.stderr
    text = pdf_text(target)
    assert "2 items marked above TLP:AMBER left out" in text
    assert "Item marked red" not in text
    assert "TLP:AMBER" in text and "TLP:RED" not in text


PAYLOADS = [
    'Title #read("/etc/passwd") and $x^2$',
    'Subtitle #include "/etc/hostname" *bold* _emph_',
    'Bottom #image("/etc/x.png") line with @ref and <label> and // a comment.',
    "Second /* block comment */ paragraph with a backslash \\ and \\u{41} and `raw`.",
    "Party #let x = 1",
    'Forces #{ panic("boom") }',
    "Theme = heading ] [ } {",
    "Description - list + enum / term: value ~ nbsp",
    'Item #eval("1 + 1") and #sys.inputs',
    'Summary #set page(fill: red) #show: none "quoted" https://example.org',
    'Attribution #link("https://example.org")[here]',
    "Locator #footnote[x] ¶2",
    "Question #pagebreak() ?",
    "Event #context here().page()",
    'Source #raw("x") \\',
    "Note #h(1fr) end",
    "Revision #heading[x] done",
]


@needs_pdftotext
def test_hostile_markup_prints_literally(run, tmp_path):
    target = make(run, tmp_path, "--data", HOSTILE)
    text = pdf_text(target)
    for payload in PAYLOADS:
        assert payload in text, payload
    # Nothing was read, evaluated or laid out from the data.
    with open("/etc/passwd", encoding="utf-8") as handle:
        first = handle.readline().strip()
    assert first not in text
    assert page_count(target) <= 3  # #pagebreak() broke no page


def test_compiler_reads_only_a_temporary_folder_of_its_own(monkeypatch, tmp_path):
    import typst

    from briefing.delivery.console import OutputOptions
    from briefing.formats import pdf

    seen = {}
    real = typst.compile

    def spy(main, **kwargs):
        root = kwargs["root"]
        seen["root"], seen["files"] = root, sorted(os.listdir(root))
        seen["kwargs"] = kwargs
        assert os.path.dirname(main) == root
        return real(main, **kwargs)

    monkeypatch.setattr(typst, "compile", spy)
    briefing = load([HOSTILE])[0]
    data = pdf.render_document(briefing, OutputOptions())
    assert data.startswith(b"%PDF-")
    assert seen["files"] == ["main.typ"]
    assert os.path.basename(seen["root"]).startswith("briefing-pdf-")
    assert not os.path.exists(seen["root"])  # removed once the PDF is made
    assert seen["kwargs"]["ignore_system_fonts"] is True
    assert seen["kwargs"]["font_paths"] == []
    # The data travels as JSON in sys.inputs, never as part of the Typst source.
    template = (ROOT / "briefing" / "formats" / "pdf.typ").read_text(encoding="utf-8")
    assert "#read" not in template.replace("sys.inputs", "")
    assert "/etc/passwd" in seen["kwargs"]["sys_inputs"]["briefing"]


def test_without_typst_one_line_says_what_to_install(run, tmp_path, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "typst" else real(name, *a)
    )
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")
    result = run("show", "--output", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"briefing: --output {target}: writing .pdf files needs the typst package; "
        "install it with: pip install 'briefing[pdf]'\n"
    )
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


def test_pdf_is_a_file_format_only(run):
    result = run("show", "--format", "pdf")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_front_matter_is_refused_for_a_pdf(run, tmp_path):
    result = run("show", "--front-matter", "--output", str(tmp_path / "b.pdf"))
    assert result.exit_code == 2
    assert "--front-matter needs Markdown, not the pdf format" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_glyph_table_is_that_of_the_fonts_typst_ships():
    """`briefing/formats/pdfglyphs.py` is what the installed compiler's fonts hold: regenerate
    it with `python -m tests.pdf_fonts > briefing/formats/pdfglyphs.py` when this fails."""
    from tests.pdf_fonts import module_text

    shipped = (ROOT / "briefing" / "formats" / "pdfglyphs.py").read_text(encoding="utf-8")
    assert module_text() == shipped


@pytest.mark.parametrize(
    ("text", "char", "name"),
    [
        ("Plan 中文", "中", "U+4E2D CJK UNIFIED IDEOGRAPH-4E2D"),
        ("会議 plan", "会", "U+4F1A CJK UNIFIED IDEOGRAPH-4F1A"),
        ("Plan 😀 ok", "😀", "U+1F600 GRINNING FACE"),
        ("Urdu ے", "ے", "U+06D2 ARABIC LETTER YEH BARREE"),
        ("한국어", "한", "U+D55C HANGUL SYLLABLE HAN"),
    ],
)
def test_a_character_no_font_has_is_refused_naming_it_and_its_place(
    run, tmp_path, write, text, char, name
):
    from tests.conftest import minimal

    data = minimal()
    data["items"][1]["summary"] = "Beta first, " + text
    target = tmp_path / "brief.pdf"
    result = run("--data", str(write(data)), "show", "--output", str(target))
    assert result.exit_code == 1
    column = len("Beta first, ") + text.index(char) + 1
    assert result.stderr == (
        f"briefing: cannot make a PDF: its fonts have no “{char}” ({name}): "
        f"items › two › summary, character {column}; write HTML (-o brief.html) or Markdown "
        "(-o brief.md, then pandoc with a font that has it) instead, or leave that character "
        "out of the data\n"
    )
    assert not target.exists()


@needs_pdftotext
def test_hebrew_greek_cyrillic_and_arabic_the_fonts_have_are_written(run, tmp_path, write):
    from tests.conftest import minimal

    shown = ["שלום עליכם", "مرحبا", "Ελληνικά", "русский", "e\u0301té\u200d"]
    data = minimal(title="Plan " + shown[0])
    data["items"][0]["summary"] = " ".join(shown[1:])
    target = make(run, tmp_path, "--data", str(write(data)))
    text = pdf_text(target)
    for word in shown[1:4]:
        assert word in text
    assert "שלום" in text or "םולש" in text  # pdftotext may give right-to-left text reversed


@needs_pdftotext
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_long_title_stays_on_one_line_of_the_running_header(run, tmp_path, write, lang):
    from tests.conftest import minimal

    title = "A joint military work plan with a title far longer than a header holds " * 3
    data = minimal(title=title.strip(), language=lang)
    data["items"][0]["summary"] = "Enough text to fill pages. " * 400
    target = make(run, tmp_path, "--lang", lang, "--data", str(write(data)))
    assert page_count(target) > 1
    for page in range(2, page_count(target) + 1):
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(target), "-"],
            capture_output=True,
            check=True,
        )
        lines = [x for x in done.stdout.decode("utf-8").splitlines() if x.strip()]
        shown = lines[0]
        assert shown.endswith("…") and title.startswith(shown[:-1]), shown
        assert len(shown) < len(title) / 2
        assert lines[1].startswith(("As of", "Situation")), lines[:3]  # the next line


def test_an_event_on_the_drawn_timeline_has_no_status_colour():
    """A dated event is not planned work: its bar is drawn in none of the statuses' inks."""
    import re

    template = (ROOT / "briefing" / "formats" / "pdf.typ").read_text(encoding="utf-8")
    inks = template.split("#let status-ink = (", 1)[1].split(")\n", 1)[0]
    statuses = set(re.findall(r'rgb\("(#[0-9a-f]{6})"\)', inks))
    assert len(statuses) == 4
    event = re.search(r'#let event-ink = rgb\("(#[0-9a-f]{6})"\)', template)
    assert event and event.group(1) not in statuses
    assert "fill: event-ink" in template.split("#let span-mark", 1)[1].split("#let glance", 1)[0]
