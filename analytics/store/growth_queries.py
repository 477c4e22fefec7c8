"""Queries behind growth analytics and the strategy cards.

Every reader takes the store path as a plain string (plus plain values),
opens its own short-lived connection through
:func:`analytics.store.connection.connect` and returns plain results
(DataFrames, dataclasses). Values are always bound parameters.
"""

from __future__ import annotations

import os

import pandas as pd

from analytics.records import DataCoverage
from analytics.store import feature_queries
from analytics.store.connection import connect

StorePath = str | os.PathLike[str]


_COVERAGE_SQL = """
WITH v AS (
    SELECT channel_id, video_id, published_at, duration_s, tags FROM videos
    WHERE (CAST(? AS VARCHAR) IS NULL OR channel_id = ?)
)
SELECT
    (SELECT count(*) FROM channels WHERE (CAST(? AS VARCHAR) IS NULL OR channel_id = ?)),
    (SELECT count(*) FROM v),
    (SELECT count(*) FROM v WHERE published_at IS NOT NULL),
    (SELECT count(*) FROM v WHERE duration_s IS NOT NULL),
    (SELECT count(*) FROM v WHERE tags IS NOT NULL AND len(tags) > 0),
    (SELECT count(*) FROM v WHERE EXISTS (
        SELECT 1 FROM summary_video d
        WHERE d.channel_id = v.channel_id AND d.video_id = v.video_id)),
    (SELECT count(*) FROM v WHERE EXISTS (
        SELECT 1 FROM video_totals t
        WHERE t.channel_id = v.channel_id AND t.video_id = v.video_id)),
    (SELECT count(*) FROM channel_daily
        WHERE (CAST(? AS VARCHAR) IS NULL OR channel_id = ?)
          AND (followers_net IS NOT NULL OR followers_gained IS NOT NULL
               OR followers_total IS NOT NULL)),
    (SELECT count(*) FROM fan_interactions
        WHERE NOT is_spam AND (CAST(? AS VARCHAR) IS NULL OR channel_id = ?)),
    (SELECT count(*) FROM channels WHERE CAST(? AS VARCHAR) IS NOT NULL AND channel_id <> ?)
"""


def data_coverage(db_path: StorePath, channel_id: str | None = None) -> DataCoverage:
    """Count what the store holds for ``channel_id`` (None: every channel).

    Parameters
    ----------
    db_path : str or path
        The DuckDB store file.
    channel_id : str, optional
        One channel; None counts every channel (``other_channels`` is then 0).

    Returns
    -------
    DataCoverage

    Raises
    ------
    StoreError, StoreBusyError
        The store cannot be opened.
    """
    params = [channel_id] * 10
    with connect(db_path) as con:
        row = con.execute(_COVERAGE_SQL, params).fetchall()[0]
    return DataCoverage(*(int(v or 0) for v in row))


def video_rows(db_path: StorePath, channel_id: str | None = None) -> pd.DataFrame:
    """Per-video rows (publish time, duration, tags, day-7 views, lifetime totals).

    The frame of :func:`analytics.store.feature_queries.video_rows`, read on
    a connection of its own, plus the channel's ``display_name``.

    Returns
    -------
    pandas.DataFrame
        One row per video with a publish time, ordered by publish time.
    """
    with connect(db_path) as con:
        rows = feature_queries.video_rows(con, channel_id)
        names = con.execute("SELECT channel_id, display_name FROM channels").fetchall()
    lookup = dict(names)
    rows["display_name"] = [lookup.get(c) for c in rows["channel_id"]]
    return rows


__all__ = ["DataCoverage", "data_coverage", "video_rows"]
