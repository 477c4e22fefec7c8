"""Telling a damaged store file from other errors, and saying what to do.

A store file cut short (a full disk, a copy that stopped half way), with a
damaged block, or that is not a DuckDB file at all makes DuckDB raise
various errors, on opening or only when a damaged block is read. Every
one of them becomes a single :class:`~analytics.errors.StoreError` that
names the file and the way out (restore a backup into a new file), on every
page and every command.
"""

from __future__ import annotations

import os
import re

import duckdb

from analytics.errors import StoreError

# What DuckDB says about a file it cannot trust (checked on the first line, case-folded).
_DAMAGE = re.compile(
    r"corrupt|not a valid duckdb database|could not read enough bytes|"
    r"checksum .*does not match|failed to deserialize|serialization error|"
    r"replaying wal|wal file|block .* (?:out of range|not found)|invalid block|"
    r"database file .* (?:truncated|damaged)|catalog entry .* does not exist in storage",
    re.I,
)


class DamagedStoreError(StoreError):
    """The store file is damaged, cut short or not a store."""


def damaged_store_error(path: str | os.PathLike[str], exc: BaseException) -> StoreError | None:
    """A one-line error for a damaged store, or None when ``exc`` is something else.

    Parameters
    ----------
    path : path
        The store file.
    exc : BaseException
        What DuckDB raised.

    Returns
    -------
    StoreError or None
    """
    if not isinstance(exc, duckdb.Error):
        return None
    first = (str(exc).splitlines() or [""])[0]
    if not (isinstance(exc, duckdb.SerializationException) or _DAMAGE.search(first)):
        return None
    reason = re.sub(r"\s+", " ", first)[:160]
    return DamagedStoreError(
        f"the store {path} is damaged or incomplete ({reason}); move the file away, then restore "
        f"your last backup into a new one (`python -m analytics restore --db {path} BACKUP_DIR`) "
        "or import your exports again"
    )


# DuckDB's file starts with a main header and two database headers of 4 KiB each.
_HEADER_BYTES = 3 * 4096


def check_file_size(con: duckdb.DuckDBPyConnection, path: str | os.PathLike[str]) -> None:
    """Refuse a store file shorter than the blocks its header describes (a cut-short copy).

    DuckDB reads blocks only when a query needs them, so a file cut short
    can answer some queries and fail others; comparing the file's size with
    ``block_size * total_blocks`` finds it when the file is opened.

    Raises
    ------
    DamagedStoreError
        The file is shorter than its header says.
    """
    try:
        size = os.path.getsize(path)
        row = con.execute("PRAGMA database_size").fetchall()[0]
    except (OSError, duckdb.Error, IndexError):
        return
    block_size, total_blocks, free_blocks = int(row[2] or 0), int(row[3] or 0), int(row[5] or 0)
    # Free blocks at the end may be cut off by DuckDB itself; the used ones must all be there.
    expected = _HEADER_BYTES + block_size * (total_blocks - free_blocks)
    if total_blocks and size < expected:
        raise DamagedStoreError(
            f"the store {path} is damaged or incomplete (the file has {size} bytes, fewer than the "
            f"{expected} its used blocks need: it was cut short); move the file away, then "
            f"restore your last backup into a new one (`python -m analytics restore --db {path} "
            "BACKUP_DIR`) or import your exports again"
        )


__all__ = ["DamagedStoreError", "check_file_size", "damaged_store_error"]
