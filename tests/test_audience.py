"""Audience and Traffic: breakdown tables, traffic detail, follower hours, funnel, band, map.

The store is filled by importing made-up exports in the real layouts
(``tests/breakdown_exports.py``), so the tests see what the importer lands.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from analytics.export_csv import safe_csv
from analytics.growth import breakdowns as B
from analytics.growth import funnel as F
from analytics.present import audience_charts as charts
from analytics.present.audience_labels import iso3, key_label
from analytics.services import audience
from analytics.store import breakdown_queries as Q
from tests.breakdown_exports import (
    BL_CHANNEL,
    DY_CHANNEL,
    TT_CHANNEL,
    YT_CHANNEL,
    build_breakdown_store,
)
from tests.conftest import REPO


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("breakdowns")
    path = folder / "store.duckdb"
    build_breakdown_store(path, folder / "files")
    return str(path)


def test_studio_period_tables_land_with_their_period_and_file(store: str) -> None:
    geo = audience.breakdown_table(store, YT_CHANNEL, "geography")
    assert geo is not None
    assert list(geo.rows["key"]) == ["US", "DE", "IN", "GB", "NA"]  # NA is Namibia, not missing
    assert list(geo.rows["value"]) == [4000, 2500, 2000, 700, 300]
    assert geo.value_column == "views"
    assert (geo.period_start, geo.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 1, 28))
    assert geo.files == ("Geography 2025-01-01_2025-01-28 Cooking Lab/Table data.csv",)
    assert geo.rows["share_of_total"].iloc[0] == pytest.approx(4000 / 9500)


def test_privacy_thresholded_groups_are_not_enough_data_not_zero(store: str) -> None:
    age = audience.breakdown_table(store, YT_CHANNEL, "viewer_age")
    assert age is not None and age.value_column == "share"
    by_key = age.rows.set_index("key")
    assert bool(by_key.loc["age13-17", "not_enough_data"])
    assert pd.isna(by_key.loc["age13-17", "value"])
    assert by_key.loc["age25-34", "value"] == pytest.approx(0.41)
    gender = audience.breakdown_table(store, YT_CHANNEL, "viewer_gender")
    assert gender is not None
    assert list(gender.rows["key"]) == ["Male", "Female", "User-specified"]
    assert list(gender.rows["not_enough_data"]) == [False, False, True]
    assert charts.value_text(None, "share", "zh") == "数据不足"
    assert charts.value_text(float("nan"), "views", "en") == "not enough data"


def test_traffic_sources_and_their_detail_reports(store: str) -> None:
    tables = audience.traffic_tables(store, YT_CHANNEL)
    # the Sharing service report imports too (it was refused as an unknown layout before)
    assert set(tables) == {"sources", "search_term", "external_site", "sharing_service"}
    sources = tables["sources"]
    assert list(sources.rows["key"]) == [
        "Browse features",
        "YouTube search",
        "Suggested videos",
        "External",
        "Direct or unknown",
    ]
    assert list(sources.rows["value"]) == [6200, 1800, 1200, 500, 300]
    assert list(tables["search_term"].rows["key"])[:2] == ["knife skills", "how to make pasta"]
    assert list(tables["external_site"].rows["value"]) == [320, 180]
    # The daily chart: two sources, 28 days, Browse features 200..227 views.
    daily = audience.breakdown_daily(store, YT_CHANNEL, "traffic_source")
    assert len(daily) == 56
    browse = daily[daily["key"] == "Browse features"]["value"]
    assert browse.sum() == sum(range(200, 228))


def test_search_terms_csv_is_formula_escaped(store: str) -> None:
    terms = audience.traffic_tables(store, YT_CHANNEL)["search_term"]
    text = safe_csv(terms.rows[["key", "value"]]).decode("utf-8-sig")
    assert "'=cmd|" in text
    assert "\r\n=cmd" not in text


def test_breakdown_context_names_the_top_traffic_source(store: str) -> None:
    facts = {f.dimension: f for f in audience.breakdown_context(store, YT_CHANNEL)}
    browse = facts["traffic_source"]
    assert (browse.key, round(browse.share, 2), browse.metric) == ("Browse features", 0.62, "views")
    assert facts["device_type"].key == "Mobile phone"
    assert facts["device_type"].share == pytest.approx(0.61)
    assert "hour_of_day" not in facts


def test_tiktok_follower_files(store: str) -> None:
    gender = audience.breakdown_table(store, TT_CHANNEL, "gender")
    assert gender is not None
    assert list(gender.rows["value"]) == pytest.approx([0.62, 0.36, 0.02])
    assert gender.period_start == gender.period_end  # a snapshot: the export day
    territories = audience.breakdown_table(store, TT_CHANNEL, "geography")
    assert territories is not None
    assert list(territories.rows["key"]) == ["US", "GB", "Others", "CA"]
    viewers = audience.viewer_types(store, TT_CHANNEL)
    assert len(viewers) == 28
    assert int(viewers["new_viewers"].sum()) == sum(300 + d for d in range(1, 29))


def test_follower_hours_are_shown_in_the_channel_time_zone() -> None:
    rows = pd.DataFrame(
        {
            "key": ["18", "23"],
            "period_start": pd.to_datetime(["2025-01-22", "2025-01-22"]),  # a Wednesday
            "followers_total": [100, 40],
        }
    )
    heat = B.activity_heatmap(rows, "Asia/Shanghai")  # UTC+8
    got = {(int(r.weekday), int(r.hour)): r.active for r in heat.itertuples()}
    assert got == {(3, 2): 100.0, (3, 7): 40.0}  # Thursday 02:00 and 07:00 in Shanghai
    same = B.activity_heatmap(rows, "UTC")
    assert {(int(r.weekday), int(r.hour)) for r in same.itertuples()} == {(2, 18), (2, 23)}


def test_follower_activity_from_the_tiktok_zip(store: str) -> None:
    heat, files = audience.follower_activity(store, TT_CHANNEL)
    assert files == ("Followers_kitchenlab.zip/FollowerActivity.csv",)
    # 7 days x 24 hours, one day each weekday; London is UTC in January.
    assert len(heat) == 7 * 24
    evening = heat[(heat["hour"] == 20)]["active"]
    assert set(evening) == {40.0 + 20 * 3}


def test_funnel_of_the_channel_and_one_video(store: str) -> None:
    whole = audience.channel_funnel(store, YT_CHANNEL).set_index("step")
    assert whole.loc["impressions", "value"] == 120_000
    assert whole.loc["views", "value"] == 10_000
    # Impressions-weighted CTR: (50000*.06 + 30000*.045 + 25000*.04 + 15000*.04) / 120000
    assert whole.loc["impressions_ctr", "value"] == pytest.approx(5950 / 120_000)
    assert whole.loc["likes", "per_view"] == pytest.approx(520 / 10_000)
    knife = audience.video_funnel(store, YT_CHANNEL, "vidKnife001").set_index("step")
    assert knife.loc["impressions", "position"] == "above"
    assert knife.loc["avg_view_pct", "position"] == "typical"
    bread = audience.video_funnel(store, YT_CHANNEL, "-vidBread04").set_index("step")
    assert bread.loc["avg_view_pct", "position"] == "below"  # 30% against 40.5..44.7%


def test_chinese_platform_metrics_reach_the_funnel(store: str) -> None:
    douyin = audience.funnel_videos(store, DY_CHANNEL)
    assert set(douyin["title"]) == {"番茄炒蛋", "周末早餐合集"}
    steps = set(F.step_values(douyin).columns)
    assert {"completion_rate", "bounce_rate_2s", "saves"} <= steps
    bili = audience.funnel_videos(store, BL_CHANNEL)
    assert int(bili["danmaku"].sum()) == 3
    lower = F.video_funnel(
        pd.DataFrame(
            {
                "video_id": list("abcd"),
                "views": [100] * 4,
                "bounce_rate_2s": [0.2, 0.3, 0.4, 0.9],
            }
        ),
        "d",
    )
    assert lower.set_index("step").loc["bounce_rate_2s", "position"] == "below"


def test_performance_band_and_fast_start(store: str) -> None:
    band = audience.performance_band(store, YT_CHANNEL)
    bread = band[(band["title"] == "Bread")].set_index("age")
    assert bread.loc[1, "views"] == 900
    # Earlier videos' day-1 views: 200, 150, 100 -> middle half 125..175.
    assert (bread.loc[1, "low"], bread.loc[1, "high"]) == (125.0, 175.0)
    assert bread.loc[7, "views"] == 900 + 300 + 200 + 100 + 60 + 50 + 40
    assert pd.isna(bread.loc[28, "views"])  # 9 days old at the end of the export
    assert bool(bread.loc[1, "fast_start"])
    assert not band[band["title"] != "Bread"]["fast_start"].any()
    assert audience.band_files(store, YT_CHANNEL) == (
        "Content 2025-01-01_2025-01-28 Cooking Lab/Chart data.csv",
    )


def test_views_at_ages_needs_every_day_covered() -> None:
    daily = pd.DataFrame(
        {
            "video_id": ["a"] * 3,
            "title": ["A"] * 3,
            "published_date": [dt.date(2025, 1, 2)] * 3,
            "date": pd.to_datetime(["2025-01-03", "2025-01-04", "2025-01-05"]),  # day 1 missing
            "views": [5, 6, 7],
        }
    )
    at = F.views_at_ages(daily)
    assert pd.isna(at.loc[0, "day_1"]) and pd.isna(at.loc[0, "day_7"])


def test_labels_in_both_languages() -> None:
    assert key_label("geography", "US", "zh") == "美国"
    assert key_label("geography", "NA", "en") == "Namibia"
    assert key_label("viewer_age", "age18-24", "zh") == "18–24 岁"
    assert key_label("viewer_age", "age65-", "en") == "65+ years"
    assert key_label("traffic_source", "Browse features", "zh") == "浏览功能"
    assert key_label("traffic_source", "knife skills", "zh") == "knife skills"
    assert key_label("subtitles", "", "zh") == "无 / 未知"
    assert (iso3("us"), iso3("NA"), iso3("XK"), iso3("Others")) == ("USA", "NAM", "XKX", None)


def test_world_map_uses_the_shipped_shapes_and_no_cdn(store: str) -> None:
    table = audience.breakdown_table(store, YT_CHANNEL, "geography")
    assert table is not None
    fig = charts.world_map(table, "zh")
    trace = fig.data[0]
    assert list(trace.locations) == ["USA", "DEU", "IND", "GBR", "NAM"]
    assert list(trace.z) == [4000, 2500, 2000, 700, 300]
    spec = fig.to_json()
    assert "cdn.plot.ly" not in spec and "http" not in spec
    assert charts.MAP_CONFIG["topojsonURL"] == "app/static/"
    shapes = json.loads((REPO / "static" / "world_110m.json").read_text(encoding="utf-8"))
    ids = {g.get("id") for g in shapes["objects"]["countries"]["geometries"]}
    assert {"USA", "DEU", "IND", "GBR", "NAM", "CHN", "BRA"} <= ids
    config = (REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "enableStaticServing = true" in config


def test_other_dimensions_get_a_generic_table(store: str, tmp_path: Path) -> None:
    assert audience.other_dimensions(store, YT_CHANNEL) == []
    rows = Q.breakdown_rows(store, YT_CHANNEL, "no_such_dimension")
    assert rows.empty and B.period_table(rows) is None


def test_dimensions_named_by_the_importer_get_their_sections(store: str, tmp_path: Path) -> None:
    """Rows stored under the importer's other names: details, cities, sharing, blank keys."""
    import shutil

    from analytics.store.connection import connect

    path = tmp_path / "copy.duckdb"
    shutil.copy(store, path)
    with connect(path) as con:
        con.execute(
            "INSERT INTO channel_breakdown (channel_id, dimension, key, period_start, period_end, "
            "views, shares, import_id) VALUES "
            "(?, 'traffic_source_detail', 'YT_SEARCH.bread recipe', '2025-01-01', '2025-01-28', 70, NULL, 9),"
            "(?, 'traffic_source_detail', 'Some playlist', '2025-01-01', '2025-01-28', 20, NULL, 9),"
            "(?, 'sharing_service', 'WhatsApp', '2025-01-01', '2025-01-28', NULL, 70, 9),"
            "(?, 'subtitles', '(none)', '2025-01-01', '2025-01-28', 40, NULL, 9)",
            [YT_CHANNEL] * 4,
        )
    tables = audience.traffic_tables(str(path), YT_CHANNEL)
    assert list(tables["search_term"].rows["key"])[:2] == ["knife skills", "how to make pasta"]
    assert "bread recipe" in set(tables["search_term"].rows["key"])
    assert list(tables["traffic_source_detail"].rows["key"]) == ["Some playlist"]
    sharing = tables["sharing_service"]
    # the imported Sharing service report's rows, the WhatsApp row inserted above on top
    assert (sharing.value_column, list(sharing.rows["value"])) == ("shares", [70.0, 35.0, 15.0])
    assert audience.other_dimensions(str(path), YT_CHANNEL) == ["subtitles"]
    subtitles = audience.breakdown_table(str(path), YT_CHANNEL, "subtitles")
    assert subtitles is not None
    assert key_label("subtitles", subtitles.rows["key"].iloc[0], "zh") == "无 / 未知"


