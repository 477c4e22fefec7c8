"""Small helpers shared by the tests (not fixtures)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analytics.store.connection import connect


def rows(db: Path | str, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Run a query on the store and return all rows."""
    with connect(db) as con:
        return con.execute(sql, params or []).fetchall()


def one(db: Path | str, sql: str, params: list[Any] | None = None) -> Any:
    """First column of the first row."""
    return rows(db, sql, params)[0][0]
