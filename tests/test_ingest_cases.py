"""One test per bug-report case of the importer (inputs copied into tests/data/cases)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from analytics.ingest import ImportOptions
from analytics.services.imports import import_files, preview_files
from tests.helpers import one, rows


def test_c01_bom_glued_to_first_column(db_path: Path, cases_dir: Path) -> None:
    data = (cases_dir / "C01/input.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    pv = preview_files([("input.csv", data)])[0]
    assert pv.error is None
    assert pv.row_counts["video_totals"] == 3
    [rep] = import_files(db_path, [("input.csv", data)], channel="c01")
    assert rep.status == "loaded" and rep.rows_loaded == 3
    assert sorted(r[0] for r in rows(db_path, "SELECT video_id FROM videos")) == [
        "vid_a01",
        "vid_b02",
        "vid_c03",
    ]
    assert one(db_path, "SELECT sum(views) FROM video_totals") == 1200 + 800 + 450


def test_c03_quoted_thousands_separators(db_path: Path, cases_dir: Path) -> None:
    [rep] = import_files(db_path, [cases_dir / "C03/input.csv"], channel="c03")
    assert rep.status == "loaded", rep.error
    got = rows(db_path, "SELECT video_id, views, watch_time_s FROM video_totals ORDER BY video_id")
    assert [r[1] for r in got] == [1_200_000, 98_000, 7_310]
    assert [round(r[2] / 3600, 4) for r in got] == [3456.7, 120.5, 15.0]
    assert rows(db_path, "SELECT typeof(views) FROM video_totals LIMIT 1")[0][0] == "BIGINT"


def test_c05_quoted_newlines_in_titles(db_path: Path, cases_dir: Path) -> None:
    [rep] = import_files(db_path, [cases_dir / "C05/input.csv"], channel="c05")
    assert rep.rows_loaded == 3
    titles = dict(rows(db_path, "SELECT video_id, title FROM videos"))
    assert titles["vid_a01"] == "Line one\nline two"
    assert (
        titles["vid_b02"] == "Ends with a newline"
    )  # trailing newline trimmed like any whitespace
    assert [r[0] for r in rows(db_path, "SELECT views FROM video_totals ORDER BY video_id")] == [
        1200,
        800,
        50,
    ]


def test_c13_durations_m_ss_not_h_mm(db_path: Path, cases_dir: Path) -> None:
    import_files(db_path, [cases_dir / "C13/input.csv"], channel="c13")
    got = rows(
        db_path,
        "SELECT t.avg_view_duration_s, v.duration_s FROM video_totals t "
        "JOIN videos v USING (channel_id, video_id) ORDER BY video_id",
    )
    assert [r[0] for r in got] == [45, 187, 3723, 3910]
    assert [r[1] for r in got] == [210, 725, 8100, 5700]


def test_c13_bad_duration_is_a_row_error(db_path: Path) -> None:
    data = b"Content,Video title,Average view duration\nv1,A,0:45\nv2,B,1:2\n"
    [rep] = import_files(db_path, [("bad.csv", data)], channel="x")
    assert rep.status == "failed"
    assert (rep.rejects[0].line, rep.rejects[0].column, rep.rejects[0].value) == (
        3,
        "Average view duration",
        "1:2",
    )
    assert one(db_path, "SELECT count(*) FROM videos") == 0


def test_c14_total_row_is_not_a_video(db_path: Path, cases_dir: Path) -> None:
    [rep] = import_files(db_path, [cases_dir / "C14/input.csv"], channel="c14")
    assert rep.rows_loaded == 3
    assert one(db_path, "SELECT count(*) FROM videos WHERE video_id = 'Total'") == 0
    assert one(db_path, "SELECT sum(views) FROM video_totals") == 1_563_000
    assert any("1,563,000" in n for n in rep.notes)  # the Total row cross-checks


@pytest.mark.parametrize(
    "order",
    [
        ("export_2025-01-05.csv", "export_2025-01-09.csv"),
        ("export_2025-01-09.csv", "export_2025-01-05.csv"),
    ],
)
def test_c16_overlapping_exports_newer_wins(
    db_path: Path, cases_dir: Path, order: tuple[str, str]
) -> None:
    files = [cases_dir / "C16" / name for name in order]
    import_files(db_path, files, channel="c16")
    import_files(db_path, files, channel="c16")  # again: nothing changes
    got = dict(rows(db_path, "SELECT date, views FROM channel_daily"))
    assert len(got) == 8
    assert got[dt.date(2025, 1, 4)] == 1047 and got[dt.date(2025, 1, 5)] == 1057
    assert sum(got.values()) == 8374


def test_c17_same_buffer_previewed_then_imported(db_path: Path, cases_dir: Path) -> None:
    buf = io.BytesIO((cases_dir / "C17/input.csv").read_bytes())
    first = buf.getvalue()
    pv = preview_files([("input.csv", first)])[0]
    assert pv.row_counts["channel_daily"] == 3
    second = buf.getvalue()  # the Import page reads getvalue(), never read(): never empty
    [rep] = import_files(db_path, [("input.csv", second)], channel="c17")
    assert rep.rows_loaded == 3
    [again] = import_files(db_path, [("input.csv", buf.getvalue())], channel="c17")  # a rerun
    assert again.status == "duplicate"
    assert one(db_path, "SELECT count(*) FROM channel_daily") == 3
    assert one(db_path, "SELECT count(*) FROM imports WHERE status = 'loaded'") == 1
    [empty] = import_files(db_path, [("empty.csv", b"")], channel="c17")
    assert empty.status == "failed" and empty.error == "the file is empty"


def test_c02_semicolon_and_decimal_comma(db_path: Path, cases_dir: Path) -> None:
    [rep] = import_files(db_path, [cases_dir / "C02/input.csv"], channel="c02")
    assert rep.rows_loaded == 3
    got = rows(db_path, "SELECT views, avg_view_pct FROM channel_daily ORDER BY date")
    assert [r[0] for r in got] == [1500, 900, 2100]
    assert [round(r[1], 4) for r in got] == [0.125, 0.401, 0.33]  # fractions, not percent
    assert (
        "column 'Title' is not stored (the table has no video id)" in rep.notes
    )  # said, not silent


def test_c04_gbk_export(db_path: Path, cases_dir: Path) -> None:
    [rep] = import_files(db_path, [cases_dir / "C04/input.csv"], channel="c04")
    assert rep.status == "loaded", rep.error
    got = rows(
        db_path,
        "SELECT v.title, d.views FROM video_daily d JOIN videos v USING (channel_id, video_id) "
        "ORDER BY d.date",
    )
    assert got[0][0] == "早餐日常"
    assert [r[1] for r in got] == [12000, 8600, 15300]


def test_c07_type_change_after_sample(db_path: Path, cases_dir: Path) -> None:
    [rep] = import_files(db_path, [cases_dir / "C07/input.csv"], channel="c07")
    assert rep.rows_loaded == 20602
    assert one(db_path, "SELECT count(*) FROM videos") == 20602
    assert one(db_path, "SELECT duration_s FROM videos WHERE video_id = 'v20601'") == 3723


def test_c09_day_first_and_ambiguous(db_path: Path, cases_dir: Path) -> None:
    import_files(db_path, [cases_dir / "C09/input_dayfirst.csv"], channel="c09")
    assert [r[0] for r in rows(db_path, "SELECT date FROM channel_daily ORDER BY date")] == [
        dt.date(2024, 12, 31),
        dt.date(2025, 2, 1),
        dt.date(2025, 3, 10),
    ]
    [rep] = import_files(db_path, [cases_dir / "C09/input_ambiguous.csv"], channel="c09b")
    assert rep.status == "failed" and "ambiguous date order in column Date" in (rep.error or "")
    assert one(db_path, "SELECT count(*) FROM channel_daily WHERE channel_id = 'c09b'") == 0
    [ok] = import_files(
        db_path,
        [cases_dir / "C09/input_ambiguous.csv"],
        channel="c09b",
        options=ImportOptions(date_order="mdy"),
    )
    assert ok.status == "loaded"
    assert rows(db_path, "SELECT min(date) FROM channel_daily WHERE channel_id = 'c09b'")[0][
        0
    ] == dt.date(2025, 1, 2)


def test_c12_chinese_count_suffixes(db_path: Path, cases_dir: Path) -> None:
    import_files(db_path, [cases_dir / "C12/input.csv"], channel="c12")
    got = {
        r[0]: r[1:]
        for r in rows(
            db_path,
            "SELECT v.title, t.views, t.likes, t.comments, t.shares, t.lower_bounds FROM video_totals t "
            "JOIN videos v USING (channel_id, video_id)",
        )
    }
    assert got["早餐日常"][:4] == (12000, 35000, 8901, 12)
    assert got["书桌布置"][:4] == (110_000_000, 2304, 0, 50000)
    assert got["周末出游"][:4] == (100000, 980, 1500, 3)
    assert got["周末出游"][4] == ["views"]  # 10万+ is a lower bound


def test_c12_unknown_suffix_is_a_row_error(db_path: Path) -> None:
    data = "作品名称,播放量\n早餐日常,1.2万\n书桌布置,3.5x\n".encode()
    [rep] = import_files(db_path, [("bad.csv", data)], channel="x")
    assert rep.status == "failed"
    assert (rep.rejects[0].line, rep.rejects[0].column, rep.rejects[0].value) == (
        3,
        "播放量",
        "3.5x",
    )
