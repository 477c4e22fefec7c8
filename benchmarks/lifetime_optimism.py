"""Benchmark: is the planner's own check honest when a channel only exports lifetime totals?

A lifetime total (a YouTube Studio Content table, a Douyin or Bilibili works list) is read
on the export day: an older video's total holds views it gained long after it was
published. Taken as known at publish time, it lets a forward fold learn from what happened
after the fold's test start, and the error the page states is lower than the error of a real
forecast. The project counts a lifetime total as known only 28 days after publish
(:data:`analytics.models.targets.MATURITY_DAYS`) and brings it to a fixed age of 28 days.

Made-up channels (``honesty_channels``: 300 videos every 1-4 days, log-normal noise sigma
0.5 around a slowly growing level, x1.5 for 8-12 min videos) meet a calendar-wide shock: from
90 days before the export on, every video gains views twice as fast (a platform change). The
channel's YouTube Studio Content table (lifetime totals, publish dates) downloaded on the
export day is imported through the importer; the planner fitted on it states its pinball loss
and p10-p90 coverage (stated level 80 %) on its newest forward fold. The truth is what a real
forecast would have met: the same table downloaded 200, 160, 120 and 80 days before the export
(each imported into its own store), the planner fitted on each, and the videos of the next 40
days predicted against their true views at 28 days. Optimism = 1 - stated pinball / true
pinball (positive: the page promises less error than real forecasts make).

Both rules run on the same channels: lifetime totals known 28 days after publish (in force)
and known at publish (the rule before; the baseline of the same run).

    python benchmarks/lifetime_optimism.py            # 10 seeds
    python benchmarks/lifetime_optimism.py --quick    # 2 seeds

Last line: ``RESULT seeds=... optimism=... optimism_at_publish=... stated_cover=...
true_cover=... stated_cover_at_publish=... true_cover_at_publish=... seconds=...``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import io
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from honesty_channels import EXPORT_DAY, Video, make_channel  # noqa: E402

import analytics.models.reach_data as reach_data  # noqa: E402
from analytics.cli import main as cli_main  # noqa: E402
from analytics.models.planner import QUANTILES, PlannedVideo, fit_planner, plan  # noqa: E402
from analytics.models.targets import saturation  # noqa: E402
from analytics.services.reach import load_rows  # noqa: E402

SHOCK = 2.0
SHOCK_DAY = EXPORT_DAY - dt.timedelta(days=90)
#: Days before the export on which the real forecasts are made (exports of that day).
VINTAGES = (200, 160, 120, 80)
HORIZON_DAYS = 40
N_VIDEOS = 300


def _age(published: dt.datetime, day: dt.date) -> float:
    return (dt.datetime.combine(day, dt.time()) - published).total_seconds() / 86400 + 1


def views_as_of(v: Video, day: dt.date) -> float:
    """The video's total views on ``day``: its 28-day views spread over the saturation
    curve, views gained from :data:`SHOCK_DAY` on counted :data:`SHOCK` times."""
    a = _age(v.published, day)
    if a <= 0:
        return 0.0
    a_shock = min(max(_age(v.published, SHOCK_DAY), 0.0), a)
    before = float(saturation(a_shock)) if a_shock > 0 else 0.0
    grown = before + SHOCK * (float(saturation(a)) - before)
    return v.views28 * grown / float(saturation(28.0))


def true_views_28(v: Video) -> float:
    return views_as_of(v, (v.published + dt.timedelta(days=27)).date())


def export(videos: list[Video], day: dt.date, folder: Path) -> str:
    """A YouTube Studio Content table downloaded on ``day``, imported into a new store."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["Content", "Video title", "Video publish time", "Duration", "Views"])
    shown = [v for v in videos if v.published.date() < day]
    for v in shown:
        d = v.published.date()
        w.writerow([v.vid, v.title, f"{d:%b} {d.day}, {d.year}", v.duration,
                    int(views_as_of(v, day))])  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Table data.csv").write_text(buf.getvalue(), encoding="utf-8")
    db = str(folder / "store.duckdb")
    argv = ["import", "--db", db, "--channel", "bench", "--time-zone", "UTC",
            "--export-date", day.isoformat(), str(folder / "Table data.csv")]  # fmt: skip
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        if cli_main(argv) != 0:
            raise RuntimeError(f"import failed for the export of {day}")
    return db


