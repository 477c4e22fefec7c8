"""Per-video rows for the content features and the reach / engagement targets.

One row per video: the video's own fields, its channel's platform and time
zone, the publish time in UTC and in the channel's local time, the channel's
follower count at publish time (from ``channel_daily``), the views of the
first 7 days (from ``video_daily``) and the latest lifetime totals (from
``video_totals``). Feature and target code (``analytics.features``,
``analytics.models.targets``) works on this frame and never on the store.
"""

from __future__ import annotations

import duckdb
import pandas as pd

# Days of the fixed exposure horizon: views on the publish day and the 6 days after.
HORIZON_DAYS = 7
# A follower count older than this (days before publish) is not "at publish time".
FOLLOWERS_MAX_AGE_DAYS = 31

_VIDEO_ROWS_SQL = """
WITH v AS (
    SELECT v.channel_id, v.video_id, c.platform, c.time_zone, v.title, v.caption, v.tags,
           v.category, v.content_type, v.duration_s,
           -- a date-only publish day (YouTube Studio tables) is the channel's local day:
           -- it stands for local midnight, and publish_time_known says the hour is unknown
           coalesce(timezone('UTC', v.published_at),
                    timezone('UTC', timezone(c.time_zone, CAST(v.published_date AS TIMESTAMP))))
               AS published_utc,
           coalesce(timezone(c.time_zone, v.published_at), CAST(v.published_date AS TIMESTAMP))
               AS published_local,
           coalesce(CAST(timezone(c.time_zone, v.published_at) AS DATE), v.published_date)
               AS publish_date_local,
           v.published_at IS NOT NULL AS publish_time_known
    FROM videos v
    JOIN channels c ON c.channel_id = v.channel_id
    WHERE (v.published_at IS NOT NULL OR v.published_date IS NOT NULL)
      AND (CAST(? AS VARCHAR) IS NULL OR v.channel_id = ?)
),
d AS (
    SELECT d.channel_id, d.video_id,
           min(d.date) AS daily_first,
           max(d.date) AS daily_last,
           sum(d.views) FILTER (WHERE d.date <= v.publish_date_local + (? - 1)) AS views_window,
           sum(d.views) AS daily_views,
           sum(d.likes) AS daily_likes,
           sum(d.comments) AS daily_comments,
           sum(d.shares) AS daily_shares,
           sum(d.saves) AS daily_saves,
           sum(d.completion_rate * d.views) / nullif(sum(d.views)
               FILTER (WHERE d.completion_rate IS NOT NULL), 0) AS daily_completion_rate
    FROM video_daily d
    JOIN v ON v.channel_id = d.channel_id AND v.video_id = d.video_id
    GROUP BY d.channel_id, d.video_id
),
t AS (
    SELECT t.channel_id, t.video_id,
           max(t.as_of) AS totals_as_of,
           arg_max(t.views, t.as_of) AS totals_views,
           arg_max(t.likes, t.as_of) AS totals_likes,
           arg_max(t.comments, t.as_of) AS totals_comments,
           arg_max(t.shares, t.as_of) AS totals_shares,
           arg_max(t.saves, t.as_of) AS totals_saves,
           arg_max(t.completion_rate, t.as_of) AS totals_completion_rate
    FROM video_totals t
    JOIN v ON v.channel_id = t.channel_id AND v.video_id = t.video_id
    -- lifetime totals only: a "last 28 days" table does not cover the whole life
    WHERE t.period_start IS NULL OR t.period_start <= v.publish_date_local
    GROUP BY t.channel_id, t.video_id
),
f AS (
    SELECT v.channel_id, v.video_id,
           CASE WHEN v.publish_date_local - cd.date <= ? THEN cd.followers_total END
               AS followers_at_publish
    FROM v
    ASOF LEFT JOIN (
        SELECT channel_id, date, followers_total FROM channel_daily
        WHERE followers_total IS NOT NULL
    ) cd ON v.channel_id = cd.channel_id AND v.publish_date_local >= cd.date
)
SELECT v.*,
       f.followers_at_publish,
       CASE WHEN d.daily_first <= v.publish_date_local + 1
                 AND d.daily_last >= v.publish_date_local + (? - 1)
            THEN d.views_window END AS views_d7,
       d.daily_first, d.daily_last, d.daily_views, d.daily_likes, d.daily_comments,
       d.daily_shares, d.daily_saves, d.daily_completion_rate,
       t.totals_as_of, t.totals_views, t.totals_likes, t.totals_comments, t.totals_shares,
       t.totals_saves, t.totals_completion_rate
FROM v
LEFT JOIN d ON d.channel_id = v.channel_id AND d.video_id = v.video_id
LEFT JOIN t ON t.channel_id = v.channel_id AND t.video_id = v.video_id
LEFT JOIN f ON f.channel_id = v.channel_id AND f.video_id = v.video_id
ORDER BY v.published_utc, v.channel_id, v.video_id
"""


def video_rows(con: duckdb.DuckDBPyConnection, channel_id: str | None = None) -> pd.DataFrame:
    """Return one row per published video with what features and targets need.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open store connection.
    channel_id : str, optional
        Only this channel's videos; all channels when None.

    Returns
    -------
    pandas.DataFrame
        One row per video with a publish time or date, ordered by publish time.
        Columns: ``channel_id, video_id, platform, time_zone, title, caption,
        tags`` (list of str), ``category, content_type, duration_s`` (seconds),
        ``published_utc`` and ``published_local`` (naive timestamps in UTC and in
        the channel's time zone; local midnight of the publish day where the
        export gives a date only), ``publish_date_local``,
        ``publish_time_known`` (False where the export gives the publish date
        only, e.g. YouTube Studio's ``Video publish time``: no publish hour),
        ``followers_at_publish`` (count, NULL when no follower count within
        31 days before publish), ``views_d7`` (views on the publish day and the
        6 days after; NULL unless daily rows cover that whole window),
        ``daily_first, daily_last, daily_views, daily_likes, daily_comments,
        daily_shares, daily_saves, daily_completion_rate`` (sums over all daily
        rows), ``totals_as_of, totals_views, totals_likes, totals_comments,
        totals_shares, totals_saves, totals_completion_rate`` (the latest
        lifetime totals row).
    """
    params = [channel_id, channel_id, HORIZON_DAYS, FOLLOWERS_MAX_AGE_DAYS, HORIZON_DAYS]
    return con.execute(_VIDEO_ROWS_SQL, params).df()


def latest_followers(con: duckdb.DuckDBPyConnection, channel_id: str) -> float | None:
    """Return the channel's most recent follower count, or None when never exported."""
    rows = con.execute(
        "SELECT arg_max(followers_total, date) FROM channel_daily "
        "WHERE channel_id = ? AND followers_total IS NOT NULL",
        [channel_id],
    ).fetchall()
    value = rows[0][0] if rows else None
    return None if value is None else float(value)


def channel_list(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return ``channel_id, platform, display_name, time_zone, n_videos`` for every channel."""
    return con.execute(
        "SELECT c.channel_id, c.platform, c.display_name, c.time_zone, count(v.video_id) AS n_videos "
        "FROM channels c LEFT JOIN videos v ON v.channel_id = c.channel_id "
        "GROUP BY ALL ORDER BY n_videos DESC, c.channel_id"
    ).df()
