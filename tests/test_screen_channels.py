"""Channels on screen: names not ids, time zones, rename / merge, date-only publish dates.

Real files come from ``../shared/realdata`` (skipped when absent); the Studio
Content table with date-only publish times is our own fixture in the real
layout.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from analytics.channel_names import channel_label, channel_name, suggested_zone
from analytics.cli import main
from analytics.ingest import ImportOptions
from analytics.services.imports import import_files
from analytics.store import channel_admin, channel_queries
from analytics.store import queries as q
from tests.helpers import one, rows

STUDIO_TABLE = Path(__file__).parent / "data" / "formats" / "youtube" / "en" / "Table data.csv"
XHS = "xiaohongshu-notes-2026/笔记列表明细表.xlsx"


def _import(db: str, path: Path, **opts: object) -> None:
    reports = import_files(db, [(path.name, path.read_bytes())], options=ImportOptions(**opts))
    assert [r.status for r in reports] == ["loaded"], [r.error for r in reports]


@pytest.fixture
def xhs_store(realdata: Path, tmp_path: Path) -> str:
    db = str(tmp_path / "xhs.duckdb")
    _import(db, realdata / XHS)
    return db


@pytest.mark.parametrize(
    ("channel_id", "display", "platform", "lang", "expected"),
    [
        ("xiaohongshu:default", "xiaohongshu:default", "xiaohongshu", "zh", "小红书频道（未命名）"),
        ("xiaohongshu:default", None, "xiaohongshu", "en", "Xiaohongshu channel (unnamed)"),
        ("douyin:default", float("nan"), "douyin", "zh", "抖音频道（未命名）"),
        ("youtube:default", "youtube:default", "youtube", "en", "YouTube channel (unnamed)"),
        ("generic:default", "generic:default", "generic", "zh", "其他平台频道（未命名）"),
        ("xiaohongshu:default", "AI 每日", "xiaohongshu", "zh", "AI 每日"),
    ],
)
def test_no_raw_default_id_is_a_name(
    channel_id: str, display: object, platform: str, lang: str, expected: str
) -> None:
    assert channel_name(channel_id, display, platform, lang) == expected
    assert ":default" not in channel_label(channel_id, display, platform, lang)


@pytest.mark.parametrize(
    ("platform", "zone"),
    [
        ("douyin", "Asia/Shanghai"),
        ("kuaishou", "Asia/Shanghai"),
        ("bilibili", "Asia/Shanghai"),
        ("xiaohongshu", "Asia/Shanghai"),
        ("youtube", "Europe/Berlin"),
        ("tiktok", "Europe/Berlin"),
    ],
)
def test_suggested_zone(platform: str, zone: str) -> None:
    # Chinese platforms export Beijing time; others get the browser's zone (here Berlin).
    assert suggested_zone(platform, "Europe/Berlin") == zone


def test_xiaohongshu_times_show_in_beijing_time(xhs_store: str) -> None:
    """A note published at 03:15 Beijing time is shown at 03:15 on its day, not 19:15 the day before."""
    table = q.video_table(xhs_store)
    first = table.sort_values("published_at").iloc[0]
    assert first["time_zone"] == "Asia/Shanghai"
    assert first["published_local"] == "2026-06-06 03:15"
    assert str(first["published_at"].tz_convert("UTC")).startswith("2026-06-05 19:15")
    # Every shown time is the channel's clock: the UTC hour is never shown.
    assert all(len(v) == 16 for v in table["published_local"])
    top = q.top_videos(xhs_store, None, dt.date(2026, 6, 6), dt.date(2026, 6, 6))
    assert set(top["time_zone"]) == {"Asia/Shanghai"}
    assert all(v.startswith("2026-06-06") for v in top["published_local"])


def test_time_zone_edit_reinterprets_local_times(xhs_store: str) -> None:
    change = channel_admin.set_time_zone(xhs_store, "xiaohongshu:default", "Europe/Berlin")
    assert (change.old_zone, change.new_zone, change.publish_times_moved) == (
        "Asia/Shanghai",
        "Europe/Berlin",
        41,
    )
    table = q.video_table(xhs_store)
    first = table.sort_values("published_at").iloc[0]
    # The clock time the export showed stays; the instant moves (Berlin is UTC+2 in June).
    assert (first["published_local"], first["time_zone"]) == ("2026-06-06 03:15", "Europe/Berlin")
    assert str(first["published_at"].tz_convert("UTC")).startswith("2026-06-06 01:15")
    # Platform day buckets stay as exported.
    assert one(xhs_store, "SELECT min(published_date) FROM videos") == dt.date(2026, 6, 6)
    with pytest.raises(channel_admin.ChannelError, match="unknown time zone"):
        channel_admin.set_time_zone(xhs_store, "xiaohongshu:default", "Mars/Olympus")


def test_cli_rename_merge_time_zone(
    xhs_store: str, realdata: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["channels", "rename", "xiaohongshu:default", "AI 每日", "--db", xhs_store]) == 0
    assert one(xhs_store, "SELECT display_name FROM channels") == "AI 每日"
    # The same notes landed a second time in another channel (a file imported under
    # another name) plus one note only that channel holds ...
    from analytics.store.connection import connect

    with connect(xhs_store) as con:
        con.execute(
            "INSERT INTO channels (channel_id, platform, display_name, time_zone) "
            "VALUES ('AI daily (copy)', 'xiaohongshu', 'AI daily (copy)', 'Asia/Shanghai')"
        )
        for table in ("videos", "video_totals"):
            con.execute(
                f"INSERT INTO {table} SELECT * REPLACE ('AI daily (copy)' AS channel_id) "
                f"FROM {table}"
            )
        con.execute(
            "INSERT INTO videos (channel_id, video_id, title) "
            "VALUES ('AI daily (copy)', 'only-here', 'only here')"
        )
    capsys.readouterr()
    # ... and is merged back by name: the same notes are kept once.
    code = main(["channels", "merge", "AI daily (copy)", "AI 每日", "--db", xhs_store, "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["target"] == "xiaohongshu:default"
    assert out["rows_moved"]["videos"] == 1  # the one note only the copy held
    assert out["rows_kept_from_target"] == 82  # 41 videos + 41 totals held by both
    assert rows(xhs_store, "SELECT channel_id, count(*) FROM videos GROUP BY 1") == [
        ("xiaohongshu:default", 42)
    ]
    assert one(xhs_store, "SELECT count(*) FROM channels") == 1
    assert main(["channels", "time-zone", "AI 每日", "Asia/Tokyo", "--db", xhs_store]) == 0
    assert one(xhs_store, "SELECT time_zone FROM channels") == "Asia/Tokyo"
    assert main(["channels", "merge", "AI 每日", "AI 每日", "--db", xhs_store]) == 1


def test_date_only_publish_dates_are_counted(tmp_path: Path) -> None:
    """Studio's Content table gives dates only ("Sep 27, 2024"): they count as published."""
    db = str(tmp_path / "studio.duckdb")
    _import(db, STUDIO_TABLE, channel="Cooking", time_zone="America/New_York")
    assert one(db, "SELECT count(*) FROM videos WHERE published_at IS NULL") == 3
    kpis = q.kpi_comparison(db, None, dt.date(2024, 9, 1), dt.date(2024, 9, 30))
    assert kpis.current.videos_published == 1
    kpis = q.kpi_comparison(db, None, dt.date(2023, 1, 1), dt.date(2024, 12, 31))
    assert kpis.current.videos_published == 2  # the third video has no date at all
    table = q.video_table(db)
    assert sorted(table["published_local"].dropna()) == ["2023-08-08", "2024-09-27"]
    assert q.date_bounds(db) == (dt.date(2023, 8, 8), dt.date(2024, 9, 27))


