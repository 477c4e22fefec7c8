"""Benchmark: do the drivers, strategy cards and planner tell the truth?

Made-up channels in real export layouts are written to files, imported
through the importer (``python -m analytics import``) into a fresh store each,
and read back by the same code the pages use:

- **layouts**: a YouTube Studio Content table (``Table data.csv``: lifetime
  totals, publish dates only, durations), a YouTube Studio ``Chart data.csv``
  (per-video daily views, dates only) and a Bilibili ``近期稿件对比.csv``
  (lifetime totals, publish times to the second, no duration);
- **truth**: log-normal noise (sigma 0.5) around a slowly growing level, and
  either nothing (pure noise) or one planted x1.5 effect: videos of 8-12
  minutes on the Studio layouts, videos published 17:00-19:59 on Bilibili;
- **channels**: per seed and size, the two Studio layouts carry the same made-up
  channel (once as lifetime totals, once as daily rows), Bilibili its own;
- **sizes**: 60 and 300 videos; ``--seeds`` channels of each kind (20 by
  default; ``--quick``: 2 seeds, 60 videos and one 300-video planted channel).

The strategy is built as the page builds it, from the growth analysis and a
drivers report (model comparison with gradient boosting and the linear model,
and the held-out readings; the permutation importance and curves, which no
claim depends on, are left out to save time).

Reported (over noise channels): the share with any ``high`` / any ``medium``
claim, where a claim is a held-out tested strategy card or a Drivers reading.
Over planted channels: found (a card or reading on the planted feature, above
1, ``medium`` or better) and whether its size is within 20 % of 1.5; the
share of planted-family cards whose 95 % interval covers the true ratio of
the group they claim (``exp(log 1.5 x (planted share inside - outside))``
over the videos of that group), the same for the held-out cards of every
family and for every tested Drivers reading (shown or not; a group unrelated
to the planted one has a true ratio near 1); headlines outside their own
interval (every channel); how often the content model beats the best
content-blind predictor (noise and planted channels); planner p10-p90
coverage of the newest fifth of the videos (fitted on the older ones), its
pinball loss against the naive quantiles of the last 20 older videos and its
p50 error against the median of the last 10 (see ``honesty_checks.py``).

    python benchmarks/honesty.py            # 20 seeds, 240 channels: 5-40 s each
    python benchmarks/honesty.py --quick    # under a minute

On a busy machine run the seeds in chunks, each saving its channels, and
combine them into the same figures:

    python benchmarks/honesty.py --first-seed 0 --seeds 10 --save a.jsonl
    python benchmarks/honesty.py --first-seed 10 --seeds 10 --save b.jsonl
    python benchmarks/honesty.py --combine a.jsonl b.jsonl

The last line is ``RESULT seeds=... channels=... noise_high=... noise_medium=...
planted_found_300=... size_ok_300=... strict_noise_high=... strict_noise_medium=...
strict_size_ok_300=... interval_cover=... covers_n=... beats_noise=... beats_planted_300=...
reading_cover=... reading_cover_planted=... readings_n=... card_cover_all=... out_of_range=...
planner_cover=... planner_cover_min=... pinball_ratio=... p50_ratio=... seconds=...
cpu_seconds=...``; above it, every noise channel's claims above low. The
``strict_`` figures are the same channels under a stricter rule that was measured and
not adopted (medium from the corrected held-out test alone only at 0.01, at 0.01-0.05 only
with the content model's agreement), to show what each rule trades.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from honesty_channels import (  # noqa: E402
    EFFECT,
    RANK,
    import_files,
    make_channel,
    write_files,
)
from honesty_checks import (  # noqa: E402
    extra_figures,
    inside,
    planner_check,
    reading_checks,
    truth_of,
)

from analytics.errors import AnalyticsError  # noqa: E402
from analytics.models.drivers import DriversReport, honest_readings  # noqa: E402
from analytics.models.reach import (
    compare_models,  # noqa: E402
    prepare,  # noqa: E402
)
from analytics.services.growth import analyse_growth  # noqa: E402
from analytics.services.reach import load_rows  # noqa: E402
from analytics.strategy import ModelInputs, build_strategy  # noqa: E402


def lean_drivers(rows: pd.DataFrame) -> DriversReport | None:
    """The drivers report the strategy reads, without the permutation importance and the
    curves (which no claim depends on): the model comparison and the held-out readings."""
    try:
        comp = compare_models(prepare(rows), candidates=("hgb", "linear"))
    except AnalyticsError:
        return None
    report = DriversReport(comp, [])
    report.tested = honest_readings(comp)
    if comp.beats_baseline:
        report.readings = [r for r in report.tested if r.confidence in ("high", "medium")]
    return report


def stricter_rule(p_adjusted: float, n_in: int, n_out: int, agrees: bool) -> int:
    """The confidence rank under the stricter rule (not adopted; figures side by side on
    the same channels): medium needs the corrected test at 0.01 alone, or at 0.05 with the
    content model's agreement; high as the rule in force."""
    both = min(n_in, n_out)
    if both < 5:
        return 0
    if p_adjusted < 0.01 and both >= 15 and agrees:
        return 2
    return 1 if p_adjusted < 0.01 or (agrees and p_adjusted < 0.05) else 0


