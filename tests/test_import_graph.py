"""The pipeline's arrows go one way: no import cycle between modules or between the packages of reportkit/."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGES = ("reportkit", "charts")


def _modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            name = ".".join(path.relative_to(REPO).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    return modules


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``name`` imports, at any depth of its code (lazy imports count too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([base] if base else [])])
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _graph(group: bool) -> dict[str, set[str]]:
    modules = _modules()

    def node(name: str) -> str:
        parts = name.split(".")
        if not group or parts[0] != "reportkit":
            return parts[0] if group else name
        return ".".join(parts[:2])

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        for target in _imports(name, path, modules):
            if node(name) != node(target):
                graph.setdefault(node(name), set()).add(node(target))
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle in ``graph`` as a path of nodes, or [] where there is none."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*path[path.index(target):], target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = "done"
        path.pop()
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_no_module_imports_itself_through_others() -> None:
    assert _cycle(_graph(group=False)) == []


def test_no_cycle_between_the_pipeline_packages() -> None:
    assert _cycle(_graph(group=True)) == []


def test_the_detector_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_stages_import_only_earlier_stages() -> None:
    graph = _graph(group=True)
    assert not graph.get("reportkit.compute", set()) & {"reportkit.read", "reportkit.resolve", "reportkit.doctypes"}
    assert "reportkit.build" not in graph.get("reportkit.check", set())
    assert not graph.get("reportkit.read", set()) & {"reportkit.resolve", "reportkit.write", "charts",
                                                     "reportkit.theme"}
    assert not graph.get("reportkit.write", set()) & {"reportkit.read", "reportkit.resolve", "reportkit.doctypes"}
