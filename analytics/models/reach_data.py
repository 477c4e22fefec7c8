"""The table a reach model learns from: targets, pre-publish features, levels and baselines.

:func:`prepare` turns a video feature table into :class:`ReachData`: the
target on a log scale, the group (channel or category) of each video, the
trailing median baseline and the smoothed level that only use outcomes known
at publish time. Re-exported by :mod:`analytics.models.reach`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.errors import NotEnoughDataError
from analytics.features import (
    FeatureTable,
    available_features,
    build_features,
    missing_reasons,
)
from analytics.models.targets import MATURITY_DAYS, WHAT_TO_EXPORT, Target, make_target
from analytics.models.validation import TimeLeakageError, forward_folds

MIN_VIDEOS = 30
HISTORY_WINDOW = 10
MIN_CHANNEL_VIDEOS = 5
LEVEL_HALFLIFE = 20.0


@dataclass
class ReachData:
    """Videos with a target, their features and their baseline history.

    Attributes
    ----------
    rows : pandas.DataFrame, shape (n, ...)
        Per-video rows (store query output) of the videos with a target.
    features : FeatureTable
        All :data:`analytics.features.FEATURE_COLUMNS` of those videos.
    X : pandas.DataFrame, shape (n, n_available)
        The features with information (see ``unavailable``).
    y : numpy.ndarray, shape (n,)
        Target on its log scale.
    dates : numpy.ndarray of datetime64, shape (n,)
        Publish time (UTC).
    horizon_days : numpy.ndarray, shape (n,)
        Days after publish at which ``y`` is known.
    group : numpy.ndarray of str, shape (n,)
        Baseline group: ``channel:<id>`` or, for channels with fewer than
        :data:`MIN_CHANNEL_VIDEOS` videos, ``category:<name>``.
    trailing : numpy.ndarray, shape (n,)
        Trailing median of the group's earlier known targets (NaN when none):
        the baseline.
    level : numpy.ndarray, shape (n,)
        Exponentially weighted mean of the same (NaN when none): the models'
        offset.
    target : Target
        The target, restricted to these videos.
    unavailable : list of str
        Features with no information here (all missing or constant).
    maturity_days : float or None
        Days after publish at which a lifetime total counts as known (28, or
        a shorter fallback when the export's videos are all younger); None
        when no target is a lifetime total.
    missing : dict of str to str
        Why each unavailable feature is missing (a code of
        :data:`analytics.features.MISSING_REASONS`, e.g. ``publish_hour:
        dates_only``).
    """

    rows: pd.DataFrame
    features: FeatureTable
    X: pd.DataFrame
    y: np.ndarray
    dates: np.ndarray
    horizon_days: np.ndarray
    group: np.ndarray
    trailing: np.ndarray
    level: np.ndarray
    target: Target
    unavailable: list[str]
    channel_id: str | None = None
    missing: dict[str, str] = field(default_factory=dict)
    maturity_days: float | None = None

    @property
    def n(self) -> int:
        """Number of videos with a target."""
        return len(self.y)

    @property
    def market(self) -> bool:
        """True when no channel has enough videos for its own baseline (market data)."""
        return not any(str(g).startswith("channel:") for g in self.group)


def trailing_median(
    y: np.ndarray,
    dates: np.ndarray,
    horizon_days: np.ndarray,
    group: np.ndarray,
    window: int = HISTORY_WINDOW,
) -> np.ndarray:
    """Median target of the last ``window`` videos of the same group known at publish time.

    A video's own target never counts, nor that of any video whose target
    was not known strictly before this one was published (``date + horizon``
    at or after this video's date).

    Parameters
    ----------
    y : numpy.ndarray, shape (n,)
    dates : numpy.ndarray of datetime64, shape (n,)
    horizon_days : numpy.ndarray, shape (n,)
    group : numpy.ndarray, shape (n,)
    window : int

    Returns
    -------
    numpy.ndarray, shape (n,)
        NaN where the group has no known earlier video.
    """
    d = np.asarray(dates, dtype="datetime64[ns]")
    known = d + (np.asarray(horizon_days, dtype=float) * 86400e9).astype("timedelta64[ns]")
    out = np.full(len(y), np.nan)
    for g in pd.unique(group):
        idx = np.flatnonzero(group == g)
        order = idx[np.argsort(known[idx], kind="stable")]
        k_sorted = known[order]
        y_sorted = y[order]
        stop = np.searchsorted(k_sorted, d[idx], side="left")
        for i, s in zip(idx, stop, strict=True):
            if s:
                out[i] = float(np.median(y_sorted[max(0, s - window) : s]))
    return out


def trailing_level(
    y: np.ndarray,
    dates: np.ndarray,
    horizon_days: np.ndarray,
    group: np.ndarray,
    halflife: float = LEVEL_HALFLIFE,
) -> np.ndarray:
    """Exponentially weighted mean of each group's earlier known targets.

    The most recent known video weighs 1, the one before ``0.5 ** (1 / halflife)``,
    and so on; a video's own target and targets not yet known at its publish
    time never count (as in :func:`trailing_median`).

    Parameters
    ----------
    y : numpy.ndarray, shape (n,)
    dates : numpy.ndarray of datetime64, shape (n,)
    horizon_days : numpy.ndarray, shape (n,)
    group : numpy.ndarray, shape (n,)
    halflife : float
        In videos.

    Returns
    -------
    numpy.ndarray, shape (n,)
        NaN where the group has no known earlier video.
    """
    d = np.asarray(dates, dtype="datetime64[ns]")
    known = d + (np.asarray(horizon_days, dtype=float) * 86400e9).astype("timedelta64[ns]")
    decay = 0.5 ** (1.0 / halflife)
    out = np.full(len(y), np.nan)
    for g in pd.unique(group):
        idx = np.flatnonzero(group == g)
        order = idx[np.argsort(known[idx], kind="stable")]
        sums = np.empty(len(order))
        weights = np.empty(len(order))
        acc_s = acc_w = 0.0
        for k, value in enumerate(y[order]):
            acc_s = decay * acc_s + value
            acc_w = decay * acc_w + 1.0
            sums[k], weights[k] = acc_s, acc_w
        stop = np.searchsorted(known[order], d[idx], side="left")
        has = stop > 0
        out[idx[has]] = sums[stop[has] - 1] / weights[stop[has] - 1]
    return out


def _group_keys(rows: pd.DataFrame) -> np.ndarray:
    counts = rows["channel_id"].map(rows["channel_id"].value_counts())
    category = rows["category"].where(rows["category"].notna(), "?").astype(str).str.lower()
    return np.where(
        counts >= MIN_CHANNEL_VIDEOS,
        "channel:" + rows["channel_id"].astype(str),
        "category:" + category,
    ).astype(object)


def prepare(
    rows: pd.DataFrame,
    target: str = "exposure",
    channel_id: str | None = None,
    *,
    min_videos: int = MIN_VIDEOS,
    needed_for: str = "honest drivers",
) -> ReachData:
    """Build the modelling data from per-video rows.

    Parameters
    ----------
    rows : pandas.DataFrame
        :func:`analytics.store.feature_queries.video_rows` output (all videos of
        the channel(s); cadence features use every upload).
    target : {"exposure", "engagement", "completion"}
    channel_id : str, optional
        Recorded on the result (the rows are expected to be filtered already).
    min_videos : int
        Fewer videos with a target raise :class:`NotEnoughDataError`.

    needed_for : str
        What the videos are needed for, in the refusal ("honest drivers", or
        the planner's "an honest range").

    Raises
    ------
    NotEnoughDataError
        Fewer than ``min_videos`` videos have the target; the message says
        what to export.
    """
    rows = rows.reset_index(drop=True)
    features = build_features(rows) if len(rows) else None
    tgt = make_target(rows, target)
    has = np.isfinite(tgt.y)
    n = int(has.sum())
    if n < min_videos or features is None:
        where = f" for channel {channel_id}" if channel_id else ""
        raise NotEnoughDataError(
            f"not enough data{where}: {n} video(s) have a {tgt.label} figure and at least "
            f"{min_videos} are needed for {needed_for}; {WHAT_TO_EXPORT[tgt.name]}"
        )
    sub = rows[has].reset_index(drop=True)
    table = FeatureTable(
        features.X[has].reset_index(drop=True),
        features.keys[has].reset_index(drop=True),
        features.topics,
    )
    available, unavailable = available_features(table.X)
    dates = pd.to_datetime(sub["published_utc"]).to_numpy("datetime64[ns]")
    horizon, maturity = _maturity(dates, tgt.basis[has], tgt.horizon_days[has])
    tsub = Target(tgt.name, tgt.y[has], tgt.basis[has], horizon, tgt.label)
    group = _group_keys(sub)
    trailing = trailing_median(tsub.y, dates, tsub.horizon_days, group)
    level = trailing_level(tsub.y, dates, tsub.horizon_days, group)
    return ReachData(
        sub,
        table,
        table.X[available].copy(),
        tsub.y,
        dates,
        tsub.horizon_days,
        group,
        trailing,
        level,
        tsub,
        unavailable,
        channel_id,
        missing_reasons(sub, table.X),
        maturity,
    )


#: Shorter maturities tried, in order, when the 28-day one leaves no forward fold.
FALLBACK_MATURITIES: tuple[float, ...] = (14.0, 7.0, 3.0, 1.0)


def min_train_rows(n: int) -> int:
    """Fewest training rows a forward fold may have (10-20, a fifth of the videos)."""
    return max(10, min(20, n // 5))


def _maturity(
    dates: np.ndarray, basis: np.ndarray, horizon: np.ndarray
) -> tuple[np.ndarray, float | None]:
    """Horizons with the maturity of lifetime totals, and that maturity (None: none used).

    A lifetime total counts as known :data:`MATURITY_DAYS` after publish. When
    every video of the export is younger than that (a trending list, a new
    account), no forward fold has known training targets; the largest of
    :data:`FALLBACK_MATURITIES` that leaves at least two folds is used instead,
    and reported (``ReachData.maturity_days``).
    """
    lifetime = basis == "views_at_28d"
    if not lifetime.any():
        return horizon, None
    n = len(dates)
    for days in (MATURITY_DAYS, *FALLBACK_MATURITIES):
        h = np.where(lifetime, days, horizon)
        try:
            folds = forward_folds(dates, 4, horizon_days=h, min_train=min_train_rows(n))
        except TimeLeakageError:
            continue
        if len(folds) >= 2 or days == FALLBACK_MATURITIES[-1]:
            return h, days
    return np.where(lifetime, FALLBACK_MATURITIES[-1], horizon), FALLBACK_MATURITIES[-1]
