"""Nearest videos and channels by factor cosine come from ``implicit`` and equal the former ones.

The reference below is the former hand-written cosine: factors divided by
their norms (a zero vector stays zero), the product with the query row, the
query itself left out, the best ``n`` first. ``implicit``'s
``similar_items`` / ``similar_users`` on the same factors must give the same
neighbours with the same scores (float32 factors: scores within 1e-5).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.models.fans import ALSParams, FansModel
from analytics.models.fans_synthetic import synthetic_fans
from analytics.models.interactions import from_frame
from analytics.models.market_topics import MarketTopicsModel
from analytics.models.ranking_metrics import top_k


def reference_neighbours(factors: np.ndarray, row: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The former hand-written cosine neighbours of ``row``: (positions, scores)."""
    norms = np.linalg.norm(factors, axis=1, keepdims=True)
    unit = np.divide(factors, norms, out=np.zeros_like(factors), where=norms > 0)
    cos = (unit @ unit[row]).astype(np.float64)[None, :]
    cos[0, row] = -np.inf
    best = top_k(cos, n)[0]
    best = best[best >= 0]
    return best, cos[0, best]


@pytest.fixture(scope="module")
def model() -> FansModel:
    return FansModel(ALSParams(4, 10.0, 1.0, 20)).fit(from_frame(synthetic_fans().interactions))


def _same(
    got_ids: list[str], got_scores: list[float], want: np.ndarray, scores: np.ndarray, keys
) -> None:
    np.testing.assert_allclose(got_scores, scores, rtol=0, atol=1e-5)
    assert len(got_ids) == len(want)
    # the same neighbours; only videos whose scores tie may swap places
    for got, exp, s in zip(got_ids, keys(want), scores, strict=True):
        if got != exp:
            assert np.isclose(s, scores, atol=1e-5).sum() > 1


def test_similar_videos_equal_the_hand_written_cosine(model: FansModel) -> None:
    factors = model.item_factors_
    checked = 0
    for i in range(0, len(model.items_), 7):
        video = model.items_.keys_of(np.array([i]))[0]
        for n in (1, 5, 20):
            got = model.similar_videos(video, n)
            assert got.known and got.method == "item factors"
            want, scores = reference_neighbours(factors, i, n)
            _same(got.ids, got.scores, want, scores, model.items_.keys_of)
            assert video not in got.ids
            checked += 1
    assert checked == 3 * len(range(0, len(model.items_), 7)) == 69
    # asking for more than there are gives every other video once
    everything = model.similar_videos(model.items_.keys_of(np.array([0]))[0], 500)
    assert len(everything.ids) == len(set(everything.ids)) == len(model.items_) - 1


def test_similar_channels_equal_the_hand_written_cosine() -> None:
    rng = np.random.default_rng(3)
    topics = [f"t{j}" for j in range(12)]
    rows = [
        {"channel_id": f"c{c}", "topic": t, "videos": int(rng.integers(1, 9))}
        for c in range(15)
        for t in topics
        if rng.random() < (0.7 if (topics.index(t) // 4) == c % 3 else 0.15)
    ]
    market = MarketTopicsModel(random_state=0).fit(pd.DataFrame(rows))
    m = market.model_
    for c in range(len(m.users_)):
        channel = m.users_.keys_of(np.array([c]))[0]
        got = market.similar_channels(channel, 6)
        assert got.known and got.method == "channel factors"
        want, scores = reference_neighbours(m.user_factors_, c, 6)
        _same(got.ids, got.scores, want, scores, m.users_.keys_of)
        assert channel not in got.ids
