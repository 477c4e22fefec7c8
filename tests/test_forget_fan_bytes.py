"""Forgetting a fan removes their key's bytes from the store file, and names the backups that hold them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics.cli import main
from analytics.ingest.formats.fans import fan_key
from analytics.services.imports import import_files
from analytics.store.connection import connect
from analytics.store.fan_erasure import stored_fan_secret


def _fans_file(n_fans: int = 200, per_fan: int = 5) -> bytes:
    lines = ["fan_id,video_id,event,timestamp,weight"]
    for f in range(n_fans):
        for v in range(per_fan):
            lines.append(f"fan_{f:03d},v{v},view,2025-01-0{1 + v}T10:00:00Z,1")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def store(tmp_path: Path) -> tuple[str, str]:
    db = str(tmp_path / "fans.duckdb")
    [rep] = import_files(db, [("fans.csv", _fans_file())], channel="me")
    assert (rep.status, rep.rows_loaded) == ("loaded", 1000)
    with connect(db) as con:
        secret = stored_fan_secret(con)
        con.execute("CHECKPOINT")
    assert secret is not None
    return db, fan_key(secret, "fan_000")


def _file_bytes(db: str) -> bytes:
    with connect(db) as con:
        con.execute("CHECKPOINT")
    data = Path(db).read_bytes()
    wal = Path(f"{db}.wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def test_the_forgotten_key_is_gone_from_the_file_after_a_checkpoint(
    store: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, key = store
    other = fan_key(stored_fan_secret_of(db), "fan_001")
    before = _file_bytes(db)
    assert key.encode() in before and other.encode() in before  # the check can fail
    capsys.readouterr()
    assert main(["forget-fan", "--db", db, "fan_000"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"forgot fan {key[:8]}…: 5 interaction rows deleted"
    assert "the store file was rewritten" in out
    after = _file_bytes(db)
    assert key.encode() not in after
    assert key[:16].encode() not in after
    assert other.encode() in after  # the others are kept
    with connect(db) as con:
        assert con.execute("SELECT count(*) FROM fan_interactions").fetchall() == [(995,)]
        assert con.execute(
            "SELECT count(*) FROM fan_interactions WHERE fan_key = ?", [key]
        ).fetchall() == [(0,)]
    # the store keeps working: the next import gets the next id
    [rep] = import_files(
        db,
        [("more.csv", b"fan_id,video_id,event,timestamp\nx,v1,like,2025-02-01T00:00:00Z\n")],
        channel="me",
    )
    assert rep.status == "loaded" and rep.import_id == 2


def stored_fan_secret_of(db: str) -> bytes:
    with connect(db) as con:
        secret = stored_fan_secret(con)
    assert secret is not None
    return secret


def test_forget_fan_names_the_backups_that_still_hold_the_fan(
    store: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, key = store
    old = tmp_path / "bk-old"
    assert main(["backup", "--db", db, str(old)]) == 0
    capsys.readouterr()
    assert main(["forget-fan", "--db", db, "--json", "fan_000"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["interactions_deleted"] == 5 and payload["file_rewritten"] is True
    [held] = payload["backups_still_holding"]
    assert held["directory"] == str(old.resolve()) and held["rows"] == 5
    new = tmp_path / "bk-new"
    assert main(["backup", "--db", db, str(new)]) == 0
    capsys.readouterr()
    assert main(["forget-fan", "--db", db, "fan_000"]) == 0
    out = capsys.readouterr().out
    assert "no rows of this fan are stored" in out
    assert f"the backup {old.resolve()} (made " in out and "still holds 5 rows of this fan" in out
    assert str(new.resolve()) not in out
