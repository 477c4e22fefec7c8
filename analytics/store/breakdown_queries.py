"""Read queries behind the Audience and Traffic pages: breakdowns, viewers, funnel, daily views.

Every reader takes the store path as a plain string (plus plain values),
opens its own short-lived connection through
:func:`analytics.store.connection.connect` and returns a DataFrame. Values
are always bound parameters. Each frame carries ``file_name`` (the import
the row came from), so a chart can name the export files behind it.
"""

from __future__ import annotations

import os

import pandas as pd

from analytics.store.connection import connect

StorePath = str | os.PathLike[str]

# Metric columns of channel_breakdown that the pages show.
BREAKDOWN_METRICS = (
    "share",
    "views",
    "watch_time_s",
    "avg_view_duration_s",
    "avg_view_pct",
    "impressions",
    "impressions_ctr",
    "likes",
    "comments",
    "shares",
    "followers_total",
    "followers_gained",
    "followers_lost",
    "followers_net",
    "unique_viewers",
    "revenue",
)


def _frame(db_path: StorePath, sql: str, params: list[object]) -> pd.DataFrame:
    with connect(db_path) as con:
        return con.execute(sql, params).df()


def breakdown_dimensions(db_path: StorePath, channel_id: str) -> pd.DataFrame:
    """List the breakdown dimensions the store holds for one channel.

    Returns
    -------
    pandas.DataFrame
        One row per dimension: ``dimension``, ``rows`` (count), ``keys``
        (distinct keys), ``first`` and ``last`` (dates covered).
    """
    return _frame(
        db_path,
        "SELECT dimension, count(*) AS rows, count(DISTINCT key) AS keys, "
        "min(period_start) AS first, max(period_end) AS last "
        "FROM channel_breakdown WHERE channel_id = ? GROUP BY dimension ORDER BY dimension",
        [channel_id],
    )


def breakdown_counts(db_path: StorePath) -> pd.DataFrame:
    """Rows per channel and dimension over the whole store, and days with viewer counts.

    Returns
    -------
    pandas.DataFrame
        ``channel_id``, ``dimension`` (``viewers`` for the days of
        ``channel_daily`` with new, returning or unique viewers), ``rows``.
    """
    return _frame(
        db_path,
        "SELECT channel_id, dimension, count(*) AS rows FROM channel_breakdown "
        "GROUP BY channel_id, dimension "
        "UNION ALL SELECT channel_id, 'viewers' AS dimension, count(*) AS rows FROM channel_daily "
        "WHERE new_viewers IS NOT NULL OR returning_viewers IS NOT NULL "
        "OR unique_viewers IS NOT NULL GROUP BY channel_id",
        [],
    )


def breakdown_rows(db_path: StorePath, channel_id: str, dimension: str) -> pd.DataFrame:
    """Every stored row of one breakdown dimension of one channel.

    Parameters
    ----------
    db_path : str or path
        The store.
    channel_id : str
        The channel.
    dimension : str
        ``geography``, ``traffic_source``, ``viewer_age``, ``hour_of_day`` ...

    Returns
    -------
    pandas.DataFrame
        Columns ``key``, ``period_start``, ``period_end`` (dates), the
        metrics of :data:`BREAKDOWN_METRICS` (counts as nullable integers,
        rates as fractions, seconds; NULL where the export left the cell
        empty, e.g. a privacy-thresholded group), ``currency``,
        ``import_id``, ``file_name`` and ``export_date``. Ordered by period
        then key.
    """
    metrics = ", ".join(f"b.{m}" for m in BREAKDOWN_METRICS)
    return _frame(
        db_path,
        f"SELECT b.key, b.period_start, b.period_end, {metrics}, b.currency, b.import_id, "
        "i.file_name, i.export_date "
        "FROM channel_breakdown b LEFT JOIN imports i ON i.import_id = b.import_id "
        "WHERE b.channel_id = ? AND b.dimension = ? "
        "ORDER BY b.period_start, b.period_end, b.key",
        [channel_id, dimension],
    )


