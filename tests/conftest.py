"""Shared fixtures: a CLI runner with injected output options, and briefing files to load."""

from __future__ import annotations

import copy
import platform
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from briefing.cli import runner
from briefing.cli.settings import Environment
from briefing.delivery.console import OutputOptions
from briefing.reading.files import default_data_dir

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
DEFAULT_FILE = default_data_dir() / "morocco-israel-work-plan-2026.yaml"
FRENCH_FILE = default_data_dir() / "morocco-israel-work-plan-2026.fr.yaml"


def default_briefing():
    """The shipped English briefing, as every command shows it by default."""
    from briefing.commands.choosing import select
    from briefing.reading.loader import load

    return select(load(), None)


MINIMAL: dict[str, Any] = {
    "briefing": 1,
    "id": "test-plan",
    "title": "Test plan",
    "as_of": "2026-01",
    "summary": "First paragraph.\n\nSecond paragraph.",
    "themes": [
        {"id": "alpha", "title": "Alpha", "aliases": ["first"], "description": "The first."},
        {"id": "beta", "title": "Beta", "aliases": ["second"]},
        {"id": "gamma", "title": "Gamma"},
    ],
    "items": [
        {
            "id": "one",
            "title": "Item one",
            "themes": ["alpha"],
            "summary": "Only alpha.",
            "status": "planned",
            "sources": [{"source": "s1", "locator": "p1"}],
            "open_questions": ["What about one?"],
        },
        {
            "id": "two",
            "title": "Item two",
            "themes": ["beta", "alpha"],
            "summary": "Beta first, then alpha.",
            "sources": [{"source": "s2"}],
        },
        {
            "id": "three",
            "title": "Item three",
            "themes": ["gamma"],
            "summary": "Only gamma.",
            "attribution": "Someone",
            "sources": [{"source": "s3"}],
        },
    ],
    "timeline": [
        {
            "date": "2025-06",
            "title": "Beta event",
            "themes": ["beta"],
            "sources": [{"source": "s2"}],
        },
        {"date": "2024", "title": "Alpha event", "themes": ["alpha"]},
        {"date": "2026-01-15", "title": "Untagged event"},
    ],
    "sources": [
        {"id": "s1", "title": "Source one", "url": "https://example.org/one"},
        {"id": "s2", "title": "Source two", "kind": "report", "language": "fr"},
        {"id": "s3", "title": "Source three", "published": "2025-12"},
    ],
}


def minimal(**changes: Any) -> dict[str, Any]:
    """Return a deep copy of the minimal valid briefing with top-level keys changed."""
    data = copy.deepcopy(MINIMAL)
    data.update(changes)
    return data


@pytest.fixture(autouse=True)
def english_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every test starts in English whatever the machine's locale; tests ask for French.

    The machine's configuration file and pager settings stay out of the tests too.
    """
    from briefing import i18n

    for name in (
        "BRIEFING_LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "BRIEFING_DATA",
        "BRIEFING_CONFIG",
        "BRIEFING_PAGER",
        "PAGER",
        "LESS",
        "NO_COLOR",
        "FORCE_COLOR",
        "COLUMNS",
        "LINES",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "no-config"))
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.activate("en")


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a briefing (a dict dumped as YAML, or raw text) and return its path."""

    def _write(content: dict[str, Any] | str | bytes, name: str = "brief.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, dict):
            content = yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return _write


@dataclass(frozen=True)
class Result:
    """What one run printed and returned (the names follow click's test results)."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        """Standard output (as click's `Result.output` once was)."""
        return self.stdout


class Run:
    """Run a command line in-process, as the `briefing` command does, and capture what it did.

    Every command line goes through the one reader (`briefing.cli.parse`);
    that Typer's completion app reads command lines alike is checked apart,
    on a corpus derived from the declarations (tests/test_fastpath.py).
    """

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(
        self,
        *args: str,
        options: OutputOptions | None = None,
        input: str | None = None,
        env: dict[str, str] | None = None,
    ) -> Result:
        """One run; `options` stand for the output stream (default: piped, 80 columns)."""
        with self.runner.isolation(input=input, env=env) as (out, err, _both):
            import os

            environment = Environment(environ=dict(os.environ), output=options or OutputOptions())
            try:
                code = runner.main(list(args), environment)
            except SystemExit as exc:  # completion scripts end the process
                code = exc.code if isinstance(exc.code, int) else 0
            return Result(
                code,
                out.getvalue().decode("utf-8", "replace"),
                err.getvalue().decode("utf-8", "replace"),
            )


@pytest.fixture
def run() -> Run:
    """The CLI runner; output options default to `piped, 80 columns, no colour`."""
    return Run()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add `--update-goldens` to rewrite golden files from the current output."""
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/* from the current output, then review the diff",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are being regenerated in this run."""
    return bool(request.config.getoption("--update-goldens"))


def wait_until_reading_stdin(proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Wait until the process blocks in read(0, ...), as the kernel reports its system call."""
    reads = {"x86_64": "0", "aarch64": "63"}.get(platform.machine())
    syscall = Path(f"/proc/{proc.pid}/syscall")
    if reads is None or not syscall.exists():
        pytest.skip("cannot see the process's system call on this platform")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        fields = syscall.read_text().split()
        if fields[:2] == [reads, "0x0"]:
            return
        time.sleep(0.01)  # polling the kernel's report, not guessing a delay
    raise AssertionError("the process never read standard input")
