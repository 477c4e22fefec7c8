"""Read queries behind the Overview, Import and Videos pages, on a hand-made store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analytics.store import queries as q
from analytics.store.connection import connect
from tests.dashboard_store import build_store

JAN = dt.date(2025, 1, 1)


def d(day: int) -> dt.date:
    return dt.date(2025, 1, day)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("queries") / "s.duckdb")


def test_empty_store_reads_as_empty(db_path: Path) -> None:
    path = str(db_path)
    assert q.data_version(path) == 0
    assert q.list_channels(path).empty
    assert q.date_bounds(path) == (None, None)
    assert q.daily_views(path).empty
    kpis = q.kpi_comparison(path, None, d(1), d(7))
    assert (
        kpis.current.views,
        kpis.current.followers_net,
        kpis.current.engagement_rate,
        kpis.current.videos_published,
    ) == (None, None, None, 0)
    assert q.video_table(path).empty
    assert q.list_imports(path).empty


def test_channels_bounds_and_counts(store: str) -> None:
    channels = q.list_channels(store)
    assert channels[["channel_id", "platform", "display_name", "time_zone"]].values.tolist() == [
        ["yt1", "youtube", "Cooking Lab", "Europe/Berlin"],
        ["tt1", "tiktok", "Dance Daily", "Asia/Shanghai"],
    ]
    assert q.date_bounds(store) == (d(1), d(28))
    assert q.date_bounds(store, "tt1") == (d(15), d(28))
    assert q.date_bounds(store, "nope") == (None, None)
    assert q.data_version(store) == 1
    counts = q.table_counts(store)
    assert (counts["channel_daily"], counts["video_daily"], counts["videos"]) == (28, 45, 7)


def test_daily_views_prefers_channel_daily_and_falls_back_to_video_daily(store: str) -> None:
    # yt1 has channel_daily (its video_daily rows must not be added on top).
    yt = q.daily_views(store, "yt1", d(13), d(16))
    assert yt["views"].tolist() == [100, 100, 200, 200]
    # tt1 has no channel_daily: the sum of its videos' daily views.
    tt = q.daily_views(store, "tt1", d(20), d(21))
    assert tt["views"].tolist() == [300, 400]
    both = q.daily_views(store, None, d(21), d(21))
    assert both["views"].tolist() == [600]
    assert both["date"].dt.date.tolist() == [d(21)]
    assert q.daily_views(store, "yt1")["views"].sum() == 14 * 100 + 14 * 200


def test_followers_series(store: str) -> None:
    yt = q.followers_series(store, "yt1", d(14), d(15))
    assert yt["followers_net"].tolist() == [2, 3]
    assert yt["followers_total"].tolist() == [1028, 1031]
    tt = q.followers_series(store, "tt1", d(15), d(16))
    assert tt["followers_net"].tolist() == [1, 1]
    assert tt["followers_total"].isna().all()  # tiktok reported no total
    both = q.followers_series(store, None, d(15), d(15))
    assert both["followers_net"].tolist() == [4]
    assert pd.isna(both["followers_total"].iloc[0])  # not every channel has a total


def test_followers_net_derived_from_totals(tmp_path: Path) -> None:
    path = str(tmp_path / "s.duckdb")
    with connect(path) as con:
        con.execute("INSERT INTO channels (channel_id, platform) VALUES ('c', 'tiktok')")
        con.execute(
            "INSERT INTO channel_daily (channel_id, date, followers_total) VALUES "
            "('c', DATE '2025-01-01', 100), ('c', DATE '2025-01-02', 110), ('c', DATE '2025-01-04', 130)"
        )
    df = q.followers_series(path, "c", d(2), d(4))
    # 01-02: 110 - 100; 01-04 follows a missing day, so its change is unknown.
    assert df["followers_net"].tolist()[0] == 10
    assert pd.isna(df["followers_net"].iloc[1])
    assert df["followers_total"].tolist() == [110, 130]


def test_previous_period_has_equal_length() -> None:
    assert q.previous_period(d(15), d(28)) == (d(1), d(14))
    assert q.previous_period(d(10), d(10)) == (d(9), d(9))


def test_kpi_comparison_one_channel(store: str) -> None:
    kpis = q.kpi_comparison(store, "yt1", d(15), d(28))
    cur, prev = kpis.current, kpis.previous
    assert (cur.start, cur.end, prev.start, prev.end) == (d(15), d(28), d(1), d(14))
    assert (cur.views, prev.views) == (2800, 1400)
    assert (cur.followers_net, prev.followers_net) == (42, 28)
    # v1: 14 days x 50 views, 7 interactions; v4: 9 days x 100 views, 10 likes.
    assert cur.engagement_rate == pytest.approx((14 * 7 + 9 * 10) / (14 * 50 + 9 * 100))
    assert cur.engagement_basis == "daily"
    # No daily interactions before 01-15: lifetime totals of v1 and v2 (published then).
    assert prev.engagement_rate == pytest.approx((300 + 48) / (5000 + 1000))
    assert prev.engagement_basis == "published videos"
    assert (cur.videos_published, prev.videos_published) == (3, 2)


def test_kpi_comparison_all_channels_and_time_zone(store: str) -> None:
    cur = q.kpi_comparison(store, None, d(15), d(28)).current
    assert cur.views == 2800 + 14 * 300 + 8 * 100
    assert cur.followers_net == 42 + 14
    assert cur.engagement_rate == pytest.approx((98 + 90 + 14 * 40 + 8 * 10) / (1600 + 4200 + 800))
    # t1 was published 2025-01-14 20:00 UTC = 2025-01-15 in Shanghai: inside the period.
    assert cur.videos_published == 5
    tt_prev = q.kpi_comparison(store, "tt1", d(15), d(28)).previous
    assert tt_prev.videos_published == 0
    assert (tt_prev.engagement_rate, tt_prev.engagement_basis) == (None, None)
    both_prev = q.kpi_comparison(store, None, d(15), d(28)).previous
    assert both_prev.engagement_basis == "published videos"


def test_top_videos_rank_by_views_in_period(store: str) -> None:
    top = q.top_videos(store, None, d(15), d(28), limit=5)
    assert top["video_id"].tolist() == ["t1", "v4", "t2", "v1", "v3"]
    assert top["views_in_period"].tolist()[:4] == [4200, 900, 800, 700]
    assert top["lifetime_views"].tolist() == [4200, 1100, 800, 5000, 900]
    assert len(q.top_videos(store, "yt1", d(15), d(28), limit=2)) == 2


def test_video_table_lifetime_views_and_filters(store: str) -> None:
    table = q.video_table(store)
    views = dict(zip(table["video_id"], table["views"], strict=False))
    # v1: the latest totals row (as of 01-28) wins over the older 4000.
    assert views == {
        "v1": 5000,
        "t1": 4200,
        "v4": 1100,
        "v2": 1000,
        "v3": 900,
        "t2": 800,
        "v5": 200,
    }
    row = table.set_index("video_id").loc["v1"]
    assert row["views_source"] == "totals"
    assert row["engagement_rate"] == pytest.approx((250 + 30 + 10 + 10) / 5000)
    assert table.set_index("video_id").loc["t1", "views_source"] == "daily"
    assert table.set_index("video_id").loc["t1", "engagement_rate"] == pytest.approx(560 / 4200)
    assert q.video_table(store, "yt1", title_contains="PASTA")["video_id"].tolist() == ["v2"]
    assert q.video_table(store, title_contains="<b>")["video_id"].tolist() == ["v3"]
    assert q.video_table(store, content_type="short")["video_id"].tolist() == ["t1", "t2"]
    pub = q.video_table(store, published_from=d(15), published_to=d(21))
    assert sorted(pub["video_id"]) == ["t1", "t2", "v3", "v4"]
    assert list(table.set_index("video_id").loc["v1", "tags"]) == ["cooking"]


def test_video_daily_curve(store: str) -> None:
    curve = q.video_daily_curve(store, "tt1", "t1")
    assert len(curve) == 14
    assert curve["day"].tolist()[:2] == [0, 1]  # local publish day is 2025-01-15
    assert curve["cumulative_views"].tolist()[-1] == 4200
    assert q.video_daily_curve(store, "yt1", "v2").empty


def test_video_outliers_against_channel_median(store: str) -> None:
    out = q.video_outliers(store).set_index("video_id")
    assert out.loc["v1", "channel_median"] == 1000
    assert out.loc["v1", "ratio"] == pytest.approx(5.0)
    assert out.loc["t1", "channel_median"] == 2500  # tiktok median of 4200 and 800
    flags = out["flag"].dropna().to_dict()
    # tt1 has 2 videos: its median says little, so 800 vs 2,500 (0.32x) is not flagged
    assert out.loc["t2", "ratio"] == pytest.approx(0.32)
    assert flags == {"v1": "above", "v5": "below"}
    assert q.OUTLIER_MIN_VIDEOS == 5 and (out["channel_id"] == "yt1").sum() == 5
    only_yt = q.video_outliers(store, "yt1", high=1.05)
    assert only_yt.dropna(subset=["flag"])["video_id"].tolist() == ["v1", "v4", "v5"]


def test_imports_and_rejects(store: str) -> None:
    imports = q.list_imports(store)
    assert imports["import_id"].tolist() == [2, 1]
    assert imports["status"].tolist() == ["failed", "loaded"]
    assert imports.set_index("import_id").loc[1, "rows_rejected"] == 2
    assert imports.set_index("import_id").loc[2, "error"] == "unknown layout"
    rejects = q.import_rejects(store, 1)
    assert rejects.to_dict("records") == [
        {"line": 12, "column": "Date", "value": "2025-13-01", "reason": "not a date"},
        {"line": 31, "column": "Views", "value": "n/a", "reason": "not a number"},
    ]
    assert q.import_rejects(store, 99).empty
