"""Which import brought which row, and undoing an import.

The fact tables keep one row per natural key, merged from every export that
covered it (the newer export wins column by column, see
:mod:`analytics.store.writer`). To take one export back out, the rows each
import brought are also kept as they were in the file, in one history
table per fact table (``import_rows_<table>``, migration 2): the same
columns, ``import_id`` naming the import.

Undoing an import deletes its history rows, then rebuilds every key it
touched from the imports that remain, with the writer's rule: for each
column the value of the newest import (``imports.rank_key``, then import
id) that has one; lifetime totals of two snapshots of the same day keep the
larger count. A key no remaining import covers is removed. The import's log
row stays, with status ``undone``, so the same file can be imported again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from analytics.errors import AnalyticsError
from analytics.sql_quote import quote_ident
from analytics.store.migrations import COUNT_METRICS, HISTORY_TABLES, NATURAL_KEYS
from analytics.store.schema import bump_data_version, scalar
from analytics.store.summaries import channels_in, refresh_summaries

#: Fact tables whose rows are kept per import.
FACT_TABLES = HISTORY_TABLES


def history_table(table: str) -> str:
    """Name of the per-import history of a fact table."""
    return f"import_rows_{table}"


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {quote_ident(table)}").fetchall()]


def record_rows(
    con: duckdb.DuckDBPyConnection,
    target: str,
    rows_sql: str,
    params: list[Any],
    columns: list[str],
    import_id: int,
) -> None:
    """Keep the rows an import brings to ``target`` (inside the import's transaction).

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
    target : str
        A fact table.
    rows_sql : str
        A query of the file's rows (one per natural key) with ``columns``.
    params : list
        Its bound parameters.
    columns : list of str
        The columns of ``rows_sql`` to keep (those the history table lacks
        are skipped).
    import_id : int
    """
    if target not in FACT_TABLES:
        return
    hist = history_table(target)
    have = set(_columns(con, hist))
    keep = [c for c in columns if c in have and c != "import_id"]
    cols = ", ".join(quote_ident(c) for c in keep)
    con.execute(
        f"INSERT INTO {hist} ({cols}, import_id) SELECT {cols}, ? FROM ({rows_sql})",
        [import_id, *params],
    )


@dataclass
class UndoResult:
    """What :func:`undo_import` changed."""

    import_id: int
    file_name: str
    keys_rebuilt: dict[str, int] = field(default_factory=dict)
    keys_removed: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the CLI's ``--json`` output)."""
        return {
            "import_id": self.import_id,
            "file_name": self.file_name,
            "keys_rebuilt": self.keys_rebuilt,
            "keys_removed": self.keys_removed,
        }


def _merged_select(con: duckdb.DuckDBPyConnection, table: str, keys: tuple[str, ...]) -> str:
    """SELECT rebuilding ``table``'s rows of the keys in ``_undo_keys`` from the remaining history."""
    hist = history_table(table)
    target_cols = _columns(con, table)
    have = set(_columns(con, hist))
    rank = "(coalesce(i.rank_key, ''), h.import_id)"
    tie = "(split_part(coalesce(i.rank_key, ''), '|', 1) || '|' || split_part(coalesce(i.rank_key, ''), '|', 2))"
    sel = [f"h.{quote_ident(k)}" for k in keys]
    for c in target_cols:
        if c in keys:
            continue
        if c == "import_id":
            sel.append(f"arg_max(h.import_id, {rank}) AS import_id")
        elif c not in have:
            sel.append(f"NULL AS {quote_ident(c)}")
        elif table == "video_totals" and c in COUNT_METRICS:
            sel.append(
                f"arg_max(h.{quote_ident(c)}, ({tie}, h.{quote_ident(c)})) FILTER (WHERE h.{quote_ident(c)} IS NOT NULL) AS {quote_ident(c)}"
            )
        else:
            sel.append(
                f"arg_max(h.{quote_ident(c)}, {rank}) FILTER (WHERE h.{quote_ident(c)} IS NOT NULL) AS {quote_ident(c)}"
            )
    on = " AND ".join(f"h.{quote_ident(k)} IS NOT DISTINCT FROM u.{quote_ident(k)}" for k in keys)
    group = ", ".join(f"h.{quote_ident(k)}" for k in keys)
    return (
        f"SELECT {', '.join(sel)} FROM {hist} h JOIN _undo_keys u ON {on} "
        f"LEFT JOIN imports i ON i.import_id = h.import_id GROUP BY {group}"
    )


def undo_import(con: duckdb.DuckDBPyConnection, import_id: int) -> UndoResult:
    """Remove the rows one import brought and rebuild its keys from the imports that remain.

    One transaction; the data version is raised and the store checkpointed.

    Raises
    ------
    AnalyticsError
        No loaded import has this id.
    """
    row = con.execute(
        "SELECT file_name, status FROM imports WHERE import_id = ?", [int(import_id)]
    ).fetchall()
    if not row:
        raise AnalyticsError(
            f"there is no import {import_id}; `python -m analytics undo-import --list` lists them"
        )
    file_name, status = row[0]
    if status != "loaded":
        raise AnalyticsError(
            f"import {import_id} ({file_name}) is {status}, not loaded; there is nothing to undo"
        )
    result = UndoResult(import_id=int(import_id), file_name=str(file_name))
    touched: list[str] = []
    con.execute("BEGIN TRANSACTION")
    try:
        for table in FACT_TABLES:
            keys = NATURAL_KEYS[table]
            hist = history_table(table)
            key_cols = ", ".join(quote_ident(k) for k in keys)
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE _undo_keys AS SELECT DISTINCT {key_cols} FROM {hist} "
                f"WHERE import_id = ? UNION SELECT DISTINCT {key_cols} FROM {quote_ident(table)} WHERE import_id = ?",
                [int(import_id), int(import_id)],
            )
            n_keys = int(scalar(con, "SELECT count(*) FROM _undo_keys"))
            if n_keys == 0:
                continue
            if table == "video_daily":
                touched = channels_in(con, "_undo_keys")
            con.execute(f"DELETE FROM {hist} WHERE import_id = ?", [int(import_id)])
            on = " AND ".join(
                f"t.{quote_ident(k)} IS NOT DISTINCT FROM u.{quote_ident(k)}" for k in keys
            )
            con.execute(
                f"DELETE FROM {quote_ident(table)} t WHERE EXISTS (SELECT 1 FROM _undo_keys u WHERE {on})"
            )
            rebuilt = con.execute(
                f"INSERT INTO {quote_ident(table)} BY NAME {_merged_select(con, table, keys)}"
            ).fetchall()
            n_rebuilt = int(rebuilt[0][0]) if rebuilt else 0
            result.keys_rebuilt[table] = n_rebuilt
            result.keys_removed[table] = n_keys - n_rebuilt
        con.execute("DROP TABLE IF EXISTS _undo_keys")
        con.execute("UPDATE imports SET status = 'undone' WHERE import_id = ?", [int(import_id)])
        refresh_summaries(con, touched)
        bump_data_version(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    try:
        con.execute("CHECKPOINT")
    except duckdb.Error:
        pass
    return result


def loaded_imports(
    con: duckdb.DuckDBPyConnection, channel_id: str | None = None
) -> list[dict[str, Any]]:
    """Loaded imports, newest first: id, file, format, channel, period, rows loaded, time."""
    where = "status = 'loaded'" + (" AND channel_id = ?" if channel_id else "")
    cur = con.execute(
        "SELECT import_id, file_name, format, channel_id, period_start, period_end, rows_loaded, "
        f"imported_at, export_date FROM imports WHERE {where} ORDER BY import_id DESC",
        [channel_id] if channel_id else [],
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


__all__ = [
    "FACT_TABLES",
    "UndoResult",
    "history_table",
    "loaded_imports",
    "record_rows",
    "undo_import",
]
