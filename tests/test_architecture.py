"""The shape of the code: the analytics package never imports Streamlit; pages hold no SQL."""

from __future__ import annotations

import re
import subprocess
import sys

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
