"""briefing: terminal briefings from structured YAML data about defence work plans."""

__version__ = "0.1.0"
