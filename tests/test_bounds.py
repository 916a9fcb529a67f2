"""Bounded work on invalid input: each adversarial file, at two sizes, costs what a valid one does.

Growth is measured by counting operations (events read, values checked,
names compared, constructors called), never by timing: the benchmark in
benchmarks/robustness.py times the same files as whole processes.
"""

from __future__ import annotations

import difflib
import json
import sys

import pytest
import yaml
import yaml.resolver
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.errors import MAX_FINDINGS, ValidationError
from briefing.reading import conformance as schema
from briefing.reading import yamlread
from briefing.reading.conformance import SUGGEST_BUDGET, SUGGEST_FINALISTS, Suggester, did_you_mean
from briefing.reading.loader import parse
from briefing.reading.validate import validate
from briefing.text import QUOTE_LIMIT, shorten
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import adversarial  # the adversarial files of the benchmark

PARSERS = [pytest.param(False, id="libyaml"), pytest.param(True, id="pure")]
if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover
    PARSERS = [pytest.param(True, id="pure")]
SMALL, LARGE = 20_000, 80_000


def problems(text: str, pure: bool = False) -> list[str]:
    """The problems reported for a text that must be refused."""
    with pytest.raises(ValidationError) as info:
        parse(text, "f.yaml", pure)
    return [str(p) for p in info.value.problems]


class Counter:
    """Count the calls of a function while passing them through."""

    def __init__(self, real):
        self.real = real
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.real(*args, **kwargs)


def events_read(monkeypatch, text: str, pure: bool) -> int:
    """How many YAML events reading this text takes, in the first (building) pass."""
    counts: list[int] = []
    real = yamlread.make_loader

    def counting(source, pure_parser):
        loader = real(source, pure_parser)
        counts.append(0)

        class Counted:
            def get_event(self):
                counts[-1] += 1
                return loader.get_event()

            def dispose(self):
                loader.dispose()

        return Counted()

    monkeypatch.setattr(yamlread, "make_loader", counting)
    problems(text, pure)
    return counts[0]


@pytest.mark.parametrize("pure", PARSERS)
def test_an_alias_flood_stops_at_the_first_alias(monkeypatch, pure):
    small = events_read(monkeypatch, adversarial.alias_flood(SMALL), pure)
    large = events_read(monkeypatch, adversarial.alias_flood(LARGE), pure)
    assert small == large  # nothing read, nothing built, after the first alias
    (only,) = problems(adversarial.alias_flood(LARGE), pure)
    assert only == (
        "f.yaml:19:11: x-flood[0]: aliases (*a) are not supported: write the value out in full"
    )


@pytest.mark.parametrize("pure", PARSERS)
def test_a_long_base_60_key_is_not_turned_into_a_number(monkeypatch, pure):
    constructor = Counter(yaml.SafeLoader.yaml_constructors["tag:yaml.org,2002:int"])
    monkeypatch.setitem(yaml.SafeLoader.yaml_constructors, "tag:yaml.org,2002:int", constructor)
    for size in (SMALL, LARGE):
        found = problems(adversarial.sexagesimal_key(size), pure)
        assert any("a key must be text: quote it" in p for p in found)
        assert max(map(len, found)) < 200  # the key is quoted by a short prefix
    # Building a base-60 number is quadratic in its length: never done for a long key.
    assert constructor.calls == 0


@pytest.mark.parametrize("pure", PARSERS)
def test_short_typed_keys_still_collide_by_value(pure):
    text = "briefing: 1\nx-map:\n  1:30: a\n  90: b\n"
    assert any("duplicate key `90`" in p for p in problems(text, pure))


def test_unknown_keys_stop_being_checked_at_the_limit(monkeypatch):
    odd = Counter(schema._odd_key)
    monkeypatch.setattr(schema, "_odd_key", odd)
    seen = []
    for size in (SMALL, LARGE):
        odd.calls = 0
        found = problems(adversarial.unknown_keys(size))
        seen.append(odd.calls)
        assert len(found) == MAX_FINDINGS + 1 and "stopped after 200 problems" in found[-1]
    assert seen == [MAX_FINDINGS, MAX_FINDINGS]


