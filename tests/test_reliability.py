"""Reliability under a bad environment: exit 70 only for bugs, nothing overwritten, nothing skipped.

Each test runs the real process where the environment is what matters
(descriptors, encodings, signals), and in-process otherwise.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import yaml

from briefing import text
from briefing.errors import EXIT_INTERNAL
from tests.conftest import DEFAULT_FILE, ROOT, minimal, wait_until_reading_stdin

COMMAND = [sys.executable, "-m", "briefing"]
CLOSED = (
    "briefing: cannot write the output: standard output is closed; "
    "redirect it to a file or to /dev/null\n"
)
FULL = "briefing: cannot write the output: No space left on device\n"

# Every command a user can run, each printing something on stdout.
COMMANDS = [
    ["show", "--format", "terminal"],
    ["show", "--format", "markdown"],
    ["show", "--format", "json"],
    ["themes"],
    ["timeline"],
    ["sources"],
    ["list"],
    ["validate"],
    ["schema"],
    ["--version"],
    ["--help"],
]
IDS = [" ".join(c) for c in COMMANDS]


def env(**extra: str) -> dict[str, str]:
    """The environment of a plain UTF-8 run, with `extra` on top."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "COLUMNS", "BRIEFING_DATA", "PYTHONIOENCODING"}
        and not k.startswith("LC_")
    }
    base.update(PYTHONPATH=str(ROOT), LANG="C.UTF-8", TERM="dumb")
    base.update(extra)
    return base


