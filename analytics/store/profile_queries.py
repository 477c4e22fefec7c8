"""SQL of the ``column_profiles`` table: saved column mappings for export layouts the importer does not know.

A profile is a named mapping (JSON) from a file's header cells to canonical
fields, with the header signature it was made for; the importer applies it
automatically to the next file whose header has the same signature.
"""

from __future__ import annotations

import os
from typing import Any

import duckdb

from analytics.store.connection import connect

StorePath = str | os.PathLike[str]


def find_profile(con: duckdb.DuckDBPyConnection, signature: str) -> tuple[str, str] | None:
    """(name, mapping_json) of the newest profile saved for ``signature``, else None."""
    rows = con.execute(
        "SELECT name, mapping_json FROM column_profiles WHERE header_signature = ? "
        "ORDER BY created_at DESC, name LIMIT 1",
        [signature],
    ).fetchall()
    return (str(rows[0][0]), str(rows[0][1])) if rows else None


def get_profile(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, str] | None:
    """(header_signature, mapping_json) of the profile called ``name``, else None."""
    rows = con.execute(
        "SELECT header_signature, mapping_json FROM column_profiles WHERE name = ?", [name]
    ).fetchall()
    return (str(rows[0][0]), str(rows[0][1])) if rows else None


def upsert_profile(
    con: duckdb.DuckDBPyConnection, name: str, signature: str, mapping_json: str
) -> None:
    """Create or replace the profile ``name`` (inside the caller's transaction, if any)."""
    con.execute(
        "INSERT INTO column_profiles (name, header_signature, mapping_json, created_at) VALUES (?, ?, ?, now()) "
        "ON CONFLICT (name) DO UPDATE SET header_signature = excluded.header_signature, "
        "mapping_json = excluded.mapping_json, created_at = excluded.created_at",
        [name, signature, mapping_json],
    )


def list_profiles(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every saved profile, newest first: name, header_signature, mapping_json, created_at."""
    rows = con.execute(
        "SELECT name, header_signature, mapping_json, created_at FROM column_profiles "
        "ORDER BY created_at DESC, name"
    ).fetchall()
    return [
        {"name": r[0], "header_signature": r[1], "mapping_json": r[2], "created_at": r[3]}
        for r in rows
    ]


def delete_profile(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Delete the profile ``name``; True when it existed."""
    existed = con.execute("SELECT count(*) FROM column_profiles WHERE name = ?", [name]).fetchall()[
        0
    ][0]
    con.execute("DELETE FROM column_profiles WHERE name = ?", [name])
    return bool(existed)


# -- on a store file: each call opens the store, works and closes it ------------------


def save_profile_to(
    db_path: StorePath | None, name: str, signature: str, mapping_json: str
) -> None:
    """Create or replace the profile ``name`` in the store at ``db_path``, in one transaction.

    Raises
    ------
    StoreError, StoreBusyError
        The store cannot be opened.
    """
    with connect(db_path) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            upsert_profile(con, name, signature, mapping_json)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def profiles_in(db_path: StorePath | None) -> list[dict[str, Any]]:
    """:func:`list_profiles` of the store at ``db_path``."""
    with connect(db_path) as con:
        return list_profiles(con)


def delete_profile_from(db_path: StorePath | None, name: str) -> bool:
    """:func:`delete_profile` in the store at ``db_path``; True when it existed."""
    with connect(db_path) as con:
        return delete_profile(con, name)
