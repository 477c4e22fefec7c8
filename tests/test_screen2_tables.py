"""Tables sort numbers as numbers and write them with their unit; file names without folders.

Real files come from ``../shared/realdata`` (skipped when absent).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.ingest import ImportOptions
from analytics.present.file_names import file_label
from analytics.services import metrics
from analytics.services.imports import import_files
from dashboard import tables
from tests.conftest import REPO
from tests.shown_tables import shown_text

XHS = "xiaohongshu-notes-2026/笔记列表明细表.xlsx"
STUDIO = "youtube-studio-codingtrain-2021"
TIKTOK = "tiktok-studio-2025-2026"
EMPTY = {"None", "nan", "NaN", "NaT", "<NA>", "null"}
TIMEOUT = 300


def _import(db: str, paths: list[Path], **opts: object) -> None:
    reports = import_files(db, [str(p) for p in paths], options=ImportOptions(**opts))
    assert [r.status for r in reports] == ["loaded"] * len(paths), [r.error for r in reports]


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Studio (by country), TikTok daily and Xiaohongshu notes, imported by path as the CLI does."""
    root = Path(__file__).resolve().parents[2] / "shared" / "realdata"
    if not root.is_dir():
        pytest.skip("real data folder ../shared/realdata is not present in this checkout")
    db = str(tmp_path_factory.mktemp("real") / "real.duckdb")
    _import(db, [root / STUDIO / "Totals.csv"], channel="Coding Train")
    _import(
        db,
        [
            root / TIKTOK / "Overview_April-Des2025.csv",
            root / TIKTOK / "Overview_Jan-April2026.csv",
        ],
        channel="TikTok Biz",
        export_date=dt.date(2026, 4, 12),
    )
    _import(db, [root / XHS], channel="小红书笔记", time_zone="Asia/Shanghai")
    return db


def _page(db: str, page: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", db)
    at = AppTest.from_file(str(REPO / page), default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


def _table(at: AppTest, header: str):  # noqa: ANN202 - an AppTest Dataframe element
    for element in at.dataframe:
        if header in element.value.columns:
            return element
    raise AssertionError(f"no table with a {header!r} column")


# ----------------------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("kind", "values", "en", "zh"),
    [
        ("count", [1_563_000, 987], ["1,563,000", "987"], ["156.3万", "987"]),
        ("rate", [0.0186, 0.2], ["1.9%", "20.0%"], ["1.9%", "20.0%"]),
        ("ratio", [2.5, 0.25], ["2.50×", "0.25×"], ["2.50×", "0.25×"]),
        ("duration", [245, 3725], ["4:05", "1:02:05"], ["4:05", "1:02:05"]),
        ("int", [12, 3], ["12", "3"], ["12", "3"]),
    ],
)
def test_every_number_kind_stays_a_number_and_reads_with_its_unit(
    kind: str, values: list[float], en: list[str], zh: list[str]
) -> None:
    frame = pd.DataFrame({"x": [values[0], None, values[1]]})
    columns = [("x", kind, "videos.col.views")]
    for lang, text in (("en", en), ("zh", zh)):
        shown = tables.display_frame(frame, columns, lang)
        column = shown.iloc[:, 0]
        assert column.dtype == np.float64
        # Sorting the shown column sorts by value, never as text ("987" after "1,563,000").
        assert column.sort_values().dropna().tolist() == sorted(values)
        styler = tables.styled(shown, columns, lang)
        written = styler.to_string().split("\n")[1:4]
        assert [line.split(maxsplit=1)[1] for line in written] == [text[0], "–", text[1]]
        # Streamlit writes "None" over a null cell whatever the Styler says: the cell the
        # page hands it holds a number that sorts below all others, written "–".
        data = styler.data.iloc[:, 0]
        assert not data.isna().any()
        assert data.tolist() == [values[0], tables.UNKNOWN_NUMBER, values[1]]
        assert data.sort_values().tolist()[1:] == sorted(values)


def test_a_number_column_no_row_has_is_left_out_and_named() -> None:
    frame = pd.DataFrame({"views": [5.0, None], "saves": [None, None]})
    columns = [("views", "count", "videos.col.views"), ("saves", "count", "videos.col.saves")]
    assert list(tables.display_frame(frame, columns, "en", drop_empty=True).columns) == ["Views"]
    assert tables.missing_notes(frame, columns, "en") == [
        "Not in these exports, so not shown: Saves.",
        "– means the export of that row's platform has no such figure (Views).",
    ]
    assert (
        tables.missing_notes(frame, columns, "zh")[0]
        == "这些导出文件中没有以下数据，因此未显示：收藏。"
    )


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("/data/exports/Totals.csv", "Totals.csv"),
        ("../exports/2026/Overview.csv", "Overview.csv"),
        (r"D:\exports\Table data.csv", "Table data.csv"),
        (
            "/data/Content 2024.zip/Content 2024/Table data.csv",
            "Content 2024.zip › Table data.csv",
        ),
        ("Content.zip/Chart data.csv", "Content.zip › Chart data.csv"),
        ("笔记列表明细表.xlsx", "笔记列表明细表.xlsx"),
    ],
)
def test_file_label_never_shows_a_folder(stored: str, shown: str) -> None:
    assert file_label(stored) == shown


