"""Benchmark: reach models (fit + forward cross-validation + drivers) on synthetic videos.

A synthetic channel with planted effects (``analytics.models.synthetic``) is
written into a fresh store and read back with the per-video query. Then two
contenders run on the same rows, taking turns, ``--repeats`` times each (the
fastest run of each counts, so load from other programs hits both alike):

- **ours**: :func:`analytics.models.reach.compare_models` (three candidate
  pipelines on forward folds, single-threaded, plus the refit of the best)
  and :func:`analytics.models.drivers.analyse` (grouped permutation
  importance on the held-out folds, partial dependence / ICE and readings of
  the top three features);
- **plain**: the same steps written with scikit-learn's defaults: the three
  candidates with default settings (``HistGradientBoostingRegressor()``,
  ``Ridge()``, ``MLPRegressor()``) scored with ``cross_validate`` on
  ``TimeSeriesSplit(4)``, the best refitted, then
  ``sklearn.inspection.permutation_importance`` (5 repeats) on each fold's
  held-out rows and ``partial_dependence(kind="both")`` for the top three.
  Both sides run on one thread by default (``--plain-threads 0`` gives the
  plain side the library's default of all cores: on a busy 2-core machine
  that is several times slower still, because of OpenMP start-up and
  contention on small data).

Both sides also report the forward MAE (log scale) of their chosen model and
of the trailing-median baseline on the same folds. Goal: ours at most 10 s
for 1,000 videos on 2 cores.

    python benchmarks/models.py            # 1,000 videos, 3 repeats
    python benchmarks/models.py --quick    # 300 videos, 1 repeat, under a minute

Wall-clock seconds are the goal's measure; CPU seconds are printed too, as
they stay meaningful when other programs load the machine. The last line is
``RESULT videos=N fit_s=... drivers_s=... total_s=... cpu_s=...
plain_total_s=... speedup=... mae_model=... mae_baseline=...``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

GOAL_S = 10.0


def _rows(n_videos: int, seed: int) -> Any:
    from analytics.models.synthetic import synthetic_channel
    from analytics.store.bulk_load import insert_frames
    from analytics.store.connection import connect
    from analytics.store.feature_queries import video_rows

    history = synthetic_channel(n_videos, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with connect(db) as con:
            insert_frames(con, history.frames())
        start = time.perf_counter()
        with connect(db) as con:
            rows = video_rows(con)
        load_s = time.perf_counter() - start
    return rows, load_s


def run_ours(rows: Any) -> dict[str, float]:
    """Fit, cross-validate and explain with the product's code."""
    from analytics.models.drivers import analyse
    from analytics.models.reach import BASELINE, compare_models, prepare

    cpu = time.process_time()
    start = time.perf_counter()
    data = prepare(rows)
    comp = compare_models(data)
    fit_s = time.perf_counter() - start
    t1 = time.perf_counter()
    report = analyse(comp)
    drivers_s = time.perf_counter() - t1
    top = [d.feature for d in report.drivers[:3]]
    return {
        "fit_s": fit_s,
        "drivers_s": drivers_s,
        "total_s": fit_s + drivers_s,
        "cpu_s": time.process_time() - cpu,
        "mae_model": comp.scores[comp.chosen]["mae_log"],
        "mae_baseline": comp.scores[BASELINE]["mae_log"],
        "chosen": comp.chosen,
        "top": ", ".join(top),
    }


def run_plain(rows: Any, threads: int | None = 1) -> dict[str, float]:
    """The same steps with scikit-learn defaults and its inspection helpers.

    ``threads``: OpenMP/BLAS threads (None: the library's default, all cores).
    """
    from threadpoolctl import threadpool_limits

    if threads is None:
        return _plain(rows)
    with threadpool_limits(limits=threads):
        return _plain(rows)


