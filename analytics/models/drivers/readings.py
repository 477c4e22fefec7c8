"""Plain-language readings of each feature's effect, tested on held-out videos."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analytics.features import CATEGORICAL_FEATURES
from analytics.models.drivers.types import Reading
from analytics.models.effects import MIN_N, GroupEffect, adjust, family_effect, group_mask
from analytics.models.reach import LEVEL, Comparison

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TARGET_WORDS = {
    "exposure": "exposure",
    "engagement": "engagement rate",
    "completion": "completion rate",
}


def _fmt_value(feature: str, v: float) -> str:
    if feature == "publish_hour":
        return f"{int(v):02d}:00"
    if feature == "publish_weekday":
        return _WEEKDAYS[int(v) % 7]
    if abs(v) >= 10_000:
        return f"{v / 1000:,.0f}k"
    return f"{v:,.0f}" if abs(v) >= 10 or float(v).is_integer() else f"{v:.1f}"


def _range_label(feature: str, lo: float, hi: float) -> str:
    if feature == "publish_hour":
        return f"published {int(lo):02d}:00-{int(hi):02d}:59"
    if feature == "publish_weekday":
        if lo == hi:
            return f"published on {_WEEKDAYS[int(lo)]}"
        return f"published {_WEEKDAYS[int(lo)]}-{_WEEKDAYS[int(hi)]}"
    if feature in ("title_has_number", "title_has_question", "title_has_emoji"):
        what = feature.removeprefix("title_has_")
        return (
            f"with {'an' if what == 'emoji' else 'a'} {what} in the title"
            if lo >= 1
            else f"without {'an' if what == 'emoji' else 'a'} {what} in the title"
        )
    unit = " s" if feature == "duration_s" else ""
    name = {
        "duration_s": "of",
        "title_length": "with a title length of",
        "hashtag_count": "with hashtags:",
        "days_since_prev_upload": "with days since the previous upload:",
        "uploads_prev_7d": "with uploads in the previous 7 days:",
        "followers_at_publish": "published at followers",
    }.get(feature, f"with {feature}")
    if lo == hi:
        return f"videos {name} {_fmt_value(feature, lo)}{unit}"
    return f"videos {name} {_fmt_value(feature, lo)}-{_fmt_value(feature, hi)}{unit}"


def _observed_ratio(data_y: np.ndarray, inside: np.ndarray, to_natural: Any) -> float:
    nat = to_natural(data_y)
    a, b = np.median(nat[inside]), np.median(nat[~inside])
    return float(a / b) if b > 0 else float("nan")


def _feature_values(X: pd.DataFrame, feature: str) -> tuple[np.ndarray, bool]:
    col = X[feature]
    if isinstance(col.dtype, pd.CategoricalDtype) or feature in CATEGORICAL_FEATURES:
        values = col.astype(object).where(col.notna(), None).to_numpy()
        return values, True
    return col.astype(float).to_numpy(), False


def reading_members(comparison: Comparison, reading: Reading) -> np.ndarray:
    """Boolean mask of the modelled videos in a reading's group, shape (n_videos,).

    The rows are ``comparison.data.rows`` (``channel_id``, ``video_id``), the
    group the reading's range or category (as :func:`honest_readings` tested it).
    """
    values, _ = _feature_values(comparison.data.X, reading.feature)
    return group_mask(values, reading.lo, reading.hi, reading.level)


def _model_ratio(comparison: Comparison, inside: np.ndarray) -> float:
    """The chosen model's out-of-fold content effect for a group (level removed)."""
    dev = comparison.oof[comparison.chosen] - comparison.oof[LEVEL]
    ok = np.isfinite(dev)
    a, b = dev[ok & inside], dev[ok & ~inside]
    if len(a) == 0 or len(b) == 0:
        return float("nan")
    return float(np.exp(a.mean() - b.mean()))


def honest_readings(comparison: Comparison, *, min_n: int = MIN_N) -> list[Reading]:
    """Readings of every feature, tested on held-out videos and corrected together.

    For each available feature (platform aside), the group whose residual
    against the channel's level differs most is chosen on the older half
    and measured on the newer half; the features' p-values are adjusted
    together (Holm) and each reading gets a confidence level
    (:func:`analytics.models.effects.confidence_of`; ``high`` needs the
    content model to beat the content-blind baseline and agree on the same
    group).

    Returns
    -------
    list of Reading
        Every tested feature, strongest evidence first (including ``low``).
    """
    data = comparison.data
    residual = data.y - data.level
    word = _TARGET_WORDS.get(data.target.name, data.target.name)
    tested: list[tuple[str, GroupEffect, np.ndarray, bool]] = []
    for feature in data.X.columns:
        if feature == "platform":
            continue
        values, categorical = _feature_values(data.X, feature)
        eff = family_effect(
            feature, values, residual, data.dates, categorical=categorical, min_n=min_n
        )
        if eff is not None:
            tested.append((feature, eff, eff.members(values), categorical))
    if not tested:
        return []
    beats = comparison.beats_baseline
    model_ratios = [_model_ratio(comparison, inside) for _, _, inside, _ in tested]
    agrees = [
        beats and np.isfinite(mr) and (mr - 1.0) * (e.ratio - 1.0) > 0 and abs(np.log(mr)) > 0.02
        for (_, e, _, _), mr in zip(tested, model_ratios, strict=True)
    ]
    adjusted = adjust([e for _, e, _, _ in tested], agrees)
    out = []
    for (feature, _, inside, categorical), eff, mr in zip(
        tested, adjusted, model_ratios, strict=True
    ):
        if categorical:
            label = f"{feature.replace('_', ' ')} '{eff.level}'"
            others = f"other {feature.replace('_', ' ')}s"
        else:
            assert eff.lo is not None and eff.hi is not None
            label = _range_label(feature, eff.lo, eff.hi)
            others = "the other videos"
        observed = _observed_ratio(data.y, inside, data.target.to_natural)
        low, high = eff.interval
        text = (
            f"{label[0].upper()}{label[1:]}: {eff.ratio:.1f}x the {word} of {others} "
            f"(95% interval {low:.1f}x-{high:.1f}x, measured on the newer videos: "
            f"n = {eff.n_in} vs {eff.n_out}; confidence {eff.confidence})"
        )
        out.append(
            Reading(
                feature,
                label,
                eff.ratio,
                low,
                high,
                eff.n_in,
                eff.n_out,
                observed,
                text,
                eff.confidence,
                eff.p_adjusted,
                mr,
                eff.n_in_all,
                eff.n_out_all,
                eff.lo,
                eff.hi,
                eff.level,
            )
        )
    rank = {"high": 0, "medium": 1, "low": 2}
    return sorted(out, key=lambda r: (rank[r.confidence], r.p_adjusted, r.feature))
