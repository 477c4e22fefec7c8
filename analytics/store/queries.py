"""Named read queries behind the Overview, Import and Videos pages.

Every function takes the store path as a plain string (plus plain values:
channel id, dates, limits), opens its own short-lived connection through
:func:`analytics.store.connection.connect` and returns plain results
(DataFrames, dataclasses, numbers). They are safe to call from many threads at
once (case C18) and to cache by their parameters and the store's data
version; no connection is ever passed in or kept.

Conventions
-----------
* ``channel_id=None`` means all channels; values are summed over channels.
* Date ranges are inclusive calendar dates; ``None`` leaves that end open.
* Counts are integers, rates are fractions in [0, 1], missing is NULL / NaN /
  None (never 0).
* Daily channel views come from ``channel_daily`` for a channel that has any
  ``channel_daily`` views, else from the sum of its ``video_daily`` views.
* A video's lifetime views are its latest ``video_totals`` row (largest
  ``as_of``), else the sum of its ``video_daily`` rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from analytics.records import KpiComparison, KpiTotals
from analytics.store.connection import connect
from analytics.store.query_parts import (
    _CHANNEL_FILTER,
    _CHANNEL_VIEWS_CTE,
    _DATE_FILTER,
    _FROM_LIST_SQL,
    _HAS_INTERACTION,
    _INTERACTIONS,
    _LIFETIME_CTE,
    _LOCAL_PUBLISH_DATE,
    _frame,
    _int_or_none,
    _params,
)
from analytics.store.query_parts import StorePath as StorePath
from analytics.store.schema import data_version as _schema_data_version
from analytics.store.schema import scalar
from analytics.store.video_queries import OUTLIER_HIGH as OUTLIER_HIGH  # re-exported
from analytics.store.video_queries import OUTLIER_LOW as OUTLIER_LOW
from analytics.store.video_queries import OUTLIER_MIN_VIDEOS as OUTLIER_MIN_VIDEOS
from analytics.store.video_queries import top_videos as top_videos
from analytics.store.video_queries import video_daily_curve as video_daily_curve
from analytics.store.video_queries import video_outliers as video_outliers
from analytics.store.video_queries import video_table as video_table


def data_version(db_path: StorePath) -> int:
    """Return the store's data version (a counter that every import increases).

    Parameters
    ----------
    db_path : str or path
        The DuckDB store file.

    Returns
    -------
    int
        0 for a store that has never received an import.

    Raises
    ------
    StoreError, StoreBusyError
        The store cannot be opened.
    """
    with connect(db_path) as con:
        return _schema_data_version(con)


def table_counts(db_path: StorePath) -> dict[str, int]:
    """Return the number of rows of each canonical data table.

    Returns
    -------
    dict of str to int
        Keys ``channels``, ``videos``, ``video_daily``, ``video_totals``,
        ``channel_daily``, ``channel_breakdown``, ``fan_interactions``,
        ``imports``.
    """
    tables = (
        "channels",
        "videos",
        "video_daily",
        "video_totals",
        "channel_daily",
        "channel_breakdown",
        "fan_interactions",
        "imports",
    )
    with connect(db_path) as con:
        # Identifiers come from the fixed tuple above, quoted all the same.
        return {t: int(scalar(con, f'SELECT count(*) FROM "{t}"')) for t in tables}


def list_channels(db_path: StorePath) -> pd.DataFrame:
    """Return the channels in the store.

    Returns
    -------
    pandas.DataFrame
        One row per channel: the creator's own channels first, then the
        channels known only from lists of many channels (trending lists),
        each part ordered by display name then id; columns ``channel_id``,
        ``platform``, ``display_name``, ``time_zone`` (IANA) and ``from_list``
        (bool; see :data:`analytics.store.query_parts.LIST_CHANNELS_MIN`).
    """
    return _frame(
        db_path,
        f"""
        WITH listed AS ({_FROM_LIST_SQL})
        SELECT channel_id, platform, display_name, time_zone,
               channel_id IN (SELECT channel_id FROM listed) AS from_list
        FROM channels
        ORDER BY from_list, lower(coalesce(display_name, channel_id)), channel_id""",
    )


def date_bounds(
    db_path: StorePath, channel_id: str | None = None
) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and last day with data: daily rows or video publish dates.

    A channel whose exports only carry per-video lifetime totals (common for
    Douyin, Xiaohongshu) still gets a date range from its publish dates (in
    the channel's time zone).

    Returns
    -------
    tuple of (datetime.date or None, datetime.date or None)
        ``(None, None)`` when there is no daily row and no dated video.
    """
    sql = f"""
        SELECT min(date), max(date) FROM (
            SELECT date FROM channel_daily WHERE {_CHANNEL_FILTER}
            UNION ALL
            SELECT date FROM summary_channel_day WHERE {_CHANNEL_FILTER}
            UNION ALL
            SELECT {_LOCAL_PUBLISH_DATE} AS date
            FROM videos v LEFT JOIN channels c ON c.channel_id = v.channel_id
            WHERE ($channel IS NULL OR v.channel_id = $channel)
              AND (v.published_at IS NOT NULL OR v.published_date IS NOT NULL)
        )"""
    with connect(db_path) as con:
        rows = con.execute(sql, {"channel": channel_id}).fetchall()
    first, last = rows[0] if rows else (None, None)
    return first, last


