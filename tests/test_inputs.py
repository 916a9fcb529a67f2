"""Every input is read one bounded way, and no system error is ever reported as a bug.

Two invariants, each over every input the tool reads and every path it touches:

- each documented input (a data file or folder given with `--data`, with
  BRIEFING_DATA or with the configuration file's `data`, the configuration
  file itself, standard input, the file `migrate` and `validate` read) refuses
  a FIFO, a device and anything over its cap, with one line on stderr, a
  documented exit code, and without waiting;
- no OSError from any path (reading, writing `--output`, the configuration
  file, migrate's replace) reaches exit 70: injected with long names, missing
  folders and a fake filesystem that fails each system call in turn.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.reading.migrate import MARK
from tests.conftest import ROOT, minimal

COMMAND = [sys.executable, "-m", "briefing"]
DOCUMENTED = {0, 1, 2}  # the codes an input problem may give (README's table)


def env_of(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFING_", "XDG_"))}
    env.update(PYTHONPATH=str(ROOT), LANG="C.UTF-8", XDG_CONFIG_HOME="/nonexistent")
    env.update(extra)
    return env


def run_process(args, env, stdin=None, timeout=60):
    done = subprocess.run(
        [*COMMAND, *args],
        env=env,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,  # a FIFO opened for reading would wait here forever
        check=False,
    )
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8")


def one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("briefing: ") and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.fixture
def bad(tmp_path):
    """The three things no input may be: a FIFO, a device, a file over the cap (100 bytes)."""
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    big = tmp_path / "big.yaml"
    big.write_text(yaml.safe_dump(minimal()), encoding="utf-8")  # far over 100 bytes
    return {"fifo": str(fifo), "device": "/dev/zero", "over the cap": str(big)}


REFUSED = {
    "fifo": "not a regular file",
    "device": "not a regular file",
    "over the cap": "larger than the 100-byte limit",
}


# How each input is given a path, and the exit code its refusal documents.
def as_data_option(path, tmp):
    return ["--data", path, "show"], {}, 1


def as_data_variable(path, tmp):
    return ["show"], {"BRIEFING_DATA": path}, 1


def as_config_file(path, tmp):
    return ["show"], {"BRIEFING_CONFIG": path}, 2


def as_config_data(path, tmp):
    config = Path(tmp) / "config.toml"
    config.write_text(f'data = "{path}"\n', encoding="utf-8")
    return ["show"], {"BRIEFING_CONFIG": str(config)}, 1


def as_validate_argument(path, tmp):
    return ["validate", path], {}, 1


def as_migrate_argument(path, tmp):
    return ["migrate", path], {}, 1


INPUTS = [
    as_data_option,
    as_data_variable,
    as_config_file,
    as_config_data,
    as_validate_argument,
    as_migrate_argument,
]


@pytest.mark.parametrize("kind", list(REFUSED))
@pytest.mark.parametrize("given_as", INPUTS, ids=lambda f: f.__name__)
def test_every_input_refuses_fifos_devices_and_files_over_its_cap(bad, tmp_path, given_as, kind):
    args, extra, code = given_as(bad[kind], tmp_path)
    returned, out, err = run_process(args, env_of(BRIEFING_MAX_BYTES="100", **extra))
    if args[0] == "validate":  # its report is its output: one line per problem, on stdout
        assert err == ""
        (line,) = out.splitlines()
    else:
        line = one_line(err)
    assert returned == code, (returned, line)
    assert REFUSED[kind] in line, line
    assert bad[kind] in line or bad[kind] in " ".join(args), line  # names the input


@pytest.mark.parametrize(
    ("stdin", "refused"),
    [
        ("/dev/zero", "standard input is a device"),
        ("/dev/null", "standard input is a device"),
        ("big", "larger than the 100-byte limit"),
    ],
)
def test_standard_input_refuses_devices_and_input_over_the_cap(bad, stdin, refused):
    path = bad["over the cap"] if stdin == "big" else stdin
    with open(path, "rb") as handle:
        returned, _out, err = run_process(
            ["--data", "-", "show"], env_of(BRIEFING_MAX_BYTES="100"), stdin=handle
        )
    assert returned == 1
    assert refused in one_line(err)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(extra=st.integers(-200, 200), which=st.sampled_from(["data", "config"]))
def test_the_cap_is_the_same_for_data_and_configuration(tmp_path_factory, extra, which):
    from briefing.cli.config import ConfigError, load_config
    from briefing.errors import DataError
    from briefing.reading.loader import load

    folder = tmp_path_factory.mktemp("cap")
    config = "width = 80\n" + "# padding\n" * 40
    text = yaml.safe_dump(minimal()) if which == "data" else config
    path = folder / ("f.yaml" if which == "data" else "c.toml")
    path.write_text(text, encoding="utf-8")
    cap = len(text.encode()) + extra
    if cap <= 0:
        return
    environ = {"BRIEFING_MAX_BYTES": str(cap), "BRIEFING_CONFIG": str(path)}
    over = extra < 0
    os.environ["BRIEFING_MAX_BYTES"] = str(cap)
    try:
        if which == "data":
            if over:
                with pytest.raises(DataError) as info:
                    load([str(path)])
                assert "larger than the" in info.value.lines()[0]
            else:
                assert load([str(path)])
        elif over:
            with pytest.raises(ConfigError, match="larger than the"):
                load_config(environ)
        else:
            assert load_config(environ).get("width").value == 80
    finally:
        del os.environ["BRIEFING_MAX_BYTES"]


# --- no OSError reaches exit 70 -------------------------------------------------------------

LONG = "a" * 300  # past NAME_MAX on every usual filesystem


@pytest.mark.parametrize(
    "args",
    [
        ["show", "-o", LONG + ".md"],
        ["show", "-o", LONG + ".html"],
        ["show", "-o", LONG + ".json"],
        ["show", "-o", LONG + "/x.md"],
        ["show", "-o", "missing-folder/x.md"],
        ["--data", LONG + ".yaml", "show"],
        ["--data", LONG, "list"],
        ["validate", LONG + ".yaml"],
        ["migrate", LONG + ".yaml"],
        ["diff", LONG + ".yaml", LONG + ".yaml"],
    ],
    ids=lambda a: " ".join(x if len(x) < 20 else x[:8] + "…" for x in a),
)
def test_path_errors_are_one_line_with_a_documented_code(run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code in DOCUMENTED - {0}, result.stderr
    # One line: on stderr, or on stdout for validate, whose report is its output.
    told = result.stdout if args[0] == "validate" else result.stderr
    assert told.count("\n") == 1 and "internal error" not in result.stderr, result
    if args[0] != "diff":  # diff words its unreadable arguments its own way
        assert "longer than" in told or "no such" in told, told


# A fake filesystem: each of these system calls, in turn, fails with each of these errors.
CALLS = ["open", "stat", "lstat", "replace", "fsync", "chmod", "chown", "mkdir", "scandir"]
ERRORS = [errno.EACCES, errno.EIO, errno.ENOSPC, errno.ENAMETOOLONG, errno.EROFS, errno.ELOOP]


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    call=st.sampled_from(CALLS),
    code=st.sampled_from(ERRORS),
    after=st.integers(0, 40),
    command=st.sampled_from(
        [
            ["show", "-o", "out.md"],
            ["show", "-o", "out.html"],
            ["show", "--format", "json"],
            ["validate", "plan.yaml"],
            ["migrate", "plan.yaml"],
            ["--data", ".", "list"],
            ["--data", "plan.yaml", "show"],
            ["config"],
        ]
    ),
)
def test_no_system_error_from_any_call_is_reported_as_a_bug(
    tmp_path_factory, call, code, after, command
):
    returned, err = failing_run(tmp_path_factory.mktemp("fs"), call, code, after, command)
    assert returned in DOCUMENTED, (call, code, after, command, err)
    assert "internal error" not in err and "Traceback" not in err, (call, code, after, command)


@pytest.mark.parametrize(
    ("call", "command", "told"),
    [
        ("replace", ["show", "-o", "out.md"], "--output out.md: cannot write: Permission denied"),
        ("fsync", ["show", "-o", "out.html"], "--output out.html: cannot write: Permission denied"),
        ("open", ["--data", "plan.yaml", "show"], "config.toml: cannot read: Permission denied"),
        ("replace", ["migrate", "plan.yaml"], "plan.yaml: cannot write: Permission denied"),
        ("stat", ["config"], "config.toml: cannot read: Permission denied"),
    ],
)
def test_the_fake_filesystem_fails_where_it_is_told(tmp_path, call, command, told):
    returned, err = failing_run(tmp_path, call, errno.EACCES, 0, command)
    assert returned in (1, 2)
    assert told in err, err


def failing_run(folder, call, code, after, command):
    """Run a command in-process while `os.<call>` fails with `code` after `after` calls."""
    from briefing.cli import runner
    from briefing.cli.settings import Environment
    from briefing.delivery.console import OutputOptions

    v1 = minimal()  # version 1, so that migrate has work to do
    (folder / "plan.yaml").write_text(yaml.safe_dump(v1, sort_keys=False), encoding="utf-8")
    (folder / "config.toml").write_text("width = 90\n", encoding="utf-8")
    environ = {
        "BRIEFING_CONFIG": str(folder / "config.toml"),
        "BRIEFING_DATA": str(folder / "plan.yaml"),
        "HOME": str(folder),
    }
    real = getattr(os, call)
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > after:
            name = args[0] if args and isinstance(args[0], (str, bytes, os.PathLike)) else None
            raise OSError(code, os.strerror(code), name)
        return real(*args, **kwargs)

    import io
    from contextlib import redirect_stderr, redirect_stdout

    err, out = io.StringIO(), io.StringIO()
    previous = os.getcwd()
    os.chdir(folder)
    setattr(os, call, failing)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            returned = runner.main(command, Environment(environ=environ, output=OutputOptions()))
    finally:
        setattr(os, call, real)
        os.chdir(previous)
    return (0 if returned is None else returned), err.getvalue()


def test_migrate_marks_are_the_ones_validate_lists():
    # The mark is one string, written by migrate and searched for by validate.
    from briefing.reading.migrate import ungraded_lines

    assert ungraded_lines(f"a: 1\nb: 6  {MARK}\n") == [2]
    assert ungraded_lines("a: 1\n") == []


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="the reference document is pandoc's")
@pytest.mark.parametrize("kind", list(REFUSED))
def test_a_reference_document_is_read_with_the_same_bounds(tmp_path, kind):
    # Named .docx, as a reference document for a .docx must be.
    path = tmp_path / "styles.docx"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes(b"PK" + b"\0" * 200)
    target = tmp_path / "out.docx"
    returned, _out, err = run_process(
        ["show", "-o", str(target), "--reference-doc", str(path)],
        env_of(BRIEFING_MAX_BYTES="100"),
    )
    assert returned == 2
    line = one_line(err)
    assert (REFUSED[kind] if kind != "fifo" else "not a regular file") in line, line
    assert not target.exists()


@pytest.mark.parametrize("under", ["afile", "afile/sub"])
@pytest.mark.parametrize(
    ("lang", "told"),
    [
        ("en", "cannot write: a file is in the way (a part of the path is a file, not a folder)"),
        (
            "fr",
            "écriture impossible : un fichier est en travers du chemin (une partie du chemin "
            "est un fichier, pas un dossier)",
        ),
    ],
)
def test_a_file_where_the_output_folder_should_be_is_named_as_one(run, tmp_path, under, lang, told):
    (tmp_path / "afile").write_text("kept\n", encoding="utf-8")
    target = tmp_path / under / "x.md"
    result = run("--lang", lang, "show", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"briefing: --output {target}")
    assert result.stderr.endswith(told + "\n")
    assert len(result.stderr.splitlines()) == 1
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "kept\n"


@pytest.mark.parametrize(
    ("code", "english", "french"),
    [
        (errno.ENOENT, "no such file or folder", "ce fichier ou dossier n’existe pas"),
        (errno.EACCES, "Permission denied", "permission refusée"),
        (errno.EROFS, "Read-only file system", "système de fichiers en lecture seule"),
        (errno.ENOSPC, "No space left on device", "plus de place sur le périphérique"),
    ],
)
def test_a_refused_output_gives_the_reason_in_the_interface_language(code, english, french):
    """What `-o /proc/x.md` meets (ENOENT in a folder that exists), and its kin, translated."""
    from briefing.errors import os_reason
    from briefing.i18n import speaking

    assert os_reason(OSError(code, os.strerror(code), "x")) == english
    with speaking("fr"):
        assert os_reason(OSError(code, os.strerror(code), "x")) == french


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="a Linux /proc is needed")
def test_an_output_into_proc_is_refused_in_french_words(run):
    result = run("--lang", "fr", "show", "-o", "/proc/x.md")
    assert result.exit_code == 1
    assert result.stderr.startswith("briefing: --output /proc/x.md : écriture impossible : ")
    reason = result.stderr.split(" : ")[-1].strip()
    assert reason in ("ce fichier ou dossier n’existe pas", "permission refusée"), reason
