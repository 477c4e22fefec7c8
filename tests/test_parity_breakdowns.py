"""Age x gender, traffic per video, suggested videos by title, revenue over time, Babel ticks.

On the made-up Studio exports of ``tests/parity_exports.py`` (real layouts,
made-up numbers) imported through the importer, and on the real CodingTrain
geography export (skipped when ``../shared/realdata`` is absent).
"""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analytics.ingest import ImportOptions
from analytics.present import audience_charts, breakdown_charts
from analytics.present.audience_labels import row_labels
from analytics.present.count_ticks import count_axis, money_text
from analytics.services import audience
from analytics.services.imports import import_files
from tests.breakdown_exports import YT_CHANNEL
from tests.parity_exports import REGULAR, REVENUE, VIEWS, build_parity_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("parity")
    path = folder / "store.duckdb"
    reports = build_parity_store(path, folder / "files")
    assert all(r.status == "loaded" for r in reports["more"]), reports["more"]
    return str(path)


def channel_of(store: str, name: str = YT_CHANNEL) -> str:
    with duckdb.connect(store, read_only=True) as con:
        row = con.execute("SELECT channel_id FROM channels WHERE display_name = ?", [name])
        return str(row.fetchone()[0])  # type: ignore[index]


def test_age_gender_lands_as_one_combined_breakdown(store: str) -> None:
    ch = channel_of(store)
    with duckdb.connect(store, read_only=True) as con:
        rows = con.execute(
            "SELECT key, share FROM channel_breakdown WHERE channel_id = ? "
            "AND dimension = 'viewer_age_gender' ORDER BY key",
            [ch],
        ).fetchall()
    assert len(rows) == 13
    shares = dict(rows)
    assert shares["age25-34|Male"] == pytest.approx(0.255)
    assert shares["age13-17|Female"] is None  # below the privacy threshold: NULL, not 0
    assert shares["age18-24|User-specified"] is None


def test_age_gender_grid_keeps_blank_groups_apart(store: str) -> None:
    found = audience.age_gender(store, channel_of(store))
    assert found is not None
    grid, long, table = found
    assert list(grid.index) == [
        "age13-17",
        "age18-24",
        "age25-34",
        "age35-44",
        "age45-54",
        "age65-",
    ]
    assert list(grid.columns) == ["Female", "Male", "User-specified"]
    assert grid.loc["age25-34", "Female"] == pytest.approx(0.155)
    assert math.isnan(grid.loc["age13-17", "Male"]) and math.isnan(grid.loc["age65-", "Female"])
    assert grid["Female"].sum() == pytest.approx(0.385) and grid["Male"].sum() == pytest.approx(
        0.615
    )
    # 5 rows left blank + 5 combinations the export does not list (User-specified at 13-17...)
    assert int(long["not_enough_data"].sum()) == 10
    row = long[(long["age"] == "age18-24") & (long["gender"] == "Male")].iloc[0]
    assert row["avg_view_duration_s"] == 125.0 and row["avg_view_pct"] == pytest.approx(0.346)
    assert table.files == (
        "Viewer age and gender 2025-01-01_2025-01-28 Cooking Lab/Table data.csv",
    )
    fig = breakdown_charts.age_gender_heatmap(grid, "zh")
    cells = [c for r in fig.data[0].text for c in r]
    assert cells.count("数据不足") == 10 and "25.5%" in cells
    assert "25–34 岁" in fig.data[0].y and "男性" in fig.data[0].x


@pytest.mark.parametrize("first", ["Viewer gender,Viewer age", "Viewer age,Viewer gender"])
def test_age_gender_either_column_order_gives_the_same_keys(tmp_path: Path, first: str) -> None:
    a, b = first.split(",")
    flip = first.startswith("Viewer gender")
    rows = [("age18-24", "Female", "40"), ("age18-24", "Male", "60"), ("age65-", "Male", "")]
    lines = [f"{first},Views (%)", "Total,,100"]
    lines += [f"{g},{age},{v}" if flip else f"{age},{g},{v}" for age, g, v in rows]
    f = tmp_path / "Table data.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    (report,) = import_files(db, [f], channel="c", options=ImportOptions(export_date=None))
    assert report.status == "loaded", report
    with duckdb.connect(db, read_only=True) as con:
        got = con.execute(
            "SELECT dimension, key, share FROM channel_breakdown ORDER BY key"
        ).fetchall()
    assert got == [
        ("viewer_age_gender", "age18-24|Female", 0.4),
        ("viewer_age_gender", "age18-24|Male", 0.6),
        ("viewer_age_gender", "age65-|Male", None),
    ]
    del a, b


