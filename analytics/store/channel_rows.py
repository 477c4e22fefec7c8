"""Small store reads and writes about channels and imports, each on its own connection."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from typing import Any

from analytics.store.connection import connect
from analytics.store.schema import data_version, scalar, schema_version
from analytics.store.writer import upsert_channels

StorePath = str | os.PathLike[str]


def loaded_import_count(db_path: StorePath | None) -> int:
    """Number of imports that landed (status ``loaded``)."""
    with connect(db_path) as con:
        return int(scalar(con, "SELECT count(*) FROM imports WHERE status = 'loaded'"))


def save_channels(db_path: StorePath | None, channels: Iterable[Mapping[str, Any]]) -> None:
    """Insert or update channel rows (id, platform, display name, time zone) in one transaction."""
    with connect(db_path) as con:
        con.execute("BEGIN TRANSACTION")
        upsert_channels(con, [dict(c) for c in channels])
        con.execute("COMMIT")


# Tables whose rows feed the fitted models of a channel.
_FIT_TABLES = (
    "channels",
    "videos",
    "video_daily",
    "video_totals",
    "channel_daily",
    "fan_interactions",
)


def version_stamp(db_path: StorePath | None) -> str | None:
    """What identifies the store's rows at this moment, read in one short look.

    The store's own random secret (a new store file has a new one), its data
    version (every write that changes rows increases it; a restore moves it
    past both the old and the restored value) and its schema version. None
    before the first import (nothing to identify). Two equal stamps of one
    store path mean the same rows, so a fingerprint computed for a stamp can
    be kept and read back.
    """
    with connect(db_path) as con:
        secret = scalar(con, "SELECT value FROM store_meta WHERE key = 'fan_key_secret'")
        if secret is None:
            return None
        store = hashlib.sha256(f"store|{secret}".encode()).hexdigest()[:16]
        return f"{store}-{data_version(con)}-{schema_version(con)}"


def channel_fingerprint(db_path: StorePath | None, channel_id: str | None) -> str:
    """A fingerprint of every row of one channel (None: of every channel).

    It changes when an import, an undo or an erasure changes any row of the
    channel, and only then: importing another channel leaves it as it was.
    Used as the data version of the channel's persisted fits.

    Returns
    -------
    str
        Row counts and a sum of row hashes per table, as hex.
    """
    parts = []
    with connect(db_path) as con:
        for table in _FIT_TABLES:
            # Table names come from the fixed tuple above; the channel is a bound value.
            count, total = con.execute(
                f'SELECT count(*), coalesce(sum(hash(t)), 0) FROM "{table}" t '
                "WHERE CAST(? AS VARCHAR) IS NULL OR t.channel_id = ?",
                [channel_id, channel_id],
            ).fetchall()[0]
            parts.append(f"{int(count):x}.{int(total) % (1 << 64):016x}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]
