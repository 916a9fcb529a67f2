"""Benchmark briefing against the tools people would use instead, side by side, in one run.

Every measurement is a whole process: the median of several runs after a
warm-up, with the peak memory (maximum resident set) of each run.
Usage (see docs/performance.md): python benchmarks/run.py [--rich PATH] [--yq PATH]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (the generator beside this file)

THEME = "cyber"
PY = sys.executable
BRIEFING = [PY, "-m", "briefing"]


@dataclass
class Result:
    """The median time and peak memory of one command."""

    label: str
    command: list[str]
    seconds: float
    peak_mib: float
    runs: list[float] = field(default_factory=list)


def measure(label: str, command: list[str], runs: int, env: dict[str, str]) -> Result:
    """Run `command` once to warm up, then `runs` times; keep the median and peak memory."""
    times: list[float] = []
    peaks: list[float] = []
    for n in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0,):
            error = proc.stderr.read().decode() if proc.stderr else ""
            raise SystemExit(f"{label}: {' '.join(command)} failed ({proc.returncode}): {error}")
        if proc.stderr:
            proc.stderr.close()
        if n:  # the first run warms caches and is not counted
            times.append(elapsed)
            peaks.append(usage.ru_maxrss / 1024)
    return Result(label, command, statistics.median(times), max(peaks), times)


def child_env(**extra: str) -> dict[str, str]:
    """The environment of measured processes: bytecode caching on, as after a normal install."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "NO_COLOR")}
    env.update(COLUMNS="100", LINES="40", TERM="xterm-256color", **extra)
    return env


def ratio(a: Result | None, b: Result | None, attr: str = "seconds") -> float | None:
    """a / b for the given attribute, or None when either is missing."""
    if a is None or b is None:
        return None
    return getattr(a, attr) / getattr(b, attr)


def fmt_ratio(value: float | None) -> str:
    """Show a ratio, or n/a."""
    return "n/a" if value is None else f"{value:.2f}×"