@contextmanager
def known_at_publish() -> Iterator[None]:
    """The rule before: a lifetime total counts as known at publish time."""
    saved = reach_data.MATURITY_DAYS, reach_data.FALLBACK_MATURITIES
    reach_data.MATURITY_DAYS, reach_data.FALLBACK_MATURITIES = 0.0, (0.0,)
    try:
        yield
    finally:
        reach_data.MATURITY_DAYS, reach_data.FALLBACK_MATURITIES = saved


def _pinball(y: float, q: np.ndarray) -> float:
    return float(
        np.mean([max(a * (y - p), (a - 1) * (y - p)) for a, p in zip(QUANTILES, q, strict=True)])
    )


def forecasts(rows: Any, videos: list[Video]) -> tuple[list[float], list[bool]]:
    """Pinball loss and p10-p90 cover of each of ``videos`` against its true 28-day views."""
    planner = fit_planner(rows, "exposure", check_coverage=False)
    channel = str(rows["channel_id"].iloc[0])
    pins, covered = [], []
    for v in videos:
        res = plan(planner, PlannedVideo(channel, v.published, float(v.duration), None, v.title))
        q = np.log1p([res.p10, res.p50, res.p90])
        y = float(np.log1p(true_views_28(v)))
        pins.append(_pinball(y, q))
        covered.append(bool(q[0] <= y <= q[2]))
    return pins, covered


def run_seed(seed: int) -> dict[str, dict[str, float]]:
    videos = make_channel(N_VIDEOS, seed, "studio_table", True)
    out: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        stores = {0: load_rows(export(videos, EXPORT_DAY, Path(tmp) / "now"))}
        for back in VINTAGES:
            day = EXPORT_DAY - dt.timedelta(days=back)
            stores[back] = load_rows(export(videos, day, Path(tmp) / str(back)))
        for rule in ("maturity", "at_publish"):
            ctx = known_at_publish() if rule == "at_publish" else contextlib.nullcontext()
            with ctx:
                planner = fit_planner(stores[0], "exposure", check_coverage=True)
                assert planner.check is not None and planner.check.pinball is not None
                pins: list[float] = []
                covered: list[bool] = []
                for back in VINTAGES:
                    day = EXPORT_DAY - dt.timedelta(days=back)
                    until = day + dt.timedelta(days=HORIZON_DAYS)
                    nxt = [v for v in videos if day <= v.published.date() < until]
                    p, c = forecasts(stores[back], nxt)
                    pins += p
                    covered += c
            out[rule] = {
                "stated_pinball": float(planner.check.pinball),
                "true_pinball": float(np.mean(pins)),
                "stated_cover": float("nan")
                if planner.coverage is None
                else float(planner.coverage),
                "true_cover": float(np.mean(covered)),
            }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    seeds = range(2 if args.quick else args.seeds)
    t0 = time.perf_counter()
    runs = []
    for s in seeds:
        runs.append(run_seed(s))
        print(f"seed {s}: {runs[-1]}", file=sys.stderr, flush=True)
    res: dict[str, float] = {"seeds": float(len(runs))}
    for rule, suffix in (("maturity", ""), ("at_publish", "_at_publish")):
        stated = np.mean([r[rule]["stated_pinball"] for r in runs])
        true = np.mean([r[rule]["true_pinball"] for r in runs])
        res[f"optimism{suffix}"] = float(1 - stated / true)
        res[f"stated_cover{suffix}"] = float(np.nanmean([r[rule]["stated_cover"] for r in runs]))
        res[f"true_cover{suffix}"] = float(np.mean([r[rule]["true_cover"] for r in runs]))
        print(
            f"{'known 28 days after publish (in force)' if not suffix else 'known at publish (before)'}: "
            f"stated pinball {stated:.3f}, true (forecasts made on {len(VINTAGES)} earlier export days) {true:.3f} "
            f"(optimism {res[f'optimism{suffix}']:.0%}); stated coverage "
            f"{res[f'stated_cover{suffix}']:.0%}, true {res[f'true_cover{suffix}']:.0%}"
        )
    res["seconds"] = time.perf_counter() - t0
    print("RESULT " + " ".join(f"{k}={v:.3g}" for k, v in res.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
