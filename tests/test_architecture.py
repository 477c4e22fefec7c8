"""The shape of the code: the analytics package never imports Streamlit; pages hold no SQL."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_analytics_never_imports_streamlit() -> None:
    code = (
        "import importlib, pkgutil, sys, analytics\n"
        "for m in pkgutil.walk_packages(analytics.__path__, 'analytics.'):\n"
        "    if m.name != 'analytics.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'streamlit' or n.startswith('streamlit.'))\n"
        "print(len(bad))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "0"
    for path in (REPO / "analytics").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import streamlit|from streamlit)", text, re.M), path


def test_pages_hold_no_sql() -> None:
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b[\s\S]{0,200}\b(FROM|INTO|SET)\b")
    files = [
        REPO / "app.py",
        *sorted((REPO / "pages").glob("*.py")),
        *sorted((REPO / "dashboard").glob("*.py")),
    ]
    for path in files:
        if path.exists():
            assert not sql.search(path.read_text(encoding="utf-8")), f"SQL in {path.name}"
            assert "duckdb" not in path.read_text(encoding="utf-8"), (
                f"{path.name} talks to DuckDB directly"
            )


def test_every_command_is_listed_in_help() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "analytics", "--help"], capture_output=True, text=True, cwd=REPO
    )
    assert res.returncode == 0
    for command in ("import", "demo"):
        assert command in res.stdout


# Modules of analytics/ that a page script, app.py or dashboard/ may import: the
# services door, the present layer, and the base helpers below every layer.
UI_MAY_IMPORT = (
    "analytics.services",
    "analytics.present",
    "analytics.i18n",
    "analytics.errors",
    "analytics.passwords",
    "analytics.export_csv",
    "analytics.session_token",
    "analytics.channel_names",
    "analytics.day_format",
)


def _analytics_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
    return [n for n in names if n == "analytics" or n.startswith("analytics.")]


def test_pages_import_only_services_present_and_dashboard() -> None:
    files = [
        REPO / "app.py",
        *sorted((REPO / "pages").glob("*.py")),
        *sorted((REPO / "dashboard").glob("*.py")),
    ]
    assert len(files) >= 10
    bad = []
    for path in files:
        rel = path.relative_to(REPO).as_posix()
        for name in _analytics_imports(path):
            if not any(name == a or name.startswith(a + ".") for a in UI_MAY_IMPORT):
                bad.append(f"{rel} imports {name}")
    assert bad == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_cycle_finder_finds_a_planted_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycle_in_analytics_or_dashboard() -> None:
    import grimp

    g = grimp.build_graph("analytics", "dashboard", cache_dir=None)
    graph = {m: set(g.find_modules_directly_imported_by(m)) for m in g.modules}
    assert len(graph) > 100
    assert _cycles(graph) == []


def _eager_packages() -> set[str]:
    """Packages whose ``__init__`` imports their own submodules when imported."""
    eager = set()
    for init in (REPO / "analytics").rglob("__init__.py"):
        package = ".".join(init.relative_to(REPO).parent.parts)
        for node in ast.walk(ast.parse(init.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package + "."):
                eager.add(package)
    return eager


def test_no_module_inside_a_package_imports_from_the_package_itself() -> None:
    """``from analytics.ingest import values`` inside analytics.ingest, whose ``__init__``
    imports the importer, runs that ``__init__`` half-way: an import cycle through the
    package init."""
    eager = _eager_packages()
    assert {"analytics.ingest", "analytics.growth"} <= eager
    bad = []
    for path in (REPO / "analytics").rglob("*.py"):
        if path.name == "__init__.py":
            continue
        parts = path.relative_to(REPO).parent.parts
        parents = {".".join(parts[:i]) for i in range(2, len(parts) + 1)} & eager
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in parents:
                bad.append(f"{path.relative_to(REPO)}: from {node.module} import ...")
    assert bad == []
