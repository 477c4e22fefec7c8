"""Trend and weekly seasonality of daily channel views."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.growth.constants import LEVEL, N_BOOT


@dataclass(frozen=True)
class ViewsTrend:
    """Trend and weekly seasonality of daily views.

    Attributes
    ----------
    daily : pandas.DataFrame
        ``date``, ``views``, ``trend`` (fitted views of the log-linear trend).
    growth_30d : float
        Multiplicative change of daily views per 30 days minus 1 (0.05 = +5 %).
    growth_low, growth_high : float
        Its interval from resampling whole weeks.
    weekday : pandas.DataFrame, shape (7, 4)
        ``weekday`` (0 = Monday), ``multiplier`` (daily views against the
        centred 7-day mean; geometric mean over the week = 1), ``low``, ``high``.
    days : int
        Days with views.
    """

    daily: pd.DataFrame
    growth_30d: float
    growth_low: float
    growth_high: float
    weekday: pd.DataFrame
    days: int


def views_trend(
    daily: pd.DataFrame,
    *,
    n_boot: int = N_BOOT,
    level: float = LEVEL,
    seed: int = 0,
    min_days: int = 28,
) -> ViewsTrend | None:
    """Log-linear trend and weekday profile of daily views.

    The trend is the least-squares slope of ``log1p(views)`` on the day,
    with a dummy per weekday (so a partial week at either end does not tilt
    it); its interval comes from resampling whole weeks. The weekday profile
    is the mean deviation of ``log1p(views)`` from its centred 7-day mean.

    Parameters
    ----------
    daily : pandas.DataFrame
        ``date``, ``views`` (from :func:`analytics.store.queries.daily_views`).
    min_days : int
        Fewer days with views than this and None is returned.

    Returns
    -------
    ViewsTrend or None
    """
    d = daily[daily["views"].notna()].copy()
    d["date"] = pd.to_datetime(d["date"])
    d = d.sort_values("date").reset_index(drop=True)
    if len(d) < min_days:
        return None
    y = np.log1p(d["views"].to_numpy(float))
    t = ((d["date"] - d["date"].iloc[0]).dt.days).to_numpy(float)
    # Trend with weekday dummies, so a partial week at either end does not tilt it.
    dow = d["date"].dt.day_of_week.to_numpy()
    design = np.column_stack([np.ones_like(t), t] + [(dow == k).astype(float) for k in range(1, 7)])

    def fit(rows: np.ndarray) -> np.ndarray:
        return np.linalg.lstsq(design[rows], y[rows], rcond=None)[0]

    coef = fit(np.arange(len(y)))
    slope = float(coef[1])
    week = (
        (d["date"] - pd.to_timedelta(d["date"].dt.day_of_week, unit="D")).dt.normalize().to_numpy()
    )
    weeks, week_idx = np.unique(week, return_inverse=True)
    members = [np.flatnonzero(week_idx == w) for w in range(len(weeks))]
    rng = np.random.default_rng(seed)
    slopes = np.empty(n_boot)
    for b in range(n_boot):
        pick = np.concatenate([members[w] for w in rng.integers(0, len(weeks), len(weeks))])
        slopes[b] = fit(pick)[1] if np.ptp(t[pick]) > 0 else slope
    tail = (1.0 - level) / 2.0
    lo, hi = np.quantile(slopes, [tail, 1.0 - tail])
    # Weekday profile: log views against the centred 7-day mean of log views.
    full = pd.Series(y, index=d["date"]).asfreq("D")
    centred = full.rolling(7, center=True, min_periods=7).mean()
    dev = (full - centred).dropna()
    wd = dev.index.day_of_week.to_numpy()
    dev_v = dev.to_numpy()
    dev_weeks = ((dev.index - pd.to_timedelta(wd, unit="D")).normalize()).to_numpy()
    uw, uw_idx = np.unique(dev_weeks, return_inverse=True)
    wmembers = [np.flatnonzero(uw_idx == w) for w in range(len(uw))]

    def profile(idx: np.ndarray) -> np.ndarray:
        sums = np.bincount(wd[idx], weights=dev_v[idx], minlength=7)
        cnt = np.bincount(wd[idx], minlength=7)
        means = np.divide(sums, cnt, out=np.zeros(7), where=cnt > 0)
        return np.exp(means - means.mean())

    rows = []
    if dev_v.size >= 14:
        point = profile(np.arange(dev_v.size))
        boots = np.vstack(
            [
                profile(np.concatenate([wmembers[w] for w in rng.integers(0, len(uw), len(uw))]))
                for _ in range(min(n_boot, 400))
            ]
        )
        q_lo, q_hi = np.quantile(boots, [tail, 1.0 - tail], axis=0)
        rows = [(i, float(point[i]), float(q_lo[i]), float(q_hi[i])) for i in range(7)]
    weekday = pd.DataFrame(rows, columns=["weekday", "multiplier", "low", "high"])
    level_t = coef[0] + slope * t + float(np.mean(np.r_[0.0, coef[2:]]))
    out = pd.DataFrame(
        {"date": d["date"], "views": d["views"].to_numpy(float), "trend": np.expm1(level_t)}
    )
    return ViewsTrend(
        out,
        float(np.exp(30 * slope) - 1),
        float(np.exp(30 * lo) - 1),
        float(np.exp(30 * hi) - 1),
        weekday,
        int(len(d)),
    )
