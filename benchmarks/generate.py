"""Generate a synthetic briefing in the data format: N items over a dozen themes.

Deterministic from its seed, with text lengths like the shipped briefing's.
With `--tracked`, a format version 3 briefing, graded, whose items have due
dates at every precision and signposts in every state (for `watch`).
Usage: python benchmarks/generate.py ITEMS [--seed N] [--tracked] > briefing.yaml
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from typing import TextIO

THEMES = [
    "intelligence",
    "logistics",
    "industry",
    "operations",
    "training",
    "technology",
    "diplomacy",
    "governance",
    "cyber",
    "maritime",
    "air-defence",
    "health",
]
WORDS = [
    "plan",
    "joint",
    "military",
    "cooperation",
    "exchange",
    "officers",
    "delegation",
    "units",
    "planning",
    "logistics",
    "procedures",
    "training",
    "expertise",
    "intelligence",
    "sharing",
    "mechanisms",
    "threats",
    "coordination",
    "industry",
    "production",
    "systems",
    "technology",
    "modernisation",
    "partners",
    "acquisition",
    "transfer",
    "capabilities",
    "committee",
    "follow-up",
    "priorities",
    "framework",
    "annual",
    "review",
    "security",
    "forces",
]


def sentence(rng: random.Random, words: int) -> str:
    """A plain sentence of about `words` words, capitalised, ending in a full stop."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (the generated text has no quotes or backslashes)."""
    return f'"{text}"'


def _due(rng: random.Random) -> str:
    """A due date at a random precision, from 2024 to 2028."""
    year = rng.randint(2024, 2028)
    precision = rng.choice(("year", "month", "day"))
    if precision == "year":
        return str(year)
    month = rng.randint(1, 12)
    return (
        f"{year}-{month:02d}"
        if precision == "month"
        else f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    )


def _tracking(rng: random.Random, sources: int, write_line: Callable[[str], object]) -> None:
    """An item's grade, and most of the time a due date and signposts."""
    write_line(f"    credibility: {rng.randint(1, 6)}\n")
    if rng.random() < 0.6:
        write_line(f'    expected_by: "{_due(rng)}"\n')
        write_line(f"    expected_by_set_by: {rng.choice(('source', 'analyst'))}\n")
    signposts = rng.choice((0, 1, 2, 2))
    if signposts:
        write_line("    signposts:\n")
    for n in range(signposts):
        status = rng.choice(("not-yet-seen", "not-yet-seen", "observed", "contradicted"))
        write_line(f"      - id: signpost-{n}\n        text: {quoted(sentence(rng, 10))}\n")
        write_line(f"        direction: {rng.choice(('supports', 'undermines'))}\n")
        write_line(f"        status: {status}\n")
        if status != "not-yet-seen":
            write_line(
                f'        observed: "{_due(rng)}"\n        credibility: {rng.randint(1, 6)}\n'
            )
            write_line(f"        sources: [{{source: source-{rng.randrange(sources)}}}]\n")


def write(items: int, seed: int, out: TextIO, tracked: bool = False) -> None:
    """Write one briefing with `items` items to `out` (with `tracked`, version 3 and tracking)."""
    rng = random.Random(seed)
    sources = max(3, items // 100)
    write_line = out.write
    write_line(f"briefing: {3 if tracked else 1}\nid: synthetic-briefing\n")
    write_line(f"title: {quoted(f'Synthetic briefing with {items} items')}\n")
    write_line('as_of: "2026-01"\nlanguage: en\n')
    write_line(f"summary: {quoted(sentence(rng, 40))}\n")
    write_line("parties:\n  - name: Country A\n  - name: Country B\n")
    write_line("themes:\n")
    for theme in THEMES:
        title = theme.replace("-", " ").capitalize()
        write_line(f"  - id: {theme}\n    title: {title}\n    aliases: [{theme}-alias]\n")
        write_line(f"    description: {quoted(sentence(rng, 10))}\n")
    write_line("items:\n")
    for n in range(items):
        themes = rng.sample(THEMES, rng.choice((1, 1, 2, 3)))
        write_line(f"  - id: item-{n}\n    title: {quoted(sentence(rng, 8))}\n")
        write_line(f"    themes: [{', '.join(themes)}]\n")
        write_line(f"    summary: {quoted(sentence(rng, 28))}\n")
        write_line(f"    status: {rng.choice(('planned', 'under-way', 'completed', 'unclear'))}\n")
        if rng.random() < 0.5:
            write_line(f"    attribution: {quoted(sentence(rng, 4))}\n")
        write_line("    sources:\n")
        for _ in range(rng.choice((1, 1, 2))):
            write_line(f"      - source: source-{rng.randrange(sources)}\n")
            write_line(
                f"        locator: {quoted(f'section {rng.randint(1, 9)} ¶{rng.randint(1, 6)}')}\n"
            )
        if tracked:
            _tracking(rng, sources, write_line)
        questions = rng.choice((0, 0, 1, 2))
        if questions:
            write_line("    open_questions:\n")
            for _ in range(questions):
                write_line(f"      - {quoted(sentence(rng, 9))}\n")
    write_line("timeline:\n")
    for n in range(max(3, items // 20)):
        year, month = 2020 + n % 7, 1 + n % 12
        date = f"{year}-{month:02d}" if n % 3 else str(year)
        write_line(f'  - date: "{date}"\n    title: {quoted(sentence(rng, 8))}\n')
        write_line(f"    themes: [{rng.choice(THEMES)}]\n")
        write_line(f"    sources: [{{source: source-{rng.randrange(sources)}}}]\n")
    write_line("sources:\n")
    for n in range(sources):
        write_line(f"  - id: source-{n}\n    title: {quoted(sentence(rng, 6))}\n")
        write_line("    kind: report\n    language: en\n")
        if tracked:
            write_line(f"    reliability: {rng.choice('ABCDEF')}\n")


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and write the briefing to stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("items", type=int)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--tracked", action="store_true", help="version 3, with due dates")
    args = parser.parse_args(argv)
    write(args.items, args.seed, sys.stdout, args.tracked)


if __name__ == "__main__":
    main()
