"""Best time to post: weekday x hour heatmap, hours and the best hour window."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.growth.constants import LEVEL, MIN_GROUP, MIN_SLOT_VIDEOS, N_BOOT, SLOT_HOURS
from analytics.growth.effects import Effect, median_interval, median_ratio
from analytics.growth.groups import GroupEffects, group_effects


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


def best_hour_window(
    hours: np.ndarray,
    rel: np.ndarray,
    *,
    min_len: int = 2,
    max_len: int = 6,
    min_group: int = MIN_GROUP,
    n_boot: int = N_BOOT,
    level: float = LEVEL,
    seed: int = 0,
) -> HourWindow | None:
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


def best_time(
    table: pd.DataFrame,
    *,
    min_videos: int = MIN_SLOT_VIDEOS,
    slot_hours: int = SLOT_HOURS,
    n_boot: int = N_BOOT,
    level: float = LEVEL,
    seed: int = 0,
) -> BestTime:
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
    # unknown hours (exports with publish dates only) are -1: in no slot, hour or window
    known = data["hour"].notna().to_numpy()
    hr = data["hour"].fillna(-1).to_numpy(int)
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
    weekdays = group_effects(
        wtable,
        "weekday_key",
        order=[str(i) for i in range(7)],
        n_boot=n_boot,
        level=level,
        seed=seed + 300,
    )
    window = best_hour_window(hr[known], rel[known], n_boot=n_boot, level=level, seed=seed + 400)
    return BestTime(heatmap, hours, weekdays, window, min_videos, slot_hours, int(rel.size))
