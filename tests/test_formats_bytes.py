"""Bytes and values of any format: encodings, delimiters, decimal marks, header rows, ids, bad rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analytics.services.imports import import_files, preview_files
from tests.helpers import one, rows

DAILY = "Date,Views,Average percentage viewed (%)\n2025-01-01,1500,12.5\n2025-01-02,900,40\n"


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),  # no BOM: told by the zero bytes
    ],
)
def test_unicode_encodings(db_path: Path, encoding: str, bom: bytes) -> None:
    data = bom + DAILY.encode(encoding)
    [rep] = import_files(db_path, [("daily.csv", data)], channel="enc")
    assert rep.status == "loaded", rep.error
    assert rows(db_path, "SELECT views, avg_view_pct FROM channel_daily ORDER BY date") == [
        (1500, 0.125),
        (900, 0.4),
    ]


@pytest.mark.parametrize("encoding", ["cp1252", "gb18030", "big5", "cp932"])
def test_legacy_encodings_are_detected_by_their_header(db_path: Path, encoding: str) -> None:
    titles = {
        "cp1252": "Brötchen über Nacht",
        "gb18030": "早餐日常",
        "big5": "滷肉飯做法",
        "cp932": "おにぎりの作り方",
    }
    title = titles[encoding]
    header = {
        "cp1252": "Video,Videotitel,Veröffentlichungszeitpunkt des Videos,Aufrufe",
        "gb18030": "日期,作品名称,播放量,点赞数",
        "big5": "內容,影片標題,影片發布時間,觀看次數",
        "cp932": "コンテンツ,動画のタイトル,動画公開時刻,視聴回数",
    }[encoding]
    row = (
        "2025-03-01," + title + ",1200,35"
        if encoding == "gb18030"
        else "abcDEF12345," + title + ',"Mar 1, 2025",1200'
    )
    data = (header + "\r\n" + row + "\r\n").encode(encoding)
    [rep] = import_files(db_path, [("export.csv", data)], channel="enc")
    assert rep.status == "loaded", rep.error
    assert one(db_path, "SELECT title FROM videos") == title  # never mojibake in the store


def test_mixed_encodings_are_refused_not_mangled(db_path: Path) -> None:
    data = "Content,Video title,Views\nv1,Café,12\n".encode() + "v2,Caf\xe9,13\n".encode("latin-1")
    [rep] = import_files(db_path, [("mixed.csv", data)], channel="enc")
    assert rep.status == "failed" and "mixed encodings" in (rep.error or "")
    assert one(db_path, "SELECT count(*) FROM videos") == 0


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Date;Views;Average percentage viewed (%)\n2025-01-01;1.500;12,5\n2025-01-02;900;40,1\n",
            [1500, 900],
        ),
        (
            "Date\tViews\tAverage percentage viewed (%)\n2025-01-01\t1500\t12.5\n2025-01-02\t900\t40.1\n",
            [1500, 900],
        ),
        (
            'Date,Views,Average percentage viewed (%)\n2025-01-01,"1,500",12.5\n2025-01-02,900,40.1\n',
            [1500, 900],
        ),
    ],
)
def test_delimiters_and_decimal_marks(db_path: Path, text: str, expected: list[int]) -> None:
    [rep] = import_files(db_path, [("d.csv", text.encode())], channel="d")
    assert rep.status == "loaded", rep.error
    assert rows(db_path, "SELECT views, avg_view_pct FROM channel_daily ORDER BY date") == [
        (expected[0], 0.125),
        (expected[1], 0.401),
    ]


def test_a_point_in_a_decimal_comma_file_is_an_error(db_path: Path) -> None:
    text = "Date;Views;Average percentage viewed (%)\n2025-01-01;1500;12,5\n2025-01-02;900;40,1\n2025-01-03;70;0.25\n"
    [rep] = import_files(db_path, [("d.csv", text.encode())], channel="d")
    assert rep.status == "failed"
    assert [(r.line, r.column, r.value) for r in rep.rejects] == [
        (4, "Average percentage viewed (%)", "0.25")
    ]


def test_header_found_below_banner_lines(db_path: Path) -> None:
    text = (
        "Channel report for Kitchen Lab\nExported 2025-01-03\n\n"
        "Date,Views\n2025-01-01,10\n2025-01-02,20\n"
    )
    [rep] = import_files(db_path, [("banner.csv", text.encode())], channel="b")
    assert rep.status == "loaded"
    assert one(db_path, "SELECT sum(views) FROM channel_daily") == 30
    bad = text + "2025-01-03,x\n"
    [failed] = import_files(db_path, [("banner2.csv", bad.encode())], channel="b")
    assert [(r.line, r.value) for r in failed.rejects] == [(7, "x")]  # physical line of the file


@pytest.mark.parametrize(
    "value, reason",
    [
        ("1,2,3", "not a whole number"),
        ("3.5x", "not a whole number"),
        ("12%", "not a whole number"),
        ("1.5", "not a whole number"),
        ("1e5", "not a whole number"),
    ],
)
def test_count_values_that_are_never_a_silent_number(
    db_path: Path, value: str, reason: str
) -> None:
    data = f'Date,Views\n2025-01-01,10\n2025-01-02,"{value}"\n'.encode()
    [rep] = import_files(db_path, [("c.csv", data)], channel="c")
    assert rep.status == "failed"
    assert [(r.line, r.column, r.value, r.reason) for r in rep.rejects] == [
        (3, "Views", value, reason)
    ]
    assert one(db_path, "SELECT count(*) FROM channel_daily") == 0


def test_counts_with_suffixes_and_lower_bounds(db_path: Path) -> None:
    data = (
        '作品名称,播放量,点赞,评论,分享\nA,1.2万,3.5w,1.5k,12\nB,1.1亿,"2,304",0,5万\nC,10万+,980,1500,3\n'
        'D,"1 234",12,34,-5\n'
    ).encode()
    [rep] = import_files(db_path, [("c.csv", data)], channel="c")
    assert rep.status == "loaded", rep.error
    assert rows(
        db_path,
        "SELECT v.title, t.views, t.likes, t.comments, t.shares, t.lower_bounds FROM video_totals t "
        "JOIN videos v USING (channel_id, video_id) ORDER BY v.title",
    ) == [
        ("A", 12000, 35000, 1500, 12, []),
        ("B", 110_000_000, 2304, 0, 50000, []),
        ("C", 100000, 980, 1500, 3, ["views"]),
        ("D", 1234, 12, 34, -5, []),
    ]


def test_rates_one_convention_whatever_the_export_wrote(db_path: Path) -> None:
    data = ("作品名称,完播率,互动率\nA,25.00%,0.25\nB,0.5,7%\n").encode()
    import_files(db_path, [("r.csv", data)], channel="r")
    assert rows(
        db_path,
        "SELECT completion_rate, engagement_rate FROM video_totals ORDER BY completion_rate",
    ) == [(0.25, 0.25), (0.5, 0.07)]
    yt = b"Content,Impressions click-through rate (%)\nv1,25\nv2,25.00%\nv3,0.25\n"
    import_files(db_path, [("y.csv", yt)], channel="y")
    assert rows(
        db_path,
        "SELECT video_id, impressions_ctr FROM video_totals WHERE channel_id = 'y' "
        "ORDER BY video_id",
    ) == [("v1", 0.25), ("v2", 0.25), ("v3", 0.0025)]


def test_ids_are_text_byte_for_byte(db_path: Path) -> None:
    data = (
        b"Content,Video title,Views\n -dash_Start,a,1\n_under-sc0,b,2\n0012345,c,3\n7500000000000000001,d,4\n"
        b"'quoted,e,5\n"
    )
    import_files(db_path, [("ids.csv", data)], channel="ids")
    got = rows(
        db_path,
        "SELECT v.video_id FROM videos v JOIN video_totals t USING (channel_id, video_id) "
        "ORDER BY t.views",
    )
    assert [r[0] for r in got] == [
        "-dash_Start",
        "_under-sc0",
        "0012345",
        "7500000000000000001",
        "'quoted",
    ]


def test_every_bad_row_is_listed_and_nothing_is_written(db_path: Path) -> None:
    path = Path(__file__).resolve().parent / "data" / "formats" / "bad" / "three_bad_rows.csv"
    [pv] = preview_files([path])
    assert [(r.line, r.column, r.value) for r in pv.rejects] == [
        (3, "Views", "lots"),
        (4, "Average view duration", "1:2"),
        (5, "Impressions click-through rate (%)", "abc"),
    ]
    [rep] = import_files(db_path, [path], channel="bad")
    assert rep.status == "failed" and rep.rows_rejected == 3
    assert rep.error == "3 value(s) cannot be read; nothing was imported"
    assert one(db_path, "SELECT count(*) FROM videos") == 0
    assert rows(
        db_path, "SELECT line, column_name, raw_value, reason FROM import_rejects ORDER BY line"
    ) == [
        (3, "Views", "lots", "not a whole number"),
        (4, "Average view duration", "1:2", "not a duration (seconds, m:ss or h:mm:ss)"),
        (5, "Impressions click-through rate (%)", "abc", "not a rate (percent or fraction)"),
    ]


def test_more_rejects_than_listed_are_counted(db_path: Path) -> None:
    body = "".join(
        f"2024-01-{1 + i % 28:02d},x{i}\n" if i % 2 else f"2024-02-{1 + i % 28:02d},{i}\n"
        for i in range(3000)
    )
    [rep] = import_files(db_path, [("many.csv", ("Date,Views\n" + body).encode())], channel="m")
    assert rep.status == "failed" and len(rep.rejects) == 1000
    assert (
        rep.error
        == "1,500 value(s) cannot be read (the first 1,000 are listed); nothing was imported"
    )


def test_dates_of_every_layout_in_one_column(db_path: Path) -> None:
    data = (
        'Date,Views\n2025-01-01,1\n20250102,2\n2025/01/03,3\n"Jan 4, 2025",4\n5 janv. 2025,5\n'
        "2025年01月06日,6\n2025-01-07T00:00:00,7\n45665,8\n"
    ).encode()
    [rep] = import_files(db_path, [("d.csv", data)], channel="d")
    assert rep.status == "loaded", rep.error
    assert [r[0] for r in rows(db_path, "SELECT date FROM channel_daily ORDER BY views")] == [
        dt.date(2025, 1, d) for d in range(1, 9)
    ]


def test_fixture_script_reproduces_the_fixtures(tmp_path: Path) -> None:
    import importlib.util

    here = Path(__file__).resolve().parent / "data" / "formats"
    spec = importlib.util.spec_from_file_location("make_fixtures", here / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert made and len(made) == 44
    for rel in made:
        assert (tmp_path / rel).read_bytes() == (here / rel).read_bytes(), rel
