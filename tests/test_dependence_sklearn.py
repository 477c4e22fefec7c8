"""ICE and partial dependence come from ``sklearn.inspection`` and equal the hand-written curves.

The reference below is the module's former hand-written ICE: every row of
the sample stacked once per grid value, the feature set to that value, one
prediction. scikit-learn's ``partial_dependence(kind="individual")`` at the
same grid (``custom_values``) must give the same curves on a synthetic
channel, for every numeric and categorical feature, for the final model and
the forward-fold models that the readings use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analytics.models import reach
from analytics.models.drivers.dependence import PD_MAX_ROWS, _grid, _pd_sample, dependence, ice
from analytics.store.connection import connect
from analytics.store.feature_queries import video_rows
from tests.reach_stores import build_synthetic_store


def reference_ice(model: Any, X: pd.DataFrame, feature: str, grid: Sequence[Any]) -> np.ndarray:
    """The hand-written ICE the module used before: one stacked prediction, shape (n, n_grid)."""
    n = len(X)
    stacked = pd.concat([X] * len(grid), ignore_index=True)
    if isinstance(X[feature].dtype, pd.CategoricalDtype):
        values = np.repeat(np.asarray(grid, dtype=object), n)
        stacked[feature] = pd.Categorical(values, categories=X[feature].cat.categories)
    else:
        stacked[feature] = np.repeat(np.asarray(grid, dtype=float), n)
    with reach.one_thread():
        pred = model.predict(stacked)
    return pred.reshape(len(grid), n).T


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> reach.Comparison:
    store = build_synthetic_store(tmp_path_factory.mktemp("dependence") / "s.duckdb")
    with connect(store) as con:
        rows = video_rows(con)
    return reach.compare_models(reach.prepare(rows))


def test_ice_equals_the_hand_written_curves_for_every_feature(
    comparison: reach.Comparison,
) -> None:
    X = comparison.data.X
    sample = _pd_sample(X)
    assert len(sample) == min(len(X), PD_MAX_ROWS) > 100
    categorical = [c for c in X.columns if isinstance(X[c].dtype, pd.CategoricalDtype)]
    assert {"topic", "content_type"} <= set(categorical)
    models = [comparison.final_model, comparison.fold_models[comparison.chosen][0]]
    for feature in X.columns:
        is_cat = feature in categorical
        grid = _grid(X[feature], is_cat, 20)
        assert len(grid) >= 2, feature
        for model in models:
            got = ice(model, sample, feature, grid)
            want = reference_ice(model, sample, feature, grid)
            assert got.shape == (len(sample), len(grid)), feature
            np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12, err_msg=feature)
    # a grid in another order (the readings put the level asked about first)
    topic_grid = _grid(X["topic"], True, 20)[::-1]
    np.testing.assert_allclose(
        ice(comparison.final_model, sample, "topic", topic_grid),
        reference_ice(comparison.final_model, sample, "topic", topic_grid),
        rtol=1e-9,
        atol=1e-12,
    )


def test_dependence_average_is_the_mean_of_the_reference_curves(
    comparison: reach.Comparison,
) -> None:
    X = comparison.data.X
    sample = _pd_sample(X)
    for feature in ("duration_s", "publish_hour", "topic"):
        curve = dependence(comparison, feature)
        want = reference_ice(comparison.final_model, sample, feature, curve.grid)
        np.testing.assert_allclose(curve.average, want.mean(axis=0), rtol=1e-9, atol=1e-12)
        assert curve.ice.shape == (60, len(curve.grid))
        # each drawn ICE curve is one of the reference rows
        for row in curve.ice[:5]:
            assert np.isclose(want, row, rtol=1e-9, atol=1e-12).all(axis=1).any(), feature
    # the planted effect is visible in the curve: cooking above vlog (2.0 vs 0.7 planted)
    topic = dependence(comparison, "topic")
    by_level = dict(zip(topic.grid, topic.average, strict=True))
    assert by_level["cooking"] - by_level["vlog"] > np.log(2.0)
