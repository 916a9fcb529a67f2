"""Benchmark the rejection of adversarial files against the acceptance of valid ones.

For each adversarial file of benchmarks/adversarial.py, at each size, runs
`briefing validate` as a whole process (the median of several runs after a
warm-up, with the peak memory of each run) and compares it with its valid
twin (the same size and shape) and with a synthetic briefing of the same
size (`× real`, for scale). The promise checked: rejecting a file costs at
most 2× the time and memory of accepting a valid file of the same size.
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
