"""Named read queries about videos: the video table, top videos, one video's daily curve, outliers.

Lifetime views come from the latest ``video_totals`` row of a video, else the
sum of its ``video_daily`` rows; publish dates and times are shown in the
channel's time zone. Re-exported by :mod:`analytics.store.queries`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics.store.query_parts import (
    _CHANNEL_FILTER,
    _DATE_FILTER,
    _LIFETIME_CTE,
    _LOCAL_PUBLISH_DATE,
    _LOCAL_PUBLISH_TEXT,
    StorePath,
    _frame,
    _params,
)

# Outlier thresholds against the channel median of lifetime views.
OUTLIER_HIGH = 3.0

OUTLIER_LOW = 1.0 / 3.0
# A channel's median says what is typical only over this many videos (a trending
# list's channel with 1-3 videos is not judged).
OUTLIER_MIN_VIDEOS = 5


def top_videos(
    db_path: StorePath,
    channel_id: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int = 10,
) -> pd.DataFrame:
    """Return the videos with the most views in a period.

    Videos with daily rows in the period rank by their views in the period;
    videos published in the period without daily rows follow, by lifetime
    views.

    Returns
    -------
    pandas.DataFrame
        At most ``limit`` rows; columns ``channel_id``, ``channel_name``,
        ``video_id``, ``title``, ``published_at`` (timestamp with time zone),
        ``published_local`` (text: the channel's local time, or the date alone
        when the export gives no time), ``time_zone`` (IANA), ``views_in_period`` (count, NaN without daily rows), ``lifetime_views``
        (count, may be NaN).
    """
    sql = f"""
        WITH {_LIFETIME_CTE},
        period AS (
            SELECT channel_id, video_id, sum(views) AS views
            FROM video_daily
            WHERE views IS NOT NULL AND {_CHANNEL_FILTER} AND {_DATE_FILTER}
            GROUP BY channel_id, video_id
        ),
        keys AS (
            SELECT channel_id, video_id FROM videos WHERE {_CHANNEL_FILTER}
            UNION SELECT channel_id, video_id FROM period
        )
        SELECT k.channel_id, coalesce(c.display_name, k.channel_id) AS channel_name, k.video_id, v.title,
               v.published_at, {_LOCAL_PUBLISH_TEXT} AS published_local,
               coalesce(c.time_zone, 'UTC') AS time_zone,
               p.views AS views_in_period, l.views AS lifetime_views
        FROM keys k
        LEFT JOIN videos v ON v.channel_id = k.channel_id AND v.video_id = k.video_id
        LEFT JOIN channels c ON c.channel_id = k.channel_id
        LEFT JOIN period p ON p.channel_id = k.channel_id AND p.video_id = k.video_id
        LEFT JOIN lifetime l ON l.channel_id = k.channel_id AND l.video_id = k.video_id
        WHERE p.views IS NOT NULL
           OR (($start IS NULL OR {_LOCAL_PUBLISH_DATE} >= $start)
               AND ($end IS NULL OR {_LOCAL_PUBLISH_DATE} <= $end)
               AND l.views IS NOT NULL)
        ORDER BY p.views DESC NULLS LAST, l.views DESC NULLS LAST, k.channel_id, k.video_id
        LIMIT $limit"""
    return _frame(db_path, sql, _params(channel_id, start, end, limit=int(limit)))


def video_table(
    db_path: StorePath,
    channel_id: str | None = None,
    *,
    published_from: dt.date | None = None,
    published_to: dt.date | None = None,
    title_contains: str | None = None,
    content_type: str | None = None,
) -> pd.DataFrame:
    """Return one row per video with its lifetime metrics, filtered.

    Parameters
    ----------
    db_path : str or path
        The DuckDB store file.
    channel_id : str or None
        One channel, or None for all channels.
    published_from, published_to : datetime.date, optional
        Inclusive bounds on the publish date (channel time zone).
    title_contains : str, optional
        Case-insensitive text the title or caption must contain.
    content_type : str, optional
        Exact content type (``video``, ``short``, ``image``, ``live``...).

    Returns
    -------
    pandas.DataFrame
        Ordered by lifetime views, largest first; columns ``channel_id``,
        ``channel_name``, ``video_id``, ``title``, ``published_at``,
        ``published_local`` (channel's local time as text, or the date alone),
        ``time_zone`` (IANA), ``duration_s`` (seconds),
        ``content_type``, ``tags`` (list of str), ``url``, ``views``,
        ``likes``, ``comments``, ``shares``, ``saves`` (counts, NaN when
        unknown), ``engagement_rate`` (fraction), ``views_source``
        (``'totals'`` or ``'daily'``), ``as_of`` (date of the figures).
    """
    text = title_contains.strip().lower() if title_contains and title_contains.strip() else None
    sql = f"""
        WITH {_LIFETIME_CTE}
        SELECT v.channel_id, coalesce(c.display_name, v.channel_id) AS channel_name,
               v.video_id, v.title, v.published_at,
               {_LOCAL_PUBLISH_TEXT} AS published_local, coalesce(c.time_zone, 'UTC') AS time_zone,
               v.duration_s,
               v.content_type, v.tags, v.url,
               l.views, l.likes, l.comments, l.shares, l.saves,
               CASE WHEN l.views > 0 AND (l.likes IS NOT NULL OR l.comments IS NOT NULL
                                          OR l.shares IS NOT NULL OR l.saves IS NOT NULL)
                    THEN (coalesce(l.likes, 0) + coalesce(l.comments, 0) + coalesce(l.shares, 0)
                          + coalesce(l.saves, 0)) / l.views END AS engagement_rate,
               l.views_source, l.as_of
        FROM videos v
        LEFT JOIN channels c ON c.channel_id = v.channel_id
        LEFT JOIN lifetime l ON l.channel_id = v.channel_id AND l.video_id = v.video_id
        WHERE ($channel IS NULL OR v.channel_id = $channel)
          AND ($pub_from IS NULL OR {_LOCAL_PUBLISH_DATE} >= $pub_from)
          AND ($pub_to IS NULL OR {_LOCAL_PUBLISH_DATE} <= $pub_to)
          AND ($text IS NULL OR contains(lower(coalesce(v.title, '') || ' ' || coalesce(v.caption, '')), $text))
          AND ($ctype IS NULL OR v.content_type = $ctype)
        ORDER BY l.views DESC NULLS LAST, v.published_at DESC NULLS LAST, v.channel_id, v.video_id"""
    return _frame(
        db_path,
        sql,
        {
            "channel": channel_id,
            "pub_from": published_from,
            "pub_to": published_to,
            "text": text,
            "ctype": content_type,
        },
    )


def video_daily_curve(db_path: StorePath, channel_id: str, video_id: str) -> pd.DataFrame:
    """Return one video's daily metrics with cumulative views.

    Returns
    -------
    pandas.DataFrame
        One row per day, ordered by date; columns ``date`` (datetime64),
        ``day`` (days since the local publish date, NaN when unknown),
        ``views``, ``likes``, ``comments``, ``shares``, ``saves``,
        ``followers_gained`` (counts), ``watch_time_s`` (seconds),
        ``cumulative_views``.
    """
    sql = f"""
        SELECT d.date,
               (d.date - {_LOCAL_PUBLISH_DATE}) AS day,
               d.views, d.likes, d.comments, d.shares, d.saves, d.followers_gained,
               d.watch_time_s,
               sum(d.views) OVER (ORDER BY d.date) AS cumulative_views
        FROM video_daily d
        LEFT JOIN videos v ON v.channel_id = d.channel_id AND v.video_id = d.video_id
        LEFT JOIN channels c ON c.channel_id = d.channel_id
        WHERE d.channel_id = $channel AND d.video_id = $video
        ORDER BY d.date"""
    df = _frame(db_path, sql, {"channel": channel_id, "video": video_id})
    df["date"] = pd.to_datetime(df["date"])
    return df


def video_outliers(
    db_path: StorePath,
    channel_id: str | None = None,
    *,
    high: float = OUTLIER_HIGH,
    low: float = OUTLIER_LOW,
) -> pd.DataFrame:
    """Compare each video's lifetime views with its channel's median.

    Parameters
    ----------
    db_path : str or path
        The DuckDB store file.
    channel_id : str or None
        One channel, or None for all channels (each against its own median).
    high, low : float
        Ratio thresholds: a video above ``high`` times the median is flagged
        ``'above'``, below ``low`` times it ``'below'`` (defaults 3 and 1/3).

    Returns
    -------
    pandas.DataFrame
        One row per video with known views, ordered by ratio, largest first;
        columns ``channel_id``, ``channel_name``, ``video_id``, ``title``,
        ``published_at``, ``published_local``, ``time_zone``,
        ``views``, ``channel_median`` (median lifetime views of the
        channel's videos), ``ratio`` (views / channel median, NaN when the
        median is 0), ``flag`` (``'above'``, ``'below'`` or None; None for
        every video of a channel with fewer than :data:`OUTLIER_MIN_VIDEOS`
        videos with views, whose median says little).
    """
    sql = f"""
        WITH {_LIFETIME_CTE},
        vids AS (
            SELECT v.channel_id, coalesce(c.display_name, v.channel_id) AS channel_name,
                   v.video_id, v.title, v.published_at,
                   {_LOCAL_PUBLISH_TEXT} AS published_local,
                   coalesce(c.time_zone, 'UTC') AS time_zone, l.views,
                   median(l.views) OVER (PARTITION BY v.channel_id) AS channel_median,
                   count(*) OVER (PARTITION BY v.channel_id) AS channel_videos
            FROM videos v
            LEFT JOIN channels c ON c.channel_id = v.channel_id
            JOIN lifetime l ON l.channel_id = v.channel_id AND l.video_id = v.video_id
            WHERE l.views IS NOT NULL AND ($channel IS NULL OR v.channel_id = $channel)
        )
        SELECT * EXCLUDE (channel_videos),
               CASE WHEN channel_median > 0 THEN views / channel_median END AS ratio,
               CASE WHEN channel_videos < $min_videos OR NOT channel_median > 0 THEN NULL
                    WHEN views > $high * channel_median THEN 'above'
                    WHEN views < $low * channel_median THEN 'below'
               END AS flag
        FROM vids
        ORDER BY ratio DESC NULLS LAST, channel_id, video_id"""
    params = {
        "channel": channel_id,
        "high": float(high),
        "low": float(low),
        "min_videos": OUTLIER_MIN_VIDEOS,
    }
    return _frame(db_path, sql, params)
