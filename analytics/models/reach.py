"""Reach (exposure) and engagement predictors compared with content-blind predictors.

What a model must beat is the best predictor that knows nothing of the
content (:data:`~analytics.models.reach_result.BLIND`), scored on the same
forward folds: the creator's rule of thumb "my next video will do about as
well as my recent ones" (the trailing median of the target over the last
:data:`~analytics.models.reach_data.HISTORY_WINDOW` videos whose figure was
already known at publish time; on market data -- many channels with one or two
videos each, like a trending list -- the trailing median of the videos of the
same category), the channel's smoothed level (below), and that level with a
trend and the season of the year (:func:`make_trend`). A content model
"beats the baseline" only when its forward error is below the best of these
three and a paired bootstrap puts the improvement above 0
(:data:`~analytics.models.reach_result.BEAT_CONFIDENCE`); otherwise the
pages say that the content features add nothing measurable.

Every candidate model predicts the deviation of a video from its group's
current level, from pre-publish content features only
(:mod:`analytics.features`). The level (an offset that keeps channels of
very different sizes on one scale and follows a growing channel) is an
exponentially weighted mean of the group's earlier targets that were known
at publish time, with a half-life of :data:`~analytics.models.reach_data.LEVEL_HALFLIFE` videos; where a
group has no earlier video, the median of its training videos stands in.
A 10-video median is too noisy for this job: used as the offset it cost the
models up to 0.1 of MAE on the sample data, while the smoothed level follows
the sample channel's 2.4x growth without that noise. Like the baseline, the
level only uses outcomes that were known when the video was published. Candidates, each a scikit-learn ``Pipeline``:

``hgb``
    ``HistGradientBoostingRegressor`` with native categorical support
    (boosted stumps: additive on the log scale, no interactions).
``linear``
    One-hot categoricals, scaled numerics (log of durations, followers,
    cadence), ``Ridge``.
``mlp``
    The linear model's preprocessing and a small ``MLPRegressor`` (L-BFGS).

They are scored on forward folds only (:mod:`analytics.models.validation`)
with MAE on the log scale, Spearman rank correlation and ROC AUC for a
top-quartile hit; the chosen model is the one with the lowest forward MAE.

References: Friedman (2001) for gradient boosting; Bergmeir & Benitez (2012)
for forward validation.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from analytics.models.reach_data import MIN_VIDEOS as MIN_VIDEOS  # re-exported
from analytics.models.reach_data import ReachData as ReachData
from analytics.models.reach_data import min_train_rows as min_train_rows
from analytics.models.reach_data import prepare as prepare
from analytics.models.reach_data import trailing_level as trailing_level
from analytics.models.reach_data import trailing_median as trailing_median
from analytics.models.reach_pipelines import make_candidate
from analytics.models.reach_pipelines import one_thread as one_thread
from analytics.models.reach_result import BASELINE as BASELINE  # re-exported
from analytics.models.reach_result import BEAT_CONFIDENCE as BEAT_CONFIDENCE
from analytics.models.reach_result import BLIND as BLIND
from analytics.models.reach_result import CANDIDATE_LABELS as CANDIDATE_LABELS
from analytics.models.reach_result import CANDIDATES as CANDIDATES
from analytics.models.reach_result import LEVEL as LEVEL
from analytics.models.reach_result import TREND as TREND
from analytics.models.reach_result import Comparison as Comparison
from analytics.models.reach_result import score as score
from analytics.models.validation import forward_folds

Progress = Callable[[float, str], None]


def _fill_from_training(
    values: np.ndarray, data: ReachData, train: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """``values`` with non-finite entries replaced by the training median of the row's group.

    A group without training rows gets the median of all training rows.
    """
    out = values.copy()
    missing = ~np.isfinite(out)
    if missing.any():
        ytr = data.y[train]
        overall = float(np.median(ytr))
        by_group = pd.Series(ytr).groupby(data.group[train]).median().to_dict()
        out[missing] = [by_group.get(g, overall) for g in data.group[rows][missing]]
    return out


def fill_baseline(data: ReachData, train: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Baseline (log scale) for ``rows`` using only the training rows to fill gaps.

    Where a video has no earlier known video in its group, the median of the
    training rows of its group stands in, else the median of all training rows.

    Returns
    -------
    numpy.ndarray, shape (len(rows),)
    """
    return _fill_from_training(data.trailing[rows], data, train, rows)


