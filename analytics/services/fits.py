"""One fit per channel and data version, computed once and persisted beside the store.

Every fitted result a page, the CLI or the report shows is computed here once
per channel and *channel data version*
(:func:`analytics.store.channel_rows.channel_fingerprint`: importing channel
B leaves channel A's version, and so its fits, as they were), with fixed
seeds, and written beside the store file::

    <store>.fits/<kind>/<channel key>/<version>/
        meta.json            layout, sha256 of fit.pkl, code version, summary
        fit.pkl              the fitted result

The kinds:

``fans``
    The fans fit (ALS with the hyperparameters tuned on a time split, fan
    segments, topics fans want, back-catalogue picks, the evaluation against
    baselines): the Fans page, the Strategy page, the CLI and the report.
``drivers-<target>``
    The reach models compared on forward folds and the drivers report
    (permutation importance, curves, held-out readings) of one target:
    the Drivers page, ``python -m analytics drivers``, and the strategy
    cards (``exposure``), which quote its readings and model ratios.
``planner-<target>``
    The what-if planner's quantile models with their conformal margin and
    honesty check: the Planner page.
``strategy`` and ``strategy-growth``
    The ranked strategy cards built from the growth analysis and the fits
    above (with and without the models): the Strategy page, the CLI and the
    report (:func:`analytics.services.strategy.build_strategy`). Their
    version is the whole store's (rows of every channel, and the import
    counter), because the market cards compare the channel with the others.

Only fits this module computed itself are read back, after their sha256 is
checked; nothing uploaded is ever unpickled. A fit written by other model
code (``meta.json``'s code version differs) is fitted again. A folder is
written under a temporary name and renamed into place, so another process
reads a whole fit or none; older versions of the same channel are removed.
Any process (dashboard, CLI) finds the fit there; the dashboard keeps the
loaded one in memory with ``st.cache_resource`` (:mod:`dashboard.fits_ui`).
"""

from __future__ import annotations

from analytics.fan_insights import FansReport
from analytics.models.drivers import DriversReport
from analytics.models.planner import Planner
from analytics.models.ranking_metrics import ProgressFn
from analytics.models.targets import TARGETS
from analytics.services import reach
from analytics.services.fans import build_fans_report
from analytics.services.fit_store import (
    FORMAT,
    FORMATS,
    StorePath,
    channel_version,
    code_version,
    fans_fit_folder,
    fit_folder,
    fits_dir,
    load_fans_report,
    load_fit,
    persisted,
    save_fans_report,
    save_fit,
)
from analytics.store.connection import default_db_path

__all__ = [
    "DRIVERS_REPEATS",
    "FORMAT",
    "FORMATS",
    "FansReport",
    "SEED",
    "channel_version",
    "code_version",
    "drivers_fit",
    "fans_fit",
    "fans_fit_folder",
    "fit_folder",
    "fits_dir",
    "load_fans_report",
    "load_fit",
    "persisted",
    "planner_fit",
    "save_fans_report",
    "save_fit",
]


#: Seed of every random step of a persisted fit (tuning split, ALS, k-means,
#: permutations, quantile models).
SEED = 0


#: Permutation repeats of the persisted drivers fit (the Drivers page's and the CLI's default).
DRIVERS_REPEATS = 5


def fans_fit(
    db_path: StorePath | None,
    channel_id: str | None = None,
    *,
    progress: ProgressFn | None = None,
) -> FansReport:
    """The fans fit of a channel: read from beside the store, or computed once and stored.

    Parameters
    ----------
    db_path : str or path, optional
        The store file (default store when None).
    channel_id : str, optional
        One channel; None for every channel's fans together.
    progress : callable(fraction, message), optional
        Called while fitting (not when the fit is read).

    Returns
    -------
    FansReport
        ALS with tuned hyperparameters (seed :data:`SEED`), its segments,
        topics, picks and evaluation.

    Raises
    ------
    NotEnoughDataError
        No fan interactions, or fewer than 2 fans / 2 videos.
    StoreError, StoreBusyError
        The store cannot be opened.
    """
    return persisted(
        "fans",
        db_path,
        channel_id,
        lambda: build_fans_report(
            db_path if db_path is not None else default_db_path(),
            channel_id,
            random_state=SEED,
            progress=progress,
        ),
        FansReport,
        lambda r: {"summary": r.summary},
    )


def _check_target(target: str) -> None:
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; one of {', '.join(TARGETS)}")


def drivers_fit(
    db_path: StorePath | None,
    channel_id: str | None = None,
    target: str = "exposure",
    *,
    progress: ProgressFn | None = None,
) -> DriversReport:
    """The reach models and drivers of a channel: read from beside the store, or fitted once.

    The forward-fold comparison of the reach models and the drivers report
    (:func:`analytics.services.reach.drivers_for_store`, :data:`DRIVERS_REPEATS`
    permutation repeats, seed :data:`SEED`) that the Drivers page, the CLI and
    the strategy cards all read.

    Parameters
    ----------
    db_path : str or path, optional
    channel_id : str, optional
        One channel; None for every channel.
    target : {"exposure", "engagement", "completion"}
    progress : callable(fraction, message), optional
        Called while fitting (not when the fit is read).

    Raises
    ------
    NotEnoughDataError
        Fewer than 30 videos with the target (nothing is stored: the next
        call tries again, which takes only the store read).
    StoreError, StoreBusyError
        The store cannot be opened.
    """
    _check_target(target)
    return persisted(
        f"drivers-{target}",
        db_path,
        channel_id,
        lambda: reach.drivers_for_store(
            db_path, channel_id, target, n_repeats=DRIVERS_REPEATS, progress=progress
        ),
        DriversReport,
        lambda r: {
            "n_videos": int(r.comparison.data.n),
            "chosen_model": r.comparison.chosen,
            "beats_baseline": bool(r.comparison.beats_baseline),
        },
    )


def planner_fit(
    db_path: StorePath | None,
    channel_id: str | None = None,
    target: str = "exposure",
    *,
    progress: ProgressFn | None = None,
) -> Planner:
    """The what-if planner of a channel: read from beside the store, or fitted once.

    Quantile models with their conformal margin and honesty check
    (:func:`analytics.services.reach.planner_for_store`, seed :data:`SEED`).

    Raises
    ------
    NotEnoughDataError
        Fewer than 30 videos with the target.
    StoreError, StoreBusyError
        The store cannot be opened.
    """
    _check_target(target)

    def compute() -> Planner:
        if progress is not None:
            progress(0.0, "quantile models on forward folds")
        fitted = reach.planner_for_store(db_path, channel_id, target, random_state=SEED)
        if progress is not None:
            progress(1.0, "done")
        return fitted

    return persisted(
        f"planner-{target}",
        db_path,
        channel_id,
        compute,
        Planner,
        lambda p: {"videos": p.video_counts(), "coverage": p.coverage, "margin": p.margin},
    )
