"""The real process: a pseudo-terminal, pipes, a closed pipe, Ctrl-C, and an installed wheel."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
import zipfile
from pathlib import Path

import pytest

from briefing.formats import JSON_COMMANDS
from tests.conftest import ROOT, wait_until_reading_stdin

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
COMMAND = [sys.executable, "-m", "briefing"]


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "COLUMNS", "BRIEFING_DATA"}
    }
    env["PYTHONPATH"] = str(ROOT)
    env["TERM"] = "xterm-256color"
    env["LANG"] = "C.UTF-8"
    env["BRIEFING_PAGER"] = "cat"  # no pager, as in git; the pager tests name their own
    env["XDG_CONFIG_HOME"] = "/nonexistent"  # no configuration file of the machine's
    for name in ("BRIEFING_CONFIG", "LC_ALL", "LC_MESSAGES", "BRIEFING_LANG"):
        env.pop(name, None)
    env.update(extra)
    return env


def in_pty(
    args: list[str],
    env: dict[str, str],
    columns: int = 80,
    rows: int = 24,
    stdin_tty: bool = False,
    typed: bytes = b"",
) -> tuple[int, str, str]:
    """Run the CLI with a pseudo-terminal as stdout (and stdin if asked); (code, screen, stderr)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    proc = subprocess.Popen(
        COMMAND + args,
        stdin=follower if stdin_tty else subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(follower)
    if typed:
        wait_until_reading_stdin(proc)  # as a person types once the prompt is there
        for line in typed.splitlines(keepends=True):  # a line at a time, as someone types
            os.write(leader, line)
            time.sleep(0.005)
    chunks = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.3)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(leader)
    code = proc.wait(timeout=30)
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8")
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n"), err


def test_pseudo_terminal_gets_colour_and_its_width():
    code, out, err = in_pty(["show", "--theme", "intelligence"], _env(), columns=64, rows=40)
    assert err == ""
    assert code == 0
    assert "\x1b[" in out
    lines = ANSI.sub("", out).replace("\r\n", "\n").splitlines()
    assert max(len(line) for line in lines) <= 64
    assert any("INTELLIGENCE" in line for line in lines)
    assert max(len(line) for line in lines) > 50  # it used the width it was given


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_pseudo_terminal_without_colour(env):
    code, out, err = in_pty(["show"], _env(**env), columns=72, rows=40)
    assert err == ""
    assert code == 0
    assert "\x1b" not in out
    assert "BOTTOM LINE" in out
    assert max(len(line) for line in out.replace("\r\n", "\n").splitlines()) <= 72


def test_piped_output_is_markdown_without_escapes():
    done = subprocess.run([*COMMAND, "show"], capture_output=True, env=_env(), timeout=30)
    assert done.returncode == 0
    assert done.stderr == b""
    assert done.stdout.startswith("# Morocco–Israel joint military work plan for 2026\n".encode())
    assert b"\x1b" not in done.stdout


def test_closed_pipe_ends_quietly():
    done = subprocess.run(
        " ".join(COMMAND) + " show --format json | head -3",
        shell=True,
        capture_output=True,
        env=_env(),
        timeout=30,
        executable="/bin/bash",
    )
    assert done.returncode == 0
    assert done.stdout.decode().startswith("{\n")
    assert done.stderr == b""


def test_ctrl_c_exits_130_with_one_line():
    proc = subprocess.Popen(
        [*COMMAND, "show", "--data", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    wait_until_reading_stdin(proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert out == b""
    assert err == b"briefing: interrupted\n"


def test_installed_wheel_works_from_any_directory(tmp_path):
    """Build a wheel, install it (not editable) elsewhere, and run it from a temporary folder."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = wheels.glob("briefing-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "briefing/data/morocco-israel-work-plan-2026.yaml" in names
    for command in JSON_COMMANDS:  # the published schemas of the JSON output
        assert f"briefing/formats/schemas/output-{command}.json" in names
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = _env(PYTHONPATH=str(site))
    probe = subprocess.run(
        [sys.executable, "-c", "import briefing, sys; print(briefing.__file__)"],
        cwd=workdir,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert Path(probe.stdout.strip()).is_relative_to(site)

    def installed(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*COMMAND, *args], cwd=workdir, capture_output=True, text=True, env=env, timeout=60
        )

    done = installed("show", "--theme", "logistics", "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Morocco–Israel joint military work plan for 2026\n")
    french = installed("--lang", "fr", "show", "--format", "markdown")
    assert french.returncode == 0, french.stderr
    assert "## L’essentiel" in french.stdout  # the compiled catalog ships in the wheel
    assert "> **Filtered** — **Themes:** Logistics (1 item, 0 timeline entries)" in done.stdout
