"""Case C24: shuffled cross-validation on daily data leaks the future; we refuse it.

Input: tests/data/cases/C24/input.csv (120 made-up days of views with a trend,
a weekly cycle and noise). A "next-day views" random forest on lag features
looks excellent with shuffled KFold (R2 about 0.89, computed here with plain
scikit-learn to show the trap) and fails forward in time, where the naive
"same as yesterday" forecast beats it. Our validation only reports the
forward score, next to that baseline, and refuses shuffled splits.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import r2_score
from sklearn.model_selection import KFold, ShuffleSplit, TimeSeriesSplit, cross_val_predict

from analytics.models import reach
from analytics.models.validation import (
    TimeLeakageError,
    folds_from_splitter,
    forward_folds,
    forward_predictions,
    forward_scores,
)
from analytics.services.reach import load_reach_data


@pytest.fixture
def lagged(cases_dir: Path) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    df = pd.read_csv(cases_dir / "C24" / "input.csv", parse_dates=["date"])
    assert len(df) == 120 and df["date"].iloc[0] == pd.Timestamp("2025-01-01")
    X = pd.DataFrame(
        {
            "lag1": df["views"].shift(1),
            "lag7": df["views"].shift(7),
            "weekday": df["date"].dt.day_of_week,
        }
    )
    ok = X.notna().all(axis=1).to_numpy()
    return (
        X[ok].reset_index(drop=True),
        df["views"][ok].reset_index(drop=True).astype(float),
        df["date"][ok].reset_index(drop=True),
    )


def forest() -> RandomForestRegressor:
    return RandomForestRegressor(n_estimators=100, random_state=0, n_jobs=1)


def test_shuffled_splits_are_refused(lagged: tuple[pd.DataFrame, pd.Series, pd.Series]) -> None:
    X, y, dates = lagged
    for cv in (KFold(5, shuffle=True, random_state=0), ShuffleSplit(5, random_state=0)):
        with pytest.raises(TimeLeakageError, match="shuffl"):
            folds_from_splitter(cv, dates)
        with pytest.raises(TimeLeakageError):
            forward_scores(forest(), X, y, dates, X["lag1"], cv=cv)
    # unshuffled KFold still trains on the future of its first folds
    with pytest.raises(TimeLeakageError, match="latest training date 2025-04-30"):
        forward_predictions(forest(), X, y, dates, cv=KFold(5))
    # TimeSeriesSplit on rows in date order is forward: accepted
    folds = folds_from_splitter(TimeSeriesSplit(5), dates)
    assert [len(f.test) for f in folds] == [18] * 5
    # ... but not on rows out of date order
    with pytest.raises(TimeLeakageError):
        folds_from_splitter(TimeSeriesSplit(5), dates[::-1].reset_index(drop=True))


def test_reported_score_is_the_forward_one_vs_same_as_yesterday(
    lagged: tuple[pd.DataFrame, pd.Series, pd.Series],
) -> None:
    X, y, dates = lagged
    # what the plain library call reports with shuffled folds: too good to be true
    shuffled = cross_val_predict(forest(), X, y, cv=KFold(5, shuffle=True, random_state=0))
    assert r2_score(y, shuffled) == pytest.approx(0.885, abs=0.03)

    score = forward_scores(forest(), X, y, dates, baseline=X["lag1"], n_splits=5)
    for fold in score.folds:
        assert dates[fold.train].max() < dates[fold.test].min()
        assert fold.train_end < fold.test_start
    assert [(len(f.train), len(f.test)) for f in score.folds] == [
        (23, 18),
        (41, 18),
        (59, 18),
        (77, 18),
        (95, 18),
    ]
    assert score.n_test == 90
    assert score.folds[-1].test_start == pd.Timestamp("2025-04-13")
    # forward, within each fold, the forest is far worse than in the shuffled picture ...
    assert np.mean(score.r2_folds) == pytest.approx(-1.35, abs=0.3)
    # ... and the naive "same as yesterday" forecast beats it
    assert score.baseline_mae == pytest.approx(202.389, abs=1e-3)
    assert score.mae == pytest.approx(282.0, abs=15.0)
    assert score.mae > score.baseline_mae
    assert score.r2 < score.baseline_r2 == pytest.approx(0.8116, abs=1e-3)


def test_forward_folds_keep_ties_together_and_purge_unknown_targets() -> None:
    dates = pd.to_datetime(
        ["2025-01-01"] * 4 + ["2025-01-02"] * 4 + ["2025-01-03"] * 4 + ["2025-01-10"] * 4
    )
    folds = forward_folds(dates, n_splits=3, min_train=1)
    for f in folds:
        assert dates[f.train].max() < dates[f.test].min()
    assert [(len(f.train), len(f.test)) for f in folds] == [(4, 4), (8, 4), (12, 4)]
    # targets known 2 days after their date: training rows must be known at the test start
    folds = forward_folds(dates, n_splits=3, horizon_days=2.0, min_train=1)
    assert [(len(f.train), len(f.test)) for f in folds] == [(4, 4), (12, 4)]
    with pytest.raises(TimeLeakageError, match="fewer than 50 training rows"):
        forward_folds(dates, n_splits=3, min_train=50)


def test_the_reach_models_use_forward_folds_only(tmp_path: Path) -> None:
    from tests.reach_stores import YT, build_synthetic_store

    db = build_synthetic_store(tmp_path / "s.duckdb")
    data = load_reach_data(db, YT)
    comp = reach.compare_models(data, candidates=("linear",))
    assert len(comp.folds) == 4
    for fold in comp.folds:
        # max(train date) < min(test date), with day-7 targets known before the test start
        assert data.dates[fold.train].max() + np.timedelta64(7, "D") <= data.dates[fold.test].min()
    # every scored prediction comes from a fold that never saw the video
    tested = np.isfinite(comp.oof["linear"])
    assert tested.sum() == sum(len(f.test) for f in comp.folds) == 104
    assert not np.isfinite(comp.oof["linear"][comp.folds[0].train]).any()
