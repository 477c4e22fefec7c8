"""Baselines the fans model must beat: popularity, recent popularity, item-item cosine.

Each is a scorer ``scores = scorer(user_positions)`` (see
:mod:`analytics.models.ranking_metrics`) fitted on the training part of a
split only. Item-item cosine comes from ``implicit``'s nearest-neighbour
recommender; the recent-popularity half-life and the number of neighbours
are chosen on a validation split inside the training part, so the model is
compared with the best version of each baseline, not a weak default.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from analytics.models.ranking_metrics import (
    HoldoutSplit,
    Scorer,
    global_time_split,
    per_user_metrics,
    top_k,
)

#: Half-lives (days) tried for recent popularity.
HALF_LIVES_DAYS: tuple[float, ...] = (3.0, 14.0, 60.0)
#: Neighbour counts tried for item-item cosine.
NEIGHBOURS: tuple[int, ...] = (20, 50, 200)
#: Weights of the recency prior tried in the ALS ranking (0 = pure ALS).
RECENCY_WEIGHTS: tuple[float, ...] = (0.0, 0.25, 0.5, 1.0, 2.0)


def popularity_scorer(train: sp.csr_matrix) -> Scorer:
    """Baseline: every fan gets the videos most fans interacted with in training."""
    counts = np.bincount(train.indices, minlength=train.shape[1]).astype(np.float64)

    def score(users: np.ndarray) -> np.ndarray:
        return np.tile(counts, (len(users), 1))

    return score


def recent_popularity_scorer(
    train: sp.csr_matrix, first_seen: np.ndarray, cutoff: float, half_life_days: float
) -> Scorer:
    """Baseline: popularity where each interaction counts ``2 ** (-age / half_life)``.

    ``age`` is the time from the interaction's start to the ``cutoff``, so
    videos that drew fans lately rank first; pairs with no time count as
    old (weight of the oldest timed pair).
    """
    if half_life_days <= 0:
        raise ValueError("half_life_days must be > 0")
    t = np.asarray(first_seen, dtype=np.float64)
    oldest = np.nanmin(t) if np.isfinite(t).any() else cutoff
    age_days = (cutoff - np.where(np.isnan(t), oldest, t)) / 86400.0
    weights = np.exp2(-np.clip(age_days, 0.0, None) / half_life_days)
    counts = np.bincount(train.indices, weights=weights, minlength=train.shape[1])

    def score(users: np.ndarray) -> np.ndarray:
        return np.tile(counts, (len(users), 1))

    return score


def item_cosine_similarity(train: sp.csr_matrix, n_neighbours: int = 50) -> sp.csr_matrix:
    """Item-item cosine similarity on binary co-occurrence, top neighbours kept.

    ``implicit``'s :class:`~implicit.nearest_neighbours.CosineRecommender`
    (Sarwar et al., "Item-based collaborative filtering recommendation
    algorithms", WWW 2001) on who interacted with which video.

    Returns
    -------
    scipy.sparse.csr_matrix, shape (n_items, n_items)
        ``S[i, j]`` = cosine of videos ``i`` and ``j`` for the
        ``n_neighbours`` nearest neighbours ``j`` of ``i``; zero diagonal.
    """
    from implicit.nearest_neighbours import CosineRecommender
    from implicit.utils import ParameterWarning
    from threadpoolctl import threadpool_limits

    binary = train.tocsr(copy=True).astype(np.float32)
    binary.data[:] = 1.0
    n_items = binary.shape[1]
    if n_items < 2 or n_neighbours < 1:
        return sp.csr_matrix((n_items, n_items))
    with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
        # implicit converts its own normalised matrix to CSR and warns about it.
        warnings.simplefilter("ignore", category=ParameterWarning)
        knn = CosineRecommender(K=min(n_neighbours, n_items - 1) + 1, num_threads=1)
        knn.fit(binary, show_progress=False)
    sim = sp.csr_matrix(knn.similarity, dtype=np.float64)
    sim.setdiag(0.0)
    sim.eliminate_zeros()
    return sim


def item_cosine_scorer(train: sp.csr_matrix, n_neighbours: int = 50) -> Scorer:
    """Baseline: score(u, i) = sum of similarities of ``i`` to the fan's training videos."""
    sim = item_cosine_similarity(train, n_neighbours)
    binary = train.tocsr(copy=True).astype(np.float32)
    binary.data[:] = 1.0

    def score(users: np.ndarray) -> np.ndarray:
        return np.asarray((binary[users] @ sim).toarray(), dtype=np.float64)

    return score


def _standardise(x: np.ndarray) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    return centred / (x.std(axis=-1, keepdims=True) + 1e-12)


def blend_scorer(als: Scorer, recent: Scorer, weight: float) -> Scorer:
    """ALS ranking with a recency prior: ``z(ALS score) + weight * z(log(1 + recent popularity))``.

    Scores are standardised per fan (ALS) and over the catalogue (recent
    popularity), so ``weight`` is on a fixed scale; 0 gives pure ALS.
    """
    if weight == 0:
        return als

    def score(users: np.ndarray) -> np.ndarray:
        prior = _standardise(np.log1p(np.asarray(recent(users[:1]), dtype=np.float64)[0]))
        return _standardise(np.asarray(als(users), dtype=np.float64)) + weight * prior

    return score


def baseline_scorers(
    split: HoldoutSplit,
    *,
    k: int = 10,
    test_fraction: float = 0.2,
    half_lives: Sequence[float] = HALF_LIVES_DAYS,
    neighbours: Sequence[int] = NEIGHBOURS,
) -> tuple[dict[str, Scorer], dict[str, float]]:
    """The three baselines fitted on ``split.train``, tuned on a split inside it.

    Returns
    -------
    (scorers, chosen)
        ``scorers``: ``popularity``, ``recent_popularity``, ``item_cosine``;
        ``chosen``: ``half_life_days`` and ``neighbours`` picked by
        validation NDCG@k (the first candidate when there is no validation fan).
    """
    train = split.train
    times = train.first_seen if train.first_seen is not None else np.full(train.nnz, np.nan)
    cutoff = split.cutoff if np.isfinite(split.cutoff) else float(np.nanmax(times, initial=0.0))
    chosen = {"half_life_days": float(half_lives[0]), "neighbours": float(neighbours[0])}
    if train.first_seen is not None and train.nnz:
        inner = global_time_split(train, test_fraction=test_fraction)
        users = inner.test_users
        if users.size:
            exclude = inner.train.user_items[users]
            relevant = inner.test[users]

            def ndcg(scorer: Scorer) -> float:
                recs = top_k(np.array(scorer(users), dtype=np.float64), k, exclude)
                return float(np.nanmean(per_user_metrics(recs, relevant, k)["ndcg"]))

            inner_times = inner.train.first_seen
            assert inner_times is not None
            hl = [
                ndcg(
                    recent_popularity_scorer(
                        inner.train.user_items, inner_times, inner.cutoff, float(h)
                    )
                )
                for h in half_lives
            ]
            nb = [ndcg(item_cosine_scorer(inner.train.user_items, int(n))) for n in neighbours]
            chosen = {
                "half_life_days": float(half_lives[int(np.argmax(hl))]),
                "neighbours": float(neighbours[int(np.argmax(nb))]),
            }
    scorers = {
        "popularity": popularity_scorer(train.user_items),
        "recent_popularity": recent_popularity_scorer(
            train.user_items, times, cutoff, chosen["half_life_days"]
        ),
        "item_cosine": item_cosine_scorer(train.user_items, int(chosen["neighbours"])),
    }
    return scorers, chosen
