"""Truth on screen and in the CLI, on real exports: file names, dates, units, wording.

Real files come from ``../shared/realdata`` (skipped when absent).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from contextlib import redirect_stdout
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.cli import main
from analytics.i18n import t
from analytics.ingest import ImportOptions
from analytics.present.messages import localize
from analytics.services.imports import import_files
from tests.conftest import REPO

STUDIO = "youtube-studio-codingtrain-2021"
XHS = "xiaohongshu-notes-2026/笔记列表明细表.xlsx"
TIMEOUT = 300


def _cli(*args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(list(args)) == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def studio_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Coding Train's Studio files imported from the command line by their paths."""
    from tests.conftest import SHARED

    real = SHARED / "realdata"
    if not real.is_dir():
        pytest.skip("real data folder ../shared/realdata is not present in this checkout")
    db = str(tmp_path_factory.mktemp("studio") / "studio.duckdb")
    paths = [str(real / STUDIO / n) for n in ("Table data.csv", "Chart data.csv", "Totals.csv")]
    _cli(
        "import", "--db", db, "--channel", "Coding Train", "--time-zone", "America/New_York", *paths
    )
    return db


def test_captions_name_files_never_their_folder(
    studio_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", studio_store)
    st.cache_data.clear()
    for lang in ("en", "zh"):
        at = AppTest.from_file(str(REPO / "pages" / "7_Audience.py"), default_timeout=TIMEOUT)
        at.session_state["lang"] = lang
        at.run()
        assert not at.exception, at.exception
        captions = [c.value.replace("\\", "") for c in at.caption]
        sources = [c for c in captions if "Chart data.csv" in c or "Table data.csv" in c]
        assert len(sources) == 2, captions
        assert sources[1].endswith("· From: Chart data.csv" if lang == "en" else "Chart data.csv")
        for text in sources:
            assert STUDIO not in text and "realdata" not in text, text


def test_source_line_lists_each_file_once_by_name() -> None:
    from dashboard.breakdown_ui import source_line

    files = ("exports/2021/Chart data.csv", "exports/Content.zip/Table data.csv", "Chart data.csv")
    assert source_line("en", files, "UTC").endswith("Chart data.csv, Content.zip › Table data.csv")
    assert source_line("zh", files, "UTC").endswith("Chart data.csv、Content.zip › Table data.csv")


def test_undo_import_list_reads_like_the_import_page(
    studio_store: str, realdata: Path, tmp_path: Path
) -> None:
    import shutil

    db = str(tmp_path / "list.duckdb")
    shutil.copyfile(studio_store, db)
    _cli("import", "--db", db, str(realdata / XHS))
    _cli(
        "import",
        "--db",
        db,
        str(realdata / "youtube-trending-2018-11-01" / "18.01.11_GB_videos.csv"),
    )
    lines = _cli("undo-import", "--db", db, "--list").splitlines()
    assert len(lines) == 5
    text = "\n".join(lines)
    assert "?" not in text and "period unknown" not in text
    assert "youtube_api_videos" not in text and STUDIO not in text
    gb, xhs, totals, chart, table = lines
    assert (
        "18.01.11_GB_videos.csv  (YouTube Data API · video list; channels named in the file;" in gb
    )
    assert "totals as of 2018-11-01 (the export gives no period); 77 rows)" in gb
    assert "(Xiaohongshu works list; channel Xiaohongshu channel (unnamed);" in xhs
    assert xhs.endswith("41 rows)")
    assert totals.endswith(
        "Totals.csv  (Analytics table; channel Coding Train (YouTube); 2020-12-31 .. 2021-12-30; "
        "365 rows)"
    )
    assert chart.endswith(
        "Chart data.csv  (Analytics table; channel Coding Train (YouTube); "
        "2020-12-31 .. 2021-12-30; 73,365 rows)"
    )
    assert table.endswith(
        "Table data.csv  (Analytics table; channel Coding Train (YouTube); "
        "2020-12-31 .. 2021-12-30; 201 rows)"
    )


def test_a_file_of_another_platform_is_refused_for_a_chosen_channel(
    studio_store: str, realdata: Path, tmp_path: Path
) -> None:
    import shutil

    db = str(tmp_path / "clash.duckdb")
    shutil.copyfile(studio_store, db)
    name = "Overview_Jan-April2026.csv"
    data = (realdata / "tiktok-studio-2025-2026" / name).read_bytes()
    options = ImportOptions(channel="Coding Train", export_date=dt.date(2026, 4, 13))
    (report,) = import_files(db, [(f"downloads/{name}", data)], options=options)
    assert report.status == "failed"
    assert report.error == (
        "Overview_Jan-April2026.csv is a TikTok export, but channel 'Coding Train' is a YouTube "
        "channel; pick a TikTok channel or type a new channel name for it"
    )
    assert localize(report.error, "zh") == (
        "Overview_Jan-April2026.csv 是TikTok的导出文件，但账号“Coding Train”是YouTube账号；"
        "请选择一个TikTok账号，或输入新的账号名称。"
    )
    # into a new channel (or one of its own platform) it lands
    (again,) = import_files(
        db,
        [(name, data)],
        options=ImportOptions(channel="TikTok Biz", export_date=options.export_date),
    )
    assert again.status == "loaded"


def test_exposure_is_defined_alike_in_the_report_and_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "views in the first 7 days where you exported daily per-video views" in readme
    assert "estimated to have had at 28 days" in readme
    en, zh = t("strategy.method", "en"), t("strategy.method", "zh")
    assert "first 7 days" in en and "estimated to have had at 28 days" in en
    assert "views per day" not in en
    assert "前 7 天的播放量" in zh and "28 天时的播放量" in zh and "日均播放量" not in zh


def test_cli_fans_segments_are_labelled(realdata: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "fans.duckdb")
    _cli(
        "import",
        "--db",
        db,
        "--channel",
        "Music",
        str(realdata / "youtube-comments-2013-2015" / "comments.csv"),
    )
    out = _cli("fans", "--db", db)
    assert " 1 fans" not in out and "- -" not in out
    assert out.startswith("922 fans, 5 videos, 924 fan-video pairs; 1 fan tested")
    segments = [line.strip() for line in out.splitlines() if line.startswith("  segment ")]
    # how the fans split moves with each store's fan-key secret (5 or 6 segments seen);
    # every fan is in exactly one segment, each labelled with its topics and videos
    assert 3 <= len(segments) <= 8
    counts = [int(re.match(r"segment \d+: (\d+) fans \(\d+% of fans\); top topics: ", line)[1])
              for line in segments]  # fmt: skip
    assert sum(counts) == 922 and min(counts) > 0
    assert all("; top videos: " in line for line in segments)


def test_videos_page_says_what_a_dash_in_type_means(
    realdata: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "types.duckdb")
    _cli(
        "import", "--db", db, "--channel", "Coding Train", str(realdata / STUDIO / "Table data.csv")
    )
    _cli(
        "import",
        "--db",
        db,
        str(realdata / "youtube-trending-2018-11-01" / "18.01.11_GB_videos.csv"),
    )
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", db)
    st.cache_data.clear()
    for lang, start in (("en", 'Type "–": the export does not say'), ("zh", "类型为“–”")):
        at = AppTest.from_file(str(REPO / "pages" / "2_Videos.py"), default_timeout=TIMEOUT)
        at.session_state["lang"] = lang
        at.run()
        assert not at.exception, at.exception
        captions = [c.value.replace("\\", "") for c in at.caption]
        assert any(c.startswith(start) for c in captions), captions


def test_upload_box_says_what_streamlit_does_not_let_us_translate(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(tmp_path / "empty.duckdb"))
    at = AppTest.from_file(str(REPO / "pages" / "1_Import.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    # the words Streamlit 1.67 draws in the box: "Upload" and "200MB per file • CSV, ..."
    assert any("“Upload”意为“上传”" in c and "“200MB per file”" in c for c in captions), captions
    uploader = at.get("file_uploader")[0]
    assert "点击“Upload”（上传）" in uploader.proto.help
    at.session_state["lang"] = "en"
    at.run()
    assert not any("Upload" in c.value for c in at.caption)


def test_traffic_per_video_dates_sort_as_dates(
    realdata: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "notes.duckdb")
    _cli("import", "--db", db, str(realdata / XHS))
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", db)
    st.cache_data.clear()
    for lang, published in (("en", "Published"), ("zh", t("per_video.col.published", "zh"))):
        at = AppTest.from_file(str(REPO / "pages" / "8_Traffic.py"), default_timeout=TIMEOUT)
        at.session_state["lang"] = lang
        at.run()
        assert not at.exception, at.exception
        table = next(d.value for d in at.dataframe if published in d.value.columns)
        days = table[published]
        assert pd.api.types.is_datetime64_any_dtype(days)  # sorted by day, never as text
        assert len(days) == 41 and days.notna().all()
        assert days.max().date() == dt.date(2026, 7, 11)  # the newest note's day


_FORMATS = REPO / "tests" / "data" / "formats"
_DOUYIN = _FORMATS / "cn" / "douyin" / "作品列表.xlsx"
_TIKTOK = _FORMATS / "tiktok" / "content" / "Content.csv"


@pytest.mark.parametrize("order", ["douyin_first", "tiktok_first"])
def test_one_batch_into_a_new_channel_keeps_to_one_platform(tmp_path: Path, order: str) -> None:
    """A new channel takes its first file's platform; another platform's file in the batch is refused."""
    files = [_DOUYIN, _TIKTOK] if order == "douyin_first" else [_TIKTOK, _DOUYIN]
    db = str(tmp_path / "batch.duckdb")
    reports = import_files(
        db, [(f.name, f.read_bytes()) for f in files], options=ImportOptions(channel="Brand new")
    )
    first, second = reports
    assert first.status == "loaded" and second.status == "failed"
    mine, theirs = ("TikTok", "Douyin") if order == "douyin_first" else ("Douyin", "TikTok")
    assert second.error == (
        f"{files[1].name} is a {mine} export, but channel 'Brand new' is a {theirs} channel; "
        f"pick a {mine} channel or type a new channel name for it"
    )
    # the same platform twice in one batch still lands together
    daily = _FORMATS / "cn" / "douyin_daily" / "daily_fans.xlsx"
    again = import_files(
        str(tmp_path / "same.duckdb"),
        [(_DOUYIN.name, _DOUYIN.read_bytes()), (daily.name, daily.read_bytes())],
        options=ImportOptions(channel="Only Douyin"),
    )
    assert [r.status for r in again] == ["loaded", "loaded"], [r.error for r in again]


def test_platform_names_that_may_share_a_channel() -> None:
    from analytics.ingest.api import same_platform

    assert same_platform("meta", "facebook") and same_platform("instagram", "meta")
    assert same_platform("wechat", "wechat_channels") and same_platform("douyin", "douyin")
    assert not same_platform("facebook", "instagram")
    assert not same_platform("douyin", "tiktok") and not same_platform("youtube", "meta")
