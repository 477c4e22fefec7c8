"""Rewriting the store file so deleted rows leave no bytes behind.

DuckDB marks the blocks of deleted rows free but does not overwrite them, so
after a ``DELETE`` and a checkpoint the deleted values can still be read
from the file with a hex editor. Forgetting a fan must remove them: the
store is copied table by table into a new file (``COPY FROM DATABASE``,
which writes only live rows) and the new file replaces the old one
atomically. Sequences, schema and every row are kept.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from analytics.errors import StoreError
from analytics.sql_quote import quote_ident, quote_literal
from analytics.store.connection import connect, default_db_path


def rewrite_store(db_path: str | os.PathLike[str] | None) -> tuple[int, int]:
    """Copy the store's live rows into a new file that replaces it.

    Parameters
    ----------
    db_path : path or None
        The store (None: the default path). No other connection of this
        process may be open on it (the CLI's commands have none).

    Returns
    -------
    (int, int)
        File size in bytes before and after.

    Raises
    ------
    StoreError
        The copy could not be written (disk full, permission); the store was
        left as it was and the partial copy removed.
    """
    path = Path(db_path) if db_path is not None else default_db_path()
    path = path.resolve()
    before = path.stat().st_size
    fresh = path.with_name(f".{path.name}.rewrite-{os.getpid()}")
    for leftover in (fresh, Path(f"{fresh}.wal")):
        leftover.unlink(missing_ok=True)
    try:
        with connect(path) as con:
            con.execute("CHECKPOINT")
            name = str(con.execute("SELECT current_database()").fetchall()[0][0])
            con.execute(f"ATTACH {quote_literal(str(fresh))} AS _fresh")
            try:
                con.execute(f"COPY FROM DATABASE {quote_ident(name)} TO _fresh")
            finally:
                con.execute("DETACH _fresh")
        with open(fresh, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(fresh, path.stat().st_mode & 0o777)
        os.replace(fresh, path)
        Path(f"{path}.wal").unlink(missing_ok=True)  # none after a clean close; never stale
    except (duckdb.Error, OSError) as exc:
        fresh.unlink(missing_ok=True)
        Path(f"{fresh}.wal").unlink(missing_ok=True)
        first = (str(exc).splitlines() or [""])[0]
        raise StoreError(
            f"the store {path} could not be rewritten ({first}); the rows were deleted but "
            "their bytes may remain in the file until the next rewrite; free disk space and "
            "run forget-fan again"
        ) from None
    return before, path.stat().st_size


__all__ = ["rewrite_store"]