def test_breakdown_context_as_a_sentence(store: str) -> None:
    from analytics.present.audience_labels import context_text

    facts = {f.dimension: f for f in audience.breakdown_context(store, YT_CHANNEL)}
    assert (
        context_text(facts["traffic_source"], "en")
        == "62.0% of your views come from Browse features"
    )
    assert context_text(facts["traffic_source"], "zh") == "62.0% 的播放来自浏览功能"
    assert context_text(facts["device_type"], "zh") == "设备类型：手机 占 61.0%"


def test_breakdown_rows_of_matches_one_dimension_at_a_time(tmp_path) -> None:
    """The one-query read of several dimensions gives each dimension's rows as the single read does."""
    from analytics.store import breakdown_queries as Q
    from tests.breakdown_exports import build_breakdown_store
    from tests.helpers import rows

    db = str(tmp_path / "s.duckdb")
    build_breakdown_store(db, tmp_path / "exports")
    pairs = rows(
        db, "SELECT channel_id, list(DISTINCT dimension) FROM channel_breakdown GROUP BY 1"
    )
    assert len(pairs) >= 2, "the exports hold breakdowns of several channels"
    for channel, dims in pairs:
        asked = sorted(dims) + ["no_such_dimension"]
        many = Q.breakdown_rows_of(db, channel, asked)
        assert list(many) == asked and many["no_such_dimension"].empty
        for dim in dims:
            one = Q.breakdown_rows(db, channel, dim)
            assert len(one) > 0
            pd.testing.assert_frame_equal(many[dim], one, check_dtype=False)
