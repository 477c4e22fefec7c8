"""Choosing ALS hyperparameters on a validation split cut at a global time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from analytics.models.fans.baselines import (
    RECENCY_WEIGHTS,
    blend_scorer,
    recent_popularity_scorer,
)
from analytics.models.fans.fit import ALSParams, Engine, FansModel
from analytics.models.fans.matrix import rows_subset
from analytics.models.interactions import InteractionMatrix, Scaling
from analytics.models.ranking_metrics import ProgressFn, global_time_split, per_user_metrics, top_k

MIN_TUNING_FANS = 20

#: Candidate values searched by :func:`tune_als`, in search order.
DEFAULT_GRID: dict[str, tuple[float, ...]] = {
    "alpha": (1.0, 3.0, 10.0, 30.0),
    "factors": (4, 8, 16, 32, 64),
    "regularization": (0.01, 0.1, 1.0, 10.0),
    "iterations": (10, 20),
}


#: Smaller grid searched with the Spark engine (each fit starts cluster jobs).
SPARK_GRID: dict[str, tuple[float, ...]] = {
    "factors": (16, 64),
    "regularization": (0.1, 10.0),
}


@dataclass
class TuningResult:
    """Hyperparameters chosen on a validation split.

    Attributes
    ----------
    params : ALSParams
        The chosen (or, without enough validation fans, the starting) values.
    table : pandas.DataFrame
        Every candidate tried: ``factors``, ``regularization``, ``alpha``,
        ``iterations``, ``ndcg@k`` on the validation fans.
    validation_fans : int
    tuned : bool
        False when there were too few validation fans and ``params`` are the
        starting values.
    message : str
    recency_weight : float
        Weight of the recency prior that went with the chosen values (0
        when tuning scored pure ALS).
    """

    params: ALSParams
    table: pd.DataFrame
    validation_fans: int
    tuned: bool
    message: str = ""
    recency_weight: float = 0.0


def tune_als(
    matrix: InteractionMatrix,
    *,
    grid: Mapping[str, Sequence[float]] | None = None,
    start: ALSParams | None = None,
    k: int = 10,
    test_fraction: float = 0.2,
    min_validation_fans: int = MIN_TUNING_FANS,
    max_validation_fans: int | None = 5000,
    max_tuning_fans: int | None = 50_000,
    passes: int = 2,
    random_state: int = 0,
    scaling: Scaling = "linear",
    bm25: bool = False,
    num_threads: int | None = None,
    engine: Engine = "implicit",
    spark_master: str | None = None,
    half_life_days: float | None = None,
    progress: ProgressFn | None = None,
) -> TuningResult:
    """Choose factors, regularization, alpha and iterations by validation NDCG@k.

    The validation split is cut at one global time like the test split
    (:func:`~analytics.models.ranking_metrics.global_time_split` of
    ``matrix``). The search is coordinate-wise: starting from ``start``, each
    hyperparameter in turn (in ``grid`` order) takes the simplest value whose
    validation NDCG@k is within one standard error (over validation fans) of
    the best while the others stay fixed (fewer factors and iterations, more
    regularization; ``alpha`` takes the best value); the sweep is repeated up to ``passes``
    times while it still changes something. Above ``max_tuning_fans`` fans,
    candidates are fitted on a fixed random sample of fans.

    Parameters
    ----------
    matrix : InteractionMatrix
        Training data with ``first_seen`` (never the test pairs).
    grid : mapping of str to sequence
        Candidate values per hyperparameter (default :data:`DEFAULT_GRID`,
        :data:`SPARK_GRID` with the Spark engine); a missing name keeps its
        starting value.
    start : ALSParams, optional
        Starting point (default ``ALSParams()``).
    k : int
        Cut-off of the validation NDCG.
    half_life_days : float, optional
        When given, each candidate is scored as the best blend of its ALS
        scores with recent popularity of this half-life
        (:func:`~analytics.models.fans.baselines.blend_scorer`, weights
        :data:`~analytics.models.fans.baselines.RECENCY_WEIGHTS`), so the
        factors are chosen for what they add to recency; the weight found
        is ``TuningResult.recency_weight``.

    Returns
    -------
    TuningResult
    """
    if grid is None:
        grid = SPARK_GRID if engine == "spark" else DEFAULT_GRID
    grid = dict(grid)
    unknown = set(grid) - {"factors", "regularization", "alpha", "iterations"}
    if unknown:
        raise ValueError(f"cannot tune {sorted(unknown)}")
    current = start or ALSParams()
    cols = ["factors", "regularization", "alpha", "iterations", f"ndcg@{k}"]
    rng = np.random.default_rng(random_state)
    data = matrix
    if max_tuning_fans is not None and matrix.shape[0] > max_tuning_fans:
        keep = np.sort(rng.choice(matrix.shape[0], max_tuning_fans, replace=False))
        data = rows_subset(matrix, keep)
    split = global_time_split(data, test_fraction=test_fraction)
    users = split.test_users
    if max_validation_fans is not None and users.size > max_validation_fans:
        users = np.sort(rng.choice(users, max_validation_fans, replace=False))
    if users.size < min_validation_fans:
        return TuningResult(
            current,
            pd.DataFrame(columns=cols),
            int(users.size),
            False,
            f"only {users.size} fan{'' if users.size == 1 else 's'} could be "
            f"used for validation (need {min_validation_fans}); default "
            "hyperparameters kept",
        )
    relevant = split.test[users]
    exclude = split.train.user_items[users]
    weights: tuple[float, ...] = (0.0,)
    recent = None
    if half_life_days is not None and split.train.first_seen is not None:
        weights = RECENCY_WEIGHTS
        recent = recent_popularity_scorer(
            split.train.user_items, split.train.first_seen, split.cutoff, half_life_days
        )
    tried: dict[ALSParams, float] = {}
    best_weight: dict[ALSParams, float] = {}
    spread: dict[ALSParams, float] = {}
    names = [n for n in grid if grid[n]]
    n_total = passes * sum(len(grid[n]) for n in names)
    done = 0
    for _ in range(passes):
        before = current
        for name in names:
            best_value, best_score = getattr(current, name), -np.inf
            scored: list[tuple[Any, float, float]] = []
            for value in grid[name]:
                cast: Any = int(value) if name in ("factors", "iterations") else float(value)
                cand = replace(current, **{name: cast})
                if cand not in tried:
                    model = FansModel(
                        cand,
                        scaling=scaling,
                        bm25=bm25,
                        random_state=random_state,
                        num_threads=num_threads,
                        engine=engine,
                        spark_master=spark_master,
                    ).fit(split.train)
                    tried[cand], best_weight[cand] = -np.inf, 0.0
                    for w in weights:
                        scorer = (
                            blend_scorer(model.score_users, recent, w)
                            if recent is not None
                            else model.score_users
                        )
                        scores = np.array(scorer(users), dtype=np.float64)
                        recs = top_k(scores, k, exclude)
                        per_fan = per_user_metrics(recs, relevant, k)["ndcg"]
                        ndcg = float(np.nanmean(per_fan))
                        if ndcg > tried[cand] + 1e-12:
                            tried[cand], best_weight[cand] = ndcg, float(w)
                            spread[cand] = float(np.nanstd(per_fan) / np.sqrt(per_fan.size))
                done += 1
                if progress is not None:
                    progress(min(done / max(n_total, 1), 1.0), f"trying {name} = {value}")
                scored.append((cast, tried[cand], spread.get(cand, 0.0)))
                if tried[cand] > best_score + 1e-12:
                    best_value, best_score = cast, tried[cand]
            current = replace(current, **{name: _one_standard_error(name, best_value, scored)})
        if current == before:
            break
    table = pd.DataFrame(
        [(p.factors, p.regularization, p.alpha, p.iterations, v) for p, v in tried.items()],
        columns=cols,
    )
    return TuningResult(current, table, int(users.size), True, "", best_weight.get(current, 0.0))


def _one_standard_error(name: str, best: Any, scored: list[tuple[Any, float, float]]) -> Any:
    """The simplest value whose score is within one standard error of the best (Breiman 1984).

    Fewer factors, fewer iterations and more regularization are simpler;
    ``alpha`` has no order of simplicity and keeps the best value.
    """
    if name == "alpha" or not scored:
        return best
    top = max(scored, key=lambda r: r[1])
    near = [v for v, score, _ in scored if score >= top[1] - top[2]]
    return max(near) if name == "regularization" else min(near)
