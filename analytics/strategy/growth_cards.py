"""Cards from the growth analytics: duration, publish hour, topics, format, cadence,
outliers, weekdays."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from analytics import growth
from analytics.growth import GrowthAnalysis
from analytics.strategy.cards import Card, Evidence
from analytics.strategy.honest import FamilyResult


# ------------------------------------------------------------------ helpers
def gain_more(ratio: float, share: float) -> float:
    return max(math.log(ratio), 0.0) * max(1.0 - share, 0.0) if ratio > 0 else 0.0


def gain_less(ratio: float, share: float) -> float:
    return max(-math.log(ratio), 0.0) * max(share, 0.0) if ratio > 0 else 0.0


def _bars(
    frame: pd.DataFrame, x_kind: str, highlight: list[str], y_kind: str = "rel_reach"
) -> dict[str, Any]:
    return {
        "kind": "bars",
        "x_kind": x_kind,
        "y_kind": y_kind,
        "x": [str(v) for v in frame["level"]],
        "y": [float(v) for v in frame["median"]],
        "low": [float(v) for v in frame["low"]],
        "high": [float(v) for v in frame["high"]],
        "n": [int(v) for v in frame["n"]],
        "highlight": highlight,
    }


def _tested_evidence(r: FamilyResult) -> Evidence:
    e = r.effect
    return Evidence(
        e.n_in,
        e.ratio,
        e.interval,
        e.n_out,
        level=0.95,
        interval_kind="heldout",
        p_adjusted=e.p_adjusted,
    )


def _share(r: FamilyResult) -> float:
    e = r.effect
    return e.n_in_all / max(e.n_in_all + e.n_out_all, 1)


def _counts(r: FamilyResult) -> dict[str, int]:
    return {"n_count": r.effect.n_in, "nref_count": r.effect.n_out}


def duration_card(a: GrowthAnalysis, tested: dict[str, FamilyResult]) -> Card | None:
    """The duration bucket chosen on the older videos, measured on the newer ones
    (None when it does not do better than the other videos there)."""
    r = tested.get("duration")
    if r is None or r.effect.ratio <= 1.0:
        return None
    e = r.effect
    return Card(
        "duration",
        "growth",
        {"best_bucket": e.level, "effect_ratio": e.ratio, "share_pct": _share(r), **_counts(r)},
        _tested_evidence(r),
        e.confidence,
        gain_more(e.ratio, _share(r)),
        _bars(a.durations.table, "duration_bucket", [str(e.level)]),
        r.video_ids,
    )


def publish_hour_card(a: GrowthAnalysis, tested: dict[str, FamilyResult]) -> Card | None:
    """The publish-hour window chosen on the older videos, measured on the newer ones."""
    r = tested.get("publish_hour")
    if r is None or r.effect.ratio <= 1.0 or r.effect.lo is None or r.effect.hi is None:
        return None
    e = r.effect
    start, end = int(e.lo or 0), int(e.hi or 0)
    heat = a.best_time.heatmap
    chart = {
        "kind": "heatmap",
        "weekday": [int(v) for v in heat["weekday"]],
        "slot": [int(v) for v in heat["slot"]],
        "n": [int(v) for v in heat["n"]],
        "z": [None if not math.isfinite(v) else float(v) for v in heat["median"]],
        "slot_hours": a.best_time.slot_hours,
        "window": [start, end],
        "hours": {
            "hour": [int(v) for v in a.best_time.hours["hour"]],
            "median": [float(v) for v in a.best_time.hours["median"]],
            "n": [int(v) for v in a.best_time.hours["n"]],
        },
    }
    return Card(
        "publish_hour",
        "growth",
        {
            "start_hour": start,
            "end_hour": (end + 1) % 24,
            "effect_ratio": e.ratio,
            "share_pct": _share(r),
            **_counts(r),
        },
        _tested_evidence(r),
        e.confidence,
        gain_more(e.ratio, _share(r)),
        chart,
        r.video_ids,
    )


def topic_cards(a: GrowthAnalysis, tested: dict[str, FamilyResult]) -> list[Card]:
    """The topic chosen on the older videos: "more of" when it does better on the
    newer ones, "rethink" when worse (one card: the two never contradict)."""
    r = tested.get("topic")
    if r is None or r.effect.ratio == 1.0:
        return []
    e = r.effect
    up = e.ratio > 1.0
    share = _share(r)
    return [
        Card(
            "topic_up" if up else "topic_down",
            "growth",
            {"topic": e.level, "effect_ratio": e.ratio, "share_pct": share, **_counts(r)},
            _tested_evidence(r),
            e.confidence,
            gain_more(e.ratio, share) if up else gain_less(e.ratio, share),
            _bars(a.topics.table, "topic", [str(e.level)]),
            r.video_ids,
        )
    ]


def format_card(a: GrowthAnalysis, tested: dict[str, FamilyResult]) -> Card | None:
    """The content type chosen on the older videos, measured on the newer ones."""
    r = tested.get("format")
    if r is None or r.effect.ratio <= 1.0:
        return None
    e = r.effect
    return Card(
        "format",
        "growth",
        {"best_ctype": e.level, "effect_ratio": e.ratio, "share_pct": _share(r), **_counts(r)},
        _tested_evidence(r),
        e.confidence,
        gain_more(e.ratio, _share(r)),
        _bars(a.formats.table, "ctype", [str(e.level)]),
        r.video_ids,
    )


def cadence_card(a: GrowthAnalysis, tested: dict[str, FamilyResult]) -> Card | None:
    """Busy weeks against the others (followers), with the gap effect on reach.

    The busy-weeks claim has no held-out test: it is shown at ``low``
    confidence (a test to try). The spacing claim quotes the held-out test of
    videos posted soon after the previous one.
    """
    c = a.cadence
    weekly = c.weekly[c.weekly["followers_rel"].notna()]
    chart = None
    if not weekly.empty:
        capped = weekly["uploads"].clip(upper=4)
        grp = weekly.assign(level=capped.astype(str)).groupby("level")
        rows = []
        for level, g in grp:
            med, lo, hi = growth.median_interval(g["followers_rel"], seed=41)
            rows.append((level, len(g), med, lo, hi))
        frame = pd.DataFrame(rows, columns=["level", "n", "median", "low", "high"])
        chart = _bars(frame, "uploads", [str(min(c.busy_threshold or 0, 4))], "followers_rel")
    gap = c.short_gap
    if c.busy_weeks is not None and c.busy_threshold is not None and c.busy_weeks.ratio > 1.0:
        eff = c.busy_weeks
        share = eff.n / max(eff.n + eff.n_ref, 1)
        params: dict[str, Any] = {
            "threshold_count": c.busy_threshold,
            "effect_ratio": eff.ratio,
            "gap_ratio": gap.ratio if gap is not None else 1.0,
        }
        key = (
            "cadence_busy"
            if gap is None or gap.ratio >= 0.9 or not gap.clear
            else "cadence_busy_spaced"
        )
        return Card(
            key,
            "growth",
            params,
            Evidence.of(eff, unit="weeks", measure="followers"),
            "low",
            gain_more(eff.ratio, share),
            chart,
        )
    r = tested.get("cadence_space")
    if r is not None and r.effect.ratio < 1.0:
        e = r.effect
        return Card(
            "cadence_space",
            "growth",
            {"gap_days": growth.SHORT_GAP_DAYS, "effect_ratio": e.ratio, **_counts(r)},
            _tested_evidence(r),
            e.confidence,
            gain_less(e.ratio, _share(r)),
            _bars(a.cadence.gaps.table, "gap_bucket", ["lt1", "1_3"]),
            r.video_ids,
        )
    return None


def _day_of(value: Any) -> str | None:
    """The ISO day of a local publish time (None when unknown)."""
    stamp = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(stamp) else stamp.date().isoformat()


def outlier_card(a: GrowthAnalysis) -> Card | None:
    """The video furthest above the median of its format: follow it up."""
    out = a.outliers
    above = out[out["flag"] == "above"]
    if above.empty:
        return None
    top = above.iloc[0]
    ratios = above["ratio"].to_numpy(float)
    n_fmt = int((out["format"] == top["format"]).sum())
    title = str(top["title"]) if isinstance(top["title"], str) and top["title"].strip() else ""
    chart = {
        "kind": "outliers",
        "title": [str(v) if isinstance(v, str) else "" for v in out["title"].head(40)],
        "ratio": [float(v) for v in out["ratio"].head(40)],
        "format": [str(v) for v in out["format"].head(40)],
        "flag": [str(v) if v else "" for v in out["flag"].head(40)],
    }
    spread = (float(ratios.min()), float(ratios.max())) if len(above) > 1 else None
    return Card(
        "outlier",
        "growth",
        {
            "video_title": title,
            "video_published": _day_of(top.get("published_local")),
            "effect_ratio": float(top["ratio"]),
            "format_bucket": str(top["format"]),
            "topic": str(top["topic"] or ""),
            "outliers_count": len(above),
            "median_ratio": float(np.median(ratios)),
        },
        Evidence(
            len(above),
            float(np.median(ratios)),
            spread,
            None,
            interval_kind="range" if spread else "none",
            level=None,
        ),
        "low",
        math.log(float(top["ratio"])) / max(n_fmt, 1) * len(above),
        chart,
    )


def weekday_card(a: GrowthAnalysis, tested: dict[str, FamilyResult]) -> Card | None:
    """ "Any weekday works" when the held-out weekday test finds no weekday that stands out."""
    wd = a.best_time.weekdays
    r = tested.get("weekday")
    if len(wd.table) < 5 or not wd.vs_rest or a.n < 30:
        return None
    if r is not None and r.effect.confidence != "low":
        return None
    ratios = [e.ratio for e in wd.vs_rest.values()]
    lo = min(e.low for e in wd.vs_rest.values())
    hi = max(e.high for e in wd.vs_rest.values())
    # "No difference" is a claim too: it is only as sure as the intervals are
    # narrow. Medium when every weekday's 95% interval rules out a difference
    # larger than WEEKDAY_EQUIVALENCE either way; otherwise the card says the
    # videos cannot tell yet, at low confidence.
    narrow = lo >= 1 / WEEKDAY_EQUIVALENCE and hi <= WEEKDAY_EQUIVALENCE
    return Card(
        "weekday_none" if narrow else "weekday_unclear",
        "growth",
        {
            "low_ratio": min(ratios),
            "high_ratio": max(ratios),
            "interval_low_ratio": lo,
            "interval_high_ratio": hi,
            "videos_count": a.n,
        },
        Evidence(a.n, float(np.median(ratios)), (lo, hi), None),
        "medium" if narrow else "low",
        0.0,
        _bars(wd.table, "weekday", []),
    )


#: A weekday difference within this factor (either way) counts as "no difference".
WEEKDAY_EQUIVALENCE = 1.5
