"""Queries behind the Fans page: interactions, video tags, market channel topics.

Every reader takes the store path as a plain string (plus plain values),
opens its own short-lived connection through
:func:`analytics.store.connection.connect` and returns plain results
(numpy arrays, DataFrames). Values are always bound parameters.

The heavy lifting of the interaction matrix happens in DuckDB: both ids are
mapped to contiguous positions ``0..n-1`` (sorted id order), events are
weighted and summed per (fan, video) pair on those positions, and spam is
left out before anything is fetched, so a store of ten million events
comes back as three numeric arrays plus the two id lists.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from analytics.store.connection import connect
from analytics.store.schema import bump_data_version, scalar

StorePath = str | os.PathLike[str]

FAN_COLUMNS = (
    "channel_id",
    "fan_key",
    "video_id",
    "event",
    "ts",
    "event_key",
    "weight",
    "is_spam",
    "import_id",
)


@dataclass
class InteractionPairs:
    """Aggregated (fan, video) pairs, positions already contiguous.

    Attributes
    ----------
    user_index, item_index : ndarray of int32, shape (nnz,)
        Row (fan) and column (video) positions.
    weight : ndarray of float32, shape (nnz,)
        Summed event weight ``r_ui`` (> 0) of each pair.
    first_seen : ndarray of float64, shape (nnz,) or None
        Epoch seconds of the pair's first event; NaN where unknown.
    user_keys : ndarray of object (str), shape (n_users,)
        ``fan_key`` at each row position (sorted).
    item_keys : ndarray of object (str), shape (n_items,)
        ``video_id`` at each column position (sorted).
    """

    user_index: np.ndarray
    item_index: np.ndarray
    weight: np.ndarray
    first_seen: np.ndarray | None
    user_keys: np.ndarray
    item_keys: np.ndarray


def _weight_case(event_weights: Mapping[str, float], unknown: float) -> tuple[str, list[Any]]:
    """``CASE lower(f.event) WHEN ? THEN ? ... ELSE ? END`` with its bound parameters."""
    params: list[Any] = []
    whens = []
    for event, weight in event_weights.items():
        whens.append("WHEN ? THEN ?::DOUBLE")
        params += [str(event).lower(), float(weight)]
    params.append(float(unknown))
    return f"CASE lower(f.event) {' '.join(whens)} ELSE ?::DOUBLE END", params


def load_interaction_pairs(
    db_path: StorePath,
    channel_id: str | None = None,
    *,
    event_weights: Mapping[str, float],
    unknown_event_weight: float = 1.0,
    include_spam: bool = False,
    with_time: bool = True,
) -> InteractionPairs:
    """Load fan x video interaction strengths from ``fan_interactions``.

    ``r_ui = sum(event_weight[event] * weight)`` over the pair's events;
    pairs whose strength is not > 0 are left out, and so are fans and
    videos left without any pair. Ids are numbered in sorted order in DuckDB
    first, so the aggregation runs on integer positions, not on text.

    Parameters
    ----------
    db_path : str or path
        The store file.
    channel_id : str, optional
        One channel; None takes every channel (videos keyed by ``video_id``).
    event_weights : mapping of str to float
        Weight of one event of each kind (lower-case names).
    unknown_event_weight : float
        Weight of an event kind not in ``event_weights``.
    include_spam : bool
        Keep interactions flagged ``is_spam`` (default: left out).
    with_time : bool
        Also return each pair's first event time (needed for a time-ordered
        holdout, not for fitting).

    Returns
    -------
    InteractionPairs

    Raises
    ------
    StoreError, StoreBusyError
        The store cannot be opened.
    """
    case_sql, case_params = _weight_case(event_weights, unknown_event_weight)
    where = "(? OR NOT f.is_spam) AND (?::VARCHAR IS NULL OR f.channel_id = ?)"
    where_params = [bool(include_spam), channel_id, channel_id]
    time_sel = ", coalesce(epoch(min(f.ts)), 'NaN'::DOUBLE) AS t" if with_time else ""
    with connect(db_path) as con:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _fan_index AS
            SELECT fan_key, (row_number() OVER (ORDER BY fan_key) - 1)::INTEGER AS u
            FROM (SELECT DISTINCT fan_key FROM fan_interactions AS f WHERE {where})""",
            where_params,
        )
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _video_index AS
            SELECT video_id, (row_number() OVER (ORDER BY video_id) - 1)::INTEGER AS i
            FROM (SELECT DISTINCT video_id FROM fan_interactions AS f WHERE {where})""",
            where_params,
        )
        arrays = con.execute(
            f"""SELECT u, i, w::FLOAT AS w{", t" if with_time else ""} FROM (
                SELECT fi.u, vi.i, sum(({case_sql}) * f.weight) AS w{time_sel}
                FROM fan_interactions AS f
                JOIN _fan_index AS fi USING (fan_key)
                JOIN _video_index AS vi USING (video_id)
                WHERE {where}
                GROUP BY fi.u, vi.i
            ) WHERE w > 0""",
            [*case_params, *where_params],
        ).fetchnumpy()
        user_keys = con.execute("SELECT fan_key FROM _fan_index ORDER BY u").fetchnumpy()["fan_key"]
        item_keys = con.execute("SELECT video_id FROM _video_index ORDER BY i").fetchnumpy()[
            "video_id"
        ]
        con.execute("DROP TABLE IF EXISTS _fan_index")
        con.execute("DROP TABLE IF EXISTS _video_index")
    u = np.asarray(arrays["u"], dtype=np.int32)
    i = np.asarray(arrays["i"], dtype=np.int32)
    user_keys = np.asarray(user_keys, dtype=object)
    item_keys = np.asarray(item_keys, dtype=object)
    # Fans / videos whose every pair weighed 0 drop out; renumber the rest.
    u, user_keys = _compact(u, user_keys)
    i, item_keys = _compact(i, item_keys)
    return InteractionPairs(
        user_index=u,
        item_index=i,
        weight=np.asarray(arrays["w"], dtype=np.float32),
        first_seen=np.asarray(arrays["t"], dtype=np.float64) if with_time else None,
        user_keys=user_keys,
        item_keys=item_keys,
    )


def _compact(index: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    used = np.bincount(index, minlength=len(keys)) > 0
    if used.all():
        return index, keys
    new_pos = np.cumsum(used, dtype=np.int64) - 1
    return new_pos[index].astype(np.int32), keys[used]


def fan_activity_summary(db_path: StorePath, channel_id: str | None = None) -> dict[str, int]:
    """Count fan interactions: rows, spam rows, fans, videos, channels.

    Returns
    -------
    dict of str to int
        ``interactions``, ``spam``, ``fans``, ``videos``, ``channels``
        (fans and videos counted on non-spam rows).
    """
    with connect(db_path) as con:
        rows = con.execute(
            """SELECT count(*), count(*) FILTER (WHERE is_spam),
                      count(DISTINCT fan_key) FILTER (WHERE NOT is_spam),
                      count(DISTINCT video_id) FILTER (WHERE NOT is_spam),
                      count(DISTINCT channel_id)
               FROM fan_interactions WHERE (?::VARCHAR IS NULL OR channel_id = ?)""",
            [channel_id, channel_id],
        ).fetchall()
    n, spam, fans, videos, channels = rows[0]
    return {
        "interactions": int(n),
        "spam": int(spam),
        "fans": int(fans),
        "videos": int(videos),
        "channels": int(channels),
    }


def fan_channels(db_path: StorePath) -> list[str]:
    """Channels that have fan interactions, sorted."""
    with connect(db_path) as con:
        rows = con.execute(
            "SELECT DISTINCT channel_id FROM fan_interactions ORDER BY channel_id"
        ).fetchall()
    return [str(r[0]) for r in rows]


def load_video_catalogue(db_path: StorePath, channel_id: str | None = None) -> pd.DataFrame:
    """Videos with title, tags and publish time.

    Parameters
    ----------
    channel_id : str, optional
        One channel; None for all channels.

    Returns
    -------
    pandas.DataFrame
        Columns ``channel_id``, ``video_id``, ``title``, ``tags`` (list of
        str, lower-case, empty list when none), ``published_at`` (UTC
        timestamps, NaT when unknown); one row per (channel, video).
    """
    with connect(db_path) as con:
        frame = con.execute(
            """SELECT channel_id, video_id, any_value(title) AS title,
                      any_value(coalesce(tags, []::VARCHAR[])) AS tags,
                      any_value(published_at) AS published_at
               FROM videos WHERE (?::VARCHAR IS NULL OR channel_id = ?)
               GROUP BY channel_id, video_id ORDER BY channel_id, video_id""",
            [channel_id, channel_id],
        ).df()
    frame["tags"] = [
        sorted(
            {str(t).strip().lower() for t in (tags if tags is not None else []) if str(t).strip()}
        )
        for tags in frame["tags"]
    ]
    frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True)
    return frame


def load_channel_topics(db_path: StorePath) -> pd.DataFrame:
    """Channel x topic counts over every channel in the store (market data included).

    Returns
    -------
    pandas.DataFrame
        Columns ``channel_id``, ``topic`` (lower-case tag), ``videos``
        (number of the channel's videos carrying the tag, >= 1),
        ``display_name`` (may be None).
    """
    with connect(db_path) as con:
        return con.execute(
            """WITH t AS (
                   SELECT channel_id, video_id, lower(trim(unnest(tags))) AS topic
                   FROM videos WHERE tags IS NOT NULL
               )
               SELECT t.channel_id, t.topic, count(DISTINCT t.video_id) AS videos,
                      any_value(c.display_name) AS display_name
               FROM t LEFT JOIN channels AS c USING (channel_id)
               WHERE t.topic <> ''
               GROUP BY t.channel_id, t.topic
               ORDER BY t.channel_id, t.topic"""
        ).df()


def insert_fan_interactions(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> int:
    """Append ready-made fan interaction rows (synthetic data for tests and demos).

    Real exports go through :mod:`analytics.ingest`; this writes canonical
    rows as they are, in one transaction, and bumps the data version.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open store connection.
    frame : pandas.DataFrame
        Columns among :data:`FAN_COLUMNS`; ``channel_id``, ``fan_key``,
        ``video_id`` and ``event`` are required.

    Returns
    -------
    int
        Rows written.
    """
    cols = [c for c in FAN_COLUMNS if c in frame.columns]
    missing = {"channel_id", "fan_key", "video_id", "event"} - set(cols)
    if missing:
        raise ValueError(f"fan interactions need the columns {sorted(missing)}")
    data = frame[cols]
    col_list = ", ".join(f'"{c}"' for c in cols)
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("_fan_rows", data)
        con.execute(f"INSERT INTO fan_interactions ({col_list}) SELECT {col_list} FROM _fan_rows")
        con.unregister("_fan_rows")
        bump_data_version(con)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(data)


def generate_synthetic_interactions(
    con: duckdb.DuckDBPyConnection,
    *,
    n_fans: int,
    n_videos: int,
    n_interactions: int,
    seed: float = 0.42,
    channel_id: str = "bench",
) -> int:
    """Fill ``fan_interactions`` with synthetic events, set-based in DuckDB (benchmarks).

    Fans are 64-hex-digit keys like real ``fan_key`` hashes; video popularity
    is skewed (the video of an event is ``floor(n_videos * u^2)`` for a
    uniform ``u``); 80 % views, 12 % likes, 5 % comments, 3 % shares.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open store connection.
    n_fans, n_videos, n_interactions : int
        Sizes (fans and videos actually used may be slightly fewer).
    seed : float
        DuckDB ``setseed`` value in [-1, 1].

    Returns
    -------
    int
        Rows in ``fan_interactions`` afterwards.
    """
    con.execute("SELECT setseed(?)", [float(seed)])
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            """INSERT INTO fan_interactions
                   (channel_id, fan_key, video_id, event, ts, event_key, weight, is_spam)
               SELECT ?, sha256(CAST(floor(random() * ?) AS BIGINT)::VARCHAR),
                      'v' || lpad(CAST(floor(pow(random(), 2) * ?) AS BIGINT)::VARCHAR, 6, '0'),
                      CASE WHEN r < 0.80 THEN 'view' WHEN r < 0.92 THEN 'like'
                           WHEN r < 0.97 THEN 'comment' ELSE 'share' END,
                      TIMESTAMPTZ '2025-01-01 00:00:00+00'
                          + to_seconds(CAST(floor(random() * 31536000) AS BIGINT)),
                      NULL, 1.0, false
               FROM (SELECT random() AS r FROM range(?))""",
            [channel_id, int(n_fans), int(n_videos), int(n_interactions)],
        )
        bump_data_version(con)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return int(scalar(con, "SELECT count(*) FROM fan_interactions"))
