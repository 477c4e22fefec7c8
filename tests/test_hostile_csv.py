"""CSV files the product writes never carry a live spreadsheet formula.

``analytics.export_csv.safe_csv`` escapes text cells (and column names)
that begin with ``=``, ``+``, ``-``, ``@``, tab or carriage return; every
CSV the product writes goes through it (checked on the sources).
"""

from __future__ import annotations

import ast
import csv
import functools
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics.export_csv import escape_cell, safe_csv

REPO = Path(__file__).resolve().parents[1]


def _read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        (
            '=HYPERLINK("http://evil.example","click")',
            '\'=HYPERLINK("http://evil.example","click")',
        ),
        ("+41 79 000", "'+41 79 000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Pasta = love", "Pasta = love"),
        ("a-b", "a-b"),
        ("", ""),
        ("'quoted", "'quoted"),
    ],
)
def test_escape_cell(value: str, expected: str) -> None:
    assert escape_cell(value) == expected


def test_numbers_dates_and_missing_are_unchanged() -> None:
    assert escape_cell(-5) == -5
    assert escape_cell(-0.25) == -0.25
    assert escape_cell(None) is None
    assert escape_cell(pd.Timestamp("2025-01-01")) == pd.Timestamp("2025-01-01")


def test_safe_csv_escapes_every_text_cell_and_header() -> None:
    df = pd.DataFrame(
        {
            "title": ["=cmd|' /C calc'!A0", "Knife skills", None, "@me", "-1"],
            "views": [-5, 1200, 0, 3, 4],
            "engagement_rate": [0.05, np.nan, 0.1, 0.2, 0.3],
            "tags": [["=evil", "cooking"], [], None, ["@x"], ["a"]],
            "+header": ["x", "y", "z", "w", "v"],
        }
    )
    original = df.copy(deep=True)
    got = _read(safe_csv(df))
    assert got == [
        ["title", "views", "engagement_rate", "tags", "'+header"],
        ["'=cmd|' /C calc'!A0", "-5", "0.05", "'=evil, cooking", "x"],
        ["Knife skills", "1200", "", "", "y"],
        ["", "0", "0.1", "", "z"],
        ["'@me", "3", "0.2", "'@x", "w"],
        ["'-1", "4", "0.3", "a", "v"],
    ]
    pd.testing.assert_frame_equal(df, original)  # the caller's frame is not changed


def test_safe_csv_string_dtype_and_index() -> None:
    df = pd.DataFrame(
        {"title": pd.array(["=A1", "ok", None], dtype="string")},
        index=pd.Index(["=row", "b", "c"], name="@id"),
    )
    got = _read(safe_csv(df, index=True))
    assert got == [["'@id", "title"], ["'=row", "'=A1"], ["b", "ok"], ["c", ""]]


def test_no_formula_survives_any_text() -> None:
    """Whatever text goes in, no cell of the output starts with a formula character."""
    rng = np.random.default_rng(7)
    alphabet = list("=+-@\t\r ,\"'abc1;\n")
    cells = ["".join(rng.choice(alphabet, size=rng.integers(0, 6))) for _ in range(500)]
    got = _read(safe_csv(pd.DataFrame({"t": cells})))
    assert len(got) == 501
    assert [row[0] for row in got[1:]] == [
        ("'" + c if c[:1] in "=+-@\t\r" and c else c) for c in cells
    ]


@functools.cache
def _safe_producers() -> frozenset[str]:
    """Names of the analytics functions that return ``safe_csv`` output (plus safe_csv itself)."""
    names = {"safe_csv"}
    for src in (REPO / "analytics").rglob("*.py"):
        for node in ast.walk(ast.parse(src.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(n, ast.Call)
                and getattr(n.func, "id", getattr(n.func, "attr", "")) == "safe_csv"
                for n in ast.walk(node)
            ):
                names.add(node.name)
    return frozenset(names)


def _csv_writers(path: Path, root: Path = REPO) -> list[str]:
    """``to_csv`` / ``csv.writer`` / CSV ``download_button`` calls that do not go through safe_csv."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    safe = _safe_producers()
    hits: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        where = f"{path.relative_to(root)}:{node.lineno}"
        if name == "to_csv" and path.name != "export_csv.py":
            hits.append(f"{where}: to_csv")
        if (
            name in ("writer", "DictWriter")
            and isinstance(func, ast.Attribute)
            and getattr(func.value, "id", "") == "csv"
        ):
            hits.append(f"{where}: {name}")
        if name == "download_button":
            data = (
                node.args[1]
                if len(node.args) > 1
                else next((k.value for k in node.keywords if k.arg == "data"), None)
            )
            mime = next((k.value for k in node.keywords if k.arg == "mime"), None)
            file_name = (
                node.args[2]
                if len(node.args) > 2
                else next((k.value for k in node.keywords if k.arg == "file_name"), None)
            )
            is_csv = any(
                isinstance(v, ast.Constant) and "csv" in str(v.value).lower()
                for v in (mime, file_name)
            )
            used = (
                {
                    n.attr if isinstance(n, ast.Attribute) else n.id
                    for n in ast.walk(data)
                    if isinstance(n, (ast.Name, ast.Attribute))
                }
                if data
                else set()
            )
            if is_csv and not used & safe:
                hits.append(f"{where}: download_button without safe_csv")
    return hits


def test_every_csv_the_product_writes_goes_through_safe_csv() -> None:
    sources = [
        REPO / "app.py",
        *(REPO / "analytics").rglob("*.py"),
        *(REPO / "dashboard").glob("*.py"),
        *(REPO / "pages").glob("*.py"),
    ]
    offenders = [hit for src in sorted(sources) if src.is_file() for hit in _csv_writers(src)]
    assert offenders == []


def test_the_writer_check_catches_a_raw_export(tmp_path: Path) -> None:
    probe = tmp_path / "page.py"
    probe.write_text(
        "import csv, streamlit as st\n"
        "st.download_button('CSV', df.to_csv(), 'v.csv', mime='text/csv')\n"
        "w = csv.writer(fh)\n"
        "st.download_button('CSV', safe_csv(df), 'v.csv', mime='text/csv')\n"
        "st.download_button('CSV', data=lambda: report.cards_csv(r), file_name='c.csv')\n",
        encoding="utf-8",
    )
    assert sorted(h.split(": ", 1)[1] for h in _csv_writers(probe, tmp_path)) == [
        "download_button without safe_csv",
        "to_csv",
        "writer",
    ]
