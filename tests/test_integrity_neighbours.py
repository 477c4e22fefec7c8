"""Neighbours of issue 12's import-integrity bugs, each tested as a kind.

* A damaged cell among yearless dates (TikTok Studio) is one reject naming
  its line, column and value; the other dates stay readable (they were all
  reported as "not a date" before).
* Large files inside a zip (or large uploads) are read from a private copy
  beside the store, as a large local file is, not decoded into memory.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from analytics.ingest import ImportOptions
from analytics.services.imports import import_files

TIKTOK_FILES = {
    "Overview.csv": ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
    "FollowerHistory.csv": ["Date", "Followers", "Difference in followers from previous day"],
    "Viewers.csv": ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
}
DAYS = 20


def _tiktok(header: list[str], dates: list[str], eol: str) -> bytes:
    """TikTok Studio bytes: UTF-8 BOM, every field quoted, no final line end."""
    lines = [",".join(f'"{c}"' for c in header)]
    for i, d in enumerate(dates):
        cells = [d] + [str(100 + i + j) for j in range(len(header) - 1)]
        lines.append(",".join(f'"{c}"' for c in cells))
    return ("\ufeff" + eol.join(lines)).encode("utf-8")


def _stored(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    with duckdb.connect(str(db), read_only=True) as con:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


DAMAGES = {
    # the cell as the damaged file holds it (the CSV field's text)
    "trailing quote": 'February 7""',
    "typo in the month": "Februray 7",
    "day out of range": "February 37",
    "text": "n/a today",
}


@pytest.mark.parametrize("file_name", sorted(TIKTOK_FILES))
@pytest.mark.parametrize("damage", sorted(DAMAGES))
@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("row", [0, 6, DAYS - 1])
def test_one_bad_yearless_date_is_one_reject(
    tmp_path: Path, file_name: str, damage: str, eol: str, row: int
) -> None:
    dates = [f"February {d}" for d in range(1, DAYS + 1)]
    dates[row] = DAMAGES[damage]
    data = _tiktok(TIKTOK_FILES[file_name], dates, eol)
    db = tmp_path / "s.duckdb"
    [rep] = import_files(
        db,
        [(file_name, data)],
        options=ImportOptions(channel="tt", export_date=dt.date(2025, 3, 1)),
    )
    assert rep.status == "failed"
    assert [(r.line, r.column) for r in rep.rejects] == [(row + 2, "Date")]
    assert rep.rejects[0].value == DAMAGES[damage].replace('""', '"')
    assert _stored(db, "channel_daily") == 0


@pytest.mark.parametrize("file_name", sorted(TIKTOK_FILES))
def test_clean_yearless_dates_still_load(tmp_path: Path, file_name: str) -> None:
    dates = [f"February {d}" for d in range(1, DAYS + 1)]
    db = tmp_path / "s.duckdb"
    [rep] = import_files(
        db,
        [(file_name, _tiktok(TIKTOK_FILES[file_name], dates, "\n"))],
        options=ImportOptions(channel="tt", export_date=dt.date(2025, 3, 1)),
    )
    assert (rep.status, rep.rows_loaded, rep.rows_rejected) == ("loaded", DAYS, 0)
    assert (rep.period_start, rep.period_end) == (dt.date(2025, 2, 1), dt.date(2025, 2, 20))


CHART = "Date,Views\n" + "".join(f"2025-01-{d:02d},{1000 + d}\n" for d in range(1, 29))


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("encoding", "eol", "by_path"),
    [
        ("utf-8", "\n", True),
        ("utf-8-sig", "\r\n", True),
        ("utf-8", "\r", False),  # CR-only lines are normalised in memory
        ("utf-16", "\n", False),  # not UTF-8: decoded as before
    ],
)
def test_large_members_are_read_from_a_private_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str, eol: str, by_path: bool
) -> None:
    """Past the size threshold a zip member goes to DuckDB from a copy beside the store."""
    from analytics.ingest import reader, stage_one

    monkeypatch.setattr(stage_one, "BY_PATH_BYTES", 0)
    paths: list[str | None] = []
    real = reader.read_csv_text

    def spy(con: object, path: str | None, text: str | None, *a: object, **k: object) -> object:
        paths.append(path)
        return real(con, path, text, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(stage_one, "read_csv_text", spy)
    data = _zip([("Totals.csv", CHART.replace("\n", eol).encode(encoding))])
    db = tmp_path / "s.duckdb"
    [rep] = import_files(db, [("Views 2025.zip", data)], options=ImportOptions(channel="yt"))
    assert (rep.status, rep.rows_loaded) == ("loaded", 28), rep.error
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT sum(views) FROM channel_daily").fetchone()[0] == 28 * 1000 + 406
    assert (paths[0] is not None) == by_path
    if by_path:
        assert paths[0].startswith(str(tmp_path / ".creator-analytics-tmp"))
    assert list((tmp_path / ".creator-analytics-tmp").iterdir()) == []


def test_a_large_damaged_member_is_refused_without_its_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quote that is never closed refuses the member whole; the error names the member, not the copy."""
    from analytics.ingest import stage_one

    monkeypatch.setattr(stage_one, "BY_PATH_BYTES", 0)
    damaged = CHART.replace("2025-01-09,1009", '2025-01-09,"1009')
    db = tmp_path / "s.duckdb"
    [rep] = import_files(
        db,
        [("Views 2025.zip", _zip([("Totals.csv", damaged.encode())]))],
        options=ImportOptions(channel="yt"),
    )
    assert rep.status == "failed"
    assert [(r.line, r.column) for r in rep.rejects] == [(10, None)]
    assert rep.file_name == "Views 2025.zip/Totals.csv"
    assert ".creator-analytics-tmp" not in (rep.error or "") + "".join(
        r.reason for r in rep.rejects
    )
    assert _stored(db, "channel_daily") == 0
    assert list((tmp_path / ".creator-analytics-tmp").iterdir()) == []