def run_channel(n: int, seed: int, layout: str, planted: bool) -> dict[str, object]:
    videos = make_channel(n, seed, layout, planted)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_files(videos, layout, folder)
        db = str(folder / "store.duckdb")
        import_files(db, files, layout)
        a = analyse_growth(db, None)
        rows = load_rows(db)
        inputs = ModelInputs(drivers=lean_drivers(rows))
        result = build_strategy(a, inputs)
        planner = planner_check(rows) if planted else None
    planted_family = "publish_hour" if layout == "bilibili" else "duration"
    reading_feature = "publish_hour" if layout == "bilibili" else "duration_s"
    titles = {v.title: v for v in videos}
    by_vid = {v.vid: v for v in videos}

    def key_of(video_id: str, title: str | None) -> str | None:
        if video_id in by_vid:
            return video_id
        v = titles.get(title or "")
        return v.vid if v else None

    id_title = dict(zip(rows["video_id"], rows["title"], strict=True))
    all_ids = {key_of(v, id_title.get(v)) for v in rows["video_id"]} - {None}
    planted_ids = {v.vid for v in videos if v.planted}
    best = best_strict = 0
    found = size_ok = found_strict = size_ok_strict = False
    covers: list[bool] = []
    covers_all: list[bool] = []  # every held-out card, any family: interval covers its truth
    covers_claimed: list[bool] = []  # the same for the cards at medium or high
    out_of_range: list[str] = []  # a headline outside its own printed interval
    claims: list[str] = []  # every claim above low: what, confidence, ratio, adjusted p
    for card in result.cards:
        ev = card.evidence
        if ev.interval_kind != "heldout":
            continue
        if not inside(ev.effect, ev.interval):
            out_of_range.append(f"card:{card.key}:{ev.effect:.3f}:{ev.interval}")
        if planted:
            group = {key_of(v, id_title.get(v)) for _, v in card.video_ids} - {None}
            truth = truth_of(group, planted_ids, all_ids)  # type: ignore[arg-type]
            covers_all.append(ev.interval[0] <= truth <= ev.interval[1])
            if RANK[card.confidence] >= 1:
                covers_claimed.append(covers_all[-1])
        best = max(best, RANK[card.confidence])
        strict = stricter_rule(
            1.0 if ev.p_adjusted is None else ev.p_adjusted,
            ev.n,
            ev.n_ref or 0,
            bool((ev.model or {}).get("agrees")),
        )
        best_strict = max(best_strict, strict)
        if RANK[card.confidence] >= 1:
            claims.append(f"card:{card.key}:{card.confidence}:{ev.effect:.2f}")
        if card.key == planted_family and ev.effect > 1 and strict >= 1:
            found_strict = True
            size_ok_strict = size_ok_strict or abs(ev.effect / EFFECT - 1) <= 0.2
        if card.key == planted_family:
            members = {key_of(v, id_title.get(v)) for _, v in card.video_ids} - {None}
            truth = truth_of(members, planted_ids, all_ids)  # type: ignore[arg-type]
            covers.append(ev.interval[0] <= truth <= ev.interval[1])
            if ev.effect > 1 and RANK[card.confidence] >= 1:
                found = True
                size_ok = size_ok or abs(ev.effect / EFFECT - 1) <= 0.2
    report = inputs.drivers
    if report is not None and report.comparison.beats_baseline:
        for r in report.tested:
            mr = r.model_ratio
            agrees = bool(
                np.isfinite(mr) and (mr - 1) * (r.ratio - 1) > 0 and abs(np.log(mr)) > 0.02
            )
            strict = stricter_rule(r.p_adjusted, r.n_in, r.n_out, agrees)
            best_strict = max(best_strict, strict)
            if r.feature == reading_feature and r.ratio > 1 and strict >= 1:
                found_strict = True
                size_ok_strict = size_ok_strict or abs(r.ratio / EFFECT - 1) <= 0.2
    if report is not None:
        for r in report.readings:
            best = max(best, RANK[r.confidence])
            claims.append(f"reading:{r.feature}:{r.confidence}:{r.ratio:.2f}:p={r.p_adjusted:.3f}")
            if r.feature == reading_feature and r.ratio > 1 and RANK[r.confidence] >= 1:
                found = True
                size_ok = size_ok or abs(r.ratio / EFFECT - 1) <= 0.2
    readings = reading_checks(report, planted_ids, lambda v: key_of(v, id_title.get(v)))
    out_of_range += [
        f"reading:{r['feature']}:{r['ratio']:.3f}" for r in readings if not r["in_range"]
    ]
    return {
        "n": n,
        "seed": seed,
        "layout": layout,
        "planted": planted,
        "beats": None if report is None else bool(report.comparison.beats_baseline),
        "blind": None if report is None else report.comparison.blind,
        "readings": readings if planted else [],
        "covers_all": covers_all,
        "covers_claimed": covers_claimed,
        # tested readings at medium or high, shown or not (shown only where the content
        # model beats the content-blind baseline)
        "tested_claims": []
        if report is None
        else [r.feature for r in report.tested if r.confidence != "low"],
        "out_of_range": out_of_range,
        "best": best,
        "found": found,
        "size_ok": size_ok,
        "best_strict": best_strict,
        "found_strict": found_strict,
        "size_ok_strict": size_ok_strict,
        "covers": covers,
        "planner": planner,
        "claims": claims,
    }


