"""Writing staged rows into the store: one transaction per import, newer export wins.

Rules (DESIGN.md):

* An import lands whole or not at all (one transaction, rolled back on any
  error; the ``imports`` log records the failure afterwards).
* The same file twice changes nothing (its sha256 is remembered).
* Overlapping exports never double count: rows are upserted on the table's
  natural key, and for each column the newer export's value wins, whatever
  the order of import. "Newer" is the export whose covered period ends
  later; on a tie the export's own date, else the import time
  (``imports.rank_key``). A newer export that lacks a column (NULL) keeps
  the older value of that column, so a views-only chart export does not
  erase watch time from another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from analytics.errors import Reject
from analytics.sql_quote import quote_ident
from analytics.store.import_history import record_rows
from analytics.store.migrations import COUNT_METRICS, NATURAL_KEYS
from analytics.store.schema import bump_data_version, scalar
from analytics.store.summaries import channels_in, refresh_summaries


def rank_key(
    period_end: dt.date | None, export_date: dt.date | None, imported_at: dt.datetime
) -> str:
    """Sortable text: covered period end, then export date, then import time."""
    pe = period_end.isoformat() if period_end else "0000-00-00"
    ed = export_date.isoformat() if export_date else "0000-00-00"
    return f"{pe}|{ed}|{imported_at.isoformat()}"


def find_loaded(con: duckdb.DuckDBPyConnection, sha256: str) -> int | None:
    """import_id of an already loaded file with this sha256, else None."""
    value = scalar(
        con, "SELECT min(import_id) FROM imports WHERE sha256 = ? AND status = 'loaded'", [sha256]
    )
    return int(value) if value is not None else None


def next_import_id(con: duckdb.DuckDBPyConnection) -> int:
    """A new import id from the store's sequence."""
    return int(scalar(con, "SELECT nextval('import_id_seq')"))


def upsert_channels(con: duckdb.DuckDBPyConnection, channels: list[dict[str, Any]]) -> None:
    """Insert channels that do not exist; fill a missing display name of existing ones."""
    for ch in channels:
        con.execute(
            "INSERT INTO channels (channel_id, platform, display_name, time_zone) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (channel_id) DO UPDATE SET display_name = coalesce(channels.display_name, "
            "excluded.display_name)",
            [
                ch["channel_id"],
                ch["platform"],
                ch.get("display_name"),
                ch.get("time_zone") or "UTC",
            ],
        )


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]


