"""The sidebar's default window opens on daily views, not on an empty span.

Real exports: a TikTok Studio Overview (daily views to 2026-04-11, and a Viewers
file whose last day, 2026-04-12, has no views) beside a Xiaohongshu notes list
(publish dates to 2026-07-11, no daily views). The window used to end on the
notes' last publish day, so the Overview opened on 28 days without views.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.ingest import ImportOptions
from analytics.services.imports import import_files
from tests.conftest import REPO

APP = str(REPO / "app.py")


@pytest.fixture
def mixed_store(realdata: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    tiktok = realdata / "tiktok-studio-2025-2026"
    notes = realdata / "xiaohongshu-notes-2026" / "笔记列表明细表.xlsx"
    files = sorted(tiktok.glob("*.csv"))
    if len(files) != 3 or not notes.is_file():
        pytest.skip("the TikTok Studio or Xiaohongshu exports are not present")
    db = str(tmp_path / "mixed.duckdb")
    opts = ImportOptions(export_date=dt.date(2026, 4, 12))
    assert all(r.status == "loaded" for r in import_files(db, files, channel="tt", options=opts))
    assert [r.status for r in import_files(db, [notes], channel="xhs")] == ["loaded"]
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", db)
    return db


def test_default_window_ends_on_the_last_day_with_views(mixed_store: str) -> None:
    at = AppTest.from_file(APP, default_timeout=300).run()
    assert not at.exception, at.exception
    [picker] = [d for d in at.date_input if d.key == "date_range:all"]
    assert tuple(picker.value) == (dt.date(2026, 3, 15), dt.date(2026, 4, 11))
    # one channel: its own last day with views (the Viewers file's 04-12 has none)
    at.sidebar.selectbox[-1].set_value("tt").run()
    [picker] = [d for d in at.date_input if d.key == "date_range:tt"]
    assert tuple(picker.value) == (dt.date(2026, 3, 15), dt.date(2026, 4, 11))


@pytest.mark.parametrize("page", ["7_Audience.py", "8_Traffic.py"])
def test_breakdown_pages_without_breakdowns_open_on_the_channel_with_most_videos(
    realdata: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    # a trending list (200 channels of one or two videos, "20th Century Fox" first by
    # name) beside a creator's 41 notes; no channel has audience or traffic tables
    trending = realdata / "youtube-trending-2018-11-01" / "18.01.11_US_videos.csv"
    notes = realdata / "xiaohongshu-notes-2026" / "笔记列表明细表.xlsx"
    if not trending.is_file() or not notes.is_file():
        pytest.skip("the trending list or the Xiaohongshu notes are not present")
    db = str(tmp_path / "market.duckdb")
    assert [r.status for r in import_files(db, [trending])] == ["loaded"]
    assert [r.status for r in import_files(db, [notes], channel="xhs")] == ["loaded"]
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", db)
    at = AppTest.from_file(str(REPO / "pages" / page), default_timeout=300).run()
    assert not at.exception, at.exception
    [pick] = [s for s in at.selectbox if s.key == "breakdown_channel"]
    assert pick.value == "xhs"