def test_traffic_sources_per_video(store: str) -> None:
    ch = channel_of(store)
    assert audience.video_dimensions(store, ch) == ["video_traffic_source"]
    tables, mix, titles = audience.video_breakdown(store, ch, "video_traffic_source")
    # Newest video first; the id Studio wrote with a leading space is the stored id.
    assert list(tables) == ["-vidBread04", "vidPasta002", "vidKnife001"]
    assert titles["-vidBread04"] == "Bread"
    knife = tables["vidKnife001"].rows.set_index("key")
    assert knife.loc["YouTube search", "views"] == 2600
    assert knife.loc["YouTube search", "share_of_total"] == pytest.approx(0.52)
    assert knife.loc["Browse features", "impressions_ctr"] == pytest.approx(0.049)
    assert mix.loc["-vidBread04", "Browse features"] == pytest.approx(0.9)
    assert mix.loc["vidKnife001", "__total__"] == 5000
    # The video's own totals stay as the Content table gave them.
    with duckdb.connect(store, read_only=True) as con:
        views = con.execute(
            "SELECT views FROM video_totals WHERE channel_id = ? AND video_id = 'vidKnife001'",
            [ch],
        ).fetchall()
    assert views == [(5000,)]
    # The per-video split is not an audience breakdown.
    assert "video_traffic_source" not in audience.other_dimensions(store, ch)


def test_suggested_videos_named_by_title(store: str) -> None:
    table = audience.traffic_tables(store, channel_of(store))["suggested_video"]
    rows = table.rows.set_index("key")
    assert rows.loc["vidPasta002", "title"] == "Pasta basics"
    assert rows.loc["vidPasta002", "views"] == 700
    labels = row_labels("suggested_video", table.rows, "en")
    assert labels == ["Pasta basics", "A video not in your archive (zzOther0001)"]
    assert row_labels("suggested_video", table.rows, "zh")[1] == "不在存档中的视频（zzOther0001）"
    fig = audience_charts.bar_breakdown(table, "suggested_video", "en")
    assert "vidPasta002" not in list(fig.data[0].y)


def test_revenue_and_rpm_over_time(store: str) -> None:
    daily, monthly, files = audience.revenue_over_time(store, channel_of(store))
    assert len(daily) == 28 and set(daily["currency"]) == {"USD"}
    assert daily["revenue"].sum() == pytest.approx(sum(REVENUE)) == pytest.approx(150.5)
    assert daily["rpm"].iloc[0] == pytest.approx(2.0 / 300 * 1000)
    assert monthly.to_dict("records")[0] == {
        "month": "2025-01",
        "currency": "USD",
        "revenue": pytest.approx(150.5),
        "views": sum(VIEWS),
        "rpm": pytest.approx(150.5 / 12180 * 1000),
        "days": 28,
    }
    assert files == ("Revenue 2025-01-01_2025-01-28 Cooking Lab/Totals.csv",)
    fig = breakdown_charts.revenue_chart(daily, "USD", "zh")
    assert fig.layout.yaxis.ticktext[-1].startswith("US$")


def test_revenue_in_another_currency_keeps_it(tmp_path: Path) -> None:
    f = tmp_path / "Totals.csv"
    f.write_text(
        "Date,Estimated revenue (EUR)\n2025-03-01,1.5\n2025-03-02,\n2025-03-03,2.25\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.duckdb")
    (report,) = import_files(db, [f], channel="eu", options=ImportOptions())
    assert report.status == "loaded"
    daily, monthly, _ = audience.revenue_over_time(db, channel_of(db, "eu"))
    assert list(daily["revenue"]) == [1.5, 2.25]  # the blank day is missing, not 0
    assert set(daily["currency"]) == {"EUR"} and daily["rpm"].isna().all()
    assert math.isnan(monthly["rpm"].iloc[0])  # no views exported: no RPM made up


def test_ticks_are_written_through_babel() -> None:
    zh = count_axis([0, 23_456, 61_000], "zh")
    assert zh["ticktext"] == ["0", "2万", "4万", "6万"]
    assert count_axis([0, 61_000], "en")["ticktext"] == ["0", "20,000", "40,000", "60,000"]
    assert count_axis([0, 0.41], "en", share=True)["ticktext"][-1] == "40%"
    assert money_text(123_456, "USD", "zh") == "US$12.3万"
    assert money_text(1234.5, "USD", "en") == "$1,234.50"


def test_world_map_colour_bar_in_wan_on_real_geography(realdata: Path, tmp_path: Path) -> None:
    ct = realdata / "youtube-studio-codingtrain-2021"
    db = str(tmp_path / "real.duckdb")
    import_files(db, [ct / "Table data.csv"], channel="codingtrain", options=ImportOptions())
    table = audience.breakdown_table(db, channel_of(db, "codingtrain"), "geography")
    assert table is not None and len(table.rows) == 201
    zh = audience_charts.world_map(table, "zh").data[0].colorbar
    assert list(zh.ticktext) == ["0", "100万", "200万"]
    en = audience_charts.world_map(table, "en").data[0].colorbar
    assert list(en.ticktext) == ["0", "1M", "2M"]
    assert not any("k" in str(t) for t in [*zh.ticktext, *en.ticktext])


