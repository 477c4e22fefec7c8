"""The store writer: a first import of a channel (plain INSERT) and a merge give the same rows.

``merge_table`` appends the staged rows in one INSERT when nothing of their
channel is stored yet, and merges on the natural key otherwise. These tests
pin the stored rows of both paths, and the newer-wins rule across them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb

from analytics.store.connection import connect
from analytics.store.writer import ImportLog, commit_import, next_import_id, rank_key
from tests.helpers import rows

NOW = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
CHANNEL = {"channel_id": "c1", "platform": "youtube", "display_name": "c1", "time_zone": "UTC"}


def _import(
    db: Path,
    period_end: dt.date,
    videos: list[tuple[Any, ...]],
    daily: list[tuple[Any, ...]],
    totals: list[tuple[Any, ...]] | None = None,
    export_date: dt.date | None = None,
) -> int:
    """Stage rows as the ingest layer does (channel_id NULL, ``_row`` in file order) and commit them.

    ``videos``: (video_id, title, duration_s); ``daily``: (video_id, date, views, likes);
    ``totals``: (video_id, as_of, views).
    """
    with connect(db) as con:
        con.execute(
            "CREATE TEMP TABLE s_videos (_row BIGINT, channel_id VARCHAR, video_id VARCHAR, "
            "title VARCHAR, duration_s DOUBLE)"
        )
        con.executemany(
            "INSERT INTO s_videos VALUES (?, NULL, ?, ?, ?)",
            [[i, *v] for i, v in enumerate(videos)],
        )
        con.execute(
            "CREATE TEMP TABLE s_daily (_row BIGINT, channel_id VARCHAR, video_id VARCHAR, date DATE, "
            "views BIGINT, likes BIGINT)"
        )
        tables = {"videos": "s_videos"}
        if daily:
            con.executemany(
                "INSERT INTO s_daily VALUES (?, NULL, ?, ?, ?, ?)",
                [[i, *d] for i, d in enumerate(daily)],
            )
            tables["video_daily"] = "s_daily"
        if totals is not None:
            con.execute(
                "CREATE TEMP TABLE s_totals (_row BIGINT, channel_id VARCHAR, video_id VARCHAR, "
                "as_of DATE, views BIGINT)"
            )
            con.executemany(
                "INSERT INTO s_totals VALUES (?, NULL, ?, ?, ?)",
                [[i, *t] for i, t in enumerate(totals)],
            )
            tables["video_totals"] = "s_totals"
        log = ImportLog(
            import_id=next_import_id(con),
            file_name=f"export-{period_end}.csv",
            sha256=f"sha-{period_end}-{export_date}",
            format="dimension_table",
            channel_id="c1",
            status="loaded",
            rows_read=len(daily),
            rows_loaded=0,
            rows_rejected=0,
            period_start=period_end - dt.timedelta(days=6),
            period_end=period_end,
            export_date=export_date,
            rank=rank_key(period_end, export_date, NOW),
        )
        return commit_import(con, log, tables, [CHANNEL], "c1")


def _seed_other_video(db: Path) -> None:
    """A stored row of channel c1 under keys no test file uses: forces the merge path."""
    _import(
        db,
        dt.date(2020, 1, 1),
        [("zz", "other", 1.0)],
        [("zz", dt.date(2020, 1, 1), 5, 1)],
        [("zz", dt.date(2020, 1, 1), 5)],
    )


def _stored(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Stored rows of the three tables without the seeded video, and without import ids."""
    return {
        "videos": rows(
            db,
            "SELECT channel_id, video_id, title, duration_s, id_derived, caption FROM videos "
            "WHERE video_id <> 'zz' ORDER BY ALL",
        ),
        "video_daily": rows(
            db,
            "SELECT channel_id, video_id, date, views, likes, comments FROM video_daily "
            "WHERE video_id <> 'zz' ORDER BY ALL",
        ),
        "video_totals": rows(
            db,
            "SELECT channel_id, video_id, as_of, views FROM video_totals "
            "WHERE video_id <> 'zz' ORDER BY ALL",
        ),
    }