def cli(*args: str, environ: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run `python -m briefing` as a real process; stdout and stderr captured unless given."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    if "input" not in kwargs:
        kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([*COMMAND, *args], env=environ or env(), timeout=60, **kwargs)


def assert_no_bug(done: subprocess.CompletedProcess) -> None:
    """The exit code is not the one for bugs, and stderr holds no traceback."""
    assert done.returncode != EXIT_INTERNAL, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"internal error" not in done.stderr


@pytest.fixture(scope="module")
def normal() -> dict[str, bytes]:
    """What each command prints to a pipe in a normal UTF-8 run."""
    printed = {}
    for args in COMMANDS:
        done = cli(*args)
        assert done.returncode == 0, done.stderr
        printed[" ".join(args)] = done.stdout
    return printed


# --- 1. Environment problems are not bugs ------------------------------------------


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_closed_stdout_is_one_clear_error(args):
    done = cli(*args, stdout=subprocess.DEVNULL, close_fds=True, preexec_fn=lambda: os.close(1))
    assert_no_bug(done)
    assert done.returncode == 1
    assert done.stderr.decode() == CLOSED


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_full_stdout_is_one_clear_error(args):
    with open("/dev/full", "wb") as full:
        done = cli(*args, stdout=full)
    assert_no_bug(done)
    assert done.returncode == 1
    assert done.stderr.decode() == FULL


# An encoding asked for, and one that comes from the locale (C, without UTF-8 coercion).
ENCODINGS = {
    "ascii": ("ascii", {"PYTHONIOENCODING": "ascii"}),
    "latin-1": ("latin-1", {"PYTHONIOENCODING": "latin-1"}),
    "C locale": ("ascii", {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_output_encoding_that_cannot_hold_the_text(args, encoding, normal):
    """What the encoding cannot hold is written as escapes, the rest as usual."""
    codec, extra = ENCODINGS[encoding]
    done = cli(*args, environ=env(**extra))
    assert_no_bug(done)
    assert done.returncode == 0
    assert done.stderr == b""
    expected = normal[" ".join(args)].decode("utf-8").encode(codec, "backslashreplace")
    assert done.stdout == expected


def test_french_in_ascii_is_escaped_not_lost():
    done = cli(
        "--lang", "fr", "show", "--format", "markdown", environ=env(PYTHONIOENCODING="ascii")
    )
    assert done.returncode == 0
    assert done.stdout.startswith(b"# Plan de travail militaire conjoint Maroc\\u2013Isra\\xebl")


def test_closed_or_full_stderr_keeps_the_exit_code(tmp_path):
    missing = str(tmp_path / "missing.yaml")
    closed = cli("show", "--data", missing, close_fds=True, preexec_fn=lambda: os.close(2))
    assert closed.returncode == 1
    with open("/dev/full", "wb") as full:
        filled = cli("show", "--data", missing, stderr=full)
    assert filled.returncode == 1
    both = cli("show", close_fds=True, preexec_fn=lambda: (os.close(1), os.close(2)))
    assert both.returncode == 1


def test_bare_command_with_closed_stderr_is_a_usage_exit():
    done = cli(close_fds=True, preexec_fn=lambda: os.close(2))
    assert done.returncode == 2


# --- Undecodable bytes: shown as \xNN everywhere -------------------------------------


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [("markdown", b"a\\\\xff"), ("terminal", b"a\\xff"), ("json", b"a\\udcff")],
)
def test_undecodable_search_bytes_are_shown_visibly(fmt, shown):
    done = cli("timeline", "--format", fmt, "--search", os.fsdecode(b"a\xff"))
    assert_no_bug(done)
    assert done.returncode == 0
    assert shown in done.stdout
    assert b"\xff" not in done.stdout  # no raw byte, no invalid UTF-8


def test_undecodable_search_in_an_output_file(tmp_path):
    target = tmp_path / "out.md"
    done = cli("show", "--search", os.fsdecode(b"a\xff"), "--output", str(target))
    assert done.returncode == 0, done.stderr
    assert "a\\\\xff" in target.read_text(encoding="utf-8")


def test_undecodable_file_name_in_a_data_folder(tmp_path):
    shutil.copy(DEFAULT_FILE, os.path.join(os.fsencode(tmp_path), b"caf\xe9.yaml"))
    done = cli("validate", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{tmp_path}/caf\\xe9.yaml: ok (morocco-israel-work-plan-2026)\n".encode()
    listed = cli("list", "--format", "json", "--data", str(tmp_path))
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)["briefings"][0]["file"] == os.fsdecode(
        os.path.join(os.fsencode(tmp_path), b"caf\xe9.yaml")
    )  # JSON escapes the byte as \udce9, which json.loads and os.fsencode turn back into it
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [\n", encoding="utf-8")
    failed = cli("validate", str(tmp_path))
    assert failed.returncode == 1
    assert b"\xe9" not in failed.stdout + failed.stderr


def test_surrogates_and_escapes_are_visible():
    assert text.visible("a\udcff\x1b") == "a\\xff\\x1b"
    assert text.visible("\ud800") == "\\ud800"
    assert text.encode_visibly("Isra\u00ebl \u2019 \udce9", "ascii") == b"Isra\\xebl \\u2019 \\xe9"
    assert text.encode_visibly("\U0001f600", "latin-1") == b"\\U0001f600"
    assert text.encode_visibly("caf\u00e9", "no-such-codec") == "café".encode()


def test_pager_with_an_unbalanced_quote_prints_directly_with_a_notice(capsys):
    from briefing.delivery.writing import to_pager

    notice = to_pager("text\n", "less '-R", {})
    assert capsys.readouterr().out == "text\n"
    assert (
        notice == "the pager `less '-R` cannot be read (a quote or a backslash is not closed): "
        "printed without it"
    )


def test_pager_gets_undecodable_bytes_as_escapes(monkeypatch, tmp_path):
    from briefing.delivery.writing import to_pager

    seen = tmp_path / "seen"
    assert to_pager("a\udcff\n", f"tee {seen}", {}) is None
    assert seen.read_bytes() == b"a\\xff\n"


# --- Non-blocking stdout: writes complete ------------------------------------------


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    """A valid briefing whose outputs are far larger than a pipe holds (64 KiB)."""
    items = [
        {
            "id": f"item-{n}",
            "title": f"Item number {n}",
            "themes": ["alpha"],
            "summary": f"Summary {n}: " + "words that fill the pipe " * 20,
            "sources": [{"source": "s1"}],
        }
        for n in range(300)
    ]
    timeline = [
        {"date": f"20{10 + n % 15}-01", "title": f"Event {n} " + "x" * 200, "themes": ["alpha"]}
        for n in range(300)
    ]
    data = minimal(items=items, timeline=timeline)
    path = tmp_path_factory.mktemp("large") / "large.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _nonblocking_run(args: list[str]) -> tuple[int, bytes, bytes]:
    """Run with a non-blocking pipe as stdout and a reader that starts late and reads slowly."""
    reader, writer = os.pipe()
    fcntl.fcntl(writer, fcntl.F_SETFL, fcntl.fcntl(writer, fcntl.F_GETFL) | os.O_NONBLOCK)
    proc = subprocess.Popen(
        [*COMMAND, *args],
        stdout=writer,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env(),
    )
    os.close(writer)
    time.sleep(0.5)  # the child fills the pipe meanwhile
    chunks = []
    with os.fdopen(reader, "rb", buffering=0) as pipe:
        while chunk := pipe.read(4096):
            chunks.append(chunk)
            time.sleep(0.001)
    assert proc.stderr is not None
    err = proc.stderr.read()
    return proc.wait(timeout=60), b"".join(chunks), err


@pytest.mark.parametrize(
    "args",
    [
        ["show", "--format", "markdown"],
        ["show", "--format", "json"],
        ["show", "--format", "terminal"],
        ["timeline"],
        ["validate", "--format", "json"],
    ],
    ids=lambda a: " ".join(a),
)
def test_nonblocking_stdout_gets_everything(args, large):
    full = [*args, "--data", str(large)] if args[0] != "validate" else [*args, str(large)]
    expected = cli(*full)
    assert len(expected.stdout) > 64 * 1024 or args[0] == "validate"
    code, out, err = _nonblocking_run(full)
    assert (code, err) == (expected.returncode, expected.stderr)
    assert out == expected.stdout


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_nonblocking_stdout_for_every_command(args, normal):
    code, out, err = _nonblocking_run(args)
    assert (code, err) == (0, b"")
    assert out == normal[" ".join(args)]


def test_write_all_waits_for_a_slow_reader():
    from briefing.delivery.writing import write_all

    reader, writer = os.pipe()
    os.set_blocking(writer, False)
    data = bytes(range(256)) * 2048  # 512 KiB: eight times what the pipe holds
    got: list[bytes] = []

    def read_slowly() -> None:
        time.sleep(0.2)
        with os.fdopen(reader, "rb", buffering=0) as pipe:
            while chunk := pipe.read(8192):
                got.append(chunk)

    thread = threading.Thread(target=read_slowly)
    thread.start()
    write_all(writer, data)
    os.close(writer)
    thread.join(timeout=30)
    assert b"".join(got) == data


# --- 2. Nothing overwritten -----------------------------------------------------------


@pytest.fixture
def plan(tmp_path) -> Path:
    path = tmp_path / "plan.yaml"
    shutil.copy(DEFAULT_FILE, path)
    return path


REFUSED = "briefing: --output {name} is a loaded data file; choose another file name\n"


def _refused(done: subprocess.CompletedProcess, name: str) -> None:
    assert done.returncode == 2
    assert done.stderr.decode() == REFUSED.format(name=name)


def test_stdin_redirected_from_the_output_file(plan):
    before = plan.read_bytes()
    with plan.open("rb") as stdin:
        done = cli("show", "--data", "-", "--output", str(plan), stdin=stdin)
    _refused(done, str(plan))
    assert plan.read_bytes() == before
    assert sorted(p.name for p in plan.parent.iterdir()) == ["plan.yaml"]


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_another_name_for_a_data_file(plan, link):
    other = plan.parent / "other.md"
    if link == "hard":
        os.link(plan, other)
    else:
        other.symlink_to(plan.name)
    before = plan.read_bytes()
    _refused(cli("show", "--data", str(plan), "--output", str(other)), str(other))
    with other.open("rb") as stdin:  # the link read as standard input, the file as output
        _refused(cli("show", "--data", "-", "--output", str(plan), stdin=stdin), str(plan))
    assert plan.read_bytes() == before


def test_dev_stdin_as_output(plan):
    before = plan.read_bytes()
    with plan.open("rb") as stdin:
        done = cli("show", "--data", "-", "--output", "/dev/stdin", stdin=stdin)
    _refused(done, "/dev/stdin")
    assert plan.read_bytes() == before


def test_stdin_from_a_pipe_writes_any_file(plan, tmp_path):
    target = tmp_path / "out.md"
    done = cli("show", "--data", "-", "--output", str(target), input=plan.read_bytes())
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").startswith("# Morocco")


def test_output_to_a_device_replaces_no_input(plan):
    with plan.open("rb") as stdin:
        done = cli("show", "--data", "-", "--output", "/dev/null", stdin=stdin)
    assert (done.returncode, done.stderr) == (0, b"")


# --- 3. Nothing skipped in silence ------------------------------------------------------


@pytest.fixture
def folder(tmp_path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(DEFAULT_FILE, data / "plan.yaml")
    return data


def test_every_entry_that_looks_like_data_is_loaded_or_reported(run, folder):
    (folder / "dangling.yaml").symlink_to("nowhere.yaml")
    (folder / "loop.yml").symlink_to("loop.yml")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "sub.yaml").mkdir()
    (folder / "notes.txt").write_text("not data", encoding="utf-8")
    done = run("validate", str(folder))
    assert done.exit_code == 1
    assert done.stdout.splitlines() == [
        f"{folder}/dangling.yaml: broken symbolic link to nowhere.yaml; fix or remove the link",
        f"{folder}/loop.yml: cannot read: a loop of symbolic links",
        f"{folder}/pipe.yaml: not a regular file: give a .yaml file or a folder",
        f"{folder}/sub.yaml: not a regular file: give a .yaml file or a folder",
    ]
    # A command runs on the valid file and names each entry it could not read, once.
    shown = run("show", "--data", str(folder))
    assert shown.exit_code == 0 and shown.stdout
    assert shown.stderr.count("\n") == 4
    for line in done.stdout.splitlines():
        assert line.split("; ")[0] in shown.stderr
    strict = run("--strict-data", "show", "--data", str(folder))
    assert strict.exit_code == 1 and "pipe.yaml: not a regular file" in strict.stderr


def test_entries_named_only_by_the_suffix_are_data_too(run, tmp_path):
    shutil.copy(DEFAULT_FILE, tmp_path / ".yml")
    (tmp_path / ".yaml").mkdir()
    done = run("validate", str(tmp_path))
    assert done.exit_code == 1
    assert done.stdout.splitlines() == [
        f"{tmp_path}/.yaml: not a regular file: give a .yaml file or a folder",
    ]
    (tmp_path / ".yaml").rmdir()
    done = run("validate", str(tmp_path))
    assert done.stdout == f"{tmp_path}/.yml: ok (morocco-israel-work-plan-2026)\n"


@pytest.mark.parametrize("name", ["PLAN.YAML", "plan.Yml", "plan.yAmL"])
def test_suffix_in_any_case_is_data(run, tmp_path, name):
    shutil.copy(DEFAULT_FILE, tmp_path / name)
    done = run("validate", str(tmp_path))
    assert done.exit_code == 0
    assert done.stdout == f"{tmp_path / name}: ok (morocco-israel-work-plan-2026)\n"


def test_symlink_given_directly(run, tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to("loop.yaml")
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to("gone.yaml")
    done = run("show", "--data", str(loop))
    assert done.exit_code == 1
    assert done.stderr == f"briefing: {loop}: cannot read: a loop of symbolic links\n"
    done = run("show", "--data", str(dangling))
    assert done.exit_code == 1
    assert done.stderr == (
        f"briefing: {dangling}: broken symbolic link to gone.yaml; check the path\n"
    )
    missing = tmp_path / "missing.yaml"
    done = run("show", "--data", str(missing))
    assert done.stderr == (
        f"briefing: {missing}: no such file or folder (from --data); check the path\n"
    )


# --- 4. Smaller leaks -------------------------------------------------------------------


def test_completion_never_prints_raw_escapes(write):
    from briefing.commands.completion import complete_briefings, complete_themes

    themes = [
        {"id": "alpha", "title": "Red \x1b[31mALERT\x1b[0m\nsecond line", "aliases": ["a\x1b[2Jb"]},
        {"id": "beta", "title": "Beta\u202e"},
    ]
    items = [
        {
            "id": "one",
            "title": "One",
            "themes": ["alpha"],
            "summary": "S.",
            "sources": [{"source": "s1"}],
        },
    ]
    path = write(minimal(themes=themes, items=items, timeline=[], title="T\x07itle"))
    params = {"data": [str(path)]}
    offers = complete_themes(params, "")
    assert offers == [
        ("alpha", "Red \\x1b[31mALERT\\x1b[0m second line"),
        ("beta", "Beta\\u202e"),
    ]
    assert complete_briefings(params, "") == [("test-plan", "T\\x07itle")]


def test_markdown_link_target_is_the_source_url(write):
    """Character references in a URL stay literal in every reader."""
    from markdown_it import MarkdownIt

    from briefing.commands.choosing import select
    from briefing.delivery.console import OutputOptions
    from briefing.formats import able, get
    from briefing.reading.loader import load

    url = "https://example.org/a&#x6A;b?x=1&y=2&amp;z&lt;"
    sources = [{"id": "s1", "title": "Source one", "url": url}]
    items = [{"id": "one", "title": "One", "themes": ["alpha"], "summary": "S.", "sources": []}]
    items[0]["sources"] = [{"source": "s1"}]
    path = write(minimal(items=items, timeline=[], sources=sources))
    briefing = select(load([str(path)]), None)
    rendered = able(get("markdown").sources, "markdown", "sources")(briefing, OutputOptions())
    parser = MarkdownIt()
    hrefs = [
        token.attrs["href"]
        for block in parser.parse(rendered)
        for token in block.children or []
        if token.type == "link_open"
    ]
    assert hrefs == [parser.normalizeLink(url)]
    if shutil.which("pandoc"):
        for reader in ("commonmark", "gfm", "markdown"):
            converted = subprocess.run(
                ["pandoc", "-f", reader, "-t", "plain", "--reference-links"],
                input=rendered.encode(),
                capture_output=True,
                check=True,
                timeout=60,
            )
            assert f"]: {url}".encode() in converted.stdout, reader


def test_positions_of_standard_input_problems(plan):
    """A problem found across files (here a file and itself on stdin) has a line and column."""
    with plan.open("rb") as stdin:
        done = cli("validate", str(plan), "-", stdin=stdin)
    assert done.returncode == 1
    lines = done.stdout.decode().splitlines()
    assert lines
    assert any(line.startswith("<stdin>:") for line in lines), lines
    located = re.compile(rf"^(<stdin>|{re.escape(str(plan))}):\d+:\d+: ")
    assert all(located.match(line) for line in lines), lines


def test_positions_come_from_what_was_read_not_the_file_now(write):
    """Problems across files are located in the text read: the files are not read again."""
    from briefing.reading.loader import check_files
    from briefing.reading.translations import translation_problems

    first = write(minimal(), "one.yaml")
    second = write(minimal(), "two.yaml")
    texts = {str(p): p.read_text(encoding="utf-8") for p in (first, second)}
    briefings, problems = check_files([str(first), str(second)])
    assert problems and all(p.line is not None and p.column is not None for p in problems)
    first.unlink()
    second.unlink()
    assert translation_problems(briefings, texts) == problems


SIGTERM_DURING_WRITE = textwrap.dedent(
    """
    import os, signal, sys, tempfile
    import briefing.delivery.writing

    target, moment = sys.argv[1:]

    def sigterm():
        os.kill(os.getpid(), signal.SIGTERM)

    if moment == "creating":  # just as the temporary file has been made
        real_temporary = tempfile.NamedTemporaryFile

        def temporary_then_sigterm(*args, **kwargs):
            made = real_temporary(*args, **kwargs)
            sigterm()
            return made

        tempfile.NamedTemporaryFile = temporary_then_sigterm
    else:  # once it is written and synced, before the rename
        real_fsync = os.fsync

        def fsync_then_sigterm(fd):
            real_fsync(fd)
            sigterm()

        briefing.delivery.writing.os.fsync = fsync_then_sigterm
    from briefing.__main__ import main

    sys.argv = ["briefing", "show", "--output", target]
    main()
    """
)


@pytest.mark.parametrize("moment", ["creating", "written"])
@pytest.mark.parametrize("existing", [False, True])
def test_sigterm_during_output_leaves_no_temporary_file(tmp_path, existing, moment):
    target = tmp_path / "out.md"
    if existing:
        target.write_text("old\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", SIGTERM_DURING_WRITE, str(target), moment],
        capture_output=True,
        env=env(),
        timeout=60,
    )
    assert done.returncode == 143
    assert done.stderr == b"briefing: terminated\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == (["out.md"] if existing else [])
    if existing:
        assert target.read_text(encoding="utf-8") == "old\n"


def test_sigterm_while_waiting_exits_143():
    proc = subprocess.Popen(
        [*COMMAND, "show", "--data", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(),
    )
    wait_until_reading_stdin(proc)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 143
    assert (out, err) == (b"", b"briefing: terminated\n")


def test_nonblocking_stdin_is_read_to_the_end():
    """A non-blocking stdin with no data yet is not an empty briefing."""
    reader, writer = os.pipe()
    os.set_blocking(reader, False)
    proc = subprocess.Popen(
        [*COMMAND, "validate", "-"],
        stdin=reader,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(),
    )
    os.close(reader)
    time.sleep(0.5)  # the child finds nothing to read meanwhile
    data = DEFAULT_FILE.read_bytes()
    with os.fdopen(writer, "wb") as pipe:
        for start in range(0, len(data), 1000):
            pipe.write(data[start : start + 1000])
            pipe.flush()
            time.sleep(0.01)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (0, b"<stdin>: ok (morocco-israel-work-plan-2026)\n", b"")
