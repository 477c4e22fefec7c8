"""A large local CSV read by DuckDB from its path stores what the in-memory read stores.

``BY_PATH_BYTES`` is set to 0 here so that the small case files take the
by-path read (real files take it above 32 MB).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from analytics.services.imports import import_files
from analytics.services.imports import import_path as import_path_fast
from tests.helpers import rows

TABLES = {
    "videos": "SELECT * EXCLUDE (import_id) FROM videos ORDER BY ALL",
    "video_daily": "SELECT * EXCLUDE (import_id) FROM video_daily ORDER BY ALL",
    "video_totals": "SELECT * EXCLUDE (import_id) FROM video_totals ORDER BY ALL",
    "channel_daily": "SELECT * EXCLUDE (import_id) FROM channel_daily ORDER BY ALL",
    "channel_breakdown": "SELECT * EXCLUDE (import_id) FROM channel_breakdown ORDER BY ALL",
    "channels": "SELECT channel_id, platform, display_name, time_zone FROM channels ORDER BY ALL",
    "imports": "SELECT status, format, channel_id, rows_read, rows_loaded, rows_rejected, period_start, period_end "
    "FROM imports ORDER BY import_id",
}

WORKS = (
    "作品名称,发布时间,体裁,审核状态,播放量,完播率,5s完播率,2s跳出率,平均播放时长,点赞量,分享量,评论量,收藏量,主页访问量,粉丝增量\n"
    '"早餐日常\n今天做了三明治 #美食 #Vlog",2026-04-03 21:26:39,图文,公开,34606,0.366807,0.366807,0.425530,'
    "4.586155,1155,69,45,84,6549,277\n"
    "书桌布置,2025-12-15 18:15:00,1min-视频,公开,1.2万,0.126646,-,0.439800,5.238548,5190,129,117,306,7711,342\n"
    "周末出游,2025-12-16 08:00:00,1-3min视频,自见,10万+,0.2,0.1,0.3,61,12,1,0,3,4,5\n"
)


@pytest.fixture(autouse=True)
def _by_path(monkeypatch: pytest.MonkeyPatch) -> None:
    import analytics.ingest.api as api

    monkeypatch.setattr(api, "BY_PATH_BYTES", 0)


def _in_memory(db: Path, path: Path, channel: str) -> list:
    """The same file given as bytes (an upload): decoded and read in memory."""
    return import_files(db, [(path.name, path.read_bytes())], channel=channel)


def _snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    return {name: rows(db, sql) for name, sql in TABLES.items()}


def _copy(src: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    dst = folder / src.name
    shutil.copyfile(src, dst)
    return dst


@pytest.mark.parametrize(
    "files",
    [
        ["C03/input.csv"],
        ["C05/input.csv"],
        ["C07/input.csv"],
        ["C12/input.csv"],
        ["C13/input.csv"],
        ["C14/input.csv"],
        ["C16/export_2025-01-05.csv", "C16/export_2025-01-09.csv"],
        ["C16/export_2025-01-09.csv", "C16/export_2025-01-05.csv"],
    ],
)
def test_same_rows_as_import_files(tmp_path: Path, cases_dir: Path, files: list[str]) -> None:
    paths = [_copy(cases_dir / f, tmp_path / "in" / f.split("/")[0]) for f in files]
    slow, fast = tmp_path / "slow.duckdb", tmp_path / "fast.duckdb"
    for p in paths:
        [a] = _in_memory(slow, p, "ch")
        b = import_path_fast(fast, p, channel="ch")
        assert (b.status, b.rows_read, b.rows_loaded, b.error) == (
            a.status,
            a.rows_read,
            a.rows_loaded,
            a.error,
        )
        assert [n.replace(str(p), p.name) for n in b.notes] == a.notes
    assert _snapshot(fast) == _snapshot(slow)


def test_douyin_works_list_by_path(tmp_path: Path) -> None:
    path = tmp_path / "作品列表.csv"
    path.write_text(WORKS, encoding="utf-8")
    slow, fast = tmp_path / "slow.duckdb", tmp_path / "fast.duckdb"
    [a] = _in_memory(slow, path, "dy")
    b = import_path_fast(fast, path, channel="dy")
    assert (b.status, b.rows_loaded) == (a.status, a.rows_loaded) == ("loaded", 3)
    assert _snapshot(fast) == _snapshot(slow)
    got = rows(
        fast,
        "SELECT v.title, v.tags, t.views, t.saves FROM videos v "
        "JOIN video_totals t USING (channel_id, video_id) ORDER BY v.title",
    )
    assert got == [
        ("书桌布置", [], 12000, 306),
        ("周末出游", [], 100000, 3),
        ("早餐日常", ["美食", "vlog"], 34606, 84),
    ]
    again = import_path_fast(fast, path, channel="dy")
    assert again.status == "duplicate"


def test_not_utf8_falls_back_to_decoding(tmp_path: Path, cases_dir: Path) -> None:
    path = _copy(cases_dir / "C04/input.csv", tmp_path)
    rep = import_path_fast(tmp_path / "s.duckdb", path, channel="c04")
    assert rep.status == "loaded", rep.error
    assert [
        r[0] for r in rows(tmp_path / "s.duckdb", "SELECT views FROM video_daily ORDER BY date")
    ] == [12000, 8600, 15300]


def test_bad_value_is_rejected_and_nothing_stored(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Date,Views\n2025-01-01,12\n2025-01-02,lots\n", encoding="utf-8")
    rep = import_path_fast(tmp_path / "s.duckdb", path, channel="x")
    assert rep.status == "failed"
    assert [(r.line, r.column, r.value) for r in rep.rejects] == [(3, "Views", "lots")]
    assert rows(tmp_path / "s.duckdb", "SELECT count(*) FROM channel_daily") == [(0,)]


def test_import_works_within_a_small_memory_limit_and_cleans_its_spill_folder(
    tmp_path: Path, cases_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_IMPORT_MEMORY_MB", "64")
    path = _copy(cases_dir / "C07/input.csv", tmp_path / "in")
    store = tmp_path / "store" / "fast.duckdb"
    rep = import_path_fast(store, path, channel="ch")
    assert (rep.status, rep.rows_loaded, rep.error) == ("loaded", 20602, None)
    _in_memory(tmp_path / "slow.duckdb", path, "ch")
    assert _snapshot(store) == _snapshot(tmp_path / "slow.duckdb")
    assert rows(store, "SELECT count(*) FROM imports") == [(1,)]
    # the work folder beside the store is gone afterwards
    assert list((store.parent / ".creator-analytics-tmp").iterdir()) == []
