"""AppTest of the Audience and Traffic pages' newer sections in English and 简体中文.

Age x gender, traffic sources per video, suggested videos by title, revenue
and RPM over time, completion rate and 2-second bounce per video; every
chart with its CSV download, its source line and titles instead of ids.
"""

from __future__ import annotations

import json

import pytest

from tests.breakdown_exports import DY_CHANNEL, YT_CHANNEL
from tests.parity_exports import build_parity_store
from tests.test_audience_pages import AUDIENCE, TRAFFIC, check_clean, run, texts


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("parity_pages")
    path = folder / "store.duckdb"
    build_parity_store(path, folder / "files")
    return str(path)


def plain(strings: list[str]) -> list[str]:
    return [s.replace("\\", "") for s in strings]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_audience_age_and_gender(store: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(AUDIENCE, store, YT_CHANNEL, lang, monkeypatch)
    strings = plain(texts(at))
    check_clean(strings)
    summary = {
        "en": "By gender: Female 38.5%, Male 61.5%. The largest age group is 25–34 years "
        "(41.0% of views).",
        "zh": "按性别：女性 38.5%、男性 61.5%。占比最大的年龄段是 25–34 岁（占播放的 41.0%）。",
    }[lang]
    assert {"en": "Age and gender", "zh": "年龄与性别"}[lang] in strings
    assert summary in strings, [s for s in strings if "38.5" in s]
    # the export's file by name, never the folder it was read from
    assert not any("Viewer age and gender 2025-01-01_2025-01-28" in s for s in strings)
    assert any("Table data" in s for s in strings)
    heat = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if json.loads(c.proto.spec)["data"][0]["type"] == "heatmap"
        and "25" in str(json.loads(c.proto.spec)["data"][0]["y"])
    )
    cells = [c for row in heat["data"][0]["text"] for c in row]
    assert cells.count({"en": "not enough data", "zh": "数据不足"}[lang]) == 10
    # Casual and regular viewers over time, with the exports they come from.
    casual = {
        "en": "Casual and regular viewers (returning viewers by how often they watch)",
        "zh": "偶尔观看与经常观看的观众（按观看频率划分的回访观众）",
    }[lang]
    assert f"**{casual}**" in strings or casual in strings
    assert not any("Regular viewers 2025-01-01_2025-01-28 Cooking Lab" in s for s in strings)
    kinds = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if {"en": "Regular viewers", "zh": "经常观看的观众"}[lang]
        in [tr.get("name") for tr in json.loads(c.proto.spec)["data"]]
    )
    assert kinds["data"][0]["y"][:3] == [80, 81, 82]
    assert not any(
        s.startswith(("Casual and regular viewers are not", "导出文件中还没有“偶尔"))
        for s in strings
    )
    assert len(at.get("download_button")) == len(at.get("plotly_chart"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_traffic_per_video_and_revenue(
    store: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = run(TRAFFIC, store, YT_CHANNEL, lang, monkeypatch)
    strings = plain(texts(at))
    check_clean(strings)
    assert {"en": "Traffic sources per video", "zh": "每个视频的流量来源"}[lang] in strings
    mix = next(df.value for df in at.dataframe if "Knife skills" in df.value.iloc[:, 0].tolist())
    knife = mix[mix.iloc[:, 0] == "Knife skills"].iloc[0]
    assert knife[{"en": "YouTube search", "zh": "YouTube 搜索"}[lang]] == "52.0%"
    assert knife.iloc[1] == "5,000"
    # Suggested videos by title; an unknown one named as such, never a bare id.
    assert "Pasta basics" in strings
    assert {
        "en": "A video not in your archive (zzOther0001)",
        "zh": "不在存档中的视频（zzOther0001）",
    }[lang] in strings
    total = {"en": "$150.50 over 28 days · RPM $12.36", "zh": "28 天共 US$150.50 · RPM US$12.36"}
    assert total[lang] in strings
    assert any("Totals" in s for s in strings)  # the file by name, never its folder
    assert not any("Revenue 2025-01-01_2025-01-28 Cooking Lab" in s for s in strings)
    month = next(df.value for df in at.dataframe if "2025-01" in df.value.iloc[:, 0].tolist())
    assert month.iloc[0, 1] == {"en": "$150.50", "zh": "US$150.50"}[lang]
    assert len(at.get("download_button")) >= len(at.get("plotly_chart"))


def test_traffic_per_video_pick_another_video(store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(TRAFFIC, store, YT_CHANNEL, "en", monkeypatch)
    box = next(b for b in at.selectbox if str(b.key).startswith("per_video_video_traffic_source_"))
    assert box.value == "-vidBread04"  # the newest video first
    box.select("vidKnife001").run()
    assert not at.exception
    chart = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if json.loads(c.proto.spec)["layout"].get("title", {}).get("text") == "Knife skills"
    )
    assert chart["data"][0]["y"][-1] == "YouTube search"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chinese_rates_and_zh_ticks(store: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(TRAFFIC, store, DY_CHANNEL, lang, monkeypatch)
    strings = plain(texts(at))
    check_clean(strings)
    title = {
        "en": "Completion and bounce rates per video",
        "zh": "每个作品的完播率和跳出率",
    }[lang]
    assert title in strings
    rates = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if json.loads(c.proto.spec)["data"][0].get("mode") == "lines+markers"
    )
    assert {tr["name"] for tr in rates["data"]} >= {{"en": "Completion rate", "zh": "完播率"}[lang]}
    assert any("番茄炒蛋" in h for tr in rates["data"] for h in tr["hovertext"])
