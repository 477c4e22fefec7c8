"""Read queries that keep channels apart: each channel's own span and daily series.

Unrelated channels (a YouTube channel's 2021 and a TikTok account's 2025-26)
are never summed into one trend; the Overview on "All channels" draws one
line per channel from :func:`daily_views_by_channel` and lists each
channel's coverage from :func:`channel_spans`.
"""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd

from analytics.store.connection import connect
from analytics.store.query_parts import _CHANNEL_VIEWS_CTE, _FROM_LIST_SQL

StorePath = str | os.PathLike[str]


def channel_spans(db_path: StorePath) -> pd.DataFrame:
    """Each channel's daily-views coverage and video count.

    Returns
    -------
    pandas.DataFrame
        One row per channel, ordered by display name; columns ``channel_id``,
        ``display_name``, ``platform``, ``time_zone``, ``first_day``,
        ``last_day`` (dates with daily views, NaT without), ``days_with_views``
        (count), ``views`` (sum of daily views, NaN without), ``videos``
        (count of stored videos), ``from_list`` (bool: known only from lists
        of many channels, such as trending lists).
    """
    sql = f"""
        WITH {_CHANNEL_VIEWS_CTE},
        spans AS (
            SELECT channel_id, min(date) AS first_day, max(date) AS last_day,
                   count(DISTINCT date) AS days_with_views, sum(views) AS views
            FROM channel_views GROUP BY channel_id
        ),
        vids AS (SELECT channel_id, count(*) AS videos FROM videos GROUP BY channel_id),
        listed AS ({_FROM_LIST_SQL})
        SELECT c.channel_id, c.display_name, c.platform, c.time_zone,
               s.first_day, s.last_day, coalesce(s.days_with_views, 0) AS days_with_views,
               s.views, coalesce(v.videos, 0) AS videos,
               c.channel_id IN (SELECT channel_id FROM listed) AS from_list
        FROM channels c
        LEFT JOIN spans s USING (channel_id)
        LEFT JOIN vids v USING (channel_id)
        ORDER BY lower(coalesce(c.display_name, c.channel_id)), c.channel_id"""
    with connect(db_path) as con:
        return con.execute(sql, {"channel": None, "start": None, "end": None}).df()


def channels_by_video_count(db_path: StorePath) -> list[str]:
    """Channel ids with at least one stored video: the creator's own first, most videos first.

    The analysis pages offer one channel at a time in this order, so the
    default is the creator's channel with the most videos; the channels known
    only from lists of many channels (trending lists) come after every own
    channel, however many videos they have.
    """
    sql = f"""
        WITH listed AS ({_FROM_LIST_SQL})
        SELECT c.channel_id FROM channels c
        JOIN (SELECT channel_id, count(*) AS videos FROM videos GROUP BY channel_id) v
          USING (channel_id)
        ORDER BY c.channel_id IN (SELECT channel_id FROM listed), v.videos DESC,
                 lower(coalesce(c.display_name, c.channel_id)), c.channel_id"""
    with connect(db_path) as con:
        return [str(r[0]) for r in con.execute(sql).fetchall()]


def daily_views_by_channel(
    db_path: StorePath, start: dt.date | None = None, end: dt.date | None = None
) -> pd.DataFrame:
    """Daily views per channel (never summed across channels).

    Returns
    -------
    pandas.DataFrame
        One row per channel and day with data, ordered by channel and date;
        columns ``channel_id``, ``date`` (datetime64), ``views`` (int64).
        Days without data are absent (a chart must break its line there).
    """
    sql = f"""
        WITH {_CHANNEL_VIEWS_CTE}
        SELECT channel_id, date, sum(views)::BIGINT AS views FROM channel_views
        GROUP BY channel_id, date ORDER BY channel_id, date"""
    with connect(db_path) as con:
        df = con.execute(sql, {"channel": None, "start": start, "end": end}).df()
    df["date"] = pd.to_datetime(df["date"])
    return df


def loaded_import_count(db_path: StorePath, excluding_prefix: str | None = None) -> int:
    """Loaded imports, leaving out files whose name starts with ``excluding_prefix``.

    A store file that does not exist holds no import (it is not created).
    """
    if not os.path.isfile(db_path):
        return 0
    with connect(db_path) as con:
        row = con.execute(
            "SELECT count(*) FROM imports WHERE status = 'loaded' "
            "AND ($prefix IS NULL OR NOT starts_with(file_name, $prefix))",
            {"prefix": excluding_prefix},
        ).fetchone()
    return int(row[0]) if row else 0


def holds_anything(db_path: StorePath) -> bool:
    """True when the store file exists and holds a channel or a loaded import."""
    if not os.path.isfile(db_path):
        return False
    with connect(db_path) as con:
        row = con.execute(
            "SELECT (SELECT count(*) FROM channels) "
            "+ (SELECT count(*) FROM imports WHERE status = 'loaded')"
        ).fetchone()
    return bool(row and row[0])
