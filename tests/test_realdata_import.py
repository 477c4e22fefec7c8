"""Real exports that nobody on the project wrote land with the figures in their SOURCE.md.

They live in ../shared/realdata; these tests skip when that folder is absent.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from analytics.ingest import ImportOptions
from analytics.services.imports import import_files
from tests.conftest import REPO
from tests.helpers import one, rows


def test_codingtrain_youtube_studio_geography(db_path: Path, realdata: Path) -> None:
    folder = realdata / "youtube-studio-codingtrain-2021"
    reps = import_files(
        db_path,
        [folder / "Table data.csv", folder / "Chart data.csv", folder / "Totals.csv"],
        channel="codingtrain",
    )
    assert [r.status for r in reps] == ["loaded"] * 3
    assert rows(db_path, "SELECT count(*), sum(views) FROM channel_daily") == [(365, 15_503_810)]
    # Table data: 201 countries over the year (the Total row is not a country).
    got = rows(
        db_path,
        "SELECT count(DISTINCT key), sum(views) FROM channel_breakdown "
        "WHERE dimension = 'geography' AND period_start < period_end",
    )
    assert got == [(201, 14_344_009)]
    assert one(db_path, "SELECT count(*) FROM channel_breakdown WHERE key = 'Total'") == 0
    # Chart data: one row per day and country, the same views. SOURCE.md counts 200 countries
    # because a reader that treats "NA" as missing loses Namibia; "NA" is a country code here.
    assert rows(
        db_path,
        "SELECT count(*), count(DISTINCT key), sum(views) FROM channel_breakdown "
        "WHERE period_start = period_end",
    ) == [(73_365, 201, 14_344_009)]
    assert (
        one(
            db_path,
            "SELECT count(*) FROM channel_breakdown WHERE key = 'NA' AND period_start = period_end",
        )
        == 365
    )
    assert "15,503,810" in " ".join(reps[0].notes)  # the Total row, reported as a cross-check


def test_tiktok_two_overlapping_downloads(db_path: Path, realdata: Path) -> None:
    folder = realdata / "tiktok-studio-2025-2026"
    opts = ImportOptions(channel="tiktok-shop", export_date=dt.date(2026, 4, 12))
    reps = import_files(
        db_path,
        [folder / "Overview_April-Des2025.csv", folder / "Overview_Jan-April2026.csv"],
        options=opts,
    )
    assert [r.status for r in reps] == ["loaded", "loaded"]
    assert (reps[0].period_start, reps[0].period_end) == (
        dt.date(2025, 4, 14),
        dt.date(2025, 12, 31),
    )
    assert (reps[1].period_start, reps[1].period_end) == (
        dt.date(2025, 12, 31),
        dt.date(2026, 4, 11),
    )
    assert rows(db_path, "SELECT count(*), sum(views) FROM channel_daily") == [(363, 1_615_793)]
    [viewers] = import_files(db_path, [folder / "Viewers.csv"], options=opts)
    assert (viewers.period_start, viewers.period_end) == (
        dt.date(2026, 2, 12),
        dt.date(2026, 4, 12),
    )
    # 'undefined' is missing, not zero
    assert (
        one(db_path, "SELECT unique_viewers FROM channel_daily WHERE date = '2026-04-12'") is None
    )
    assert rows(
        db_path, "SELECT count(*), sum(views) FROM channel_daily WHERE views IS NOT NULL"
    ) == [(363, 1_615_793)]


def test_trending_files_count_each_video_once(db_path: Path, realdata: Path) -> None:
    files = sorted((realdata / "youtube-trending-2018-11-01").glob("*_videos.csv"))
    assert len(files) == 5
    reps = import_files(db_path, files)
    assert [r.rows_read for r in reps] == [84, 200, 77, 200, 200]
    assert rows(db_path, "SELECT count(*), sum(views) FROM video_totals") == [(622, 1_652_354_138)]
    assert one(db_path, "SELECT count(*) FROM videos") == 622
    assert one(db_path, "SELECT count(*) FROM channels") == 583
    before = rows(db_path, "SELECT * FROM video_totals ORDER BY channel_id, video_id")
    [again] = import_files(db_path, [files[0]])
    assert again.status == "duplicate"
    assert rows(db_path, "SELECT * FROM video_totals ORDER BY channel_id, video_id") == before
    tags = one(db_path, "SELECT tags FROM videos WHERE video_id = 'rMNAdHqGMhs'")
    assert isinstance(tags, list)


def test_comments_file_fans_are_hashed(db_path: Path, realdata: Path) -> None:
    path = realdata / "youtube-comments-2013-2015" / "comments.csv"
    [rep] = import_files(db_path, [path], channel="music")
    assert rep.status == "loaded" and rep.rows_read == 1956
    # three rows of the file repeat an earlier comment id: one comment, stored once
    assert rep.rows_loaded == 1953 and any("repeat" in n for n in rep.notes)
    assert rows(
        db_path,
        "SELECT count(DISTINCT fan_key), count(DISTINCT video_id), "
        "count(*) FILTER (WHERE is_spam) FROM fan_interactions",
    ) == [(1792, 5, 1003)]
    raw_authors = set(path.read_text(encoding="utf-8").split())
    keys = {r[0] for r in rows(db_path, "SELECT fan_key FROM fan_interactions")}
    assert not keys & raw_authors
    # 245 rows have no time; two of them are among the repeated rows
    assert one(db_path, "SELECT count(*) FROM fan_interactions WHERE ts IS NULL") == 243


def test_xiaohongshu_notes_real_export(db_path: Path, realdata: Path) -> None:
    path = realdata / "xiaohongshu-notes-2026" / "笔记列表明细表.xlsx"
    [rep] = import_files(db_path, [path], channel="xhs")
    assert rep.status == "loaded" and rep.rows_loaded == 41
    got = rows(
        db_path,
        "SELECT count(*), sum(t.views), sum(t.impressions), sum(t.likes), "
        "min(timezone('Asia/Shanghai', v.published_at)), max(timezone('Asia/Shanghai', v.published_at)) "
        "FROM video_totals t JOIN videos v USING (channel_id, video_id)",
    )
    assert got == [
        (
            41,
            12_686,
            67_588,
            348,
            dt.datetime(2026, 6, 6, 3, 15, 29),
            dt.datetime(2026, 7, 11, 3, 9, 5),
        )
    ]


def test_cli_import_exit_status_and_report(tmp_path: Path, realdata: Path) -> None:
    db = tmp_path / "cli.duckdb"
    folder = realdata / "youtube-studio-codingtrain-2021"
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics",
            "import",
            "--db",
            str(db),
            "--channel",
            "ct",
            str(folder / "Totals.csv"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert ok.returncode == 0, ok.stderr
    assert "365 rows read, 365 loaded, 0 rejected" in ok.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Views\n2025-01-01,12\n2025-01-02,lots\n", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "analytics", "import", "--db", str(db), "--channel", "ct", str(bad)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert res.returncode == 1
    assert "line 3, column 'Views': value 'lots': not a whole number" in res.stdout
    assert "Traceback" not in res.stdout + res.stderr
