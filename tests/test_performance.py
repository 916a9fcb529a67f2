"""Regression guards for speed that do not depend on the machine: imports and work counted."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from briefing.reading import yamlread
from briefing.reading.loader import load
from tests.conftest import DEFAULT_FILE, ROOT


def imported_modules(*args: str) -> set[str]:
    """Run the CLI in a fresh interpreter and return every module it imported."""
    code = (
        "import sys, io, atexit\n"
        "atexit.register(lambda: sys.__stderr__.write('\\n'.join(sorted(sys.modules))))\n"
        "sys.argv = ['briefing', *sys.argv[1:]]\n"
        "from briefing.__main__ import main\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return set(done.stderr.split())


PLAIN_LINES = [
    ["show", "--format", "json"],
    ["show", "intelligence", "--lang", "fr", "-f", "md"],
    ["--data", str(DEFAULT_FILE), "timeline", "-f", "json"],
    ["themes", "-f", "md"],
    ["list", "-f", "json"],
    ["validate"],
    ["schema"],
    ["watch", "--as-of", "2026-06-30", "-f", "json"],
    ["watch", "--as-of", "2026-06", "-f", "md", "--exit-code"],
]


@pytest.mark.parametrize("argv", PLAIN_LINES, ids=[" ".join(a) for a in PLAIN_LINES])
def test_plain_command_lines_import_neither_typer_nor_pydantic(argv):
    modules = imported_modules(*argv)
    assert "briefing.cli.parse" in modules
    for heavy in ("typer", "click", "pydantic", "briefing.cli.typerapp"):
        assert heavy not in modules, heavy


@pytest.mark.parametrize(
    ("fmt", "module"), [("markdown", "markdown"), ("json", "jsondoc"), ("html", "html")]
)
def test_markdown_json_and_html_paths_do_not_import_rich_or_pydantic(fmt, module):
    modules = imported_modules("show", "--format", fmt)
    assert "briefing.formats." + module in modules
    for heavy in (
        "rich.table",
        "rich.markdown",
        "rich.console",
        "pydantic",
        "briefing.formats.terminal",
        "dataclasses",  # and the inspect and ast it imports: the records are named tuples
        "shutil",  # and bz2, lzma and zlib: only for pandoc and a terminal without a size
        "babel",  # the interface's own languages write dates from a table (i18n.PLAIN_DATES)
    ):
        assert heavy not in modules, heavy


def test_terminal_path_does_not_import_rich_markdown_or_pydantic():
    modules = imported_modules("show", "--format", "terminal")
    assert "rich.console" in modules
    assert "rich.markdown" not in modules and "pydantic" not in modules
    assert "rich.table" not in modules  # tables only for `themes` and `list`
    assert "babel" not in modules


def test_dates_of_a_regional_tag_go_through_babel(tmp_path):
    data = tmp_path / "gb.yaml"
    text = DEFAULT_FILE.read_text(encoding="utf-8").replace(
        "language: en\n", "language: en-GB\n", 1
    )
    assert "language: en-GB" in text
    data.write_text(text, encoding="utf-8")
    modules = imported_modules("--data", str(data), "show", "--format", "markdown")
    assert "babel.dates" in modules


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "--format", "json"],
        ["show", "--format", "terminal"],
        ["timeline", "--format", "html"],
        ["watch", "--as-of", "2026-06-30", "--format", "markdown"],
    ],
)
def test_only_the_calendar_export_imports_icalendar(argv):
    modules = imported_modules(*argv)
    assert "icalendar" not in modules and "briefing.formats.ics" not in modules
    assert "dateutil" not in modules


def test_the_calendar_export_imports_icalendar():
    modules = imported_modules("timeline", "--format", "ics")
    assert "icalendar" in modules and "briefing.formats.ics" in modules
    for heavy in ("typer", "rich.console", "pydantic"):
        assert heavy not in modules, heavy


@pytest.mark.parametrize(
    "argv", [["show", "--format", "html"], ["show", "--format", "json"], ["timeline"]]
)
def test_only_the_pdf_path_imports_typst(argv):
    modules = imported_modules(*argv)
    assert "typst" not in modules and "briefing.formats.pdf" not in modules


def test_pdf_path_imports_typst(tmp_path):
    modules = imported_modules("show", "--output", str(tmp_path / "brief.pdf"))
    assert "typst" in modules and "briefing.formats.pdf" in modules
    assert "rich.console" not in modules and "typer" not in modules


def test_html_output_file_does_not_import_typst(tmp_path):
    modules = imported_modules("show", "--output", str(tmp_path / "brief.html"))
    assert "typst" not in modules


@pytest.mark.parametrize("argv", [["show", "--help"], ["--help"]])
def test_help_needs_no_typer(argv):
    modules = imported_modules(*argv)
    assert "briefing.cli.help" in modules
    for heavy in ("typer", "click", "briefing.cli.typerapp", "rich", "dataclasses"):
        assert heavy not in modules, heavy


def test_loading_reads_each_yaml_event_once(monkeypatch):
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    events = sum(1 for _ in yaml.parse(text, Loader=yaml.BaseLoader))
    calls = 0
    real = yamlread.make_loader

    def counting(source, pure):
        loader = real(source, pure)

        class Counted:
            def get_event(self):
                nonlocal calls
                calls += 1
                return loader.get_event()

            def dispose(self):
                loader.dispose()

        return Counted()

    monkeypatch.setattr(yamlread, "make_loader", counting)
    load([str(DEFAULT_FILE)])
    assert calls == events  # one pass: positions are looked up again only for errors


def test_benchmark_smoke(tmp_path):
    """The benchmark runs end to end on tiny inputs (its numbers are not checked here)."""
    result = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--runs",
            "1",
            "--sizes",
            "30",
            "60",
            "--rich",
            "",
            "--yq",
            "",
            "--json",
            str(result),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "briefing show --format markdown" in done.stdout
    assert "show markdown ≤ 0.55× rich-cli" in done.stdout
    assert result.exists()
