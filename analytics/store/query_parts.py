"""SQL parts shared by the named read queries: filters, CTEs and the frame helper.

The bound parameters ``$channel``, ``$start`` and ``$end`` (any may be NULL)
filter every query; :func:`_params` builds them and :func:`_frame` runs a
query on a fresh connection to the store file.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pandas as pd

from analytics.store.connection import connect

StorePath = str | os.PathLike[str]

_INTERACTIONS = (
    "coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0)"
)


_HAS_INTERACTION = (
    "(likes IS NOT NULL OR comments IS NOT NULL OR shares IS NOT NULL OR saves IS NOT NULL)"
)


# Shared filter: the bound parameters $channel, $start, $end (any may be NULL).
_CHANNEL_FILTER = "($channel IS NULL OR channel_id = $channel)"

_DATE_FILTER = "($start IS NULL OR date >= $start) AND ($end IS NULL OR date <= $end)"


# Daily views per channel: channel_daily where the channel has it, else video_daily
# (its sums per channel and day, kept in summary_channel_day).
_CHANNEL_VIEWS_CTE = f"""
cd_channels AS (
    SELECT DISTINCT channel_id FROM channel_daily WHERE views IS NOT NULL
),
channel_views AS (
    SELECT channel_id, date, sum(views) AS views
    FROM channel_daily
    WHERE views IS NOT NULL AND {_CHANNEL_FILTER} AND {_DATE_FILTER}
    GROUP BY channel_id, date
    UNION ALL
    SELECT channel_id, date, views
    FROM summary_channel_day
    WHERE views IS NOT NULL AND {_CHANNEL_FILTER} AND {_DATE_FILTER}
      AND channel_id NOT IN (SELECT channel_id FROM cd_channels)
)"""


# Lifetime metrics per video: the latest video_totals row, else the video_daily sums
# (kept per video in summary_video).
_LIFETIME_CTE = f"""
latest_totals AS (
    SELECT channel_id, video_id, as_of, views, likes, comments, shares, saves
    FROM (
        SELECT *, row_number() OVER (
            PARTITION BY channel_id, video_id
            ORDER BY as_of DESC, period_end DESC NULLS LAST, import_id DESC NULLS LAST
        ) AS rn
        FROM video_totals
        WHERE views IS NOT NULL AND {_CHANNEL_FILTER}
    )
    WHERE rn = 1
),
daily_sums AS (
    SELECT channel_id, video_id, views, likes, comments, shares, saves, last_date
    FROM summary_video
    WHERE {_CHANNEL_FILTER}
),
lifetime AS (
    SELECT coalesce(t.channel_id, d.channel_id) AS channel_id,
           coalesce(t.video_id, d.video_id) AS video_id,
           CASE WHEN t.views IS NOT NULL THEN 'totals' ELSE 'daily' END AS views_source,
           CASE WHEN t.views IS NOT NULL THEN t.as_of ELSE d.last_date END AS as_of,
           coalesce(t.views, d.views) AS views,
           CASE WHEN t.views IS NOT NULL THEN t.likes ELSE d.likes END AS likes,
           CASE WHEN t.views IS NOT NULL THEN t.comments ELSE d.comments END AS comments,
           CASE WHEN t.views IS NOT NULL THEN t.shares ELSE d.shares END AS shares,
           CASE WHEN t.views IS NOT NULL THEN t.saves ELSE d.saves END AS saves
    FROM latest_totals t
    FULL OUTER JOIN daily_sums d ON t.channel_id = d.channel_id AND t.video_id = d.video_id
)"""


# Local publish date of a video in its channel's time zone; an export that only
# gives a date (YouTube Studio's Content table) keeps that date as exported.
# A channel known only from a list of many channels (a trending list, a market
# research list): every video list that brought it named at least
# LIST_CHANNELS_MIN channels, and the store holds no daily data and no fan
# interactions of it. Such channels are someone else's; the creator's own come first.
LIST_CHANNELS_MIN = 10
_FROM_LIST_SQL = f"""
    SELECT channel_id FROM (
        SELECT r.channel_id, bool_and(l.import_id IS NOT NULL) AS only_lists
        FROM import_rows_videos r
        LEFT JOIN (
            SELECT import_id FROM import_rows_videos GROUP BY import_id
            HAVING count(DISTINCT channel_id) >= {LIST_CHANNELS_MIN}
        ) l USING (import_id)
        WHERE r.channel_id IS NOT NULL
        GROUP BY r.channel_id
    )
    WHERE only_lists
      AND channel_id NOT IN (SELECT DISTINCT channel_id FROM summary_channel_day)
      AND channel_id NOT IN (SELECT DISTINCT channel_id FROM channel_daily)
      AND channel_id NOT IN (
          SELECT DISTINCT channel_id FROM fan_interactions WHERE channel_id IS NOT NULL
      )"""

_LOCAL_PUBLISH_DATE = (
    "coalesce(timezone(coalesce(c.time_zone, 'UTC'), v.published_at)::DATE, v.published_date)"
)


# The publish time as the channel's clock shows it ("2026-06-06 03:16"), or the
# date alone ("2024-09-27") when the export gives no time; sorts as text.
_LOCAL_PUBLISH_TEXT = (
    "coalesce(strftime(timezone(coalesce(c.time_zone, 'UTC'), v.published_at), '%Y-%m-%d %H:%M'),"
    " strftime(v.published_date, '%Y-%m-%d'))"
)


def _params(
    channel_id: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {"channel": channel_id, "start": start, "end": end, **extra}


def _frame(
    db_path: StorePath, sql: str, params: dict[str, Any] | list[Any] | None = None
) -> pd.DataFrame:
    with connect(db_path) as con:
        return con.execute(sql, params or []).df()


def _int_or_none(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
