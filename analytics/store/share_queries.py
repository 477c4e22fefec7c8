"""Rows behind a share release: fan events (keyed hashes only) and the video catalogue."""

from __future__ import annotations

import os

import pandas as pd

from analytics.store.connection import connect


def load_fan_events(db_path: str | os.PathLike[str], channel_id: str | None = None) -> pd.DataFrame:
    """Fan interactions (spam excluded) of one channel or every channel.

    Returns
    -------
    pandas.DataFrame
        ``fan_key``, ``channel_id``, ``video_id``, ``event``, ``ts``; one row
        per stored interaction. Fan keys are keyed hashes; they never leave
        the machine (the share release holds counts only).
    """
    with connect(db_path) as con:
        return con.execute(
            "SELECT fan_key, channel_id, video_id, event, ts FROM fan_interactions "
            "WHERE NOT is_spam AND (?::VARCHAR IS NULL OR channel_id = ?) "
            "ORDER BY channel_id, fan_key, ts, video_id, event",
            [channel_id, channel_id],
        ).df()


__all__ = ["load_fan_events"]
