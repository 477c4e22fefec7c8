"""Targets of the reach and engagement models, per video, on a log scale.

Exposure
    ``log1p(views_d7)``: views on the publish day and the 6 days after, for
    channels with per-video daily data (YouTube Studio). For a channel with
    only lifetime totals (Studio Content tables, Douyin, Xiaohongshu, TikTok,
    trending lists) it is ``log1p`` of the views the video is estimated to
    have had at :data:`FIXED_AGE_DAYS` (28) days: its lifetime views times
    ``S(28) / S(age)``, where ``age`` is the time from publish to the end of
    the export day and ``S`` the saturation curve of :func:`saturation`
    (share of a video's views reached by a given age). ``S`` is fitted on the
    channel's own daily rows where some videos have them (their day-7 views
    against all their views, :func:`fit_saturation`), else it is the
    documented default (:data:`DEFAULT_TAU_DAYS`, :data:`SATURATION_SHAPE`).
    Dividing lifetime views by age instead (views per day) would make an old
    video's figure mostly a function of its age. A channel uses day-7 views
    when at least half of its videos (or 30 of them) have them; its other
    videos are then left out rather than mixed on another scale.
    Maturity: a lifetime total is known only for forward folds whose test
    start is at least :data:`MATURITY_DAYS` (28) days after the video was
    published (``horizon_days``), so one snapshot still gives forward folds
    over its older videos without counting a young video's total as known at
    its publish time.
Engagement rate
    ``log((likes + comments + shares + saves) / views)``, from the latest
    lifetime totals, else from the sum of the daily rows (when they start at
    publish). A component the platform does not export counts as 0; a video
    needs views > 0 and at least one component. The rate is clipped to
    [1e-4, 1] before the log.
Completion rate
    ``log(completion_rate)`` where exported (totals, else views-weighted mean of
    the daily rows), clipped to [1e-3, 1].

Each target comes with the time after publish at which it is known
(``horizon_days``: 7 for day-7 views, 0 for figures read from an export),
used to keep validation and the trailing-median baseline honest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.errors import AnalyticsError

AGE_CAP_DAYS = 28.0
MIN_AGE_DAYS = 1.0
#: The fixed age (days) lifetime totals are brought to.
FIXED_AGE_DAYS = 28.0
#: A lifetime total counts as known this many days after publish (validation, baseline).
MATURITY_DAYS = 28.0
#: Default saturation curve ``S(a) = 1 - exp(-(a / tau) ** k)``: half of the
#: views in the first ~5 days, 86 % by day 28 (short-video platforms and most
#: YouTube uploads); used when the channel has no per-video daily rows.
DEFAULT_TAU_DAYS = 7.0
SATURATION_SHAPE = 0.5
TARGETS = ("exposure", "engagement", "completion")


@dataclass(frozen=True)
class Target:
    """A target per video.

    Attributes
    ----------
    name : str
        ``exposure``, ``engagement`` or ``completion``.
    y : numpy.ndarray, shape (n_videos,)
        The target on its log scale; NaN where the video has none.
    basis : numpy.ndarray of str, shape (n_videos,)
        What ``y`` measures per video: ``views_d7``, ``views_per_day``,
        ``engagement_rate`` or ``completion_rate`` ("" where NaN).
    horizon_days : numpy.ndarray, shape (n_videos,)
        Days after publish at which the value is known.
    label : str
        Human-readable name of the natural-scale value.
    """

    name: str
    y: np.ndarray
    basis: np.ndarray
    horizon_days: np.ndarray
    label: str

    def to_natural(self, y: np.ndarray) -> np.ndarray:
        """Back-transform log-scale values to views (exposure) or fractions."""
        y = np.asarray(y, dtype=float)
        return np.expm1(y) if self.name == "exposure" else np.exp(y)


def _num(rows: pd.DataFrame, name: str) -> np.ndarray:
    if name not in rows:
        return np.full(len(rows), np.nan)
    return pd.to_numeric(rows[name], errors="coerce").astype(float).to_numpy()


def saturation(age_days: np.ndarray | float, tau_days: float = DEFAULT_TAU_DAYS) -> np.ndarray:
    """Share of a video's views reached by ``age_days``: ``1 - exp(-(a / tau) ** k)``.

    A Weibull-shaped cumulative curve with shape ``k =`` :data:`SATURATION_SHAPE`
    (a long tail: views keep coming, ever more slowly).

    Parameters
    ----------
    age_days : numpy.ndarray
        Age in days (> 0).
    tau_days : float
        Scale of the curve in days.

    Returns
    -------
    numpy.ndarray
        Values in (0, 1), same shape as ``age_days``.
    """
    a = np.maximum(np.asarray(age_days, dtype=float), 1e-6)
    return 1.0 - np.exp(-((a / tau_days) ** SATURATION_SHAPE))


def fit_saturation(rows: pd.DataFrame) -> float:
    """Scale ``tau`` of the saturation curve fitted on the videos' own daily rows.

    Videos whose daily rows start on the publish day and run at least 21 days
    give ``views_d7 / all daily views``, an estimate of ``S(7) / S(last
    age)``; ``tau`` (on a grid of 0.5-120 days) minimises the squared error of
    its log. With fewer than 5 such videos the default
    :data:`DEFAULT_TAU_DAYS` is returned.

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows of :func:`analytics.store.feature_queries.video_rows`.

    Returns
    -------
    float
        ``tau`` in days.
    """
    needed = {"views_d7", "daily_views", "daily_last", "publish_date_local"}
    if not needed <= set(rows.columns):
        return DEFAULT_TAU_DAYS
    d7 = _num(rows, "views_d7")
    total = _num(rows, "daily_views")
    last = pd.to_datetime(rows["daily_last"])
    start = pd.to_datetime(rows["publish_date_local"])
    age = ((last - start).dt.days + 1).to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(d7) & (d7 > 0) & (total > d7) & (age >= 21)
    if ok.sum() < 5:
        return DEFAULT_TAU_DAYS
    observed = np.log(d7[ok] / total[ok])
    grid = np.exp(np.linspace(np.log(0.5), np.log(120.0), 80))
    errors = [
        float(np.mean((observed - np.log(saturation(7.0, g) / saturation(age[ok], g))) ** 2))
        for g in grid
    ]
    return float(grid[int(np.argmin(errors))])


def exposure_target(rows: pd.DataFrame, tau_days: float | None = None) -> Target:
    """Exposure per video: log1p of day-7 views, else of the estimated views at 28 days.

    Parameters
    ----------
    rows : pandas.DataFrame, shape (n_videos, ...)
        Rows of :func:`analytics.store.feature_queries.video_rows`.
    tau_days : float, optional
        Scale of the saturation curve; fitted with :func:`fit_saturation`
        when None.

    Returns
    -------
    Target
        ``basis`` is ``views_d7`` or ``views_at_28d`` per video;
        ``horizon_days`` 7 or :data:`MATURITY_DAYS`.
    """
    n = len(rows)
    d7 = _num(rows, "views_d7")
    total = _num(rows, "totals_views")
    as_of = (
        pd.to_datetime(rows["totals_as_of"])
        if "totals_as_of" in rows
        else pd.Series(pd.NaT, index=rows.index)
    )
    published = pd.to_datetime(rows["published_utc"])
    end_of_export_day = as_of + pd.Timedelta(days=1)
    age = ((end_of_export_day - published).dt.total_seconds() / 86400.0).to_numpy(dtype=float)
    y = np.full(n, np.nan)
    basis = np.full(n, "", dtype=object)
    horizon = np.zeros(n)
    channels = rows["channel_id"].to_numpy()
    at_fixed_age = np.full(n, np.nan)
    for ch in pd.unique(channels):
        m = channels == ch
        tau = fit_saturation(rows[m]) if tau_days is None else tau_days
        at_fixed_age[m] = (
            total[m]
            * saturation(FIXED_AGE_DAYS, tau)
            / saturation(np.maximum(age[m], MIN_AGE_DAYS), tau)
        )
    at_fixed_age[~(age > 0)] = np.nan
    for ch in pd.unique(channels):
        m = channels == ch
        n_d7 = int(np.isfinite(d7[m]).sum())
        n_any = int((np.isfinite(d7[m]) | np.isfinite(at_fixed_age[m])).sum())
        if n_d7 and (n_d7 >= 30 or 2 * n_d7 >= n_any):
            ok = m & np.isfinite(d7)
            y[ok] = np.log1p(np.maximum(d7[ok], 0))
            basis[ok] = "views_d7"
            horizon[m] = 7.0
        else:
            ok = m & np.isfinite(at_fixed_age)
            y[ok] = np.log1p(np.maximum(at_fixed_age[ok], 0))
            basis[ok] = "views_at_28d"
            horizon[m] = MATURITY_DAYS
    return Target("exposure", y, basis, horizon, "views in the first 7 days (or at 28 days)")


def engagement_target(rows: pd.DataFrame) -> Target:
    """Engagement rate per video: log((likes + comments + shares + saves) / views)."""
    n = len(rows)
    y = np.full(n, np.nan)
    for prefix in ("daily_", "totals_"):  # totals win where both exist
        views = _num(rows, prefix + "views")
        parts = np.vstack(
            [_num(rows, prefix + c) for c in ("likes", "comments", "shares", "saves")]
        )
        has_part = np.isfinite(parts).any(axis=0)
        interactions = np.nansum(parts, axis=0)
        ok = (views > 0) & has_part
        if prefix == "daily_" and "daily_first" in rows:
            first = pd.to_datetime(rows["daily_first"])
            start = pd.to_datetime(rows["published_local"]).dt.normalize()
            ok &= ((first - start).dt.days <= 1).to_numpy(dtype=bool, na_value=False)
        rate = np.clip(interactions[ok] / views[ok], 1e-4, 1.0)
        y[ok] = np.log(rate)
    basis = np.where(np.isfinite(y), "engagement_rate", "").astype(object)
    return Target("engagement", y, basis, np.zeros(n), "engagement rate")


def completion_target(rows: pd.DataFrame) -> Target:
    """Completion rate per video (log of the fraction), where the platform exports it."""
    rate = _num(rows, "totals_completion_rate")
    daily = _num(rows, "daily_completion_rate")
    rate = np.where(np.isfinite(rate), rate, daily)
    y = np.where(rate > 0, np.log(np.clip(rate, 1e-3, 1.0)), np.nan)
    basis = np.where(np.isfinite(y), "completion_rate", "").astype(object)
    return Target("completion", y, basis, np.zeros(len(rows)), "completion rate")


def make_target(rows: pd.DataFrame, name: str) -> Target:
    """Return the target called ``name`` (one of :data:`TARGETS`).

    Raises
    ------
    AnalyticsError
        ``name`` is not a known target.
    """
    if name == "exposure":
        return exposure_target(rows)
    if name == "engagement":
        return engagement_target(rows)
    if name == "completion":
        return completion_target(rows)
    raise AnalyticsError(f"unknown target {name!r}; choose one of {', '.join(TARGETS)}")


WHAT_TO_EXPORT = {
    "exposure": (
        "export per-video daily views (YouTube Studio: Analytics > Advanced mode > Content, "
        "by day) or a video list with publish times and lifetime views (Douyin, TikTok, "
        "Xiaohongshu, Bilibili) and import it"
    ),
    "engagement": (
        "export a video list with views and likes, comments, shares or saves per video "
        "and import it"
    ),
    "completion": (
        "export a video list that includes completion rate per video (Douyin 作品数据, "
        "TikTok Studio, WeChat Channels) and import it"
    ),
}
