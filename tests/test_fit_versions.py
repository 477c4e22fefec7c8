"""A channel's data version is hashed once per store write and read back afterwards.

``channel_version`` keys every persisted fit. Hashing every row of a channel
costs about half a second on 7.3 million daily rows, so the fingerprint is
kept beside the store under the store's stamp (its own secret, data version
and schema version) and read back by every later page, CLI run and process.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.services import fit_store
from analytics.services.imports import import_path
from analytics.store.channel_rows import version_stamp

DAYS = "Date,Views\n2025-01-01,12\n2025-01-02,30\n"
OTHER = "Date,Views\n2025-03-01,5\n"


def _import(db: Path, tmp: Path, text: str, channel: str, name: str) -> None:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    rep = import_path(db, path, channel=channel)
    assert rep.status == "loaded", rep.error


def test_the_fingerprint_is_computed_once_per_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.duckdb"
    assert version_stamp(db) is None  # nothing imported: nothing to identify
    _import(db, tmp_path, DAYS, "mine", "a.csv")
    first = fit_store.channel_version(db, "mine")
    memos = list((tmp_path / "s.duckdb.fits" / "versions").iterdir())
    assert [m.read_text() for m in memos] == [first]

    def no_hashing(*args: object) -> str:
        raise AssertionError("hashed the rows again although nothing changed")

    monkeypatch.setattr(fit_store, "channel_fingerprint", no_hashing)
    assert fit_store.channel_version(db, "mine") == first
    monkeypatch.undo()

    _import(db, tmp_path, OTHER, "theirs", "b.csv")
    assert fit_store.channel_version(db, "mine") == first  # another channel's import
    _import(db, tmp_path, "Date,Views\n2025-04-01,7\n", "mine", "c.csv")
    assert fit_store.channel_version(db, "mine") != first


def test_a_new_store_at_the_same_path_is_not_taken_for_the_old_one(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _import(db, tmp_path, DAYS, "mine", "a.csv")
    old_stamp, old = version_stamp(db), fit_store.channel_version(db, "mine")
    db.unlink()
    Path(str(db) + ".wal").unlink(missing_ok=True)
    _import(db, tmp_path, OTHER, "mine", "b.csv")  # same data version, other rows
    assert version_stamp(db) != old_stamp
    assert old_stamp is not None and old_stamp.split("-")[1:] == version_stamp(db).split("-")[1:]
    assert fit_store.channel_version(db, "mine") != old
