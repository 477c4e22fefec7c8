"""What-if planner: a predicted range (p10 / p50 / p90) for a planned video.

Three gradient-boosting models with the quantile (pinball) loss
(Koenker & Bassett 1978) predict the 10th, 50th and 90th percentile of the
target for a video with the planned features, on top of the channel's
typical level (the same offset as :mod:`analytics.models.reach`). The range
is shown against the channel's own history.

Quantile models fitted on tens of videos give ranges that are too narrow.
The p10-p90 range is therefore conformalised on forward folds (conformalized
quantile regression, Romano, Patterson & Candes 2019): each past video's
distance outside its forward-fold range is a conformity score, and the
final range is widened (on the log scale) by the score's 80th percentile,
so that about 80 % of past videos would have fallen inside. Both the raw
and the calibrated forward coverage are reported.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor

from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.features import OTHER_TOPIC, build_features
from analytics.models.reach import (
    MIN_VIDEOS,
    ReachData,
    group_offset,
    one_thread,
    prepare,
)
from analytics.models.targets import WHAT_TO_EXPORT
from analytics.models.validation import forward_folds

QUANTILES: tuple[float, float, float] = (0.1, 0.5, 0.9)
CLIP_MARGIN_LOG: float = math.log(10.0)
"""Predictions are kept within one decade (on the log scale) of the channel's own
lowest and highest past value before they are back-transformed."""


def _quantile_model(q: float, n_train: int, random_state: int = 0) -> HistGradientBoostingRegressor:
    return HistGradientBoostingRegressor(
        loss="quantile",
        quantile=q,
        categorical_features="from_dtype",
        max_iter=50,
        learning_rate=0.1,
        max_leaf_nodes=8,
        max_depth=4,
        min_samples_leaf=max(4, min(20, n_train // 12)),
        l2_regularization=1.0,
        early_stopping=False,
        random_state=random_state,
    )


@dataclass(frozen=True)
class PlannedVideo:
    """The features of a video the creator plans.

    Attributes
    ----------
    channel_id : str
    publish_at : datetime.datetime
        Planned publish time in the channel's local time (naive, or aware in
        any zone: it is converted).
    duration_s : float, optional
        Planned length in seconds.
    topic : str, optional
        One of the planner's topics (others count as "other").
    title : str
        Working title (length, number, question mark, emoji are features).
    caption : str
        Planned caption; its hashtags count.
    content_type : str, optional
        video, short, ... as in the channel's history.
    """

    channel_id: str
    publish_at: dt.datetime
    duration_s: float | None = None
    topic: str | None = None
    title: str = ""
    caption: str = ""
    content_type: str | None = None


@dataclass(frozen=True)
class PlanResult:
    """Predicted range of a planned video next to the channel's history.

    Attributes
    ----------
    p10, p50, p90 : float
        Predicted target on its natural scale (views for exposure, a
        fraction for rates).
    history : numpy.ndarray, shape (n_channel_videos,)
        The channel's past values on the same scale, oldest first.
    history_p10, history_p50, history_p90 : float
        Percentiles of ``history``.
    recent_median : float
        Median of the channel's last 10 videos (the baseline).
    basis : str
        What the numbers measure (``views_d7``, ``views_per_day``, ...).
    coverage : float or None
        Share of past videos inside their forward-fold p10-p90 range after
        calibration (about 0.8 when the range is honest).
    """

    p10: float
    p50: float
    p90: float
    history: np.ndarray
    history_p10: float
    history_p50: float
    history_p90: float
    recent_median: float
    basis: str
    coverage: float | None


@dataclass
class Planner:
    """Fitted quantile models of one target.

    Attributes
    ----------
    data : ReachData
    all_rows : pandas.DataFrame
        Every video of the modelled channel(s), for cadence features.
    models : dict of float to HistGradientBoostingRegressor
        Quantile -> model of the deviation from the group offset.
    coverage : float or None
        Forward-fold share of videos inside the calibrated p10-p90 range
        (None when not checked).
    raw_coverage : float or None
        The same before calibration (quantile models alone).
    margin : float
        Log-scale widening of p10 and p90 from the conformal calibration.
    followers_now : dict of str to float
        Latest follower count per channel, where known.
    """

    data: ReachData
    all_rows: pd.DataFrame
    models: dict[float, HistGradientBoostingRegressor]
    coverage: float | None
    raw_coverage: float | None = None
    margin: float = 0.0
    followers_now: dict[str, float] = field(default_factory=dict)

    @property
    def topics(self) -> list[str]:
        """Topic choices: the top topics and ``"other"``."""
        return [*self.data.features.topics, OTHER_TOPIC]

    @property
    def content_types(self) -> list[str]:
        """Content types seen in the history."""
        col = self.data.features.X["content_type"]
        return [str(c) for c in col.cat.categories]

    def content_types_for(self, channel_id: str) -> list[str]:
        """Content types of the channel's videos, most used first (empty when unknown)."""
        mine = self.data.rows["channel_id"].to_numpy() == channel_id
        col = self.data.features.X["content_type"][mine].dropna().astype(str)
        counts = col.value_counts()
        return sorted(counts.index, key=lambda t: (-counts[t], t))

    def video_counts(self) -> dict[str, int]:
        """Videos with the target per channel (the modelled history)."""
        counts = pd.Series(self.data.rows["channel_id"].astype(str)).value_counts()
        return {str(k): int(v) for k, v in counts.items()}

    @property
    def channels(self) -> list[str]:
        """Channels with videos in the modelled history, most videos first (then by id)."""
        counts = self.video_counts()
        return sorted(counts, key=lambda c: (-counts[c], c))

    def topics_for(self, channel_id: str) -> list[str]:
        """Topic choices for one channel: its own top topics, most used first, and ``"other"``.

        Topics that only other channels use are left out.
        """
        mine = self.data.rows["channel_id"].astype(str).to_numpy() == channel_id
        col = self.data.features.X["topic"][mine].dropna().astype(str)
        counts = col.value_counts()
        top = set(self.data.features.topics)
        own = [str(c) for c in counts.index if c in top and c != OTHER_TOPIC]
        return [*sorted(own, key=lambda c: (-counts[c], c)), OTHER_TOPIC]

    def require_enough(self, channel_id: str) -> None:
        """Raise :class:`NotEnoughDataError` unless the channel has ``MIN_VIDEOS`` videos.

        Raises
        ------
        NotEnoughDataError
            Fewer than 30 of the channel's videos have the target; the message
            says what to export.
        """
        n = self.video_counts().get(channel_id, 0)
        if n < MIN_VIDEOS:
            tgt = self.data.target
            raise NotEnoughDataError(
                f"not enough data for channel {channel_id}: {n} video(s) have a {tgt.label} "
                f"figure and at least {MIN_VIDEOS} are needed for an honest range; "
                f"{WHAT_TO_EXPORT[tgt.name]}"
            )


