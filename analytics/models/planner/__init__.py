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
final range is widened (on the log scale) by the score's calibrated 80th
percentile. The coverage shown is measured on the newest fold's videos with a
margin calibrated on the earlier folds only (not the same residuals), beside
the pinball loss of the naive range (percentiles of the channel's last 20
videos); when the planner is not better, the page says so.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from analytics.models.planner.check import (
    QUANTILES,
    PlannerCheck,
    _forward_check,
    _quantile_model,
    pinball_loss,
)
from analytics.models.planner.predict import (
    CLIP_MARGIN_LOG,
    history_rows,
    plan,
    planned_features,
)
from analytics.models.planner.types import PlannedVideo, Planner, PlanResult
from analytics.models.reach import group_offset, one_thread, prepare


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
    data = prepare(rows, target, channel_id, needed_for="an honest range")
    everything = np.arange(data.n)
    residual = data.y - group_offset(data, everything, everything)
    check = PlannerCheck()
    margin = 0.0
    with one_thread(), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        if check_coverage:
            check, margin = _forward_check(data, random_state)
        models = {
            q: _quantile_model(q, data.n, random_state).fit(data.X, residual) for q in QUANTILES
        }
    return Planner(
        data,
        rows.reset_index(drop=True),
        models,
        check.coverage,
        check.raw_coverage,
        margin,
        dict(followers_now or {}),
        check,
    )


__all__ = [
    "CLIP_MARGIN_LOG",
    "PlannedVideo",
    "PlanResult",
    "Planner",
    "PlannerCheck",
    "QUANTILES",
    "fit_planner",
    "history_rows",
    "pinball_loss",
    "plan",
    "planned_features",
]
