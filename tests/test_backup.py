"""Backup and restore: every table comes back exactly; damaged backups and full stores are refused.

``python -m analytics backup --db PATH DIR`` writes DuckDB's EXPORT DATABASE
(Parquet) plus manifest.json (row counts, checksums, file sha256);
``python -m analytics restore --db PATH DIR`` loads it into a new or empty
store in one transaction, or replaces a store's data with ``--force``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from analytics.cli import main
from analytics.ingest.formats.fans import fan_key
from analytics.services.imports import import_files
from analytics.services.privacy import forget_fan
from analytics.store.backup import snapshot
from analytics.store.connection import connect
from tests.helpers import one, rows

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "data" / "cases"
FANS = (
    b"fan_id,video_id,event,timestamp,weight\n"
    b"fan_one,v1,view,2025-01-01T10:00:00Z,30\n"
    b"fan_one,v2,like,2025-01-02T10:00:00Z,1\n"
    b"fan_two,v1,comment,2025-01-02T11:00:00Z,1\n"
)
LISTING = (
    "video_id,title,publishedAt,channelId,channelTitle,tags,view_count,likes,comment_count,description\n"
    '"v1","<script>x</script> 标题","2025-01-02T10:00:00.000Z","UCone","One","a|b","5000","50","5","d"\n'
    '"v2","=1+1","2025-01-03T10:00:00.000Z","UCone","One","","900","9","","d"\n'
).encode()
# Tables compared column by column; these columns legitimately differ after a restore.
DIFFERS = {"schema_migrations": {"applied_at"}, "store_meta": set()}


@pytest.fixture(scope="module")
def full_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("backup") / "full.duckdb")
    reports = import_files(
        db,
        [
            ("c18.csv", (CASES / "C18" / "input.csv").read_bytes()),
            ("listing.csv", LISTING),
            ("fans.csv", FANS),
            ("bad.csv", b"Date,Views\n2025-01-01,lots\n"),  # a failed import with a reject
        ],
        channel="me",
    )
    assert [r.status for r in reports] == ["loaded", "loaded", "loaded", "failed"]
    with connect(db) as con:  # a value of every awkward kind
        con.execute(
            "INSERT INTO channel_breakdown (channel_id, dimension, key, period_start, period_end, share, "
            "views, lower_bounds) VALUES ('me', 'geography', 'DE', DATE '2025-01-01', DATE '2025-01-03', "
            "0.25, 123456789012345, ['views'])"
        )
        con.execute(
            "INSERT INTO video_totals (channel_id, video_id, as_of, views, completion_rate, revenue, "
            "currency) VALUES ('me', '7480000000000000001', DATE '2025-01-03', 10, 0.5, 1.25, 'EUR')"
        )
    return db


def _table_rows(db: str) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    with connect(db) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' ORDER BY 1"
            ).fetchall()
        ]
        for t in tables:
            cols = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = ? ORDER BY ordinal_position",
                    [t],
                ).fetchall()
            ]
            keep = [c for c in cols if c not in DIFFERS.get(t, set())]
            sel = ", ".join(f'"{c}"' for c in keep)
            where = " WHERE key <> 'data_version'" if t == "store_meta" else ""
            out[t] = con.execute(f'SELECT {sel} FROM "{t}"{where} ORDER BY ALL').fetchall()
    return out


def test_backup_and_restore_round_trip_every_table(
    full_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "bk"
    assert main(["backup", "--db", full_store, str(backup)]) == 0
    original = _table_rows(full_store)
    data_tables = sorted(t for t in original if t != "schema_migrations")
    total = sum(one(full_store, f'SELECT count(*) FROM "{t}"') for t in data_tables)
    said = capsys.readouterr().out
    assert said.startswith(f"backup written to {backup}: {len(data_tables)} tables, {total} rows, ")
    manifest = json.loads((backup / "manifest.json").read_text())
    assert {t: v["rows"] for t, v in manifest["tables"].items()} == {
        t: one(full_store, f'SELECT count(*) FROM "{t}"') for t in original
    }
    assert manifest["tables"]["channel_daily"]["rows"] == 3
    assert manifest["tables"]["fan_interactions"]["rows"] == 3
    assert manifest["tables"]["import_rejects"]["rows"] == 1
    for info in manifest["tables"].values():
        assert hashlib.sha256((backup / info["file"]).read_bytes()).hexdigest() == info["sha256"]

    restored = str(tmp_path / "restored.duckdb")
    assert main(["restore", "--db", restored, str(backup)]) == 0
    # the same tables and rows as the backup reported (not one table and one row fewer)
    assert capsys.readouterr().out == (
        f"restored {total} rows in {len(data_tables)} tables from {backup} "
        "(row counts and checksums match the backup)\n"
    )
    again = _table_rows(restored)
    assert sorted(again) == sorted(original)
    for table in original:
        assert again[table] == original[table], table
    with connect(full_store) as a, connect(restored) as b:
        sa, sb = snapshot(a, exclude=DIFFERS), snapshot(b, exclude=DIFFERS)
    assert sa == sb
    assert one(restored, "SELECT value FROM store_meta WHERE key = 'data_version'") == str(
        int(one(full_store, "SELECT value FROM store_meta WHERE key = 'data_version'")) + 1
    )
    assert (
        one(restored, "SELECT video_id FROM video_totals WHERE currency = 'EUR'")
        == "7480000000000000001"
    )


def test_restored_store_keeps_working(full_store: str, tmp_path: Path) -> None:
    backup, restored = tmp_path / "bk", str(tmp_path / "r.duckdb")
    assert main(["backup", "--db", full_store, str(backup)]) == 0
    assert main(["restore", "--db", restored, str(backup)]) == 0
    # Import ids continue after the restored ones (no primary-key clash).
    top = one(restored, "SELECT max(import_id) FROM imports")
    [rep] = import_files(restored, [("more.csv", b"Date,Views\n2025-02-01,7\n")], channel="me")
    assert rep.status == "loaded" and rep.import_id is not None and rep.import_id > top
    # The same file as before is still recognised as a duplicate.
    [dup] = import_files(
        restored, [("c18.csv", (CASES / "C18" / "input.csv").read_bytes())], channel="me"
    )
    assert dup.status == "duplicate"
    # The fan secret came back: forgetting a fan by raw id still works.
    secret = bytes.fromhex(
        one(restored, "SELECT value FROM store_meta WHERE key = 'fan_key_secret'")
    )
    assert (
        one(
            restored,
            "SELECT count(*) FROM fan_interactions WHERE fan_key = ?",
            [fan_key(secret, "fan_one")],
        )
        == 2
    )
    assert forget_fan(restored, "fan_one").interactions_deleted == 2


def test_restore_refuses_a_store_with_data_unless_forced(
    full_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup, other = tmp_path / "bk", str(tmp_path / "other.duckdb")
    assert main(["backup", "--db", full_store, str(backup)]) == 0
    import_files(other, [("x.csv", b"Date,Views\n2030-01-01,99\n")], channel="else")
    before = _table_rows(other)
    capsys.readouterr()
    assert main(["restore", "--db", other, str(backup)]) == 1
    err = capsys.readouterr().err
    assert (
        err.count("\n") == 1 and "already holds data" in err and "--force" in err and other in err
    )
    assert _table_rows(other) == before
    assert main(["restore", "--db", other, "--force", str(backup)]) == 0
    assert _table_rows(other) == _table_rows(full_store)
    assert rows(other, "SELECT channel_id FROM channels ORDER BY 1") == [("UCone",), ("me",)]


def test_damaged_backup_is_refused_and_nothing_is_written(
    full_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup, target = tmp_path / "bk", str(tmp_path / "t.duckdb")
    assert main(["backup", "--db", full_store, str(backup)]) == 0
    manifest = json.loads((backup / "manifest.json").read_text())
    victim = backup / manifest["tables"]["videos"]["file"]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["restore", "--db", target, str(backup)]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"error: the backup in {backup} is damaged: {victim.name} does not match its checksum\n"
    )
    assert sum(len(v) for t, v in _table_rows(target).items() if t != "schema_migrations") == 0


def test_rows_that_do_not_match_the_manifest_roll_back(full_store: str, tmp_path: Path) -> None:
    backup, target = tmp_path / "bk", str(tmp_path / "t.duckdb")
    assert main(["backup", "--db", full_store, str(backup)]) == 0
    path = backup / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["tables"]["video_daily"]["checksum"] = "12345"  # loaded after channels, imports, fans
    path.write_text(json.dumps(manifest))
    assert main(["restore", "--db", target, str(backup)]) == 1
    counts = {t: len(v) for t, v in _table_rows(target).items()}
    assert counts["channels"] == 0 and counts["imports"] == 0 and counts["fan_interactions"] == 0


def test_backup_refuses_a_folder_with_files_and_leaves_no_partial(
    full_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "used"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    assert main(["backup", "--db", full_store, str(folder)]) == 1
    assert "already exists and is not empty" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_backup_is_readable_by_plain_duckdb(full_store: str, tmp_path: Path) -> None:
    """The folder is a standard EXPORT DATABASE: DuckDB's IMPORT DATABASE reads it without this program."""
    backup = tmp_path / "bk"
    assert main(["backup", "--db", full_store, str(backup)]) == 0
    con = duckdb.connect(str(tmp_path / "plain.duckdb"))
    try:
        con.execute(f"IMPORT DATABASE '{backup}'")
        assert con.execute("SELECT sum(views) FROM channel_daily").fetchall() == [(3610,)]
        assert con.execute("SELECT count(*) FROM fan_interactions").fetchall() == [(3,)]
    finally:
        con.close()


