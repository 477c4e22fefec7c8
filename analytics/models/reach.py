"""Reach (exposure) and engagement predictors compared with a trailing-median baseline.

What a model must beat is the creator's own rule of thumb: "my next video
will do about as well as my recent ones" -- the channel's trailing median of
the target over its last :data:`HISTORY_WINDOW` videos whose figure was
already known at publish time. On market data (many channels with one or two
videos each, like a trending list) the baseline is the trailing median of
the videos of the same category instead.

Every candidate model predicts the deviation of a video from its group's
current level, from pre-publish content features only
(:mod:`analytics.features`). The level (an offset that keeps channels of
very different sizes on one scale and follows a growing channel) is an
exponentially weighted mean of the group's earlier targets that were known
at publish time, with a half-life of :data:`LEVEL_HALFLIFE` videos; where a
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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.metrics import roc_auc_score
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import (
    FunctionTransformer,
    SplineTransformer,
    StandardScaler,
)
from threadpoolctl import threadpool_limits

from analytics.errors import NotEnoughDataError
from analytics.features import (
    CATEGORICAL_FEATURES,
    FeatureTable,
    available_features,
    build_features,
)
from analytics.models.targets import WHAT_TO_EXPORT, Target, make_target
from analytics.models.validation import Fold, forward_folds

MIN_VIDEOS = 30
HISTORY_WINDOW = 10
MIN_CHANNEL_VIDEOS = 5
LEVEL_HALFLIFE = 20.0
CANDIDATES: tuple[str, ...] = ("hgb", "linear", "mlp")
BASELINE = "baseline"
CANDIDATE_LABELS = {
    "hgb": "Gradient boosting (HistGradientBoosting)",
    "linear": "Linear (ridge)",
    "mlp": "Neural network (MLP)",
    BASELINE: "Baseline: trailing median",
}
# Numeric features that are heavy-tailed: the linear/MLP models see log1p of them.
_LOG_FEATURES = ("duration_s", "followers_at_publish", "days_since_prev_upload")

Progress = Callable[[float, str], None]


@dataclass
class ReachData:
    """Videos with a target, their features and their baseline history.

    Attributes
    ----------
    rows : pandas.DataFrame, shape (n, ...)
        Per-video rows (store query output) of the videos with a target.
    features : FeatureTable
        All :data:`analytics.features.FEATURE_COLUMNS` of those videos.
    X : pandas.DataFrame, shape (n, n_available)
        The features with information (see ``unavailable``).
    y : numpy.ndarray, shape (n,)
        Target on its log scale.
    dates : numpy.ndarray of datetime64, shape (n,)
        Publish time (UTC).
    horizon_days : numpy.ndarray, shape (n,)
        Days after publish at which ``y`` is known.
    group : numpy.ndarray of str, shape (n,)
        Baseline group: ``channel:<id>`` or, for channels with fewer than
        :data:`MIN_CHANNEL_VIDEOS` videos, ``category:<name>``.
    trailing : numpy.ndarray, shape (n,)
        Trailing median of the group's earlier known targets (NaN when none):
        the baseline.
    level : numpy.ndarray, shape (n,)
        Exponentially weighted mean of the same (NaN when none): the models'
        offset.
    target : Target
        The target, restricted to these videos.
    unavailable : list of str
        Features with no information here (all missing or constant).
    """

    rows: pd.DataFrame
    features: FeatureTable
    X: pd.DataFrame
    y: np.ndarray
    dates: np.ndarray
    horizon_days: np.ndarray
    group: np.ndarray
    trailing: np.ndarray
    level: np.ndarray
    target: Target
    unavailable: list[str]
    channel_id: str | None = None

    @property
    def n(self) -> int:
        """Number of videos with a target."""
        return len(self.y)

    @property
    def market(self) -> bool:
        """True when no channel has enough videos for its own baseline (market data)."""
        return not any(str(g).startswith("channel:") for g in self.group)


def trailing_median(
    y: np.ndarray,
    dates: np.ndarray,
    horizon_days: np.ndarray,
    group: np.ndarray,
    window: int = HISTORY_WINDOW,
) -> np.ndarray:
    """Median target of the last ``window`` videos of the same group known at publish time.

    A video's own target never counts, nor that of any video whose target
    was not known strictly before this one was published (``date + horizon``
    at or after this video's date).

    Parameters
    ----------
    y : numpy.ndarray, shape (n,)
    dates : numpy.ndarray of datetime64, shape (n,)
    horizon_days : numpy.ndarray, shape (n,)
    group : numpy.ndarray, shape (n,)
    window : int

    Returns
    -------
    numpy.ndarray, shape (n,)
        NaN where the group has no known earlier video.
    """
    d = np.asarray(dates, dtype="datetime64[ns]")
    known = d + (np.asarray(horizon_days, dtype=float) * 86400e9).astype("timedelta64[ns]")
    out = np.full(len(y), np.nan)
    for g in pd.unique(group):
        idx = np.flatnonzero(group == g)
        order = idx[np.argsort(known[idx], kind="stable")]
        k_sorted = known[order]
        y_sorted = y[order]
        stop = np.searchsorted(k_sorted, d[idx], side="left")
        for i, s in zip(idx, stop, strict=True):
            if s:
                out[i] = float(np.median(y_sorted[max(0, s - window) : s]))
    return out


def trailing_level(
    y: np.ndarray,
    dates: np.ndarray,
    horizon_days: np.ndarray,
    group: np.ndarray,
    halflife: float = LEVEL_HALFLIFE,
) -> np.ndarray:
    """Exponentially weighted mean of each group's earlier known targets.

    The most recent known video weighs 1, the one before ``0.5 ** (1 / halflife)``,
    and so on; a video's own target and targets not yet known at its publish
    time never count (as in :func:`trailing_median`).

    Parameters
    ----------
    y : numpy.ndarray, shape (n,)
    dates : numpy.ndarray of datetime64, shape (n,)
    horizon_days : numpy.ndarray, shape (n,)
    group : numpy.ndarray, shape (n,)
    halflife : float
        In videos.

    Returns
    -------
    numpy.ndarray, shape (n,)
        NaN where the group has no known earlier video.
    """
    d = np.asarray(dates, dtype="datetime64[ns]")
    known = d + (np.asarray(horizon_days, dtype=float) * 86400e9).astype("timedelta64[ns]")
    decay = 0.5 ** (1.0 / halflife)
    out = np.full(len(y), np.nan)
    for g in pd.unique(group):
        idx = np.flatnonzero(group == g)
        order = idx[np.argsort(known[idx], kind="stable")]
        sums = np.empty(len(order))
        weights = np.empty(len(order))
        acc_s = acc_w = 0.0
        for k, value in enumerate(y[order]):
            acc_s = decay * acc_s + value
            acc_w = decay * acc_w + 1.0
            sums[k], weights[k] = acc_s, acc_w
        stop = np.searchsorted(known[order], d[idx], side="left")
        has = stop > 0
        out[idx[has]] = sums[stop[has] - 1] / weights[stop[has] - 1]
    return out


def _group_keys(rows: pd.DataFrame) -> np.ndarray:
    counts = rows["channel_id"].map(rows["channel_id"].value_counts())
    category = rows["category"].where(rows["category"].notna(), "?").astype(str).str.lower()
    return np.where(
        counts >= MIN_CHANNEL_VIDEOS,
        "channel:" + rows["channel_id"].astype(str),
        "category:" + category,
    ).astype(object)


def prepare(
    rows: pd.DataFrame,
    target: str = "exposure",
    channel_id: str | None = None,
    *,
    min_videos: int = MIN_VIDEOS,
) -> ReachData:
    """Build the modelling data from per-video rows.

    Parameters
    ----------
    rows : pandas.DataFrame
        :func:`analytics.store.feature_queries.video_rows` output (all videos of
        the channel(s); cadence features use every upload).
    target : {"exposure", "engagement", "completion"}
    channel_id : str, optional
        Recorded on the result (the rows are expected to be filtered already).
    min_videos : int
        Fewer videos with a target raise :class:`NotEnoughDataError`.

    Raises
    ------
    NotEnoughDataError
        Fewer than ``min_videos`` videos have the target; the message says
        what to export.
    """
    rows = rows.reset_index(drop=True)
    features = build_features(rows) if len(rows) else None
    tgt = make_target(rows, target)
    has = np.isfinite(tgt.y)
    n = int(has.sum())
    if n < min_videos or features is None:
        where = f" for channel {channel_id}" if channel_id else ""
        raise NotEnoughDataError(
            f"not enough data{where}: {n} video(s) have a {tgt.label} figure and at least "
            f"{min_videos} are needed for honest drivers; {WHAT_TO_EXPORT[tgt.name]}"
        )
    sub = rows[has].reset_index(drop=True)
    table = FeatureTable(
        features.X[has].reset_index(drop=True),
        features.keys[has].reset_index(drop=True),
        features.topics,
    )
    available, unavailable = available_features(table.X)
    tsub = Target(tgt.name, tgt.y[has], tgt.basis[has], tgt.horizon_days[has], tgt.label)
    dates = pd.to_datetime(sub["published_utc"]).to_numpy("datetime64[ns]")
    group = _group_keys(sub)
    trailing = trailing_median(tsub.y, dates, tsub.horizon_days, group)
    level = trailing_level(tsub.y, dates, tsub.horizon_days, group)
    return ReachData(
        sub,
        table,
        table.X[available].copy(),
        tsub.y,
        dates,
        tsub.horizon_days,
        group,
        trailing,
        level,
        tsub,
        unavailable,
        channel_id,
    )


class CategoryCodes(TransformerMixin, BaseEstimator):
    """Turn a feature frame into a float array, categoricals as integer codes.

    The categories of each categorical column are recorded at ``fit``; at
    ``transform`` a value outside them, or missing, becomes NaN (which
    ``HistGradientBoostingRegressor`` treats as missing). Much faster than
    letting the estimator ordinal-encode string columns on every predict.

    Parameters
    ----------
    columns : sequence of str
        Columns of the frames it will see, in order.
    """

    def __init__(self, columns: Sequence[str] = ()) -> None:
        self.columns = columns

    def fit(self, X: pd.DataFrame, y: Any = None) -> CategoryCodes:
        """Record the categories of the categorical columns."""
        self.categories_ = {
            c: list(X[c].cat.categories)
            if isinstance(X[c].dtype, pd.CategoricalDtype)
            else sorted({str(v) for v in X[c].dropna()})
            for c in self.columns
            if c in CATEGORICAL_FEATURES
        }
        return self

    def transform(self, X: pd.DataFrame) -> np.ndarray:
        """Return shape (n, len(columns)) floats."""
        out = np.empty((len(X), len(self.columns)))
        for j, c in enumerate(self.columns):
            if c in self.categories_:
                values = (
                    X[c].astype(object) if isinstance(X[c].dtype, pd.CategoricalDtype) else X[c]
                )
                codes = pd.Categorical(values, categories=self.categories_[c]).codes
                out[:, j] = np.where(codes < 0, np.nan, codes)
            else:
                out[:, j] = pd.to_numeric(X[c], errors="coerce").to_numpy(dtype=float)
        return out


class OneHotCodes(TransformerMixin, BaseEstimator):
    """One-hot columns of categorical features (missing or unseen: all zeros).

    Parameters
    ----------
    columns : sequence of str
    """

    def __init__(self, columns: Sequence[str] = ()) -> None:
        self.columns = columns

    def fit(self, X: pd.DataFrame, y: Any = None) -> OneHotCodes:
        """Record the levels of every column."""
        self.categories_ = {}
        for c in self.columns:
            values = X[c].dropna()
            self.categories_[c] = sorted({str(v) for v in values})
        return self

    def transform(self, X: pd.DataFrame) -> np.ndarray:
        """Return shape (n, total levels) of 0/1 floats."""
        blocks = []
        for c in self.columns:
            cats = self.categories_[c]
            values = X[c].astype(object).where(X[c].notna(), None)
            texts = [None if v is None else str(v) for v in values]
            codes = pd.Categorical(texts, categories=cats).codes
            block = np.zeros((len(X), len(cats)))
            ok = codes >= 0
            block[np.flatnonzero(ok), codes[ok]] = 1.0
            blocks.append(block)
        return np.hstack(blocks) if blocks else np.empty((len(X), 0))


def _preprocess(columns: Sequence[str]) -> ColumnTransformer:
    """Encoding for the linear model and the MLP (the trees need none).

    Duration gets a spline on its log (effects of length are not monotonic),
    publish hour a periodic spline over the day, weekday and categoricals a
    one-hot code, other numerics are median-imputed (with a missing flag)
    and standardised.
    """
    cats = [c for c in columns if c in CATEGORICAL_FEATURES or c == "publish_weekday"]
    logs = [c for c in columns if c in _LOG_FEATURES and c != "duration_s"]
    nums = [
        c
        for c in columns
        if c not in cats and c not in logs and c not in ("duration_s", "publish_hour")
    ]
    parts: list[tuple[str, Any, list[str]]] = []
    if "duration_s" in columns:
        parts.append(
            (
                "duration",
                make_pipeline(
                    SimpleImputer(strategy="median", add_indicator=True),
                    FunctionTransformer(np.log1p),
                    SplineTransformer(n_knots=5, degree=2, extrapolation="constant"),
                ),
                ["duration_s"],
            )
        )
    if "publish_hour" in columns:
        knots = np.linspace(0.0, 24.0, 7).reshape(-1, 1)
        parts.append(
            (
                "hour",
                make_pipeline(
                    SimpleImputer(strategy="median"),
                    SplineTransformer(knots=knots, degree=3, extrapolation="periodic"),
                ),
                ["publish_hour"],
            )
        )
    if cats:
        parts.append(("categories", OneHotCodes(cats), cats))
    if logs:
        parts.append(
            (
                "log_numeric",
                make_pipeline(
                    SimpleImputer(strategy="median", add_indicator=True),
                    FunctionTransformer(np.log1p),
                    StandardScaler(),
                ),
                logs,
            )
        )
    if nums:
        parts.append(
            (
                "numeric",
                make_pipeline(
                    SimpleImputer(strategy="median", add_indicator=True), StandardScaler()
                ),
                nums,
            )
        )
    return ColumnTransformer(parts, remainder="drop")


def make_candidate(
    name: str, columns: Sequence[str], n_train: int, random_state: int = 0
) -> Pipeline:
    """Return an unfitted candidate pipeline.

    Parameters
    ----------
    name : {"hgb", "linear", "mlp"}
    columns : sequence of str
        Feature columns it will see (categoricals with ``category`` dtype).
    n_train : int
        Training rows, to size the regularisation (small data, simple trees).
    random_state : int
    """
    if name == "hgb":
        # Boosted stumps: an additive model on the log scale. On tens to a
        # thousand videos they beat deeper trees (depth 2-4) in forward MAE on
        # the sample store and on synthetic channels.
        cats = [c in CATEGORICAL_FEATURES for c in columns]
        stumps = HistGradientBoostingRegressor(
            categorical_features=cats if any(cats) else None,
            max_iter=150,
            learning_rate=0.07,
            max_leaf_nodes=2,
            max_depth=1,
            min_samples_leaf=max(4, min(20, n_train // 12)),
            l2_regularization=0.0,
            early_stopping=False,
            random_state=random_state,
        )
        return Pipeline([("codes", CategoryCodes(list(columns))), ("model", stumps)])
    if name == "linear":
        return Pipeline([("features", _preprocess(columns)), ("model", Ridge(alpha=5.0))])
    if name == "mlp":
        return Pipeline(
            [
                ("features", _preprocess(columns)),
                (
                    "model",
                    MLPRegressor(
                        hidden_layer_sizes=(16,),
                        solver="lbfgs",
                        alpha=3.0,
                        max_iter=300,
                        random_state=random_state,
                    ),
                ),
            ]
        )
    raise ValueError(f"unknown candidate model {name!r}")


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


def score(y: np.ndarray, pred: np.ndarray, hit_threshold: float) -> dict[str, float]:
    """MAE (log scale), Spearman rank correlation and top-quartile-hit ROC AUC.

    Parameters
    ----------
    y, pred : numpy.ndarray, shape (n,)
        Observed and predicted targets on the log scale.
    hit_threshold : float
        A video is a hit when ``y >= hit_threshold``.

    Returns
    -------
    dict
        ``mae_log``, ``spearman``, ``auc`` (NaN when undefined), ``n``.
    """
    mae = float(np.mean(np.abs(y - pred)))
    rho = float(spearmanr(y, pred).statistic) if np.ptp(pred) > 0 else float("nan")
    hit = y >= hit_threshold
    auc = float(roc_auc_score(hit, pred)) if 0 < hit.sum() < len(hit) else float("nan")
    return {"mae_log": mae, "spearman": rho, "auc": auc, "n": int(len(y))}


@dataclass
class Comparison:
    """Forward-validated comparison of the candidates and the baseline.

    Attributes
    ----------
    data : ReachData
    folds : list of Fold
    oof : dict of str to numpy.ndarray, shape (n,)
        Out-of-fold predictions per candidate and ``"baseline"`` (NaN outside tests).
    fold_models : dict of str to list of Pipeline
        The candidate fitted on each fold's training rows.
    fold_baselines : list of numpy.ndarray
        The baseline used for each fold's test rows.
    fold_offsets : list of numpy.ndarray
        The models' offset (:func:`group_offset`) for each fold's test rows.
    scores : dict of str to dict
        :func:`score` on the pooled out-of-fold predictions, plus
        ``mae_log_folds`` (per fold), for each candidate and the baseline.
    chosen : str
        Candidate with the lowest pooled MAE.
    final_model : Pipeline
        The chosen candidate refitted on every video.
    final_offset : numpy.ndarray, shape (n,)
        The final model's offset for every video.
    """

    data: ReachData
    folds: list[Fold]
    oof: dict[str, np.ndarray]
    fold_models: dict[str, list[Pipeline]]
    fold_baselines: list[np.ndarray]
    fold_offsets: list[np.ndarray]
    scores: dict[str, dict[str, Any]]
    chosen: str
    final_model: Pipeline
    final_offset: np.ndarray
    fit_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def beats_baseline(self) -> bool:
        """True when the chosen model's forward MAE is below the baseline's."""
        return self.scores[self.chosen]["mae_log"] < self.scores[BASELINE]["mae_log"]

    @property
    def margin(self) -> dict[str, float]:
        """Chosen model minus baseline: MAE (negative is better), Spearman, AUC, and
        the MAE change as a fraction of the baseline's MAE."""
        m, b = self.scores[self.chosen], self.scores[BASELINE]
        return {
            "mae_log": m["mae_log"] - b["mae_log"],
            "mae_log_relative": (m["mae_log"] - b["mae_log"]) / b["mae_log"]
            if b["mae_log"]
            else 0.0,
            "spearman": m["spearman"] - b["spearman"],
            "auc": m["auc"] - b["auc"],
        }

    def predict(
        self, X: pd.DataFrame, offset: np.ndarray, model: Pipeline | None = None
    ) -> np.ndarray:
        """Prediction on the log scale: offset + the model's deviation.

        Parameters
        ----------
        X : pandas.DataFrame, shape (m, n_features)
        offset : numpy.ndarray, shape (m,)
            Group level (log scale), e.g. ``final_offset`` or a fold's offsets.
        model : Pipeline, optional
            A fold model; the final model when None.
        """
        m = self.final_model if model is None else model
        with one_thread():
            return np.asarray(offset, dtype=float) + m.predict(X[self.data.X.columns])


@contextmanager
def one_thread() -> Iterator[None]:
    """Run scikit-learn (OpenMP, BLAS) on one thread.

    On small data (tens to thousands of videos) a multi-threaded
    HistGradientBoosting fit is several times slower than a single-threaded
    one because of thread start-up and contention; every fit and prediction
    of this package runs inside this context.
    """
    with threadpool_limits(limits=1):
        yield


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
        min_train=max(10, min(20, data.n // 5)),
    )
    X = data.X
    oof = {name: np.full(data.n, np.nan) for name in [*candidates, BASELINE]}
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
        for name in candidates:
            if progress:
                progress(
                    done / steps,
                    f"fitting {CANDIDATE_LABELS[name]} on fold "
                    f"{len(fold_baselines)} of {len(folds)}",
                )
            t0 = time.perf_counter()
            model = _fit(
                make_candidate(name, list(X.columns), len(fold.train), random_state),
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