def daily_views(
    db_path: StorePath,
    channel_id: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Return daily channel views (summed over channels when ``channel_id`` is None).

    Views come from ``channel_daily`` for a channel that has any channel
    views, else from the sum of that channel's ``video_daily`` views.

    Returns
    -------
    pandas.DataFrame
        One row per day with data, ordered by date; columns ``date``
        (datetime64), ``views`` (int64 count). Days without data are absent.
    """
    sql = f"""
        WITH {_CHANNEL_VIEWS_CTE}
        SELECT date, sum(views)::BIGINT AS views FROM channel_views
        GROUP BY date ORDER BY date"""
    df = _frame(db_path, sql, _params(channel_id, start, end))
    df["date"] = pd.to_datetime(df["date"])
    return df


_FOLLOWERS_CTE = f"""
cd_follow_channels AS (
    SELECT DISTINCT channel_id FROM channel_daily
    WHERE followers_net IS NOT NULL OR followers_gained IS NOT NULL OR followers_total IS NOT NULL
),
cd_follow AS (
    SELECT channel_id, date,
           coalesce(followers_net, followers_gained - followers_lost, followers_gained,
                    CASE WHEN lag(date) OVER w = date - INTERVAL 1 DAY
                         THEN followers_total - lag(followers_total) OVER w END) AS followers_net,
           followers_total
    FROM channel_daily
    WHERE {_CHANNEL_FILTER}
    WINDOW w AS (PARTITION BY channel_id ORDER BY date)
),
vd_follow AS (
    SELECT channel_id, date, followers_net, NULL::BIGINT AS followers_total
    FROM summary_channel_day
    WHERE {_CHANNEL_FILTER} AND {_DATE_FILTER}
      AND channel_id NOT IN (SELECT channel_id FROM cd_follow_channels)
      AND followers_rows > 0
),
follow AS (
    SELECT * FROM cd_follow
    WHERE {_DATE_FILTER} AND (followers_net IS NOT NULL OR followers_total IS NOT NULL)
    UNION ALL
    SELECT * FROM vd_follow
)"""


def followers_series(
    db_path: StorePath,
    channel_id: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Return daily followers: net change and total.

    The net change is ``followers_net``, else ``followers_gained -
    followers_lost``, else ``followers_gained``, else the day-to-day change of
    ``followers_total``; a channel without channel rows uses the sum of its
    videos' followers gained.

    Returns
    -------
    pandas.DataFrame
        One row per day with data; columns ``date`` (datetime64),
        ``followers_net`` (count, may be NaN), ``followers_total`` (count,
        NaN unless every channel of that day reports a total).
    """
    sql = f"""
        WITH {_FOLLOWERS_CTE}
        SELECT date, sum(followers_net)::BIGINT AS followers_net,
               CASE WHEN count(followers_total) = count(*) THEN sum(followers_total) END::BIGINT
                   AS followers_total
        FROM follow GROUP BY date ORDER BY date"""
    df = _frame(db_path, sql, _params(channel_id, start, end))
    df["date"] = pd.to_datetime(df["date"])
    return df


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """Return the period of equal length that ends the day before ``start``.

    >>> previous_period(dt.date(2025, 1, 8), dt.date(2025, 1, 14))
    (datetime.date(2025, 1, 1), datetime.date(2025, 1, 7))
    """
    days = (end - start).days
    prev_end = start - dt.timedelta(days=1)
    return prev_end - dt.timedelta(days=days), prev_end


def _kpi_totals(con: Any, channel_id: str | None, start: dt.date, end: dt.date) -> KpiTotals:
    p = _params(channel_id, start, end)
    views = scalar(con, f"WITH {_CHANNEL_VIEWS_CTE} SELECT sum(views) FROM channel_views", p)
    followers = scalar(con, f"WITH {_FOLLOWERS_CTE} SELECT sum(followers_net) FROM follow", p)
    views_days = con.execute(
        f"WITH {_CHANNEL_VIEWS_CTE} SELECT channel_id, count(DISTINCT date) FROM channel_views "
        "GROUP BY channel_id ORDER BY channel_id",
        p,
    ).fetchall()
    followers_days = con.execute(
        f"WITH {_FOLLOWERS_CTE} SELECT channel_id, count(DISTINCT date) FROM follow "
        "WHERE followers_net IS NOT NULL GROUP BY channel_id ORDER BY channel_id",
        p,
    ).fetchall()
    rows = con.execute(
        f"""
        WITH {_LIFETIME_CTE},
        vd AS (
            SELECT channel_id, sum(er_views) AS views, sum(er_interactions) AS interactions
            FROM summary_channel_day
            WHERE er_rows > 0 AND {_CHANNEL_FILTER} AND {_DATE_FILTER}
            GROUP BY channel_id
        ),
        cd AS (
            SELECT channel_id, sum(views) AS views, sum({_INTERACTIONS}) AS interactions
            FROM channel_daily
            WHERE views IS NOT NULL AND {_HAS_INTERACTION} AND {_CHANNEL_FILTER} AND {_DATE_FILTER}
              AND channel_id NOT IN (SELECT channel_id FROM vd)
            GROUP BY channel_id
        ),
        vt AS (
            SELECT l.channel_id, sum(l.views) AS views,
                   sum(coalesce(l.likes, 0) + coalesce(l.comments, 0) + coalesce(l.shares, 0)
                       + coalesce(l.saves, 0)) AS interactions
            FROM lifetime l
            JOIN videos v ON v.channel_id = l.channel_id AND v.video_id = l.video_id
            LEFT JOIN channels c ON c.channel_id = l.channel_id
            WHERE l.views IS NOT NULL
              AND (l.likes IS NOT NULL OR l.comments IS NOT NULL OR l.shares IS NOT NULL
                   OR l.saves IS NOT NULL)
              AND {_LOCAL_PUBLISH_DATE} BETWEEN $start AND $end
              AND l.channel_id NOT IN (SELECT channel_id FROM vd UNION SELECT channel_id FROM cd)
            GROUP BY l.channel_id
        ),
        parts AS (
            SELECT 'daily' AS basis, * FROM vd
            UNION ALL SELECT 'daily', * FROM cd
            UNION ALL SELECT 'published videos', * FROM vt
        )
        SELECT sum(interactions), sum(views), min(basis), max(basis) FROM parts WHERE views > 0
        """,
        p,
    ).fetchall()
    interactions, er_views, basis_lo, basis_hi = rows[0]
    rate = float(interactions) / float(er_views) if er_views else None
    basis = None if rate is None else (basis_lo if basis_lo == basis_hi else "mixed")
    published = scalar(
        con,
        f"""SELECT count(*) FROM videos v LEFT JOIN channels c USING (channel_id)
            WHERE ($channel IS NULL OR v.channel_id = $channel)
              AND {_LOCAL_PUBLISH_DATE} BETWEEN $start AND $end""",
        p,
    )
    return KpiTotals(
        start,
        end,
        _int_or_none(views),
        _int_or_none(followers),
        rate,
        int(published or 0),
        basis,
        tuple((str(c), int(n)) for c, n in views_days),
        tuple((str(c), int(n)) for c, n in followers_days),
    )


def kpi_comparison(
    db_path: StorePath, channel_id: str | None, start: dt.date, end: dt.date
) -> KpiComparison:
    """Return the KPI totals of ``[start, end]`` and of the previous period of equal length.

    Parameters
    ----------
    db_path : str or path
        The DuckDB store file.
    channel_id : str or None
        One channel, or None for all channels.
    start, end : datetime.date
        The period, inclusive.

    Returns
    -------
    KpiComparison
        ``current`` and ``previous`` :class:`KpiTotals`: views, net followers,
        engagement rate ``(likes + comments + shares + saves) / views``
        (fraction) and videos published.
    """
    prev_start, prev_end = previous_period(start, end)
    with connect(db_path) as con:
        return KpiComparison(
            current=_kpi_totals(con, channel_id, start, end),
            previous=_kpi_totals(con, channel_id, prev_start, prev_end),
        )


def list_imports(db_path: StorePath, limit: int = 200) -> pd.DataFrame:
    """Return past imports, newest first.

    Returns
    -------
    pandas.DataFrame
        Columns ``import_id``, ``imported_at``, ``file_name``, ``format``,
        ``channel_id``, ``status`` (``loaded``, ``duplicate``, ``failed``...),
        ``rows_read``, ``rows_loaded``, ``rows_rejected`` (counts),
        ``period_start``, ``period_end`` (dates covered), ``error``.
    """
    return _frame(
        db_path,
        """SELECT import_id, imported_at, file_name, format, channel_id, status,
                  rows_read, rows_loaded, rows_rejected, period_start, period_end, error
           FROM imports ORDER BY imported_at DESC, import_id DESC LIMIT ?""",
        [int(limit)],
    )


def import_rejects(db_path: StorePath, import_id: int) -> pd.DataFrame:
    """Return the rejected values of one import.

    Returns
    -------
    pandas.DataFrame
        Ordered by line; columns ``line`` (1-based physical line of the
        file), ``column``, ``value`` (raw text), ``reason``.
    """
    return _frame(
        db_path,
        """SELECT line, column_name AS "column", raw_value AS "value", reason
           FROM import_rejects WHERE import_id = ? ORDER BY line NULLS LAST""",
        [int(import_id)],
    )