def _plain(rows: Any) -> dict[str, float]:
    import numpy as np
    from sklearn.base import clone
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.impute import SimpleImputer
    from sklearn.inspection import partial_dependence, permutation_importance
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import TimeSeriesSplit, cross_validate
    from sklearn.neural_network import MLPRegressor
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    from analytics.models.reach import fill_baseline, prepare

    cpu = time.process_time()
    start = time.perf_counter()
    data = prepare(rows)
    order = np.argsort(data.dates, kind="stable")
    X = data.X.iloc[order].reset_index(drop=True)
    y = data.y[order]
    cats = [c for c in X.columns if str(X[c].dtype) == "category"]
    nums = [c for c in X.columns if c not in cats]
    encode = ColumnTransformer(
        [
            ("cat", OneHotEncoder(handle_unknown="ignore"), cats),
            ("num", make_pipeline(SimpleImputer(), StandardScaler()), nums),
        ]
    )
    candidates = {
        "hgb": HistGradientBoostingRegressor(categorical_features="from_dtype", random_state=0),
        "linear": make_pipeline(clone(encode), Ridge()),
        "mlp": make_pipeline(clone(encode), MLPRegressor(random_state=0)),
    }
    cv = TimeSeriesSplit(4)
    results = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, est in candidates.items():
            res = cross_validate(
                est,
                X,
                y,
                cv=cv,
                scoring="neg_mean_absolute_error",
                return_estimator=True,
                return_indices=True,
            )
            results[name] = res
        chosen = max(results, key=lambda k: results[k]["test_score"].mean())
        clone(candidates[chosen]).fit(X, y)
        fit_s = time.perf_counter() - start
        t1 = time.perf_counter()
        importances = []
        for est, test in zip(
            results[chosen]["estimator"], results[chosen]["indices"]["test"], strict=True
        ):
            imp = permutation_importance(
                est,
                X.iloc[test],
                y[test],
                n_repeats=5,
                scoring="neg_mean_absolute_error",
                random_state=0,
            )
            importances.append(imp.importances_mean)
        mean_imp = np.mean(importances, axis=0)
        top = [X.columns[i] for i in np.argsort(-mean_imp)[:3]]
        final = results[chosen]["estimator"][-1]
        for feature in top:
            partial_dependence(final, X, [feature], kind="both", categorical_features=cats or None)
        drivers_s = time.perf_counter() - t1
    cpu_s = time.process_time() - cpu
    # forward MAE of the chosen plain model and of the trailing median on its folds
    inv = np.empty_like(order)
    inv[order] = np.arange(len(order))
    errs, base_errs = [], []
    for est, train, test in zip(
        results[chosen]["estimator"],
        results[chosen]["indices"]["train"],
        results[chosen]["indices"]["test"],
        strict=True,
    ):
        errs.append(np.abs(y[test] - est.predict(X.iloc[test])))
        base = fill_baseline(data, order[train], order[test])
        base_errs.append(np.abs(y[test] - base))
    return {
        "fit_s": fit_s,
        "drivers_s": drivers_s,
        "total_s": fit_s + drivers_s,
        "cpu_s": cpu_s,
        "mae_model": float(np.mean(np.concatenate(errs))),
        "mae_baseline": float(np.mean(np.concatenate(base_errs))),
        "chosen": chosen,
        "top": ", ".join(top),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=None, help="synthetic videos (1000)")
    parser.add_argument("--repeats", type=int, default=None, help="runs per side (3)")
    parser.add_argument("--quick", action="store_true", help="300 videos, 1 repeat")
    parser.add_argument(
        "--plain-threads",
        type=int,
        default=1,
        help="threads of the plain side (default 1, as ours; 0: library default, all cores)",
    )
    args = parser.parse_args(argv)
    n = args.videos or (300 if args.quick else 1000)
    repeats = args.repeats or (1 if args.quick else 3)

    rows, load_s = _rows(n, seed=2)
    best: dict[str, dict[str, float]] = {}
    for _ in range(repeats):
        for name in ("ours", "plain"):
            res = run_ours(rows) if name == "ours" else run_plain(rows, args.plain_threads or None)
            if name not in best or res["total_s"] < best[name]["total_s"]:
                best[name] = res
    ours, plain = best["ours"], best["plain"]
    threads = args.plain_threads or "all"
    print(
        f"{n} synthetic videos, store query {load_s:.2f} s, best of {repeats} run(s) per side; "
        f"threads: ours 1, plain {threads}"
    )
    print(f"{'':28}{'ours':>14}{'plain sklearn':>16}")
    for key, label in (
        ("fit_s", "fit + forward CV (s)"),
        ("drivers_s", "drivers + PDP/ICE (s)"),
        ("total_s", "total (s)"),
        ("cpu_s", "CPU time, all steps (s)"),
    ):
        print(f"{label:28}{ours[key]:>14.2f}{plain[key]:>16.2f}")
    for key, label in (
        ("mae_model", "MAE chosen model (log)"),
        ("mae_baseline", "MAE trailing median (log)"),
    ):
        print(f"{label:28}{ours[key]:>14.3f}{plain[key]:>16.3f}")
    print(f"{'chosen model':28}{ours['chosen']:>14}{plain['chosen']:>16}")
    print(f"top drivers, ours : {ours['top']}")
    print(f"top drivers, plain: {plain['top']}")
    verdict = "within" if ours["total_s"] <= GOAL_S else "OVER"
    print(f"goal: ours <= {GOAL_S:.0f} s for 1,000 videos -> {verdict} ({ours['total_s']:.2f} s)")
    print(
        f"RESULT videos={n} fit_s={ours['fit_s']:.2f} drivers_s={ours['drivers_s']:.2f} "
        f"total_s={ours['total_s']:.2f} cpu_s={ours['cpu_s']:.2f} plain_total_s={plain['total_s']:.2f} "
        f"speedup={plain['total_s'] / ours['total_s']:.2f} mae_model={ours['mae_model']:.3f} "
        f"mae_baseline={ours['mae_baseline']:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