# ----------------------------------------------------------------------------- pages


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_videos_table_sorts_views_as_numbers(
    real_store: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _page(real_store, "pages/2_Videos.py", lang, monkeypatch)
    views = "Views" if lang == "en" else "播放量"
    element = _table(at, views)
    values, text = element.value, shown_text(element)
    expected = metrics.video_table(real_store, None)
    assert len(values) == len(expected) == 41
    assert values[views].dtype == np.float64
    assert sorted(values[views]) == sorted(expected["views"].astype(float))
    # The largest note, written the language's way, in the row the number is in.
    top = int(values[views].idxmax())
    biggest = float(expected["views"].max())
    assert values[views][top] == biggest
    if lang == "zh":
        assert text[views][top].endswith("万") or biggest < 10_000
    else:
        assert text[views][top] == f"{biggest:,.0f}"
    cells = set(text.astype(str).to_numpy().ravel().tolist())
    assert not cells & EMPTY
    # Notes have no duration: the column is left out and a caption says so.
    duration = "Duration" if lang == "en" else "时长"
    assert duration not in values.columns
    assert any(duration in c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_overview_tables_sort_numbers_as_numbers(
    real_store: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _page(real_store, "app.py", lang, monkeypatch)
    days = "Days with daily views" if lang == "en" else "有每日播放数据的天数"
    element = _table(at, days)
    values = element.value
    assert values[days].dtype == np.float64
    assert values[days].tolist() == [365.0, 363.0, 0.0]  # channels with daily data first
    assert not set(shown_text(element).astype(str).to_numpy().ravel().tolist()) & EMPTY


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_past_imports_show_file_names_not_paths(
    real_store: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _page(real_store, "pages/1_Import.py", lang, monkeypatch)
    header = "File" if lang == "en" else "文件"
    files = shown_text(_table(at, header))[header].tolist()
    assert sorted(files) == sorted(
        [
            "Totals.csv",
            "Overview_April-Des2025.csv",
            "Overview_Jan-April2026.csv",
            "笔记列表明细表.xlsx",
        ]
    )
    rows = _table(at, header).value
    loaded = "Rows loaded" if lang == "en" else "已导入行数"
    if loaded in rows.columns:
        assert rows[loaded].dtype == np.float64


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_traffic_page_names_untitled_notes_never_by_id(
    real_store: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", real_store)
    at = AppTest.from_file(str(REPO / "pages" / "8_Traffic.py"), default_timeout=TIMEOUT)
    for key in ("lang", "keep:lang"):
        at.session_state[key] = lang
    for key in ("channel", "keep:channel"):
        at.session_state[key] = "小红书笔记"
    at.run()
    assert not at.exception, at.exception
    options = [str(o) for sb in at.selectbox for o in sb.options]
    cells = [str(v) for df in at.dataframe for v in shown_text(df).to_numpy().ravel()]
    assert not [s for s in options + cells if "xi_" in s]
    untitled = "(no title, published " if lang == "en" else "（无标题，发布于 "
    assert sum(untitled in s for s in options) == 2  # the two notes without a title
    title = "Video" if lang == "en" else "作品"
    views = next(df for df in at.dataframe if title in df.value.columns)
    assert sum(untitled in s for s in shown_text(views)[title]) == 2
