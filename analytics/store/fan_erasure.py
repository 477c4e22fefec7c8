"""Erasing one fan's rows from the store ("forget this fan").

Fans are stored only under ``fan_key``, an HMAC of their id with the store's
secret (:mod:`analytics.ingest.formats.fans`); erasure needs that key. The
caller computes it from the raw id (:mod:`analytics.services.privacy`); nothing here
sees or logs the raw id except as a bound parameter to blank rejected values
that might hold it.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from analytics.store.schema import bump_data_version, scalar


@dataclass
class FanErasure:
    """Rows removed or blanked by :func:`erase_fan`."""

    interactions_deleted: int
    reject_values_blanked: int


def stored_fan_secret(con: duckdb.DuckDBPyConnection) -> bytes | None:
    """The store's fan HMAC key, or None when no fan file was ever imported (never creates one)."""
    value = scalar(con, "SELECT value FROM store_meta WHERE key = 'fan_key_secret'")
    return bytes.fromhex(value) if value else None


def erase_fan(con: duckdb.DuckDBPyConnection, fan_key: str | None, raw_id: str) -> FanErasure:
    """Delete every interaction of ``fan_key`` and blank rejected values equal to the raw id.

    One transaction; the data version is raised when anything changed, and
    the store is checkpointed afterwards so the deleted rows leave the
    write-ahead log.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open store connection.
    fan_key : str or None
        The fan's keyed hash (``fan_interactions.fan_key``); None when the
        store has no fan secret yet (then no interaction can be stored).
    raw_id : str
        The fan id as the platform wrote it; only compared with
        ``import_rejects.raw_value`` of fan files (and of failed imports,
        whose format is unknown).

    Returns
    -------
    FanErasure
    """
    con.execute("BEGIN TRANSACTION")
    try:
        deleted = 0
        if fan_key is not None:
            deleted = int(
                scalar(con, "SELECT count(*) FROM fan_interactions WHERE fan_key = ?", [fan_key])
            )
            con.execute("DELETE FROM fan_interactions WHERE fan_key = ?", [fan_key])
        where = (
            "raw_value = ? AND import_id IN (SELECT import_id FROM imports "
            "WHERE format = 'fan_interactions' OR format IS NULL)"
        )
        blanked = int(scalar(con, f"SELECT count(*) FROM import_rejects WHERE {where}", [raw_id]))
        con.execute(f"UPDATE import_rejects SET raw_value = NULL WHERE {where}", [raw_id])
        if deleted or blanked:
            bump_data_version(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    if deleted or blanked:
        try:
            con.execute("CHECKPOINT")
        except duckdb.Error:
            pass  # another connection of this process is mid-transaction; the next checkpoint does it
    return FanErasure(interactions_deleted=deleted, reject_values_blanked=blanked)
