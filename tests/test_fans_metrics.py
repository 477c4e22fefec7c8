"""Ranking metrics, the global time split and the baselines, checked by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp

from analytics.models.fans import (
    item_cosine_scorer,
    item_cosine_similarity,
    lift_interval,
    popularity_scorer,
    recent_popularity_scorer,
    reliability_warnings,
)
from analytics.models.interactions import IndexMap, InteractionMatrix
from analytics.models.ranking_metrics import (
    CooccurrenceCosine,
    catalogue_coverage,
    evaluate_scorers,
    global_time_split,
    intra_list_diversity,
    item_popularity,
    novelty,
    per_user_metrics,
    top_k,
)


def _matrix(dense: list[list[float]], times: list[list[float]] | None = None) -> InteractionMatrix:
    m = sp.csr_matrix(np.array(dense, dtype=np.float32))
    first = None
    if times is not None:
        t = np.array(times, dtype=np.float64)
        first = np.concatenate([t[r][np.array(dense[r]) > 0] for r in range(len(dense))])
    users = IndexMap([f"f{i}" for i in range(m.shape[0])])
    items = IndexMap([f"v{i}" for i in range(m.shape[1])])
    return InteractionMatrix(m, users, items, first)


def test_per_user_metrics_by_hand() -> None:
    recs = np.array([[3, 1, 2], [0, -1, -1]])
    relevant = sp.csr_matrix(np.array([[0, 1, 1, 0], [0, 0, 0, 1]], dtype=np.float32))
    out = per_user_metrics(recs, relevant, k=3)
    # Fan 0: hits at ranks 2 and 3 of 3; 2 relevant.
    assert out["precision"][0] == pytest.approx(2 / 3)
    assert out["recall"][0] == pytest.approx(1.0)
    dcg = 1 / math.log2(3) + 1 / math.log2(4)
    idcg = 1 + 1 / math.log2(3)
    assert out["ndcg"][0] == pytest.approx(dcg / idcg)  # 0.6934
    assert out["ndcg"][0] == pytest.approx(0.693426, abs=1e-6)
    assert out["map"][0] == pytest.approx((1 / 2 + 2 / 3) / 2)
    # Fan 1: nothing found.
    assert [out[m][1] for m in ("precision", "recall", "ndcg", "map")] == [0, 0, 0, 0]


def test_top_k_excludes_training_items_and_pads() -> None:
    scores = np.array([[0.1, 0.9, 0.5, 0.7], [1.0, 2.0, 3.0, 4.0]])
    exclude = sp.csr_matrix(np.array([[0, 1, 0, 0], [1, 1, 1, 0]], dtype=np.float32))
    out = top_k(scores.copy(), 3, exclude)
    assert out.tolist() == [[3, 2, 0], [3, -1, -1]]
    assert top_k(np.array([[1.0, 1.0, 0.0]]), 2).tolist() == [[0, 1]]  # ties by position


def test_global_time_split_cuts_every_fan_at_one_time() -> None:
    nan = float("nan")
    m = _matrix(
        [[1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 1], [0, 0, 1, 1]],
        [[1, 2, 9, 0], [3, 8, 0, 0], [nan, 0, 0, 7], [0, 0, 10, 11]],
    )
    split = global_time_split(m, cutoff=8.0)
    # Before 8: f0 v0 v1, f1 v0, f2 v0 (unknown time = oldest) v3. From 8 on: f0 v2 (v2 had
    # no fan before 8: dropped), f1 v1 (kept), f3 v2 and v3 (f3 had nothing before: dropped).
    assert split.test.toarray().astype(int).tolist() == [
        [0, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
    ]
    assert split.train.user_items.toarray().astype(int).tolist() == [
        [1, 1, 0, 0],
        [1, 0, 0, 0],
        [1, 0, 0, 1],
        [0, 0, 0, 0],
    ]
    assert split.test_users.tolist() == [1]
    assert (split.cutoff, split.after_cutoff, split.cold_pairs) == (8.0, 4, 3)
    assert split.train.first_seen is not None
    assert split.train.first_seen[~np.isnan(split.train.first_seen)].max() < 8
    # Default cutoff: 25 % of the 8 timed pairs at or after it (the value at rank 6 of 0..7).
    assert global_time_split(m, test_fraction=0.25).cutoff == 10.0
    with pytest.raises(ValueError, match="time"):
        global_time_split(_matrix([[1, 1]]))
    with pytest.raises(ValueError, match="test_fraction"):
        global_time_split(m, test_fraction=1.0)


def test_recent_popularity_and_lift_interval() -> None:
    train = sp.csr_matrix(np.array([[1, 1, 0], [1, 0, 0]], dtype=np.float32))
    day = 86400.0
    times = np.array([0.0, 9 * day, 8 * day])  # f0 v0 day 0, f0 v1 day 9, f1 v0 day 8
    # Cutoff day 10, half-life 1 day: weights 2**-10, 2**-1, 2**-2.
    score = recent_popularity_scorer(train, times, 10 * day, 1.0)(np.array([0]))
    assert score[0].tolist() == pytest.approx([2**-10 + 2**-2, 2**-1, 0.0])
    with pytest.raises(ValueError, match="half_life"):
        recent_popularity_scorer(train, times, 10 * day, 0.0)
    model = np.array([0.4, 0.2, 0.6, 0.4])
    base = np.array([0.2, 0.2, 0.4, 0.2])
    lift, lo, hi = lift_interval(model, base, n_boot=200, seed=0)
    assert lift == pytest.approx(1.6 / 1.0 - 1)
    assert lo <= lift <= hi
    assert math.isnan(lift_interval(np.zeros(0), np.zeros(0))[0])


def test_coverage_novelty_and_diversity_by_hand() -> None:
    train = sp.csr_matrix(
        np.array([[1, 1, 0, 0], [1, 0, 1, 0], [1, 0, 0, 1], [0, 0, 1, 1]], dtype=np.float32)
    )
    recs = np.array([[2, 3], [1, 3], [1, -1]])
    assert catalogue_coverage(recs, 4) == 0.75
    pop = item_popularity(train)
    assert pop.tolist() == [0.75, 0.25, 0.5, 0.5]
    # -log2 of 0.5, 0.5, 0.25, 0.5, 0.25 -> 1, 1, 2, 1, 2
    assert novelty(recs, pop, 4) == pytest.approx(7 / 5)
    cos = CooccurrenceCosine(train)
    # cos(v2, v3) = 1 / (sqrt2 * sqrt2) = 0.5; cos(v1, v3) = 0. Fan 2's list has one video.
    assert intra_list_diversity(recs, cos) == pytest.approx(((1 - 0.5) + (1 - 0.0)) / 2)
    assert intra_list_diversity(recs, cos, max_dense_items=1) == pytest.approx(0.75)


def test_baselines_by_hand() -> None:
    train = sp.csr_matrix(np.array([[1, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=np.float32))
    assert popularity_scorer(train)(np.array([0, 2])).tolist() == [[2, 2, 1], [2, 2, 1]]
    sim = item_cosine_similarity(train, n_neighbours=1).toarray()
    # cos(v0, v1) = 1/2, cos(v0, v2) = 1/sqrt2, cos(v1, v2) = 0: one neighbour kept per video
    # (implicit's CosineRecommender: row i holds the neighbours of video i).
    assert sim[0].tolist() == pytest.approx([0.0, 0.0, 1 / math.sqrt(2)])
    assert sim[2].tolist() == pytest.approx([1 / math.sqrt(2), 0.0, 0.0])
    assert sim[1].tolist() == pytest.approx([0.5, 0.0, 0.0])
    scores = item_cosine_scorer(train, n_neighbours=5)(np.array([2]))
    # Fan 2 has v1: v0 scores cos(v1, v0) = 0.5, v2 scores 0.
    assert scores[0].tolist() == pytest.approx([0.5, 0.0, 0.0])


def test_evaluate_scorers_oracle_and_reverse() -> None:
    times = [[1, 2, 3, 0.5, 0], [1, 2, 3, 4, 0], [1, 2, 3, 4, 0]]
    # Nobody has v4 (think of a video whose fans are all spam).
    m = _matrix([[1, 1, 1, 1, 0], [1, 1, 1, 1, 0], [1, 1, 1, 1, 0]], times)
    split = global_time_split(m, cutoff=4.0)  # fans 1 and 2 are tested on v3
    assert split.test_users.tolist() == [1, 2]
    test_dense = split.test.toarray()

    def oracle(users: np.ndarray) -> np.ndarray:
        return test_dense[users].astype(float)

    def reverse(users: np.ndarray) -> np.ndarray:
        return -test_dense[users].astype(float)

    table = evaluate_scorers({"oracle": oracle, "reverse": reverse}, split, ks=(1,))
    assert table.loc["oracle", "precision@1"] == 1.0
    assert table.loc["oracle", "ndcg@1"] == 1.0
    assert table.loc["oracle", "map@1"] == 1.0
    assert table.loc["oracle", "coverage@1"] == 0.2
    assert table.loc["reverse", "ndcg@1"] == 0.0  # v4 ranked above the held-out v3
    assert table.loc["reverse", "recall@1"] == 0.0
    assert list(table.columns) == [
        "precision@1",
        "recall@1",
        "ndcg@1",
        "map@1",
        "coverage@1",
        "novelty@1",
        "diversity@1",
    ]


def test_reliability_warnings_name_the_counts() -> None:
    assert reliability_warnings(500, 2000, 146, 10) == []
    w = reliability_warnings(2, 922, 5, 10)
    assert w[0].startswith("Only 2 of 922 fans interacted both before and after the test cutoff")
    assert "too thin to trust" in w[0]
    assert w[1].startswith("Only 5 videos have fan interactions")
