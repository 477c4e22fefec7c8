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


def analysis_channel(db_path: StorePath, channel_id: str | None) -> str | None:
    """The one channel an analysis reads: ``channel_id``, or the channel with the most videos.

    Models, strategy cards and reports are fitted on one channel at a time, never on
    a pool of channels: a creator's own videos are never mixed with another channel's
    (least of all with market data such as trending lists, whose hundreds of channels
    have a video or two each). Without a channel, the one with the most stored videos
    is read (the creator's own rather than a trending list's one-video channel).

    Returns
    -------
    str or None
        A ``channel_id``; None when no channel has a video.
    """
    if channel_id is not None:
        return channel_id
    ordered = channels_by_video_count(db_path)
    return ordered[0] if ordered else None


__all__ = [
    "analysis_channel",
    "channels_by_video_count",
    "data_version",
    "date_bounds",
    "list_channels",
    "store_is_empty",
    "store_path",
    "table_counts",
]
