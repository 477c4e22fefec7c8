"""Offline evaluation of recommenders: time-ordered holdout, top-k metrics, baselines.

The protocol is the one the recommender field reports (Herlocker et al.
2004; Cremonesi, Koren and Turrin 2010; Castells, Hurley and Vargas,
"Novelty and Diversity in Recommender Systems", 2015):

- **global time split**: one cutoff for every fan; models learn from the
  interactions that began before it and are tested on those that began
  after it (a per-fan "latest videos" holdout lets a model learn from other
  fans' future and inflates every figure);
- **full ranking**: every video in the catalogue is ranked for every test
  fan (no sampled negatives), videos the fan had in training are excluded;
- **metrics at k**: precision@k, recall@k, NDCG@k, MAP@k per fan, averaged;
  catalogue coverage, novelty (mean self-information of recommended videos)
  and intra-list diversity (mean pairwise co-occurrence cosine distance);
- **baselines in the same run**: :mod:`analytics.models.fans.baselines`.

Scorers are plain callables ``scores = scorer(user_positions)`` returning a
dense ``(len(user_positions), n_items)`` array, so any model can be
compared on the same split.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analytics.models.interactions import InteractionMatrix
from analytics.models.list_metrics import CooccurrenceCosine as CooccurrenceCosine  # re-exported
from analytics.models.list_metrics import catalogue_coverage as catalogue_coverage
from analytics.models.list_metrics import intra_list_diversity as intra_list_diversity
from analytics.models.list_metrics import item_popularity as item_popularity
from analytics.models.list_metrics import novelty as novelty

Scorer = Callable[[np.ndarray], np.ndarray]
ProgressFn = Callable[[float, str], None]

#: Fewer test fans than this and the report says the figures are too thin to trust.
MIN_RELIABLE_TEST_FANS = 100
#: Metrics computed at each k, in table order.
RANK_METRICS = ("precision", "recall", "ndcg", "map")
LIST_METRICS = ("coverage", "novelty", "diversity")


@dataclass
class HoldoutSplit:
    """A train / test split of one interaction matrix at a global time.

    Attributes
    ----------
    train : InteractionMatrix
        Same id maps and shape as the input, test pairs removed
        (``first_seen`` kept for the remaining pairs).
    test : scipy.sparse.csr_matrix, shape (n_users, n_items), float32
        Held-out pairs (value 1).
    test_users : ndarray of int64
        Row positions with at least one held-out video, ascending.
    cutoff : float
        Epoch seconds of the cut: training pairs began before it, test pairs
        at or after it (NaN when there is no timed pair).
    after_cutoff : int
        Pairs that began at or after the cutoff, before the warm-start filter.
    cold_pairs : int
        Of those, pairs left out of the test because their fan or their video
        has no training interaction (no collaborative model can rank them).
    """

    train: InteractionMatrix
    test: sp.csr_matrix
    test_users: np.ndarray
    cutoff: float = float("nan")
    after_cutoff: int = 0
    cold_pairs: int = 0


def global_time_split(
    matrix: InteractionMatrix,
    *,
    test_fraction: float = 0.2,
    cutoff: float | None = None,
) -> HoldoutSplit:
    """Split every fan at one global time: train before it, test on what comes after.

    Every model sees only interactions that began before the cutoff, for
    every fan alike, so none learns from another fan's future (a per-fan
    "latest 20 %" split does: with fans who watch soon after publishing it
    inflates recall several times). The cutoff is the time before which
    ``1 - test_fraction`` of the timed pairs began. Test pairs whose fan or
    video has no training pair are left out and counted (``cold_pairs``):
    no collaborative model can rank a video nobody had watched yet.
    Pairs with an unknown time count as the oldest (always training).

    Parameters
    ----------
    matrix : InteractionMatrix
        Needs ``first_seen``.
    test_fraction : float
        Share of timed pairs after the cutoff, in (0, 1).
    cutoff : float, optional
        Epoch seconds of the cut (overrides ``test_fraction``).

    Returns
    -------
    HoldoutSplit

    Raises
    ------
    ValueError
        ``matrix.first_seen`` is None, or the fraction is out of range.
    """
    if matrix.first_seen is None:
        raise ValueError("a time-ordered holdout needs the time of each interaction")
    if not 0 < test_fraction < 1:
        raise ValueError("need 0 < test_fraction < 1")
    m = matrix.user_items
    n_users, n_items = m.shape
    times = np.where(np.isnan(matrix.first_seen), -np.inf, matrix.first_seen)
    timed = times[np.isfinite(times)]
    if cutoff is None:
        cutoff = (
            float(np.quantile(timed, 1.0 - test_fraction, method="higher"))
            if timed.size
            else float("inf")
        )
    counts = np.diff(m.indptr).astype(np.int64)
    rows = np.repeat(np.arange(n_users, dtype=np.int64), counts)
    after = times >= cutoff
    keep = ~after
    warm_user = np.bincount(rows[keep], minlength=n_users) > 0
    warm_item = np.bincount(m.indices[keep], minlength=n_items) > 0
    is_test = after & warm_user[rows] & warm_item[m.indices]

    def subset(mask: np.ndarray, values: np.ndarray) -> sp.csr_matrix:
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[mask], minlength=n_users))])
        return sp.csr_matrix(
            (values[mask], m.indices[mask], indptr.astype(m.indptr.dtype)), shape=m.shape
        )

    train = InteractionMatrix(
        subset(keep, m.data), matrix.users, matrix.items, matrix.first_seen[keep]
    )
    test = subset(is_test, np.ones(m.nnz, dtype=np.float32))
    test_users = np.flatnonzero(np.diff(test.indptr) > 0).astype(np.int64)
    return HoldoutSplit(
        train,
        test,
        test_users,
        float(cutoff) if np.isfinite(cutoff) else float("nan"),
        int(after.sum()),
        int((after & ~is_test).sum()),
    )


def top_k(scores: np.ndarray, k: int, exclude: sp.csr_matrix | None = None) -> np.ndarray:
    """Positions of the ``k`` highest scores per row, best first.

    Parameters
    ----------
    scores : ndarray, shape (b, n_items)
        Higher is better; modified in place where ``exclude`` is set.
    k : int
        List length.
    exclude : scipy.sparse.csr_matrix, shape (b, n_items), optional
        Stored positions are never returned (training items).

    Returns
    -------
    ndarray of int64, shape (b, k)
        Item positions; ``-1`` pads a row with fewer than ``k`` candidates.
    """
    b, n_items = scores.shape
    if exclude is not None and exclude.nnz:
        ex = exclude.tocsr()
        r = np.repeat(np.arange(b), np.diff(ex.indptr))
        scores[r, ex.indices] = -np.inf
    kk = min(k, n_items)
    if kk == 0:
        return np.full((b, k), -1, dtype=np.int64)
    part = np.argpartition(-scores, kk - 1, axis=1)[:, :kk]
    part_scores = np.take_along_axis(scores, part, axis=1)
    # Best first; ties by item position for determinism.
    order = np.lexsort((part, -part_scores), axis=1)
    best = np.take_along_axis(part, order, axis=1).astype(np.int64)
    best_scores = np.take_along_axis(part_scores, order, axis=1)
    best[~np.isfinite(best_scores)] = -1
    if kk < k:
        best = np.hstack([best, np.full((b, k - kk), -1, dtype=np.int64)])
    return best


def per_user_metrics(recs: np.ndarray, relevant: sp.csr_matrix, k: int) -> dict[str, np.ndarray]:
    """Precision, recall, NDCG and average precision at ``k`` for each fan.

    Parameters
    ----------
    recs : ndarray of int64, shape (b, >= k)
        Ranked item positions, ``-1`` for empty slots.
    relevant : scipy.sparse.csr_matrix, shape (b, n_items)
        Held-out items of each fan (stored = relevant); every row non-empty.
    k : int
        Cut-off.

    Returns
    -------
    dict of str to ndarray, shape (b,)
        ``precision`` = hits / k; ``recall`` = hits / |relevant|;
        ``ndcg`` = DCG / ideal DCG with binary gains and ``1 / log2(rank + 1)``
        discounts (Jarvelin and Kekalainen 2002); ``map`` = average precision
        at k, normalised by ``min(|relevant|, k)``.
    """
    top = recs[:, :k]
    b = top.shape[0]
    rel = relevant.tocsr()
    n_rel = np.diff(rel.indptr).astype(np.float64)
    flat = top.ravel()
    rows = np.repeat(np.arange(b), top.shape[1])
    ok = flat >= 0
    found = np.zeros(flat.size, dtype=np.float64)
    if ok.any():
        found[ok] = np.asarray(rel[rows[ok], flat[ok]]).ravel()
    hits = (found > 0).reshape(top.shape)
    n_hits = hits.sum(axis=1).astype(np.float64)
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    dcg = (hits * discounts).sum(axis=1)
    ideal_n = np.minimum(n_rel, k).astype(np.int64)
    ideal = np.concatenate([[0.0], np.cumsum(discounts)])[ideal_n]
    cum_hits = np.cumsum(hits, axis=1)
    prec_at = cum_hits / np.arange(1, k + 1)
    ap = (prec_at * hits).sum(axis=1) / np.maximum(ideal_n, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return {
            "precision": n_hits / k,
            "recall": np.where(n_rel > 0, n_hits / n_rel, np.nan),
            "ndcg": np.where(ideal > 0, dcg / np.where(ideal > 0, ideal, 1.0), np.nan),
            "map": np.where(n_rel > 0, ap, np.nan),
        }


def _sample_users(users: np.ndarray, max_users: int | None, random_state: int) -> np.ndarray:
    if max_users is None or users.size <= max_users:
        return users
    rng = np.random.default_rng(random_state)
    return np.sort(rng.choice(users, size=max_users, replace=False))


def evaluate_scorers(
    scorers: Mapping[str, Scorer],
    split: HoldoutSplit,
    *,
    ks: Sequence[int] = (10, 5),
    batch_size: int = 2000,
    max_test_users: int | None = None,
    random_state: int = 0,
    progress: ProgressFn | None = None,
    per_user_out: dict[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """Rank the full catalogue for each test fan with each scorer and measure.

    Parameters
    ----------
    scorers : mapping of str to Scorer
        Model name -> ``scorer(user_positions) -> (b, n_items)`` scores.
    split : HoldoutSplit
    ks : sequence of int
        Cut-offs; the first is the headline.
    max_test_users : int, optional
        Evaluate a fixed random sample of this many test fans (speed).
    per_user_out : dict, optional
        Filled with each scorer's per-fan NDCG at the headline k (one value
        per evaluated fan, same order for every scorer; NaN-free), for
        intervals that resample fans.

    Returns
    -------
    pandas.DataFrame
        One row per scorer (index = name); columns ``precision@k``,
        ``recall@k``, ``ndcg@k``, ``map@k``, ``coverage@k`` (fraction),
        ``novelty@k`` (bits), ``diversity@k`` (intra-list, in [0, 1]) for
        each k; NaN everywhere when there is no test fan.
    """
    ks_in = [int(k) for k in ks]
    ks = sorted(set(ks_in), reverse=True)
    k_max = ks[0]
    users = _sample_users(split.test_users, max_test_users, random_state)
    train = split.train.user_items
    n_items = train.shape[1]
    pop = item_popularity(train)
    n_train_users = int((np.diff(train.indptr) > 0).sum())
    cosine = CooccurrenceCosine(train)
    columns = [f"{m}@{k}" for k in ks for m in (*RANK_METRICS, *LIST_METRICS)]
    table = pd.DataFrame(index=list(scorers), columns=columns, dtype=float)
    for n_done, (name, scorer) in enumerate(scorers.items()):
        if progress is not None:
            progress(n_done / max(len(scorers), 1), f"ranking every video for {name}")
        if users.size == 0:
            continue
        recs_parts = []
        for start in range(0, users.size, batch_size):
            batch = users[start : start + batch_size]
            scores = np.array(scorer(batch), dtype=np.float64, copy=True)
            if scores.shape != (batch.size, n_items):
                raise ValueError(
                    f"scorer {name} returned shape {scores.shape}, "
                    f"expected ({batch.size}, {n_items})"
                )
            scores[~np.isfinite(scores)] = -np.finfo(np.float64).max
            recs_parts.append(top_k(scores, k_max, exclude=train[batch]))
        recs = np.vstack(recs_parts)
        relevant = split.test[users]
        if per_user_out is not None:
            head = per_user_metrics(recs, relevant, int(ks_in[0]))["ndcg"]
            per_user_out[name] = np.nan_to_num(head, nan=0.0)
        for k in ks:
            per_user = per_user_metrics(recs, relevant, k)
            for metric in RANK_METRICS:
                table.loc[name, f"{metric}@{k}"] = float(np.nanmean(per_user[metric]))
            top = recs[:, :k]
            table.loc[name, f"coverage@{k}"] = catalogue_coverage(top, n_items)
            table.loc[name, f"novelty@{k}"] = novelty(top, pop, n_train_users)
            table.loc[name, f"diversity@{k}"] = intra_list_diversity(top, cosine)
    if progress is not None:
        progress(1.0, "evaluation done")
    return table
