"""Every note the importer attaches to an import reads in 简体中文 (catalogue keys ``import_note.*``).

Files of every layout the tests hold (``tests/data``) and the real exports in
``../shared/realdata`` (when present) are imported, each into a new store, with
and without a channel name; every note they produce must match a kind of
:mod:`analytics.present.import_notes` and read with no English left but the
file's own column names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analytics.errors import AnalyticsError
from analytics.i18n import TABLE
from analytics.ingest import ImportOptions
from analytics.present.import_notes import PATTERNS, note_text
from analytics.services.imports import import_files
from tests.conftest import SHARED, TEST_DATA

SUFFIXES = {".csv", ".xlsx", ".zip", ".tsv", ".txt"}
QUOTED = re.compile(r"“[^”]*”")  # file headers, account names: the file's own words


def _files() -> list[Path]:
    files = sorted(p for p in TEST_DATA.rglob("*") if p.suffix.lower() in SUFFIXES)
    real = SHARED / "realdata"
    if real.is_dir():
        files += sorted(p for p in real.rglob("*") if p.suffix.lower() in SUFFIXES)
    return files


def _import(db: str, path: Path, channel: str | None) -> list[str]:
    try:
        reports = import_files(db, [path], options=ImportOptions(channel=channel))
    except AnalyticsError:
        return []
    return [n for r in reports for n in r.notes]


def _notes(tmp_path: Path) -> list[str]:
    notes: list[str] = []
    for i, path in enumerate(_files()):
        found = _import(str(tmp_path / f"s{i}.duckdb"), path, None)
        if i < 3:  # a named channel, then the same file again ("imported before")
            db = str(tmp_path / f"n{i}.duckdb")
            found += _import(db, path, "named") + _import(db, path, "named")
        notes += [n for n in found if n not in notes]
    return notes


@pytest.mark.slow
def test_every_import_note_reads_in_chinese(tmp_path: Path) -> None:
    notes = _notes(tmp_path)
    assert len(notes) >= 30
    untranslated = [n for n in notes if note_text(n, "zh") == n]
    assert untranslated == []
    for note in notes:
        zh = QUOTED.sub(" ", note_text(note, "zh"))
        english = re.findall(r"[A-Za-z]{3,}", zh)
        assert set(english) <= {"YouTube", "TikTok", "Meta", "channel"}, (note, zh)
        assert note_text(note, "en") == note  # English as the importer wrote it
    kinds = {p.key for p in PATTERNS for n in notes if p.regex.fullmatch(n.strip())}
    assert len(kinds) >= 18, sorted(kinds)


def test_note_kinds_have_both_languages() -> None:
    for pattern in PATTERNS:
        assert set(TABLE[pattern.key]) == {"en", "zh"}, pattern.key
        assert TABLE[pattern.key]["zh"] != TABLE[pattern.key]["en"]


@pytest.mark.parametrize(
    ("note", "zh"),
    [
        (
            "the file has no channel column: rows land in 'xiaohongshu:default' (name one with "
            "--channel)",
            "文件没有账号列：数据进入“小红书频道（未命名）”（可在上方或用 --channel 为其命名）",
        ),
        (
            "cross-check: the rows sum to 14,344,009 views, the Total row says 15,503,810 (rows "
            "the export left out, or views of unknown location)",
            "核对：各行之和为 14,344,009 次播放，“合计”行为 15,503,810 次（差额是导出文件省略的行，"
            "或地区未知的播放）",
        ),
        ("column 'Views' repeats views; first one kept", "列“Views”与“播放量”重复：保留第一列"),
        ("something the importer says one day", "something the importer says one day"),
    ],
)
def test_note_values_carried_over(note: str, zh: str) -> None:
    assert note_text(note, "zh") == zh


def test_new_import_refusals_in_chinese_and_counted_in_english() -> None:
    from analytics.present.import_notes import import_error_text as localize

    one = (
        "nothing in this file can be stored (no column holds anything the store keeps): "
        "1 row(s) read, none written; nothing was imported"
    )
    assert localize(one, "en") == (
        "nothing in this file can be stored (no column holds anything the store keeps): "
        "1 row read, none written; nothing was imported"
    )
    assert localize(one, "zh") == (
        "这个文件里没有可以保存的内容（没有任何一列是数据库会保存的内容）："
        "读取了 1 行，一行也没有写入；没有导入任何内容"
    )
    full = (
        "no space left on the disk of the store to write the rows; nothing was written: "
        "free some space on that disk and import again"
    )
    assert localize(full, "zh").startswith("数据库所在的磁盘空间已满")
    merged = "3 segment(s) with fewer than 10 fans were merged into the nearest segment."
    assert localize(merged, "en") == (
        "3 segments with fewer than 10 fans were merged into the nearest segment."
    )
    assert localize(merged.replace("3 segment(s) with", "1 segment(s) with"), "en") == (
        "1 segment with fewer than 10 fans was merged into the nearest segment."
    )


def test_not_enough_data_of_a_channel_named_with_spaces_is_translated() -> None:
    from analytics.present.messages import localize

    raw = (
        "not enough data for channel TikTok Studio: 1 video(s) have a views in the first 7 days "
        "(or at 28 days) figure and at least 30 are needed for honest drivers; export per-video "
        "daily views (YouTube Studio: Analytics > Advanced mode > Content, by day) or a video "
        "list with publish times and lifetime views (Douyin, TikTok, Xiaohongshu, Bilibili) and "
        "import it"
    )
    assert localize(raw, "en").startswith("Not enough data: 1 video has a figure for views")
    assert localize(raw, "zh").startswith("数据不足：只有 1 条作品有“")
