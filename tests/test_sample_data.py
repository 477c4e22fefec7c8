"""The committed sample exports: layouts, internal consistency and planted effects.

The files under sample_data/ are re-read here with the csv module and
openpyxl (not with the project's importers), so these tests pin the data
itself. The last test regenerates everything and compares it with the
committed copy.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import re
import statistics
import sys
import zipfile
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
EXPORT_START = dt.date(2025, 4, 1)
EXPORT_END = dt.date(2026, 10, 31)
BERLIN = ZoneInfo("Europe/Berlin")
TOPICS = {"cooking", "vlog", "tech", "travel", "fitness", "gaming"}
NEUTRAL = {"tech", "travel", "fitness", "gaming"}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

TABLE_HEADER = (
    "Content,Video title,Video publish time,Duration,Views,Watch time (hours),"
    "Subscribers,Impressions,Impressions click-through rate (%),Likes,"
    "Comments added,Shares,Average view duration"
)
API_HEADER = (
    "video_id,title,publishedAt,channelId,channelTitle,categoryId,trending_date,tags,"
    "view_count,likes,dislikes,comment_count,thumbnail_link,comments_disabled,"
    "ratings_disabled,description"
)
DOUYIN_HEADER = [
    "作品名称",
    "发布时间",
    "体裁",
    "审核状态",
    "播放量",
    "完播率",
    "5s完播率",
    "2s跳出率",
    "平均播放时长",
    "点赞量",
    "分享量",
    "评论量",
    "收藏量",
    "主页访问量",
    "粉丝增量",
]

# Planted reach ratios and the tolerance the measured ratio must meet.
PLANTED = {
    "short_vs_long": 1.8,
    "mid_vs_long": 1.3,
    "prime_vs_other": 1.5,
    "cooking_vs_neutral": 2.0,
    "vlog_vs_neutral": 0.7,
}
REL_TOL = 0.10  # measured within +-10 % of planted
NULL_RANGE = (0.85, 1.18)  # weekday and title length: no effect


def read_csv(rel: str) -> list[dict[str, str]]:
    with open(SAMPLE / rel, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def us_date(text: str) -> dt.date:
    month, day, year = re.fullmatch(r"([A-Z][a-z]{2}) (\d{1,2}), (\d{4})", text).groups()
    return dt.date(int(year), MONTHS.index(month) + 1, int(day))


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + y, m + 1, min(day.day, 28))


@pytest.fixture(scope="module")
def table() -> list[dict[str, str]]:
    return read_csv("youtube_studio/Table data.csv")


@pytest.fixture(scope="module")
def chart() -> list[dict[str, str]]:
    return read_csv("youtube_studio/Chart data.csv")


@pytest.fixture(scope="module")
def api() -> dict[str, dict[str, str]]:
    return {r["video_id"]: r for r in read_csv("youtube_api/videos.csv")}


@pytest.fixture(scope="module")
def douyin() -> list[dict[str, str]]:
    wb = openpyxl.load_workbook(SAMPLE / "douyin" / "作品列表.xlsx")
    ws = wb.active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    types = {c.data_type for row in ws.iter_rows() for c in row}
    wb.close()
    assert rows[0] == DOUYIN_HEADER
    assert types == {"s"}  # every cell, numbers included, is a string
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


@pytest.fixture(scope="module")
def fans() -> list[dict[str, str]]:
    return read_csv("fans/interactions.csv")


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))


def ratios(values: dict[str, float], info: dict[str, dict], ref_cls: str) -> dict[str, float]:
    """Median reach ratios for the planted factors and the null factors."""

    def med(pred) -> float:
        return statistics.median(values[k] for k, i in info.items() if pred(i))

    med_len = statistics.median(i["title_len"] for i in info.values())
    overall = statistics.median(values.values())
    weekday = [med(lambda i, d=d: i["weekday"] == d) / overall for d in range(7)]

    def ratio(a, b) -> float:
        return med(a) / med(b)

    def prime(i) -> bool:
        return 18 <= i["hour"] <= 21

    return {
        "short_vs_long": ratio(lambda i: i["cls"] == "short", lambda i: i["cls"] == ref_cls),
        "mid_vs_long": ratio(lambda i: i["cls"] == "mid", lambda i: i["cls"] == ref_cls),
        "prime_vs_other": ratio(prime, lambda i: not prime(i)),
        "cooking_vs_neutral": ratio(
            lambda i: i["topic"] == "cooking", lambda i: i["topic"] in NEUTRAL
        ),
        "vlog_vs_neutral": ratio(lambda i: i["topic"] == "vlog", lambda i: i["topic"] in NEUTRAL),
        "weekend_vs_weekday": ratio(lambda i: i["weekday"] >= 5, lambda i: i["weekday"] < 5),
        "weekday_min": min(weekday),
        "weekday_max": max(weekday),
        "long_vs_short_title": ratio(
            lambda i: i["title_len"] > med_len, lambda i: i["title_len"] <= med_len
        ),
    }


# --------------------------------------------------------------------------


def test_manifest_lists_every_file_with_its_channel() -> None:
    man = json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))
    assert man["export_date"] == "2026-10-31"
    assert [(c["channel_id"], c["platform"], c["time_zone"]) for c in man["channels"]] == [
        ("UCkitchenLab0000000000001", "youtube", "Europe/Berlin"),
        ("douyin:kitchenlab", "douyin", "Asia/Shanghai"),
    ]
    assert [(i["path"], i["channel"]) for i in man["imports"]] == [
        ("youtube_api/videos.csv", None),
        ("youtube_studio/Table data.csv", "UCkitchenLab0000000000001"),
        ("youtube_studio/Chart data.csv", "UCkitchenLab0000000000001"),
        ("youtube_studio/Totals.csv", "UCkitchenLab0000000000001"),
        ("youtube_subscribers/Totals.csv", "UCkitchenLab0000000000001"),
        ("douyin/作品列表.xlsx", "douyin:kitchenlab"),
        ("fans/interactions.csv", "UCkitchenLab0000000000001"),
    ]
    for item in man["imports"]:
        assert (SAMPLE / item["path"]).is_file()


def test_video_counts_and_date_span(table, api, douyin) -> None:
    videos = table[1:]
    assert len(videos) == 146 and len(api) == 146 and len(douyin) == 71
    assert {r["Content"].strip() for r in videos} == set(api)
    yt_days = sorted(us_date(r["Video publish time"]) for r in videos)
    dy_days = sorted(dt.date.fromisoformat(r["发布时间"][:10]) for r in douyin)
    assert yt_days[0] == dt.date(2025, 4, 1) and yt_days[-1] == dt.date(2026, 10, 28)
    assert dy_days[0] == dt.date(2025, 4, 3) and dy_days[-1] == dt.date(2026, 10, 15)
    for days in (yt_days, dy_days):
        assert add_months(days[0], 18) <= days[-1]  # >= 18 months of uploads
    # about 1-3 uploads a week, weekdays balanced
    weeks = Counter(d.isocalendar()[:2] for d in yt_days)
    assert max(weeks.values()) <= 3
    assert sorted(Counter(d.weekday() for d in yt_days).values()) == [20, 20, 21, 21, 21, 21, 22]


def test_table_data_layout(table) -> None:
    raw = (SAMPLE / "youtube_studio" / "Table data.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and raw.endswith(b"\n")
    assert raw.split(b"\n", 1)[0].decode() == TABLE_HEADER
    assert raw.split(b"\n")[1].startswith(b"Total,,,,")
    dashed = [r["Content"] for r in table[1:] if r["Content"].startswith(" ")]
    assert dashed == [" -s_lvz3Y-uV", " -Hs9SLuLrJw", " -XZy6O5Ribp"]
    for r in table[1:]:
        assert re.fullmatch(r"[A-Za-z0-9_-]{11}", r["Content"].strip())
        assert not r["Content"].strip().startswith("-") or r["Content"].startswith(" -")
        assert 15 <= int(r["Duration"]) <= 900
        assert re.fullmatch(r"\d+:\d\d:\d\d", r["Average view duration"])
        assert re.fullmatch(r"\d+(\.\d{1,4})?", r["Watch time (hours)"])
        assert re.fullmatch(r"\d+(\.\d{1,2})?", r["Impressions click-through rate (%)"])
    # titles vary widely in length; some need CSV quoting
    lengths = [len(r["Video title"]) for r in table[1:]]
    assert min(lengths) <= 10 and max(lengths) >= 70
    assert b'""Better Than Takeout""' in raw


def test_total_row_is_the_sum_of_the_video_rows(table) -> None:
    total, videos = table[0], table[1:]
    assert total["Content"] == "Total"
    assert total["Video title"] == total["Video publish time"] == total["Duration"] == ""
    for col in ("Views", "Subscribers", "Impressions", "Likes", "Comments added", "Shares"):
        assert int(total[col]) == sum(int(r[col]) for r in videos), col
    watch = sum(Decimal(r["Watch time (hours)"]) for r in videos)
    assert Decimal(total["Watch time (hours)"]) == watch
    assert int(total["Views"]) == 1_390_410
    assert total["Watch time (hours)"] == "31844.9227"
    # channel-level averages, not sums
    ctr = "Impressions click-through rate (%)"
    clicks = sum(int(r["Impressions"]) * float(r[ctr]) for r in videos)
    assert float(total[ctr]) == pytest.approx(clicks / int(total["Impressions"]), abs=0.005)
    h, m, s = (int(x) for x in total["Average view duration"].split(":"))
    avd = float(total["Watch time (hours)"]) * 3600 / int(total["Views"])
    assert abs(h * 3600 + m * 60 + s - avd) <= 0.5


def test_chart_data_sums_to_table_views_and_totals(table, chart) -> None:
    raw = (SAMPLE / "youtube_studio" / "Chart data.csv").read_bytes()
    assert raw.split(b"\n", 1)[0] == b"Date,Content,Video title,Video publish time,Duration,Views"
    assert len(chart) == 37_352
    per_video: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    per_day: Counter = Counter()
    for r in chart:
        day = dt.date.fromisoformat(r["Date"])
        per_video[r["Content"]].append((day, int(r["Views"])))
        per_day[day] += int(r["Views"])
    for r in table[1:]:
        rows = sorted(per_video[r["Content"]])
        pub = us_date(r["Video publish time"])
        # one row per day from the publish date to the export end
        assert [d for d, _ in rows] == [
            pub + dt.timedelta(days=i) for i in range((EXPORT_END - pub).days + 1)
        ]
        assert sum(v for _, v in rows) == int(r["Views"])
    totals = read_csv("youtube_studio/Totals.csv")
    assert [r["Date"] for r in totals] == [
        (EXPORT_START + dt.timedelta(days=i)).isoformat()
        for i in range((EXPORT_END - EXPORT_START).days + 1)
    ]
    assert all(int(r["Views"]) == per_day[dt.date.fromisoformat(r["Date"])] for r in totals)


def test_subscriber_series(table) -> None:
    subs = read_csv("youtube_subscribers/Totals.csv")
    assert list(subs[0]) == ["Date", "Subscribers"] and len(subs) == 579
    values = [int(r["Subscribers"]) for r in subs]
    assert sum(v < 0 for v in values) == 72  # a few days lose more than they gain
    assert sum(values) == 6_301


def test_api_video_list_layout(table, api) -> None:
    raw = (SAMPLE / "youtube_api" / "videos.csv").read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[0].decode() == API_HEADER and lines[-1] == b""
    assert all(line.startswith(b'"') and line.endswith(b'"') for line in lines[1:-1])
    by_id = {r["Content"].strip(): r for r in table[1:]}
    for vid, r in api.items():
        t = by_id[vid]
        assert r["view_count"] == t["Views"] and r["likes"] == t["Likes"]
        assert r["comment_count"] == t["Comments added"] and r["dislikes"] == "0"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", r["publishedAt"])
        published = dt.datetime.fromisoformat(r["publishedAt"].replace("Z", "+00:00"))
        assert published.astimezone(BERLIN).date() == us_date(t["Video publish time"])
        assert 7 <= published.astimezone(BERLIN).hour <= 23
        assert (r["channelId"], r["channelTitle"], r["categoryId"], r["trending_date"]) == (
            "UCkitchenLab0000000000001",
            "Kitchen Lab",
            "26",
            "26.31.10",
        )
        topic = r["tags"].split("|")[0]
        assert topic in TOPICS and f"#{topic}" in r["description"]
        assert r["thumbnail_link"] == f"https://i.ytimg.com/vi/{vid}/default.jpg"
        assert r["comments_disabled"] == r["ratings_disabled"] == "False"
    assert Counter(r["tags"].split("|")[0] for r in api.values()) == {
        "cooking": 35,
        "vlog": 23,
        "tech": 22,
        "travel": 22,
        "fitness": 22,
        "gaming": 22,
    }


def test_douyin_layout(douyin) -> None:
    with zipfile.ZipFile(SAMPLE / "douyin" / "作品列表.xlsx") as zf:
        # every cell, numbers included, is text (openpyxl writes inline strings)
        cells = re.findall(r"<c [^>]*>", zf.read("xl/worksheets/sheet1.xml").decode("utf-8"))
        assert len(cells) == 72 * 15 and all('t="inlineStr"' in c for c in cells)
        assert b"<Application>Microsoft Excel</Application>" in zf.read("docProps/app.xml")
    assert Counter(r["体裁"] for r in douyin) == {"1min-视频": 29, "1-3min视频": 21, "图文": 21}
    assert {r["审核状态"] for r in douyin} == {"公开"}
    assert sum(r["2s跳出率"] == "-" for r in douyin) == 4
    topics = Counter()
    for r in douyin:
        title, caption = r["作品名称"].split("\n", 1)
        assert title and "#" in caption
        topics.update(t for t in TOPICS if f"#{t}" in caption.split())
        dt.datetime.strptime(r["发布时间"], "%Y-%m-%d %H:%M:%S")
        for col in ("完播率", "5s完播率", "2s跳出率"):
            assert r[col] == "-" or re.fullmatch(r"0\.\d{6}", r[col])
        assert float(r["5s完播率"]) >= float(r["完播率"])
        plays = int(r["播放量"])
        assert 0.025 <= int(r["点赞量"]) / plays <= 0.065
    assert set(topics) == TOPICS and sum(topics.values()) == 71


def test_engagement_rates_are_plausible(table) -> None:
    total = table[0]
    views = int(total["Views"])
    assert 0.03 <= int(total["Likes"]) / views <= 0.06
    assert 0.003 <= int(total["Comments added"]) / views <= 0.01
    assert 0.002 <= int(total["Shares"]) / views <= 0.01
    for r in table[1:]:  # per video: the planted rate plus binomial noise
        views = int(r["Views"])
        assert 0.025 <= int(r["Likes"]) / views <= 0.065
        assert 0.002 <= int(r["Comments added"]) / views <= 0.012
        assert 0.0015 <= int(r["Shares"]) / views <= 0.013


def test_fan_interactions(api, truth, fans) -> None:
    assert list(fans[0]) == ["fan_id", "video_id", "event", "timestamp"]
    per_fan = Counter(r["fan_id"] for r in fans)
    assert len(per_fan) == 2000 and len(fans) == 23_562
    assert min(per_fan.values()) == 5 and max(per_fan.values()) == 40
    assert all(re.fullmatch(r"fan_\d{5}", f) for f in per_fan)
    assert Counter(r["event"] for r in fans) == {
        "view": 17_051,
        "like": 4_219,
        "comment": 1_437,
        "share": 855,
    }
    end = dt.datetime.combine(EXPORT_END, dt.time(23, 59, 59), BERLIN)
    published = {
        v: dt.datetime.fromisoformat(r["publishedAt"].replace("Z", "+00:00"))
        for v, r in api.items()
    }
    for r in fans:
        ts = dt.datetime.fromisoformat(r["timestamp"].replace("Z", "+00:00"))
        assert r["timestamp"].endswith("Z") and published[r["video_id"]] < ts <= end
    # segments prefer their topics
    topic = {v: r["tags"].split("|")[0] for v, r in api.items()}
    seg_topics = {int(s): set(t) for s, t in truth["fan_segments"]["topics"].items()}
    for seg, wanted in seg_topics.items():
        views = [
            topic[r["video_id"]]
            for r in fans
            if r["event"] == "view" and truth["fans"][r["fan_id"]] == seg
        ]
        share = sum(t in wanted for t in views) / len(views)
        assert share > 0.8, (seg, share)
    # popular videos draw more fans
    views_by_video = {v: int(r["view_count"]) for v, r in api.items()}
    fans_by_video = Counter(r["video_id"] for r in fans if r["event"] == "view")
    top = sorted(views_by_video, key=views_by_video.get)[-20:]
    bottom = sorted(views_by_video, key=views_by_video.get)[:20]
    assert statistics.mean(fans_by_video[v] for v in top) > 1.5 * statistics.mean(
        fans_by_video[v] for v in bottom
    )


def test_truth_matches_the_files(table, truth) -> None:
    yt = truth["youtube_videos"]
    assert set(yt) == {r["Content"].strip() for r in table[1:]}
    for r in table[1:]:
        assert yt[r["Content"].strip()]["duration_s"] == int(r["Duration"])
    assert Counter(truth["fans"].values()) == {0: 600, 1: 500, 2: 500, 3: 400}
    assert truth["effects"]["topic"]["cooking"] == 2.0


def test_planted_youtube_day7_ratios(table, chart, api) -> None:
    last_full = EXPORT_END - dt.timedelta(days=6)
    pub = {r["Content"]: us_date(r["Video publish time"]) for r in table[1:]}
    day7: Counter = Counter()
    for r in chart:
        start = pub[r["Content"]]
        if start <= last_full and (dt.date.fromisoformat(r["Date"]) - start).days < 7:
            day7[r["Content"].strip()] += int(r["Views"])
    assert len(day7) == 145  # the video of Oct 28 is not 7 days old yet
    info = {}
    for r in table[1:]:
        vid = r["Content"].strip()
        local = dt.datetime.fromisoformat(
            api[vid]["publishedAt"].replace("Z", "+00:00")
        ).astimezone(BERLIN)
        d = int(r["Duration"])
        info[vid] = {
            "cls": "short" if d <= 60 else "mid" if d <= 180 else "long",
            "hour": local.hour,
            "topic": api[vid]["tags"].split("|")[0],
            "weekday": local.weekday(),
            "title_len": len(r["Video title"]),
        }
    measured = ratios(dict(day7), {k: info[k] for k in day7}, "long")
    for key, want in PLANTED.items():
        assert measured[key] == pytest.approx(want, rel=REL_TOL), key
    for key in ("weekend_vs_weekday", "weekday_min", "weekday_max", "long_vs_short_title"):
        assert NULL_RANGE[0] <= measured[key] <= NULL_RANGE[1], key


def test_planted_douyin_lifetime_ratios(douyin) -> None:
    plays, info = {}, {}
    fmt = {"1min-视频": "short", "1-3min视频": "mid", "图文": "image"}
    for n, r in enumerate(douyin):
        title, caption = r["作品名称"].split("\n", 1)
        when = dt.datetime.strptime(r["发布时间"], "%Y-%m-%d %H:%M:%S")
        plays[n] = int(r["播放量"])
        info[n] = {
            "cls": fmt[r["体裁"]],
            "hour": when.hour,
            "weekday": when.weekday(),
            "topic": next(t for t in TOPICS if f"#{t}" in caption.split()),
            "title_len": len(title),
        }
    measured = ratios(plays, info, "image")
    for key, want in PLANTED.items():
        assert measured[key] == pytest.approx(want, rel=REL_TOL), key
    for key in ("weekend_vs_weekday", "weekday_min", "weekday_max", "long_vs_short_title"):
        assert NULL_RANGE[0] <= measured[key] <= NULL_RANGE[1], key


def test_generator_reproduces_the_committed_files(tmp_path: Path, monkeypatch) -> None:
    spec = importlib.util.spec_from_file_location("sample_generate", SAMPLE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "sample_generate", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    module.generate(tmp_path)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert [str(p) for p in written] == [
        "douyin/作品列表.xlsx",
        "fans/interactions.csv",
        "manifest.json",
        "truth.json",
        "youtube_api/videos.csv",
        "youtube_studio/Chart data.csv",
        "youtube_studio/Table data.csv",
        "youtube_studio/Totals.csv",
        "youtube_subscribers/Totals.csv",
    ]
    for rel in written:
        if rel.suffix == ".xlsx":  # compare the parts: deflate bytes may differ by zlib build
            with zipfile.ZipFile(tmp_path / rel) as new, zipfile.ZipFile(SAMPLE / rel) as old:
                assert new.namelist() == old.namelist()
                assert all(new.read(n) == old.read(n) for n in new.namelist())
        else:
            assert (tmp_path / rel).read_bytes() == (SAMPLE / rel).read_bytes(), rel
