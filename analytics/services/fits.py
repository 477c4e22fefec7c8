"""One fit per channel and data version, computed once and persisted beside the store.

The fans fit (ALS with the hyperparameters tuned on a time split, fan
segments, topics fans want, back-catalogue picks, the evaluation against
baselines) is what the Fans page, the Strategy page, the CLI and the report
read. It is computed once per channel and *channel data version*
(:func:`analytics.store.channel_rows.channel_fingerprint`: importing channel
B leaves channel A's version, and so its fit, as it was), with fixed seeds,
and written beside the store file::

    <store>.fits/fans/<channel key>/<version>/
        meta.json            counts, chosen settings, segments, warnings
        model.npz            ALS factors and id maps (FansModel.save, no pickle)
        segments.npz         segment label per fan position
        *.parquet            evaluation table, tuning grid, topics, picks, catalogue

Nothing uploaded is ever unpickled: only JSON, ``.npz`` read with
``allow_pickle=False`` and Parquet. A folder is written under a temporary
name and renamed into place, so another process reads a whole fit or none;
older versions of the same channel are removed. Any process (dashboard, CLI)
finds the fit there; the dashboard keeps the loaded one in memory with
``st.cache_resource``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analytics.fan_insights import FansReport
from analytics.models.fans import FansModel, Segment, Segmentation
from analytics.models.ranking_metrics import EvaluationReport, ProgressFn
from analytics.services.fans import build_fans_report
from analytics.store.channel_rows import channel_fingerprint
from analytics.store.connection import default_db_path

StorePath = str | os.PathLike[str]

#: Seed of every random step of a persisted fit (tuning split, ALS, k-means).
SEED = 0
#: Layout version of a fit folder; a folder of another layout is refitted.
LAYOUT = 1

_FRAMES = ("evaluation", "tuning", "topics_wanted", "back_catalogue", "catalogue")


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
    """Write ``report`` into the new folder ``folder`` (JSON, ``.npz``, Parquet)."""
    folder.mkdir(parents=True)
    report.model.save(folder / "model.npz")
    seg = report.segmentation
    np.savez(folder / "segments.npz", labels=np.asarray(seg.labels, dtype=np.int64))
    ev = report.evaluation
    frames = {
        "evaluation": ev.table,
        "tuning": ev.tuning,
        "topics_wanted": report.topics_wanted,
        "back_catalogue": report.back_catalogue,
        "catalogue": report.catalogue,
    }
    for name, frame in frames.items():
        frame.to_parquet(folder / f"{name}.parquet")
    meta: dict[str, Any] = {
        "layout": LAYOUT,
        "channel_id": report.channel_id,
        "summary": report.summary,
        "warnings": report.warnings,
        "evaluation": {
            "ks": list(ev.ks),
            "fans": ev.fans,
            "videos": ev.videos,
            "pairs": ev.pairs,
            "test_fans": ev.test_fans,
            "evaluated_fans": ev.evaluated_fans,
            "params": ev.params,
            "warnings": ev.warnings,
        },
        "segmentation": {
            "segments": [asdict(s) for s in seg.segments],
            "clusters_found": seg.clusters_found,
            "prediction_strength": {str(k): v for k, v in seg.prediction_strength.items()},
            "min_size": seg.min_size,
            "message": seg.message,
        },
    }
    (folder / "meta.json").write_text(json.dumps(meta, default=_json_default), encoding="utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot store {type(value).__name__} in a fit")


def _lists_back(frame: pd.DataFrame) -> pd.DataFrame:
    """Parquet gives list cells back as arrays: make them lists of str again (tags)."""
    for col in frame.columns:
        if frame[col].dtype == object and any(isinstance(v, np.ndarray) for v in frame[col]):
            frame[col] = [
                [str(x) for x in v] if isinstance(v, np.ndarray) else v for v in frame[col]
            ]
    return frame


def load_fans_report(folder: Path) -> FansReport:
    """Read a fit written by :func:`save_fans_report`.

    Raises
    ------
    ValueError, KeyError, OSError
        The folder is incomplete, damaged or of another layout.
    """
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if meta.get("layout") != LAYOUT:
        raise ValueError(f"fit layout {meta.get('layout')!r} is not {LAYOUT}")
    frames = {name: _lists_back(pd.read_parquet(folder / f"{name}.parquet")) for name in _FRAMES}
    with np.load(folder / "segments.npz", allow_pickle=False) as z:
        labels = z["labels"]
    s = meta["segmentation"]
    segmentation = Segmentation(
        segments=[Segment(**seg) for seg in s["segments"]],
        labels=labels,
        clusters_found=int(s["clusters_found"]),
        prediction_strength={int(k): float(v) for k, v in s["prediction_strength"].items()},
        min_size=int(s["min_size"]),
        message=str(s["message"]),
    )
    e = meta["evaluation"]
    evaluation = EvaluationReport(
        table=frames["evaluation"],
        ks=tuple(int(k) for k in e["ks"]),
        fans=int(e["fans"]),
        videos=int(e["videos"]),
        pairs=int(e["pairs"]),
        test_fans=int(e["test_fans"]),
        evaluated_fans=int(e["evaluated_fans"]),
        params=dict(e["params"]),
        tuning=frames["tuning"],
        warnings=list(e["warnings"]),
    )
    return FansReport(
        channel_id=meta["channel_id"],
        summary={k: int(v) for k, v in meta["summary"].items()},
        evaluation=evaluation,
        model=FansModel.load(folder / "model.npz"),
        segmentation=segmentation,
        topics_wanted=frames["topics_wanted"],
        back_catalogue=frames["back_catalogue"],
        catalogue=frames["catalogue"],
        warnings=list(meta["warnings"]),
    )


__all__ = [
    "LAYOUT",
    "SEED",
    "channel_version",
    "fans_fit",
    "fans_fit_folder",
    "fits_dir",
    "load_fans_report",
    "save_fans_report",
]
