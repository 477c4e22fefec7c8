"""Growth analytics from the creator's own outcomes.

Every comparison here is made on **relative reach**: a video's reach divided
by its channel's typical reach at the time it was published (the channel's
robust log-linear trend of reach over publish time, see
:func:`relative_reach`). Dividing by the channel's own typical level puts
channels of different sizes on one scale, and following the trend keeps a
growing channel's newer videos from looking better only because the channel
grew. The median relative reach of every channel is 1.

Reach is the exposure measure of :mod:`analytics.models.targets`: views on
the publish day and the 6 days after it where per-video daily data exists
(YouTube Studio), else lifetime views per day since publish (capped at 28
days) from video lists (Douyin, Xiaohongshu, ...).

What is measured
----------------
Best time to post
    Weekday x hour in the channel's time zone: the median relative reach of
    the videos in each slot, shown only where a slot holds at least
    ``min_videos`` videos; per hour with bootstrap intervals; and the
    contiguous hour window whose videos do best against the others.
Duration and format
    Median relative reach by duration bucket (up to 60 s, 61-180 s, over
    180 s) and by content type, best against worst.
Topics
    Median relative reach of each topic's videos against the other videos.
Cadence
    The gap before a video (days since the channel's previous upload)
    against its relative reach; uploads per week against the week's new
    followers (relative to the channel's rolling median week).
Outliers per format
    Relative reach divided by the median of the same channel and format;
    above 3x or below 1/3 is flagged.
Trend and weekly seasonality of daily views
    Log-linear trend of daily channel views (growth per 30 days) and the
    weekday profile of daily views around a centred 7-day mean.

Intervals are percentile bootstrap intervals (Efron & Tibshirani, *An
Introduction to the Bootstrap*, 1993) of ratios of medians, with a fixed
seed; weeks are resampled as blocks for the daily-views trend (Kunsch 1989,
moving-block bootstrap, here with non-overlapping weekly blocks).
"""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scipy.stats import theilslopes

from analytics.features import topic_candidates
from analytics.models.targets import exposure_target
from analytics.store import queries
from analytics.store.growth_queries import DataCoverage, data_coverage, video_rows

StorePath = str | os.PathLike[str]

#: Fewer videos than this and a channel's reach has no trend (overall median).
MIN_TREND_VIDEOS = 8
#: Smallest group compared anywhere (videos on each side).
MIN_GROUP = 5
#: Smallest number of videos in a weekday x hour slot for its value to be shown.
MIN_SLOT_VIDEOS = 3
#: Hours per heatmap column (weekday x hour block).
SLOT_HOURS = 3
#: Bootstrap resamples and interval level.
N_BOOT = 1000
LEVEL = 0.95
#: Outlier thresholds against the median of the same channel and format.
OUTLIER_HIGH = 3.0
OUTLIER_LOW = 1.0 / 3.0
#: A tag on more than this share of a channel's videos names the channel, not a topic.
BRAND_TAG_SHARE = 0.9
#: Duration buckets: (key, lower bound exclusive, upper bound inclusive), seconds.
DURATION_BUCKETS: tuple[tuple[str, float, float], ...] = (
    ("le60", 0.0, 60.0),
    ("61_180", 60.0, 180.0),
    ("gt180", 180.0, math.inf),
)
#: Gap buckets (days since the previous upload): (key, lower inclusive, upper exclusive).
GAP_BUCKETS: tuple[tuple[str, float, float], ...] = (
    ("lt1", 0.0, 1.0),
    ("1_3", 1.0, 3.0),
    ("3_7", 3.0, 7.0),
    ("ge7", 7.0, math.inf),
)
#: Uploads closer than this (days) count as a "short gap".
SHORT_GAP_DAYS = 2.0
#: Weeks in the rolling window of the typical weekly follower gain.
ROLLING_WEEKS = 9


# --------------------------------------------------------------------- effects
@dataclass(frozen=True)
class Effect:
    """A ratio of medians with its bootstrap interval.

    Attributes
    ----------
    n : int
        Videos (or weeks) in the group.
    n_ref : int
        Videos (or weeks) in the comparison group.
    ratio : float
        Median of the group / median of the comparison group (> 0).
    low, high : float
        Percentile bootstrap interval of ``ratio`` at ``level``.
    level : float
        Interval level, e.g. 0.95.
    """

    n: int
    n_ref: int
    ratio: float
    low: float
    high: float
    level: float = LEVEL

    @property
    def clear(self) -> bool:
        """True when the interval lies wholly above or wholly below 1."""
        return bool(self.low > 1.0 or self.high < 1.0)

    def as_dict(self) -> dict[str, float | int]:
        """``n, n_ref, ratio, low, high, level`` as plain numbers."""
        return {"n": self.n, "n_ref": self.n_ref, "ratio": self.ratio, "low": self.low,
                "high": self.high, "level": self.level}


