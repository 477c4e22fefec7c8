"""Benchmark: the fans model's fit from the store against raw ``implicit`` on the same CSR.

Fills a fresh store with synthetic fan interactions (set-based SQL in
DuckDB), then times, each in its own process so that peak memory is its own:

- **ours**: :func:`analytics.services.fans.fit_from_store` - open the store,
  weight and aggregate the events, map ids to contiguous positions, build
  the CSR matrix and the confidence, fit ALS (BLAS pinned to one thread);
- **implicit**: ``implicit.cpu.als.AlternatingLeastSquares.fit`` on exactly
  the confidence matrix ours built, same hyperparameters, same threads.

The two sides take turns (ours, implicit, ours, implicit, ...), one fresh
process per run, ``--repeats`` runs each; each side's fastest run counts, so
load from other programs on a shared machine hits both alike. The goal is
ours / implicit <= 1.15.

    python benchmarks/als.py            # 1,000,000 fans x 10,000 videos x 10,000,000 events
    python benchmarks/als.py --quick    # 100,000 x 10,000 x 1,000,000, under a minute

Beside it, the Spark engine (``--engine spark``) on planted synthetic fans
(4 taste groups; 2,000,000 interactions, ``--quick`` 200,000): the matrix
is cut at one global time, ALS is fitted on the part before it by
``implicit`` and by Spark MLlib (local mode, or ``--spark-master``) at the
same settings, and both rank every video for the fans who came back after
it. Spark's ``regParam`` is ``implicit``'s regularization divided by
``sqrt(mean interactions per fan * mean interactions per video)``
(Spark scales the penalty by each fan's and video's interaction count; see
:mod:`analytics.models.fans.spark`). ``--no-spark`` skips it.

The last line is ``RESULT interactions=N vs_implicit=R peak_mb=M spark_s=S
spark_ndcg_vs_implicit=Q`` (peak resident memory of our fit process, in
MB; Spark's fit seconds without its start-up; Spark's NDCG@10 over
implicit's, goal within 10 %).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

FULL = {"fans": 1_000_000, "videos": 10_000, "interactions": 10_000_000}
QUICK = {"fans": 100_000, "videos": 10_000, "interactions": 1_000_000}
SPARK_FULL = {"interactions": 2_000_000, "videos": 5_000}
SPARK_QUICK = {"interactions": 200_000, "videos": 2_000}


def planted_matrix(n_interactions: int, n_videos: int, seed: int = 0, picks: int = 8) -> Any:
    """Fans in 4 taste groups (12x likelier on their group's videos), timed after publication."""
    import numpy as np

    from analytics.models.interactions import from_pairs

    rng = np.random.default_rng(seed)
    groups, day = 4, 86400.0
    n_fans = max(n_interactions // picks, 1)
    group_of_video = (np.arange(n_videos) % (2 * groups)) // 2
    appeal = rng.lognormal(0.0, 0.6, n_videos)
    fan_group = rng.integers(0, groups, n_fans)
    users, items = [], []
    for g in range(groups):
        fans = np.flatnonzero(fan_group == g)
        p = appeal * np.where(group_of_video == g, 12.0, 1.0)
        items.append(rng.choice(n_videos, size=fans.size * picks, p=p / p.sum()))
        users.append(np.repeat(fans, picks))
    pair = np.unique(np.concatenate(users) * n_videos + np.concatenate(items))
    u, i = pair // n_videos, pair % n_videos
    published = i * (365.0 / n_videos)
    first_seen = (published + rng.uniform(0, 1, pair.size) * (395.0 - published)) * day
    return from_pairs(
        u,
        i,
        np.ones(pair.size),
        np.arange(n_fans).astype(str),
        np.arange(n_videos).astype(str),
        first_seen,
    )


def spark_side(size: dict[str, int], params: dict[str, Any], master: str | None) -> dict[str, Any]:
    """Fit implicit and Spark ALS on the same global-split training part; NDCG@10 of each."""
    from analytics.models.fans import ALSParams, FansModel
    from analytics.models.fans.spark import spark_session
    from analytics.models.ranking_metrics import evaluate_scorers, global_time_split

    matrix = planted_matrix(size["interactions"], size["videos"])
    split = global_time_split(matrix)
    p = ALSParams(**params)
    out: dict[str, Any] = {"pairs": matrix.nnz, "fans": matrix.shape[0]}
    start = time.perf_counter()
    spark_session(master)
    out["spark_start_s"] = time.perf_counter() - start
    models = {}
    for engine in ("implicit", "spark"):
        start = time.perf_counter()
        models[engine] = FansModel(p, engine=engine, spark_master=master, num_threads=0).fit(
            split.train
        )
        out[f"{engine}_s"] = time.perf_counter() - start
    table = evaluate_scorers(
        {name: m.score_users for name, m in models.items()},
        split,
        ks=(10,),
        max_test_users=20_000,
    )
    out["implicit_ndcg"] = float(table.loc["implicit", "ndcg@10"])
    out["spark_ndcg"] = float(table.loc["spark", "ndcg@10"])
    out["test_fans"] = int(split.test_users.size)
    return out


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _ours(db: str, params: dict[str, Any], csr_path: str | None, out: mp.Queue) -> None:  # type: ignore[type-arg]
    import numpy as np

    from analytics.models.fans import ALSParams
    from analytics.models.interactions import confidence
    from analytics.services.fans import fit_from_store

    p = ALSParams(**params)
    cpu = time.process_time()
    start = time.perf_counter()
    model = fit_from_store(db, params=p, num_threads=0)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    conf = confidence(model.user_items_, p.alpha)
    if csr_path is not None:
        np.savez(
            csr_path,
            data=conf.data,
            indices=conf.indices,
            indptr=conf.indptr,
            shape=np.asarray(conf.shape),
        )
    out.put(
        {
            "seconds": seconds,
            "cpu": cpu,
            "peak_mb": _peak_mb(),
            "shape": conf.shape,
            "nnz": int(conf.nnz),
            "factors": model.factors_,
        }
    )


def _raw(csr_path: str, params: dict[str, Any], factors: int, out: mp.Queue) -> None:  # type: ignore[type-arg]
    import numpy as np
    import scipy.sparse as sp
    from implicit.cpu.als import AlternatingLeastSquares
    from threadpoolctl import threadpool_limits

    with np.load(csr_path) as z:
        csr = sp.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=tuple(z["shape"]))
    with threadpool_limits(limits=1, user_api="blas"):
        als = AlternatingLeastSquares(
            factors=factors,
            regularization=params["regularization"],
            alpha=1.0,
            iterations=params["iterations"],
            random_state=0,
            num_threads=0,
        )
        cpu = time.process_time()
        start = time.perf_counter()
        als.fit(csr, show_progress=False)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu
    out.put({"seconds": seconds, "cpu": cpu, "peak_mb": _peak_mb()})


def _run(target: Any, *args: Any) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    if proc.exitcode != 0:
        raise SystemExit(f"benchmark child failed with exit code {proc.exitcode}")
    return result  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller size, under a minute")
    parser.add_argument("--fans", type=int, default=None)
    parser.add_argument("--videos", type=int, default=None)
    parser.add_argument("--interactions", type=int, default=None)
    parser.add_argument("--factors", type=int, default=64)
    parser.add_argument("--regularization", type=float, default=0.1)
    parser.add_argument("--alpha", type=float, default=10.0)
    parser.add_argument("--iterations", type=int, default=15)
    parser.add_argument(
        "--repeats",
        type=int,
        default=None,
        help="runs per side, fastest counts (default 3 quick, 1 full)",
    )
    parser.add_argument("--db", default=None, help="store file to (re)use; default a temp file")
    parser.add_argument("--no-spark", action="store_true", help="skip the Spark engine")
    parser.add_argument("--spark-master", default=None, metavar="URL", help="default local[*]")
    parser.add_argument("--spark-factors", type=int, default=32)
    parser.add_argument("--spark-regularization", type=float, default=10.0)
    parser.add_argument("--spark-iterations", type=int, default=10)
    args = parser.parse_args(argv)

    size = dict(QUICK if args.quick else FULL)
    for key in size:
        if getattr(args, key) is not None:
            size[key] = getattr(args, key)
    repeats = args.repeats or (3 if args.quick else 1)
    params = {
        "factors": args.factors,
        "regularization": args.regularization,
        "alpha": args.alpha,
        "iterations": args.iterations,
    }

    from analytics.store.connection import connect
    from analytics.store.fan_queries import generate_synthetic_interactions
    from analytics.store.schema import scalar

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.duckdb")
        start = time.perf_counter()
        with connect(db) as con:
            existing = int(scalar(con, "SELECT count(*) FROM fan_interactions"))
            if existing != size["interactions"]:
                con.execute("DELETE FROM fan_interactions")
                generate_synthetic_interactions(
                    con,
                    n_fans=size["fans"],
                    n_videos=size["videos"],
                    n_interactions=size["interactions"],
                )
        gen_s = time.perf_counter() - start
        print(
            f"store: {size['interactions']:,} interactions of up to {size['fans']:,} fans on "
            f"{size['videos']:,} videos ({gen_s:.1f} s to generate)",
            flush=True,
        )
        csr_path = str(Path(tmp) / "confidence.npz")
        ours_runs: list[dict[str, Any]] = []
        raw_runs: list[dict[str, Any]] = []
        for turn in range(repeats):
            ours_runs.append(_run(_ours, db, params, csr_path if turn == 0 else None))
            raw_runs.append(_run(_raw, csr_path, params, ours_runs[0]["factors"]))
            print(
                f"turn {turn + 1}: ours {ours_runs[-1]['seconds']:.2f} s, "
                f"implicit {raw_runs[-1]['seconds']:.2f} s",
                flush=True,
            )

    ours = min(ours_runs, key=lambda r: r["seconds"])
    raw = min(raw_runs, key=lambda r: r["seconds"])
    ours["peak_mb"] = max(r["peak_mb"] for r in ours_runs)
    raw["peak_mb"] = max(r["peak_mb"] for r in raw_runs)
    ratio = ours["seconds"] / raw["seconds"]
    n_users, n_items = ours["shape"]
    print(
        f"matrix: {n_users:,} fans x {n_items:,} videos, {ours['nnz']:,} pairs; "
        f"ALS {ours['factors']} factors, regularization {params['regularization']}, "
        f"alpha {params['alpha']}, {params['iterations']} iterations"
    )
    print(
        f"ours (store -> CSR -> ALS): {ours['seconds']:.2f} s wall, {ours['cpu']:.2f} s CPU, "
        f"peak {ours['peak_mb']:.0f} MB"
    )
    print(
        f"raw implicit (same CSR):    {raw['seconds']:.2f} s wall, {raw['cpu']:.2f} s CPU, "
        f"peak {raw['peak_mb']:.0f} MB"
    )
    print(
        f"ours / implicit = {ratio:.3f} wall (goal <= 1.15), "
        f"{ours['cpu'] / raw['cpu']:.3f} CPU time"
    )
    spark_part = ""
    if not args.no_spark:
        from analytics.models.fans.spark import spark_available

        ok, why = spark_available()
        if not ok:
            print(f"spark: skipped ({why})")
        else:
            sized = SPARK_QUICK if args.quick else SPARK_FULL
            sp_params = {
                "factors": args.spark_factors,
                "regularization": args.spark_regularization,
                "alpha": args.alpha,
                "iterations": args.spark_iterations,
            }
            r = spark_side(sized, sp_params, args.spark_master)
            vs = r["spark_ndcg"] / r["implicit_ndcg"] if r["implicit_ndcg"] else float("nan")
            print(
                f"spark: {r['pairs']:,} planted pairs of {r['fans']:,} fans on "
                f"{sized['videos']:,} videos, {r['test_fans']:,} fans tested after the cutoff; "
                f"{sp_params['factors']} factors, regularization {sp_params['regularization']} "
                f"(implicit's scale), alpha {sp_params['alpha']}, "
                f"{sp_params['iterations']} iterations"
            )
            print(
                f"  implicit fit {r['implicit_s']:.2f} s, NDCG@10 {r['implicit_ndcg']:.4f}; "
                f"Spark fit {r['spark_s']:.2f} s (+{r['spark_start_s']:.1f} s start-up), "
                f"NDCG@10 {r['spark_ndcg']:.4f} ({vs:.3f}x implicit, goal within 10 %)"
            )
            spark_part = f" spark_s={r['spark_s']:.2f} spark_ndcg_vs_implicit={vs:.3f}"
    print(
        f"RESULT interactions={size['interactions']} vs_implicit={ratio:.3f} "
        f"peak_mb={ours['peak_mb']:.0f}{spark_part}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
