"""The users x items matrix: orientation, contiguous id maps, confidence (cases C20, C21)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from analytics.errors import NotEnoughDataError
from analytics.models.fans import ALSParams, FansModel
from analytics.models.interactions import (
    IndexMap,
    InteractionMatrix,
    bm25_weight,
    check_event_weights,
    confidence,
    describe,
    from_frame,
)
from analytics.services.fans import load_matrix
from analytics.store.connection import connect
from analytics.store.fan_queries import insert_fan_interactions


def _watch_frame(path: Path) -> InteractionMatrix:
    frame = pd.read_csv(path, dtype=str)
    return from_frame(
        frame,
        user_col="viewer_id",
        item_col="video_id",
        weight_col="watch_seconds",
        event_col=None,
        time_col=None,
    )


# ----------------------------------------------------------------------------- C20
def test_c20_factor_shapes_follow_the_id_maps(cases_dir: Path) -> None:
    matrix = _watch_frame(cases_dir / "C20" / "input.csv")
    assert matrix.shape == (3, 5)
    assert list(matrix.users.keys) == ["u0", "u1", "u2"]
    assert list(matrix.items.keys) == ["v0", "v1", "v2", "v3", "v4"]
    assert matrix.nnz == 7
    model = FansModel(ALSParams(factors=2, iterations=10)).fit(matrix)
    assert model.user_factors_.shape == (3, 2)
    assert model.item_factors_.shape == (5, 2)
    assert np.isfinite(model.user_factors_).all() and np.isfinite(model.item_factors_).all()


def test_c20_recommendations_exclude_watched_videos(cases_dir: Path) -> None:
    matrix = _watch_frame(cases_dir / "C20" / "input.csv")
    model = FansModel(ALSParams(factors=2, iterations=10)).fit(matrix)
    rec = model.recommend("u0", n=10)
    assert rec.known
    # u0 watched v0 and v1: only the three others come back, never a filter sentinel.
    assert sorted(rec.ids) == ["v2", "v3", "v4"]
    assert all(abs(s) < 1e3 for s in rec.scores)
    assert model.recommend("u1", n=2).ids[0] in {"v0", "v3", "v4"}


def test_c20_item_x_user_orientation_is_refused(cases_dir: Path) -> None:
    matrix = _watch_frame(cases_dir / "C20" / "input.csv")
    with pytest.raises(ValueError, match="must be fans x videos"):
        InteractionMatrix(matrix.user_items.T.tocsr(), matrix.users, matrix.items)


# ----------------------------------------------------------------------------- C21
def test_c21_raw_ids_are_mapped_to_dense_positions(cases_dir: Path) -> None:
    matrix = _watch_frame(cases_dir / "C21" / "input.csv")
    assert matrix.shape == (4, 4)  # not 41 x 1005
    assert list(matrix.users.keys) == ["10", "20", "30", "40"]
    assert list(matrix.items.keys) == ["1001", "1002", "1003", "1004"]
    assert matrix.users.index_of("40") == 3
    assert matrix.items.index_of("1001") == 0
    dense = matrix.user_items.toarray()
    assert dense[0].tolist() == [120.0, 30.0, 0.0, 0.0]  # viewer 10: 1001 and 1002
    model = FansModel(ALSParams(factors=2, iterations=10)).fit(matrix)
    assert model.user_factors_.shape == (4, 2)
    assert model.item_factors_.shape == (4, 2)
    # No all-zero phantom rows.
    assert (np.abs(model.user_factors_).sum(axis=1) > 0).all()


def test_c21_answers_in_raw_ids_and_unknown_viewer_is_clear(cases_dir: Path) -> None:
    matrix = _watch_frame(cases_dir / "C21" / "input.csv")
    model = FansModel(ALSParams(factors=2, iterations=10)).fit(matrix)
    rec = model.recommend("10", n=10)
    assert sorted(rec.ids) == ["1003", "1004"]
    assert model.recommend(10).ids == rec.ids  # an int id means the same viewer
    unknown = model.recommend("99")
    assert not unknown.known and unknown.ids == []
    assert "unknown fan '99'" in unknown.message
    assert not model.similar_videos("1005").known
    with pytest.raises(KeyError, match=r"outside 0\.\.3"):
        model.items_.key_of(7)


def test_c21_id_maps_are_stored_next_to_the_model(cases_dir: Path, tmp_path: Path) -> None:
    matrix = _watch_frame(cases_dir / "C21" / "input.csv")
    model = FansModel(ALSParams(factors=2, iterations=10)).fit(matrix)
    path = tmp_path / "fans.npz"
    model.save(path)
    with np.load(path, allow_pickle=False) as z:
        assert [k.decode() for k in z["user_keys"].tolist()] == ["10", "20", "30", "40"]
        assert [k.decode() for k in z["item_keys"].tolist()] == ["1001", "1002", "1003", "1004"]
        assert z["user_factors"].shape == (4, 2)
    loaded = FansModel.load(path)
    assert loaded.users_ == model.users_ and loaded.items_ == model.items_
    assert loaded.recommend("10").ids == model.recommend("10").ids
    np.testing.assert_array_equal(loaded.item_factors_, model.item_factors_)


# ----------------------------------------------------------------------- index maps
def test_index_map_lookups() -> None:
    m = IndexMap(["b", "a", "c"])
    assert len(m) == 3 and "a" in m and "z" not in m
    assert m.indices(["c", "z", "b"]).tolist() == [2, -1, 0]
    assert m.keys_of([1, 0]) == ["a", "b"]
    with pytest.raises(ValueError, match="not unique"):
        IndexMap(["a", "a"]).index_of("a")


# ------------------------------------------------------------------------ weighting
def test_event_weights_are_summed_per_pair_and_spam_left_out() -> None:
    frame = pd.DataFrame(
        {
            "fan_key": ["f1", "f1", "f1", "f2", "f2", "f3"],
            "video_id": ["v1", "v1", "v2", "v1", "v1", "v2"],
            "event": ["view", "like", "comment", "share", "view", "comment"],
            "weight": [2.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            "ts": ["2025-01-02", "2025-01-01", "2025-01-03", None, "2025-01-05", "2025-01-01"],
            "is_spam": [False, False, False, False, False, True],
        }
    )
    m = from_frame(frame)
    assert list(m.users.keys) == ["f1", "f2"]  # f3 is spam only
    assert m.user_items.toarray().tolist() == [[2.0 * 1 + 3.0, 4.0], [5.0 + 1.0, 0.0]]
    # first_seen is the earliest event of each pair; aligned with the CSR data.
    day = 86400.0
    base = pd.Timestamp("2025-01-01", tz="UTC").timestamp()
    assert m.first_seen is not None
    assert (m.first_seen - base).tolist() == [0.0, 2 * day, 4 * day]
    with_spam = from_frame(frame, include_spam=True)
    assert list(with_spam.users.keys) == ["f1", "f2", "f3"]
    custom = from_frame(frame, event_weights={"view": 1, "like": 0, "comment": 10})
    # share is not listed: weight 1; like weighs 0.
    assert custom.user_items.toarray().tolist() == [[2.0, 10.0], [2.0, 0.0]]
    with pytest.raises(ValueError, match=">= 0"):
        check_event_weights({"view": -1})


def test_confidence_is_one_plus_alpha_times_weight() -> None:
    r = sp.csr_matrix(np.array([[1.0, 0.0, 3.0], [0.0, 0.5, 0.0]], dtype=np.float32))
    c = confidence(r, alpha=10.0)
    assert c.toarray().tolist() == [[11.0, 0.0, 31.0], [0.0, 6.0, 0.0]]
    logc = confidence(r, alpha=2.0, scaling="log", epsilon=1.0)
    np.testing.assert_allclose(logc.data, 1 + 2 * np.log1p([1.0, 3.0, 0.5]), rtol=1e-6)
    with pytest.raises(ValueError, match="scaling"):
        confidence(r, 1.0, scaling="cube")  # type: ignore[arg-type]


def test_bm25_weight_by_hand() -> None:
    # implicit's BM25 over the videos x fans matrix: documents are videos, terms fans.
    r = sp.csr_matrix(
        np.array([[2.0, 1.0, 0.0, 0.0], [0.0, 4.0, 0.0, 0.0], [0.0, 0.0, 0.0, 3.0], [1, 1, 1, 1]])
    )
    w = bm25_weight(r, k1=1.0, b=0.5).toarray()
    # idf per fan = log(4 videos) - log(1 + videos of the fan); fan 3 is on all four.
    idf = np.log(4.0) - np.log1p([2.0, 1.0, 1.0, 4.0])
    assert idf[3] < 0
    lens = np.array([3.0, 6.0, 1.0, 4.0])  # total strength per video
    norm = 0.5 + 0.5 * lens / lens.mean()
    expected = np.zeros((4, 4))
    for u, i in zip(*r.nonzero(), strict=True):
        value = r[u, i] * 2 / (norm[i] + r[u, i]) * idf[u]
        expected[u, i] = max(value, 1e-3)  # a fan on every video is floored, never <= 0
    np.testing.assert_allclose(w, expected, rtol=1e-5)
    assert (w[3] == np.float32(1e-3)).all()
    bm = confidence(r, alpha=1.0, bm25=True, bm25_k1=1.0, bm25_b=0.5)
    np.testing.assert_allclose(bm.toarray()[0, :2], 1 + expected[0, :2], rtol=1e-5)


def test_tiny_data_clamps_factors_and_never_nan() -> None:
    frame = pd.DataFrame({"fan_key": ["a", "b"], "video_id": ["x", "y"]})
    model = FansModel(ALSParams(factors=64, regularization=1e-6, alpha=100.0)).fit(
        from_frame(frame)
    )
    assert model.factors_ == 2
    assert model.user_factors_.shape == (2, 2)
    assert np.isfinite(model.user_factors_).all() and np.isfinite(model.item_factors_).all()
    assert model.recommend("a").ids == ["y"]


# -------------------------------------------------------------------------- store
def test_store_loader_weights_events_and_skips_spam(db_path: Path) -> None:
    t = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    rows = pd.DataFrame(
        {
            "channel_id": ["c1", "c1", "c1", "c1", "c2", "c1"],
            "fan_key": ["k2", "k2", "k1", "k1", "k1", "spammer"],
            "video_id": ["v9", "v9", "v9", "v1", "v7", "v1"],
            "event": ["view", "Like", "comment", "watch", "view", "comment"],
            "ts": [t, t + dt.timedelta(hours=1), None, t, t, t],
            "weight": [1.0, 1.0, 1.0, 90.0, 1.0, 1.0],
            "is_spam": [False, False, False, False, False, True],
        }
    )
    with connect(db_path) as con:
        assert insert_fan_interactions(con, rows) == 6
    m = load_matrix(db_path, "c1")
    assert list(m.users.keys) == ["k1", "k2"]
    assert list(m.items.keys) == ["v1", "v9"]
    assert m.user_items.toarray().tolist() == [[90.0, 4.0], [0.0, 4.0]]
    assert m.first_seen is not None
    assert np.isnan(m.first_seen[1])  # k1 x v9 had no time
    assert m.first_seen[2] == t.timestamp()
    everything = load_matrix(db_path, None, include_spam=True)
    assert everything.shape == (3, 3)
    assert describe(everything)["fans_with_2plus_videos"] == 1  # k1: v1, v7, v9
    with pytest.raises(NotEnoughDataError, match="no fan interactions"):
        load_matrix(db_path, "nobody")
