"""YouTube Reporting API bulk reports (made-up fixtures in tests/data/formats/reporting_api)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analytics.services.imports import import_files
from tests.conftest import TEST_DATA
from tests.helpers import one, rows

API = TEST_DATA / "formats" / "reporting_api"
CH = "UCmadeUpChannel0000000001"
D10, D11 = dt.date(2026, 6, 10), dt.date(2026, 6, 11)


def test_channel_basic_a2_sums_rows_per_video_day_and_dimension(db_path: Path) -> None:
    [rep] = import_files(db_path, [API / "channel_basic_a2_20260610.csv"])
    assert rep.status == "loaded" and rep.format_label == "YouTube Reporting API report"
    assert (rep.period_start, rep.period_end) == (D10, D11)
    assert (
        "1 channel-level row(s) (empty video_id) count in the channel's daily totals only"
        in rep.notes
    )
    assert rows(db_path, "SELECT channel_id, platform FROM channels") == [(CH, "youtube")]
    got = rows(
        db_path,
        "SELECT video_id, date, views, likes, comments, followers_gained, followers_lost, "
        "watch_time_s, avg_view_duration_s, avg_view_pct FROM video_daily ORDER BY date, video_id",
    )
    assert got == [
        # 100 + 50 views; watch time (250.5 + 100) minutes; average duration = watch time / views;
        # average percentage viewed weighted by views: (40.5 * 100 + 30 * 50) / 150 = 37 %
        ("vidAAAAAAA1", D10, 150, 12, 1, 2, 1, 21030.0, pytest.approx(140.2), pytest.approx(0.37)),
        ("vidBBBBBBB2", D10, 30, 1, 2, 1, 0, 3600.0, 120.0, 0.25),
        ("vidAAAAAAA1", D11, 20, 1, 0, 0, 0, 1800.0, 90.0, 0.2),
    ]
    # channel totals include the channel-level row (3 subscribers gained on no video)
    assert rows(
        db_path,
        "SELECT date, views, followers_gained, watch_time_s FROM channel_daily ORDER BY date",
    ) == [(D10, 180, 6, 24630.0), (D11, 20, 0, 1800.0)]
    got = rows(
        db_path,
        "SELECT dimension, key, views FROM channel_breakdown WHERE period_start = ? "
        "ORDER BY dimension, key",
        [D10],
    )
    # lower-case enums in the file are upper-cased
    assert got == [
        ("geography", "DE", 50),
        ("geography", "US", 130),
        ("live_or_on_demand", "LIVE", 30),
        ("live_or_on_demand", "ON_DEMAND", 150),
        ("subscription_status", "SUBSCRIBED", 100),
        ("subscription_status", "UNSUBSCRIBED", 80),
    ]
    assert one(db_path, "SELECT count(*) FROM videos WHERE video_id IS NULL OR video_id = ''") == 0


def test_a3_reach_and_header_only_reports(db_path: Path) -> None:
    reps = import_files(
        db_path,
        [
            API / "channel_basic_a2_20260610.csv",
            API / "channel_reach_basic_a1_20260610.csv",
            API / "channel_basic_a3_20260612.csv",
            API / "channel_basic_a2_20260613.csv",
        ],
    )
    assert [r.status for r in reps] == ["loaded"] * 4
    assert (
        reps[3].rows_read == 0 and reps[3].rows_loaded == 0
    )  # header only: a valid "no data" report
    assert "column 'engaged_views' is not stored" in reps[2].notes
    # thumbnail impressions (1000 at 5 %, 3000 at 1 %) join the basic report's row of the same day
    assert rows(
        db_path,
        "SELECT views, impressions, impressions_ctr FROM video_daily WHERE video_id = 'vidAAAAAAA1' "
        "AND date = ?",
        [D10],
    ) == [(150, 4000, pytest.approx(0.02))]
    assert rows(
        db_path,
        "SELECT views, likes, shares, watch_time_s, avg_view_pct FROM video_daily "
        "WHERE date = '2026-06-12'",
    ) == [(80, 4, 1, 9600.0, pytest.approx(0.444))]


def test_resaved_report_dates_and_any_column_order(db_path: Path) -> None:
    [rep] = import_files(db_path, [API / "resaved" / "channel_basic_a2_20260614.csv"])
    assert rep.status == "loaded"
    assert rows(db_path, "SELECT video_id, date, views, watch_time_s FROM video_daily") == [
        ("vidAAAAAAA1", dt.date(2026, 6, 14), 12, 360.0)
    ]


def test_bad_report_value_stops_the_import(db_path: Path) -> None:
    data = (
        b"date,channel_id,video_id,views,watch_time_minutes\n"
        b"20260610,UCx,v1,10,2.5\n20261310,UCx,v1,10,2.5\n20260611,UCx,v1,ten,2.5\n"
    )
    [rep] = import_files(db_path, [("channel_basic_a2.csv", data)])
    assert rep.status == "failed"
    assert [(r.line, r.column, r.value) for r in rep.rejects] == [
        (3, "date", "20261310"),
        (4, "views", "ten"),
    ]
    assert one(db_path, "SELECT count(*) FROM video_daily") == 0
