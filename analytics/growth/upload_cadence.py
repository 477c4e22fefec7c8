"""Cadence: gap before a video and uploads per week against new followers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.growth.constants import (
    GAP_BUCKETS,
    LEVEL,
    MIN_GROUP,
    N_BOOT,
    ROLLING_WEEKS,
    SHORT_GAP_DAYS,
)
from analytics.growth.effects import Effect, median_ratio
from analytics.growth.groups import GroupEffects, group_effects


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


def weekly_uploads_followers(
    table: pd.DataFrame,
    followers: dict[str, pd.DataFrame],
    *,
    window: int = ROLLING_WEEKS,
    min_days: int = 5,
) -> pd.DataFrame:
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
        fw = (
            daily.assign(week=week)
            .groupby("week")
            .agg(followers=("followers_net", "sum"), days=("followers_net", "size"))
        )
        fw = fw[fw["days"] >= min_days]
        pub = pd.to_datetime(table.loc[table["channel_id"] == ch, "published_local"])
        pweek = (pub - pd.to_timedelta(pub.dt.day_of_week, unit="D")).dt.normalize()
        uploads = pweek.value_counts()
        fw["uploads"] = [int(uploads.get(w, 0)) for w in fw.index]
        fw = fw.sort_index()
        typical = (
            fw["followers"]
            .astype(float)
            .rolling(window, center=True, min_periods=max(2, (window + 1) // 2))
            .median()
        )
        fw["followers_rel"] = np.where(
            typical > 0, fw["followers"] / typical.where(typical > 0), np.nan
        )
        frames.append(
            pd.DataFrame(
                {
                    "channel_id": ch,
                    "week": fw.index.date,
                    "uploads": fw["uploads"].to_numpy(int),
                    "followers": fw["followers"].to_numpy(float),
                    "followers_rel": fw["followers_rel"].to_numpy(float),
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


def cadence(
    table: pd.DataFrame,
    followers: dict[str, pd.DataFrame] | None = None,
    *,
    n_boot: int = N_BOOT,
    level: float = LEVEL,
    seed: int = 0,
) -> Cadence:
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
    gaps = group_effects(
        table,
        "gap_bucket",
        order=[k for k, _, _ in GAP_BUCKETS],
        n_boot=n_boot,
        level=level,
        seed=seed,
    )
    data = table[table["rel_reach"].notna() & table["gap_days"].notna()]
    short = data["gap_days"] < SHORT_GAP_DAYS
    short_gap = None
    if short.sum() >= MIN_GROUP and (~short).sum() >= MIN_GROUP:
        short_gap = median_ratio(
            data.loc[short, "rel_reach"],
            data.loc[~short, "rel_reach"],
            n_boot=n_boot,
            level=level,
            seed=seed + 1,
        )
    weekly = weekly_uploads_followers(table, followers or {})
    threshold, busy = None, None
    usable = weekly[weekly["followers_rel"].notna()]
    if len(usable) >= 2 * MIN_GROUP:
        threshold = int(np.median(usable["uploads"])) + 1
        m = usable["uploads"] >= threshold
        if m.sum() >= MIN_GROUP and (~m).sum() >= MIN_GROUP:
            busy = median_ratio(
                usable.loc[m, "followers_rel"],
                usable.loc[~m, "followers_rel"],
                n_boot=n_boot,
                level=level,
                seed=seed + 2,
            )
        else:
            threshold = None
    return Cadence(gaps, short_gap, weekly, threshold, busy)
