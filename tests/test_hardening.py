"""Hostile and odd inputs: each ends in a clear message and a documented exit code."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from briefing.errors import ValidationError
from briefing.reading.loader import parse
from tests.conftest import DEFAULT_FILE, ROOT, minimal


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("pure", [False, True])
def test_alias_used_as_a_key(pure):
    text = dump(minimal()) + "x-a: &k key\nx-b:\n  *k : value\n"
    with pytest.raises(ValidationError) as info:
        parse(text, "f.yaml", pure)
    assert any("aliases (*k) are not supported" in str(p) for p in info.value.problems)


@pytest.mark.parametrize("pure", [False, True])
def test_raw_control_character_has_a_position(pure):
    text = "briefing: 1\ntitle: a\x07b\n"
    with pytest.raises(ValidationError) as info:
        parse(text, "f.yaml", pure)
    (problem,) = info.value.problems
    assert str(problem).startswith("f.yaml:2:9: the character U+0007 is not allowed in a YAML file")


@pytest.mark.parametrize("pure", [False, True])
def test_invalid_value_before_a_duplicate_is_still_reported(pure):
    data = minimal()
    text = dump(data).replace("  status: planned\n", "  status: bogus\n  status: planned\n", 1)
    with pytest.raises(ValidationError) as info:
        parse(text, "f.yaml", pure)
    found = [str(p) for p in info.value.problems]
    assert any("unknown status `bogus`" in p for p in found), found
    assert any("duplicate key `status`" in p for p in found), found


@pytest.mark.parametrize("value", ["morocco\n", "https://example.org\n", "fr\n"])
def test_trailing_newline_is_not_an_id_url_or_language(value):
    data = minimal(id=value if not value.startswith(("h", "f")) else "test-plan")
    if value.startswith("h"):
        data["sources"][0]["url"] = value
    if value.startswith("f"):
        data["language"] = value
    with pytest.raises(ValidationError):
        parse(dump(data), "f.yaml")


def many_themes(item_theme: str) -> dict:
    """A briefing with 3,000 themes and 3,000 items, each item citing `item_theme` + its number."""
    data = minimal(timeline=[])
    data["themes"] = [{"id": f"theme-{n}", "title": f"Theme {n}"} for n in range(3000)]
    data["items"] = [
        {
            "id": f"i{n}",
            "title": "t",
            "themes": [f"{item_theme}-{n}"],
            "summary": "s",
            "sources": [{"source": "s1"}],
        }
        for n in range(3000)
    ]
    return data


def test_many_bad_references_are_capped_and_fast(run, write):
    data = many_themes("nope")
    path = write(data)
    start = time.perf_counter()
    result = run("validate", str(path))
    assert time.perf_counter() - start < 20
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert len(lines) == 201
    assert lines[-1].endswith("stopped after 200 problems: fix these and check again")
    assert "theme-11, … (3000 in all)" in lines[0]


def test_theme_counts_are_linear(run, write):
    data = many_themes("theme")
    start = time.perf_counter()
    result = run("themes", "--data", str(write(data)), "--format", "json")
    assert result.exit_code == 0
    assert time.perf_counter() - start < 20


@pytest.mark.parametrize("value", ["99999999999999999999999", "1000000000000"])
def test_huge_size_cap_allocates_nothing(run, value):
    result = run("show", "--data", str(DEFAULT_FILE), env={"BRIEFING_MAX_BYTES": value})
    assert result.exit_code == 0, result.stderr


def test_huge_width_is_a_usage_error(run):
    assert run("show", "--width", "100000000000000000000").exit_code == 2
    assert run("show", "--width", "1001").exit_code == 2


def _cli(*args: str, **kwargs):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        stderr=subprocess.PIPE,
        env=env,
        timeout=30,
        **kwargs,
    )


def test_closed_standard_input():
    done = _cli(
        "show",
        "--data",
        "-",
        stdin=subprocess.DEVNULL,
        close_fds=True,
        preexec_fn=lambda: os.close(0),
    )
    assert done.returncode == 1
    assert (
        done.stderr.decode()
        == "briefing: <stdin>: standard input is closed: pipe a briefing into --data -\n"
    )


def test_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    done = _cli("show", "--data", str(fifo))
    assert done.returncode == 1
    assert b"not a regular file" in done.stderr
    folder = _cli("show", "--data", str(tmp_path))  # in a folder it is reported, not skipped
    assert folder.returncode == 1
    reported = f"briefing: {fifo}: not a regular file: give a .yaml file or a folder\n"
    assert folder.stderr.decode() == reported


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_on_stdout():
    with open("/dev/full", "w") as full:
        done = _cli("show", stdout=full)
    assert done.returncode == 1
    assert done.stderr.decode().startswith("briefing: cannot write the output:")


def test_output_writes_through_a_symlink(run, tmp_path):
    target = tmp_path / "target.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert run("show", "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("# Morocco")


def test_output_to_a_device_writes_to_it(run):
    result = run("show", "-o", os.devnull)
    assert result.exit_code == 0
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_unreadable_folder(run, tmp_path):
    """The real thing, where the system refuses it; as root (CI) the test below stands in."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.yaml").write_text(dump(minimal()), encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with permissions that read anything (see the test below)")
        result = run("show", "--data", str(locked))
        assert result.exit_code == 1
        assert "cannot read" in result.stderr or "Permission denied" in result.stderr
    finally:
        locked.chmod(0o700)


@contextlib.contextmanager
def refused(under: Path, code: int, calls: tuple[str, ...]) -> Iterator[list[str]]:
    """The system's refusal, for any user, root included: each of `os.<call>` fails with
    `code` on a path under `under`, as it does for a user without the permission. Yields
    the calls that were refused, so a test knows the refusal was met."""
    met: list[str] = []
    real = {name: getattr(os, name) for name in calls}

    def failing(name: str) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            path = args[0] if args else kwargs.get("path", ".")
            if isinstance(path, (str, os.PathLike)) and not isinstance(path, int):
                where = Path(os.path.abspath(os.fspath(path)))
                if where == under or under in where.parents:
                    met.append(name)
                    raise OSError(code, os.strerror(code), os.fspath(path))
            return real[name](*args, **kwargs)

        return call

    for name in calls:
        setattr(os, name, failing(name))
    try:
        yield met
    finally:
        for name, function in real.items():
            setattr(os, name, function)


# Each case: what is refused, the calls refused on it, and the command that meets them,
# in the order a real refusal would be met (a folder that can be entered but not listed,
# a file that cannot be opened, a folder that takes no new file...).
PERMISSION_CASES = {
    "folder listing": ("locked", ("listdir", "scandir"), ["show", "--data", "{locked}"]),
    "file open": ("locked/a.yaml", ("open",), ["show", "--data", "{locked}/a.yaml"]),
    "file stat": ("locked/a.yaml", ("stat", "lstat"), ["validate", "{locked}/a.yaml"]),
    "output create": ("locked", ("open",), ["show", "-o", "{locked}/out.md"]),
    "output replace": ("locked", ("replace",), ["show", "-o", "{locked}/out.html"]),
    "migrate replace": ("locked", ("replace",), ["migrate", "{locked}/a.yaml"]),
    "config open": ("config.toml", ("open",), ["show"]),
}


@pytest.mark.parametrize("code", [errno.EACCES, errno.EPERM], ids=["EACCES", "EPERM"])
@pytest.mark.parametrize("case", list(PERMISSION_CASES))
def test_a_permission_refused_is_one_line_and_never_exit_70(run, tmp_path, case, code):
    """The permission half of "no OSError reaches exit 70", run as root too (CI is root)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    plan = dump(minimal())
    (folder / "a.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "config.toml").write_text("width = 90\n", encoding="utf-8")
    target, calls, args = PERMISSION_CASES[case]
    args = [a.format(locked=folder) for a in args]
    env = {"BRIEFING_CONFIG": str(tmp_path / "config.toml"), "BRIEFING_DATA": str(DEFAULT_FILE)}
    with refused(tmp_path / target, code, calls) as met:
        result = run(*args, env=env)
    assert met, "the refusal was never met: the test would prove nothing"
    told = result.stdout if args[0] == "validate" else result.stderr
    assert result.exit_code == (2 if case == "config open" else 1), told
    assert told.count("\n") == 1 and "internal error" not in result.stderr, told
    assert os.strerror(code) in told, told
    assert [p.name for p in folder.iterdir()] == ["a.yaml"]  # nothing left beside it
    assert (folder / "a.yaml").read_text(encoding="utf-8") == plan  # nor overwritten


def test_empty_data_path_is_a_usage_error(run):
    result = run("show", "--data", "")
    assert result.exit_code == 2
    assert result.stderr == "briefing: --data is empty: give a file, a folder or -\n"


def test_same_file_twice_is_one_file(run):
    result = run("validate", str(DEFAULT_FILE), str(DEFAULT_FILE))
    assert result.exit_code == 0
    assert result.stdout.count("ok (") == 1


def test_theme_title_with_extra_spaces_can_be_chosen(run, write):
    data = minimal()
    data["themes"][2]["title"] = "Gamma   rays"
    result = run("show", "--data", str(write(data)), "--theme", "gamma rays", "-f", "json")
    assert result.exit_code == 0, result.stderr
