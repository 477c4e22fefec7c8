"""Meta Business Suite exports (made-up fixtures in tests/data/formats/meta)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from analytics.ingest.values import SHORTENED_ID_REASON
from analytics.services.imports import import_files
from tests.conftest import TEST_DATA
from tests.helpers import one, rows

META = TEST_DATA / "formats" / "meta"


def test_daily_series_utf16_with_sep_and_title_lines(db_path: Path) -> None:
    assert (META / "daily" / "Reach.csv").read_bytes()[:2] == b"\xff\xfe"
    assert (META / "daily_be" / "Follows.csv").read_bytes()[:2] == b"\xfe\xff"
    reps = import_files(
        db_path,
        [
            META / "daily" / "Reach.csv",
            META / "daily" / "Views.csv",
            META / "daily_be" / "Follows.csv",
        ],
        channel="fb",
    )
    assert [(r.status, r.rows_loaded) for r in reps] == [
        ("loaded", 3),
        ("loaded", 2),
        ("loaded", 2),
    ]
    # the newer layout's metric is only in the title line above the "Date","Primary" header
    assert reps[1].format_label == "Meta Business Suite · daily Views"
    assert rows(
        db_path,
        "SELECT date, unique_viewers, views, followers_gained FROM channel_daily ORDER BY date",
    ) == [
        (dt.date(2026, 3, 29), 0, None, None),
        (dt.date(2026, 3, 30), 1520, 4100, 7),
        (dt.date(2026, 3, 31), 2210, 5321, 3),
    ]
    assert rows(db_path, "SELECT platform FROM channels") == [("facebook",)]


def test_instagram_content_export(db_path: Path) -> None:
    [rep] = import_files(
        db_path, [META / "content" / "Aug-01-2025_Aug-31-2025_100000000000001.csv"]
    )
    assert rep.status == "loaded" and rep.rows_loaded == 2
    assert rep.channel_id == "kitchenlab"  # no channel named: the account's username
    assert (rep.period_start, rep.period_end) == (
        dt.date(2025, 8, 1),
        dt.date(2025, 8, 31),
    )  # from the name
    got = rows(
        db_path,
        "SELECT v.video_id, v.title, v.tags, v.duration_s, v.content_type, v.published_at, "
        "t.as_of, t.views, t.unique_viewers, t.likes, t.shares, t.followers_gained, t.comments, "
        "t.saves FROM videos v JOIN video_totals t USING (channel_id, video_id) ORDER BY v.video_id",
    )
    utc = dt.UTC
    assert got == [
        # "math bold" letters read as plain letters (NFKC); "15,000" has a thousands comma
        (
            "17900000000000001",
            "Breakfast in 30s",
            ["breakfast", "quick"],
            32.0,
            "short",
            dt.datetime(2025, 8, 15, 18, 0, tzinfo=utc),
            dt.date(2025, 8, 31),
            15000,
            9800,
            410,
            120,
            14,
            20,
            55,
        ),
        # 08/03/2025 is month-first (Meta's layout): August 3
        (
            "17900000000000002",
            "Pantry tour",
            [],
            None,
            "image post",
            dt.datetime(2025, 8, 3, 9, 30, tzinfo=utc),
            dt.date(2025, 8, 31),
            2345,
            1800,
            98,
            4,
            0,
            6,
            31,
        ),
    ]


def test_facebook_content_export_header_with_commas(db_path: Path) -> None:
    [rep] = import_files(
        db_path, [META / "facebook" / "Sep-01-2025_Sep-30-2025_100000000000002.csv"], channel="fb"
    )
    assert rep.status == "loaded" and rep.format_label == "Meta Business Suite · facebook content"
    assert rows(
        db_path,
        "SELECT v.video_id, v.title, v.caption, v.content_type, t.views, t.unique_viewers, t.likes, "
        "t.comments, t.shares, t.watch_time_s, t.avg_view_duration_s FROM videos v "
        "JOIN video_totals t USING (channel_id, video_id)",
    ) == [
        (
            "100000000000002_900000000000001",
            "Soup season",
            "Five soups",
            "short",
            1200,
            900,
            60,
            10,
            5,
            3600.0,
            3.0,
        )
    ]


def test_ids_mangled_by_excel_are_refused(db_path: Path) -> None:
    [rep] = import_files(
        db_path,
        [META / "excel_mangled" / "Oct-01-2025_Oct-31-2025_100000000000001.csv"],
        channel="ig",
    )
    assert rep.status == "failed"
    assert [(r.line, r.column, r.value, r.reason) for r in rep.rejects] == [
        (2, "Post ID", "1.79E+16", SHORTENED_ID_REASON)
    ]
    assert one(db_path, "SELECT count(*) FROM videos") == 0
