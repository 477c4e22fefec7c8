"""The typical-performance band and "unusually fast start" from repeated work-list exports.

Bilibili (近期稿件对比.csv), Douyin and TikTok export per-video totals, not
daily series. A creator who downloads the list every day leaves snapshots;
the views at 1, 7 and 28 days are read off them. The files here are made up
in the real Bilibili layout (EXPORT_FORMATS.md section 6: UTF-8 with BOM,
``YYYY年MM月DD日 HH:MM:SS``, percent strings, star ratings), one download per
day, each imported with its download day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analytics.growth.start_band import snapshot_ages, views_at_ages_from_totals
from analytics.ingest import ImportOptions
from analytics.services import audience
from analytics.services.imports import import_files
from tests.test_audience_pages import TRAFFIC, check_clean, run, texts

HEADER = (
    "视频标题,发布时间,播放量,游客播放占比,粉丝观看率,封标点击率,粉丝点击率,游客点击率,3秒跳出率,"
    "粉丝3秒跳出率,游客3秒跳出率,互动率,粉丝互动率,游客互动率,涨粉量,播转粉率,取关量,点赞量,点赞率,"
    "评论量,评论率,弹幕量,弹幕率,收藏量,收藏率,投币量,投币率,转发量,转发率,平均播放进度"
)
TAIL = "100%,0%,3.5星,2星,3.6星,20.0%,0%,20.0%,1.0%,0%,1.0%,0,0%,0,1,0.1%,0,0%,2,0.1%,0,0%,0,0%,0,0%,30%"
FIRST = dt.date(2025, 2, 1)
# (title, publish day offset, views per day since publishing); the newest starts fast.
VIDEOS = [
    ("蛋炒饭", 0, 100),
    ("番茄炒蛋", 2, 120),
    ("青椒肉丝", 4, 90),
    ("红烧肉", 6, 110),
    ("凉拌黄瓜", 8, 2000),
]
DAYS = 12  # one download a day, from Feb 2 to Feb 13


def cumulative(per_day: int, age: int) -> int:
    """Views through ``age`` days: a first day of ``per_day``, then half as many a day."""
    return per_day + (age - 1) * (per_day // 2) if age >= 1 else 0


def write_downloads(folder: Path) -> list[tuple[Path, dt.date]]:
    out = []
    for d in range(1, DAYS + 1):
        day = FIRST + dt.timedelta(days=d)
        lines = [HEADER]
        for title, offset, per_day in VIDEOS:
            published = FIRST + dt.timedelta(days=offset)
            if published >= day:
                continue
            age = (day - published).days  # the list of day D holds views through D - 1
            shown = published.strftime("%Y年%m月%d日") + " 18:00:00"
            lines.append(f"{title},{shown},{cumulative(per_day, age)},{TAIL}")
        path = folder / f"{day.isoformat()}" / "近期稿件对比.csv"
        path.parent.mkdir(parents=True)
        path.write_bytes(("\ufeff" + "\n".join(lines)).encode("utf-8"))
        out.append((path, day))
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("bili")
    db = str(folder / "store.duckdb")
    for path, day in write_downloads(folder / "files"):
        opts = ImportOptions(time_zone="Asia/Shanghai", export_date=day)
        (report,) = import_files(db, [path], channel="做饭的B站号", options=opts)
        assert report.status == "loaded", report
    return db


def channel(db: str) -> str:
    with duckdb.connect(db, read_only=True) as con:
        return str(con.execute("SELECT channel_id FROM channels").fetchone()[0])  # type: ignore[index]


def test_snapshot_age_and_interpolation() -> None:
    totals = pd.DataFrame(
        {
            "video_id": ["a", "a", "a", "b"],
            "title": ["A", "A", "A", "B"],
            "published_date": [dt.date(2025, 3, 1)] * 3 + [dt.date(2025, 3, 1)],
            "as_of": [
                dt.date(2025, 3, 2),
                dt.date(2025, 3, 6),
                dt.date(2025, 3, 10),
                dt.date(2025, 3, 1),
            ],
            "period_start": [None] * 4,
            "period_end": [None] * 4,
            "views": [50, 250, 450, 7],
        }
    )
    ages = snapshot_ages(totals)
    assert list(ages["age"]) == [1, 5, 9]  # b's download on publish day covers no full day
    at = views_at_ages_from_totals(totals).set_index("video_id")
    assert at.loc["a", "day_1"] == 50
    assert at.loc["a", "day_7"] == pytest.approx(350)  # between 250 (day 5) and 450 (day 9)
    assert pd.isna(at.loc["a", "day_28"])  # no snapshot at or past 28 days: unknown, not guessed
    assert "b" not in at.index


def test_band_and_fast_start_from_daily_downloads(store: str) -> None:
    band = audience.performance_band(store, channel(store))
    day1 = band[band["age"] == 1].set_index("title")
    assert day1.loc["凉拌黄瓜", "views"] == 2000
    assert day1.loc["红烧肉", "views"] == 110
    assert day1.loc["红烧肉", "low"] == pytest.approx(95.0)  # lower quartile of 90, 100, 120
    day7 = band[band["age"] == 7].set_index("title")
    assert day7.loc["蛋炒饭", "views"] == cumulative(100, 7) == 400
    assert pd.isna(day7.loc["凉拌黄瓜", "views"])  # only 4 days old at the last download
    fast = set(band[band["fast_start"]]["title"])
    assert fast == {"凉拌黄瓜"}
    files = audience.band_files(store, channel(store))
    assert len(files) == DAYS and files[0] == "2025-02-02/近期稿件对比.csv"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_traffic_page_flags_the_fast_start(
    store: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = run(TRAFFIC, store, "做饭的B站号", lang, monkeypatch)
    strings = [s.replace("\\", "") for s in texts(at)]
    check_clean(strings)
    fast = {"en": "Unusually fast start: 凉拌黄瓜", "zh": "起步异常快：凉拌黄瓜"}[lang]
    assert fast in strings
    assert any(s.endswith("近期稿件对比.csv") for s in strings)  # by name, never its folder
    assert not any("2025-02-13/" in s for s in strings)
