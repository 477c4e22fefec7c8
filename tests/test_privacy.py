"""Fans' privacy: keyed hashes only, "forget this fan", no raw id in logs or reports.

* ``fan_key`` is an HMAC-SHA256 of the raw id with the store's own secret
  (not a plain hash: another store gives another key).
* No raw fan id is stored anywhere in the store (every text column of every
  table, and the file's bytes), nor printed in import reports or logs.
* ``python -m analytics forget-fan --db PATH FAN_ID`` deletes every row of
  that fan in every channel, leaves the others, and prints/logs no raw id.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import pytest

from analytics.cli import main
from analytics.ingest.formats.fans import fan_key
from analytics.services.imports import import_files
from analytics.services.privacy import forget_fan
from analytics.store.connection import connect
from analytics.store.schema import data_version
from tests.helpers import one, rows

ALICE = "alice_the_superfan_7731"
BOB = "bob_watcher_2209"
CAROL = "用户甲_carol_5511"
RAW_IDS = (ALICE, BOB, CAROL)

FANS_MAIN = (
    "fan_id,video_id,event,timestamp\n"
    f"{ALICE},v1,view,2025-01-01T10:00:00Z\n"
    f"{ALICE},v2,like,2025-01-02T10:00:00Z\n"
    f"{ALICE},v2,comment,2025-01-02T11:00:00Z\n"
    f"{BOB},v1,view,2025-01-01T12:00:00Z\n"
    f"{CAROL},v1,share,2025-01-03T09:00:00Z\n"
).encode()
FANS_OTHER = (  # the same fan on another channel, with padding around the id
    "fan_id,video_id,event,timestamp\n"
    f"  {ALICE} ,w1,view,2025-02-01T10:00:00Z\n"
    f"{BOB},w1,like,2025-02-01T10:05:00Z\n"
).encode()


@pytest.fixture
def fan_store(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> str:
    caplog.set_level(logging.DEBUG)
    db = str(tmp_path / "fans.duckdb")
    reports = import_files(db, [("fans_main.csv", FANS_MAIN)], channel="main")
    reports += import_files(db, [("fans_other.csv", FANS_OTHER)], channel="other")
    assert [(r.status, r.rows_loaded) for r in reports] == [("loaded", 5), ("loaded", 2)]
    for r in reports:
        text = json.dumps(r.as_dict(), ensure_ascii=False)
        assert not any(raw in text for raw in RAW_IDS), text
    return db


def _secret(db: str) -> bytes:
    return bytes.fromhex(one(db, "SELECT value FROM store_meta WHERE key = 'fan_key_secret'"))


def _text_hits(db: str, needle: str) -> list[str]:
    """Every (table, column) whose text contains ``needle`` (all tables, all text columns)."""
    hits: list[str] = []
    cols = rows(
        db,
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main' AND data_type IN ('VARCHAR', 'VARCHAR[]')",
    )
    with connect(db) as con:
        for table, column, dtype in cols:
            expr = f'"{column}"' if dtype == "VARCHAR" else f'array_to_string("{column}", chr(31))'
            n = con.execute(
                f'SELECT count(*) FROM "{table}" WHERE contains({expr}, ?)', [needle]
            ).fetchall()[0][0]
            if n:
                hits.append(f"{table}.{column}")
    return hits


def test_fan_keys_are_hmacs_with_the_store_secret(fan_store: str, tmp_path: Path) -> None:
    secret = _secret(fan_store)
    assert len(secret) == 32
    keys = {r[0] for r in rows(fan_store, "SELECT DISTINCT fan_key FROM fan_interactions")}
    assert keys == {fan_key(secret, raw) for raw in RAW_IDS}
    assert hashlib.sha256(ALICE.encode()).hexdigest()[:32] not in keys  # not a plain hash
    other = str(tmp_path / "other.duckdb")
    import_files(other, [("fans_main.csv", FANS_MAIN)], channel="main")
    assert _secret(other) != secret
    assert {r[0] for r in rows(other, "SELECT DISTINCT fan_key FROM fan_interactions")}.isdisjoint(
        keys
    )


def test_no_raw_fan_id_anywhere_in_the_store(
    fan_store: str, caplog: pytest.LogCaptureFixture
) -> None:
    for raw in RAW_IDS:
        assert _text_hits(fan_store, raw) == []
    with connect(fan_store) as con:
        con.execute("CHECKPOINT")
    blob = Path(fan_store).read_bytes()
    for raw in RAW_IDS:
        assert raw.encode() not in blob
    assert not any(raw in rec.getMessage() for rec in caplog.records for raw in RAW_IDS)


def test_forget_fan_cli_removes_every_row_of_one_fan(
    fan_store: str, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    secret = _secret(fan_store)
    alice, bob, carol = (fan_key(secret, raw) for raw in RAW_IDS)
    version = data_version_of(fan_store)
    assert main(["forget-fan", "--db", fan_store, ALICE]) == 0
    out, err = capsys.readouterr()
    assert out == (
        f"forgot fan {alice[:8]}…: 4 interaction rows deleted\n"
        "the store file was rewritten: the deleted rows' bytes are gone from it\n"
        "no backup noted for this store holds this fan\n"
    )
    assert err == ""
    counts = dict(rows(fan_store, "SELECT fan_key, count(*) FROM fan_interactions GROUP BY 1"))
    assert counts == {bob: 2, carol: 1}
    assert rows(
        fan_store, "SELECT channel_id, count(*) FROM fan_interactions GROUP BY 1 ORDER BY 1"
    ) == [("main", 2), ("other", 1)]
    assert data_version_of(fan_store) == version + 1
    # Again: nothing left to forget; JSON output carries counts, never the id.
    assert main(["forget-fan", "--db", fan_store, "--json", ALICE]) == 0
    out, _ = capsys.readouterr()
    assert json.loads(out) == {
        "fan_key_prefix": alice[:8],
        "interactions_deleted": 0,
        "reject_values_blanked": 0,
        "file_rewritten": False,
        "backups_still_holding": [],
    }
    logged = " ".join(rec.getMessage() for rec in caplog.records)
    assert "4 interaction rows deleted" in logged
    assert ALICE not in logged and ALICE not in out


def data_version_of(db: str) -> int:
    with connect(db) as con:
        return data_version(con)


def test_rejected_values_of_a_fan_file_are_never_stored(tmp_path: Path) -> None:
    """A fan id in a rejected cell of a fan file is not kept at all (forget-fan has nothing to blank)."""
    db = str(tmp_path / "s.duckdb")
    bad = f"fan_id,video_id,event,timestamp,weight\n{ALICE},v1,view,2025-01-01T10:00:00Z,{ALICE}\n".encode()
    [rep] = import_files(db, [("bad.csv", bad)], channel="main")
    assert rep.status == "failed"
    assert [(r.line, r.column, r.value) for r in rep.rejects] == [(2, "weight", None)]
    assert one(db, "SELECT count(*) FROM import_rejects WHERE raw_value IS NULL") == 1
    assert _text_hits(db, ALICE) == []
    result = forget_fan(db, ALICE)
    assert (result.interactions_deleted, result.reject_values_blanked) == (0, 0)


def test_forget_fan_blanks_rejected_values_an_older_import_stored(tmp_path: Path) -> None:
    """Stores written before rejects hid fan-file cells may hold the id: forget-fan blanks it."""
    db = str(tmp_path / "s.duckdb")
    bad = f"fan_id,video_id,event,timestamp,weight\n{ALICE},v1,view,2025-01-01T10:00:00Z,{ALICE}\n".encode()
    [rep] = import_files(db, [("bad.csv", bad)], channel="main")
    with connect(db) as con:
        con.execute("UPDATE import_rejects SET raw_value = ?", [ALICE])
    result = forget_fan(db, ALICE)
    assert (result.interactions_deleted, result.reject_values_blanked) == (0, 1)
    assert _text_hits(db, ALICE) == []
    assert one(db, "SELECT count(*) FROM import_rejects WHERE raw_value IS NULL") == 1


def test_forget_fan_in_a_store_without_fans_creates_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    result = forget_fan(db, ALICE)
    assert (result.interactions_deleted, result.reject_values_blanked) == (0, 0)
    assert one(db, "SELECT count(*) FROM store_meta WHERE key = 'fan_key_secret'") == 0


def test_forget_fan_refuses_an_empty_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forget-fan", "--db", str(tmp_path / "s.duckdb"), "   "]) == 1
    assert (
        capsys.readouterr().err
        == "error: the fan id is empty; give the id as it appears in the export\n"
    )
