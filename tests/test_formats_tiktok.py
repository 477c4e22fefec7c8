"""TikTok Studio downloads (made-up fixtures in tests/data/formats/tiktok)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analytics.ingest import ImportOptions
from analytics.ingest.dates import infer_years, parse_yearless
from analytics.services.imports import import_files
from tests.conftest import TEST_DATA
from tests.helpers import one, rows

TT = TEST_DATA / "formats" / "tiktok"


def _opts(export_date: dt.date | None) -> ImportOptions:
    return ImportOptions(channel="tt", export_date=export_date)


def test_spanish_month_names_under_english_headers(db_path: Path) -> None:
    [rep] = import_files(db_path, [TT / "es" / "Overview.csv"], options=_opts(dt.date(2026, 3, 10)))
    assert (rep.status, rep.period_start, rep.period_end) == (
        "loaded",
        dt.date(2026, 3, 7),
        dt.date(2026, 3, 9),
    )
    assert rows(
        db_path,
        "SELECT date, views, profile_views, likes, comments, shares FROM channel_daily "
        "ORDER BY date",
    ) == [
        (dt.date(2026, 3, 7), 120, 4, 10, 2, 1),
        (dt.date(2026, 3, 8), 300, 9, 25, -1, 3),  # a deleted comment: negative daily value
        (dt.date(2026, 3, 9), None, 0, 0, 0, 0),  # 'undefined' is missing, not zero
    ]


def test_365_day_export_over_new_year_from_the_zip_name(db_path: Path) -> None:
    zip_path = TT / "year" / "Overview_2025-02-28_1772150400_kitchenlab.zip"
    [rep] = import_files(
        db_path, [zip_path], channel="tt"
    )  # no export day: the name gives the year
    assert (rep.period_start, rep.period_end) == (dt.date(2025, 2, 28), dt.date(2026, 2, 27))
    assert rows(
        db_path, "SELECT count(*), sum(views), sum(followers_gained) FROM channel_daily"
    ) == [(365, 66795, 181)]
    got = dict(
        rows(
            db_path,
            "SELECT date, views FROM channel_daily WHERE date IN "
            "('2025-02-28', '2025-12-31', '2026-01-01', '2026-02-27')",
        )
    )
    assert got == {
        dt.date(2025, 2, 28): 1,
        dt.date(2025, 12, 31): 307,
        dt.date(2026, 1, 1): 308,
        dt.date(2026, 2, 27): 365,
    }


def test_365_day_export_from_the_export_day(db_path: Path) -> None:
    [rep] = import_files(
        db_path, [TT / "year" / "Overview.csv"], options=_opts(dt.date(2026, 2, 28))
    )
    assert (rep.period_start, rep.period_end) == (dt.date(2025, 2, 28), dt.date(2026, 2, 27))
    assert one(db_path, "SELECT views FROM channel_daily WHERE date = '2026-01-01'") == 308


def test_english_and_russian_day_month_dates(db_path: Path) -> None:
    reps = import_files(
        db_path,
        [TT / "gb" / "Viewers.csv", TT / "ru" / "FollowerHistory.csv"],
        options=_opts(dt.date(2026, 6, 1)),
    )
    assert [(r.period_start, r.period_end) for r in reps] == [
        (dt.date(2026, 5, 27), dt.date(2026, 5, 29)),
        (dt.date(2026, 4, 27), dt.date(2026, 4, 29)),
    ]
    assert rows(
        db_path,
        "SELECT date, unique_viewers, new_viewers, returning_viewers, followers_total, "
        "followers_net FROM channel_daily ORDER BY date",
    ) == [
        (dt.date(2026, 4, 27), None, None, None, None, 0),
        (dt.date(2026, 4, 28), None, None, None, 152, 115),
        (dt.date(2026, 4, 29), None, None, None, 135, -17),
        (dt.date(2026, 5, 27), None, 0, 0, None, None),
        (dt.date(2026, 5, 28), 713, 711, 2, None, None),
        (dt.date(2026, 5, 29), 80, 70, 10, None, None),
    ]


def test_followers_zip_activity_gender_territories(db_path: Path) -> None:
    reps = import_files(
        db_path, [TT / "followers" / "Followers_kitchenlab.zip"], options=_opts(dt.date(2026, 6, 3))
    )
    assert [(Path(r.file_name).name, r.rows_loaded) for r in reps] == [
        ("FollowerHistory.csv", 2),
        ("FollowerActivity.csv", 48),
        ("FollowerGender.csv", 3),
        ("FollowerTopTerritories.csv", 3),
    ]
    assert rows(
        db_path, "SELECT date, followers_total, followers_net FROM channel_daily ORDER BY date"
    ) == [(dt.date(2026, 6, 1), 3000, 5), (dt.date(2026, 6, 2), 3010, 10)]
    # distributions are fractions: a snapshot of the export day
    snap = (dt.date(2026, 6, 3), dt.date(2026, 6, 3))
    assert rows(
        db_path,
        "SELECT dimension, key, share, period_start, period_end FROM channel_breakdown "
        "WHERE dimension <> 'hour_of_day' ORDER BY dimension, key",
    ) == [
        ("gender", "Female", 0.59, *snap),
        ("gender", "Male", 0.41, *snap),
        ("gender", "Other", 0.0, *snap),
        ("geography", "GB", 0.327, *snap),
        ("geography", "Others", 0.211, *snap),
        ("geography", "US", 0.462, *snap),
    ]
    # hourly active followers: one row per day and hour, hours after the snapshot are 0 (not missing)
    assert rows(
        db_path,
        "SELECT period_start, count(*), sum(followers_total), min(key), max(key) "
        "FROM channel_breakdown WHERE dimension = 'hour_of_day' GROUP BY 1 ORDER BY 1",
    ) == [(dt.date(2026, 6, 1), 24, 2676, "00", "23"), (dt.date(2026, 6, 2), 24, 3753, "00", "23")]
    assert (
        one(
            db_path,
            "SELECT followers_total FROM channel_breakdown WHERE dimension = 'hour_of_day' "
            "AND period_start = '2026-06-02' AND key = '18'",
        )
        == 0
    )


def test_content_csv_ids_from_links(db_path: Path) -> None:
    [rep] = import_files(
        db_path, [TT / "content" / "Content.csv"], options=_opts(dt.date(2026, 3, 1))
    )
    assert rep.status == "loaded" and rep.rows_loaded == 2
    got = rows(
        db_path,
        "SELECT v.video_id, v.title, v.tags, v.published_date, v.url, t.as_of, t.views, t.likes, "
        "t.comments, t.shares FROM videos v JOIN video_totals t USING (channel_id, video_id) "
        "ORDER BY v.video_id",
    )
    assert got == [
        # 19-digit ids survive exactly; 'July 16' is the latest July 16 not after the snapshot day
        (
            "7500000000000000001",
            "Morning routine #breakfast #Oats",
            ["breakfast", "oats"],
            dt.date(2025, 7, 16),
            "https://www.tiktok.com/@kitchenlab/video/7500000000000000001",
            dt.date(2026, 2, 28),
            191265,
            533,
            32,
            16,
        ),
        (
            "7500000000000000002",
            None,
            [],
            dt.date(2026, 2, 20),
            "https://www.tiktok.com/@kitchenlab/video/7500000000000000002",
            dt.date(2026, 2, 28),
            30504,
            1837,
            50,
            6,
        ),
    ]
    assert "posts of @kitchenlab" in rep.notes


def test_content_csv_link_without_id_is_a_row_error(db_path: Path) -> None:
    [rep] = import_files(
        db_path, [TT / "content" / "bad_link" / "Content.csv"], options=_opts(dt.date(2026, 3, 1))
    )
    assert rep.status == "failed"
    assert [(r.line, r.column, r.value) for r in rep.rejects] == [
        (3, "Video link", "https://www.tiktok.com/@kitchenlab")
    ]
    assert one(db_path, "SELECT count(*) FROM videos") == 0


def test_xlsx_variants(db_path: Path) -> None:
    reps = import_files(
        db_path,
        [TT / "xlsx" / "Overview.xlsx", TT / "xlsx" / "FollowerGender.xlsx"],
        options=_opts(dt.date(2026, 4, 13)),
    )
    assert [r.status for r in reps] == ["loaded", "loaded"]
    assert rows(
        db_path,
        "SELECT date, views, profile_views, likes, comments, shares FROM channel_daily "
        "ORDER BY date",
    ) == [(dt.date(2026, 4, 11), 1591, 7, 10, 1, 0), (dt.date(2026, 4, 12), 848, 50, 72, 12, 2)]
    assert rows(db_path, "SELECT key, share FROM channel_breakdown ORDER BY key") == [
        ("Female", 0.62),
        ("Male", 0.38),
    ]


def test_distribution_without_export_day_takes_the_period_beside_it(db_path: Path) -> None:
    reps = import_files(db_path, [TT / "followers" / "Followers_kitchenlab.zip"], channel="tt")
    assert [r.status for r in reps] == ["loaded"] * 4
    assert "period taken from the files beside it: " in " ".join(reps[2].notes)
    assert rows(
        db_path,
        "SELECT DISTINCT period_end - period_start FROM channel_breakdown "
        "WHERE dimension = 'gender'",
    ) == [(1,)]


def test_yearless_parsing_in_ui_languages() -> None:
    assert [
        parse_yearless(s)
        for s in (
            "February 28",
            "28 May",
            "8 de marzo",
            "28 апреля",
            "23 August",
            "3 févr.",
            "12. März",
            "8 tháng 3",
            "Sep 27, 2024",
            "Total",
        )
    ] == [(2, 28), (5, 28), (3, 8), (4, 28), (8, 23), (2, 3), (3, 12), (3, 8), None, None]
    # walking back from the export day; Feb 29 only in a leap year
    assert infer_years([(12, 30), (12, 31), (1, 1)], dt.date(2026, 1, 5)) == [
        dt.date(2025, 12, 30),
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 1),
    ]
    assert infer_years([(2, 28), (2, 29), (3, 1)], dt.date(2026, 3, 2)) == [
        dt.date(2024, 2, 28),
        dt.date(2024, 2, 29),
        dt.date(2024, 3, 1),
    ]


def test_download_names_give_period_and_channel(db_path: Path) -> None:
    from analytics.ingest.names import name_hints

    hints = name_hints("Overview_2025-02-28_1772150400_kitchen.lab_1.zip/Overview.csv")
    assert (hints.period_start, hints.period_end, hints.channel_name) == (
        dt.date(2025, 2, 28),
        dt.date(2026, 2, 27),
        "kitchen.lab_1",
    )
    assert name_hints("export_2025-01-05.csv").source == ""  # one date is not a period
    # no channel named: the handle in the zip's name
    reps = import_files(
        db_path,
        [TT / "followers" / "Followers_kitchenlab.zip"],
        options=ImportOptions(export_date=dt.date(2026, 6, 3)),
    )
    assert {r.channel_id for r in reps} == {"kitchenlab"}
    assert rows(db_path, "SELECT channel_id, platform FROM channels") == [("kitchenlab", "tiktok")]


def test_business_account_swedish_headers(db_path: Path) -> None:
    data = (
        "\ufeffDatum,Videovisningar,Målgrupp som nåtts,Profilvisningar,Gilla-markeringar,Kommentarer,Delningar,"
        "Nettotillväxt,Nya följare,Tappade följare\n2026-05-01,1200,900,30,80,5,2,7,9,2\n"
    ).encode()
    [rep] = import_files(db_path, [("Overview.csv", data)], channel="tt")
    assert rep.status == "loaded" and rep.format_label == "TikTok Studio · daily channel totals"
    assert rows(
        db_path,
        "SELECT views, unique_viewers, profile_views, likes, comments, shares, followers_net, "
        "followers_gained, followers_lost FROM channel_daily",
    ) == [(1200, 900, 30, 80, 5, 2, 7, 9, 2)]


def test_older_content_layout_without_snapshot_day(db_path: Path) -> None:
    data = (
        b'"Video title","Video link","Post time","Total likes","Total comments","Total shares","Total views",'
        b'"Total play time","Average watch time","Watched full video","Add to favorites"\n'
        b'"Soup","https://www.tiktok.com/@k/video/7400000000000000009","May 2","10","1","0","500","9h","6.5",'
        b'"12.5%","3"\n'
    )
    [rep] = import_files(db_path, [("Content.csv", data)], options=_opts(dt.date(2026, 5, 10)))
    assert rep.status == "loaded", rep.error
    assert (
        "column 'Total play time' is not stored" in rep.notes
    )  # its unit is not known: never guessed
    assert rows(
        db_path,
        "SELECT v.published_date, t.as_of, t.views, t.avg_view_duration_s, t.completion_rate, "
        "t.saves FROM videos v JOIN video_totals t USING (channel_id, video_id)",
    ) == [(dt.date(2026, 5, 2), dt.date(2026, 5, 10), 500, 6.5, 0.125, 3)]


@pytest.mark.parametrize("order", ["studio_first", "douyin_first"])
def test_a_period_is_never_lent_across_platforms(db_path: Path, order: str) -> None:
    # a Studio daily file (C17, 2025-01-01 .. 01-03) and a Douyin works list (C12, no period)
    # dropped together: the list is not part of that download, so it is dated as a list
    # without a period (and says so), never by the Studio file's days
    from tests.conftest import REPO as repo

    cases = repo / "tests" / "data" / "cases"
    studio = ("studio.csv", (cases / "C17" / "input.csv").read_bytes())
    douyin = ("douyin.csv", (cases / "C12" / "input.csv").read_bytes())
    files = [studio, douyin] if order == "studio_first" else [douyin, studio]
    # no channel named: each lands in its platform's channel (one channel refuses two platforms)
    reps = {r.file_name: r for r in import_files(db_path, files)}
    assert reps["studio.csv"].status == reps["douyin.csv"].status == "loaded"
    assert reps["studio.csv"].format_label.startswith("YouTube")
    assert reps["douyin.csv"].format_label.startswith("Douyin")
    notes = " ".join(reps["douyin.csv"].notes)
    assert "beside it" not in notes
    assert "does not say which day or period it covers" in notes
    assert reps["douyin.csv"].period_start is None
    assert rows(db_path, "SELECT count(*) FROM video_totals WHERE period_start IS NOT NULL") == [
        (0,)
    ]
