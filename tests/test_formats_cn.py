"""Kuaishou, Bilibili, Xiaohongshu, WeChat Channels and Douyin exports (made-up fixtures in tests/data/formats/cn)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from analytics.ingest import ImportOptions
from analytics.services.imports import import_files
from tests.conftest import TEST_DATA
from tests.helpers import one, rows

CN = TEST_DATA / "formats" / "cn"
EXPORT_DAY = dt.date(2026, 6, 30)
WORKS_SQL = (
    "SELECT v.title, timezone('Asia/Shanghai', v.published_at), t.views, t.likes, t.comments "
    "FROM videos v JOIN video_totals t USING (channel_id, video_id) ORDER BY v.published_at"
)


def _import(db_path: Path, *paths: Path) -> list:
    return import_files(
        db_path, list(paths), options=ImportOptions(channel="cn", export_date=EXPORT_DAY)
    )


def test_kuaishou_works(db_path: Path) -> None:
    [rep] = _import(db_path, CN / "kuaishou" / "作品列表.csv")
    assert rep.status == "loaded" and rep.format_label == "Kuaishou 作品列表"
    assert rows(db_path, WORKS_SQL) == [
        ("红烧肉做法", dt.datetime(2026, 5, 1, 18, 30), 12000, 880, 35),
        ("周末早餐", dt.datetime(2026, 5, 3, 8, 5), 9876, 301, 12),
    ]
    assert rows(
        db_path,
        "SELECT completion_rate, saves, followers_gained FROM video_totals ORDER BY views DESC",
    ) == [(0.206, 120, 15), (0.35, 44, None)]  # '20.6%' is a fraction in the store; '-' is missing
    assert rows(db_path, "SELECT DISTINCT platform, time_zone FROM channels") == [
        ("kuaishou", "Asia/Shanghai")
    ]


def test_bilibili_recent_videos(db_path: Path) -> None:
    [rep] = _import(db_path, CN / "bilibili" / "近期稿件对比.csv")
    assert rep.status == "loaded" and rep.format_label == "Bilibili 稿件数据"
    assert (
        "column '封标点击率' is a star rating (e.g. 3.5星), not a click-through rate: checked, not stored"
        in rep.notes
    )
    assert rows(db_path, WORKS_SQL) == [
        ("三分钟蛋炒饭", dt.datetime(2026, 5, 29, 16, 31, 34), 12000, 15, 11),
        ("做饭小技巧，", dt.datetime(2026, 6, 3, 16, 41, 25), 124, 0, 0),
    ]
    assert rows(
        db_path,
        "SELECT danmaku, saves, shares, followers_gained, engagement_rate, avg_view_pct "
        "FROM video_totals ORDER BY views DESC",
    ) == [(3, 23, 2, 1, 0.055, 0.39), (0, 1, 0, 0, 0.008, 0.27)]
    # 3秒跳出率 is stored as a fraction in its own column (never as the 2-second bounce)
    assert rows(
        db_path, "SELECT bounce_rate_3s, bounce_rate_2s FROM video_totals ORDER BY views DESC"
    ) == [(0.174, None), (0.559, None)]
    assert "column '3秒跳出率' is not stored" not in rep.notes


def test_bilibili_resaved_as_gb18030(db_path: Path) -> None:
    data = (CN / "bilibili_gbk" / "近期稿件对比.csv").read_bytes()
    data.decode("gb18030")  # the fixture really is GB18030, not UTF-8
    assert not data.startswith(b"\xef\xbb\xbf")
    [rep] = _import(db_path, CN / "bilibili_gbk" / "近期稿件对比.csv")
    assert rep.status == "loaded", rep.error
    assert [r[0] for r in rows(db_path, WORKS_SQL)] == ["三分钟蛋炒饭", "做饭小技巧，"]


def test_bilibili_bad_star_rating_is_a_row_error(db_path: Path) -> None:
    [rep] = _import(db_path, CN / "bilibili_bad" / "近期稿件对比.csv")
    assert rep.status == "failed"
    assert [(r.line, r.column, r.value) for r in rep.rejects] == [(3, "封标点击率", "4.2x")]
    assert one(db_path, "SELECT count(*) FROM videos") == 0


def test_wechat_channels_video_data(db_path: Path) -> None:
    [rep] = _import(db_path, CN / "wechat" / "视频号动态数据明细.csv")
    assert rep.status == "loaded" and rep.format_label == "WeChat Channels 视频数据"
    got = rows(
        db_path,
        "SELECT v.video_id, v.id_derived, v.title, v.tags, v.published_date, t.views, t.likes, "
        "t.completion_rate, t.avg_view_duration_s, t.followers_gained "
        "FROM videos v JOIN video_totals t USING (channel_id, video_id) ORDER BY v.video_id",
    )
    assert got == [
        # the export's own id, kept; 2026/06/25; 28.64% -> 0.2864; 14.73秒 -> 14.73 s
        (
            "export/AbCdEf123456",
            False,
            "周末做饭 #家常菜 #快手菜",
            ["家常菜", "快手菜"],
            dt.date(2026, 6, 25),
            406,
            2,
            0.2864,
            14.73,
            0,
        ),
        # an Excel serial day (46199 = 2026-06-26); doubled quotes in the description
        (
            "export/ZyXwVu987654",
            False,
            '他说"好吃" #美食',
            ["美食"],
            dt.date(2026, 6, 26),
            1200,
            30,
            0.0441,
            10.0,
            1,
        ),
    ]


def test_xiaohongshu_notes_banner_row(db_path: Path) -> None:
    [rep] = _import(db_path, CN / "xiaohongshu" / "笔记列表明细表.xlsx")
    assert rep.status == "loaded" and rep.format_label == "Xiaohongshu 笔记列表"
    got = rows(
        db_path,
        "SELECT v.title, timezone('Asia/Shanghai', v.published_at), v.content_type, t.impressions, "
        "t.views, t.impressions_ctr, t.likes, t.followers_gained, t.avg_view_duration_s, t.danmaku "
        "FROM videos v JOIN video_totals t USING (channel_id, video_id) ORDER BY v.published_at",
    )
    assert got == [
        (
            "早餐吃什么",
            dt.datetime(2026, 1, 5, 22, 30, 5),
            "image post",
            296,
            237,
            0.166,
            4,
            0,
            18.0,
            0,
        ),
        (None, dt.datetime(2026, 3, 24, 17, 33, 5), "video", 12235, 6174, 0.221, 15, 3, 17.0, 2),
    ]
    assert (
        one(db_path, "SELECT count(*) FROM videos WHERE id_derived AND video_id LIKE 'xi_%'") == 2
    )


def test_douyin_works_list_all_strings(db_path: Path) -> None:
    [rep] = _import(db_path, CN / "douyin" / "作品列表.xlsx")
    assert rep.status == "loaded"
    got = rows(
        db_path,
        "SELECT v.title, v.caption, v.tags, v.content_type, t.views, t.lower_bounds, "
        "t.impressions_ctr, t.completion_rate, t.bounce_rate_2s, t.avg_view_duration_s, "
        "t.profile_views, t.followers_gained FROM videos v JOIN video_totals t "
        "USING (channel_id, video_id) ORDER BY v.published_at",
    )
    assert got == [
        (
            "周末早餐合集",
            None,
            [],
            "image post",
            100000,
            ["views"],
            0.025575,
            0.126646,
            0.4398,
            5.238548,
            7711,
            342,
        ),
        (
            "番茄炒蛋",
            "十分钟学会 #家常菜 #快手菜",
            ["家常菜", "快手菜"],
            "video",
            34606,
            [],
            None,
            0.366807,
            0.42553,
            4.586155,
            6549,
            277,
        ),
    ]


def test_douyin_daily_overview_one_metric_per_file(db_path: Path) -> None:
    reps = import_files(
        db_path,
        [CN / "douyin_daily" / "daily_ctr.xlsx", CN / "douyin_daily" / "daily_fans.xlsx"],
        channel="dy",
    )
    assert [r.format_label for r in reps] == ["Douyin 数据总览 · daily channel totals"] * 2
    # '25.00%' written as text is a fraction in the store; files of other metrics fill the same days
    assert rows(
        db_path, "SELECT date, impressions_ctr, followers_net FROM channel_daily ORDER BY date"
    ) == [(dt.date(2026, 3, 14), 0.25, 12), (dt.date(2026, 3, 15), 0.125, -2)]
    assert rows(db_path, "SELECT platform FROM channels") == [("douyin",)]


def test_derived_ids_are_stable_across_exports(db_path: Path) -> None:
    first = (CN / "kuaishou" / "作品列表.csv").read_bytes()
    later = first.replace(b"9876", b"12345")
    for name, data, day in (("works_1.csv", first, 1), ("works_2.csv", later, 8)):
        import_files(
            db_path,
            [(name, data)],
            options=ImportOptions(channel="ks", export_date=dt.date(2026, 6, day)),
        )
    assert one(db_path, "SELECT count(*) FROM videos") == 2
    assert rows(
        db_path,
        "SELECT as_of, views FROM video_totals JOIN videos USING (channel_id, video_id) "
        "WHERE title = '周末早餐' ORDER BY as_of",
    ) == [(dt.date(2026, 6, 1), 9876), (dt.date(2026, 6, 8), 12345)]
