"""Channels and store-wide facts: the store path, channel list, date bounds, data version."""

from __future__ import annotations

import os
from pathlib import Path

from analytics.store import channel_rows
from analytics.store.channel_queries import channels_by_video_count
from analytics.store.connection import default_db_path
from analytics.store.queries import data_version, date_bounds, list_channels, table_counts

StorePath = str | os.PathLike[str]


def store_path() -> Path:
    """The store file: ``$CREATOR_ANALYTICS_DB`` or ``data/creator.duckdb``."""
    return default_db_path()


def store_is_empty(db_path: StorePath) -> bool:
    """True when no import has landed in the store."""
    return channel_rows.loaded_import_count(db_path) == 0


__all__ = [
    "channels_by_video_count",
    "data_version",
    "date_bounds",
    "list_channels",
    "store_is_empty",
    "store_path",
    "table_counts",
]