def merge_table(
    con: duckdb.DuckDBPyConnection,
    target: str,
    staged: str,
    import_id: int,
    rank: str,
    fill_channel: str | None = None,
) -> int:
    """Upsert the rows of temp table ``staged`` into store table ``target``.

    Duplicate keys inside the file keep their last row (``_row``). Where no
    stored row of ``target`` belongs to a channel of the staged rows (a first
    import of the channel), the rows are appended in one ``INSERT``; else
    they are merged on the natural key, newer export winning per column (see
    the module docstring). Both give the same stored rows.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Store connection, inside the caller's transaction.
    target : str
        Store table (a key of ``NATURAL_KEYS``).
    staged : str
        Temp table with the target's column names (extra columns are ignored).
    import_id : int
        The import writing the rows.
    rank : str
        The import's :func:`rank_key`.
    fill_channel : str, optional
        Channel of staged rows whose ``channel_id`` is NULL.

    Returns
    -------
    int
        Number of staged rows (after removing duplicate keys within the file).
    """
    keys = NATURAL_KEYS[target]
    target_cols = _columns(con, target)
    all_staged = _columns(con, staged)
    staged_cols = [c for c in all_staged if c in target_cols and c != "import_id"]
    missing_keys = [k for k in keys if k not in staged_cols]
    if missing_keys:
        raise ValueError(f"staged rows for {target} lack key column(s) {missing_keys}")
    value_cols = [c for c in staged_cols if c not in keys]
    rest = [c for c in target_cols if c not in keys and c not in value_cols and c != "import_id"]
    q = quote_ident
    key_list = ", ".join(q(k) for k in keys)
    src_params: list[Any] = []
    src = staged
    if fill_channel is not None:
        src = f"(SELECT * REPLACE (coalesce(channel_id, ?) AS channel_id) FROM {staged})"
        src_params = [fill_channel]
    # Duplicate keys inside one file: the last row wins. Most files have none, and
    # finding that out costs less than the window that removes them.
    dedup = f"SELECT {', '.join(q(c) for c in staged_cols)} FROM {src}"
    repeats = con.execute(
        f"SELECT 1 FROM {src} GROUP BY {key_list} HAVING count(*) > 1 LIMIT 1", src_params
    ).fetchall()
    if repeats:
        order = "_row DESC" if "_row" in all_staged else "1"
        dedup += f" QUALIFY row_number() OVER (PARTITION BY {key_list} ORDER BY {order}) = 1"
    record_rows(con, target, dedup, src_params, staged_cols, import_id)  # for undoing the import
    if not _has_rows_of_channels(con, target, src, src_params):
        # Nothing stored for these channels: no merge needed. Columns the file
        # lacks are NULL, as the merge below writes them.
        sel = [q(c) for c in staged_cols] + [f"NULL AS {q(c)}" for c in rest] + ["? AS import_id"]
        inserted = con.execute(
            f"INSERT INTO {q(target)} BY NAME SELECT {', '.join(sel)} FROM ({dedup})",
            [import_id, *src_params],  # in the order the placeholders appear
        ).fetchall()
        return int(inserted[0][0]) if inserted else 0
    join = " AND ".join(f"o.{q(k)} IS NOT DISTINCT FROM s.{q(k)}" for k in keys)
    newer = "(o.rowid IS NULL OR i.rank_key IS NULL OR ? >= i.rank_key)"
    sel = [f"s.{q(k)}" for k in keys]
    # Lifetime totals only grow: two snapshots of the same day (a tie on period and
    # export date) keep the larger count, whatever the import order.
    tie = (
        "(o.rowid IS NOT NULL AND i.rank_key IS NOT NULL AND split_part(?, '|', 1) = split_part(i.rank_key, '|', 1) "
        "AND split_part(?, '|', 2) = split_part(i.rank_key, '|', 2))"
    )
    params: list[Any] = []
    for c in value_cols:
        if target == "video_totals" and c in COUNT_METRICS:
            sel.append(
                f"CASE WHEN {tie} THEN greatest(s.{q(c)}, o.{q(c)}) WHEN {newer} THEN coalesce(s.{q(c)}, o.{q(c)}) "
                f"ELSE coalesce(o.{q(c)}, s.{q(c)}) END AS {q(c)}"
            )
            params += [rank, rank, rank]
        else:
            sel.append(
                f"CASE WHEN {newer} THEN coalesce(s.{q(c)}, o.{q(c)}) ELSE coalesce(o.{q(c)}, s.{q(c)}) "
                f"END AS {q(c)}"
            )
            params += [rank]
    sel += [f"o.{q(c)}" for c in rest]
    sel.append(f"CASE WHEN {newer} THEN ? ELSE o.import_id END AS import_id")
    sel.append("o.rowid AS _trow")
    merged = f"{staged}__merged"
    params += [rank, import_id]
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {merged} AS SELECT {', '.join(sel)} FROM ({dedup}) s "
        f"LEFT JOIN {q(target)} o ON {join} LEFT JOIN imports i ON i.import_id = o.import_id",
        params + src_params,  # in the order the placeholders appear
    )
    con.execute(
        f"DELETE FROM {q(target)} WHERE rowid IN (SELECT _trow FROM {merged} WHERE _trow IS NOT NULL)"
    )
    inserted = con.execute(
        f"INSERT INTO {q(target)} BY NAME SELECT * EXCLUDE (_trow) FROM {merged}"
    ).fetchall()
    con.execute(f"DROP TABLE IF EXISTS {merged}")
    return int(inserted[0][0]) if inserted else 0


def _has_rows_of_channels(
    con: duckdb.DuckDBPyConnection, target: str, src: str, params: list[Any]
) -> bool:
    """True when ``target`` stores a row of a channel the staged rows ``src`` belong to."""
    found = con.execute(
        f"SELECT 1 FROM {quote_ident(target)} WHERE channel_id IN (SELECT DISTINCT channel_id FROM {src}) LIMIT 1",
        params,
    ).fetchall()
    return bool(found)


_VIDEO_TABLES = {
    "video_daily": ("date",),
    "video_totals": ("as_of",),
    "fan_interactions": ("fan_key", "event", "ts", "event_key"),
}


