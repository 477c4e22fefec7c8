"""Writing ready-made canonical frames into the store in one transaction.

For synthetic histories (tests, benchmarks): the frames already have the
canonical column names and units, so there is nothing to parse or validate
here; real exports go through :mod:`analytics.ingest`.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics.errors import StoreError
from analytics.sql_quote import quote_ident
from analytics.store.migrations import NATURAL_KEYS
from analytics.store.schema import bump_data_version
from analytics.store.summaries import refresh_summaries

# Order matters only for readability: there are no foreign keys.
_TABLES = ("channels", "videos", "video_daily", "video_totals", "channel_daily")


def insert_frames(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> int:
    """Append canonical frames to their tables and bump the data version.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open store connection (:func:`analytics.store.connection.connect`).
    frames : dict of str to pandas.DataFrame
        Table name (``channels``, ``videos``, ``video_daily``, ``video_totals``,
        ``channel_daily``) to rows; columns not in the table are ignored.

    Returns
    -------
    int
        Number of rows written, all tables together.

    Raises
    ------
    StoreError
        A table name is not one of the canonical tables above.
    """
    unknown = sorted(set(frames) - set(_TABLES))
    if unknown:
        raise StoreError(f"cannot bulk-load into {', '.join(unknown)}: not a canonical table")
    written = 0
    con.execute("BEGIN TRANSACTION")
    try:
        for table in _TABLES:
            frame = frames.get(table)
            if frame is None or frame.empty:
                continue
            cols_rows = con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
            ).fetchall()
            table_cols = {r[0] for r in cols_rows}
            cols = [c for c in frame.columns if c in table_cols]
            missing_key = [k for k in NATURAL_KEYS[table] if k not in cols]
            if missing_key:
                raise StoreError(f"{table}: the rows lack {', '.join(missing_key)}")
            con.register("_bulk_frame", frame[cols])
            col_sql = ", ".join(quote_ident(c) for c in cols)
            con.execute(
                f"INSERT INTO {quote_ident(table)} ({col_sql}) SELECT {col_sql} FROM _bulk_frame"
            )
            con.unregister("_bulk_frame")
            written += len(frame)
            if table == "video_daily":
                refresh_summaries(con, frame["channel_id"].dropna().unique().tolist())
        bump_data_version(con)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return written
