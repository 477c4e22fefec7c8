"""Undo an import: its rows go, and the rows it overlapped come back from the imports that remain.

The store after importing files A, B, C and undoing X must equal the store
after importing only the others (every order, every choice of X): the
newer-wins merge is recomputed, not just the undone rows deleted.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from analytics.cli import main
from analytics.services.archive import coverage, gone_notes, list_imports, undo_import
from analytics.services.imports import import_files
from analytics.store.connection import connect


def _daily(start: dt.date, days: int, views: int, likes: int | None) -> bytes:
    head = "Date,Views" + (",Likes" if likes is not None else "")
    lines = [head]
    for i in range(days):
        day = (start + dt.timedelta(days=i)).isoformat()
        lines.append(f"{day},{views + i}" + (f",{likes}" if likes is not None else ""))
    return ("\n".join(lines) + "\n").encode()


FILES = {
    "a.csv": _daily(dt.date(2025, 1, 1), 10, 100, 7),  # Jan 1-10, views and likes
    "b.csv": _daily(dt.date(2025, 1, 5), 11, 200, None),  # Jan 5-15, views only (newer)
    "c.csv": _daily(dt.date(2025, 1, 20), 3, 900, 1),  # Jan 20-22: a gap before it
}


def _rows(db: str) -> list[tuple]:
    with connect(db) as con:
        return con.execute(
            "SELECT channel_id, date, views, likes FROM channel_daily ORDER BY ALL"
        ).fetchall()


def _import(db: str, names: list[str]) -> dict[str, int]:
    reports = import_files(db, [(n, FILES[n]) for n in names], channel="me")
    assert all(r.status == "loaded" for r in reports), [r.error for r in reports]
    return {r.file_name: int(r.import_id) for r in reports}


def test_undo_brings_back_the_overlapped_older_values(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    ids = _import(db, ["a.csv", "b.csv"])
    before = dict(((d, (v, lk)) for _, d, v, lk in _rows(db)))
    assert before[dt.date(2025, 1, 5)] == (200, 7)  # b's views, a's likes (b has none)
    result = undo_import(db, ids["b.csv"])
    after = {d: (v, lk) for _, d, v, lk in _rows(db)}
    assert sorted(after) == [dt.date(2025, 1, d) for d in range(1, 11)]
    assert after[dt.date(2025, 1, 5)] == (104, 7)  # a's own values are back
    assert result.keys_removed["channel_daily"] == 5 and result.keys_rebuilt["channel_daily"] == 6
    # the undone file can be imported again, and lands as before
    again = _import(db, ["b.csv"])
    assert {d: (v, lk) for _, d, v, lk in _rows(db)} == before
    assert again["b.csv"] != ids["b.csv"]


@pytest.mark.parametrize("order", list(itertools.permutations(FILES)))
def test_undo_equals_never_having_imported_the_file(tmp_path: Path, order: tuple[str, ...]) -> None:
    for undone in order:
        db = str(tmp_path / f"all-{undone}.duckdb")
        ids = {}
        for name in order:  # one command per file: import order is the order given
            ids.update(_import(db, [name]))
        undo_import(db, ids[undone])
        ref = str(tmp_path / f"ref-{undone}.duckdb")
        for name in order:
            if name != undone:
                _import(ref, [name])
        assert _rows(db) == _rows(ref), (order, undone)


def test_undo_import_cli_lists_undoes_and_refuses_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.duckdb")
    ids = _import(db, ["a.csv", "b.csv"])
    capsys.readouterr()
    assert main(["undo-import", "--db", db, "--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].split()[0] == str(ids["b.csv"]) and "b.csv" in listed[0]
    assert "2025-01-05 .. 2025-01-15" in listed[0]
    assert main(["undo-import", "--db", db, "--json", str(ids["b.csv"])]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["keys_removed"]["channel_daily"] == 5
    assert main(["undo-import", "--db", db, str(ids["b.csv"])]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"error: import {ids['b.csv']} (b.csv) is undone, not loaded; there is nothing to undo\n"
    )
    assert [r["import_id"] for r in list_imports(db)] == [ids["a.csv"]]


def test_forget_fan_also_clears_the_per_import_rows(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    fans = b"fan_id,video_id,event,timestamp\nfan_x,v1,view,2025-01-01T10:00:00Z\nfan_y,v1,like,2025-01-01T11:00:00Z\n"
    [rep] = import_files(db, [("fans.csv", fans)], channel="me")
    assert rep.status == "loaded"
    with connect(db) as con:
        assert con.execute("SELECT count(*) FROM import_rows_fan_interactions").fetchall() == [(2,)]
    assert main(["forget-fan", "--db", db, "fan_x"]) == 0
    with connect(db) as con:
        assert con.execute("SELECT count(*) FROM import_rows_fan_interactions").fetchall() == [(1,)]


def test_coverage_calendar_names_each_exports_days_metrics_and_the_gaps(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    ids = _import(db, list(FILES))
    cov = coverage(db, "me")
    by_file = cov.exports.set_index("file_name")
    assert by_file.loc["a.csv", "first_day"] == dt.date(2025, 1, 1)
    assert by_file.loc["a.csv", "last_day"] == dt.date(2025, 1, 10)
    assert by_file.loc["a.csv", "days"] == 10 and by_file.loc["b.csv", "days"] == 11
    assert by_file.loc["a.csv", "metrics"] == ["views", "likes"]
    assert by_file.loc["b.csv", "metrics"] == ["views"]
    assert cov.gaps == [(dt.date(2025, 1, 16), dt.date(2025, 1, 19))]
    days = cov.days.set_index("date")
    assert len(days) == 22
    assert (
        days.loc[dt.date(2025, 1, 7), "exports"] == 2
        and days.loc[dt.date(2025, 1, 17), "exports"] == 0
    )
    undo_import(db, ids["c.csv"])
    assert coverage(db, "me").gaps == []


def test_download_before_it_is_gone_notes(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    with connect(db) as con:
        con.execute(
            "INSERT INTO channels (channel_id, platform) VALUES ('tt', 'tiktok'), ('dy', 'douyin'), "
            "('yt', 'youtube')"
        )
        con.execute(
            "INSERT INTO channel_daily (channel_id, date, views) VALUES "
            "('tt', DATE '2025-03-01', 1), ('dy', DATE '2025-03-01', 1), ('yt', DATE '2025-03-01', 1)"
        )
    notes = gone_notes(db, today=dt.date(2025, 4, 15)).set_index("channel_id")
    assert notes.loc["tt", "window_days"] == 60
    assert notes.loc["tt", "download_by"] == dt.date(2025, 4, 30)
    assert notes.loc["tt", "lost_from"] is None
    assert notes.loc["dy", "window_days"] == 30
    assert notes.loc["dy", "download_by"] == dt.date(2025, 3, 31)
    assert (notes.loc["dy", "lost_from"], notes.loc["dy", "lost_to"]) == (
        dt.date(2025, 3, 2),
        dt.date(2025, 3, 15),
    )
    assert (
        notes.loc["yt", "window_days"] is None
        or notes.loc["yt", "window_days"] != notes.loc["yt", "window_days"]
    )


def test_import_page_shows_notes_coverage_and_undoes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.dashboard_store import REPO

    db = str(tmp_path / "s.duckdb")
    ids = _import(db, ["a.csv", "b.csv", "c.csv"])
    with connect(db) as con:
        con.execute("UPDATE channels SET platform = 'tiktok' WHERE channel_id = 'me'")
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", db)
    at = AppTest.from_file(str(REPO / "pages" / "1_Import.py"), default_timeout=60).run()
    assert not at.exception, at.exception
    warnings = [w.value.replace("\\", "") for w in at.warning]  # shown Markdown-escaped
    assert any("only the last 60 days" in w and "ends 2025-01-22" in w for w in warnings), warnings
    assert "1 gap no export covers: 2025-01-16 – 2025-01-19" in warnings
    cov = next(
        df.value
        for df in at.dataframe
        if "metrics" in df.value.columns and "first_day" in df.value.columns
    )
    assert cov.set_index("file_name").loc["a.csv", "metrics"] == "Views, Likes"  # names, not codes
    at.selectbox(key="undo_import_pick").set_value(ids["b.csv"]).run()
    at.button(key="undo_import_button").click().run()
    assert not at.exception, at.exception
    assert [s.value.replace("\\", "") for s in at.success][0].startswith(
        "Undid b.csv: 5 rows removed, 6 rows rebuilt"
    )
    assert dict(((d, v) for _, d, v, _ in _rows(db)))[dt.date(2025, 1, 5)] == 104


def test_import_page_in_chinese_has_the_archive_sections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.dashboard_store import REPO

    db = str(tmp_path / "s.duckdb")
    _import(db, ["a.csv"])
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", db)
    at = AppTest.from_file(str(REPO / "pages" / "1_Import.py"), default_timeout=60).run()
    at.sidebar.selectbox(key="lang").set_value("zh").run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert "覆盖日历" in labels and "撤销导入" in labels
    assert "从第一次到最后一次导出之间的每一天都已覆盖。" in [c.value for c in at.caption]
