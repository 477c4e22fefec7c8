"""Relative reach (the shared normalisation) and the per-video reach table."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import theilslopes

from analytics.growth.constants import DURATION_BUCKETS, GAP_BUCKETS, MIN_TREND_VIDEOS
from analytics.growth.topics import assign_topics
from analytics.models.targets import exposure_target


def duration_bucket(duration_s: float | None) -> str | None:
    """Key of the duration bucket of a video (:data:`DURATION_BUCKETS`), None when unknown."""
    if duration_s is None or not np.isfinite(duration_s) or duration_s <= 0:
        return None
    for key, lo, hi in DURATION_BUCKETS:
        if lo < duration_s <= hi:
            return key
    return None


def gap_bucket(days: float | None) -> str | None:
    """Key of the gap bucket (:data:`GAP_BUCKETS`), None for a channel's first video."""
    if days is None or not np.isfinite(days) or days < 0:
        return None
    for key, lo, hi in GAP_BUCKETS:
        if lo <= days < hi:
            return key
    return None


def relative_reach(
    reach: np.ndarray,
    channel: np.ndarray,
    order: np.ndarray,
    *,
    min_trend_videos: int = MIN_TREND_VIDEOS,
) -> np.ndarray:
    """Reach divided by the channel's typical reach at publish time.

    The typical reach is the channel's log-linear trend of reach over
    publish time, fitted robustly (Theil-Sen slope, Sen 1968; intercept the
    median residual): a channel that grows steadily compares each video
    with the level the channel had reached when it was published. The
    trend is fitted on ``log1p(reach)``; a video's relative reach is
    ``exp(log1p(reach) - trend)``, so the median relative reach of a
    channel is 1. A trend rather than a rolling median is used because a
    rolling median absorbs real effects when the mix of videos changes over
    time (a run of short videos raises the median they are compared with).

    Parameters
    ----------
    reach : ndarray of float, shape (n,)
        Reach per video (NaN where unknown).
    channel : ndarray of object, shape (n,)
        Channel of each video.
    order : ndarray of float, shape (n,)
        Publish time of each video (e.g. epoch seconds).
    min_trend_videos : int
        A channel with fewer videos is compared with its overall median.

    Returns
    -------
    ndarray of float, shape (n,)
        NaN where the reach is unknown.
    """
    out = np.full(np.shape(reach), np.nan)
    order = np.asarray(order, dtype=float)
    for ch in pd.unique(channel):
        idx = np.flatnonzero((channel == ch) & np.isfinite(reach))
        if idx.size == 0:
            continue
        y = np.log1p(np.maximum(reach[idx], 0.0))
        t = (order[idx] - order[idx].min()) / 86400.0
        slope = 0.0
        if idx.size >= min_trend_videos and np.ptp(t) > 0:
            slope = float(theilslopes(y, t)[0])
        resid = y - slope * t
        out[idx] = np.exp(resid - np.median(resid))
    return out


def reach_table(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per video: when, how long, which topic, and its (relative) reach.

    Parameters
    ----------
    rows : pandas.DataFrame, shape (n_videos, ...)
        Rows of :func:`analytics.store.growth_queries.video_rows`.
    Returns
    -------
    pandas.DataFrame, shape (n_videos, 17)
        Columns ``channel_id, video_id, title, published_utc, published_local``
        (naive timestamps), ``weekday`` (0 = Monday), ``hour`` (0-23, channel
        time zone; NaN where the export gives the publish date only), ``duration_s`` (seconds), ``duration_bucket``,
        ``content_type``, ``format`` (duration bucket, else content type,
        else ``"video"``), ``topic``, ``gap_days`` (days since the channel's
        previous upload, NaN for its first), ``gap_bucket``, ``reach``
        (views in the first 7 days, or the estimated views at 28 days), ``basis`` (which of
        the two), ``rel_reach`` (reach / the channel's typical reach at the
        time, see :func:`relative_reach`).
    """
    cols = [
        "channel_id",
        "video_id",
        "title",
        "published_utc",
        "published_local",
        "weekday",
        "hour",
        "duration_s",
        "duration_bucket",
        "content_type",
        "format",
        "topic",
        "gap_days",
        "gap_bucket",
        "reach",
        "basis",
        "rel_reach",
    ]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows = rows.reset_index(drop=True)
    target = exposure_target(rows)
    reach = np.expm1(target.y)
    utc = pd.to_datetime(rows["published_utc"])
    local = pd.to_datetime(rows["published_local"])
    # a publish date without a time (YouTube Studio tables): no hour
    timed = (
        rows["publish_time_known"].fillna(True).astype(bool).to_numpy()
        if "publish_time_known" in rows
        else np.ones(len(rows), dtype=bool)
    )
    channel = rows["channel_id"].astype(str).to_numpy(dtype=object)
    times = utc.to_numpy("datetime64[s]").astype("int64")
    gap = np.full(len(rows), np.nan)
    for ch in pd.unique(channel):
        idx = np.flatnonzero(channel == ch)
        idx = idx[np.argsort(times[idx], kind="stable")]
        gap[idx[1:]] = np.diff(times[idx]) / 86400.0
    duration = pd.to_numeric(rows.get("duration_s"), errors="coerce").astype(float).to_numpy()
    ctype = [
        str(v).strip().lower() if isinstance(v, str) and v.strip() else None
        for v in rows.get("content_type", pd.Series([None] * len(rows)))
    ]
    dbucket = [duration_bucket(d) for d in duration]
    fmt = [b or c or "video" for b, c in zip(dbucket, ctype, strict=True)]
    table = pd.DataFrame(
        {
            "channel_id": channel,
            "video_id": rows["video_id"].astype(str),
            "title": rows.get("title"),
            "published_utc": utc,
            "published_local": local,
            "weekday": local.dt.day_of_week.astype(int),
            "hour": np.where(timed, local.dt.hour.astype(float), np.nan),
            "duration_s": duration,
            "duration_bucket": pd.Series(dbucket, dtype=object),
            "content_type": pd.Series(ctype, dtype=object),
            "format": pd.Series(fmt, dtype=object),
            "topic": assign_topics(rows),
            "gap_days": gap,
            "gap_bucket": pd.Series([gap_bucket(g) for g in gap], dtype=object),
            "reach": reach,
            "basis": target.basis,
            "rel_reach": relative_reach(reach, channel, times.astype(float)),
        }
    )
    return table[cols]
