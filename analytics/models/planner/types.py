"""The planner's types: a planned video, its predicted range and the fitted planner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.pipeline import Pipeline

from analytics.errors import NotEnoughDataError
from analytics.features import OTHER_TOPIC
from analytics.models.planner.check import PlannerCheck
from analytics.models.reach import MIN_VIDEOS, ReachData
from analytics.models.targets import WHAT_TO_EXPORT


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
        Share of the newest held-out videos inside their calibrated p10-p90
        range (:attr:`Planner.coverage`; stated level 80 %).
    naive_p10, naive_p50, naive_p90 : float
        The naive range the planner's honesty check compares with: the 10th,
        50th and 90th percentile of the channel's last 20 videos.
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
    naive_p10: float = float("nan")
    naive_p50: float = float("nan")
    naive_p90: float = float("nan")


@dataclass
class Planner:
    """Fitted quantile models of one target.

    Attributes
    ----------
    data : ReachData
    all_rows : pandas.DataFrame
        Every video of the modelled channel(s), for cadence features.
    models : dict of float to sklearn.pipeline.Pipeline
        Quantile -> model (usable columns, then gradient boosting) of the deviation from the group offset.
    coverage : float or None
        Share of the newest held-out videos inside the calibrated p10-p90
        range, calibrated on earlier folds only (None when not checked).
    raw_coverage : float or None
        The same before calibration (quantile models alone).
    check : PlannerCheck or None
        Coverage and pinball loss against naive quantiles on those videos.
    margin : float
        Log-scale widening of p10 and p90 from the conformal calibration.
    followers_now : dict of str to float
        Latest follower count per channel, where known.
    """

    data: ReachData
    all_rows: pd.DataFrame
    models: dict[float, Pipeline]
    coverage: float | None
    raw_coverage: float | None = None
    margin: float = 0.0
    followers_now: dict[str, float] = field(default_factory=dict)
    check: PlannerCheck | None = None

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
