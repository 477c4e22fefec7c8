"""Growth analytics on a store: read the rows and series, run :mod:`analytics.growth`."""

from __future__ import annotations

import os

from analytics.growth import N_BOOT, GrowthAnalysis, analyse_table, reach_table
from analytics.store import queries
from analytics.store.channel_queries import daily_views_by_channel
from analytics.store.growth_queries import DataCoverage, data_coverage, video_rows

StorePath = str | os.PathLike[str]


def analyse_growth(
    db_path: StorePath, channel_id: str | None = None, *, n_boot: int = N_BOOT, seed: int = 0
) -> GrowthAnalysis:
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
    trend_channels = 1
    if channel_id is None:
        # Several channels' days summed into one series would join unrelated audiences and
        # bridge the gaps between their exports: a trend is read per channel only.
        trend_channels = int(daily_views_by_channel(db_path)["channel_id"].nunique())
        if trend_channels > 1:
            daily = None
    analysis = analyse_table(
        table, coverage, channel_id, followers=followers, daily=daily, n_boot=n_boot, seed=seed
    )
    analysis.trend_channels = trend_channels
    return analysis


__all__ = ["DataCoverage", "analyse_growth", "data_coverage", "video_rows"]
