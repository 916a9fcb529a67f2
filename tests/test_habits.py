"""Habits from git and gh: the pager, colour, the reading width, the config file, plain messages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from briefing.delivery.console import OutputOptions
from briefing.formats.terminal import render_briefing, render_sources, render_themes
from briefing.reading.loader import parse
from tests.conftest import minimal
from tests.test_process import ANSI, COMMAND, _env, in_pty

PLAIN = OutputOptions(is_terminal=True, width=80, color=False)
COLOUR = OutputOptions(is_terminal=True, width=80, color=True)

# The fake pager: records what it read and the LESS it was given, then ends.
FAKE_PAGER = """#!{python}
import os, sys
text = sys.stdin.read() if {reads} else ""
with open({record!r}, "w", encoding="utf-8") as out:
    out.write(os.environ.get("LESS", "<unset>") + "\\n" + text)
"""


def fake_pager(tmp_path: Path, reads: bool = True) -> tuple[str, Path]:
    """A pager command and the file where it records LESS (first line) and the text it read."""
    record = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    script.write_text(FAKE_PAGER.format(python=sys.executable, reads=reads, record=str(record)))
    script.chmod(0o755)
    return str(script), record


def paging_env(pager: str, **extra: str) -> dict[str, str]:
    """The environment of a terminal user with this PAGER and no other pager setting."""
    env = _env()
    env.pop("BRIEFING_PAGER", None)
    env.pop("LESS", None)
    env["PAGER"] = pager
    env.update(extra)
    return env


# The pager, on a real terminal


def test_long_output_goes_through_the_pager_in_colour_with_less_frx(tmp_path):
    pager, record = fake_pager(tmp_path)
    code, screen, err = in_pty(["show"], paging_env(pager), rows=30)
    assert (code, err) == (0, "")
    less, _, paged = record.read_text(encoding="utf-8").partition("\n")
    assert less == "FRX"
    assert "\x1b[" in paged, "colour passes through the pager"
    assert "BOTTOM LINE" in ANSI.sub("", paged)
    assert "BOTTOM LINE" not in screen, "printed by the pager, not twice"


def test_every_printing_command_pages(tmp_path):
    pager, record = fake_pager(tmp_path)
    for args in (["timeline"], ["sources"], ["themes"], ["schema"]):
        record.unlink(missing_ok=True)
        code, _screen, err = in_pty(args, paging_env(pager), rows=10)
        assert (code, err) == (0, ""), args
        assert record.exists(), args


def test_short_output_prints_directly(tmp_path):
    pager, record = fake_pager(tmp_path)
    code, screen, err = in_pty(["config"], paging_env(pager), rows=40)
    assert (code, err) == (0, "")
    assert not record.exists()
    assert "pager" in screen


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["--no-pager", "show"], {}),
        (["show", "--no-pager"], {}),
        (["show"], {"BRIEFING_PAGER": "cat"}),
        (["show"], {"BRIEFING_PAGER": ""}),
    ],
)
def test_the_pager_can_be_turned_off(tmp_path, args, extra):
    pager, record = fake_pager(tmp_path)
    code, screen, err = in_pty(args, paging_env(pager, **extra), rows=20)
    assert (code, err) == (0, "")
    assert not record.exists()
    assert "BOTTOM LINE" in screen


def test_config_turns_the_pager_off_and_a_flag_back_on(tmp_path):
    pager, record = fake_pager(tmp_path)
    config = tmp_path / "config.toml"
    config.write_text("pager = false\n")
    env = paging_env(pager, BRIEFING_CONFIG=str(config))
    assert in_pty(["show"], env, rows=20)[0] == 0
    assert not record.exists()
    assert in_pty(["--pager", "show"], env, rows=20)[0] == 0
    assert record.exists()


def test_briefing_pager_beats_pager_and_less_is_kept(tmp_path):
    pager, record = fake_pager(tmp_path)
    env = paging_env("no-such-pager-at-all", BRIEFING_PAGER=pager, LESS="-S")
    code, _screen, err = in_pty(["show"], env, rows=20)
    assert (code, err) == (0, "")
    assert record.read_text(encoding="utf-8").startswith("-S\n")


def test_quitting_the_pager_early_is_a_normal_end(tmp_path):
    pager, record = fake_pager(tmp_path, reads=False)
    code, _screen, err = in_pty(["show"], paging_env(pager), rows=10)
    assert (code, err) == (0, "")
    assert record.exists()


@pytest.mark.parametrize("pager", ["no-such-pager-at-all", "less '-R"])
def test_a_pager_that_cannot_start_leaves_the_output_and_one_notice(pager):
    code, screen, err = in_pty(["show"], paging_env(pager), rows=10)
    assert code == 0
    assert "BOTTOM LINE" in ANSI.sub("", screen)
    assert err.count("\n") == 1 and err.startswith("briefing: ")
    assert "printed without it" in err


def test_never_a_pager_when_piped(tmp_path):
    pager, record = fake_pager(tmp_path)
    done = subprocess.run(
        [*COMMAND, "--pager", "show"], capture_output=True, env=paging_env(pager), timeout=30
    )
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.startswith(b"# ")
    assert not record.exists()


# Width and colour, on a real terminal


def _widest(screen: str) -> int:
    return max(cell_len(line) for line in ANSI.sub("", screen).splitlines())


def test_a_wide_terminal_gets_a_reading_measure():
    code, screen, _err = in_pty(["show"], _env(), columns=180)
    assert code == 0
    assert 90 < _widest(screen) <= 100


def test_width_forces_and_config_sets_the_measure(tmp_path):
    code, screen, _err = in_pty(["show", "--width", "140"], _env(), columns=180)
    assert code == 0 and 120 < _widest(screen) <= 140
    config = tmp_path / "config.toml"
    config.write_text("measure = 60\n")
    code, screen, _err = in_pty(["show"], _env(BRIEFING_CONFIG=str(config)), columns=180)
    assert code == 0 and 50 < _widest(screen) <= 60


def test_a_narrow_terminal_uses_its_width():
    code, screen, _err = in_pty(["show"], _env(), columns=50)
    assert code == 0 and 40 < _widest(screen) <= 50


@pytest.mark.parametrize(
    ("args", "extra", "coloured"),
    [
        ([], {}, True),
        (["--color", "never"], {}, False),
        (["--color=never"], {"FORCE_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),
        ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        (["--color", "auto"], {"TERM": "dumb"}, False),
    ],
)
def test_colour_flag_beats_the_environment_and_no_color_beats_force_color(args, extra, coloured):
    code, screen, _err = in_pty([*args, "themes"], _env(**extra), rows=60)
    assert code == 0
    assert ("\x1b[" in screen) is coloured


def test_data_from_a_terminal_says_it_waits_for_yaml():
    text = yaml.safe_dump(minimal(), allow_unicode=True, sort_keys=False, width=60)
    typed = text.encode("utf-8").replace(b"\n", b"\r") + b"\x04"
    code, _screen, err = in_pty(
        ["show", "--data", "-", "--no-pager"], _env(), stdin_tty=True, typed=typed
    )
    assert err.startswith(
        "briefing: reading briefing YAML from standard input; end it with Ctrl-D\n"
    )
    assert code == 0, err


# Colour and width through the in-process runner


def test_colour_option_in_both_parsers(run):
    assert "\x1b[" in run("--color", "always", "themes", options=PLAIN).stdout
    assert "\x1b[" not in run("themes", "--color", "never", options=COLOUR).stdout
    assert "\x1b[" in run("themes", "--color", "ALWAYS", "-f", "terminal").stdout


def test_unknown_colour_is_a_plain_usage_error(run):
    result = run("--color", "blue", "themes")
    assert result.exit_code == 2
    assert result.stderr == (
        "briefing: --color does not take `blue`; choose one of: auto, always, never\n"
    )


def test_output_detection_with_a_colour_choice_and_a_measure(tmp_path):
    from briefing.cli.settings import Environment, resolve

    class Tty:
        def isatty(self) -> bool:
            return True

        def fileno(self) -> int:
            raise OSError

    def output(environ: dict[str, str], **values: object) -> OutputOptions:
        environ = {"XDG_CONFIG_HOME": str(tmp_path), **environ}  # no configuration file
        return resolve(values, Environment(environ=environ, stdout=Tty())).output  # type: ignore[arg-type]

    wide = {"COLUMNS": "160"}
    assert output(wide).width == 100
    (tmp_path / "measure.toml").write_text("measure = 72\n", encoding="utf-8")
    assert output({**wide, "BRIEFING_CONFIG": str(tmp_path / "measure.toml")}).width == 72
    assert output(wide, width=140).width == 140
    assert output({"COLUMNS": "60"}).width == 60
    no_color = {"NO_COLOR": "1", "FORCE_COLOR": "1"}
    assert output(no_color).color is False
    assert output(no_color, color="always").color is True
    assert output({}, color="never").color is False


# The configuration file


def write_config(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return {"BRIEFING_CONFIG": str(path)}


def settings_of(run, *args: str, env: dict[str, str] | None = None) -> dict[str, dict[str, str]]:
    result = run(*args, "config", "--format", "json", env=env)
    assert result.exit_code == 0, result.stderr
    return {row["setting"]: row for row in json.loads(result.stdout)["settings"]}


def test_config_lists_defaults(run, tmp_path):
    shown = settings_of(run)
    assert shown["language"] == {"setting": "language", "value": "en", "source": "default"}
    assert shown["config"]["source"] == "none"
    assert shown["config"]["value"].endswith(os.path.join("no-config", "briefing", "config.toml"))
    assert shown["pager"]["value"] == "on" and shown["pager_command"]["value"] == "less"
    assert shown["color"] == {"setting": "color", "value": "auto (off)", "source": "default"}


def test_xdg_config_home_is_read(run, tmp_path):
    folder = tmp_path / "briefing"
    folder.mkdir()
    (folder / "config.toml").write_text('color = "always"\n')
    shown = settings_of(run, env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert shown["color"]["source"] == f"{folder / 'config.toml'}:1"
    assert shown["config"]["source"] == "default"


def test_config_values_and_their_lines(run, tmp_path):
    env = write_config(
        tmp_path,
        '# mine\nlanguage = "fr"\n\nwidth = 72\ncolor = "never"\npager = "most -s"\n'
        'data = ["plans"]\n',
    )
    where = env["BRIEFING_CONFIG"]
    shown = settings_of(run, env=env)
    assert shown["language"] == {"setting": "language", "value": "fr", "source": f"{where}:2"}
    assert shown["width"] == {"setting": "width", "value": "72", "source": f"{where}:4"}
    assert shown["color"]["source"] == f"{where}:5"
    assert shown["pager_command"] == {
        "setting": "pager_command",
        "value": "most -s",
        "source": f"{where}:6",
    }
    assert shown["data"]["value"] == str(tmp_path / "plans")  # relative to the file
    assert shown["data"]["source"] == f"{where}:7"


def test_flag_beats_environment_beats_config(run, tmp_path):
    env = write_config(tmp_path, 'language = "fr"\ncolor = "always"\npager = "most"\n')
    shown = settings_of(run, env={**env, "BRIEFING_LANG": "en", "NO_COLOR": "1"})
    assert shown["language"]["source"] == "BRIEFING_LANG"
    assert shown["color"]["source"] == "NO_COLOR"
    shown = settings_of(run, "--lang", "en", "--color", "always", env={**env, "NO_COLOR": "1"})
    assert shown["language"]["source"] == "--lang"
    assert shown["color"] == {"setting": "color", "value": "always (on)", "source": "--color"}
    shown = settings_of(run, env={**env, "BRIEFING_PAGER": "more", "PAGER": "pg"})
    assert shown["pager_command"] == {
        "setting": "pager_command",
        "value": "more",
        "source": "BRIEFING_PAGER",
    }
    shown = settings_of(run, env={**env, "PAGER": "pg"})
    assert shown["pager_command"]["value"] == "most"  # the file beats the system's PAGER
    shown = settings_of(run, env={**env, "LANG": "en_US.UTF-8"})
    assert shown["language"]["value"] == "fr"  # and beats the locale


def test_config_settings_take_effect(run, tmp_path):
    env = write_config(tmp_path, 'language = "fr"\nwidth = 50\ncolor = "always"\n')
    result = run("themes", "-f", "terminal", env=env)
    assert result.exit_code == 0
    assert "Renseignement" in result.stdout and "\x1b[" in result.stdout
    assert max(cell_len(ANSI.sub("", line)) for line in result.stdout.splitlines()) <= 50
    forced = run("themes", "-f", "terminal", "--width", "90", "--color", "never", env=env)
    assert "\x1b[" not in forced.stdout
    assert max(cell_len(line) for line in forced.stdout.splitlines()) > 50


def test_config_as_text_in_french(run, tmp_path):
    env = write_config(tmp_path, "width = 72\n")
    result = run("--lang", "fr", "config", env=env)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    # Each setting under its name in the file, whatever the language; the rest in French.
    assert any(re.match(r"width +72 +\(.*config\.toml:1\)$", line) for line in lines), lines
    assert any(re.match(r"language +fr +\(--lang\)$", line) for line in lines), lines


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("width = \n", "config.toml:1:9: not valid TOML here: check the quotes and brackets"),
        ('language = "fr\n', "config.toml:1:15: not valid TOML here: check the quotes"),
        ("width = 5\n", "config.toml:1: `width` takes a whole number of columns, from 20 to 1000"),
        ('language = "fr"\nwidht = 80\n', "config.toml:2: unknown setting `widht`"),
        ('\n\nwidth = "80"\n', "config.toml:3: `width` takes a whole number of columns"),
        ("color = true\n", "config.toml:1: `color` takes one of: auto, always, never"),
        ('language = "de"\n', "config.toml:1: unknown language `de`"),
        ("[pager]\ncommand = 'less'\n", "config.toml:1: `pager` takes true, false or a pager"),
    ],
)
def test_a_broken_config_is_one_line_with_file_and_line(run, tmp_path, text, message):
    env = write_config(tmp_path, text)
    result = run("themes", env=env)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"briefing: {tmp_path}{os.sep}{message}")


def test_a_missing_named_config_is_a_usage_error(run, tmp_path):
    result = run("themes", env={"BRIEFING_CONFIG": str(tmp_path / "none.toml")})
    assert result.exit_code == 2
    assert "none.toml: no such configuration file; create it or change BRIEFING_CONFIG" in (
        result.stderr
    )


def test_help_follows_the_configured_language(run, tmp_path):
    env = write_config(tmp_path, 'language = "fr"\n')
    assert "Utilisation : briefing themes" in run("themes", "--help", env=env).stdout


# Plain messages, in English and French


MESSAGES = [
    (["themes", "extra"], "`themes` takes no words like `extra`, only options; "),
    (["show", "--nope"], "unknown option --nope (did you mean `--no-pager`?)"),
    (["show", "--theme"], "--theme needs a value"),
    (["shw"], "unknown command `shw` (did you mean `show`?)"),
    (["show", "--debug=3"], "--debug takes no value"),
]


@pytest.mark.parametrize(("args", "message"), MESSAGES)
def test_parser_errors_are_plain(run, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("briefing: " + message)
    for wording in ("Got unexpected", "No such", "Possible options", "Option '", "requires an"):
        assert wording not in result.stderr


def test_extra_words_hint_at_what_the_command_takes(run):
    result = run("themes", "intelligence")
    assert "to show themes by name: briefing show intelligence" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["themes", "extra"], "`themes` ne prend pas de mots comme `extra`"),
        (["show", "--nope"], "option inconnue --nope (vouliez-vous dire `--no-pager` ?)"),
        (["show", "--theme"], "--theme demande une valeur"),
        (["shw"], "commande inconnue `shw`"),
        (["show", "--debug=3"], "--debug ne prend pas de valeur"),
    ],
)
def test_parser_errors_in_french(run, args, message):
    result = run("--lang", "fr", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("briefing: " + message)


def test_help_in_french_has_no_english_left_from_typer(run):
    help_text = run("--lang", "fr", "--help").stdout
    assert help_text.startswith("Utilisation : briefing")
    assert "Commandes" in help_text and "Afficher ce message et quitter." in help_text
    for english in ("Usage:", "Show this message", "Install completion", "Commands"):
        assert english not in help_text


@pytest.mark.parametrize("command", ["show", "config", "themes", "validate", "list"])
def test_help_has_no_python_type_names(run, command):
    help_text = run(command, "--help").stdout
    for name in ("<list", "str]", "INTEGER", "BOOLEAN", "<bool>", "[default: None]"):
        assert name not in help_text


def test_typer_only_through_its_public_api():
    """No private module of Typer, no click, nothing of theirs reassigned, none of their words."""
    import ast

    import briefing

    package = Path(briefing.__file__).resolve().parent
    checked = 0
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            for name in names:
                parts = name.split(".")
                if parts[0] in ("typer", "click"):
                    checked += 1
                    assert parts[0] == "typer", (path, name)
                    assert not any(p.startswith("_") for p in parts), (path, name)
            if isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    text = ast.unparse(target)
                    assert not text.startswith(("typer.", "click.")), (path, text)
        source = path.read_text(encoding="utf-8")
        for wording in ("Got unexpected", "No such command", "requires an argument", "_click"):
            assert wording not in source, (path, wording)
    assert checked >= 1  # the Typer app's import was seen


# Layout from 40 columns up


@pytest.mark.parametrize("width", [40, 50, 64, 80, 120])
def test_themes_titles_are_whole(run, width):
    out = run("themes", "-f", "terminal", "--width", str(width)).stdout
    assert "…" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= width
    for word in ["Operational", "planning", "and", "coordination"]:
        assert word in out.split()


def test_aliases_are_set_apart_without_colour(run):
    out = run("themes", options=PLAIN).stdout
    assert "\n(intelligence, intel," in out
    narrow = run("themes", "--width", "40", options=PLAIN).stdout
    assert "  (intelligence, intel, renseignement)" in narrow


def test_a_long_theme_title_is_whole_in_its_heading(run, write):
    long_title = "A very long theme title that goes on well past forty columns"
    data = minimal()
    data["themes"][0]["title"] = long_title
    path = write(data)
    out = run("show", "--data", str(path), "--width", "40", options=PLAIN).stdout
    assert long_title.upper() in " ".join(out.split())
    assert "…" not in out


@pytest.mark.parametrize("width", [40, 48, 60, 80])
def test_timeline_axis_keeps_its_end_years(run, width):
    out = run("timeline", "--width", str(width), options=PLAIN).stdout
    ruler = next(line for line in out.splitlines() if line.split()[:1] == ["2020"])
    assert ruler.split()[-1] == "2026"
    assert max(cell_len(line) for line in out.splitlines()) <= width


def test_ids_are_never_broken_in_list(run, tmp_path):
    out = run("list", "--data", "data", "--data", "tests/data", options=PLAIN).stdout
    lines = out.splitlines()
    assert "morocco-israel-work-plan-2026" in lines
    assert "small-plan-2027" in lines
    narrow = run("list", "--width", "40", options=PLAIN).stdout.splitlines()
    assert "morocco-israel-work-plan-2026" in narrow


def test_list_has_one_entry_per_briefing_with_its_languages(run):
    out = run("list", options=PLAIN).stdout
    assert out.count("morocco-israel-work-plan-2026\n") == 1
    assert "As of 2025 · 14 items · en, fr" in out
    french = run("--lang", "fr", "list", options=PLAIN).stdout
    assert "Plan de travail militaire conjoint Maroc–Israël pour 2026" in french
    assert "Situation en 2025 · 14 éléments · en, fr" in french
    listed = json.loads(run("list", "-f", "json").stdout)["briefings"]
    assert [(b["id"], b["languages"]) for b in listed] == [
        ("morocco-israel-work-plan-2026", ["en", "fr"])
    ]
    markdown = run("list", "-f", "md").stdout
    assert markdown.count("| morocco-israel-work-plan-2026 |") == 1


def test_a_long_source_id_does_not_squeeze_the_others(run, write):
    data = minimal()
    long_id = "s1-an-extremely-long-source-identifier-that-is-wider-than-the-screen"
    data["sources"][0]["id"] = long_id
    data["items"][0]["sources"][0]["source"] = long_id
    out = run("show", "--data", str(write(data)), "--width", "40", options=PLAIN).stdout
    sources = out.split("SOURCES")[1].splitlines()
    assert "s2  Source two (report, fr)" in sources
    assert "s1-an-extremely-long-source-identifier-" in sources  # broken after a hyphen
    assert max(cell_len(line) for line in out.splitlines()) <= 40


def test_a_wrapped_item_title_keeps_its_status_style(run):
    out = run("show", "--theme", "intelligence", "--width", "50", options=COLOUR).stdout
    lines = out.splitlines()
    first = next(n for n, line in enumerate(lines) if "● \x1b[0m\x1b[1;35mInformation" in line)
    assert ANSI.sub("", lines[first + 1]).strip().startswith("against threats described")
    assert "\x1b[1;35magainst threats" in lines[first + 1]


def test_a_source_id_wider_than_the_screen_breaks_after_a_hyphen_in_its_heading(run, write):
    data = minimal()
    long_id = "s1-an-extremely-long-source-identifier-that-is-wider-than-the-screen"
    data["sources"][0]["id"] = long_id
    data["items"][0]["sources"][0]["source"] = long_id
    out = run("sources", "--data", str(write(data)), "--width", "40", options=PLAIN).stdout
    assert "S1-AN-EXTREMELY-LONG-SOURCE-IDENTIFIER-\nTHAT-IS-WIDER-THAN-THE-SCREEN ─" in out
    assert max(cell_len(line) for line in out.splitlines()) <= 40


def test_other_commands_without_words_say_so_without_the_themes_hint(run):
    result = run("list", "extra")
    assert result.exit_code == 2
    assert result.stderr == (
        "briefing: `list` takes no words like `extra`, only options (see 'briefing list --help')\n"
    )


@given(
    st.text(
        st.characters(blacklist_categories=("Cs", "Zs", "Cc"), blacklist_characters="…"),
        min_size=1,
        max_size=90,
    ),
    st.from_regex(r"[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,8}", fullmatch=True),
    st.integers(min_value=40, max_value=100),
)
@settings(max_examples=40, deadline=None)
def test_any_long_title_or_id_stays_within_the_width(title, source_id, width):
    data = minimal()
    data["themes"][0]["title"] = title
    data["sources"][0]["id"] = source_id
    data["items"][0]["sources"][0]["source"] = source_id
    brief = parse(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "t.yaml")
    for render in (render_briefing, render_sources, render_themes):
        out = render(brief, PLAIN._replace(width=width))
        assert max(cell_len(line) for line in out.splitlines()) <= width
        assert "…" not in out
