"""Every growth analysis of one channel (or all channels) in one result."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analytics.growth.constants import DURATION_BUCKETS, N_BOOT, POOL_MIN_VIDEOS
from analytics.growth.groups import GroupEffects, group_effects
from analytics.growth.outliers import outliers_by_format
from analytics.growth.posting_time import BestTime, best_time
from analytics.growth.trend import ViewsTrend, views_trend
from analytics.growth.upload_cadence import Cadence, cadence
from analytics.records import DataCoverage


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
    n_all : int or None
        Videos with a known relative reach before channels with too few
        videos were left out of the pool (None: none left out).
    channels_left_out : int
        Channels left out of the pool for having fewer than
        ``min_channel_videos`` videos of known reach.
    min_channel_videos : int
        The threshold used (0 when nothing was filtered).
    trend_channels : int
        Channels with daily views when every channel was asked for: above 1,
        no trend is fitted (their views are never summed into one series).
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
    n_all: int | None = None
    channels_left_out: int = 0
    min_channel_videos: int = field(default=0)
    trend_channels: int = 0

    @property
    def n(self) -> int:
        """Videos with a known relative reach (in the pooled channels)."""
        return int(self.table["rel_reach"].notna().sum())

    @property
    def n_total(self) -> int:
        """Videos with a known relative reach, including channels left out of the pool."""
        return self.n if self.n_all is None else int(self.n_all)


def pool_channels(table: pd.DataFrame, min_videos: int) -> tuple[pd.DataFrame, int]:
    """Keep the channels with at least ``min_videos`` videos of known relative reach.

    Relative reach compares a video with its own channel's typical reach; a
    channel with one or a few videos (a trending list, a competitor's single
    upload) always sits at about 1 and would only dilute pooled effects.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`reach_table` (``channel_id``, ``rel_reach``).
    min_videos : int
        Smallest number of videos of known reach per kept channel.

    Returns
    -------
    (pandas.DataFrame, int)
        The rows of the kept channels, and the number of channels left out.
    """
    if table.empty or min_videos <= 0:
        return table, 0
    counts = table.groupby("channel_id")["rel_reach"].apply(lambda s: int(s.notna().sum()))
    keep = counts.index[counts >= min_videos]
    out = int((counts < min_videos).sum())
    return table[table["channel_id"].isin(keep)].reset_index(drop=True), out


def analyse_table(
    table: pd.DataFrame,
    coverage: DataCoverage,
    channel_id: str | None = None,
    *,
    followers: dict[str, pd.DataFrame] | None = None,
    daily: pd.DataFrame | None = None,
    n_boot: int = N_BOOT,
    seed: int = 0,
    min_channel_videos: int | None = None,
) -> GrowthAnalysis:
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
    min_channel_videos : int, optional
        Channels with fewer videos of known reach are left out of every
        analysis (see :func:`pool_channels`). Default: :data:`POOL_MIN_VIDEOS`
        when every channel is pooled (``channel_id`` None) and the table
        holds more than one channel, else 0 (nothing left out).

    Returns
    -------
    GrowthAnalysis
    """
    if min_channel_videos is None:
        several = not table.empty and table["channel_id"].nunique() > 1
        min_channel_videos = POOL_MIN_VIDEOS if channel_id is None and several else 0
    n_all = int(table["rel_reach"].notna().sum()) if "rel_reach" in table else 0
    table, left_out = pool_channels(table, min_channel_videos)
    return GrowthAnalysis(
        channel_id=channel_id,
        coverage=coverage,
        table=table,
        best_time=best_time(table, n_boot=n_boot, seed=seed),
        durations=group_effects(
            table,
            "duration_bucket",
            order=[k for k, _, _ in DURATION_BUCKETS],
            n_boot=n_boot,
            seed=seed + 1000,
        ),
        formats=group_effects(table, "content_type", n_boot=n_boot, seed=seed + 2000),
        topics=group_effects(table, "topic", n_boot=n_boot, seed=seed + 3000),
        cadence=cadence(table, followers, n_boot=n_boot, seed=seed + 4000),
        outliers=outliers_by_format(table),
        trend=views_trend(daily, n_boot=n_boot, seed=seed + 5000) if daily is not None else None,
        n_all=n_all if left_out else None,
        channels_left_out=left_out,
        min_channel_videos=min_channel_videos,
    )
