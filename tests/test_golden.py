"""Golden files: the default briefing's whole output, per command and format.

Regenerate after an intended change with `python -m pytest tests/test_golden.py
--update-goldens`, then review `git diff tests/golden` before committing.
"""

from __future__ import annotations

import pytest

from briefing.delivery.console import OutputOptions
from briefing.formats import FORMATS
from tests.conftest import GOLDEN

SUFFIX = {
    "terminal": "txt",
    "markdown": "md",
    "json": "json",
    "html": "html",
    "stix": "stix.json",
    "csv": "csv",
    "ics": "ics",
}
VIEWS = ["show", "themes", "timeline", "sources"]
CASES = [
    *[
        (f"{view}.{SUFFIX[f]}", [view, "--format", f])
        for view in VIEWS
        for f in FORMATS
        if FORMATS[f].shows(view)
    ],
    # `watch` on a fixed date: every commitment of the shipped briefing is a gap in the tracking.
    *[
        (f"watch.{SUFFIX[f]}", ["watch", "--as-of", "2026-06-30", "--format", f])
        for f in FORMATS
        if FORMATS[f].shows("watch")
    ],
    ("show-intelligence.md", ["show", "--theme", "intelligence", "--format", "markdown"]),
    ("show-logistics-industry.json", ["show", "-t", "logistique", "-t", "industrie", "-f", "json"]),
    ("show-search.txt", ["show", "--search", "israeli authorities", "--format", "terminal"]),
    # For pandoc: the metadata block, and pandoc citations with CSL references.
    ("show-front-matter.md", ["show", "--front-matter", "--format", "markdown"]),
    ("show-pandoc.md", ["show", "--citations", "pandoc", "--format", "markdown"]),
    ("show-pandoc.fr.md", ["--lang", "fr", "show", "--citations", "pandoc", "-f", "markdown"]),
    # The same briefing in French: content from its translation, labels from the catalog.
    *[
        (f"show.fr.{SUFFIX[f]}", ["--lang", "fr", "show", "--format", f])
        for f in FORMATS
        if FORMATS[f].shows("show")
    ],
    ("timeline.fr.csv", ["--lang", "fr", "timeline", "--format", "csv"]),
    ("watch.fr.txt", ["--lang", "fr", "watch", "--as-of", "2026-06-30", "-f", "terminal"]),
    ("themes.fr.txt", ["--lang", "fr", "themes", "--format", "terminal"]),
    ("timeline.fr.txt", ["--lang", "fr", "timeline", "--format", "terminal"]),
    ("sources.fr.md", ["--lang", "fr", "sources", "--format", "markdown"]),
    ("show-logistique.fr.md", ["--lang", "fr", "show", "--theme", "logistique", "-f", "markdown"]),
]
OPTIONS = OutputOptions(is_terminal=False, width=80, color=False)


@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_golden(run, update_goldens, name, args):
    result = run(*args, options=OPTIONS)
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / name
    # Bytes, not text: CSV's line ends are CRLF, and must stay so.
    if update_goldens:
        path.write_bytes(result.stdout.encode("utf-8"))
    assert path.exists(), f"missing golden file {path.name}: run pytest --update-goldens"
    assert result.stdout.encode("utf-8") == path.read_bytes()


def test_every_view_and_format_has_a_golden_file():
    for view in VIEWS:
        for fmt in FORMATS:
            if FORMATS[fmt].shows(view):
                assert (GOLDEN / f"{view}.{SUFFIX[fmt]}").exists(), (view, fmt)


def test_no_stray_golden_files():
    assert {p.name for p in GOLDEN.iterdir()} == {name for name, _ in CASES}


def test_readme_sample_is_real_output():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ briefing show\n")[1].split("```")[0]
    # The sample says where it is cut, on a line of its own that no output holds.
    *sample, cut = block.splitlines()
    assert cut.startswith("[… cut here") and cut.endswith("]"), cut
    golden = (GOLDEN / "show.txt").read_text(encoding="utf-8")
    assert cut not in golden
    position = 0
    for line in sample:
        found = golden.find(line + "\n", position)
        assert found >= 0, f"README sample line not in the output, in order: {line!r}"
        position = found + len(line)
    assert golden[position:].strip(), "the sample is the whole output: it is not cut"