NOTHING_TO_STORE = {
    # a Studio chart metric the store has no column for
    "Totals.csv": b"Date,Stayed to watch (%)\n2025-01-01,\n2025-01-02,40.5\n2025-01-03,38\n",
    # the same as a breakdown table
    "Table data.csv": b"Subscription status,Stayed to watch (%)\nTotal,40\nSubscribed,45\n"
    b"Not subscribed,38\n",
}


@pytest.mark.parametrize("file_name", sorted(NOTHING_TO_STORE))
def test_rows_that_store_nothing_are_a_refusal(tmp_path: Path, file_name: str) -> None:
    """Rows read and none written is a refusal that says why, never 'loaded, 0 rejected'."""
    db = tmp_path / "s.duckdb"
    [rep] = import_files(
        db,
        [(file_name, NOTHING_TO_STORE[file_name])],
        options=ImportOptions(channel="yt", export_date=dt.date(2025, 3, 1)),
    )
    assert rep.status == "failed"
    assert rep.error is not None
    assert rep.error.startswith("nothing in this file can be stored (")
    assert "'Stayed to watch (%)' is not stored" in rep.error
    assert "row(s) read, none written" in rep.error
    assert _stored(db, "channel_daily") + _stored(db, "channel_breakdown") == 0


def test_a_header_only_file_is_still_an_empty_import(tmp_path: Path) -> None:
    """No row read is no row lost: a header-only chart still lands (as 'no data')."""
    [rep] = import_files(
        tmp_path / "s.duckdb",
        [("Totals.csv", b"Date,Stayed to watch (%)\n")],
        options=ImportOptions(channel="yt"),
    )
    assert (rep.status, rep.rows_read, rep.rows_loaded) == ("loaded", 0, 0)


def test_a_mapping_that_stores_nothing_is_refused(tmp_path: Path) -> None:
    from analytics.ingest.formats.mapping import ColumnMapping

    mapping = ColumnMapping.from_json(
        '{"name": "scores", "columns": {"Score A": "key", "Score B": "ignore"}}'
    )
    [rep] = import_files(
        tmp_path / "s.duckdb",
        [("scores.csv", b"Score A,Score B\n1,2\n3,4\n")],
        options=ImportOptions(channel="yt", mapping=mapping),
    )
    assert rep.status == "failed"
    assert rep.error is not None and "2 row(s) read, none written" in rep.error