FILE_A = {
    "period_end": dt.date(2025, 1, 9),
    "videos": [("v1", "First", 60.0), ("v2", "Second", None), ("v1", "First (renamed)", 61.0)],
    "daily": [
        ("v1", dt.date(2025, 1, 8), 10, 1),
        ("v1", dt.date(2025, 1, 9), 20, None),
        ("v2", dt.date(2025, 1, 9), 7, 2),
        ("v1", dt.date(2025, 1, 9), 21, 3),
    ],
    "totals": [("v1", dt.date(2025, 1, 9), 100), ("v2", dt.date(2025, 1, 9), 40)],
}
EXPECTED_A = {
    # the last row of a key inside the file wins; columns the file lacks are NULL
    "videos": [
        ("c1", "v1", "First (renamed)", 61.0, None, None),
        ("c1", "v2", "Second", None, None, None),
    ],
    "video_daily": [
        ("c1", "v1", dt.date(2025, 1, 8), 10, 1, None),
        ("c1", "v1", dt.date(2025, 1, 9), 21, 3, None),
        ("c1", "v2", dt.date(2025, 1, 9), 7, 2, None),
    ],
    "video_totals": [("c1", "v1", dt.date(2025, 1, 9), 100), ("c1", "v2", dt.date(2025, 1, 9), 40)],
}


def test_first_import_of_a_channel_inserts_the_rows(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    loaded = _import(db, **FILE_A)
    assert loaded == 3 + 2  # daily + totals rows after removing the repeated key
    assert _stored(db) == EXPECTED_A
    ids = rows(db, "SELECT DISTINCT import_id FROM video_daily")
    assert ids == rows(db, "SELECT import_id FROM imports WHERE status = 'loaded'")


def test_merge_path_stores_the_same_rows(tmp_path: Path) -> None:
    fast, merged = tmp_path / "fast.duckdb", tmp_path / "merged.duckdb"
    _import(fast, **FILE_A)
    _seed_other_video(merged)
    loaded = _import(merged, **FILE_A)
    assert loaded == 5
    assert _stored(merged) == _stored(fast) == EXPECTED_A
    assert rows(merged, "SELECT count(*) FROM video_daily WHERE video_id = 'zz'") == [(1,)]


FILE_OLD = {
    "period_end": dt.date(2025, 1, 5),
    "videos": [("v1", "Old title", 59.0), ("v3", "Third", 30.0)],
    "daily": [
        ("v1", dt.date(2025, 1, 5), 9, 4),
        ("v1", dt.date(2025, 1, 9), 999, 9),
        ("v3", dt.date(2025, 1, 5), 3, 0),
    ],
}
FILE_NEW = {
    "period_end": dt.date(2025, 1, 9),
    "videos": [("v1", "New title", None)],
    "daily": [("v1", dt.date(2025, 1, 9), 20, None)],
}
EXPECTED_BOTH = {
    # the newer export wins per column; where it has no value, the older one stays
    "videos": [
        ("c1", "v1", "New title", 59.0, None, None),
        ("c1", "v3", "Third", 30.0, None, None),
    ],
    "video_daily": [
        ("c1", "v1", dt.date(2025, 1, 5), 9, 4, None),
        ("c1", "v1", dt.date(2025, 1, 9), 20, 9, None),
        ("c1", "v3", dt.date(2025, 1, 5), 3, 0, None),
    ],
    "video_totals": [],
}


def test_newer_wins_whatever_the_order(tmp_path: Path) -> None:
    old_first, new_first = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    _import(old_first, **FILE_OLD)  # insert path
    _import(old_first, **FILE_NEW)  # merge path, newer export
    _import(new_first, **FILE_NEW)  # insert path
    _import(new_first, **FILE_OLD)  # merge path, older export
    assert _stored(old_first) == _stored(new_first) == EXPECTED_BOTH


def test_same_day_totals_keep_the_larger_count(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    day = dt.date(2025, 1, 9)
    _import(db, day, [("v1", "T", None)], [], [("v1", day, 100)], export_date=day)
    _import(db, day, [("v1", "T", None)], [], [("v1", day, 90)], export_date=day)
    assert rows(db, "SELECT views FROM video_totals") == [(100,)]


def test_failed_insert_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with connect(db) as con:
        con.execute(
            "CREATE TEMP TABLE s_bad (channel_id VARCHAR, video_id VARCHAR, date VARCHAR, views BIGINT)"
        )
        con.execute("INSERT INTO s_bad VALUES (NULL, 'v1', 'not a date', 1)")
        log = ImportLog(
            import_id=next_import_id(con),
            file_name="bad.csv",
            sha256="x",
            format=None,
            channel_id="c1",
            status="loaded",
            rows_read=1,
            rows_loaded=0,
            rows_rejected=0,
        )
        try:
            commit_import(con, log, {"video_daily": "s_bad"}, [CHANNEL], "c1")
        except duckdb.Error:
            pass
        else:
            raise AssertionError("a date the store cannot hold must fail the import")
    assert rows(db, "SELECT count(*) FROM video_daily") == [(0,)]
    assert rows(db, "SELECT count(*) FROM channels") == [(0,)]
