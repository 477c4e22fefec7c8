"""Quantile models of the planner and their honesty check on forward folds.

Conformalized quantile regression (Romano, Patterson & Candes 2019): each
forward fold's test videos get a conformity score; the margin is its
calibrated quantile. The check on the newest fold uses a margin calibrated
on the earlier folds only, against the naive range of the last 20 videos.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.pipeline import Pipeline

from analytics.models.reach import ReachData, group_offset, min_train_rows
from analytics.models.validation import forward_folds

QUANTILES: tuple[float, float, float] = (0.1, 0.5, 0.9)


class UsableColumns(TransformerMixin, BaseEstimator):
    """Keep the columns that hold at least one value in the training rows.

    A feature can be empty in a forward fold's training videos (no earlier
    upload to measure the gap from, a follower count only in later exports);
    the gradient boosting cannot bin a column without values, and a column
    without values carries nothing to learn from.
    """

    def fit(self, X: pd.DataFrame, y: Any = None) -> UsableColumns:
        """Record the columns with a value."""
        self.columns_ = [c for c in X.columns if X[c].notna().any()]
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """Return ``X`` with the recorded columns only."""
        return X[self.columns_]


def _quantile_model(q: float, n_train: int, random_state: int = 0) -> Pipeline:
    model = HistGradientBoostingRegressor(
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
    return Pipeline([("usable", UsableColumns()), ("model", model)])


@dataclass(frozen=True)
class PlannerCheck:
    """How the planner did on the newest videos it was not fitted or calibrated on.

    Attributes
    ----------
    coverage : float or None
        Share of the newest held-out videos (the last forward fold) inside
        their calibrated p10-p90 range; the stated level is 80 %.
    raw_coverage : float or None
        The same with the quantile models alone.
    pinball : float or None
        Mean pinball loss (log scale, p10 / p50 / p90) of the calibrated range
        on those videos.
    pinball_naive : float or None
        The same for the naive range: the 10th / 50th / 90th percentile of
        the channel's last 20 earlier videos.
    n_test : int
        Videos in that check.
    """

    coverage: float | None = None
    raw_coverage: float | None = None
    pinball: float | None = None
    pinball_naive: float | None = None
    n_test: int = 0

    @property
    def better_than_naive(self) -> bool | None:
        """True when the planner's pinball loss is below the naive quantiles' (None: unchecked)."""
        if self.pinball is None or self.pinball_naive is None:
            return None
        return self.pinball < self.pinball_naive


def pinball_loss(y: np.ndarray, quantiles: np.ndarray) -> float:
    """Mean pinball loss of predictions ``quantiles`` (shape (n, 3)) at :data:`QUANTILES`."""
    y = np.asarray(y, dtype=float)[:, None]
    q = np.asarray(quantiles, dtype=float)
    a = np.asarray(QUANTILES)[None, :]
    return float(np.mean(np.maximum(a * (y - q), (a - 1) * (y - q))))


def _naive(data: ReachData, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """Naive p10 / p50 / p90 per test row: the last 20 earlier videos of its channel."""
    channels = data.rows["channel_id"].to_numpy()
    order = train[np.argsort(data.dates[train], kind="stable")]
    out = np.empty((len(test), 3))
    for k, i in enumerate(test):
        own = order[channels[order] == channels[i]]
        pool = own if len(own) >= 5 else order
        out[k] = np.quantile(data.y[pool[-20:]], QUANTILES)
    return out


def _forward_check(data: ReachData, random_state: int) -> tuple[PlannerCheck, float]:
    """Conformal calibration on forward folds, checked on the newest fold.

    Each forward fold's test videos get a conformity score (distance outside
    their raw p10-p90 range; Romano, Patterson & Candes 2019). The margin
    used for the check is the calibrated quantile of the scores of the
    earlier folds only, so the coverage and pinball loss measured on the
    newest fold are out of sample; the margin returned for the final model
    uses the scores of every fold.
    """
    folds = forward_folds(
        data.dates, 4, horizon_days=data.horizon_days, min_train=min_train_rows(data.n)
    )
    scores: list[np.ndarray] = []
    preds: list[np.ndarray] = []
    for fold in folds:
        r = data.y[fold.train] - group_offset(data, fold.train, fold.train)
        off = group_offset(data, fold.train, fold.test)
        Xtr, Xte = data.X.iloc[fold.train], data.X.iloc[fold.test]
        q = np.column_stack(
            [
                off + _quantile_model(a, len(fold.train), random_state).fit(Xtr, r).predict(Xte)
                for a in QUANTILES
            ]
        )
        q.sort(axis=1)
        y = data.y[fold.test]
        preds.append(q)
        scores.append(np.maximum(q[:, 0] - y, y - q[:, 2]))

    def calibrated(conformity: np.ndarray) -> float:
        target_cover = QUANTILES[-1] - QUANTILES[0]
        level = min(1.0, target_cover * (len(conformity) + 1) / len(conformity))
        return max(0.0, float(np.quantile(conformity, level)))

    final_margin = calibrated(np.concatenate(scores))
    if len(folds) < 2:
        return PlannerCheck(), final_margin
    margin = calibrated(np.concatenate(scores[:-1]))
    last, q, sc = folds[-1], preds[-1], scores[-1]
    y = data.y[last.test]
    widened = q + np.array([-margin, 0.0, margin])
    check = PlannerCheck(
        coverage=float(np.mean(sc <= margin)),
        raw_coverage=float(np.mean(sc <= 0)),
        pinball=pinball_loss(y, widened),
        pinball_naive=pinball_loss(y, _naive(data, last.train, last.test)),
        n_test=len(y),
    )
    return check, final_margin
