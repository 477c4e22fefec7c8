"""Time-ordered cross-validation; shuffled splits on dated rows are refused.

A model validated with shuffled folds on dated data (daily views, a
channel's videos) looks far better than it is: neighbouring days or videos
leak into training (case C24: a random forest on lag features scores
R2 0.88 with ``KFold(shuffle=True)`` and -1.50 forward in time). Every score
this product shows comes from forward folds where, in every fold, the latest
training date is before the earliest test date; when the target is only
known some days after publish (day-7 views), training rows whose target was
not yet known at the test start are left out as well (a purge gap).

References: Bergmeir & Benitez (2012), "On the use of cross-validation for
time series predictor evaluation", Information Sciences 191; scikit-learn's
``TimeSeriesSplit``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone

from analytics.errors import AnalyticsError

_SHUFFLING_SPLITTERS = (
    "ShuffleSplit",
    "StratifiedShuffleSplit",
    "GroupShuffleSplit",
    "RepeatedKFold",
    "RepeatedStratifiedKFold",
)


class TimeLeakageError(AnalyticsError):
    """A validation split would train on the future of its test rows."""


@dataclass(frozen=True)
class Fold:
    """One forward fold.

    Attributes
    ----------
    train, test : numpy.ndarray of int
        Row positions of the training and the test rows.
    train_end : pandas.Timestamp
        Latest date among the training rows.
    test_start : pandas.Timestamp
        Earliest date among the test rows; always after ``train_end``.
    """

    train: np.ndarray
    test: np.ndarray
    train_end: pd.Timestamp
    test_start: pd.Timestamp


def _as_dates(dates: Any) -> np.ndarray:
    values = pd.to_datetime(pd.Series(np.asarray(dates)))
    if values.dt.tz is not None:
        values = values.dt.tz_convert("UTC").dt.tz_localize(None)
    if values.isna().any():
        raise TimeLeakageError("every row needs a date for time-ordered validation")
    return values.to_numpy("datetime64[ns]")


def _check(train: np.ndarray, test: np.ndarray, d: np.ndarray) -> Fold:
    if len(train) == 0 or len(test) == 0:
        raise TimeLeakageError("a validation fold has no training or no test rows")
    train_end, test_start = d[train].max(), d[test].min()
    if not train_end < test_start:
        raise TimeLeakageError(
            "refusing a split that trains on rows dated on or after its test rows "
            f"(latest training date {pd.Timestamp(train_end)}, earliest test date "
            f"{pd.Timestamp(test_start)}): shuffled or unordered cross-validation leaks the "
            "future on dated data; use forward (time-ordered) folds"
        )
    return Fold(
        np.asarray(train), np.asarray(test), pd.Timestamp(train_end), pd.Timestamp(test_start)
    )


def forward_folds(
    dates: Any, n_splits: int = 4, *, horizon_days: Any = None, min_train: int = 10
) -> list[Fold]:
    """Expanding-window forward folds over dated rows (any row order).

    Rows are ordered by date; the last ``n_splits`` blocks of
    ``n // (n_splits + 1)`` rows each are the test sets, each trained on
    everything dated before it (as ``sklearn.model_selection.TimeSeriesSplit``).
    Rows sharing the first test row's date all go to the test side.

    Parameters
    ----------
    dates : array-like of datetime, shape (n,)
        Date (publish time) of each row.
    n_splits : int
        Number of folds before dropping folds with too little training data.
    horizon_days : float or array-like of float, shape (n,), optional
        Days after its date at which a row's target is known; a training row
        is kept only if ``date + horizon <= test start``.
    min_train : int
        Folds with fewer training rows are dropped.

    Returns
    -------
    list of Fold
        In time order; for each, ``train_end < test_start``.

    Raises
    ------
    TimeLeakageError
        No fold has ``min_train`` training rows, or a row has no date.
    """
    d = _as_dates(dates)
    n = len(d)
    horizon = (
        np.zeros(n)
        if horizon_days is None
        else np.broadcast_to(np.asarray(horizon_days, dtype=float), (n,))
    )
    known = d + (horizon * 86400e9).astype("timedelta64[ns]")
    order = np.argsort(d, kind="stable")
    test_size = n // (n_splits + 1)
    folds: list[Fold] = []
    if test_size == 0:
        raise TimeLeakageError(f"{n} dated rows are too few for {n_splits} forward folds")
    ds = d[order]
    bounds = [n - (n_splits - k) * test_size for k in range(n_splits)]
    for i, b in enumerate(bounds):
        # rows sharing the first test row's date all go to the test side
        while b > 0 and ds[b - 1] == ds[b]:
            b -= 1
        bounds[i] = b
    bounds.append(n)
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        test = order[start:stop]
        if len(test) == 0:
            continue
        test_start = d[test].min()
        before = order[:start]
        train = before[known[before] <= test_start]
        if len(train) < min_train:
            continue
        folds.append(_check(np.sort(train), np.sort(test), d))
    if not folds:
        raise TimeLeakageError(
            f"{n} dated rows leave fewer than {min_train} training rows in every forward fold"
        )
    return folds


def folds_from_splitter(cv: Any, dates: Any, X: Any = None) -> list[Fold]:
    """Check the folds of a scikit-learn splitter and return them as :class:`Fold`.

    Parameters
    ----------
    cv : splitter or iterable of (train, test)
        ``TimeSeriesSplit`` on date-sorted rows, precomputed index pairs, ...
    dates : array-like of datetime, shape (n,)
    X : array-like, optional
        Passed to ``cv.split``; defaults to a column of row numbers.

    Raises
    ------
    TimeLeakageError
        The splitter shuffles (``KFold(shuffle=True)``, ``ShuffleSplit`` ...),
        or any fold trains on a row dated on or after its earliest test row.
    """
    d = _as_dates(dates)
    name = type(cv).__name__
    if getattr(cv, "shuffle", False) or name in _SHUFFLING_SPLITTERS:
        raise TimeLeakageError(
            f"refusing {name} with shuffling on dated data: neighbouring dates leak into "
            "training and the score is too good to be true; use forward (time-ordered) folds"
        )
    splits: Iterable[tuple[Any, Any]]
    if hasattr(cv, "split"):
        splits = cv.split(np.arange(len(d)).reshape(-1, 1) if X is None else X)
    else:
        splits = cv
    return [_check(np.asarray(tr), np.asarray(te), d) for tr, te in splits]


def iter_forward(
    cv: Any, dates: Any, *, n_splits: int = 4, horizon_days: Any = None, min_train: int = 10
) -> Iterator[Fold]:
    """Yield checked forward folds: from ``cv`` if given, else :func:`forward_folds`."""
    if cv is None:
        yield from forward_folds(dates, n_splits, horizon_days=horizon_days, min_train=min_train)
    else:
        yield from folds_from_splitter(cv, dates)


def forward_predictions(
    estimator: Any,
    X: Any,
    y: Any,
    dates: Any,
    *,
    cv: Any = None,
    n_splits: int = 4,
    min_train: int = 10,
) -> tuple[np.ndarray, list[Fold]]:
    """Out-of-fold predictions from forward folds only.

    Parameters
    ----------
    estimator : scikit-learn estimator
        Cloned and fitted once per fold.
    X : array-like or DataFrame, shape (n, n_features)
    y : array-like, shape (n,)
    dates : array-like of datetime, shape (n,)
    cv : splitter, optional
        Checked with :func:`folds_from_splitter` (shuffled splits are refused);
        :func:`forward_folds` when None.

    Returns
    -------
    predictions : numpy.ndarray, shape (n,)
        NaN for rows that are never in a test fold (the first training block).
    folds : list of Fold

    Raises
    ------
    TimeLeakageError
        ``cv`` shuffles or trains on the future.
    """
    y = np.asarray(y, dtype=float)
    pred = np.full(len(y), np.nan)
    folds = list(iter_forward(cv, dates, n_splits=n_splits, min_train=min_train))
    for fold in folds:
        model = clone(estimator)
        Xtr = X.iloc[fold.train] if hasattr(X, "iloc") else np.asarray(X)[fold.train]
        Xte = X.iloc[fold.test] if hasattr(X, "iloc") else np.asarray(X)[fold.test]
        model.fit(Xtr, y[fold.train])
        pred[fold.test] = model.predict(Xte)
    return pred, folds


@dataclass(frozen=True)
class ForwardScore:
    """Forward-fold score of a model next to a naive baseline on the same rows.

    Attributes
    ----------
    mae, r2 : float
        The model's pooled out-of-fold MAE and R2 (test rows of every fold).
    baseline_mae, baseline_r2 : float
        The baseline's on the same rows.
    r2_folds, baseline_r2_folds : tuple of float
        R2 within each fold (what ``cross_val_score`` reports per fold).
    n_test : int
        Rows scored.
    folds : list of Fold
    """

    mae: float
    r2: float
    baseline_mae: float
    baseline_r2: float
    r2_folds: tuple[float, ...]
    baseline_r2_folds: tuple[float, ...]
    n_test: int
    folds: list[Fold]


def forward_scores(
    estimator: Any,
    X: Any,
    y: Any,
    dates: Any,
    baseline: Any,
    *,
    cv: Any = None,
    n_splits: int = 5,
    min_train: int = 10,
) -> ForwardScore:
    """Score a model on forward folds only, against a baseline prediction.

    Parameters
    ----------
    estimator : scikit-learn estimator
    X : array-like or DataFrame, shape (n, n_features)
    y : array-like, shape (n,)
    dates : array-like of datetime, shape (n,)
    baseline : array-like, shape (n,)
        The naive prediction of each row known at its date (e.g. yesterday's
        value for next-day views).
    cv : splitter, optional
        Refused when it shuffles or trains on the future; forward folds when None.
    n_splits, min_train : int
        For the default forward folds.

    Returns
    -------
    ForwardScore

    Raises
    ------
    TimeLeakageError
        ``cv`` shuffles or trains on the future.
    """
    y = np.asarray(y, dtype=float)
    base = np.asarray(baseline, dtype=float)
    pred, folds = forward_predictions(
        estimator, X, y, dates, cv=cv, n_splits=n_splits, min_train=min_train
    )
    tested = np.isfinite(pred)

    def r2(p: np.ndarray, rows: np.ndarray) -> float:
        yt = y[rows]
        return float(1.0 - np.sum((yt - p[rows]) ** 2) / np.sum((yt - yt.mean()) ** 2))

    return ForwardScore(
        mae=float(np.mean(np.abs(y[tested] - pred[tested]))),
        r2=r2(pred, tested),
        baseline_mae=float(np.mean(np.abs(y[tested] - base[tested]))),
        baseline_r2=r2(base, tested),
        r2_folds=tuple(r2(pred, f.test) for f in folds),
        baseline_r2_folds=tuple(r2(base, f.test) for f in folds),
        n_test=int(tested.sum()),
        folds=folds,
    )
