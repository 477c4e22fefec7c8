"""Backing up the store to Parquet and restoring it.

A backup is a folder written by DuckDB's ``EXPORT DATABASE ... (FORMAT
parquet)`` (one Parquet file per table plus ``schema.sql`` and ``load.sql``,
so plain DuckDB can read it back with ``IMPORT DATABASE`` too) and a
``manifest.json`` with, per table, its row count, its columns, a content
checksum and the sha256 of its file. The folder is written under a
temporary name and renamed when complete, so a crash never leaves a
half-written backup under the name asked for.

Restoring lives in :mod:`analytics.store.restore`. Backup and restore
report the same tables and rows: the store's migration log
(``schema_migrations``) is written to the folder for plain DuckDB's
``IMPORT DATABASE`` but is not counted, because a restore keeps the target
store's own log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from analytics.errors import StoreError
from analytics.sql_quote import quote_ident, quote_literal
from analytics.store.backup_log import note_backup
from analytics.store.connection import connect
from analytics.store.schema import schema_version

MANIFEST = "manifest.json"
FORMAT_NAME = "creator-analytics-backup"
FORMAT_VERSION = 1
# Tables not copied back on restore (the target store keeps its own migration
# log), and so not counted in what a backup or restore reports.
NOT_RESTORED = ("schema_migrations",)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def store_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the store's base tables (schema ``main``), sorted."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Column names of ``table`` in their order."""
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ? "
        "ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def table_checksum(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[str], source: str | None = None
) -> tuple[int, str]:
    """Row count and an order-independent content checksum of a table.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
    table : str
        Store table (quoted here); ignored when ``source`` is given.
    columns : list of str
        The columns covered, in this order.
    source : str, optional
        A ready SQL relation to read instead of the table (a ``read_parquet``
        call).

    Returns
    -------
    (int, str)
        Row count; sum over rows of the low 64 bits of the MD5 of the row's
        text (time stamps written in UTC), as a decimal string. Equal tables
        give equal checksums whatever their row order; a changed, added or
        removed row changes it.
    """
    con.execute("SET TimeZone = 'UTC'")
    cols = ", ".join(quote_ident(c) for c in columns)
    rel = source if source is not None else quote_ident(table)
    row = con.execute(
        f"SELECT count(*), coalesce(sum(md5_number_lower(CAST(row({cols}) AS VARCHAR))::HUGEINT), 0) FROM {rel}"
    ).fetchall()[0]
    return int(row[0]), str(row[1])


def snapshot(
    con: duckdb.DuckDBPyConnection, exclude: Iterable[str] = ()
) -> dict[str, tuple[int, str]]:
    """``{table: (rows, checksum)}`` of every store table except ``exclude``."""
    skip = set(exclude)
    return {
        t: table_checksum(con, t, table_columns(con, t)) for t in store_tables(con) if t not in skip
    }


@dataclass
class BackupResult:
    """What a backup or restore did."""

    directory: Path
    schema_version: int
    tables: dict[str, int] = field(default_factory=dict)  # table -> rows
    bytes_written: int = 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the CLI's ``--json`` output)."""
        return {
            "directory": str(self.directory),
            "schema_version": self.schema_version,
            "tables": self.tables,
            "total_rows": sum(self.tables.values()),
            "bytes": self.bytes_written,
        }


def _export_files(directory: Path) -> dict[str, str]:
    """Map each table to its Parquet file name, read from ``load.sql``."""
    text = (directory / "load.sql").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for m in re.finditer(
        r"^COPY\s+(\"(?:[^\"]|\"\")+\"|[^\s]+)\s+FROM\s+'((?:[^']|'')*)'", text, re.M
    ):
        name = m.group(1)
        if name.startswith('"'):
            name = name[1:-1].replace('""', '"')
        if "." in name and not m.group(1).startswith('"'):
            name = name.split(".")[-1]
        out[name] = Path(m.group(2).replace("''", "'")).name
    return out


def backup_store(
    db_path: str | os.PathLike[str] | None, directory: str | os.PathLike[str]
) -> BackupResult:
    """Write a backup of the store into a new folder.

    Parameters
    ----------
    db_path : path or None
        The store (None: the default path).
    directory : path
        The backup folder; it must not exist yet, or be empty.

    Returns
    -------
    BackupResult
        Row counts per table and the bytes written.

    Raises
    ------
    StoreError
        The folder is not empty, or cannot be written.
    StoreBusyError
        Another process holds the store for longer than the lock wait.
    """
    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise StoreError(
            f"the backup folder {target} already exists and is not empty; choose a new folder"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        with connect(db_path) as con:
            con.execute("BEGIN TRANSACTION")  # one snapshot for the export and the checksums
            try:
                con.execute(f"EXPORT DATABASE {quote_literal(str(partial))} (FORMAT parquet)")
                version = schema_version(con)
                files = _export_files(partial)
                tables: dict[str, Any] = {}
                for table in store_tables(con):
                    columns = table_columns(con, table)
                    rows, checksum = table_checksum(con, table, columns)
                    file_name = files.get(table)
                    if file_name is None or not (partial / file_name).is_file():
                        raise StoreError(
                            f"the export of table {table} is missing; the backup was not written"
                        )
                    tables[table] = {
                        "rows": rows,
                        "checksum": checksum,
                        "columns": columns,
                        "file": file_name,
                        "sha256": _sha256_file(partial / file_name),
                    }
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        extra = {name: _sha256_file(partial / name) for name in ("schema.sql", "load.sql")}
        manifest = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "schema_version": version,
            "duckdb_version": duckdb.__version__,
            "tables": tables,
            "files": extra,
        }
        (partial / MANIFEST).write_text(
            json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        if target.exists():
            target.rmdir()  # empty, checked above
        os.replace(partial, target)
    except duckdb.Error as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise StoreError(
            f"cannot write the backup to {target}: {str(exc).splitlines()[0]}"
        ) from None
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise StoreError(f"cannot write the backup to {target}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    size = sum(p.stat().st_size for p in target.iterdir() if p.is_file())
    note_backup(db_path, target)  # so forgetting a fan can say which backups still hold it
    return BackupResult(
        directory=target,
        schema_version=version,
        tables={t: int(v["rows"]) for t, v in tables.items() if t not in NOT_RESTORED},
        bytes_written=size,
    )


def read_manifest(directory: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and check a backup's manifest and files.

    Raises
    ------
    StoreError
        No manifest, an unknown format, or a file that is missing or does not
        match its sha256 (a damaged or edited backup).
    """
    folder = Path(directory)
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{folder} is not a backup: it has no {MANIFEST}") from None
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read {path}: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise StoreError(f"{path} is not a creator analytics backup manifest")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise StoreError(
            f"the backup in {folder} was made by a newer version of this program; update it first"
        )
    tables = manifest.get("tables")
    if not isinstance(tables, dict):
        raise StoreError(f"{path} lists no tables")
    for table, info in tables.items():
        file_name = Path(str(info.get("file", ""))).name  # never a path outside the folder
        if not file_name or not (folder / file_name).is_file():
            raise StoreError(
                f"the backup in {folder} is incomplete: the file of table {table} is missing"
            )
        if _sha256_file(folder / file_name) != info.get("sha256"):
            raise StoreError(
                f"the backup in {folder} is damaged: {file_name} does not match its checksum"
            )
    return manifest


__all__ = [
    "NOT_RESTORED",
    "BackupResult",
    "backup_store",
    "read_manifest",
    "snapshot",
    "table_checksum",
]
