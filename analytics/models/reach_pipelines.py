"""The candidate models of reach: scikit-learn pipelines over the content features.

``hgb`` (gradient boosting with native categorical support), ``linear``
(one-hot categoricals, scaled numerics, Ridge) and ``mlp`` (the linear
preprocessing and a small MLP); BLAS is held to one thread while they fit.
Re-exported by :mod:`analytics.models.reach`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import (
    FunctionTransformer,
    SplineTransformer,
    StandardScaler,
)
from threadpoolctl import threadpool_limits

from analytics.features import (
    CATEGORICAL_FEATURES,
)
from analytics.models.reach_data import FALLBACK_MATURITIES as FALLBACK_MATURITIES  # re-exported
from analytics.models.reach_data import HISTORY_WINDOW as HISTORY_WINDOW
from analytics.models.reach_data import LEVEL_HALFLIFE as LEVEL_HALFLIFE
from analytics.models.reach_data import MIN_CHANNEL_VIDEOS as MIN_CHANNEL_VIDEOS
from analytics.models.reach_data import MIN_VIDEOS as MIN_VIDEOS
from analytics.models.reach_data import ReachData as ReachData
from analytics.models.reach_data import _group_keys as _group_keys
from analytics.models.reach_data import _maturity as _maturity
from analytics.models.reach_data import min_train_rows as min_train_rows
from analytics.models.reach_data import prepare as prepare
from analytics.models.reach_data import trailing_level as trailing_level
from analytics.models.reach_data import trailing_median as trailing_median

# Numeric features that are heavy-tailed: the linear/MLP models see log1p of them.
_LOG_FEATURES = ("duration_s", "followers_at_publish", "days_since_prev_upload")


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
