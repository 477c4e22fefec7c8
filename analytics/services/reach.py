"""Reach models, drivers and the what-if planner on a store: read the rows, call the models.

The models (:mod:`analytics.models.reach`, :mod:`analytics.models.drivers`,
:mod:`analytics.models.planner`) take frames; this module reads those frames
from the store, one short-lived connection per call.
"""

from __future__ import annotations

import os

import pandas as pd

from analytics.models.drivers import DriversReport, analyse
from analytics.models.planner import (
    PlannedVideo,
    Planner,
    PlanResult,
    fit_planner,
    history_rows,
    plan,
)
from analytics.models.reach import Progress, ReachData, compare_models, prepare, scores_table
from analytics.models.targets import TARGETS
from analytics.store.connection import connect
from analytics.store.feature_queries import latest_followers, video_rows

StorePath = str | os.PathLike[str]


def load_rows(db_path: StorePath | None, channel_id: str | None = None) -> pd.DataFrame:
    """Per-video rows of one channel (or all) from the store.

    See :func:`analytics.store.feature_queries.video_rows` for the columns.
    """
    with connect(db_path) as con:
        return video_rows(con, channel_id)


def load_followers(db_path: StorePath | None, channel_ids: list[str]) -> dict[str, float]:
    """The latest follower count of each channel that has one."""
    followers: dict[str, float] = {}
    with connect(db_path) as con:
        for ch in channel_ids:
            value = latest_followers(con, ch)
            if value is not None:
                followers[ch] = value
    return followers


def load_reach_data(
    db_path: StorePath | None, channel_id: str | None = None, target: str = "exposure"
) -> ReachData:
    """Read the store and :func:`~analytics.models.reach.prepare` the modelling data.

    Raises
    ------
    NotEnoughDataError
        Fewer than 30 videos with the target.
    StoreError
        The store cannot be opened.
    """
    return prepare(load_rows(db_path, channel_id), target, channel_id)


def drivers_for_store(
    db_path: StorePath | None,
    channel_id: str | None = None,
    target: str = "exposure",
    *,
    n_repeats: int = 5,
    progress: Progress | None = None,
) -> DriversReport:
    """Read the store, compare the models and explain the chosen one.

    The pages, the CLI and the strategy cards read the persisted drivers fit
    (:func:`analytics.services.fits.drivers_fit`), which calls this once per
    channel and data version.

    Parameters
    ----------
    db_path : path or None
        The store file (default store when None).
    channel_id : str, optional
        One channel, or every channel of the store.
    target : {"exposure", "engagement", "completion"}
    n_repeats : int
    progress : callable(fraction, message), optional

    Raises
    ------
    NotEnoughDataError
        Fewer than 30 videos with the target; the message says what to export.
    """
    data = prepare(load_rows(db_path, channel_id), target, channel_id)

    def part(lo: float, hi: float) -> Progress | None:
        if progress is None:
            return None
        return lambda f, msg: progress(lo + (hi - lo) * f, msg)

    comparison = compare_models(data, progress=part(0.0, 0.8))
    if progress:
        progress(0.8, "permutation importance on held-out folds")
    report = analyse(comparison, n_repeats=n_repeats)
    if progress:
        progress(1.0, "done")
    return report


def planner_for_store(
    db_path: StorePath | None,
    channel_id: str | None = None,
    target: str = "exposure",
    *,
    check_coverage: bool = True,
    random_state: int = 0,
) -> Planner:
    """Read the store and :func:`~analytics.models.planner.fit_planner`.

    The pages and the CLI read the persisted planner
    (:func:`analytics.services.fits.planner_fit`), which calls this once per
    channel and data version.

    Raises
    ------
    NotEnoughDataError
        Fewer than 30 videos with the target.
    """
    rows = load_rows(db_path, channel_id)
    followers = load_followers(db_path, [str(ch) for ch in pd.unique(rows["channel_id"])])
    return fit_planner(
        rows,
        target,
        channel_id,
        check_coverage=check_coverage,
        followers_now=followers,
        random_state=random_state,
    )


def channel_beats_baseline(
    db_path: StorePath | None, channel_id: str, target: str = "exposure"
) -> bool:
    """Whether the channel's best model beats its trailing-median baseline.

    The same forward-fold comparison as the Drivers page
    (:func:`analytics.models.reach.compare_models`) on the channel alone.

    Raises
    ------
    NotEnoughDataError
        Fewer than 30 videos with the target.
    """
    data = prepare(load_rows(db_path, channel_id), target, channel_id)
    return bool(compare_models(data).beats_baseline)


__all__ = [
    "TARGETS",
    "DriversReport",
    "PlanResult",
    "PlannedVideo",
    "Planner",
    "history_rows",
    "plan",
    "scores_table",
    "channel_beats_baseline",
    "drivers_for_store",
    "load_followers",
    "load_reach_data",
    "load_rows",
    "planner_for_store",
]
