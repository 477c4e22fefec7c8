"""One fit per channel and data version, computed once and persisted beside the store.

The fans fit (ALS with the hyperparameters tuned on a time split, fan
segments, topics fans want, back-catalogue picks, the evaluation against
baselines) is what the Fans page, the Strategy page, the CLI and the report
read. It is computed once per channel and *channel data version*
(:func:`analytics.store.channel_rows.channel_fingerprint`: importing channel
B leaves channel A's version, and so its fit, as it was), with fixed seeds,
and written beside the store file::

    <store>.fits/fans/<channel key>/<version>/
        meta.json            layout version, sha256 of fit.pkl, counts
        fit.pkl              the FansReport (model, evaluation, segments, topics, picks)

Only fits this module computed itself are read back, after their sha256 is
checked; nothing uploaded is ever unpickled. A folder is written under a temporary
name and renamed into place, so another process reads a whole fit or none;
older versions of the same channel are removed. Any process (dashboard, CLI)
finds the fit there; the dashboard keeps the loaded one in memory with
``st.cache_resource``.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import uuid
from pathlib import Path

from analytics.fan_insights import FansReport
from analytics.models.ranking_metrics import ProgressFn
from analytics.services.fans import build_fans_report
from analytics.store.channel_rows import channel_fingerprint
from analytics.store.connection import default_db_path

StorePath = str | os.PathLike[str]

#: Seed of every random step of a persisted fit (tuning split, ALS, k-means).
SEED = 0
#: Layout of a fit folder; a folder of another layout is refitted.
FORMAT = "fans-report-v2"


def fits_dir(db_path: StorePath | None) -> Path:
    """The folder beside the store that holds its fits: ``<store file>.fits``."""
    path = Path(db_path) if db_path is not None else default_db_path()
    return path.with_name(path.name + ".fits")


def channel_version(db_path: StorePath | None, channel_id: str | None) -> str:
    """The data version of one channel's rows (None: of the whole store)."""
    return channel_fingerprint(db_path, channel_id)


def _channel_key(channel_id: str | None) -> str:
    if channel_id is None:
        return "all"
    return "ch-" + hashlib.sha256(channel_id.encode("utf-8")).hexdigest()[:16]


def fans_fit_folder(db_path: StorePath | None, channel_id: str | None, version: str) -> Path:
    """Where the fans fit of ``channel_id`` at ``version`` is (or would be) stored."""
    return fits_dir(db_path) / "fans" / _channel_key(channel_id) / version


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
    version = channel_version(db_path, channel_id)
    folder = fans_fit_folder(db_path, channel_id, version)
    if (folder / "meta.json").is_file():
        try:
            return load_fans_report(folder)
        except (OSError, ValueError, KeyError, TypeError):
            shutil.rmtree(folder, ignore_errors=True)  # damaged or old layout: fit again
    report = build_fans_report(
        db_path if db_path is not None else default_db_path(),
        channel_id,
        random_state=SEED,
        progress=progress,
    )
    _publish(folder, report)
    return report


def _publish(folder: Path, report: FansReport) -> None:
    """Write the fit under a temporary name, then rename it into place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".tmp-{uuid.uuid4().hex}"
    try:
        save_fans_report(report, tmp)
        try:
            tmp.rename(folder)
        except OSError:
            if not (folder / "meta.json").is_file():  # not another process's finished fit
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for old in folder.parent.iterdir():
        if old.name != folder.name and not old.name.startswith(".tmp-"):
            shutil.rmtree(old, ignore_errors=True)


# ------------------------------------------------------------------ save / load
def save_fans_report(report: FansReport, folder: Path) -> None:
    """Write a fans fit into ``folder``: ``fit.pkl`` and ``meta.json`` (its sha256)."""
    folder.mkdir(parents=True, exist_ok=True)
    payload = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
    (folder / "fit.pkl").write_bytes(payload)
    meta = {
        "format": FORMAT,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "channel_id": report.channel_id,
        "summary": report.summary,
    }
    (folder / "meta.json").write_text(json.dumps(meta, default=int), encoding="utf-8")


def load_fans_report(folder: Path) -> FansReport:
    """Read a fans fit written by :func:`save_fans_report`.

    Only this module writes these folders, beside the store, from fits it
    computed itself; nothing uploaded is ever unpickled. The payload's
    sha256 is checked against ``meta.json`` before it is read, so a damaged
    or half-copied fit is refitted instead of read.

    Raises
    ------
    ValueError
        Unknown format or a checksum that does not match.
    """
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise ValueError("fit written in another layout")
    payload = (folder / "fit.pkl").read_bytes()
    if hashlib.sha256(payload).hexdigest() != meta.get("sha256"):
        raise ValueError("fit file does not match its checksum")
    report = pickle.loads(payload)  # noqa: S301 - our own fit, checksum verified above
    if not isinstance(report, FansReport):
        raise ValueError("fit file holds something else")
    return report


__all__ = [
    "FORMAT",
    "SEED",
    "channel_version",
    "fans_fit",
    "fans_fit_folder",
    "fits_dir",
    "load_fans_report",
    "save_fans_report",
]
