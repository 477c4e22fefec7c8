"""AppTest of the Audience and Traffic pages in English and 简体中文, on imported exports.

Stores: the made-up exports of ``tests/breakdown_exports.py`` (YouTube
Studio reports, TikTok Followers and Viewers, 抖音 and B站 work lists) and
the real CodingTrain geography and TikTok viewers exports (skipped when
``../shared/realdata`` is absent).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.ingest import ImportOptions
from analytics.services.imports import import_files
from tests.breakdown_exports import (
    BL_CHANNEL,
    DY_CHANNEL,
    TT_CHANNEL,
    YT_CHANNEL,
    build_breakdown_store,
)
from tests.conftest import REPO
from tests.shown_tables import shown_text

AUDIENCE = str(REPO / "pages" / "7_Audience.py")
TRAFFIC = str(REPO / "pages" / "8_Traffic.py")
TIMEOUT = 120
RAW_IDS = re.compile(
    r"\b(vidKnife001|vidPasta002|vidSoup0003|-vidBread04|do_[0-9a-f]{16}|bi_[0-9a-f]{16})\b"
)
BAD_CELLS = {"None", "nan", "NaN", "NaT", "<NA>"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("pages")
    path = folder / "store.duckdb"
    build_breakdown_store(path, folder / "files")
    return str(path)


def run(page: str, store: str, channel: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", store)
    at = AppTest.from_file(page, default_timeout=TIMEOUT)
    for key in ("lang", "keep:lang"):
        at.session_state[key] = lang
    for key in ("channel", "keep:channel"):
        at.session_state[key] = channel
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> list[str]:
    """Every visible string: headings, captions, alerts, metrics and table cells."""
    out: list[str] = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning"):
        out += [str(e.value) for e in getattr(at, kind)]
    for m in at.metric:
        out += [str(m.label), str(m.value)]
    for df in at.dataframe:
        frame = shown_text(df)  # the text on screen (numbers stay numbers underneath)
        out += [str(c) for c in frame.columns]
        out += [str(v) for v in frame.astype(object).to_numpy().ravel()]
    return out


def check_clean(strings: list[str]) -> None:
    assert not BAD_CELLS & set(strings), BAD_CELLS & set(strings)
    raw = [s for s in strings if RAW_IDS.search(s)]
    assert not raw, raw[:5]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_audience_page_youtube(store: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(AUDIENCE, store, YT_CHANNEL, lang, monkeypatch)
    strings = texts(at)
    check_clean(strings)
    if lang == "en":
        assert "Geography" in strings and "United States" in strings and "4,000" in strings
        assert "not enough data" in strings  # age 13-17 left blank by the export
        assert "25–34 years" in strings and "Mobile phone" in strings
        # the export's file by name, never the folder it was read from
        assert any(s.replace("\\", "").endswith("From: Table data.csv") for s in strings)
        assert not any("Geography 2025-01-01" in s.replace("\\", "") for s in strings)
        assert any("America/New_York" in s.replace("\\", "") for s in strings)
        assert not any(s.startswith("Not in your exports yet") and "Cities" in s for s in strings)
        assert "Cities" in strings and "Subscription source" in strings
    else:
        assert "地理位置" in strings and "美国" in strings and "4,000" in strings
        assert "数据不足" in strings and "25–34 岁" in strings and "手机" in strings
        assert "观众年龄" in strings and "订阅状态" in strings
    charts = list(at.get("plotly_chart"))
    assert len(charts) >= 7  # map, age, gender, device, OS, subscription, viewers
    assert len(at.get("download_button")) == len(charts)
    # The map loads the shipped country shapes, never Plotly's CDN.
    config = json.loads(charts[0].proto.config)
    assert config["topojsonURL"] == "app/static/"
    assert "cdn.plot.ly" not in charts[0].proto.spec


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_audience_page_tiktok(store: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(AUDIENCE, store, TT_CHANNEL, lang, monkeypatch)
    strings = texts(at)
    check_clean(strings)
    heading = {"en": "When your followers are online", "zh": "粉丝活跃时间"}[lang]
    gender = {"en": "Follower gender", "zh": "粉丝性别"}[lang]
    assert heading in strings and gender in strings
    assert ("62.0%" in strings) and ({"en": "Others", "zh": "其他"}[lang] in strings)
    assert any("Europe/London" in s.replace("\\", "") for s in strings)
    # "Not in your exports yet" names only what TikTok exports: nothing is missing here.
    assert not any(s.startswith(("Not in your exports", "导出文件中还没有")) for s in strings)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_traffic_page_youtube(store: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(TRAFFIC, store, YT_CHANNEL, lang, monkeypatch)
    strings = texts(at)
    check_clean(strings)
    browse = {"en": "Browse features", "zh": "浏览功能"}[lang]
    assert browse in strings and "6,200" in strings and "62.0%" in strings
    assert "knife skills" in strings and "google.com" in strings
    assert {"en": "Reach funnel", "zh": "触达漏斗"}[lang] in strings
    assert {"en": "Typical performance", "zh": "常规表现"}[lang] in strings
    fast = {"en": "Unusually fast start: Bread", "zh": "起步异常快：Bread"}[lang]
    assert any(s.replace("\\", "") == fast for s in strings)
    assert "Knife skills" in strings  # titles, never ids
    assert any("25.50 USD" in s for s in strings)  # revenue with its currency
    # the export's file by name, never the folder it was read from
    assert not any("Content 2025-01-01" in s.replace("\\", "") for s in strings)
    assert any("Table data.csv" in s.replace("\\", "") for s in strings)


def test_traffic_page_one_video_funnel(store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(TRAFFIC, store, YT_CHANNEL, "en", monkeypatch)
    scope = at.selectbox(key=f"funnel_scope_{YT_CHANNEL}")
    scope.select("-vidBread04").run()
    assert not at.exception
    strings = texts(at)
    check_clean(strings)
    assert "below typical" in strings and "30.0%" in strings


@pytest.mark.parametrize("channel", [DY_CHANNEL, BL_CHANNEL])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_traffic_page_chinese_platforms(
    store: str, channel: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = run(TRAFFIC, store, channel, lang, monkeypatch)
    strings = texts(at)
    check_clean(strings)
    if channel == DY_CHANNEL:
        assert {"en": "Completion rate", "zh": "完播率"}[lang] in strings
        assert {"en": "2-second bounce rate", "zh": "2秒跳出率"}[lang] in strings
        assert "番茄炒蛋" in strings
    else:
        assert {"en": "Danmaku (bullet comments)", "zh": "弹幕"}[lang] in strings
    # No traffic export and no daily views: said so, not drawn empty.
    assert any(
        s.startswith({"en": "No per-video daily views", "zh": "这个账号还没有单个作品的每日"}[lang])
        for s in strings
    )


def test_pages_without_data_say_what_to_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv = tmp_path / "Totals.csv"
    csv.write_text("Date,Views\n2025-01-01,5\n", encoding="utf-8")
    store = str(tmp_path / "s.duckdb")
    import_files(store, [csv], channel="Empty", options=ImportOptions(time_zone="UTC"))
    at = run(AUDIENCE, store, "Empty", "zh", monkeypatch)
    assert at.info[0].value.startswith("这个账号还没有受众细分数据")
    at = run(TRAFFIC, store, "Empty", "en", monkeypatch)
    assert at.info[0].value.startswith("No traffic-source export")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pages_on_real_exports(
    realdata: Path, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = str(tmp_path / "real.duckdb")
    ct = realdata / "youtube-studio-codingtrain-2021"
    import_files(
        store,
        [ct / "Table data.csv", ct / "Chart data.csv", ct / "Totals.csv"],
        channel="codingtrain",
        options=ImportOptions(time_zone="America/New_York"),
    )
    import_files(
        store,
        [realdata / "tiktok-studio-2025-2026" / "Viewers.csv"],
        channel="shop",
        options=ImportOptions(time_zone="Asia/Jakarta"),
    )
    at = run(AUDIENCE, store, "codingtrain", lang, monkeypatch)
    strings = texts(at)
    check_clean(strings)
    # 201 countries over the year; the United States first with 2,638,475 views.
    element = next(df for df in at.dataframe if len(df.value) == 201)
    table = shown_text(element)
    assert table.iloc[0, 0] == {"en": "United States", "zh": "美国"}[lang]
    # every digit in English, so the column reads one way (not "2.6M" above "839,259")
    assert table.iloc[0, 1] == {"en": "2,638,475", "zh": "263.8万"}[lang]
    # The views stay numbers on screen, so a click on the header sorts them as numbers.
    assert element.value.iloc[:, 1].dtype == "float64"
    assert element.value.iloc[0, 1] == 2_638_475
    fig = at.get("plotly_chart")[0]
    assert json.loads(fig.proto.config)["topojsonURL"] == "app/static/"
    assert "cdn.plot.ly" not in fig.proto.spec
    at = run(AUDIENCE, store, "shop", lang, monkeypatch)
    strings = texts(at)
    check_clean(strings)
    assert {"en": "New and returning viewers", "zh": "新观众与回访观众"}[lang] in strings


def test_douyin_lower_bound_and_missing_cells(store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """ "10万+" stays a lower bound; a "-" cell is shown as missing, not as not-enough-data."""
    at = run(TRAFFIC, store, DY_CHANNEL, "zh", monkeypatch)
    element = next(df for df in at.dataframe if "作品" in df.value.columns)
    table = shown_text(element)
    assert element.value["播放量"].dtype == "float64"  # sortable as numbers
    row = table[table["作品"] == "周末早餐合集"].iloc[0]
    assert row["播放量"] == "10万+"
    other = table[table["作品"] == "番茄炒蛋"].iloc[0]
    assert other["曝光点击率"] == "–"
    assert any("截至 2025年1月29日" in s for s in texts(at))
