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
import os
from typing import Any

import pandas as pd

from analytics.records import KpiComparison, KpiTotals
from analytics.store.connection import connect
from analytics.store.schema import data_version as _schema_data_version
from analytics.store.schema import scalar

StorePath = str | os.PathLike[str]

# Outlier thresholds against the channel median of lifetime views.
OUTLIER_HIGH = 3.0
OUTLIER_LOW = 1.0 / 3.0

_INTERACTIONS = (
    "coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0)"
)
_HAS_INTERACTION = (
    "(likes IS NOT NULL OR comments IS NOT NULL OR shares IS NOT NULL OR saves IS NOT NULL)"
)

# Shared filter: the bound parameters $channel, $start, $end (any may be NULL).
_CHANNEL_FILTER = "($channel IS NULL OR channel_id = $channel)"
_DATE_FILTER = "($start IS NULL OR date >= $start) AND ($end IS NULL OR date <= $end)"

# Daily views per channel: channel_daily where the channel has it, else video_daily.
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
    SELECT channel_id, date, sum(views) AS views
    FROM video_daily
    WHERE views IS NOT NULL AND {_CHANNEL_FILTER} AND {_DATE_FILTER}
      AND channel_id NOT IN (SELECT channel_id FROM cd_channels)
    GROUP BY channel_id, date
)"""

# Lifetime metrics per video: the latest video_totals row, else the video_daily sums.
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
    SELECT channel_id, video_id, sum(views) AS views, sum(likes) AS likes,
           sum(comments) AS comments, sum(shares) AS shares, sum(saves) AS saves,
           max(date) AS last_date
    FROM video_daily
    WHERE {_CHANNEL_FILTER}
    GROUP BY channel_id, video_id
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

# Local publish date of a video in its channel's time zone.
_LOCAL_PUBLISH_DATE = "timezone(coalesce(c.time_zone, 'UTC'), v.published_at)::DATE"


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
        One row per channel, ordered by display name then id; columns
        ``channel_id``, ``platform``, ``display_name``, ``time_zone`` (IANA).
    """
    return _frame(
        db_path,
        "SELECT channel_id, platform, display_name, time_zone FROM channels "
        "ORDER BY lower(coalesce(display_name, channel_id)), channel_id",
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
            SELECT date FROM video_daily WHERE {_CHANNEL_FILTER}
            UNION ALL
            SELECT {_LOCAL_PUBLISH_DATE} AS date
            FROM videos v LEFT JOIN channels c ON c.channel_id = v.channel_id
            WHERE ($channel IS NULL OR v.channel_id = $channel) AND v.published_at IS NOT NULL
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
    SELECT channel_id, date,
           sum(coalesce(followers_net, followers_gained - followers_lost, followers_gained))
               AS followers_net,
           NULL::BIGINT AS followers_total
    FROM video_daily
    WHERE {_CHANNEL_FILTER} AND {_DATE_FILTER}
      AND channel_id NOT IN (SELECT channel_id FROM cd_follow_channels)
    GROUP BY channel_id, date
    HAVING count(followers_net) + count(followers_gained) > 0
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
    rows = con.execute(
        f"""
        WITH {_LIFETIME_CTE},
        vd AS (
            SELECT channel_id, sum(views) AS views, sum({_INTERACTIONS}) AS interactions
            FROM video_daily
            WHERE views IS NOT NULL AND {_HAS_INTERACTION} AND {_CHANNEL_FILTER} AND {_DATE_FILTER}
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
        start, end, _int_or_none(views), _int_or_none(followers), rate, int(published or 0), basis
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
        ``views_in_period`` (count, NaN without daily rows), ``lifetime_views``
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
               v.published_at, p.views AS views_in_period, l.views AS lifetime_views
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
        ``video_id``, ``title``, ``published_at``, ``duration_s`` (seconds),
        ``content_type``, ``tags`` (list of str), ``url``, ``views``,
        ``likes``, ``comments``, ``shares``, ``saves`` (counts, NaN when
        unknown), ``engagement_rate`` (fraction), ``views_source``
        (``'totals'`` or ``'daily'``), ``as_of`` (date of the figures).
    """
    text = title_contains.strip().lower() if title_contains and title_contains.strip() else None
    sql = f"""
        WITH {_LIFETIME_CTE}
        SELECT v.channel_id, v.video_id, v.title, v.published_at, v.duration_s,
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
        columns ``channel_id``, ``video_id``, ``title``, ``published_at``,
        ``views``, ``channel_median`` (median lifetime views of the
        channel's videos), ``ratio`` (views / channel median, NaN when the
        median is 0), ``flag`` (``'above'``, ``'below'`` or None).
    """
    sql = f"""
        WITH {_LIFETIME_CTE},
        vids AS (
            SELECT v.channel_id, v.video_id, v.title, v.published_at, l.views,
                   median(l.views) OVER (PARTITION BY v.channel_id) AS channel_median
            FROM videos v
            JOIN lifetime l ON l.channel_id = v.channel_id AND l.video_id = v.video_id
            WHERE l.views IS NOT NULL AND ($channel IS NULL OR v.channel_id = $channel)
        )
        SELECT *, CASE WHEN channel_median > 0 THEN views / channel_median END AS ratio,
               CASE WHEN channel_median > 0 AND views > $high * channel_median THEN 'above'
                    WHEN channel_median > 0 AND views < $low * channel_median THEN 'below'
               END AS flag
        FROM vids
        ORDER BY ratio DESC NULLS LAST, channel_id, video_id"""
    return _frame(db_path, sql, {"channel": channel_id, "high": float(high), "low": float(low)})


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
