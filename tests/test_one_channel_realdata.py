"""Market data is never counted as the creator's videos; changes only where both periods are covered.

Real files from ``../shared/realdata`` (skipped when absent): the Xiaohongshu
notes of one account (41 notes) and the YouTube trending lists of 2018-11-01
(622 videos of other people's channels). With "All channels" in the sidebar,
the Drivers, Strategy and Planner pages, and the CLI's ``drivers``,
``strategy`` and ``report``, read one channel at a time, the one with the most
videos first; before, Drivers said "663 videos from 584 channels" and
Strategy "None of your 663 videos has a duration".
"""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.cli import main
from analytics.ingest import ImportOptions
from analytics.services.channels import analysis_channel, channels_by_video_count
from analytics.services.imports import import_files
from tests.conftest import REPO, SHARED

XHS_ID = "xiaohongshu:default"
TIMEOUT = 600


@pytest.fixture(scope="module")
def market_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The notes of one Xiaohongshu account beside five countries' trending lists."""
    real = SHARED / "realdata"
    if not real.is_dir():
        pytest.skip("real data folder ../shared/realdata is not present in this checkout")
    db = str(tmp_path_factory.mktemp("market") / "market.duckdb")
    files = [real / "xiaohongshu-notes-2026" / "笔记列表明细表.xlsx"]
    files += sorted((real / "youtube-trending-2018-11-01").glob("*_videos.csv"))
    reports = import_files(db, [(f.name, f.read_bytes()) for f in files], options=ImportOptions())
    assert [r.status for r in reports] == ["loaded"] * 6, [r.error for r in reports]
    return db


def _texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning") for e in at.get(kind)]
    return "\n".join(str(p) for p in parts)


def test_the_channel_with_most_videos_is_the_creators(market_store: str) -> None:
    ordered = channels_by_video_count(market_store)
    assert ordered[0] == XHS_ID and len(ordered) > 500  # 41 notes; trending channels 1-4
    assert analysis_channel(market_store, None) == XHS_ID
    assert analysis_channel(market_store, "UC_other") == "UC_other"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_drivers_page_reads_one_channel(
    market_store: str, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", market_store)
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO / "pages" / "3_Drivers.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    pick = at.selectbox(key="drivers_channel")
    assert pick.value == XHS_ID
    assert pick.options[0] == (
        "小红书频道（未命名）" if lang == "zh" else "Xiaohongshu channel (unnamed)"
    )
    text = _texts(at)
    assert "663" not in text  # never the notes and the trending videos pooled
    if lang == "en":
        assert "41 videos, 2 forward folds" in text
        assert "One channel at a time:" in text and "584 channels to choose from" in text
    else:
        assert "41 条作品，2 个时间分折" in text
        assert "一次只分析一个账号" in text and "可选 584 个账号" in text


def test_strategy_page_never_counts_trending_videos_as_yours(
    market_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", market_store)
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO / "pages" / "6_Strategy.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="strategy_channel").value == XHS_ID
    text = _texts(at)
    assert "663" not in text and "622" not in text
    assert "One channel at a time:" in text


def test_cli_drivers_and_strategy_read_one_channel(market_store: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert main(["drivers", "--db", market_store]) == 0
    assert out.getvalue().startswith("41 videos, target exposure")
    assert err.getvalue().startswith(
        "channel: Xiaohongshu channel (unnamed) (the one with the most videos;"
    )
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["drivers", "--db", market_store, "--json"]) == 0
    assert json.loads(out.getvalue())["n_videos"] == 41
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["strategy", "--db", market_store, "--json", "--no-models"]) == 0
    payload = json.loads(out.getvalue())
    assert payload["channel_id"] == XHS_ID
    # never the notes and the trending videos pooled: no count of 663 videos in any text or n
    # (a float such as 0.1663 in an interval is no count: bootstrap figures vary by store)
    texts = [
        str(card[part]) for card in payload["cards"] for part in ("title", "claim", "action")
    ] + [str(card["evidence"]["text"]) for card in payload["cards"]]
    assert not [t for t in texts if re.search(r"(?<![\d.,])663(?![\d.,])", t)]
    assert all(card["evidence"]["n"] != 663 for card in payload["cards"])
    assert all(card["evidence"]["n"] <= 41 for card in payload["cards"])


def test_overview_shows_no_change_against_a_barely_covered_period(
    market_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The notes (published 2026-06-06 .. 07-11) have no daily views: 32 notes in the last
    28 days against 9 in the 28 before them (which the export barely reaches) is no
    "+255.6%"; the page says how many days each period holds instead."""
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", market_store)
    st.cache_data.clear()
    for lang, note in (
        ("en", "No change shown: your exports cover 0 of these 28 days and 0 of the previous"),
        ("zh", "不显示变化：你的导出覆盖本期 28 天中的 0 天、上期 28 天中的 0 天"),
    ):
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
        at.session_state["lang"] = lang
        at.session_state["keep:channel"] = XHS_ID
        at.run()
        assert not at.exception, at.exception
        published = at.metric[3]
        assert published.value == "32"
        assert all(m.delta in (None, "") for m in at.metric), [m.delta for m in at.metric]
        assert any(c.value.startswith(note) for c in at.caption)