def group_offset(data: ReachData, train: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The models' offset for ``rows``: the group's trailing level, else a training median.

    Where a video has no earlier known video in its group, the median target
    of its group's training videos stands in, else the median of all
    training videos.

    Returns
    -------
    numpy.ndarray, shape (len(rows),)
    """
    return _fill_from_training(data.level[rows], data, train, rows)


def _informative(X: pd.DataFrame, rows: np.ndarray) -> list[str]:
    """Columns with at least two distinct known values among ``rows`` (a fold's training
    videos); a column that is all missing or constant there cannot be fitted."""
    part = X.iloc[rows]
    cols = [c for c in X.columns if part[c].dropna().nunique() > 1]
    return cols or list(X.columns[:1])


def _time_frame(data: ReachData, rows: np.ndarray) -> pd.DataFrame:
    """Content-blind inputs of :func:`make_trend`: the day of the year (as a point on a
    circle), per row."""
    d = pd.to_datetime(pd.Series(data.dates[rows]))
    doy = d.dt.dayofyear.to_numpy(dtype=float)
    return pd.DataFrame(
        {
            "season_sin": np.sin(2 * np.pi * doy / 365.25),
            "season_cos": np.cos(2 * np.pi * doy / 365.25),
        }
    )


def make_trend() -> Pipeline:
    """Content-blind trend and season on top of the level: a ridge regression of the
    residual from the level on the day of year. Its intercept is the level's lag
    behind a growing (or shrinking) channel, so level + intercept follows the
    trend; an extrapolated slope was tried and lost to it on forward folds."""
    return make_pipeline(StandardScaler(), Ridge(alpha=10.0))


def _fit(model: Pipeline, X: pd.DataFrame, r: np.ndarray) -> Pipeline:
    with warnings.catch_warnings(), one_thread():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", UserWarning)
        return model.fit(X, r)


def compare_models(
    data: ReachData,
    *,
    n_splits: int = 4,
    candidates: Sequence[str] = CANDIDATES,
    random_state: int = 0,
    progress: Progress | None = None,
) -> Comparison:
    """Fit every candidate on forward folds, score them and the baseline, refit the best.

    Parameters
    ----------
    data : ReachData
        From :func:`prepare`.
    n_splits : int
        Forward folds (fewer when the first ones would train on under 10 videos).
    candidates : sequence of str
        Names among :data:`CANDIDATES`.
    random_state : int
    progress : callable(fraction, message), optional
        Called as fitting advances (for a progress bar).

    Returns
    -------
    Comparison
    """
    with one_thread():
        return _compare(data, n_splits, candidates, random_state, progress)


def _compare(
    data: ReachData,
    n_splits: int,
    candidates: Sequence[str],
    random_state: int,
    progress: Progress | None,
) -> Comparison:
    import time

    folds = forward_folds(
        data.dates,
        n_splits,
        horizon_days=data.horizon_days,
        min_train=min_train_rows(data.n),
    )
    X = data.X
    oof = {name: np.full(data.n, np.nan) for name in [*candidates, *BLIND]}
    fold_models: dict[str, list[Pipeline]] = {name: [] for name in candidates}
    fold_baselines: list[np.ndarray] = []
    fold_offsets: list[np.ndarray] = []
    seconds = {name: 0.0 for name in candidates}
    steps = len(folds) * len(candidates) + 1
    done = 0
    for fold in folds:
        base_te = fill_baseline(data, fold.train, fold.test)
        fold_baselines.append(base_te)
        oof[BASELINE][fold.test] = base_te
        off_te = group_offset(data, fold.train, fold.test)
        fold_offsets.append(off_te)
        r_train = data.y[fold.train] - group_offset(data, fold.train, fold.train)
        oof[LEVEL][fold.test] = off_te
        trend = _fit(make_trend(), _time_frame(data, fold.train), r_train)
        oof[TREND][fold.test] = off_te + trend.predict(_time_frame(data, fold.test))
        for name in candidates:
            if progress:
                progress(
                    done / steps,
                    f"fitting {CANDIDATE_LABELS[name]} on fold "
                    f"{len(fold_baselines)} of {len(folds)}",
                )
            t0 = time.perf_counter()
            model = _fit(
                make_candidate(name, _informative(X, fold.train), len(fold.train), random_state),
                X.iloc[fold.train],
                r_train,
            )
            seconds[name] += time.perf_counter() - t0
            fold_models[name].append(model)
            oof[name][fold.test] = off_te + model.predict(X.iloc[fold.test])
            done += 1
    tested = np.isfinite(oof[BASELINE])
    threshold = float(np.quantile(data.y[tested], 0.75))
    scores: dict[str, dict[str, Any]] = {}
    for name, pred in oof.items():
        s: dict[str, Any] = score(data.y[tested], pred[tested], threshold)
        s["mae_log_folds"] = [float(np.mean(np.abs(data.y[f.test] - pred[f.test]))) for f in folds]
        scores[name] = s
    chosen = min(candidates, key=lambda c: (scores[c]["mae_log"], c))
    if progress:
        progress(done / steps, f"refitting {CANDIDATE_LABELS[chosen]} on all videos")
    everything = np.arange(data.n)
    final_offset = group_offset(data, everything, everything)
    final = _fit(
        make_candidate(chosen, list(X.columns), data.n, random_state), X, data.y - final_offset
    )
    if progress:
        progress(1.0, "done")
    return Comparison(
        data,
        folds,
        oof,
        fold_models,
        fold_baselines,
        fold_offsets,
        scores,
        chosen,
        final,
        final_offset,
        seconds,
    )


def scores_table(comparison: Comparison) -> pd.DataFrame:
    """Model quality table: one row per candidate and the baseline, best first.

    Columns: ``model, label, mae_log, spearman, auc, mae_log_fold_std, chosen``.
    """
    rows = []
    for name, s in comparison.scores.items():
        rows.append(
            {
                "model": name,
                "label": CANDIDATE_LABELS[name],
                "mae_log": s["mae_log"],
                "spearman": s["spearman"],
                "auc": s["auc"],
                "mae_log_fold_std": float(np.std(s["mae_log_folds"])),
                "chosen": name == comparison.chosen,
            }
        )
    return pd.DataFrame(rows).sort_values("mae_log", kind="stable").reset_index(drop=True)
