"""Small store reads and writes about channels and imports, each on its own connection."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from analytics.store.connection import connect
from analytics.store.schema import scalar
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
