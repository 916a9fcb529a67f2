"""Entry point for `python -m briefing` and the `briefing` console script."""

from __future__ import annotations


def main() -> None:
    """Run the command line."""
    from .cli import main as run

    run()


if __name__ == "__main__":
    main()
