"""Partial dependence (Friedman 2001) and ICE curves (Goldstein et al. 2015).

The curves come from :func:`sklearn.inspection.partial_dependence`; this
module picks the grid (quantiles of a numeric feature, the levels of a
categorical one), the videos averaged over and the ICE curves drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.inspection import partial_dependence
from sklearn.pipeline import Pipeline

from analytics.models.drivers.types import DependenceCurve
from analytics.models.reach import Comparison, one_thread

# Partial dependence averages over at most this many videos (a fixed random
# sample): the average of 400 curves is as good as that of thousands.
PD_MAX_ROWS = 400


def _grid(values: pd.Series, categorical: bool, grid_size: int) -> list[Any]:
    if categorical:
        counts = values.value_counts()
        return [level for level in counts.index if counts[level] > 0]
    clean = values.dropna().astype(float)
    unique = np.unique(clean)
    if len(unique) <= grid_size:
        return [float(v) for v in unique]
    return [float(v) for v in np.unique(np.quantile(clean, np.linspace(0.02, 0.98, grid_size)))]


def _pd_sample(X: pd.DataFrame, random_state: int = 0) -> pd.DataFrame:
    """At most :data:`PD_MAX_ROWS` rows of ``X`` (a fixed random sample, in order)."""
    if len(X) <= PD_MAX_ROWS:
        return X.reset_index(drop=True)
    rng = np.random.default_rng(random_state)
    keep = np.sort(rng.choice(len(X), size=PD_MAX_ROWS, replace=False))
    return X.iloc[keep].reset_index(drop=True)


def ice(model: Pipeline, X: pd.DataFrame, feature: str, grid: Sequence[Any]) -> np.ndarray:
    """Predicted deviation of every row of ``X`` at every grid value, shape (n, n_grid).

    Individual conditional expectation from
    :func:`sklearn.inspection.partial_dependence` (``kind="individual"``, the
    brute method) at exactly the values of ``grid``, in its order; a
    categorical feature keeps its categories.
    """
    categorical = isinstance(X[feature].dtype, pd.CategoricalDtype)
    values = np.asarray(grid, dtype=object if categorical else float)
    with one_thread():
        result = partial_dependence(
            model,
            X,
            [feature],
            kind="individual",
            custom_values={feature: values},
            categorical_features=[feature] if categorical else None,
        )
    return np.asarray(result["individual"][0], dtype=float)


def dependence(
    comparison: Comparison,
    feature: str,
    *,
    grid_size: int = 20,
    n_ice: int = 60,
    random_state: int = 0,
) -> DependenceCurve:
    """Partial dependence and ICE curves of ``feature`` for the chosen model.

    Parameters
    ----------
    comparison : Comparison
    feature : str
        A column of ``comparison.data.X``.
    grid_size : int
        Numeric features: at most this many grid values (quantiles 2 %-98 %).
    n_ice : int
        ICE curves drawn (a random sample of videos); the average uses up to
        :data:`PD_MAX_ROWS` videos.

    Returns
    -------
    DependenceCurve
    """
    X = comparison.data.X
    categorical = isinstance(X[feature].dtype, pd.CategoricalDtype)
    grid = _grid(X[feature], categorical, grid_size)
    rng = np.random.default_rng(random_state)
    ice_all = ice(comparison.final_model, _pd_sample(X, random_state), feature, grid)
    if categorical:
        counts = np.array([int((X[feature] == g).sum()) for g in grid])
    else:
        values = X[feature].astype(float).to_numpy()
        ok = np.isfinite(values)
        nearest = np.abs(values[ok, None] - np.asarray(grid)[None, :]).argmin(axis=1)
        counts = np.bincount(nearest, minlength=len(grid))
    pick = rng.choice(len(ice_all), size=min(n_ice, len(ice_all)), replace=False)
    return DependenceCurve(
        feature, categorical, grid, counts, ice_all.mean(axis=0), ice_all[np.sort(pick)]
    )
