"""Benchmark the rejection of adversarial files against the acceptance of valid ones.

For each adversarial file of benchmarks/adversarial.py, at each size, runs
`briefing validate` as a whole process (the median of several runs after a
warm-up, with the peak memory of each run) and compares it with a valid
briefing of the same size. The promise checked: rejecting a file costs at most
2× the time and memory of accepting a valid file of the same size.
Usage (see docs/performance.md): python benchmarks/robustness.py [--sizes MB ...] [--runs N]
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


def measure(path: Path, runs: int, env: dict[str, str]) -> tuple[float, float, int]:
    """Median seconds, peak MiB and exit code of `briefing validate path`."""
    command = [sys.executable, "-m", "briefing", "validate", str(path)]
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


def main(argv: list[str] | None = None) -> int:
    """Build the files, run them, print a table and the ratios; exit 1 if a ratio is above 2."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 2, 8], help="in MB")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per file (median)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    env = child_env()
    results = []
    worst = 0.0
    print(f"briefing validate: median of {args.runs} runs after a warm-up; {sys.executable}")
    print(f"{'file':<18}{'size':>10}{'time':>11}{'peak':>11}{'exit':>6}{'× time':>9}{'× mem':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in args.sizes:
            size = int(megabytes * 1_000_000)
            valid_path = Path(tmp) / "valid.yaml"
            valid_path.write_text(adversarial.valid(size), encoding="utf-8")
            base_s, base_mib, code = measure(valid_path, args.runs, env)
            if code != 0:
                raise SystemExit(f"the valid file of {megabytes} MB was refused ({code})")
            print(f"{'valid':<18}{size:>10,}{base_s * 1000:>9.1f}ms{base_mib:>8.1f}MiB{code:>6}")
            for name, build in adversarial.CASES.items():
                path = Path(tmp) / "bad.yaml"
                path.write_text(build(size), encoding="utf-8")
                seconds, mib, code = measure(path, args.runs, env)
                time_ratio, mem_ratio = seconds / base_s, mib / base_mib
                worst = max(worst, time_ratio, mem_ratio)
                print(
                    f"{name:<18}{path.stat().st_size:>10,}{seconds * 1000:>9.1f}ms{mib:>8.1f}MiB"
                    f"{code:>6}{time_ratio:>8.2f}×{mem_ratio:>7.2f}×"
                )
                results.append(
                    {
                        "file": name,
                        "bytes": path.stat().st_size,
                        "seconds": seconds,
                        "peak_mib": mib,
                        "exit": code,
                        "valid_seconds": base_s,
                        "valid_peak_mib": base_mib,
                    }
                )
                if code != 1:
                    raise SystemExit(f"{name}: expected exit 1 (refused), got {code}")
    met = worst <= CEILING
    print(
        f"\nworst ratio to a valid file of the same size: {worst:.2f}× "
        f"(ceiling {CEILING:.0f}×): {'met' if met else 'NOT met'}"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
