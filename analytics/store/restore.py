"""Restoring a backup folder (:mod:`analytics.store.backup`) into a store.

Everything that can be checked is checked before the store is opened:

* the manifest names the backup format and a schema version this program
  knows;
* it lists every table that a store of that schema version has (a manifest
  that lists fewer tables would otherwise leave the missing ones, among them
  ``store_meta`` with the fan-key secret, empty after ``--force``);
* every file matches its sha256, and its rows, columns and content checksum
  match the manifest.

Only then are the tables loaded, in one transaction, and compared with the
manifest once more before committing: a restore lands whole or not at all,
and a refused one leaves the store exactly as it was.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb

from analytics.errors import StoreError
from analytics.sql_quote import quote_ident, quote_literal
from analytics.store.backup import (
    NOT_RESTORED,
    BackupResult,
    read_manifest,
    store_tables,
    table_checksum,
    table_columns,
)
from analytics.store.connection import connect, default_db_path
from analytics.store.migrations import HISTORY_TABLES, MIGRATIONS
from analytics.store.schema import data_version, scalar
from analytics.store.summaries import refresh_summaries

# Tables whose rows do not count as "data" when deciding whether a store is empty.
_NOT_DATA = ("schema_migrations", "store_meta")


def tables_at_version(version: int) -> set[str]:
    """Base tables of a store at schema ``version`` (without the migration log).

    Built by running the numbered migrations up to ``version`` in a private
    in-memory database, so the answer cannot drift from the migrations.
    """
    con = duckdb.connect(":memory:")
    try:
        for number, _name, statements in MIGRATIONS:
            if number > version:
                break
            for sql in statements:
                con.execute(sql)
        return set(store_tables(con)) - set(NOT_RESTORED)
    finally:
        con.close()


def _parquet(folder: Path, info: dict[str, Any]) -> str:
    return f"read_parquet({quote_literal(str(folder / Path(str(info['file'])).name))})"


def verify_backup(folder: Path) -> tuple[dict[str, Any], int]:
    """Check a backup completely without touching any store.

    Returns
    -------
    (dict, int)
        The manifest and its schema version.

    Raises
    ------
    StoreError
        The manifest is damaged, lists fewer tables than its schema version
        has, or a file's rows, columns or checksum differ from it.
    """
    manifest = read_manifest(folder)
    newest = MIGRATIONS[-1][0]
    try:
        version = int(manifest.get("schema_version", 0))
    except (TypeError, ValueError):
        version = 0
    if version < 1:
        raise StoreError(f"the backup in {folder} names no schema version; it cannot be restored")
    if version > newest:
        raise StoreError(
            f"the backup in {folder} has schema version {version}; this program knows "
            f"version {newest} at most; update it first"
        )
    listed = set(manifest["tables"]) - set(NOT_RESTORED)
    missing = sorted(tables_at_version(version) - listed)
    if missing:
        raise StoreError(
            f"the backup in {folder} is incomplete: its manifest does not list the table(s) "
            f"{', '.join(missing)}; nothing was restored"
        )
    con = duckdb.connect(":memory:")
    try:
        for table, info in sorted(manifest["tables"].items()):
            if table in NOT_RESTORED:
                continue
            source = _parquet(folder, info)
            try:
                present = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
                columns = [str(c) for c in info["columns"]]
                if present != columns:
                    raise StoreError(
                        f"the backup in {folder} is damaged: the columns of table {table} "
                        "differ from its manifest; nothing was restored"
                    )
                rows, checksum = table_checksum(con, table, columns, source=source)
            except duckdb.Error as exc:
                raise StoreError(
                    f"the backup in {folder} is damaged: the file of table {table} cannot be read "
                    f"({str(exc).splitlines()[0]}); nothing was restored"
                ) from None
            if rows != int(info["rows"]) or checksum != str(info["checksum"]):
                raise StoreError(
                    f"the backup in {folder} is damaged: table {table} holds {rows} rows whose "
                    f"checksum does not match the manifest (which lists {info['rows']}); "
                    "nothing was restored"
                )
    finally:
        con.close()
    return manifest, version


def _data_rows(con: duckdb.DuckDBPyConnection) -> int:
    return sum(
        int(scalar(con, f"SELECT count(*) FROM {quote_ident(t)}"))
        for t in store_tables(con)
        if t not in _NOT_DATA
    )


def restore_store(
    db_path: str | os.PathLike[str] | None,
    directory: str | os.PathLike[str],
    *,
    force: bool = False,
) -> BackupResult:
    """Load a backup into a new or empty store, in one transaction.

    Parameters
    ----------
    db_path : path or None
        The store to fill (created when absent; None: the default path).
    directory : path
        A folder written by :func:`analytics.store.backup.backup_store`.
    force : bool, default False
        Replace the rows of a store that already holds data.

    Returns
    -------
    BackupResult
        Rows restored per table (the same tables and counts the backup
        reported).

    Raises
    ------
    StoreError
        The backup is damaged, incomplete or from a newer schema, the store
        holds data and ``force`` is False, or the restored rows do not match
        the manifest. In every case the store was left as it was.

    Notes
    -----
    A backup from an older schema version is loaded into the current schema
    by column name (migrations only ever add columns and tables); tables the
    backup's version did not have yet are emptied with ``force`` and then
    filled by :func:`after_restore`. The restored store's data version is
    raised so cached dashboard results are refreshed.
    """
    folder = Path(directory)
    manifest, backup_version = verify_backup(folder)
    restored: dict[str, int] = {}
    with connect(db_path) as con:
        present = set(store_tables(con))
        unknown_tables = sorted(set(manifest["tables"]) - present - set(NOT_RESTORED))
        if unknown_tables:
            raise StoreError(
                f"the backup has table(s) {', '.join(unknown_tables)} that this store does not know"
            )
        for table, info in manifest["tables"].items():
            if table in NOT_RESTORED:
                continue
            unknown = [c for c in info["columns"] if c not in table_columns(con, table)]
            if unknown:
                raise StoreError(
                    f"the backup's table {table} has column(s) {unknown} this store does not know"
                )
        if not force:
            rows = _data_rows(con)
            if rows:
                store = db_path if db_path is not None else default_db_path()
                raise StoreError(
                    f"the store {store} already holds data ({rows} rows); restore into a new "
                    "file or use --force to replace its contents"
                )
        previous_version = data_version(con)
        con.execute("BEGIN TRANSACTION")
        try:
            if force:
                for table in sorted(present - set(NOT_RESTORED)):
                    con.execute(f"DELETE FROM {quote_ident(table)}")
            for table, info in sorted(manifest["tables"].items()):
                if table in NOT_RESTORED:
                    continue
                columns = [str(c) for c in info["columns"]]
                cols = ", ".join(quote_ident(c) for c in columns)
                con.execute(
                    f"INSERT INTO {quote_ident(table)} ({cols}) SELECT {cols} FROM {_parquet(folder, info)}"
                )
                rows, checksum = table_checksum(con, table, columns)
                if rows != int(info["rows"]) or checksum != str(info["checksum"]):
                    raise StoreError(
                        f"table {table} restored as {rows} rows that do not match the backup's "
                        f"{info['rows']}; nothing was restored"
                    )
                restored[table] = rows
            after_restore(con, set(manifest["tables"]))
            new_version = max(previous_version, data_version(con)) + 1
            con.execute(
                "INSERT INTO store_meta (key, value) VALUES ('data_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [str(new_version)],
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(
                f"cannot restore {folder}: {str(exc).splitlines()[0]}; nothing was restored"
            ) from None
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return BackupResult(directory=folder, schema_version=backup_version, tables=restored)


def after_restore(con: duckdb.DuckDBPyConnection, restored_tables: set[str]) -> None:
    """Bring derived state in step with the restored rows (inside the transaction).

    Recomputes the summary tables from the restored ``video_daily``, moves ``import_id_seq`` past the restored import ids, and fills the
    per-import row history from the fact tables when the backup predates it.
    """
    for table in HISTORY_TABLES:
        hist = f"import_rows_{table}"
        if hist not in restored_tables:  # a backup from before migration 2
            con.execute(f"INSERT INTO {hist} SELECT * FROM {table} WHERE import_id IS NOT NULL")
    refresh_summaries(con)  # derived from video_daily; a backup may predate them
    top = scalar(con, "SELECT max(import_id) FROM imports")
    if top is not None:
        current = int(scalar(con, "SELECT nextval('import_id_seq')"))
        if current < int(top):
            scalar(con, "SELECT max(nextval('import_id_seq')) FROM range(?)", [int(top) - current])


__all__ = ["restore_store", "tables_at_version", "verify_backup"]
