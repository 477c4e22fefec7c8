"""Audience and Traffic start on a channel that has their data, on real exports.

Real files come from ``../shared/realdata`` (skipped when absent).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analytics.ingest import ImportOptions
from analytics.services.audience import channels_with_data
from analytics.services.imports import import_files
from tests.conftest import REPO

AUDIENCE = str(REPO / "pages" / "7_Audience.py")
TRAFFIC = str(REPO / "pages" / "8_Traffic.py")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = REPO.parent / "shared" / "realdata"
    if not folder.is_dir():
        pytest.skip("real data folder ../shared/realdata is not present in this checkout")
    db = str(tmp_path_factory.mktemp("defaults") / "real.duckdb")
    # "aaa notes" is first by name and holds no audience data (a list of notes).
    xhs = folder / "xiaohongshu-notes-2026" / "笔记列表明细表.xlsx"
    import_files(db, [xhs], channel="aaa notes", options=ImportOptions())
    ct = folder / "youtube-studio-codingtrain-2021"
    import_files(
        db,
        [ct / "Table data.csv", ct / "Chart data.csv"],
        channel="codingtrain",
        options=ImportOptions(time_zone="America/New_York"),
    )
    viewers = folder / "tiktok-studio-2025-2026" / "Viewers.csv"
    import_files(db, [viewers], channel="shop", options=ImportOptions(time_zone="Asia/Jakarta"))
    return db


def test_channels_with_data_rank_the_holders(store: str) -> None:
    # codingtrain: 201 countries of the year plus their daily rows; shop: 60 days of viewers
    assert channels_with_data(store, "audience") == ["codingtrain", "shop"]
    assert channels_with_data(store, "traffic") == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_audience_starts_on_a_channel_with_audience_data(
    store: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", store)
    at = AppTest.from_file(AUDIENCE, default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    pick = at.selectbox(key="breakdown_channel")
    assert pick.options[0] == "aaa notes (小红书)" if lang == "zh" else "aaa notes (Xiaohongshu)"
    assert pick.value == "codingtrain"
    assert not any(i.value.startswith(("No audience", "还没有")) for i in at.info)
    assert len(at.get("plotly_chart")) >= 1  # the world map of codingtrain's year
