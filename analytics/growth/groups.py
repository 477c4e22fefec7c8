"""Median relative reach of groups of videos (duration, format, topic) against the rest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.growth.constants import LEVEL, MIN_GROUP, N_BOOT
from analytics.growth.effects import Effect, median_interval, median_ratio


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


def group_effects(
    table: pd.DataFrame,
    column: str,
    *,
    order: Sequence[str] | None = None,
    min_videos: int = MIN_GROUP,
    n_boot: int = N_BOOT,
    level: float = LEVEL,
    seed: int = 0,
) -> GroupEffects:
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
