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
        ``unique_viewers``, ``casual_viewers``, ``regular_viewers`` (nullable
        integers; Studio splits returning viewers into casual and regular),
        ``file_name``; only days with at least one of them.
    """
    return _frame(
        db_path,
        "SELECT d.date, d.new_viewers, d.returning_viewers, d.unique_viewers, "
        "d.casual_viewers, d.regular_viewers, i.file_name "
        "FROM channel_daily d LEFT JOIN imports i ON i.import_id = d.import_id "
        "WHERE d.channel_id = ? AND (d.new_viewers IS NOT NULL "
        "OR d.returning_viewers IS NOT NULL OR d.unique_viewers IS NOT NULL "
        "OR d.casual_viewers IS NOT NULL OR d.regular_viewers IS NOT NULL) ORDER BY d.date",
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
    "bounce_rate_3s",
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
        ``completion_rate``, ``bounce_rate_2s``, ``bounce_rate_3s``, ``revenue``),
        ``currency``,
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


def video_total_snapshots(db_path: StorePath, channel_id: str) -> pd.DataFrame:
    """Every stored totals row of every video of one channel (one per export day).

    Returns
    -------
    pandas.DataFrame
        ``video_id``, ``title``, ``published_date`` (the channel's local
        publish day), ``as_of``, ``period_start``, ``period_end``, ``views``,
        ``file_name``; only rows with views. Ordered by video and ``as_of``.
    """
    return _frame(
        db_path,
        "SELECT t.video_id, v.title, "
        "coalesce(v.published_date, CAST(timezone(c.time_zone, v.published_at) AS DATE)) "
        "AS published_date, t.as_of, t.period_start, t.period_end, t.views, i.file_name "
        "FROM video_totals t JOIN channels c ON c.channel_id = t.channel_id "
        "LEFT JOIN videos v ON v.channel_id = t.channel_id AND v.video_id = t.video_id "
        "LEFT JOIN imports i ON i.import_id = t.import_id "
        "WHERE t.channel_id = ? AND t.views IS NOT NULL ORDER BY t.video_id, t.as_of",
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


def channel_revenue_daily(db_path: StorePath, channel_id: str) -> pd.DataFrame:
    """The channel's daily revenue with its currency and the day's views, where exported.

    Returns
    -------
    pandas.DataFrame
        ``date``, ``revenue`` (float, in ``currency``), ``currency``,
        ``views`` (nullable integer; the channel's views that day, NULL
        where no export gave them), ``file_name`` (the export the revenue
        came from, per the rows each import brought). Ordered by date.
    """
    return _frame(
        db_path,
        "WITH src AS (SELECT r.date, any_value(i.file_name ORDER BY r.import_id DESC) AS file_name "
        "FROM import_rows_channel_daily r JOIN imports i ON i.import_id = r.import_id "
        "WHERE r.channel_id = ? AND r.revenue IS NOT NULL GROUP BY r.date) "
        "SELECT d.date, d.revenue, d.currency, d.views, src.file_name "
        "FROM channel_daily d LEFT JOIN src ON src.date = d.date "
        "WHERE d.channel_id = ? AND d.revenue IS NOT NULL ORDER BY d.date",
        [channel_id, channel_id],
    )


# Columns whose contributing exports :func:`files_with` may name, per table.
_FILE_COLUMNS = {
    "channel_daily": (
        "new_viewers",
        "returning_viewers",
        "unique_viewers",
        "casual_viewers",
        "regular_viewers",
        "revenue",
    ),
}


def files_with(
    db_path: StorePath, channel_id: str, table: str, columns: tuple[str, ...]
) -> pd.DataFrame:
    """The export files that brought a value of any of ``columns`` to ``table`` for a channel.

    Reads the rows each import brought (``import_rows_<table>``), so a
    series assembled from several exports (new viewers from one
    ``Totals.csv``, casual viewers from another) names all of them.

    Raises
    ------
    ValueError
        A table or column outside the fixed list of :data:`_FILE_COLUMNS`.
    """
    allowed = _FILE_COLUMNS.get(table, ())
    if not columns or any(c not in allowed for c in columns):
        raise ValueError(f"no file lookup for {table}.{columns}")
    held = " OR ".join(f"r.{c} IS NOT NULL" for c in columns)
    return _frame(
        db_path,
        f"SELECT DISTINCT i.file_name FROM import_rows_{table} r "
        "JOIN imports i ON i.import_id = r.import_id "
        f"WHERE r.channel_id = ? AND ({held}) ORDER BY 1",
        [channel_id],
    )


def breakdown_rows_of(
    db_path: StorePath, channel_id: str, dimensions: list[str]
) -> dict[str, pd.DataFrame]:
    """:func:`breakdown_rows` of several dimensions, read in one query on one connection.

    Returns
    -------
    dict
        Each asked dimension -> its rows (columns and order of
        :func:`breakdown_rows`; empty when the store holds none).
    """
    metrics = ", ".join(f"b.{m}" for m in BREAKDOWN_METRICS)
    rows = _frame(
        db_path,
        f"SELECT b.dimension, b.key, b.period_start, b.period_end, {metrics}, b.currency, "
        "b.import_id, i.file_name, i.export_date "
        "FROM channel_breakdown b LEFT JOIN imports i ON i.import_id = b.import_id "
        "WHERE b.channel_id = ? AND list_contains(?, b.dimension) "
        "ORDER BY b.dimension, b.period_start, b.period_end, b.key",
        [channel_id, list(dimensions)],
    )
    by_dim = rows.groupby("dimension", sort=False)
    empty = rows.drop(columns="dimension").iloc[:0]
    return {
        dim: (
            by_dim.get_group(dim).drop(columns="dimension").reset_index(drop=True)
            if dim in by_dim.groups
            else empty.copy()
        )
        for dim in dimensions
    }


def video_titles(db_path: StorePath, video_ids: list[str]) -> pd.DataFrame:
    """Titles of the given video ids, from any channel of the store.

    Suggested-video traffic names other videos by id; they may be the
    channel's own or another channel's held in the same archive.

    Returns
    -------
    pandas.DataFrame
        ``video_id``, ``title``: one row per id the store holds with a title.
    """
    if not video_ids:
        return pd.DataFrame(columns=["video_id", "title"])
    return _frame(
        db_path,
        "SELECT video_id, min(title) AS title FROM videos "
        "WHERE list_contains(?, video_id) AND title IS NOT NULL AND trim(title) <> '' "
        "GROUP BY video_id",
        [list(video_ids)],
    )


__all__ = [
    "BREAKDOWN_METRICS",
    "breakdown_dimensions",
    "channel_revenue_daily",
    "files_with",
    "breakdown_rows",
    "breakdown_rows_of",
    "video_daily_views",
    "video_total_snapshots",
    "video_funnel_rows",
    "video_titles",
    "viewer_daily",
]