def summarise(out: list[dict[str, object]], seconds: float, cpu: float) -> dict[str, float]:
    """Print the per-layout table and return the figures of the ``RESULT`` line."""
    frame = pd.DataFrame(out)
    noise = frame[~frame["planted"]]
    planted = frame[frame["planted"]]
    p300 = planted[planted["n"] == 300]
    covers = [c for cs in planted["covers"] for c in cs]
    seeds = sorted({int(s) for s in frame["seed"]})
    print(f"\nseeds {seeds} ({len(seeds)}), {len(frame)} channels")
    print("per layout and size (noise: share with a high / medium claim; planted: found)")
    for (n, lay), g in frame.groupby(["n", "layout"]):
        gn, gp = g[~g["planted"]], g[g["planted"]]
        print(
            f"  {lay:<13} n={n:<4} noise high {np.mean(gn['best'] == 2):.0%} "
            f"medium {np.mean(gn['best'] == 1):.0%} ({int(np.sum(gn['best'] == 1))}/{len(gn)}) "
            f"| planted found {np.mean(gp['found']):.0%} "
            f"size within 20% {np.mean(gp['size_ok']):.0%} ({int(np.sum(gp['size_ok']))}/{len(gp)})"
        )
    print(
        "the stricter rule, not adopted (same channels): noise medium "
        f"{int(np.sum(noise['best_strict'] == 1))}/{len(noise)}, high "
        f"{int(np.sum(noise['best_strict'] == 2))}/{len(noise)}; planted at 300 found with size "
        f"within 20% {int(np.sum(p300['size_ok_strict']))}/{len(p300)}"
    )
    print("noise channels with a claim above low:")
    for _, r in noise[noise["best"] >= 1].iterrows():
        print(f"  seed {r['seed']} n={r['n']} {r['layout']}: {', '.join(r['claims'])}")
    n_noise = len(noise)
    res = {
        "seeds": len(seeds),
        "channels": len(frame),
        "noise_high": float(np.mean(noise["best"] == 2)) if n_noise else float("nan"),
        "noise_medium": float(np.mean(noise["best"] == 1)) if n_noise else float("nan"),
        "planted_found_300": float(np.mean(p300["found"])) if len(p300) else float("nan"),
        "size_ok_300": float(np.mean(p300["size_ok"])) if len(p300) else float("nan"),
        # the same channels under the stricter rule (not adopted)
        "strict_noise_high": float(np.mean(noise["best_strict"] == 2)) if n_noise else float("nan"),
        "strict_noise_medium": float(np.mean(noise["best_strict"] == 1))
        if n_noise
        else float("nan"),
        "strict_size_ok_300": float(np.mean(p300["size_ok_strict"])) if len(p300) else float("nan"),
        "interval_cover": float(np.mean(covers)) if covers else float("nan"),
        "covers_n": len(covers),
    }
    res.update(extra_figures(frame))
    res.update({"seconds": seconds, "cpu_seconds": cpu})
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20, help="number of seeds (default 20)")
    parser.add_argument("--first-seed", type=int, default=0, help="run seeds from this one on")
    parser.add_argument("--save", type=Path, help="append each channel's result (JSON lines)")
    parser.add_argument(
        "--combine", type=Path, nargs="+", help="summarise saved JSON lines instead of running"
    )
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if args.combine:
        out = [json.loads(line) for f in args.combine for line in f.read_text().splitlines()]
        keys = {(r["n"], r["seed"], r["layout"], r["planted"]) for r in out}
        if len(keys) != len(out):
            raise SystemExit("the saved files repeat a channel")
        # a chunk stopped mid-seed: keep whole seeds only (12 channels each)
        per_seed: dict[int, int] = {}
        for r in out:
            per_seed[r["seed"]] = per_seed.get(r["seed"], 0) + 1
        whole = {s for s, k in per_seed.items() if k == 12}
        if len(whole) < len(per_seed):
            print(f"left out unfinished seeds {sorted(set(per_seed) - whole)}")
        out = [r for r in out if r["seed"] in whole]
        res = summarise(
            out,
            float(sum(r.get("seconds", 0.0) for r in out)),
            float(sum(r.get("cpu_seconds", 0.0) for r in out)),
        )
        print("RESULT " + " ".join(f"{k}={v:.3g}" for k, v in res.items()))
        return 0
    layouts = ("studio_table", "studio_chart", "bilibili")
    if args.quick:
        plan_ = [(60, 0, lay, p) for lay in layouts[::2] for p in (False, True)]
        plan_ += [(300, 0, "studio_table", True)]
    else:
        plan_ = [
            (n, s, lay, p)
            for s in range(args.first_seed, args.first_seed + args.seeds)
            for n in (60, 300)
            for lay in layouts
            for p in (False, True)
        ]
    t0, c0 = time.perf_counter(), time.process_time()
    out = []
    for i, job in enumerate(plan_):
        t1, c1 = time.perf_counter(), time.process_time()
        out.append(run_channel(*job))
        out[-1]["seconds"] = time.perf_counter() - t1
        out[-1]["cpu_seconds"] = time.process_time() - c1
        print(f"[{i + 1}/{len(plan_)}] {out[-1]}", file=sys.stderr, flush=True)
        if args.save is not None:
            with args.save.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(out[-1]) + "\n")
    res = summarise(out, time.perf_counter() - t0, time.process_time() - c0)
    print("RESULT " + " ".join(f"{k}={v:.3g}" for k, v in res.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
