"""Benchmark the rejection of adversarial files against the acceptance of valid ones.

For each adversarial file of benchmarks/adversarial.py, at each size, runs
`briefing validate` as a whole process (the median of several runs after a
warm-up, with the peak memory of each run) and compares it with its valid
twin (the same size and shape) and with a synthetic briefing of the same
size (`× real`, for scale). The promise checked: rejecting a file costs at
most 2× the time and memory of accepting a valid file of the same size.

Then the slow paths of valid files, each against a peer command on the same
files (`--peers`, ceiling 3×): `diff` of two editions with 80,000 open
questions in the terminal and in Markdown against `diff --format json`, and a
briefing whose bottom line is one 4 MB paragraph in the terminal against
`show --format markdown`.
Usage (see docs/performance.md):
python benchmarks/robustness.py [--sizes MB ...] [--runs N] [--peers-only] [--peer diff|show]
[--questions N]
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
PEER_CEILING = 3.0


def measure(path: Path, runs: int, env: dict[str, str]) -> tuple[float, float, int]:
    """Median seconds, peak MiB and exit code of `briefing validate path`."""
    return measure_command(["validate", str(path)], runs, env)


def measure_command(args: list[str], runs: int, env: dict[str, str]) -> tuple[float, float, int]:
    """Median seconds, peak MiB and exit code of `briefing ARGS` as a whole process."""
    command = [sys.executable, "-m", "briefing", *args]
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
        raise SystemExit(f"{args}: exit codes vary between runs: {sorted(codes)}")
    return statistics.median(times), max(peaks), codes.pop()


def edition(as_of: str, questions: list[str], summary: str = "Bottom line.") -> str:
    """A valid version 2 briefing whose one item has these open questions."""
    quoted = "".join(f"      - {json.dumps(q)}\n" for q in questions)
    return (
        "briefing: 2\n"
        "id: bench\n"
        "title: Benchmark\n"
        f'as_of: "{as_of}"\n'
        f"summary: {json.dumps(summary)}\n"
        "themes:\n  - {id: alpha, title: Alpha}\n"
        "items:\n"
        "  - id: one\n    title: One\n    themes: [alpha]\n    summary: The item.\n"
        "    credibility: 3\n    sources: [{source: s1}]\n"
        "    open_questions:\n" + quoted + "sources:\n  - {id: s1, title: Source, reliability: C}\n"
    )


def paragraph(size: int) -> str:
    """One paragraph of about `size` bytes of words (Latin, accents, Greek), no line break."""
    words = ["alpha", "beta", "gamma", "délta", "kappa", "operations", "ω", "lambda"]
    out, total, n = [], 0, 0
    while total < size:
        word = words[n % len(words)] + ("s" if n % 7 == 0 else "")
        out.append(word)
        total += len(word.encode()) + 1
        n += 1
    return " ".join(out)


def peers(tmp: str, runs: int, env: dict[str, str], questions: int, only: str | None) -> float:
    """Time the slow paths against their peers on the same files; return the worst ratio."""
    old, new = Path(tmp) / "old.yaml", Path(tmp) / "new.yaml"
    asked = [f"Question {n}: what is known of part {n}?" for n in range(questions)]
    # The new edition drops every tenth question, rewords every tenth and adds as many.
    changed = [
        q if n % 10 not in (3, 7) else q.replace("known", "now known")
        for n, q in enumerate(asked)
        if n % 10 != 5
    ] + [f"New question {n}?" for n in range(questions // 10)]
    old.write_text(edition("2026-01", asked), encoding="utf-8")
    new.write_text(edition("2026-02", changed), encoding="utf-8")
    long = Path(tmp) / "paragraph.yaml"
    long.write_text(edition("2026-01", ["Q?"], paragraph(4_000_000)), encoding="utf-8")
    cases = [
        (
            f"diff, {questions:,} open questions",
            ["diff", str(old), str(new), "--format", "json"],
            [
                ("terminal", ["diff", str(old), str(new), "--format", "terminal"]),
                ("markdown", ["diff", str(old), str(new), "--format", "markdown"]),
            ],
        ),
        (
            "show, one 4 MB paragraph",
            ["--data", str(long), "show", "--format", "markdown"],
            [("terminal", ["--data", str(long), "show", "--format", "terminal"])],
        ),
    ]
    cases = [c for c in cases if only is None or c[0].startswith(only)]
    print(f"\n{'slow path':<32}{'format':<10}{'time':>10}{'peak':>11}{'peer':>10}{'× peer':>8}")
    worst = 0.0
    for name, peer_args, subjects in cases:
        peer_s, peer_mib, code = measure_command(peer_args, runs, env)
        if code != 0:
            raise SystemExit(f"{name}: the peer exited {code}")
        print(f"{name:<32}{peer_args[-1]:<10}{peer_s:>9.2f}s{peer_mib:>8.1f}MiB{'(peer)':>10}")
        for label, args in subjects:
            seconds, mib, code = measure_command(args, runs, env)
            if code != 0:
                raise SystemExit(f"{name} {label}: exited {code}")
            ratio = seconds / peer_s
            worst = max(worst, ratio)
            print(f"{'':<32}{label:<10}{seconds:>9.2f}s{mib:>8.1f}MiB{peer_s:>9.2f}s{ratio:>7.2f}×")
    print(
        f"worst ratio to the peer on the same files: {worst:.2f}× "
        f"(ceiling {PEER_CEILING:.0f}×): {'met' if worst <= PEER_CEILING else 'NOT met'}"
    )
    return worst


def main(argv: list[str] | None = None) -> int:
    """Build the files, run them, print a table and the ratios; exit 1 if a ratio is above 2."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 2, 8], help="in MB")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per file (median)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--peers-only", action="store_true", help="only the slow paths of valid files"
    )
    parser.add_argument("--questions", type=int, default=80_000, help="open questions for diff")
    parser.add_argument("--peer", choices=["diff", "show"], help="only this slow path")
    parser.add_argument(
        "--only", nargs="+", choices=list(adversarial.CASES), help="run only these files"
    )
    args = parser.parse_args(argv)
    env = child_env()
    results = []
    worst = 0.0
    print(f"briefing validate: median of {args.runs} runs after a warm-up; {sys.executable}")
    print(
        f"{'file':<18}{'size':>12}{'time':>11}{'peak':>11}"
        f"{'twin time':>11}{'twin peak':>11}{'× time':>8}{'× mem':>7}{'× real':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in [] if args.peers_only else args.sizes:
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
        # `--only` picks adversarial files; the slow paths then run only when named too.
        run_peers = args.peers_only or args.peer is not None or not args.only
        peer_worst = peers(tmp, args.runs, env, args.questions, args.peer) if run_peers else 0.0
    met = worst <= CEILING and peer_worst <= PEER_CEILING
    if not args.peers_only:
        print(
            f"\nworst ratio to the valid twin of the same size: {worst:.2f}× "
            f"(ceiling {CEILING:.0f}×): {'met' if worst <= CEILING else 'NOT met'}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