def test_many_wrong_values_stop_being_checked_at_the_limit(monkeypatch):
    checked = Counter(schema.check_scalar)
    monkeypatch.setattr(schema, "check_scalar", checked)
    seen = []
    for size in (2 * SMALL, 2 * LARGE):
        checked.calls = 0
        found = problems(adversarial.many_problems(size))
        seen.append(checked.calls)
        assert len(found) == MAX_FINDINGS + 1
    assert seen[0] == seen[1] <= MAX_FINDINGS + 10  # a few rare kinds always take the full check


def test_the_reader_stops_at_the_limit(monkeypatch):
    flood = "briefing: 1\nx-dup:\n" + "".join(f"  k: {n}\n" for n in range(5 * MAX_FINDINGS))
    small = events_read(monkeypatch, flood, False)
    found = problems(flood)
    assert len(found) == MAX_FINDINGS + 1
    assert small < len(list(yaml.parse(flood, Loader=yaml.BaseLoader))) / 2


def test_did_you_mean_over_many_long_ids_is_bounded(monkeypatch):
    ratio = Counter(difflib.SequenceMatcher.ratio)
    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", lambda self: ratio(self))
    ids = [f"t{n}-" + "a" * 400 for n in range(2000)]
    suggest = Suggester(ids)
    for n in range(MAX_FINDINGS):
        suggest(f"q{n}-" + "b" * 400)
    assert suggest.compared <= SUGGEST_BUDGET  # names compared in all, however many lookups
    assert ratio.calls <= SUGGEST_FINALISTS * SUGGEST_BUDGET // len(ids)


def test_did_you_mean_work_does_not_grow_with_bad_references(monkeypatch):
    compared = []
    real = Suggester.__init__

    def keep(self, *args, **kwargs):
        real(self, *args, **kwargs)
        compared.append(self)

    monkeypatch.setattr(Suggester, "__init__", keep)
    totals = []
    for size in (600_000, 1_200_000):  # 2,000 ids each, and 100 or 200 times more references
        compared.clear()
        found = problems(adversarial.long_theme_ids(size))
        assert len(found) == MAX_FINDINGS + 1
        totals.append(sum(s.compared for s in compared))
    assert totals[0] == totals[1] <= 2 * SUGGEST_BUDGET


def test_did_you_mean_still_finds_typos_and_abbreviations():
    themes = ["intelligence", "logistics", "industry", "cyber-defence"]
    assert did_you_mean("inteligence", themes) == " (did you mean `intelligence`?)"
    assert did_you_mean("intel", themes) == " (did you mean `intelligence`?)"
    assert did_you_mean("cyber-defense", themes) == " (did you mean `cyber-defence`?)"
    assert did_you_mean("zzz", themes) == ""
    long_id = "x" * 100 + "-logistics"
    assert did_you_mean(long_id[:45], [long_id]) == f" (did you mean `{shorten(long_id)}`?)"


@pytest.mark.parametrize("pure", PARSERS)
def test_a_huge_value_is_quoted_by_a_short_prefix(pure):
    lengths = []
    for size in (SMALL, LARGE):
        found = problems(adversarial.huge_value(size), pure)
        lengths.append(sum(map(len, found)))
        (bad_id,) = [p for p in found if "is not a valid id" in p]
        assert "X" * (QUOTE_LIMIT - 1) + "…" in bad_id and "X" * QUOTE_LIMIT not in bad_id
    assert lengths[0] == lengths[1]


@pytest.mark.parametrize(
    "data",
    [
        {"briefing": 1, "id": "a" * 10_000 + "-"},
        {"briefing": 1, "as_of": "2" * 10_000},
        {"briefing": 1, "language": "q" * 10_000},
        {"briefing": 1, "title": 1.5, "x" * 10_000: "value"},
        {"briefing": 1, "sources": [{"id": "s", "title": "S", "url": "ftp:" + "/" * 10_000}]},
        {"briefing": 1, "items": [{"status": "z" * 10_000}]},
    ],
)
def test_no_message_quotes_more_than_a_short_prefix(data):
    for finding in validate(data):
        assert len(finding.message) < 400, finding.message[:200]