def fit_planner(
    rows: pd.DataFrame,
    target: str = "exposure",
    channel_id: str | None = None,
    *,
    check_coverage: bool = True,
    followers_now: dict[str, float] | None = None,
    random_state: int = 0,
) -> Planner:
    """Fit the p10 / p50 / p90 models on a channel's (or the store's) history.

    Parameters
    ----------
    rows : pandas.DataFrame
        :func:`analytics.store.feature_queries.video_rows` output.
    target : {"exposure", "engagement", "completion"}
    channel_id : str, optional
    check_coverage : bool
        Measure p10-p90 coverage on forward folds (a few more fits).
    followers_now : dict, optional
        Latest follower count per channel (the planned video's follower feature).
    random_state : int

    Raises
    ------
    NotEnoughDataError
        Fewer than 30 videos with the target.
    """
    data = prepare(rows, target, channel_id)
    everything = np.arange(data.n)
    residual = data.y - group_offset(data, everything, everything)
    coverage = raw_coverage = None
    margin = 0.0
    with one_thread(), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        if check_coverage:
            scores: list[np.ndarray] = []
            folds = forward_folds(
                data.dates,
                4,
                horizon_days=data.horizon_days,
                min_train=max(10, min(20, data.n // 5)),
            )
            for fold in folds:
                r = data.y[fold.train] - group_offset(data, fold.train, fold.train)
                off = group_offset(data, fold.train, fold.test)
                Xtr, Xte = data.X.iloc[fold.train], data.X.iloc[fold.test]
                lo = off + _quantile_model(QUANTILES[0], len(fold.train), random_state).fit(
                    Xtr, r
                ).predict(Xte)
                hi = off + _quantile_model(QUANTILES[-1], len(fold.train), random_state).fit(
                    Xtr, r
                ).predict(Xte)
                y = data.y[fold.test]
                scores.append(np.maximum(np.minimum(lo, hi) - y, y - np.maximum(lo, hi)))
            conformity = np.concatenate(scores)
            raw_coverage = float(np.mean(conformity <= 0))
            target_cover = QUANTILES[-1] - QUANTILES[0]
            level = min(1.0, target_cover * (len(conformity) + 1) / len(conformity))
            margin = max(0.0, float(np.quantile(conformity, level)))
            coverage = float(np.mean(conformity <= margin))
        models = {
            q: _quantile_model(q, data.n, random_state).fit(data.X, residual) for q in QUANTILES
        }
    return Planner(
        data,
        rows.reset_index(drop=True),
        models,
        coverage,
        raw_coverage,
        margin,
        dict(followers_now or {}),
    )


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


__all__ = [
    "CLIP_MARGIN_LOG",
    "PlannedVideo",
    "PlanResult",
    "Planner",
    "QUANTILES",
    "fit_planner",
    "history_rows",
    "plan",
    "planned_features",
]
