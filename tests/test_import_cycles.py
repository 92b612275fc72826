"""No import loops among desktop/ modules: the ground floor never reaches up.

A small AST walk over desktop/**/*.py builds the graph of module-level imports (imports
inside functions are deferred on purpose and left out) and fails with the loop it finds.
"""
from __future__ import annotations

import ast
from pathlib import Path

import desktop

ROOT = Path(desktop.__file__).resolve().parent


def module_name(path: Path) -> str:
    parts = ("desktop", *path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in ROOT.rglob("*.py")}


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The longest known module that *name* is or lies in."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _top_level_imports(tree: ast.Module):
    """Import nodes run at import time: the module body, including if/try blocks, but not
    function bodies, class bodies' methods, or `if TYPE_CHECKING:` blocks."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            test = ast.unparse(node.test)
            if "TYPE_CHECKING" not in test:
                stack.extend(node.body)
            stack.extend(node.orelse)
        elif isinstance(node, ast.Try):
            stack.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                stack.extend(handler.body)
        elif isinstance(node, ast.ClassDef):
            stack.extend(n for n in node.body if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))


def import_graph() -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in _top_level_imports(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - (node.level - 1)]
                    stem = ".".join(base + ([node.module] if node.module else []))
                else:
                    stem = node.module or ""
                # `from pkg import sub` imports the submodule when there is one
                targets = [f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in known else stem for alias in node.names]
            for target in targets:
                if not target.startswith("desktop"):
                    continue
                resolved = _resolve(target, known)
                if resolved is None:
                    continue
                # Importing a.b.c first runs a and a.b: an edge to each package the importer is not inside.
                parts = resolved.split(".")
                for i in range(2, len(parts) + 1):
                    ancestor = ".".join(parts[:i])
                    if ancestor != name and not name.startswith(ancestor + ".") and ancestor in known:
                        graph[name].add(ancestor)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(graph, WHITE)
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = GREY
        trail.append(node)
        for nxt in sorted(graph[node]):
            if colour[nxt] == GREY:
                return trail[trail.index(nxt):] + [nxt]
            if colour[nxt] == WHITE:
                found = visit(nxt)
                if found:
                    return found
        trail.pop()
        colour[node] = BLACK
        return None

    for start in sorted(graph):
        if colour[start] == WHITE:
            found = visit(start)
            if found:
                return found
    return None


def test_the_graph_sees_real_imports():
    graph = import_graph()
    assert "desktop.models.db" in graph["desktop.models"]  # `from .db import ...` in the package
    assert "desktop.models.migrations" in graph["desktop.models"]  # via `from .migrations import ...`
    assert "desktop.safety.integrity" not in graph["desktop.models.migrations"]


def test_a_loop_is_found():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles_among_desktop_modules():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import loop: " + " → ".join(cycle)


def test_the_models_never_reach_up_to_safety_or_the_ui():
    """Deferred imports included: migrations get their backup step handed in instead of
    importing it. The one exception is models/store.py, open_store() kept for old tests,
    which calls the door."""
    known = modules()
    reaches = []
    for name, path in known.items():
        if not name.startswith("desktop.models") or name == "desktop.models.store":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                package = name if path.name == "__init__.py" else name.rpartition(".")[0]
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif isinstance(node, ast.ImportFrom):
                target = node.module or ""
            else:
                continue
            if target.startswith(("desktop.safety", "desktop.backup", "desktop.ui", "desktop.app", "desktop.cli", "desktop.reports")):
                reaches.append(f"{name}:{node.lineno} → {target}")
    assert reaches == []