def main(argv: list[str] | None = None) -> int:
    """Run every scenario and print a table of times, memory, ratios and targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per command (median)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--rich", default=shutil.which("rich"), help="rich-cli executable")
    parser.add_argument("--yq", default=shutil.which("yq"), help="yq (the jq wrapper) executable")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    env = child_env()
    colour = child_env(FORCE_COLOR="1")
    results: dict[str, Result] = {}
    targets: list[tuple[str, float | None, float]] = []

    def run(key: str, label: str, command: list[str], environment: dict[str, str] = env) -> Result:
        result = measure(label, command, args.runs, environment)
        results[key] = result
        print(
            f"  {label:<58} {1000 * result.seconds:9.1f} ms {result.peak_mib:8.1f} MiB", flush=True
        )
        return result

    print(f"briefing benchmark: median of {args.runs} runs after a warm-up; {PY}")
    brief_md = work / "brief.md"
    brief_md.write_text(
        subprocess.run(
            [*BRIEFING, "show", "--format", "markdown"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout,
        encoding="utf-8",
    )
    print("\n1-2. default briefing")
    run("pass", "python3 -c pass", [PY, "-c", "pass"])
    run("floor-md", "import floor: yaml", [PY, "-c", "import yaml"])
    run("floor-term", "import floor: yaml, rich.console", [PY, "-c", "import yaml, rich.console"])
    run("typer", "import typer (not paid by plain command lines)", [PY, "-c", "import typer"])
    term = run(
        "term",
        "briefing show --format terminal (colour)",
        [*BRIEFING, "show", "--format", "terminal"],
        colour,
    )
    md = run("md", "briefing show --format markdown", [*BRIEFING, "show", "--format", "markdown"])
    rich_cli = None
    if args.rich:
        rich_cli = run(
            "rich",
            "rich brief.md --force-terminal (rich-cli)",
            [args.rich, str(brief_md), "--force-terminal"],
            colour,
        )
    page = run(
        "html-file", "briefing show -o brief.html", [*BRIEFING, "show", "-o", str(work / "b.html")]
    )
    pdf = None
    if importlib.util.find_spec("typst") is not None:  # the `pdf` extra
        pdf = run(
            "pdf-file",
            "briefing show -o brief.pdf (Typst)",
            [*BRIEFING, "show", "-o", str(work / "b.pdf")],
        )
    targets += [
        ("show -o brief.pdf ≤ 4× show -o brief.html", ratio(pdf, page), 4.0),
        ("show terminal ≤ 0.8× rich-cli", ratio(term, rich_cli), 0.8),
        ("show markdown ≤ 0.55× rich-cli", ratio(md, rich_cli), 0.55),
    ]

    for size in args.sizes:
        path = work / f"briefing-{size}.yaml"
        with path.open("w", encoding="utf-8") as out:
            generate.write(size, 2026, out)
        mb = path.stat().st_size / 1e6
        print(f"\n3-4. {size:,} items ({mb:.1f} MB)")
        run(
            f"json-{size}",
            f"briefing show --theme {THEME} --format json",
            [*BRIEFING, "show", "--theme", THEME, "--format", "json", "--data", str(path)],
        )
        if args.yq:
            run(
                f"yq-{size}",
                f"yq: items with theme {THEME}",
                [args.yq, "-c", f'[.items[] | select(.themes | index("{THEME}"))]', str(path)],
            )
        run(f"validate-{size}", "briefing validate", [*BRIEFING, "validate", str(path)])

    # `watch` against `show` on one file: a 10,000-item briefing with due dates and signposts.
    tracked_size = 10000 if 10000 in args.sizes else max(args.sizes)
    tracked = work / f"tracked-{tracked_size}.yaml"
    with tracked.open("w", encoding="utf-8") as out:
        generate.write(tracked_size, 2026, out, tracked=True)
    print(f"\n5. {tracked_size:,} items with due dates and signposts")
    for fmt in ("markdown", "json"):
        run(
            f"tracked-show-{fmt}",
            f"briefing show --format {fmt}",
            [*BRIEFING, "show", "--format", fmt, "--data", str(tracked)],
        )
        run(
            f"tracked-watch-{fmt}",
            f"briefing watch --as-of 2026-06-30 --format {fmt}",
            [*BRIEFING, "watch", "--as-of", "2026-06-30", "-f", fmt, "--data", str(tracked)],
        )
        targets.append(
            (
                f"watch {fmt} ≤ 1× show {fmt} ({tracked_size:,} tracked items)",
                ratio(results[f"tracked-watch-{fmt}"], results[f"tracked-show-{fmt}"]),
                1.0,
            )
        )

    mid, _top = (10000, 100000) if {10000, 100000} <= set(args.sizes) else (None, None)
    if mid:
        targets += [
            (
                "filter to JSON at 10,000 items ≤ 0.4× yq",
                ratio(results.get("json-10000"), results.get("yq-10000")),
                0.4,
            ),
            (
                "peak memory at 100,000 items ≤ 0.35× yq's",
                ratio(results.get("json-100000"), results.get("yq-100000"), "peak_mib"),
                0.35,
            ),
            (
                "time at 100,000 ≤ 11× time at 10,000",
                ratio(results["json-100000"], results["json-10000"]),
                11.0,
            ),
            (
                "validate at 100,000 ≤ 11× at 10,000",
                ratio(results["validate-100000"], results["validate-10000"]),
                11.0,
            ),
        ]

    print("\nratios")
    width = max(len(name) for name, _, _ in targets)
    for name, value, limit in targets:
        verdict = "n/a" if value is None else "met" if value <= limit else "MISSED"
        print(f"  {name:<{width}}  {fmt_ratio(value):>8}  {verdict}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "results": {k: vars(r) for k, r in results.items()},
                    "targets": [{"target": n, "ratio": v, "limit": lim} for n, v, lim in targets],
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