def test_rates_chart_on_chinese_platform(tmp_path: Path) -> None:
    videos = pd.DataFrame(
        {
            "title": ["番茄炒蛋", "早餐"],
            "published_date": pd.to_datetime(["2025-01-03", "2025-01-01"]).date,
            "completion_rate": [0.366807, 0.126646],
            "bounce_rate_2s": [0.42553, 0.4398],
        }
    )
    fig = breakdown_charts.rates_chart(
        videos, {"completion_rate": "完播率", "bounce_rate_2s": "2秒跳出率"}, "zh"
    )
    assert [tr.name for tr in fig.data] == ["完播率", "2秒跳出率"]
    assert fig.data[0].hovertext[1] == "番茄炒蛋: 36.7%"  # sorted by publish day
    assert fig.layout.yaxis.ticktext[-1].endswith("%")


def test_casual_and_regular_viewers_land_and_name_their_exports(store: str) -> None:
    ch = channel_of(store)
    frame = audience.viewer_types(store, ch)
    assert len(frame) == 28
    assert list(frame["casual_viewers"].head(3)) == [80, 81, 82]
    assert list(frame["regular_viewers"]) == REGULAR
    assert list(frame["new_viewers"].head(2)) == [300, 301]
    assert audience.viewer_files(store, ch, "casual_regular") == (
        "Date 2 2025-01-01_2025-01-28 Cooking Lab/Totals.csv",
        "Regular viewers 2025-01-01_2025-01-28 Cooking Lab/Totals.csv",
    )
    assert audience.viewer_files(store, ch, "new_returning") == (
        "Date 0 2025-01-01_2025-01-28 Cooking Lab/Totals.csv",
        "Date 1 2025-01-01_2025-01-28 Cooking Lab/Totals.csv",
    )


def test_casual_regular_per_video_from_a_content_table(tmp_path: Path) -> None:
    f = tmp_path / "Table data.csv"
    f.write_text(
        "Content,Video title,Video publish time,Duration,New viewers,Returning viewers,"
        "Casual viewers,Regular viewers,Views\n"
        "Total,,,,500,120,90,30,900\n"
        'vidAAAAAAA1,One,"Jan 2, 2025",60,300,70,50,20,500\n'
        'vidAAAAAAA2,Two,"Jan 9, 2025",60,200,50,40,,400\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "s.duckdb")
    (report,) = import_files(db, [f], channel="yt", options=ImportOptions())
    assert report.status == "loaded", report
    with duckdb.connect(db, read_only=True) as con:
        got = con.execute(
            "SELECT video_id, casual_viewers, regular_viewers FROM video_totals ORDER BY 1"
        ).fetchall()
    assert got == [("vidAAAAAAA1", 50, 20), ("vidAAAAAAA2", 40, None)]


def test_strategy_cards_quote_where_viewers_are_and_how_they_find_videos(store: str) -> None:
    from analytics.services.strategy import with_context
    from analytics.strategy import Card, Evidence, StrategyResult, render_card

    facts = {f.dimension: f for f in audience.breakdown_context(store, channel_of(store))}
    assert facts["traffic_source"].key == "Browse features"
    assert facts["traffic_source"].share == pytest.approx(0.62)
    assert facts["geography"].key == "US" and facts["geography"].share == pytest.approx(4000 / 9500)

    def card(key: str) -> Card:
        return Card(
            key, "growth", {}, Evidence(n=12, effect=1.5, interval=(1.1, 2.0)), "medium", 0.2
        )

    cards = [card("publish_hour"), card("topic_up"), card("cadence_space")]
    result = with_context(store, channel_of(store), StrategyResult(None, cards, None))  # type: ignore[arg-type]
    hour, topic, cadence = result.cards
    assert [f.dimension for f in hour.context] == ["geography"]
    assert cadence.context == ()
    en = render_card(topic, "en")
    assert en["context"] == ["62.0% of your views come from Browse features"]
    assert en["evidence"]["text"].endswith("62.0% of your views come from Browse features")
    assert render_card(topic, "zh")["context"] == ["62.0% 的播放来自浏览功能"]
    assert render_card(hour, "en")["context"] == [
        "42.1% of your views come from United States: their local time may differ from your "
        "channel's time zone."
    ]
    assert render_card(hour, "zh")["context"][0].startswith("42.1% 的播放来自美国")


def test_cities_named_not_by_place_id(tmp_path: Path) -> None:
    from analytics.present.audience_labels import key_label

    f = tmp_path / "Table data.csv"
    f.write_text(
        "Cities,City name,Geography,Views,Watch time (hours),Average view duration\n"
        "Total,,,10000,500.5,0:03:00\n"
        "0x89c259:0x1,New York,US,1500,80.5,0:03:13\n"
        "0x47a84e:0x2,Berlin,DE,1200,60.0,0:03:00\n"
        "0x3bae16:0x3,Bengaluru,IN,,,\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.duckdb")
    (report,) = import_files(db, [f], channel="yt", options=ImportOptions())
    assert report.status == "loaded", report
    assert not any("not stored" in n for n in report.notes), report.notes
    table = audience.breakdown_table(db, channel_of(db, "yt"), "city")
    assert table is not None
    assert list(table.rows["key"]) == ["New York|US", "Berlin|DE", "Bengaluru|IN"]
    assert bool(table.rows["not_enough_data"].iloc[2])
    assert key_label("city", "New York|US", "en") == "New York, United States"
    assert key_label("city", "Berlin|DE", "zh") == "Berlin（德国）"
