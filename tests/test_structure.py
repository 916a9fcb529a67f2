"""The package's structure: imports go one way (no cycles), and the CLI stays declarations."""

from __future__ import annotations

import ast
from pathlib import Path

import briefing

PACKAGE = Path(briefing.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every briefing module this file imports, at the top or inside functions."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("briefing")}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if not target.startswith("briefing"):
                continue
            for alias in node.names:  # `from . import core` names a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
    return {m for m in found if m in MODULES and m != name}


MODULES = {_module_name(p) for p in PACKAGE.rglob("*.py")}
GRAPH = {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def _cycle() -> list[str] | None:
    """A cycle in the import graph, if there is one (depth-first search)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(GRAPH):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_graph_sees_imports():
    # A check that could not fail would prove nothing: the graph must hold known arrows.
    assert "briefing.cli.declarations" in GRAPH["briefing.cli.parse"]
    assert "briefing.commands.actions" in GRAPH["briefing.cli.declarations"]
    assert "briefing.formats" in GRAPH["briefing.commands.actions"]


def test_no_import_cycles():
    assert _cycle() is None, " -> ".join(_cycle() or [])


def test_cycle_finder_finds_a_cycle(monkeypatch):
    monkeypatch.setitem(
        GRAPH, "briefing.model", GRAPH["briefing.model"] | {"briefing.commands.actions"}
    )
    monkeypatch.setitem(
        GRAPH, "briefing.commands.actions", GRAPH["briefing.commands.actions"] | {"briefing.model"}
    )
    assert _cycle() is not None


def test_cli_declares_and_does_not_parse_or_run():
    assert not {"typer", "click"} & {
        n.split(".")[0] for n in _external_imports(PACKAGE / "cli" / "declarations.py")
    }
    assert "briefing.cli.runner" not in GRAPH["briefing.cli.declarations"]


def _external_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module)
    return names


MAX_LINES = 500
MAX_TOP_LEVEL = 10


def _too_long(limit: int = MAX_LINES) -> dict[str, int]:
    """Each module of the package over `limit` lines, with its length."""
    lengths = {
        _module_name(p): len(p.read_text(encoding="utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    return {name: n for name, n in lengths.items() if n > limit}


def _top_level() -> list[str]:
    """The modules at the package's top level (`__init__` and `__main__` included)."""
    return sorted(p.name for p in PACKAGE.glob("*.py"))


def test_no_module_over_500_lines():
    assert not _too_long(), _too_long()


def test_at_most_10_modules_at_the_top_level():
    assert len(_top_level()) <= MAX_TOP_LEVEL, _top_level()


def test_the_size_checks_can_fail():
    # The largest modules are near the limit: a lower one must catch them, and the
    # top level must hold modules to count.
    assert _too_long(400)
    assert "model.py" in _top_level() and "__init__.py" in _top_level()
