"""The predicted range of a planned video, from a fitted planner."""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from analytics.errors import AnalyticsError
from analytics.features import OTHER_TOPIC, build_features
from analytics.models.planner.check import QUANTILES
from analytics.models.planner.types import PlannedVideo, Planner, PlanResult
from analytics.models.reach import ReachData, group_offset, one_thread

CLIP_MARGIN_LOG: float = math.log(10.0)
"""Predictions are kept within one decade (on the log scale) of the channel's own
lowest and highest past value before they are back-transformed."""


def planned_features(planner: Planner, video: PlannedVideo) -> pd.DataFrame:
    """Feature row of a planned video, built exactly like the history's.

    Returns
    -------
    pandas.DataFrame, shape (1, n_features)
        Columns of ``planner.data.X``.

    Raises
    ------
    AnalyticsError
        The channel has no videos in the planner's history.
    """
    rows = planner.all_rows
    own = rows[rows["channel_id"] == video.channel_id]
    if own.empty:
        raise AnalyticsError(f"channel {video.channel_id} has no videos to plan from")
    tz = ZoneInfo(str(own["time_zone"].iloc[-1] or "UTC"))
    local = video.publish_at
    local = local.astimezone(tz) if local.tzinfo else local.replace(tzinfo=tz)
    utc = local.astimezone(dt.UTC).replace(tzinfo=None)
    followers = planner.followers_now.get(video.channel_id)
    if followers is None:
        known = pd.to_numeric(own["followers_at_publish"], errors="coerce").dropna()
        followers = float(known.iloc[-1]) if len(known) else float("nan")
    topic = (video.topic or "").strip().lower()
    planned = {
        "channel_id": video.channel_id,
        "video_id": "\x00planned",
        "platform": own["platform"].iloc[-1],
        "title": video.title,
        "caption": video.caption,
        "tags": [topic] if topic and topic != OTHER_TOPIC else [],
        "category": None if topic else own["category"].iloc[-1],
        "content_type": video.content_type,
        "duration_s": np.nan if video.duration_s is None else float(video.duration_s),
        "published_utc": pd.Timestamp(utc),
        "published_local": pd.Timestamp(local.replace(tzinfo=None)),
        "followers_at_publish": followers,
    }
    both = pd.concat([own, pd.DataFrame([planned])], ignore_index=True)
    table = build_features(both, topics=planner.data.features.topics)
    row = table.X.iloc[[len(both) - 1]].reset_index(drop=True)
    if topic == OTHER_TOPIC:
        row["topic"] = OTHER_TOPIC
    X = planner.data.X
    for col in X.columns:
        if isinstance(X[col].dtype, pd.CategoricalDtype):
            row[col] = pd.Categorical(row[col].astype(object), categories=X[col].cat.categories)
    return row[list(X.columns)]


def _channel_offset(data: ReachData, channel_id: str) -> float:
    everything = np.arange(data.n)
    mine = np.flatnonzero(data.rows["channel_id"].to_numpy() == channel_id)
    if len(mine) == 0:
        return float(np.median(data.y))
    return float(group_offset(data, everything, mine[-1:])[0])


def plan(planner: Planner, video: PlannedVideo) -> PlanResult:
    """Predicted p10 / p50 / p90 of a planned video, with the channel's history.

    Predictions are clipped on the log scale to the channel's own lowest and
    highest past value widened by :data:`CLIP_MARGIN_LOG` (rates at most 1)
    before the back-transform, so a wild extrapolation never overflows.

    Returns
    -------
    PlanResult
        Quantiles on the natural scale, sorted so that p10 <= p50 <= p90.

    Raises
    ------
    NotEnoughDataError
        The channel has fewer than 30 videos with the target.
    """
    planner.require_enough(video.channel_id)
    data = planner.data
    X = planned_features(planner, video)
    offset = _channel_offset(data, video.channel_id)
    with one_thread():
        preds = sorted(offset + float(planner.models[q].predict(X)[0]) for q in QUANTILES)
    preds = [preds[0] - planner.margin, preds[1], preds[2] + planner.margin]
    mine = data.rows["channel_id"].to_numpy() == video.channel_id
    own = data.y[mine][np.isfinite(data.y[mine])]
    lo, hi = float(own.min()) - CLIP_MARGIN_LOG, float(own.max()) + CLIP_MARGIN_LOG
    if data.target.name != "exposure":
        hi = min(hi, 0.0)  # log of a fraction: at most 1
    clipped = np.clip(np.nan_to_num(np.asarray(preds), nan=float(np.median(own))), lo, hi)
    natural = data.target.to_natural(clipped)
    history = data.target.to_natural(data.y[mine]) if mine.any() else np.array([])
    pct = (
        np.percentile(history, [10, 50, 90]) if len(history) else np.array([np.nan, np.nan, np.nan])
    )
    recent = float(np.median(history[-10:])) if len(history) else float("nan")
    by_date = data.y[mine][np.argsort(data.dates[mine], kind="stable")]
    known = by_date[np.isfinite(by_date)]
    naive = (
        data.target.to_natural(np.quantile(known[-20:], QUANTILES))
        if len(known)
        else np.array([np.nan, np.nan, np.nan])
    )
    basis = ", ".join(sorted({str(b) for b in data.target.basis[mine] if b})) or data.target.name
    return PlanResult(
        float(natural[0]),
        float(natural[1]),
        float(natural[2]),
        history,
        float(pct[0]),
        float(pct[1]),
        float(pct[2]),
        recent,
        basis,
        planner.coverage,
        float(naive[0]),
        float(naive[1]),
        float(naive[2]),
    )


def history_rows(planner: Planner, channel_id: str) -> pd.DataFrame:
    """The channel's modelled videos: ``published_local, title, value`` (natural scale)."""
    data = planner.data
    mine = data.rows["channel_id"].to_numpy() == channel_id
    return pd.DataFrame(
        {
            "published_local": data.rows.loc[mine, "published_local"].to_numpy(),
            "title": data.rows.loc[mine, "title"].to_numpy(),
            "value": data.target.to_natural(data.y[mine]),
        }
    )
