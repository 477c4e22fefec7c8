"""Where fits live beside the store, and how one is written, checked and read back.

A fit is a folder ``<store>.fits/<kind>/<channel key>/<version>/`` with
``fit.pkl`` and ``meta.json`` (layout, code version, sha256, summary),
written under a temporary name and renamed into place. :func:`persisted`
reads the fit of the channel's current data version or computes and stores
it; :mod:`analytics.services.fits` says what each kind computes.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import sklearn

from analytics.fan_insights import FansReport
from analytics.store.channel_rows import channel_fingerprint, version_stamp
from analytics.store.connection import default_db_path

StorePath = str | os.PathLike[str]
T = TypeVar("T")


#: Layout of a fans fit folder; a folder of another layout is refitted.
FORMAT = "fans-report-v2"
#: Layout of each kind's fit folder.
FORMATS = {
    "fans": FORMAT,
    "drivers": "drivers-report-v1",
    "planner": "planner-v1",
    "strategy": "strategy-result-v1",
}


def fits_dir(db_path: StorePath | None) -> Path:
    """The folder beside the store that holds its fits: ``<store file>.fits``."""
    path = Path(db_path) if db_path is not None else default_db_path()
    return path.with_name(path.name + ".fits")


def channel_version(db_path: StorePath | None, channel_id: str | None) -> str:
    """The data version of one channel's rows (None: of the whole store).

    The fingerprint of the channel's rows (:func:`channel_fingerprint` hashes
    every row: about half a second on 7.3 million) is computed once per
    :func:`version_stamp` of the store and kept in ``<store>.fits/versions/``;
    every later page, CLI run or process reads it back for one short query.
    """
    stamp = version_stamp(db_path)
    if stamp is None:
        return channel_fingerprint(db_path, channel_id)
    memo = fits_dir(db_path) / "versions" / f"{stamp}-{_channel_key(channel_id)}"
    try:
        known = memo.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        known = ""
    if known:
        return known
    fingerprint = channel_fingerprint(db_path, channel_id)
    if version_stamp(db_path) == stamp:  # no write landed meanwhile: the pair holds
        try:
            memo.parent.mkdir(parents=True, exist_ok=True)
            tmp = memo.with_name(f".tmp-{uuid.uuid4().hex}")
            tmp.write_text(fingerprint, encoding="ascii")
            os.replace(tmp, memo)
        except OSError:
            pass  # a read-only folder: the fingerprint is computed each time
    return fingerprint


def _channel_key(channel_id: str | None) -> str:
    if channel_id is None:
        return "all"
    return "ch-" + hashlib.sha256(channel_id.encode("utf-8")).hexdigest()[:16]


def fit_folder(kind: str, db_path: StorePath | None, channel_id: str | None, version: str) -> Path:
    """Where the ``kind`` fit of ``channel_id`` at ``version`` is (or would be) stored.

    ``kind`` is ``fans``, ``drivers-<target>`` or ``planner-<target>``.
    """
    return fits_dir(db_path) / kind / _channel_key(channel_id) / version


def fans_fit_folder(db_path: StorePath | None, channel_id: str | None, version: str) -> Path:
    """Where the fans fit of ``channel_id`` at ``version`` is (or would be) stored."""
    return fit_folder("fans", db_path, channel_id, version)


@functools.cache
def code_version() -> str:
    """A fingerprint of the code behind every fit: the model sources and scikit-learn's version.

    A fit written by other code is not read back (it is fitted again).
    """
    root = Path(__file__).resolve().parents[1]
    files = sorted(
        [
            *root.joinpath("models").rglob("*.py"),
            *root.joinpath("growth").rglob("*.py"),
            *root.joinpath("strategy").rglob("*.py"),
            root / "features.py",
            root / "fan_insights.py",
            Path(__file__).resolve(),
            root / "services" / "fits.py",
            root / "services" / "fans.py",
            root / "services" / "reach.py",
            root / "services" / "growth.py",
            root / "services" / "strategy.py",
        ]
    )
    digest = hashlib.sha256(sklearn.__version__.encode())
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _family(kind: str) -> str:
    return kind.split("-", 1)[0]


def persisted(
    kind: str,
    db_path: StorePath | None,
    channel_id: str | None,
    compute: Callable[[], T],
    expected: type[T],
    summary: Callable[[Any], dict[str, Any]] | None = None,
    *,
    version: str | None = None,
) -> T:
    """Read the ``kind`` result of the channel's current version, or compute and store it.

    Parameters
    ----------
    kind : str
        The folder under ``<store>.fits`` (``fans``, ``drivers-exposure``, ...);
        its first part (before ``-``) names the layout in :data:`FORMATS`.
    db_path : str or path, optional
    channel_id : str, optional
    compute : callable() -> result
        Called only when no stored result of this version (and this code) is there.
    expected : type
        The result's type; a stored file holding anything else is computed again.
    summary : callable(result) -> dict, optional
        Plain values written to ``meta.json`` beside the checksum.
    version : str, optional
        The data version; default :func:`channel_version` of the channel.

    Returns
    -------
    The stored or computed result.
    """
    if version is None:
        version = channel_version(db_path, channel_id)
    folder = fit_folder(kind, db_path, channel_id, version)
    if (folder / "meta.json").is_file():
        try:
            return load_fit(folder, kind, expected)
        except (OSError, ValueError, KeyError, TypeError, EOFError, pickle.UnpicklingError):
            shutil.rmtree(folder, ignore_errors=True)  # damaged, old layout or code: fit again
    result = compute()
    _publish(folder, kind, result, channel_id, summary(result) if summary else {})
    return result


def _publish(
    folder: Path, kind: str, result: object, channel_id: str | None, summary: dict[str, Any]
) -> None:
    """Write the fit under a temporary name, then rename it into place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".tmp-{uuid.uuid4().hex}"
    try:
        save_fit(result, tmp, kind, channel_id, summary)
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
def save_fit(
    result: object,
    folder: Path,
    kind: str,
    channel_id: str | None,
    summary: dict[str, Any] | None = None,
) -> None:
    """Write a fit into ``folder``: ``fit.pkl`` and ``meta.json`` (its sha256)."""
    folder.mkdir(parents=True, exist_ok=True)
    payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    (folder / "fit.pkl").write_bytes(payload)
    meta = {
        "format": FORMATS[_family(kind)],
        "kind": kind,
        "code": code_version(),
        "sha256": hashlib.sha256(payload).hexdigest(),
        "channel_id": channel_id,
        **(summary or {}),
    }
    (folder / "meta.json").write_text(json.dumps(meta, default=_plain), encoding="utf-8")


