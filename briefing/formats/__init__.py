"""The output formats: one module each, registered in one table.

The table's keys are the `--format` choices, so help text and reality cannot
drift. Modules are imported only when chosen, so a command pays only for the
format it prints. Each module provides:

- `render_briefing(briefing, options) -> str`
- `render_themes(briefing, options) -> str`
- `render_timeline(briefing, options) -> str`
- `render_sources(briefing, options) -> str`
- `render_catalog(briefings, options) -> str`
"""

from __future__ import annotations

import importlib
from types import ModuleType

FORMATS: dict[str, str] = {
    "terminal": "briefing.formats.terminal",
    "markdown": "briefing.formats.markdown",
    "json": "briefing.formats.jsondoc",
    "html": "briefing.formats.html",
}


def get(name: str) -> ModuleType:
    """Return the renderer module registered for a format name."""
    return importlib.import_module(FORMATS[name])
