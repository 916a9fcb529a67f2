"""`--reference-doc`: Word and OpenDocument in the house style, through named styles."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile

import pytest

from tests.conftest import ROOT

MARKED = str(ROOT / "tests" / "fixtures" / "marked.yaml")
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")
HOUSE_FONT = "Briefing House Serif"


def pandoc_default(kind: str, folder) -> str:
    """pandoc's own reference document of that kind."""
    path = folder / f"default.{kind}"
    done = subprocess.run(
        ["pandoc", "-o", str(path), "--print-default-data-file", f"reference.{kind}"],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return str(path)


def house_docx(folder) -> str:
    """A reference .docx with our own look: a house font on Normal and on the item style."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    document = docx.Document(pandoc_default("docx", folder))
    document.styles["Normal"].font.name = HOUSE_FONT
    item = document.styles.add_style("Briefing Item", WD_STYLE_TYPE.PARAGRAPH)
    item.font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    marking = document.styles.add_style("Handling Marking", WD_STYLE_TYPE.PARAGRAPH)
    marking.font.bold = True
    path = folder / "house.docx"
    document.save(str(path))
    return str(path)


def house_odt(folder) -> str:
    """A reference .odt whose styles name the house font."""
    source = pandoc_default("odt", folder)
    path = folder / "house.odt"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "styles.xml":
                text = data.decode("utf-8")
                assert "</office:font-face-decls>" in text
                face = (
                    f'<style:font-face style:name="{HOUSE_FONT}" svg:font-family="{HOUSE_FONT}"/>'
                )
                data = text.replace(
                    "</office:font-face-decls>", face + "</office:font-face-decls>"
                ).encode("utf-8")
            new.writestr(info, data)
    return str(path)


def styles_xml(path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


@needs_pandoc
def test_reference_docx_styles_the_document(run, tmp_path):
    import docx

    reference = house_docx(tmp_path)
    plain, styled = tmp_path / "plain.docx", tmp_path / "styled.docx"
    assert run("--data", MARKED, "show", "-o", str(plain)).exit_code == 0
    result = run("--data", MARKED, "show", "-o", str(styled), "--reference-doc", reference)
    assert result.exit_code == 0, result.stderr
    assert HOUSE_FONT in styles_xml(styled, "word/styles.xml")
    assert HOUSE_FONT not in styles_xml(plain, "word/styles.xml")
    made = docx.Document(str(styled))
    assert made.styles["Briefing Item"].font.color.rgb == docx.shared.RGBColor(0x12, 0x34, 0x56)
    used = [p.style.name for p in made.paragraphs]
    # pandoc's title block comes first, then the marking, before anything else.
    assert used[:3] == ["Title", "Date", "Handling Marking"]
    assert "TLP:RED" in made.paragraphs[2].text
    # Each item's lines are in the item style; its title stays a heading.
    assert used.count("Briefing Item") == 4 * 3
    assert used.count("Heading 3") == 4


@needs_pandoc
def test_assessments_have_their_own_style(run, tmp_path):
    import docx

    target = tmp_path / "brief.docx"
    assert run("show", "-o", str(target)).exit_code == 0
    used = {p.style.name for p in docx.Document(str(target)).paragraphs}
    assert {"Briefing Item", "Briefing Assessment"} <= used
    assert "Handling Marking" not in used  # the shipped briefing is unmarked


@needs_pandoc
def test_marking_is_a_document_property_a_header_can_show(run, tmp_path):
    target = tmp_path / "brief.docx"
    assert run("--data", MARKED, "show", "-o", str(target)).exit_code == 0
    custom = styles_xml(target, "docProps/custom.xml")
    assert 'name="tlp"><vt:lpwstr>TLP:RED</vt:lpwstr>' in custom


@needs_pandoc
def test_reference_odt_styles_the_document(run, tmp_path):
    reference = house_odt(tmp_path)
    target = tmp_path / "brief.odt"
    result = run("--data", MARKED, "show", "-o", str(target), "--reference-doc", reference)
    assert result.exit_code == 0, result.stderr
    assert HOUSE_FONT in styles_xml(target, "styles.xml")
    content = styles_xml(target, "content.xml")
    assert content.count('text:style-name="Briefing Item"') == 4 * 3
    assert content.count('text:style-name="Handling Marking"') == 1


@pytest.mark.parametrize(
    ("make", "output", "expected"),
    [
        ("missing", "brief.docx", "cannot read the reference document"),
        ("text", "brief.docx", "is not a .docx document"),
        ("docx", "brief.html", "--reference-doc is for .docx and .odt files only"),
        ("docx", "brief.odt", "a .odt file needs a .odt reference document"),
    ],
)
def test_unusable_reference_is_a_usage_error_and_nothing_is_written(
    run, tmp_path, make, output, expected
):
    reference = tmp_path / ("ref.txt" if make == "text" else "ref.docx")
    if make == "text":
        reference = tmp_path / "ref.docx"
        reference.write_text("not a zip", encoding="utf-8")
    elif make == "docx":
        with zipfile.ZipFile(reference, "w") as archive:
            archive.writestr("word/styles.xml", "<w:styles/>")
    out = tmp_path / "out"
    out.mkdir()
    result = run("show", "-o", str(out / output), "--reference-doc", str(reference))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and expected in result.stderr
    assert list(out.iterdir()) == []


@needs_pandoc
def test_configuration_names_one_reference_per_kind(run, tmp_path):
    (tmp_path / "styles").mkdir()
    shutil.copy(house_docx(tmp_path), tmp_path / "styles" / "house.docx")
    config = tmp_path / "config.toml"
    config.write_text('reference_doc = ["styles/house.docx", "styles/house.odt"]\n')
    env = {"BRIEFING_CONFIG": str(config)}
    shown = json.loads(run("config", "--format", "json", env=env).stdout)
    entry = next(s for s in shown["settings"] if s["setting"] == "reference_doc")
    assert entry["value"].startswith(str(tmp_path / "styles" / "house.docx"))
    assert entry["source"] == f"{config}:1"
    target = tmp_path / "brief.docx"
    assert run("show", "-o", str(target), env=env).exit_code == 0
    assert HOUSE_FONT in styles_xml(target, "word/styles.xml")
    # No .odt reference exists yet: an .odt asked for says so, it is not made without it.
    result = run("show", "-o", str(tmp_path / "brief.odt"), env=env)
    assert result.exit_code == 2
    assert "cannot read the reference document" in result.stderr
    # Outputs that take no reference document ignore the setting.
    assert run("show", "-o", str(tmp_path / "brief.html"), env=env).exit_code == 0
