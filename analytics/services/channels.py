"""Channels and store-wide facts: the store path, channel list, date bounds, data version."""

from __future__ import annotations

import os
from pathlib import Path

from analytics.i18n import t
from analytics.store import channel_rows, queries
from analytics.store.connection import default_db_path
from analytics.store.queries import data_version, date_bounds, list_channels, table_counts

StorePath = str | os.PathLike[str]


def store_path() -> Path:
    """The store file: ``$CREATOR_ANALYTICS_DB`` or ``data/creator.duckdb``."""
    return default_db_path()


def channel_label(db_path: StorePath, channel_id: str | None, lang: str) -> str:
    """Display name of a channel, ``Name (platform)``; ``All channels`` for None."""
    if channel_id is None:
        return t("app.all_channels", lang)
    channels = queries.list_channels(db_path)
    row = channels[channels["channel_id"] == channel_id]
    if row.empty or not isinstance(row["display_name"].iloc[0], str):
        return channel_id
    return f"{row['display_name'].iloc[0]} ({row['platform'].iloc[0]})"


def store_is_empty(db_path: StorePath) -> bool:
    """True when no import has landed in the store."""
    return channel_rows.loaded_import_count(db_path) == 0


__all__ = [
    "channel_label",
    "data_version",
    "date_bounds",
    "list_channels",
    "store_is_empty",
    "store_path",
    "table_counts",
]