def test_shorten():
    assert shorten("abc") == "abc"
    assert shorten("a" * QUOTE_LIMIT) == "a" * QUOTE_LIMIT
    assert shorten("a" * (QUOTE_LIMIT + 1)) == "a" * (QUOTE_LIMIT - 1) + "…"


@pytest.mark.parametrize("error", [MemoryError, SystemError])
def test_running_out_of_memory_while_reading_is_one_problem(monkeypatch, error):
    def exhausted(self, loader):
        raise error()

    monkeypatch.setattr(yamlread.Reader, "_build", exhausted)
    (only,) = problems("briefing: 1\n")
    assert only == (
        "f.yaml: not enough memory to read this file: make it smaller, or give the command "
        "more memory"
    )


def test_running_out_of_memory_anywhere_is_one_line_and_exit_1(run, monkeypatch):
    from briefing.reading import loader

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(loader, "check_files", exhausted)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "briefing: not enough memory: use smaller data, or give the command more memory\n"
    )


SCALAR_EXAMPLES = [
    "1:30",
    "1:30.5",
    "190:20:30",
    "-1:2",
    "0:1",
    "1:60",
    "1:2:3.",
    "12:345",
    "1_0:01",
]


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(
        st.text(alphabet="0123456789:._-+eEx", max_size=16),
        st.text(alphabet="01569:.", max_size=16),
        st.sampled_from([*SCALAR_EXAMPLES, "1::2", "1:", ":1", "+0:5.", "1:1:1a", "9:59:59.9_"]),
    )
)
def test_plain_scalars_are_typed_as_pyyaml_types_them(text):
    # The reader recognises base-60 numbers itself, in linear time: the verdicts are PyYAML's.
    resolved = yamlread.resolve_plain(text)
    mine = resolved.kind if isinstance(resolved, yamlread.Typed) else "str"
    theirs = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    assert mine == theirs.rsplit(":", 1)[-1]


def test_robustness_benchmark_smoke(tmp_path):
    """The benchmark runs end to end on tiny files (its timings are not checked here)."""
    import os
    import subprocess

    result = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "robustness.py"),
            "--sizes",
            "0.01",
            "--runs",
            "1",
            "--only",
            "alias flood",
            "many problems",
            "--json",
            str(result),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    # Exit 1 only when a ratio is above the ceiling, which tiny files may show by noise.
    assert done.returncode in (0, 1), done.stderr
    assert "worst ratio to the valid twin of the same size" in done.stdout
    assert {r["file"] for r in json.loads(result.read_text())} == {"alias flood", "many problems"}
    assert all(r["exit"] == 1 for r in json.loads(result.read_text()))


LIMITED = """\
import resource, sys
sys.argv = ["briefing", "validate", sys.argv[1]]
from briefing.cli import declarations  # imported before the limit
from briefing.reading import conformance, contract, loader, validate, yamlplaces, yamlread
pages = int(open("/proc/self/statm").read().split()[0])
limit = pages * resource.getpagesize() + 16 * 1024 * 1024  # 16 MiB more than at start
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from briefing.__main__ import main
main()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and RLIMIT_AS")
def test_a_real_shortage_of_memory_is_one_line_and_exit_1(tmp_path):
    import os
    import subprocess

    big = tmp_path / "big.yaml"
    big.write_text(adversarial.unknown_keys(4_000_000), encoding="utf-8")
    small = ROOT / "tests" / "data" / "small-2027.yaml"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    outcomes = [
        subprocess.run(
            [sys.executable, "-c", LIMITED, str(path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        for path in (small, big)
    ]
    assert outcomes[0].returncode == 0, outcomes[0].stderr  # the limit leaves room to work
    done = outcomes[1]
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout == (
        f"{big}: not enough memory to read this file: make it smaller, or give the command "
        "more memory\n"
    )