def _plain(value: object) -> object:
    """JSON for numpy numbers in a summary."""
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def load_fit(folder: Path, kind: str, expected: type[T]) -> T:
    """Read a fit written by :func:`save_fit`.

    Only this module writes these folders, beside the store, from fits it
    computed itself; nothing uploaded is ever unpickled. The payload's
    sha256 is checked against ``meta.json`` before it is read, so a damaged
    or half-copied fit is refitted instead of read.

    Raises
    ------
    ValueError
        Unknown layout, other model code, or a checksum that does not match.
    """
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMATS[_family(kind)]:
        raise ValueError("fit written in another layout")
    if meta.get("code") != code_version():
        raise ValueError("fit written by other model code")
    payload = (folder / "fit.pkl").read_bytes()
    if hashlib.sha256(payload).hexdigest() != meta.get("sha256"):
        raise ValueError("fit file does not match its checksum")
    result = pickle.loads(payload)  # noqa: S301 - our own fit, checksum verified above
    if not isinstance(result, expected):
        raise ValueError("fit file holds something else")
    return result


def save_fans_report(report: FansReport, folder: Path) -> None:
    """Write a fans fit into ``folder`` (:func:`save_fit` of kind ``fans``)."""
    save_fit(report, folder, "fans", report.channel_id, {"summary": report.summary})


def load_fans_report(folder: Path) -> FansReport:
    """Read a fans fit written by :func:`save_fans_report` (see :func:`load_fit`)."""
    return load_fit(folder, "fans", FansReport)
