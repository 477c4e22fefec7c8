"""Grouped permutation importance on held-out forward folds.

Permutation importance (Breiman 2001; Fisher, Rudin & Dominici 2019) on the
held-out rows of every forward fold; features whose values move together
(|Spearman| >= 0.8) are shuffled together and reported as one group.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analytics.features import CATEGORICAL_FEATURES
from analytics.models.drivers.types import Driver
from analytics.models.reach import Comparison, one_thread

CORRELATION_THRESHOLD = 0.8


def correlated_groups(X: pd.DataFrame, threshold: float = CORRELATION_THRESHOLD) -> list[list[str]]:
    """Group features whose |Spearman| correlation reaches ``threshold``.

    Categorical features take part through their one-hot columns (a level
    that coincides with another feature joins the groups). Groups are the
    connected components of the "correlated" relation, in column order.

    Parameters
    ----------
    X : pandas.DataFrame, shape (n, n_features)
    threshold : float

    Returns
    -------
    list of list of str
        Every column exactly once.
    """
    columns = list(X.columns)
    parts: dict[str, str] = {}
    encoded: dict[str, pd.Series] = {}
    for col in columns:
        if col in CATEGORICAL_FEATURES or isinstance(X[col].dtype, pd.CategoricalDtype):
            dummies = pd.get_dummies(X[col].astype(object), prefix=col, dtype=float)
            if dummies.shape[1] == 2:  # two levels: one column says it all
                dummies = dummies.iloc[:, :1]
            for name in dummies.columns:
                encoded[name] = dummies[name]
                parts[name] = col
        else:
            encoded[col] = X[col].astype(float)
            parts[col] = col
    frame = pd.DataFrame(encoded)
    corr = frame.corr(method="spearman", min_periods=10).abs().to_numpy()
    parent = {c: c for c in columns}

    def root(c: str) -> str:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    names = list(frame.columns)
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            a, b = parts[names[i]], parts[names[j]]
            if a != b and np.isfinite(corr[i, j]) and corr[i, j] >= threshold:
                ra, rb = root(a), root(b)
                if ra != rb:
                    parent[max(ra, rb, key=columns.index)] = min(ra, rb, key=columns.index)
    groups: dict[str, list[str]] = {}
    for col in columns:
        groups.setdefault(root(col), []).append(col)
    return list(groups.values())


def _shuffled(
    X: pd.DataFrame, members: Sequence[str], n_repeats: int, rng: np.random.Generator
) -> pd.DataFrame:
    """``n_repeats`` copies of ``X`` stacked, the member columns shuffled jointly in each."""
    n = len(X)
    stacked = pd.concat([X] * n_repeats, ignore_index=True)
    idx = np.concatenate([rng.permutation(n) for _ in range(n_repeats)])
    for col in members:
        stacked[col] = X[col].iloc[idx].reset_index(drop=True)
    return stacked


def permutation_drivers(
    comparison: Comparison,
    *,
    n_repeats: int = 5,
    threshold: float = CORRELATION_THRESHOLD,
    random_state: int = 0,
) -> list[Driver]:
    """Grouped permutation importance of the chosen model on held-out folds.

    Parameters
    ----------
    comparison : Comparison
        From :func:`analytics.models.reach.compare_models`.
    n_repeats : int
        Shuffles per fold and group.
    threshold : float
        |Spearman| at or above which features are permuted as one group.
    random_state : int

    Returns
    -------
    list of Driver
        Sorted by importance, largest first.
    """
    data = comparison.data
    X = data.X
    groups = correlated_groups(X, threshold)
    rng = np.random.default_rng(random_state)
    models = comparison.fold_models[comparison.chosen]
    per_group: dict[tuple[str, ...], list[float]] = {tuple(g): [] for g in groups}
    with one_thread():
        for fold, model, offset in zip(
            comparison.folds, models, comparison.fold_offsets, strict=True
        ):
            Xte = X.iloc[fold.test].reset_index(drop=True)
            y = data.y[fold.test]
            ref = float(np.mean(np.abs(y - (offset + model.predict(Xte)))))
            y_rep = np.tile(y, n_repeats)
            off_rep = np.tile(offset, n_repeats)
            for group in groups:
                pred = off_rep + model.predict(_shuffled(Xte, group, n_repeats, rng))
                per_group[tuple(group)].append(float(np.mean(np.abs(y_rep - pred))) - ref)
    drivers = [
        Driver(" + ".join(g), g, float(np.mean(v)), float(np.std(v)), tuple(v))
        for g, v in per_group.items()
    ]
    return sorted(drivers, key=lambda d: (-d.importance, d.feature))
