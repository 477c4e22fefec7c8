"""Applying the numbered migrations and reading store metadata."""

from __future__ import annotations

from typing import Any

import duckdb

from analytics.store.migrations import MIGRATIONS as MIGRATIONS


def scalar(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | dict[str, Any] | None = None
) -> Any:
    """Run ``sql`` with bound ``params`` and return the first column of the first row.

    Fetches the whole result (DuckDB refuses further work on a connection
    with a half-read result).  Returns None when there is no row.
    """
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Return the highest applied migration number (0 for a new file)."""
    exists = scalar(
        con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    )
    if not exists:
        return 0
    return int(scalar(con, "SELECT coalesce(max(version), 0) FROM schema_migrations"))


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema up to date; each migration in its own transaction.

    Returns
    -------
    int
        The schema version after migrating.

    Raises
    ------
    duckdb.Error
        A migration failed; it was rolled back and the previous schema stands.
    """
    current = schema_version(con)
    if current >= MIGRATIONS[-1][0]:
        return current
    if current == 0:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ DEFAULT now())"
        )
    for version, name, statements in MIGRATIONS:
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for sql in statements:
                con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name]
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        current = version
    return current


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """Return a number that changes whenever an import lands (cache key for the UI)."""
    value = scalar(con, "SELECT value FROM store_meta WHERE key = 'data_version'")
    return int(value) if value is not None else 0


def bump_data_version(con: duckdb.DuckDBPyConnection) -> int:
    """Increase the data version inside the caller's transaction; return the new value."""
    new = data_version(con) + 1
    con.execute(
        "INSERT INTO store_meta (key, value) VALUES ('data_version', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [str(new)],
    )
    return new