def adopt_derived_ids(
    con: duckdb.DuckDBPyConnection, staged_videos: str, fill_channel: str | None
) -> int:
    """Move stored videos whose id was derived (a title-only export) onto the real ids now given.

    A stored video with a derived id, and the same channel, title and publish
    date as a staged video with a real id, takes that id in every table, so a
    later export with ids merges onto the same rows. Where the real id
    already has a row for the same key, that row is kept (the merge that
    follows applies newer-wins). Returns the number of videos moved.
    """
    cols = _columns(con, staged_videos)
    if not {"title", "published_date"} <= set(cols):
        return 0
    real = "NOT coalesce(id_derived, false)" if "id_derived" in cols else "true"
    moves = con.execute(
        "SELECT o.channel_id, o.video_id, s.video_id FROM videos o JOIN ("
        f"SELECT coalesce(channel_id, ?) AS channel_id, video_id, title, published_date "
        f"FROM {staged_videos} WHERE {real} AND title IS NOT NULL AND published_date IS NOT NULL"
        ") s ON o.channel_id = s.channel_id AND o.title = s.title "
        "AND o.published_date = s.published_date "
        "WHERE coalesce(o.id_derived, false) AND o.video_id <> s.video_id",
        [fill_channel],
    ).fetchall()
    for channel, old, new in moves:
        for table, rest in _VIDEO_TABLES.items():
            same = " AND ".join(
                f"n.{quote_ident(c)} IS NOT DISTINCT FROM t.{quote_ident(c)}" for c in rest
            )
            con.execute(
                f"DELETE FROM {table} t WHERE channel_id = ? AND video_id = ? AND EXISTS ("
                f"SELECT 1 FROM {table} n WHERE n.channel_id = t.channel_id AND n.video_id = ? "
                f"AND {same})",
                [channel, old, new],
            )
            con.execute(
                f"UPDATE {table} SET video_id = ? WHERE channel_id = ? AND video_id = ?",
                [new, channel, old],
            )
        exists = con.execute(
            "SELECT count(*) FROM videos WHERE channel_id = ? AND video_id = ?", [channel, new]
        ).fetchall()[0][0]
        if exists:
            con.execute("DELETE FROM videos WHERE channel_id = ? AND video_id = ?", [channel, old])
        else:
            con.execute(
                "UPDATE videos SET video_id = ?, id_derived = false WHERE channel_id = ? "
                "AND video_id = ?",
                [new, channel, old],
            )
    return len(moves)


@dataclass
class ImportLog:
    """One row of the ``imports`` table."""

    import_id: int
    file_name: str
    sha256: str
    format: str | None
    channel_id: str | None
    status: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    error: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    export_date: dt.date | None = None
    rank: str | None = None


def log_import(
    con: duckdb.DuckDBPyConnection, log: ImportLog, rejects: list[Reject] | None = None
) -> None:
    """Insert the ``imports`` row (and its rejects) inside the caller's transaction."""
    con.execute(
        "INSERT INTO imports (import_id, file_name, sha256, format, channel_id, status, rows_read, "
        "rows_loaded, rows_rejected, error, period_start, period_end, export_date, rank_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            log.import_id,
            log.file_name,
            log.sha256,
            log.format,
            log.channel_id,
            log.status,
            log.rows_read,
            log.rows_loaded,
            log.rows_rejected,
            log.error,
            log.period_start,
            log.period_end,
            log.export_date,
            log.rank,
        ],
    )
    if rejects:
        con.executemany(
            "INSERT INTO import_rejects (import_id, line, column_name, raw_value, reason) VALUES (?, ?, ?, ?, ?)",
            [[log.import_id, r.line, r.column, r.value, r.reason] for r in rejects],
        )


def commit_import(
    con: duckdb.DuckDBPyConnection,
    log: ImportLog,
    tables: dict[str, str],
    channels: list[dict[str, Any]],
    channel_id: str | None,
) -> int:
    """Write one import in one transaction; return the rows loaded.

    ``tables`` maps store tables to staged temp tables; rows whose
    ``channel_id`` is NULL land in ``channel_id``.

    Raises
    ------
    duckdb.Error
        Any failure; the transaction is rolled back and nothing is written.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        upsert_channels(con, channels)
        if "videos" in tables:
            adopt_derived_ids(con, tables["videos"], channel_id)
        loaded = 0
        order = [
            "videos",
            "video_daily",
            "video_totals",
            "channel_daily",
            "channel_breakdown",
            "fan_interactions",
        ]
        for target in sorted(tables, key=order.index):
            n = merge_table(
                con, target, tables[target], log.import_id, log.rank or "", fill_channel=channel_id
            )
            if target != "videos" or len(tables) == 1:
                loaded += n
        log.rows_loaded = loaded
        log_import(con, log)
        if "video_daily" in tables:
            refresh_summaries(con, channels_in(con, tables["video_daily"], channel_id))
        bump_data_version(con)
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    return loaded


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction; nothing to do when DuckDB already ended it.

    A COMMIT that fails (a full disk) ends the transaction itself: a second
    ROLLBACK would raise "no transaction is active" and hide the real error.
    """
    try:
        con.execute("ROLLBACK")
    except duckdb.TransactionException:
        pass
