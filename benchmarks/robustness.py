"""Benchmark the rejection of adversarial files against the acceptance of valid ones.

For each adversarial file of benchmarks/adversarial.py, at each size, runs
`briefing validate` as a whole process (the median of several runs after a
warm-up, with the peak memory of each run) and compares it with its valid
twin (the same size and shape) and with a synthetic briefing of the same
size (`× real`, for scale). The promise checked: rejecting a file costs at
most 2× the time and memory of accepting a valid file of the same size.
With `--diff-questions N`, it instead runs `briefing diff` on two editions
whose one item has N open questions (a few changed): the terminal and
Markdown views must cost at most 3× `diff --format json` on the same files.
With `--paragraph MB`, it instead runs `briefing show` on a briefing whose
bottom line is one paragraph of MB megabytes: the terminal layout must cost
at most 3× `show --format markdown` on the same file.
Usage (see docs/performance.md): python benchmarks/robustness.py [--sizes MB ...] [--runs N]
[--diff-questions N] [--paragraph MB]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import adversarial  # noqa: E402  (beside this file)
from run import child_env  # noqa: E402

CEILING = 2.0


DIFF_CEILING = 3.0


def measure(
    path: Path, runs: int, env: dict[str, str], words: list[str] | None = None
) -> tuple[float, float, int]:
    """Median seconds, peak MiB and exit code of `briefing validate path` (or of `words`)."""
    command = [sys.executable, "-m", "briefing", *(words or ["validate", str(path)])]
    times, peaks, codes = [], [], set()
    for n in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        codes.add(os.waitstatus_to_exitcode(status))
        if n:  # the first run warms caches and is not counted
            times.append(elapsed)
            peaks.append(usage.ru_maxrss / 1024)
    if len(codes) != 1:
        raise SystemExit(f"{path}: exit codes vary between runs: {sorted(codes)}")
    return statistics.median(times), max(peaks), codes.pop()


def questions_edition(count: int, as_of: str, changed: int) -> str:
    """A valid briefing whose one item has `count` open questions, `changed` of them reworded."""
    lines = [
        "briefing: 2",
        "id: many-questions",
        "title: Many questions",
        f'as_of: "{as_of}"',
        "summary: A briefing with one item and many open questions.",
        "themes: [{id: t, title: T}]",
        "sources: [{id: s, title: S, reliability: C}]",
        "items:",
        "  - id: i",
        "    title: I",
        "    themes: [t]",
        "    summary: Many questions.",
        "    credibility: 3",
        "    sources: [{source: s}]",
        "    open_questions:",
    ]
    step = max(count // max(changed, 1), 1)
    for n in range(count):
        reworded = changed and n % step == 0 and as_of != "2026"
        lines.append(f"      - Question number {n}{' reworded' if reworded else ''}?")
    return "\n".join(lines) + "\n"


def diff_benchmark(count: int, runs: int, env: dict[str, str]) -> int:
    """`diff` on `count` open questions: each text view against JSON; exit 1 above 3×."""
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp) / "old.yaml", Path(tmp) / "new.yaml"
        old.write_text(questions_edition(count, "2026", 0), encoding="utf-8")
        new.write_text(questions_edition(count, "2027", 10), encoding="utf-8")
        timed = {}
        for shown in ("json", "terminal", "markdown"):
            words = ["diff", str(old), str(new), "--format", shown, "--width", "100"]
            seconds, mib, code = measure(old, runs, env, words)
            if code != 0:
                raise SystemExit(f"diff --format {shown} exited {code}")
            timed[shown] = seconds
            print(
                f"diff --format {shown:<9} {count:>7,} questions {seconds * 1000:>9.1f}ms"
                f"{mib:>8.1f}MiB"
            )
    worst = max(timed["terminal"], timed["markdown"]) / timed["json"]
    met = worst <= DIFF_CEILING
    print(
        f"worst ratio to --format json: {worst:.2f}× (ceiling {DIFF_CEILING:.0f}×): "
        f"{'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


def paragraph_edition(size: int) -> str:
    """A valid briefing whose bottom line is one paragraph of about `size` bytes.

    Words in Latin, with accents and Greek among them, and no line break: the
    terminal must wrap it all.
    """
    words = ["alpha", "beta", "gamma", "délta", "kappa", "operations", "ω", "lambda"]
    out, total, n = [], 0, 0
    while total < size:
        word = words[n % len(words)] + ("s" if n % 7 == 0 else "")
        out.append(word)
        total += len(word.encode()) + 1
        n += 1
    return (
        'briefing: 2\nid: long-paragraph\ntitle: Long paragraph\nas_of: "2026"\n'
        f"summary: {json.dumps(' '.join(out), ensure_ascii=False)}\n"
        "themes: [{id: t, title: T}]\nsources: [{id: s, title: S, reliability: C}]\n"
        "items:\n  - {id: i, title: I, themes: [t], summary: S, credibility: 3, "
        "sources: [{source: s}]}\n"
    )


def paragraph_benchmark(megabytes: float, runs: int, env: dict[str, str]) -> int:
    """`show` of a one-paragraph bottom line: the terminal against Markdown; exit 1 above 3×."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "paragraph.yaml"
        path.write_text(paragraph_edition(int(megabytes * 1_000_000)), encoding="utf-8")
        timed = {}
        for shown in ("markdown", "terminal"):
            words = ["--data", str(path), "show", "--format", shown, "--width", "100"]
            seconds, mib, code = measure(path, runs, env, words)
            if code != 0:
                raise SystemExit(f"show --format {shown} exited {code}")
            timed[shown] = seconds
            print(
                f"show --format {shown:<9} {path.stat().st_size:>11,} bytes"
                f"{seconds * 1000:>9.1f}ms{mib:>8.1f}MiB"
            )
    ratio = timed["terminal"] / timed["markdown"]
    met = ratio <= DIFF_CEILING
    print(
        f"ratio to --format markdown: {ratio:.2f}× (ceiling {DIFF_CEILING:.0f}×): "
        f"{'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


def main(argv: list[str] | None = None) -> int:
    """Build the files, run them, print a table and the ratios; exit 1 if a ratio is above 2."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 2, 8], help="in MB")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per file (median)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--only", nargs="+", choices=list(adversarial.CASES), help="run only these files"
    )
    parser.add_argument(
        "--diff-questions", type=int, help="instead, time diff on this many open questions"
    )
    parser.add_argument(
        "--paragraph", type=float, help="instead, time show on one paragraph of this many MB"
    )
    args = parser.parse_args(argv)
    env = child_env()
    if args.diff_questions:
        return diff_benchmark(args.diff_questions, args.runs, env)
    if args.paragraph:
        return paragraph_benchmark(args.paragraph, args.runs, env)
    results = []
    worst = 0.0
    print(f"briefing validate: median of {args.runs} runs after a warm-up; {sys.executable}")
    print(
        f"{'file':<18}{'size':>12}{'time':>11}{'peak':>11}"
        f"{'twin time':>11}{'twin peak':>11}{'× time':>8}{'× mem':>7}{'× real':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in args.sizes:
            size = int(megabytes * 1_000_000)
            real_path = Path(tmp) / "valid.yaml"
            real_path.write_text(adversarial.valid(size), encoding="utf-8")
            real_s, real_mib, code = measure(real_path, args.runs, env)
            if code != 0:
                raise SystemExit(f"the valid file of {megabytes} MB was refused ({code})")
            print(f"{'synthetic valid':<18}{size:>12,}{real_s * 1000:>9.1f}ms{real_mib:>8.1f}MiB")
            for name, build in adversarial.CASES.items():
                if args.only and name not in args.only:
                    continue
                path, twin = Path(tmp) / "bad.yaml", Path(tmp) / "twin.yaml"
                path.write_text(build(size), encoding="utf-8")
                twin.write_text(build(size, valid=True), encoding="utf-8")
                seconds, mib, code = measure(path, args.runs, env)
                if code != 1:
                    raise SystemExit(f"{name}: expected exit 1 (refused), got {code}")
                twin_s, twin_mib, twin_code = measure(twin, args.runs, env)
                if twin_code != 0:
                    raise SystemExit(f"{name}: the valid twin was refused ({twin_code})")
                time_ratio, mem_ratio = seconds / twin_s, mib / twin_mib
                worst = max(worst, time_ratio, mem_ratio)
                print(
                    f"{name:<18}{path.stat().st_size:>12,}{seconds * 1000:>9.1f}ms{mib:>8.1f}MiB"
                    f"{twin_s * 1000:>9.1f}ms{twin_mib:>8.1f}MiB"
                    f"{time_ratio:>7.2f}×{mem_ratio:>6.2f}×{seconds / real_s:>7.2f}×"
                )
                results.append(
                    {
                        "file": name,
                        "bytes": path.stat().st_size,
                        "seconds": seconds,
                        "peak_mib": mib,
                        "exit": code,
                        "twin_seconds": twin_s,
                        "twin_peak_mib": twin_mib,
                        "synthetic_seconds": real_s,
                        "synthetic_peak_mib": real_mib,
                    }
                )
    met = worst <= CEILING
    print(
        f"\nworst ratio to the valid twin of the same size: {worst:.2f}× "
        f"(ceiling {CEILING:.0f}×): {'met' if met else 'NOT met'}"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