def test_a_full_disk_while_writing_is_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk filling up in the write says so (it read 'cannot rollback - no transaction')."""
    from analytics.store import writer

    db = tmp_path / "s.duckdb"
    good = ("Totals.csv", CHART.encode())
    real = writer.bump_data_version

    def full(con: duckdb.DuckDBPyConnection) -> int:
        raise duckdb.IOException(f'Could not write file "{db}.wal": No space left on device')

    monkeypatch.setattr(writer, "bump_data_version", full)
    [rep] = import_files(db, [good], options=ImportOptions(channel="yt"))
    assert rep.status == "failed"
    assert rep.error == (
        "no space left on the disk of the store to write the rows; nothing was written: "
        "free some space on that disk and import again"
    )
    assert _stored(db, "channel_daily") == 0
    monkeypatch.setattr(writer, "bump_data_version", real)
    [again] = import_files(db, [good], options=ImportOptions(channel="yt"))
    assert (again.status, again.rows_loaded) == ("loaded", 28)


def test_rollback_after_duckdb_ended_the_transaction_is_quiet(tmp_path: Path) -> None:
    """A failed COMMIT ends the transaction itself: the rollback must not hide its error."""
    from analytics.store.writer import rollback

    with duckdb.connect(str(tmp_path / "x.duckdb")) as con:
        rollback(con)  # no transaction open: nothing to do, nothing raised
        con.execute("BEGIN TRANSACTION")
        con.execute("CREATE TABLE t (a INTEGER)")
        rollback(con)
        assert con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 't'"
        ).fetchone() == (0,)


FAN_ID = "fan_Zq81RawHandle"
FAN_HEADER = "comment_id,author,video_id,published_at,is_spam"
FAN_DAMAGES = {
    # the fan id lands in another column: swapped, shifted by the user, or mapped wrong
    "time": f"c2,x,vid1,{FAN_ID},0",
    "spam flag": f"c2,x,vid1,2013-11-07T06:20:48,{FAN_ID}",
    "swapped columns": f"c2,2013-11-07T06:20:48,vid1,{FAN_ID},0",
}


@pytest.mark.parametrize("damage", sorted(FAN_DAMAGES))
def test_rejects_of_a_fan_file_never_hold_a_cell(tmp_path: Path, damage: str) -> None:
    """A rejected cell of a fan file is named by line and column; its text goes nowhere."""
    import subprocess
    import sys

    text = "\n".join(
        [FAN_HEADER, "c1,fan_a,vid1,2013-11-07T06:20:48,0", FAN_DAMAGES[damage]]
    ).encode()
    src = tmp_path / "comments.csv"
    src.write_bytes(text)
    db = tmp_path / "s.duckdb"
    repo = Path(__file__).resolve().parents[1]
    proc = subprocess.run(
        [sys.executable, "-m", "analytics", "import", "--db", str(db), "--channel", "c", str(src)],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "line 3, column " in proc.stdout
    assert "the value is not shown" in proc.stdout
    assert FAN_ID not in proc.stdout + proc.stderr
    [rep] = import_files(db, [("comments.csv", text)], options=ImportOptions(channel="c"))
    assert rep.status == "failed"
    assert [(r.line, r.value) for r in rep.rejects] == [(3, None)]
    with duckdb.connect(str(db)) as con:
        con.execute("CHECKPOINT")
        assert con.execute("SELECT count(*) FROM import_rejects").fetchone()[0] >= 1
        assert con.execute(
            "SELECT count(*) FROM import_rejects WHERE raw_value IS NOT NULL"
        ).fetchone() == (0,)
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("s.duckdb*") if p.is_file())
    assert FAN_ID.encode() not in stored


def test_rejects_of_other_files_still_show_the_value(tmp_path: Path) -> None:
    damaged = CHART.replace("2025-01-09,1009", "2025-01-09,10o9")
    [rep] = import_files(
        tmp_path / "s.duckdb",
        [("Totals.csv", damaged.encode())],
        options=ImportOptions(channel="yt"),
    )
    assert [(r.line, r.column, r.value) for r in rep.rejects] == [(10, "Views", "10o9")]


CITIES = {
    "Table data.csv": b"Cities,City name,Geography,Views,Watch time (hours)\nTotal,,,307,4\n"
    b"0x1:0x2,Springfield,US,100,1\n0x3:0x4,Springfield,US,200,2\n0x7:0x8,Berlin,DE,7,1\n",
    "Chart data.csv": b"Date,Cities,City name,Geography,Views\n"
    b"2025-01-01,0x1:0x2,Springfield,US,1\n2025-01-01,0x3:0x4,Springfield,US,2\n"
    b"2025-01-01,0x7:0x8,Berlin,DE,3\n2025-01-02,0x1:0x2,Springfield,US,4\n"
    b"2025-01-02,0x3:0x4,Springfield,US,5\n2025-01-02,0x7:0x8,Berlin,DE,6\n",
}


@pytest.mark.parametrize("file_name", sorted(CITIES))
def test_two_cities_of_one_name_in_one_country_are_both_kept(
    tmp_path: Path, file_name: str
) -> None:
    """Springfield, US twice: the place ids tell them apart (the table was refused whole)."""
    db = tmp_path / "s.duckdb"
    [rep] = import_files(
        db,
        [(file_name, CITIES[file_name])],
        options=ImportOptions(channel="yt", export_date=dt.date(2025, 3, 1)),
    )
    assert rep.status == "loaded", rep.error
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute(
            "SELECT key, sum(views) FROM channel_breakdown GROUP BY key ORDER BY key"
        ).fetchall()
    if file_name == "Table data.csv":
        assert got == [
            ("Berlin|DE", 7),
            ("Springfield|US|0x1:0x2", 100),
            ("Springfield|US|0x3:0x4", 200),
        ]
    else:
        assert got == [
            ("Berlin|DE", 9),
            ("Springfield|US|0x1:0x2", 5),
            ("Springfield|US|0x3:0x4", 7),
        ]
