"""Summary tables: ``video_daily`` aggregated per video and per channel and day.

The pages' period and lifetime figures are sums over ``video_daily``, which
holds one row per video and day (7.3 million rows for 10,000 videos over two
years). Two small tables keep those sums ready (migration 3):

* ``summary_video``: one row per video with daily rows: ``daily_rows``,
  the sums of ``views``, ``likes``, ``comments``, ``shares``, ``saves``
  (NULL when no row of the video has the metric), ``first_date`` and
  ``last_date``;
* ``summary_channel_day``: one row per channel and day with video rows:
  ``daily_rows``, ``views`` (sum, NULL when no row has views),
  ``er_rows`` / ``er_views`` / ``er_interactions`` (the rows with views and
  at least one interaction metric, their views and their likes + comments +
  shares + saves: the engagement rate's terms), ``followers_rows`` (rows
  with ``followers_net`` or ``followers_gained``) and ``followers_net``
  (sum of ``followers_net``, else gained - lost, else gained).

Every write that changes ``video_daily`` (import, undo-import, bulk load,
channel merge, restore) calls :func:`refresh_summaries` for the channels it
touched inside its own transaction, so the summaries always equal the
aggregates of the base table. They are derived data: users may read them
but never need to write them.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

SUMMARY_TABLES = ("summary_video", "summary_channel_day")

_HAS_INTERACTION = (
    "(likes IS NOT NULL OR comments IS NOT NULL OR shares IS NOT NULL OR saves IS NOT NULL)"
)
_ER_ROW = f"(views IS NOT NULL AND {_HAS_INTERACTION})"
_INTERACTIONS = (
    "coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0)"
)

CREATE_STATEMENTS = [
    """CREATE TABLE summary_video (
    channel_id VARCHAR NOT NULL,
    video_id VARCHAR NOT NULL,
    daily_rows BIGINT NOT NULL,
    views BIGINT,
    likes BIGINT,
    comments BIGINT,
    shares BIGINT,
    saves BIGINT,
    first_date DATE,
    last_date DATE
)""",
    """CREATE TABLE summary_channel_day (
    channel_id VARCHAR NOT NULL,
    date DATE NOT NULL,
    daily_rows BIGINT NOT NULL,
    views BIGINT,
    er_rows BIGINT NOT NULL,
    er_views BIGINT,
    er_interactions BIGINT,
    followers_rows BIGINT NOT NULL,
    followers_net BIGINT
)""",
]

_VIDEO_SELECT = """
SELECT channel_id, video_id, count(*) AS daily_rows, sum(views) AS views, sum(likes) AS likes,
       sum(comments) AS comments, sum(shares) AS shares, sum(saves) AS saves,
       min(date) AS first_date, max(date) AS last_date
FROM video_daily WHERE {where}
GROUP BY channel_id, video_id"""

_DAY_SELECT = f"""
SELECT channel_id, date, count(*) AS daily_rows, sum(views) AS views,
       count(*) FILTER (WHERE {_ER_ROW}) AS er_rows,
       sum(views) FILTER (WHERE {_ER_ROW}) AS er_views,
       sum({_INTERACTIONS}) FILTER (WHERE {_ER_ROW}) AS er_interactions,
       count(followers_net) + count(followers_gained) AS followers_rows,
       sum(coalesce(followers_net, followers_gained - followers_lost, followers_gained))
           AS followers_net
FROM video_daily WHERE {{where}}
GROUP BY channel_id, date"""

#: Migration 3's statements: create the tables and fill them from today's rows.
MIGRATION_STATEMENTS = [
    *CREATE_STATEMENTS,
    "INSERT INTO summary_video " + _VIDEO_SELECT.format(where="true"),
    "INSERT INTO summary_channel_day " + _DAY_SELECT.format(where="true"),
]


def refresh_summaries(
    con: duckdb.DuckDBPyConnection, channels: Iterable[str | None] | None = None
) -> None:
    """Recompute the summary rows of ``channels`` (None: of every channel).

    Runs inside the caller's transaction: call it after the rows of
    ``video_daily`` changed and before the commit.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A connection to the store, in a transaction.
    channels : iterable of str, optional
        The channels whose ``video_daily`` rows may have changed; None
        recomputes everything.
    """
    if channels is None:
        where, params = "true", []
    else:
        ids = sorted({c for c in channels if c is not None})
        if not ids:
            return
        where, params = "list_contains(?, channel_id)", [ids]
    for table, select in (("summary_video", _VIDEO_SELECT), ("summary_channel_day", _DAY_SELECT)):
        con.execute(f"DELETE FROM {table} WHERE {where}", params)
        con.execute(f"INSERT INTO {table} " + select.format(where=where), params)


def channels_in(con: duckdb.DuckDBPyConnection, table: str, fill: str | None = None) -> list[str]:
    """The distinct channel ids of ``table`` (a staged table; NULL counts as ``fill``).

    ``table`` is an identifier from the caller's code, never from input.
    """
    rows = con.execute(f"SELECT DISTINCT coalesce(channel_id, ?) FROM {table}", [fill]).fetchall()
    return [str(r[0]) for r in rows if r[0] is not None]


__all__ = ["SUMMARY_TABLES", "channels_in", "refresh_summaries"]