def test_real_channels_are_kept_apart(realdata: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "two.duckdb")
    studio = realdata / "youtube-studio-codingtrain-2021"
    for name in ("Totals.csv",):
        _import(db, studio / name, channel="Coding Train", time_zone="America/New_York")
    for name in ("Overview_April-Des2025.csv", "Overview_Jan-April2026.csv"):
        _import(
            db,
            realdata / "tiktok-studio-2025-2026" / name,
            channel="TikTok Biz",
            time_zone="Europe/Berlin",
            export_date=dt.date(2026, 4, 13),
        )
    spans = channel_queries.channel_spans(db).set_index("channel_id")
    assert spans.loc["Coding Train", "days_with_views"] == 365
    assert spans.loc["Coding Train", "last_day"].year == 2021
    assert spans.loc["TikTok Biz", "first_day"].year == 2025
    daily = channel_queries.daily_views_by_channel(db)
    assert set(daily["channel_id"]) == {"Coding Train", "TikTok Biz"}
    # One line per channel; the three-year gap between them is never bridged.
    from analytics.present.channel_charts import channels_figure

    fig = channels_figure(daily, {"Coding Train": "Coding Train", "TikTok Biz": "TikTok"}, True)
    assert [tr.name for tr in fig.data] == ["Coding Train", "TikTok"]
    assert all(tr.connectgaps is False for tr in fig.data)
    assert max(fig.data[0].x) < min(fig.data[1].x)
    # One channel with days in the window: its line still carries its name in a legend
    one = channels_figure(
        daily[daily["channel_id"] == "TikTok Biz"], {"TikTok Biz": "TikTok"}, True
    )
    assert [(tr.name, tr.showlegend) for tr in one.data] == [("TikTok", True)]
    # A comparison against a period holding other channels' days is not shown.
    kpis = q.kpi_comparison(db, None, dt.date(2025, 4, 1), dt.date(2025, 4, 28))
    assert not kpis.comparable("views")


def test_videos_page_in_chinese_on_real_notes(
    xhs_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names not ids, Beijing times, no None/nan, date axes and log axes readers can read."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import REPO

    monkeypatch.setenv("CREATOR_ANALYTICS_DB", xhs_store)
    at = AppTest.from_file(str(REPO / "pages" / "2_Videos.py"), default_timeout=120)
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    cells = set(table.to_numpy().ravel().tolist())
    assert not cells & {"None", "nan", "NaT", "xiaohongshu:default"}
    assert set(table["账号"]) == {"小红书频道（未命名）"}
    assert set(table["时区"]) == {"Asia/Shanghai"}
    assert "2026-06-06 03:15" in set(table["发布时间（账号时区）"])
    outliers = next(
        c for c in at.get("plotly_chart") if '"type":"log"' in c.proto.spec.replace(" ", "")
    )
    layout = json.loads(outliers.proto.spec)["layout"]
    # Labels at 1-2-5 steps (or decades), written in Chinese: never Plotly's "2 3 4 ... 10k".
    assert layout["yaxis"]["tickvals"] == [200, 500, 1000]
    assert layout["yaxis"]["ticktext"] == ["200", "500", "1,000"]
    assert all(text[0] in "125" for text in layout["yaxis"]["ticktext"])
    assert layout["xaxis"]["tickformat"] == "%Y年%-m月%-d日"  # dates as Chinese readers write them
