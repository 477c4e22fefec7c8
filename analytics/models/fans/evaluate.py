"""Honest evaluation of the fans model: one global time cutoff, tuned baselines, a verdict.

Every model learns from the interactions that began before one cutoff and
is tested on what came after (:func:`~analytics.models.ranking_metrics.global_time_split`),
ranking the full catalogue for every test fan. ALS is compared with the
best of popularity, recent popularity and ``implicit``'s item-item cosine
(:mod:`analytics.models.fans.baselines`), and it "beats the baseline" only
when its NDCG@k is at least :data:`MIN_LIFT` above the best baseline's and
the 95 % interval of the ratio, from resampling test fans, lies above 1.
Fan cards and similar videos are shown only then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analytics.errors import NotEnoughDataError
from analytics.models.fans.baselines import (
    RECENCY_WEIGHTS,
    baseline_scorers,
    blend_scorer,
    recent_popularity_scorer,
)
from analytics.models.fans.fit import ALSParams, Engine, FansModel
from analytics.models.fans.tune import tune_als
from analytics.models.interactions import InteractionMatrix, Scaling, describe
from analytics.models.ranking_metrics import (
    MIN_RELIABLE_TEST_FANS,
    RANK_METRICS,
    ProgressFn,
    evaluate_scorers,
    global_time_split,
    per_user_metrics,
    top_k,
)

#: ALS must reach at least this much more NDCG@k than the best baseline (10 %).
MIN_LIFT = 0.10
#: Bootstrap resamples of test fans for the interval of the NDCG ratio.
N_BOOT = 500


@dataclass
class EvaluationReport:
    """Offline evaluation of the fans model against baselines.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per model (``als``, ``popularity``, ``recent_popularity``,
        ``item_cosine``); columns as
        :func:`~analytics.models.ranking_metrics.evaluate_scorers`.
    ks : tuple of int
        Cut-offs, headline first.
    fans, videos, pairs : int
        Size of the whole interaction matrix.
    test_fans : int
        Fans with a training interaction and one after the cutoff.
    evaluated_fans : int
        Test fans actually ranked (a sample when there are many).
    params : dict
        Hyperparameters of the model evaluated, and how they were chosen.
    tuning : pandas.DataFrame
        Every candidate tried on the validation split with its NDCG@k.
    warnings : list of str
        Why the figures may not be trustworthy (empty when they are).
    best_baseline : str
        The baseline with the highest NDCG@k.
    lift : float
        ``ALS NDCG@k / best baseline NDCG@k - 1`` (0.25 = 25 % better).
    lift_interval : (float, float)
        95 % interval of the lift from resampling test fans.
    margin : float
        Lift ALS must reach (:data:`MIN_LIFT`).
    beats_baseline : bool
        ``lift >= margin`` and the interval's lower end above 0.
    cutoff : float
        Epoch seconds of the global split.
    cold_pairs : int
        Pairs after the cutoff left out (new fan or new video).
    baseline_params : dict
        ``half_life_days`` and ``neighbours`` chosen for the baselines.
    """

    table: pd.DataFrame
    ks: tuple[int, ...]
    fans: int
    videos: int
    pairs: int
    test_fans: int
    evaluated_fans: int
    params: dict[str, Any]
    tuning: pd.DataFrame = field(default_factory=pd.DataFrame)
    warnings: list[str] = field(default_factory=list)
    best_baseline: str = ""
    lift: float = float("nan")
    lift_interval: tuple[float, float] = (float("nan"), float("nan"))
    margin: float = MIN_LIFT
    beats_baseline: bool = False
    cutoff: float = float("nan")
    cold_pairs: int = 0
    baseline_params: dict[str, float] = field(default_factory=dict)

    @property
    def reliable(self) -> bool:
        """True when no warning says the figures are too thin to trust."""
        return not self.warnings

    def headline(self, k: int | None = None) -> dict[str, dict[str, float | None]]:
        """Per model: precision, recall, NDCG, MAP at ``k``, coverage and novelty at ``k``.

        Keys are ``precision@k``, ``recall@k``, ``ndcg@k``, ``map@k``,
        ``coverage`` and ``novelty``; NaN becomes None.
        """
        k = self.ks[0] if k is None else k
        out: dict[str, dict[str, float | None]] = {}
        for model in self.table.index:
            row = self.table.loc[model]
            values: dict[str, float | None] = {}
            for metric in RANK_METRICS:
                values[f"{metric}@{k}"] = _num(row[f"{metric}@{k}"])
            values["coverage"] = _num(row[f"coverage@{k}"])
            values["novelty"] = _num(row[f"novelty@{k}"])
            out[str(model)] = values
        return out


def _num(value: Any) -> float | None:
    v = float(value)
    return None if np.isnan(v) else v


def reliability_warnings(
    test_fans: int, fans: int, videos: int, k: int, min_test_fans: int = MIN_RELIABLE_TEST_FANS
) -> list[str]:
    """Plain-language reasons why an evaluation is too thin to trust.

    Parameters
    ----------
    test_fans : int
        Fans with interactions both before and after the cutoff.
    fans, videos : int
        Size of the interaction matrix.
    k : int
        Headline cut-off.
    """
    out = []
    if test_fans < min_test_fans:
        out.append(
            f"Only {test_fans} of {fans} fans interacted both before and after the test cutoff, "
            f"so only they can be tested; with fewer than {min_test_fans} such fans these "
            "figures are too thin to trust."
        )
    if videos <= 2 * k:
        out.append(
            f"Only {videos} videos have fan interactions: a top-{k} list holds most of the "
            "catalogue, so the ranking metrics say little."
        )
    return out


def lift_interval(
    model_ndcg: np.ndarray, base_ndcg: np.ndarray, *, n_boot: int = N_BOOT, seed: int = 0
) -> tuple[float, float, float]:
    """Lift of mean NDCG over a baseline and its 95 % interval, resampling test fans.

    Parameters
    ----------
    model_ndcg, base_ndcg : ndarray, shape (n_fans,)
        Per-fan NDCG of the model and the baseline on the same fans.

    Returns
    -------
    (lift, low, high)
        ``mean(model) / mean(base) - 1`` and its 2.5 / 97.5 % bootstrap
        percentiles; NaN without fans, ``inf`` when the baseline scored 0.
    """
    n = model_ndcg.size
    if n == 0:
        return float("nan"), float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_boot, n))
    with np.errstate(divide="ignore", invalid="ignore"):
        point = float(model_ndcg.mean() / base_ndcg.mean() - 1.0)
        boots = model_ndcg[idx].mean(axis=1) / base_ndcg[idx].mean(axis=1) - 1.0
    boots = np.where(np.isnan(boots), 0.0, boots)
    lo, hi = np.quantile(boots, [0.025, 0.975])
    return point, float(lo), float(hi)


def _recency_weight(
    train: InteractionMatrix,
    params: ALSParams,
    half_life_days: float,
    k: int,
    test_fraction: float,
    options: dict[str, Any],
) -> float:
    """Weight of the recency prior with the best NDCG@k on a split inside ``train``."""
    if train.first_seen is None or train.nnz == 0:
        return 0.0
    inner = global_time_split(train, test_fraction=test_fraction)
    users = inner.test_users
    if users.size == 0 or inner.train.nnz == 0 or inner.train.first_seen is None:
        return 0.0
    model = FansModel(params, **options).fit(inner.train)
    recent = recent_popularity_scorer(
        inner.train.user_items, inner.train.first_seen, inner.cutoff, half_life_days
    )
    exclude = inner.train.user_items[users]
    relevant = inner.test[users]
    best_w, best = 0.0, -np.inf
    for w in RECENCY_WEIGHTS:
        scores = np.array(blend_scorer(model.score_users, recent, w)(users), dtype=np.float64)
        value = float(np.nanmean(per_user_metrics(top_k(scores, k, exclude), relevant, k)["ndcg"]))
        if value > best + 1e-12:
            best_w, best = float(w), value
    return best_w


def evaluate_als(
    matrix: InteractionMatrix,
    *,
    params: ALSParams | None = None,
    grid: Mapping[str, Sequence[float]] | None = None,
    ks: Sequence[int] = (10, 5),
    test_fraction: float = 0.2,
    max_test_users: int | None = 20_000,
    margin: float = MIN_LIFT,
    random_state: int = 0,
    scaling: Scaling = "linear",
    bm25: bool = False,
    num_threads: int | None = None,
    engine: Engine = "implicit",
    spark_master: str | None = None,
    progress: ProgressFn | None = None,
) -> EvaluationReport:
    """Global-time-split evaluation of ALS against the best of three baselines.

    The cutoff leaves ``test_fraction`` of the timed pairs after it;
    hyperparameters are chosen on a second global split inside the training
    part (:func:`~analytics.models.fans.tune.tune_als`) unless ``params`` is
    given, and so are the baselines' own settings and the weight of the
    recency prior in ALS's ranking (:func:`blend_scorer`; 0 keeps pure ALS). Every model ranks the
    full catalogue for every test fan with training videos excluded.

    Parameters
    ----------
    matrix : InteractionMatrix
        All interactions, with ``first_seen``.
    params : ALSParams, optional
        Fixed hyperparameters (skip tuning).
    grid : mapping, optional
        Tuning grid.
    ks : sequence of int
        Cut-offs, headline first.
    margin : float
        Lift over the best baseline ALS needs to be shown (default 10 %).
    engine : {"implicit", "spark"}
        Where ALS is fitted (the baselines and metrics are the same).

    Returns
    -------
    EvaluationReport

    Raises
    ------
    NotEnoughDataError
        Fewer than 2 fans or 2 videos.
    """
    info = describe(matrix)
    if info["fans"] < 2 or info["videos"] < 2:
        raise NotEnoughDataError(
            f"the fans model needs at least 2 fans and 2 videos with interactions; the data has "
            f"{info['fans']} fan(s) and {info['videos']} video(s)"
        )

    def stage(lo: float, hi: float) -> ProgressFn | None:
        if progress is None:
            return None
        return lambda f, msg: progress(lo + (hi - lo) * f, msg)

    k0 = int(ks[0])
    split = global_time_split(matrix, test_fraction=test_fraction)
    baselines, base_params = baseline_scorers(split, k=k0, test_fraction=test_fraction)
    tuning = pd.DataFrame()
    weight: float | None = None
    warnings: list[str] = []
    if params is not None:
        chosen, how = params, "given"
    else:
        result = tune_als(
            split.train,
            grid=grid,
            k=k0,
            test_fraction=test_fraction,
            random_state=random_state,
            scaling=scaling,
            bm25=bm25,
            num_threads=num_threads,
            engine=engine,
            spark_master=spark_master,
            half_life_days=base_params["half_life_days"],
            progress=stage(0.0, 0.6),
        )
        chosen, tuning = result.params, result.table
        weight = result.recency_weight if result.tuned else None
        how = "validation" if result.tuned else "default"
        if not result.tuned:
            warnings.append(f"Hyperparameters not tuned: {result.message}.")
    options: dict[str, Any] = {
        "scaling": scaling,
        "bm25": bm25,
        "random_state": random_state,
        "num_threads": num_threads,
        "engine": engine,
        "spark_master": spark_master,
    }
    model = FansModel(chosen, **options).fit(split.train, progress=stage(0.6, 0.7))
    if weight is None:
        weight = _recency_weight(
            split.train, chosen, base_params["half_life_days"], k0, test_fraction, options
        )
    als_scorer = blend_scorer(model.score_users, baselines["recent_popularity"], weight)
    per_user: dict[str, np.ndarray] = {}
    table = evaluate_scorers(
        {"als": als_scorer, **baselines},
        split,
        ks=ks,
        max_test_users=max_test_users,
        random_state=random_state,
        progress=stage(0.7, 1.0),
        per_user_out=per_user,
    )
    test_fans = int(split.test_users.size)
    evaluated = min(test_fans, max_test_users) if max_test_users else test_fans
    warnings = reliability_warnings(test_fans, info["fans"], info["videos"], k0) + warnings
    head = table[f"ndcg@{k0}"].drop("als")
    best = str(head.fillna(-1.0).idxmax()) if len(head) else ""
    lift, lo, hi = float("nan"), float("nan"), float("nan")
    if best and "als" in per_user:
        lift, lo, hi = lift_interval(per_user["als"], per_user[best], seed=random_state)
    beats = bool(np.isfinite(lift) and lift >= margin and lo > 0.0)
    return EvaluationReport(
        table=table,
        ks=tuple(int(k) for k in ks),
        fans=info["fans"],
        videos=info["videos"],
        pairs=info["pairs"],
        test_fans=test_fans,
        evaluated_fans=evaluated,
        params={
            **asdict(chosen),
            "chosen_by": how,
            "scaling": scaling,
            "bm25": bm25,
            "engine": engine,
            "recency_weight": weight,
        },
        tuning=tuning,
        warnings=warnings,
        best_baseline=best,
        lift=lift,
        lift_interval=(lo, hi),
        margin=margin,
        beats_baseline=beats,
        cutoff=split.cutoff,
        cold_pairs=split.cold_pairs,
        baseline_params=base_params,
    )
