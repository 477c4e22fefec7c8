"""Measurements of the honesty benchmark against the planted truth (see ``honesty.py``).

- :func:`truth_of`: the true ratio of a claimed group under the planted model;
- :func:`reading_checks`: every held-out Drivers reading of a channel, whether its
  interval covers that truth and whether its headline lies inside its own interval;
- :func:`planner_check`: the planner fitted on the older four fifths of a channel, its
  p10-p90 coverage of the newest fifth, its pinball loss against the naive quantiles of
  the last 20 older videos, and its p50 error against the median of the last 10.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from honesty_channels import EFFECT  # noqa: E402

from analytics.models.drivers import DriversReport, reading_members  # noqa: E402
from analytics.models.planner import QUANTILES, PlannedVideo, fit_planner, plan  # noqa: E402
from analytics.models.reach import prepare  # noqa: E402


def truth_of(members: set[str], planted_ids: set[str], all_ids: set[str]) -> float:
    """``exp(log 1.5 x (planted share inside - planted share outside))`` of a group."""
    inside = [v in planted_ids for v in members]
    outside = [v in planted_ids for v in all_ids - members]
    if not inside or not outside:
        return 1.0
    return float(np.exp(np.log(EFFECT) * (np.mean(inside) - np.mean(outside))))


def inside(ratio: float, interval: tuple[float, float]) -> bool:
    """The headline number lies inside its own printed interval (to display rounding)."""
    lo, hi = interval
    return bool(lo * (1 - 1e-9) <= ratio <= hi * (1 + 1e-9))


def reading_checks(
    report: DriversReport | None,
    planted_ids: set[str],
    key_of: Callable[[str], str | None],
) -> list[dict[str, Any]]:
    """Every tested Drivers reading: feature, shown or not, truth, cover, in own range.

    ``key_of`` maps a store video id to the generator's id (None: not a video of the
    channel). Readings of every feature are checked, not only the planted one: under
    the planted model any group has a true ratio (1 for a group unrelated to it).
    """
    if report is None:
        return []
    comp = report.comparison
    ids = [key_of(str(v)) for v in comp.data.rows["video_id"]]
    shown = {id(r) for r in report.readings}
    out = []
    for r in report.tested:
        mask = reading_members(comp, r)
        known = comp.data.X[r.feature].notna().to_numpy()
        members = {k for k, m in zip(ids, mask, strict=True) if m and k}
        everyone = {k for k, ok in zip(ids, known, strict=True) if ok and k}
        truth = truth_of(members, planted_ids, everyone)
        out.append(
            {
                "feature": r.feature,
                "shown": id(r) in shown,
                "confidence": r.confidence,
                "ratio": float(r.ratio),
                "truth": truth,
                "covers": bool(r.low <= truth <= r.high),
                "in_range": inside(float(r.ratio), (float(r.low), float(r.high))),
            }
        )
    return out


def _pinball(y: float, q: np.ndarray) -> float:
    return float(
        np.mean([max(a * (y - p), (a - 1) * (y - p)) for a, p in zip(QUANTILES, q, strict=True)])
    )


def planner_check(rows: pd.DataFrame) -> dict[str, float] | None:
    """The planner on the newest fifth of a channel's videos, fitted on the older ones.

    Returns
    -------
    dict or None
        ``cover`` (p10-p90 coverage, stated 80 %), ``pinball`` and ``pinball_naive``
        (the naive range: quantiles of the last 20 older videos), ``p50_err`` and
        ``median10_err`` (mean absolute log error of the planner's p50 and of the
        median of the last 10 older videos), ``stated`` (the coverage the page would
        show for the planner fitted on the older videos), ``n_test``. None with too
        little data.
    """
    rows = rows.sort_values("published_utc").reset_index(drop=True)
    data = prepare(rows, min_videos=10)
    y_by_id = dict(zip(data.rows["video_id"], data.y, strict=True))
    n_test = max(5, len(rows) // 5)
    train, test = rows.iloc[:-n_test], rows.iloc[-n_test:]
    try:
        planner = fit_planner(train, "exposure", check_coverage=True)
    except Exception:  # noqa: BLE001 - too little data: no planner figure
        return None
    ytr = np.array([y_by_id[v] for v in train["video_id"] if v in y_by_id])
    naive = np.quantile(ytr[-20:], QUANTILES)
    median10 = float(np.median(ytr[-10:]))
    covered, pin, pin_naive, err50, err_med = [], [], [], [], []
    for _, r in test.iterrows():
        y = y_by_id.get(r["video_id"])
        if y is None:
            continue
        when = pd.Timestamp(r["published_local"]).to_pydatetime()
        res = plan(
            planner,
            PlannedVideo(
                str(r["channel_id"]),
                when,
                None if pd.isna(r["duration_s"]) else float(r["duration_s"]),
                None,
                str(r["title"] or ""),
            ),
        )
        q = np.log1p([res.p10, res.p50, res.p90])
        covered.append(q[0] <= y <= q[2])
        pin.append(_pinball(y, q))
        pin_naive.append(_pinball(y, naive))
        err50.append(abs(y - q[1]))
        err_med.append(abs(y - median10))
    if not covered:
        return None
    return {
        "cover": float(np.mean(covered)),
        "pinball": float(np.mean(pin)),
        "pinball_naive": float(np.mean(pin_naive)),
        "p50_err": float(np.mean(err50)),
        "median10_err": float(np.mean(err_med)),
        "stated": float("nan") if planner.coverage is None else float(planner.coverage),
        "n_test": len(covered),
    }


def _share(values: list[bool]) -> float:
    return float(np.mean(values)) if values else float("nan")


def extra_figures(frame: pd.DataFrame) -> dict[str, float]:
    """Print and return the figures beside the claims: the content model against the
    content-blind baseline, every interval's coverage, headlines outside their own
    interval, and the planner against the naive range and the median of the last 10."""
    noise = frame[~frame["planted"]]
    planted = frame[frame["planted"]]
    p300 = planted[planted["n"] == 300]
    beats_noise = [bool(b) for b in noise["beats"] if b is not None]
    beats_300 = [bool(b) for b in p300["beats"] if b is not None]
    feature_of = {"bilibili": "publish_hour"}
    readings = [
        dict(r, planted_feature=r["feature"] == feature_of.get(lay, "duration_s"))
        for lay, rs in zip(planted["layout"], planted["readings"], strict=True)
        for r in rs
    ]
    card_cover = [c for cs in planted["covers_all"] for c in cs]
    card_claimed = [c for cs in planted["covers_claimed"] for c in cs]
    claimed = [r["covers"] for r in readings if r["confidence"] != "low"]
    outside = [x for xs in frame["out_of_range"] for x in xs]
    plans = [p for p in planted["planner"] if p is not None]
    covers = [p["cover"] for p in plans]
    blind = frame["blind"].dropna().value_counts().to_dict()
    print(
        f"content model beats the best content-blind baseline (paired bootstrap, 95 %): "
        f"noise {sum(beats_noise)}/{len(beats_noise)}, planted at 300 videos "
        f"{sum(beats_300)}/{len(beats_300)}; best content-blind predictor {blind}"
    )
    shown = [r["covers"] for r in readings if r["shown"]]
    print(
        f"Drivers readings on planted channels whose 95 % interval covers the true ratio: "
        f"all features {sum(r['covers'] for r in readings)}/{len(readings)}, planted feature "
        f"{sum(r['covers'] for r in readings if r['planted_feature'])}/"
        f"{sum(r['planted_feature'] for r in readings)}, medium or high {sum(claimed)}/"
        f"{len(claimed)}, shown {sum(shown)}/{len(shown)}; held-out cards of every family "
        f"{sum(card_cover)}/{len(card_cover)}, at medium or high {sum(card_claimed)}/"
        f"{len(card_claimed)}"
    )
    print(f"headlines outside their own interval: {len(outside)} {outside[:5]}")
    hidden = [f for fs in noise["tested_claims"] for f in fs]
    hidden_share = _share([bool(fs) for fs in noise["tested_claims"]])
    print(
        f"noise channels with a tested Drivers reading at medium or high, shown or not: "
        f"{sum(bool(fs) for fs in noise['tested_claims'])}/{len(noise)} "
        f"(features: {pd.Series(hidden, dtype=object).value_counts().to_dict()})"
    )
    if plans:
        print(
            f"planner on the newest fifth ({len(plans)} channels): p10-p90 coverage mean "
            f"{np.mean(covers):.1%} (per channel {min(covers):.0%}-{max(covers):.0%}); "
            f"coverage the page states (newest forward fold of the older videos) mean "
            f"{np.nanmean([p['stated'] for p in plans]):.1%}; pinball vs naive range "
            f"{sum(p['pinball'] < p['pinball_naive'] for p in plans)}/{len(plans)} better; "
            f"p50 vs median of last 10 {sum(p['p50_err'] < p['median10_err'] for p in plans)}/"
            f"{len(plans)} better"
        )
    return {
        "beats_noise": _share(beats_noise),
        "beats_planted_300": _share(beats_300),
        "reading_cover": _share([r["covers"] for r in readings]),
        "reading_cover_planted": _share([r["covers"] for r in readings if r["planted_feature"]]),
        "readings_n": len(readings),
        "reading_cover_claimed": _share(claimed),
        "card_cover_all": _share(card_cover),
        "card_cover_claimed": _share(card_claimed),
        "out_of_range": len(outside),
        "noise_tested_medium": hidden_share,
        "planner_cover": float(np.mean(covers)) if plans else float("nan"),
        "planner_cover_min": float(min(covers)) if plans else float("nan"),
        "pinball_ratio": float(
            np.mean([p["pinball"] for p in plans]) / np.mean([p["pinball_naive"] for p in plans])
        )
        if plans
        else float("nan"),
        "p50_ratio": float(
            np.mean([p["p50_err"] for p in plans]) / np.mean([p["median10_err"] for p in plans])
        )
        if plans
        else float("nan"),
    }