def test_backup_of_an_empty_store_round_trips(tmp_path: Path) -> None:
    empty, restored, backup = (
        str(tmp_path / "e.duckdb"),
        str(tmp_path / "r.duckdb"),
        tmp_path / "bk",
    )
    assert main(["backup", "--db", empty, "--json", str(backup)]) == 0
    assert main(["restore", "--db", restored, str(backup)]) == 0
    assert (
        sum(
            len(v)
            for t, v in _table_rows(restored).items()
            if t not in ("schema_migrations", "store_meta")
        )
        == 0
    )


def _json_counts(out: str) -> tuple[dict[str, int], int]:
    payload = json.loads(out)
    return payload["tables"], payload["total_rows"]


def test_backup_and_restore_json_report_the_same_tables_and_rows(
    full_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup, restored = tmp_path / "bk", str(tmp_path / "r.duckdb")
    capsys.readouterr()
    assert main(["backup", "--db", full_store, "--json", str(backup)]) == 0
    written, written_total = _json_counts(capsys.readouterr().out)
    assert main(["restore", "--db", restored, "--json", str(backup)]) == 0
    back, back_total = _json_counts(capsys.readouterr().out)
    assert back == written and back_total == written_total
    assert "schema_migrations" not in written
    assert written["fan_interactions"] == 3 and written["channel_daily"] == 3
    assert written_total == sum(written.values())


@pytest.mark.parametrize("dropped", ["store_meta", "fan_interactions", "imports"])
def test_forced_restore_of_a_manifest_missing_tables_touches_nothing(
    full_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], dropped: str
) -> None:
    """A manifest that lists fewer tables would have wiped them (and the fan-key secret)."""
    backup, other = tmp_path / "bk", str(tmp_path / "other.duckdb")
    assert main(["backup", "--db", full_store, str(backup)]) == 0
    import_files(other, [("fans.csv", FANS)], channel="else")
    secret = one(other, "SELECT value FROM store_meta WHERE key = 'fan_key_secret'")
    assert len(secret) == 64
    before = _table_rows(other)
    path = backup / "manifest.json"
    manifest = json.loads(path.read_text())
    del manifest["tables"][dropped]
    path.write_text(json.dumps(manifest))
    capsys.readouterr()
    assert main(["restore", "--db", other, "--force", str(backup)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"error: the backup in {backup} is incomplete: its manifest does not list the table(s) "
        f"{dropped}; nothing was restored\n"
    )
    assert _table_rows(other) == before
    assert one(other, "SELECT value FROM store_meta WHERE key = 'fan_key_secret'") == secret
    assert one(other, "SELECT count(*) FROM fan_interactions") == 3


@pytest.mark.parametrize("field", ["checksum", "rows"])
def test_forced_restore_with_a_wrong_checksum_touches_nothing(
    full_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str
) -> None:
    backup, other = tmp_path / "bk", str(tmp_path / "other.duckdb")
    assert main(["backup", "--db", full_store, str(backup)]) == 0
    import_files(other, [("x.csv", b"Date,Views\n2030-01-01,99\n")], channel="else")
    before = _table_rows(other)
    path = backup / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["tables"]["store_meta"][field] = 7
    path.write_text(json.dumps(manifest))
    capsys.readouterr()
    assert main(["restore", "--db", other, "--force", str(backup)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: the backup in {backup} is damaged: table store_meta holds ")
    assert "does not match the manifest" in err and err.endswith("; nothing was restored\n")
    assert "checksums match" not in err
    assert _table_rows(other) == before
    assert one(other, "SELECT sum(views) FROM channel_daily") == 99
