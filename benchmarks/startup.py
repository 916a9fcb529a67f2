"""Start-up of `briefing show` against rich-cli rendering the same briefing, interleaved.

The commands run round-robin, so a machine that gets busier or quieter
during the run weighs on each of them alike; each result is the median wall
time and the median CPU time (user + system, which load inflates far less
than wall time) of its runs, after two warm-up rounds.
Usage (see docs/performance.md):
    python benchmarks/startup.py --rich PATH [--before CHECKOUT] [--rounds N]
`--before` names another checkout of briefing, run with the same interpreter,
to compare two versions in the same run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """One run: wall and CPU milliseconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall * 1000, cpu * 1000


def main() -> None:
    """Run the commands round-robin and print the medians and the ratios to rich-cli."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rich", required=True, help="rich-cli executable")
    parser.add_argument("--before", help="another checkout of briefing, to compare")
    parser.add_argument("--rounds", type=int, default=25)
    args = parser.parse_args()
    env = {**os.environ, "COLUMNS": "100"}
    briefing = [sys.executable, "-m", "briefing"]
    terminal = ["show", "--format", "terminal", "--color", "always"]
    markdown = ["show", "--format", "markdown"]
    with tempfile.TemporaryDirectory() as folder:
        brief_md = os.path.join(folder, "brief.md")
        with open(brief_md, "wb") as out:
            subprocess.run([*briefing, *markdown], env=env, stdout=out, check=True)
        commands = [
            ("python -c pass", [sys.executable, "-c", "pass"], env),
            ("briefing show --format terminal (colour)", [*briefing, *terminal], env),
            ("briefing show --format markdown", [*briefing, *markdown], env),
            (
                "rich brief.md --force-terminal (rich-cli)",
                [args.rich, brief_md, "--force-terminal"],
                env,
            ),
            ("briefing show --help", [*briefing, "show", "--help"], env),
            ("briefing show --nope (a mistake)", [*briefing, "show", "--nope"], env),
        ]
        if args.before:
            old = {**env, "PYTHONPATH": args.before}
            commands += [
                (f"before: {label}", argv, old)
                for label, argv, _env in commands
                if argv[:3] == briefing
            ]
        wall: dict[str, list[float]] = {label: [] for label, _a, _e in commands}
        cpu: dict[str, list[float]] = {label: [] for label, _a, _e in commands}
        for round_ in range(args.rounds + 2):
            for label, argv, command_env in commands:
                took, used = measure(argv, command_env)
                if round_ >= 2:  # two warm-up rounds
                    wall[label].append(took)
                    cpu[label].append(used)
    median = statistics.median
    print(f"start-up: medians of {args.rounds} interleaved rounds; {sys.executable}")
    for label, _argv, _env in commands:
        print(f"  {label:<50} {median(wall[label]):7.1f} ms wall {median(cpu[label]):7.1f} ms CPU")
    peer = "rich brief.md --force-terminal (rich-cli)"
    for label, target in (
        ("briefing show --format terminal (colour)", 0.8),
        ("briefing show --format markdown", 0.55),
    ):
        by_wall = median(wall[label]) / median(wall[peer])
        by_cpu = median(cpu[label]) / median(cpu[peer])
        print(f"  {label} ≤ {target}× rich-cli: {by_wall:.2f}× wall, {by_cpu:.2f}× CPU")


if __name__ == "__main__":
    main()
