"""Every growth analysis of one channel (or all channels) in one result."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.growth.constants import DURATION_BUCKETS, N_BOOT, StorePath
from analytics.growth.groups import GroupEffects, group_effects
from analytics.growth.outliers import outliers_by_format
from analytics.growth.posting_time import BestTime, best_time
from analytics.growth.reach import reach_table
from analytics.growth.trend import ViewsTrend, views_trend
from analytics.growth.upload_cadence import Cadence, cadence
from analytics.store import queries
from analytics.store.growth_queries import DataCoverage, data_coverage, video_rows


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