def viewer_daily(db_path: StorePath, channel_id: str) -> pd.DataFrame:
    """Daily viewer counts of one channel (new, returning, unique), where exported.

    Returns
    -------
    pandas.DataFrame
        Columns ``date``, ``new_viewers``, ``returning_viewers``,
        ``unique_viewers`` (nullable integers), ``file_name``; only days with
        at least one of the three.
    """
    return _frame(
        db_path,
        "SELECT d.date, d.new_viewers, d.returning_viewers, d.unique_viewers, i.file_name "
        "FROM channel_daily d LEFT JOIN imports i ON i.import_id = d.import_id "
        "WHERE d.channel_id = ? AND (d.new_viewers IS NOT NULL "
        "OR d.returning_viewers IS NOT NULL OR d.unique_viewers IS NOT NULL) ORDER BY d.date",
        [channel_id],
    )


_FUNNEL_COLUMNS = (
    "impressions",
    "impressions_ctr",
    "views",
    "avg_view_duration_s",
    "avg_view_pct",
    "likes",
    "comments",
    "shares",
    "saves",
    "danmaku",
    "followers_gained",
    "completion_rate",
    "bounce_rate_2s",
    "revenue",
)


def video_funnel_rows(db_path: StorePath, channel_id: str) -> pd.DataFrame:
    """The newest totals row of every video of one channel, with its title.

    Returns
    -------
    pandas.DataFrame
        One row per video: ``video_id``, ``title``, ``published_date``,
        ``duration_s``, ``as_of``, ``period_start``, ``period_end``, the
        funnel metrics (``impressions``, ``impressions_ctr``, ``views``,
        ``avg_view_duration_s``, ``avg_view_pct``, ``likes``, ``comments``,
        ``shares``, ``saves``, ``danmaku``, ``followers_gained``,
        ``completion_rate``, ``bounce_rate_2s``, ``revenue``), ``currency``,
        ``lower_bounds`` (names of the metrics exported as a lower bound,
        ``10万+``), ``file_name``. Newest publish first.
    """
    cols = ", ".join(f"t.{c}" for c in _FUNNEL_COLUMNS)
    return _frame(
        db_path,
        "WITH t AS (SELECT *, row_number() OVER (PARTITION BY channel_id, video_id "
        "ORDER BY as_of DESC, period_end DESC NULLS LAST) AS rn "
        "FROM video_totals WHERE channel_id = ?) "
        "SELECT t.video_id, v.title, "
        "coalesce(v.published_date, CAST(v.published_at AS DATE)) AS published_date, "
        f"v.duration_s, t.as_of, t.period_start, t.period_end, {cols}, t.currency, t.lower_bounds, "
        "i.file_name "
        "FROM t LEFT JOIN videos v ON v.channel_id = t.channel_id AND v.video_id = t.video_id "
        "LEFT JOIN imports i ON i.import_id = t.import_id WHERE t.rn = 1 "
        "ORDER BY published_date DESC NULLS LAST, t.video_id",
        [channel_id],
    )


def video_daily_views(db_path: StorePath, channel_id: str) -> pd.DataFrame:
    """Daily views of every video of one channel with its publish day.

    The publish day is the channel's local day (``published_at`` converted
    with the channel's time zone), or the exported publish date where the
    export gives a date only.

    Returns
    -------
    pandas.DataFrame
        Columns ``video_id``, ``title``, ``published_date``, ``date``,
        ``views`` (nullable integer), ``file_name``; ordered by video and date.
    """
    return _frame(
        db_path,
        "SELECT d.video_id, v.title, "
        "coalesce(v.published_date, CAST(timezone(c.time_zone, v.published_at) AS DATE)) "
        "AS published_date, d.date, d.views, i.file_name "
        "FROM video_daily d JOIN channels c ON c.channel_id = d.channel_id "
        "LEFT JOIN videos v ON v.channel_id = d.channel_id AND v.video_id = d.video_id "
        "LEFT JOIN imports i ON i.import_id = d.import_id "
        "WHERE d.channel_id = ? AND d.views IS NOT NULL ORDER BY d.video_id, d.date",
        [channel_id],
    )


__all__ = [
    "BREAKDOWN_METRICS",
    "breakdown_dimensions",
    "breakdown_rows",
    "video_daily_views",
    "video_funnel_rows",
    "viewer_daily",
]