def _boot_medians(x: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    idx = rng.integers(0, x.size, size=(n_boot, x.size))
    return np.median(x[idx], axis=1)


def median_ratio(x: Sequence[float] | np.ndarray, ref: Sequence[float] | np.ndarray, *,
                 n_boot: int = N_BOOT, level: float = LEVEL, seed: int = 0) -> Effect | None:
    """Ratio of medians ``median(x) / median(ref)`` with a percentile bootstrap interval.

    Both groups are resampled independently with replacement ``n_boot``
    times (Efron & Tibshirani 1993, ch. 13).

    Parameters
    ----------
    x, ref : array-like of float, shapes (n,) and (m,)
        Positive values (relative reach, weekly follower gains...); NaN are
        dropped.
    n_boot : int
        Bootstrap resamples.
    level : float
        Interval level in (0, 1).
    seed : int
        Seed of the resampling.

    Returns
    -------
    Effect or None
        None when a group is empty or the comparison median is not > 0.

    Examples
    --------
    >>> e = median_ratio([2.0, 2.0, 2.0], [1.0, 1.0, 1.0])
    >>> (e.ratio, e.low, e.high)
    (2.0, 2.0, 2.0)
    """
    a = np.asarray(x, dtype=float)
    b = np.asarray(ref, dtype=float)
    a, b = a[np.isfinite(a)], b[np.isfinite(b)]
    if a.size == 0 or b.size == 0:
        return None
    m_ref = float(np.median(b))
    if not m_ref > 0:
        return None
    ratio = float(np.median(a)) / m_ref
    rng = np.random.default_rng(seed)
    ma = _boot_medians(a, n_boot, rng)
    mb = _boot_medians(b, n_boot, rng)
    with np.errstate(divide="ignore", invalid="ignore"):
        boots = np.where(mb > 0, ma / np.where(mb > 0, mb, 1.0), np.inf)
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(boots, [tail, 1.0 - tail])
    return Effect(int(a.size), int(b.size), ratio, float(low), float(high), level)


def median_interval(x: Sequence[float] | np.ndarray, *, n_boot: int = N_BOOT,
                    level: float = LEVEL, seed: int = 0) -> tuple[float, float, float]:
    """Median of ``x`` with its percentile bootstrap interval: ``(median, low, high)``.

    NaN values are dropped; an empty input gives three NaN.
    """
    a = np.asarray(x, dtype=float)
    a = a[np.isfinite(a)]
    if a.size == 0:
        return (math.nan, math.nan, math.nan)
    boots = _boot_medians(a, n_boot, np.random.default_rng(seed))
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(boots, [tail, 1.0 - tail])
    return float(np.median(a)), float(low), float(high)


# --------------------------------------------------------------------- topics
def _norm_name(text: object) -> str:
    return "".join(ch for ch in str(text).casefold() if ch.isalnum())


def assign_topics(rows: pd.DataFrame, *, min_videos: int = 3,
                  brand_share: float = BRAND_TAG_SHARE) -> pd.Series:
    """One topic per video from its tags (else hashtags, else category).

    Per channel: a tag that names the channel (equal to its display name or
    id, ignoring case, spaces and punctuation: ``kitchen lab`` on "Kitchen
    Lab") or that is on more than ``brand_share`` of the channel's videos
    (a catch-all hashtag) is skipped; tags carried by exactly the same
    videos are one topic (``cooking`` / ``美食``), named by the tag used
    most over the whole store; among the remaining tags on at least
    ``min_videos`` of the channel's videos, a video gets the one on most of
    the channel's videos (ties: the tag used most over the store, then the
    name).

    Parameters
    ----------
    rows : pandas.DataFrame, shape (n_videos, ...)
        Columns ``channel_id, tags, title, caption, category`` and,
        optionally, ``display_name`` (missing columns count as empty).
    min_videos : int
        Smallest number of a channel's videos a topic must be on.
    brand_share : float
        Share of a channel's videos above which a tag names the channel.

    Returns
    -------
    pandas.Series of object, shape (n_videos,)
        The topic (lower-case tag) or None; index aligned with ``rows``.
    """
    def col(name: str) -> list[object]:
        return list(rows[name]) if name in rows else [None] * len(rows)

    cands = [topic_candidates(t, ti, c, ca) for t, ti, c, ca in
             zip(col("tags"), col("title"), col("caption"), col("category"), strict=True)]
    global_counts: Counter[str] = Counter()
    for c in cands:
        global_counts.update(set(c))
    channels = np.asarray(col("channel_id"), dtype=object)
    names = col("display_name")
    out: list[str | None] = [None] * len(rows)
    for ch in pd.unique(channels):
        idx = np.flatnonzero(channels == ch)
        own = {_norm_name(ch)} | {_norm_name(names[i]) for i in idx if isinstance(names[i], str)}
        own.discard("")
        counts: Counter[str] = Counter()
        members: dict[str, set[int]] = {}
        for i in idx:
            for tag in set(cands[i]):
                counts[tag] += 1
                members.setdefault(tag, set()).add(int(i))
        n = len(idx)
        brand = {t for t, c in counts.items()
                 if _norm_name(t) in own or (n >= 10 and c > brand_share * n)}
        same: dict[frozenset[int], list[str]] = {}
        for tag, vids in members.items():
            same.setdefault(frozenset(vids), []).append(tag)
        label = {}
        for tags in same.values():
            name = min(tags, key=lambda t: (-global_counts[t], len(t), t))
            for tag in tags:
                label[tag] = name
        for i in idx:
            ok = [t for t in cands[i] if t not in brand and counts[t] >= min_videos]
            if ok:
                best = min(ok, key=lambda t: (-counts[t], -global_counts[label[t]], label[t]))
                out[i] = label[best]
    return pd.Series(out, index=rows.index, dtype=object)


# ---------------------------------------------------------------- reach table
def duration_bucket(duration_s: float | None) -> str | None:
    """Key of the duration bucket of a video (:data:`DURATION_BUCKETS`), None when unknown."""
    if duration_s is None or not np.isfinite(duration_s) or duration_s <= 0:
        return None
    for key, lo, hi in DURATION_BUCKETS:
        if lo < duration_s <= hi:
            return key
    return None


def gap_bucket(days: float | None) -> str | None:
    """Key of the gap bucket (:data:`GAP_BUCKETS`), None for a channel's first video."""
    if days is None or not np.isfinite(days) or days < 0:
        return None
    for key, lo, hi in GAP_BUCKETS:
        if lo <= days < hi:
            return key
    return None


def relative_reach(reach: np.ndarray, channel: np.ndarray, order: np.ndarray, *,
                   min_trend_videos: int = MIN_TREND_VIDEOS) -> np.ndarray:
    """Reach divided by the channel's typical reach at publish time.

    The typical reach is the channel's log-linear trend of reach over
    publish time, fitted robustly (Theil-Sen slope, Sen 1968; intercept the
    median residual): a channel that grows steadily compares each video
    with the level the channel had reached when it was published. The
    trend is fitted on ``log1p(reach)``; a video's relative reach is
    ``exp(log1p(reach) - trend)``, so the median relative reach of a
    channel is 1. A trend rather than a rolling median is used because a
    rolling median absorbs real effects when the mix of videos changes over
    time (a run of short videos raises the median they are compared with).

    Parameters
    ----------
    reach : ndarray of float, shape (n,)
        Reach per video (NaN where unknown).
    channel : ndarray of object, shape (n,)
        Channel of each video.
    order : ndarray of float, shape (n,)
        Publish time of each video (e.g. epoch seconds).
    min_trend_videos : int
        A channel with fewer videos is compared with its overall median.

    Returns
    -------
    ndarray of float, shape (n,)
        NaN where the reach is unknown.
    """
    out = np.full(np.shape(reach), np.nan)
    order = np.asarray(order, dtype=float)
    for ch in pd.unique(channel):
        idx = np.flatnonzero((channel == ch) & np.isfinite(reach))
        if idx.size == 0:
            continue
        y = np.log1p(np.maximum(reach[idx], 0.0))
        t = (order[idx] - order[idx].min()) / 86400.0
        slope = 0.0
        if idx.size >= min_trend_videos and np.ptp(t) > 0:
            slope = float(theilslopes(y, t)[0])
        resid = y - slope * t
        out[idx] = np.exp(resid - np.median(resid))
    return out


def reach_table(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per video: when, how long, which topic, and its (relative) reach.

    Parameters
    ----------
    rows : pandas.DataFrame, shape (n_videos, ...)
        Rows of :func:`analytics.store.growth_queries.video_rows`.
    Returns
    -------
    pandas.DataFrame, shape (n_videos, 17)
        Columns ``channel_id, video_id, title, published_utc, published_local``
        (naive timestamps), ``weekday`` (0 = Monday), ``hour`` (0-23, channel
        time zone), ``duration_s`` (seconds), ``duration_bucket``,
        ``content_type``, ``format`` (duration bucket, else content type,
        else ``"video"``), ``topic``, ``gap_days`` (days since the channel's
        previous upload, NaN for its first), ``gap_bucket``, ``reach``
        (views in the first 7 days, or views per day), ``basis`` (which of
        the two), ``rel_reach`` (reach / the channel's typical reach at the
        time, see :func:`relative_reach`).
    """
    cols = ["channel_id", "video_id", "title", "published_utc", "published_local", "weekday",
            "hour", "duration_s", "duration_bucket", "content_type", "format", "topic",
            "gap_days", "gap_bucket", "reach", "basis", "rel_reach"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows = rows.reset_index(drop=True)
    target = exposure_target(rows)
    reach = np.expm1(target.y)
    utc = pd.to_datetime(rows["published_utc"])
    local = pd.to_datetime(rows["published_local"])
    channel = rows["channel_id"].astype(str).to_numpy(dtype=object)
    times = utc.to_numpy("datetime64[s]").astype("int64")
    gap = np.full(len(rows), np.nan)
    for ch in pd.unique(channel):
        idx = np.flatnonzero(channel == ch)
        idx = idx[np.argsort(times[idx], kind="stable")]
        gap[idx[1:]] = np.diff(times[idx]) / 86400.0
    duration = pd.to_numeric(rows.get("duration_s"), errors="coerce").astype(float).to_numpy()
    ctype = [str(v).strip().lower() if isinstance(v, str) and v.strip() else None
             for v in rows.get("content_type", pd.Series([None] * len(rows)))]
    dbucket = [duration_bucket(d) for d in duration]
    fmt = [b or c or "video" for b, c in zip(dbucket, ctype, strict=True)]
    table = pd.DataFrame({
        "channel_id": channel,
        "video_id": rows["video_id"].astype(str),
        "title": rows.get("title"),
        "published_utc": utc,
        "published_local": local,
        "weekday": local.dt.day_of_week.astype(int),
        "hour": local.dt.hour.astype(int),
        "duration_s": duration,
        "duration_bucket": pd.Series(dbucket, dtype=object),
        "content_type": pd.Series(ctype, dtype=object),
        "format": pd.Series(fmt, dtype=object),
        "topic": assign_topics(rows),
        "gap_days": gap,
        "gap_bucket": pd.Series([gap_bucket(g) for g in gap], dtype=object),
        "reach": reach,
        "basis": target.basis,
        "rel_reach": relative_reach(reach, channel, times.astype(float)),
    })
    return table[cols]


# ---------------------------------------------------------------- group effects
@dataclass(frozen=True)
class GroupEffects:
    """Median relative reach per level of one column, and best against worst.

    Attributes
    ----------
    column : str
        ``duration_bucket``, ``content_type``, ``topic``, ``gap_bucket``...
    table : pandas.DataFrame
        One row per level with at least :data:`MIN_GROUP` videos, in
        ``order`` (else by median, best first): ``level``, ``n``,
        ``median``, ``low``, ``high`` (the level's median relative reach and
        its interval), ``share`` (fraction of the compared videos).
    best, worst : str or None
        Levels with the highest / lowest median (None with fewer than 2 levels).
    best_vs_worst : Effect or None
    vs_rest : dict of str to Effect
        Each level against every other compared video.
    """

    column: str
    table: pd.DataFrame
    best: str | None
    worst: str | None
    best_vs_worst: Effect | None
    vs_rest: dict[str, Effect] = field(default_factory=dict)


def group_effects(table: pd.DataFrame, column: str, *, order: Sequence[str] | None = None,
                  min_videos: int = MIN_GROUP, n_boot: int = N_BOOT, level: float = LEVEL,
                  seed: int = 0) -> GroupEffects:
    """Compare the relative reach of the levels of ``column``.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`reach_table`.
    column : str
        The grouping column; videos where it is None are left out.
    order : sequence of str, optional
        Display order of the levels (e.g. duration buckets short to long).
    min_videos : int
        Levels with fewer videos (with a known reach) are left out.

    Returns
    -------
    GroupEffects
    """
    data = table[table["rel_reach"].notna() & table[column].notna()]
    counts = data[column].value_counts()
    levels = [lv for lv in counts.index if counts[lv] >= min_videos]
    data = data[data[column].isin(levels)]
    rows = []
    values = {lv: data.loc[data[column] == lv, "rel_reach"].to_numpy(float) for lv in levels}
    for k, lv in enumerate(levels):
        med, lo, hi = median_interval(values[lv], n_boot=n_boot, level=level, seed=seed + k)
        share = values[lv].size / max(len(data), 1)
        rows.append((str(lv), int(values[lv].size), med, lo, hi, share))
    frame = pd.DataFrame(rows, columns=["level", "n", "median", "low", "high", "share"])
    if order is not None:
        rank = {str(v): i for i, v in enumerate(order)}
        frame = frame.sort_values("level", key=lambda s: s.map(lambda v: rank.get(v, len(rank))))
    else:
        frame = frame.sort_values(["median", "level"], ascending=[False, True])
    frame = frame.reset_index(drop=True)
    if len(frame) < 2:
        return GroupEffects(column, frame, None, None, None, {})
    by_median = frame.sort_values(["median", "level"], ascending=[False, True])
    best, worst = str(by_median["level"].iloc[0]), str(by_median["level"].iloc[-1])
    bvw = median_ratio(values[best], values[worst], n_boot=n_boot, level=level, seed=seed + 101)
    vs_rest: dict[str, Effect] = {}
    for k, lv in enumerate(frame["level"]):
        rest = np.concatenate([values[o] for o in levels if str(o) != lv])
        eff = median_ratio(values[lv], rest, n_boot=n_boot, level=level, seed=seed + 201 + k)
        if eff is not None:
            vs_rest[str(lv)] = eff
    return GroupEffects(column, frame, best, worst, bvw, vs_rest)


# ---------------------------------------------------------------- best time
@dataclass(frozen=True)
class HourWindow:
    """A contiguous range of publish hours (channel time zone) and its effect.

    ``start`` to ``end`` inclusive (``end < start`` wraps past midnight);
    ``effect`` compares the window's videos with all others.
    """

    start: int
    end: int
    effect: Effect

    @property
    def hours(self) -> list[int]:
        """Hours in the window, in order."""
        length = (self.end - self.start) % 24 + 1
        return [(self.start + i) % 24 for i in range(length)]


@dataclass(frozen=True)
class BestTime:
    """Best time to post.

    Attributes
    ----------
    heatmap : pandas.DataFrame, shape (7 * 24 // slot_hours, 5)
        ``weekday`` (0 = Monday), ``slot`` (first hour of the block), ``n``,
        ``median`` (median relative reach; NaN where ``n < min_videos``),
        ``shown`` (bool).
    hours : pandas.DataFrame, shape (24, 5)
        ``hour``, ``n``, ``median``, ``low``, ``high`` (median relative
        reach with its interval; NaN with fewer than ``min_videos`` videos).
    weekdays : GroupEffects
        Levels ``"0"`` (Monday) ... ``"6"``.
    window : HourWindow or None
        The best contiguous window of 2-6 hours, None when no window has
        :data:`MIN_GROUP` videos on both sides.
    min_videos, slot_hours : int
    n : int
        Videos with a known relative reach.
    """

    heatmap: pd.DataFrame
    hours: pd.DataFrame
    weekdays: GroupEffects
    window: HourWindow | None
    min_videos: int
    slot_hours: int
    n: int


def best_hour_window(hours: np.ndarray, rel: np.ndarray, *, min_len: int = 2, max_len: int = 6,
                     min_group: int = MIN_GROUP, n_boot: int = N_BOOT, level: float = LEVEL,
                     seed: int = 0) -> HourWindow | None:
    """The contiguous hour window whose videos have the highest median relative reach
    compared with the other videos.

    Every window of ``min_len`` to ``max_len`` hours (wrapping past
    midnight) with at least ``min_group`` (and at least a tenth of all)
    videos inside and outside is scored by the ratio of medians; the best
    one (ties: the shorter, then the earlier) gets a bootstrap interval.
    The interval does not account for the search over windows: read it as
    optimistic unless a model confirms the effect.

    Parameters
    ----------
    hours : ndarray of int, shape (n,)
        Local publish hour of each video.
    rel : ndarray of float, shape (n,)
        Relative reach of each video.

    Returns
    -------
    HourWindow or None
    """
    ok = np.isfinite(rel)
    hours, rel = np.asarray(hours)[ok].astype(int), np.asarray(rel, dtype=float)[ok]
    n = rel.size
    need = max(min_group, n // 10)
    best: tuple[float, int, int, int] | None = None
    for length in range(min_len, max_len + 1):
        for start in range(24):
            members = np.isin(hours, [(start + i) % 24 for i in range(length)])
            n_in = int(members.sum())
            if n_in < need or n - n_in < need:
                continue
            ratio = float(np.median(rel[members]) / max(np.median(rel[~members]), 1e-12))
            key = (ratio, -length, -start)
            if best is None or key > (best[0], -best[1], -best[2]):
                best = (ratio, length, start, n_in)
    if best is None:
        return None
    _, length, start, _ = best
    members = np.isin(hours, [(start + i) % 24 for i in range(length)])
    eff = median_ratio(rel[members], rel[~members], n_boot=n_boot, level=level, seed=seed)
    if eff is None:
        return None
    return HourWindow(start, (start + length - 1) % 24, eff)


def best_time(table: pd.DataFrame, *, min_videos: int = MIN_SLOT_VIDEOS,
              slot_hours: int = SLOT_HOURS, n_boot: int = N_BOOT, level: float = LEVEL,
              seed: int = 0) -> BestTime:
    """Best time to post from the creator's own outcomes.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`reach_table`.
    min_videos : int
        Smallest number of videos in a heatmap slot (or an hour) for its
        value to be shown.
    slot_hours : int
        Hours per heatmap column (a divisor of 24).

    Returns
    -------
    BestTime
    """
    if 24 % slot_hours:
        raise ValueError("slot_hours must divide 24")
    data = table[table["rel_reach"].notna()]
    rel = data["rel_reach"].to_numpy(float)
    wd = data["weekday"].to_numpy(int)
    hr = data["hour"].to_numpy(int)
    cells = []
    for d in range(7):
        for s in range(0, 24, slot_hours):
            m = (wd == d) & (hr >= s) & (hr < s + slot_hours)
            n = int(m.sum())
            shown = n >= min_videos
            cells.append((d, s, n, float(np.median(rel[m])) if shown else math.nan, shown))
    heatmap = pd.DataFrame(cells, columns=["weekday", "slot", "n", "median", "shown"])
    hour_rows = []
    for h in range(24):
        m = hr == h
        if int(m.sum()) >= min_videos:
            med, lo, hi = median_interval(rel[m], n_boot=n_boot, level=level, seed=seed + h)
        else:
            med = lo = hi = math.nan
        hour_rows.append((h, int(m.sum()), med, lo, hi))
    hours = pd.DataFrame(hour_rows, columns=["hour", "n", "median", "low", "high"])
    wtable = data.assign(weekday_key=data["weekday"].astype(str))
    weekdays = group_effects(wtable, "weekday_key", order=[str(i) for i in range(7)],
                             n_boot=n_boot, level=level, seed=seed + 300)
    window = best_hour_window(hr, rel, n_boot=n_boot, level=level, seed=seed + 400)
    return BestTime(heatmap, hours, weekdays, window, min_videos, slot_hours, int(rel.size))


# ---------------------------------------------------------------- cadence
@dataclass(frozen=True)
class Cadence:
    """Upload cadence against reach and follower growth.

    Attributes
    ----------
    gaps : GroupEffects
        Relative reach by the gap before the video (:data:`GAP_BUCKETS`).
    short_gap : Effect or None
        Videos posted less than :data:`SHORT_GAP_DAYS` after the previous
        upload against the others.
    weekly : pandas.DataFrame
        One row per channel and local week (Monday) with follower data:
        ``channel_id``, ``week`` (date of the Monday), ``uploads``,
        ``followers`` (net new followers of the week), ``followers_rel``
        (followers / the channel's rolling median week, NaN when that median
        is not > 0).
    busy_threshold : int or None
        Weeks with at least this many uploads count as busy.
    busy_weeks : Effect or None
        ``followers_rel`` of busy weeks against the other weeks.
    """

    gaps: GroupEffects
    short_gap: Effect | None
    weekly: pd.DataFrame
    busy_threshold: int | None
    busy_weeks: Effect | None


def weekly_uploads_followers(table: pd.DataFrame, followers: dict[str, pd.DataFrame], *,
                             window: int = ROLLING_WEEKS, min_days: int = 5) -> pd.DataFrame:
    """Uploads and net new followers per channel and local week.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`reach_table` (``channel_id``, ``published_local``).
    followers : dict of str to pandas.DataFrame
        Per channel, the daily frame of
        :func:`analytics.store.queries.followers_series` (``date``,
        ``followers_net``).
    window : int
        Weeks in the centred rolling median of the typical week.
    min_days : int
        Weeks with fewer days of follower data are left out.

    Returns
    -------
    pandas.DataFrame
        See :attr:`Cadence.weekly`.
    """
    cols = ["channel_id", "week", "uploads", "followers", "followers_rel"]
    frames = []
    for ch, daily in followers.items():
        daily = daily[daily["followers_net"].notna()]
        if daily.empty:
            continue
        dates = pd.to_datetime(daily["date"])
        week = (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.normalize()
        fw = daily.assign(week=week).groupby("week").agg(
            followers=("followers_net", "sum"), days=("followers_net", "size"))
        fw = fw[fw["days"] >= min_days]
        pub = pd.to_datetime(table.loc[table["channel_id"] == ch, "published_local"])
        pweek = (pub - pd.to_timedelta(pub.dt.day_of_week, unit="D")).dt.normalize()
        uploads = pweek.value_counts()
        fw["uploads"] = [int(uploads.get(w, 0)) for w in fw.index]
        fw = fw.sort_index()
        typical = fw["followers"].astype(float).rolling(
            window, center=True, min_periods=max(2, (window + 1) // 2)).median()
        fw["followers_rel"] = np.where(typical > 0, fw["followers"] / typical.where(typical > 0),
                                       np.nan)
        frames.append(pd.DataFrame({"channel_id": ch, "week": fw.index.date,
                                    "uploads": fw["uploads"].to_numpy(int),
                                    "followers": fw["followers"].to_numpy(float),
                                    "followers_rel": fw["followers_rel"].to_numpy(float)}))
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


def cadence(table: pd.DataFrame, followers: dict[str, pd.DataFrame] | None = None, *,
            n_boot: int = N_BOOT, level: float = LEVEL, seed: int = 0) -> Cadence:
    """Gap before a video against its reach; uploads per week against follower growth.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`reach_table`.
    followers : dict of str to pandas.DataFrame, optional
        Daily follower series per channel (see :func:`weekly_uploads_followers`).

    Returns
    -------
    Cadence
    """
    gaps = group_effects(table, "gap_bucket", order=[k for k, _, _ in GAP_BUCKETS],
                         n_boot=n_boot, level=level, seed=seed)
    data = table[table["rel_reach"].notna() & table["gap_days"].notna()]
    short = data["gap_days"] < SHORT_GAP_DAYS
    short_gap = None
    if short.sum() >= MIN_GROUP and (~short).sum() >= MIN_GROUP:
        short_gap = median_ratio(data.loc[short, "rel_reach"], data.loc[~short, "rel_reach"],
                                 n_boot=n_boot, level=level, seed=seed + 1)
    weekly = weekly_uploads_followers(table, followers or {})
    threshold, busy = None, None
    usable = weekly[weekly["followers_rel"].notna()]
    if len(usable) >= 2 * MIN_GROUP:
        threshold = int(np.median(usable["uploads"])) + 1
        m = usable["uploads"] >= threshold
        if m.sum() >= MIN_GROUP and (~m).sum() >= MIN_GROUP:
            busy = median_ratio(usable.loc[m, "followers_rel"], usable.loc[~m, "followers_rel"],
                                n_boot=n_boot, level=level, seed=seed + 2)
        else:
            threshold = None
    return Cadence(gaps, short_gap, weekly, threshold, busy)


# ---------------------------------------------------------------- outliers
def outliers_by_format(table: pd.DataFrame, *, high: float = OUTLIER_HIGH,
                       low: float = OUTLIER_LOW, min_videos: int = MIN_GROUP) -> pd.DataFrame:
    """Each video's relative reach against the median of its channel and format.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`reach_table`.
    high, low : float
        Ratios above ``high`` are flagged ``'above'``, below ``low`` ``'below'``.
    min_videos : int
        Channel-format groups with fewer videos are not judged.

    Returns
    -------
    pandas.DataFrame
        Ordered by ratio, largest first; columns ``channel_id, video_id,
        title, format, topic, published_local, reach, rel_reach,
        format_median, ratio, flag`` (``'above'``, ``'below'`` or None).
    """
    cols = ["channel_id", "video_id", "title", "format", "topic", "published_local", "reach",
            "rel_reach", "format_median", "ratio", "flag"]
    data = table[table["rel_reach"].notna()].copy()
    if data.empty:
        return pd.DataFrame(columns=cols)
    grp = data.groupby(["channel_id", "format"])["rel_reach"]
    data["format_median"] = grp.transform("median")
    data.loc[grp.transform("size") < min_videos, "format_median"] = np.nan
    fm = data["format_median"]
    data["ratio"] = np.where(fm > 0, data["rel_reach"] / fm.where(fm > 0), np.nan)
    flags = ["above" if r > high else ("below" if r < low else None)
             for r in data["ratio"].to_numpy(float)]
    data["flag"] = pd.Series(flags, index=data.index, dtype=object)
    data = data.sort_values(["ratio", "video_id"], ascending=[False, True], na_position="last")
    return data[cols].reset_index(drop=True)


# ---------------------------------------------------------------- daily views
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


def views_trend(daily: pd.DataFrame, *, n_boot: int = N_BOOT, level: float = LEVEL,
                seed: int = 0, min_days: int = 28) -> ViewsTrend | None:
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
    week = ((d["date"] - pd.to_timedelta(d["date"].dt.day_of_week, unit="D"))
            .dt.normalize().to_numpy())
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
        boots = np.vstack([
            profile(np.concatenate([wmembers[w] for w in rng.integers(0, len(uw), len(uw))]))
            for _ in range(min(n_boot, 400))
        ])
        q_lo, q_hi = np.quantile(boots, [tail, 1.0 - tail], axis=0)
        rows = [(i, float(point[i]), float(q_lo[i]), float(q_hi[i])) for i in range(7)]
    weekday = pd.DataFrame(rows, columns=["weekday", "multiplier", "low", "high"])
    level_t = coef[0] + slope * t + float(np.mean(np.r_[0.0, coef[2:]]))
    out = pd.DataFrame({"date": d["date"], "views": d["views"].to_numpy(float),
                        "trend": np.expm1(level_t)})
    return ViewsTrend(out, float(np.exp(30 * slope) - 1), float(np.exp(30 * lo) - 1),
                      float(np.exp(30 * hi) - 1), weekday, int(len(d)))


# ---------------------------------------------------------------- everything
@dataclass
class GrowthAnalysis:
    """Every growth analysis of one channel (or all channels).

    Attributes
    ----------
    channel_id : str or None
    coverage : DataCoverage
    table : pandas.DataFrame
        :func:`reach_table`.
    best_time : BestTime
    durations : GroupEffects
        By ``duration_bucket``, short to long.
    formats : GroupEffects
        By ``content_type``.
    topics : GroupEffects
        By ``topic``, best first.
    cadence : Cadence
    outliers : pandas.DataFrame
        :func:`outliers_by_format`.
    trend : ViewsTrend or None
    """

    channel_id: str | None
    coverage: DataCoverage
    table: pd.DataFrame
    best_time: BestTime
    durations: GroupEffects
    formats: GroupEffects
    topics: GroupEffects
    cadence: Cadence
    outliers: pd.DataFrame
    trend: ViewsTrend | None

    @property
    def n(self) -> int:
        """Videos with a known relative reach."""
        return int(self.table["rel_reach"].notna().sum())


def analyse_table(table: pd.DataFrame, coverage: DataCoverage, channel_id: str | None = None, *,
                  followers: dict[str, pd.DataFrame] | None = None,
                  daily: pd.DataFrame | None = None, n_boot: int = N_BOOT,
                  seed: int = 0) -> GrowthAnalysis:
    """Run every growth analysis on a reach table (no store access).

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`reach_table`.
    coverage : DataCoverage
    followers : dict of str to pandas.DataFrame, optional
        Daily follower series per channel.
    daily : pandas.DataFrame, optional
        Daily views (``date``, ``views``).

    Returns
    -------
    GrowthAnalysis
    """
    return GrowthAnalysis(
        channel_id=channel_id,
        coverage=coverage,
        table=table,
        best_time=best_time(table, n_boot=n_boot, seed=seed),
        durations=group_effects(table, "duration_bucket",
                                order=[k for k, _, _ in DURATION_BUCKETS], n_boot=n_boot,
                                seed=seed + 1000),
        formats=group_effects(table, "content_type", n_boot=n_boot, seed=seed + 2000),
        topics=group_effects(table, "topic", n_boot=n_boot, seed=seed + 3000),
        cadence=cadence(table, followers, n_boot=n_boot, seed=seed + 4000),
        outliers=outliers_by_format(table),
        trend=views_trend(daily, n_boot=n_boot, seed=seed + 5000) if daily is not None else None,
    )


def analyse_growth(db_path: StorePath, channel_id: str | None = None, *, n_boot: int = N_BOOT,
                   seed: int = 0) -> GrowthAnalysis:
    """Read the store and run every growth analysis.

    Parameters
    ----------
    db_path : str or path
        The DuckDB store file.
    channel_id : str, optional
        One channel; None pools every channel (each video against its own
        channel's median).
    n_boot : int
        Bootstrap resamples per interval.
    seed : int

    Returns
    -------
    GrowthAnalysis

    Raises
    ------
    StoreError, StoreBusyError
        The store cannot be opened.
    """
    coverage = data_coverage(db_path, channel_id)
    table = reach_table(video_rows(db_path, channel_id))
    channels = sorted(table["channel_id"].unique()) if not table.empty else []
    followers = {ch: queries.followers_series(db_path, ch) for ch in channels}
    daily = queries.daily_views(db_path, channel_id)
    return analyse_table(table, coverage, channel_id, followers=followers, daily=daily,
                         n_boot=n_boot, seed=seed)
