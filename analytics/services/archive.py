"""Archive care: undo an import, the coverage calendar, "download before it is gone" notes."""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from analytics.store import coverage as coverage_queries
from analytics.store.connection import connect
from analytics.store.import_history import UndoResult, loaded_imports
from analytics.store.import_history import undo_import as _undo

StorePath = str | os.PathLike[str] | None


def list_imports(db_path: StorePath, channel_id: str | None = None) -> list[dict[str, Any]]:
    """Loaded imports, newest first (``import_id``, ``file_name``, ``format``, ``channel_id``, period, rows)."""
    with connect(db_path) as con:
        return loaded_imports(con, channel_id)


def undo_import(db_path: StorePath, import_id: int) -> UndoResult:
    """Remove one import's rows and rebuild the keys it touched from the imports that remain."""
    with connect(db_path) as con:
        return _undo(con, int(import_id))


def coverage(db_path: StorePath, channel_id: str) -> coverage_queries.Coverage:
    """Which days and metrics each export of a channel covers, and the gaps."""
    with connect(db_path) as con:
        return coverage_queries.channel_coverage(con, channel_id)


def gone_notes(db_path: StorePath, today: Any = None) -> pd.DataFrame:
    """Per channel: its platform's history window and the day its last export ends."""
    with connect(db_path) as con:
        return coverage_queries.history_notes(con, today)


__all__ = ["coverage", "gone_notes", "list_imports", "undo_import"]
