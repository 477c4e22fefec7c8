"""AppTest of every dashboard page: the values shown equal the queries' values.

Stores: the hand-made store of ``dashboard_store`` (exact values known), the
sample store built from ``sample_data/`` (skipped when the sample is not in
this checkout) and, for the Import page, an empty store that receives the C17
file through the page itself.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.errors import AnalyticsError
from analytics.present import charts
from analytics.store import queries as q
from analytics.store.connection import connect
from tests.dashboard_store import REPO, build_store
from tests.shown_tables import shown_text

APP = str(REPO / "app.py")
IMPORT_PAGE = str(REPO / "pages" / "1_Import.py")
VIDEOS_PAGE = str(REPO / "pages" / "2_Videos.py")
TIMEOUT = 60


def tiles(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page that has ``column`` (tables carry no key in AppTest)."""
    for df in at.dataframe:
        if column in df.value.columns:
            return shown_text(df)
    raise AssertionError(f"no table with a {column!r} column")


def assert_no_raw_html(at: AppTest) -> None:
    """Nothing on the page is rendered as raw HTML (titles come from files)."""
    assert len(at.get("html")) == 0
    for md in at.markdown:
        assert not md.proto.allow_html, md.value


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("pages") / "s.duckdb")


@pytest.fixture
def use_store(monkeypatch: pytest.MonkeyPatch, store: str) -> str:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", store)
    return store


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample store built once per test session from sample_data/."""
    try:
        from analytics.services.demo import SAMPLE_DIR, build_sample_store
    except ImportError:
        pytest.skip("analytics.services.demo is not part of this checkout")
    if not (SAMPLE_DIR / "manifest.json").is_file():
        pytest.skip("sample_data/manifest.json is not present in this checkout")
    path = str(tmp_path_factory.mktemp("sample") / "sample.duckdb")
    try:
        build_sample_store(path)
    except AnalyticsError as exc:
        pytest.fail(f"the sample store does not build: {exc}")
    return path


# ----------------------------------------------------------------------------- Overview


def test_overview_tiles_equal_the_kpi_query(use_store: str) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Overview"]
    assert at.sidebar.selectbox(key="channel").options == [
        "All channels",
        "Cooking Lab (YouTube)",
        "Dance Daily (TikTok)",
    ]
    # Default range: the last 28 days with data = 2025-01-01 .. 2025-01-28, all channels.
    kpis = q.kpi_comparison(use_store, None, dt.date(2025, 1, 1), dt.date(2025, 1, 28))
    assert kpis.current.views == 9200
    shown = tiles(at)
    assert shown["Views"][0] == charts.format_count(kpis.current.views) == "9,200"
    assert shown["Videos published"][0] == "7"
    assert frame(at, "Views in period")["Title"].tolist()[:2] == ["Dance 1", "Bread"]

    at.sidebar.selectbox(key="channel").set_value("yt1").run()
    at.sidebar.date_input(key="date_range:yt1").set_value(
        (dt.date(2025, 1, 15), dt.date(2025, 1, 28))
    ).run()
    assert not at.exception
    assert tiles(at) == {
        "Views": ("2,800", "+100.0%"),
        "Net followers": ("42", "+50.0%"),
        "Engagement rate": ("11.8%", ""),
        "Videos published": ("3", "+50.0%"),
    }
    assert "compared with the previous 14 days (2025-01-01 – 2025-01-14)" in at.caption[0].value
    top = frame(at, "Views in period")
    expected = q.top_videos(use_store, "yt1", dt.date(2025, 1, 15), dt.date(2025, 1, 28))
    assert expected["video_id"].tolist() == ["v4", "v1", "v3", "v5"]
    assert top["Title"].tolist() == expected["title"].tolist()
    assert set(top["Channel"]) == {"Cooking Lab"}  # names, never ids
    assert_no_raw_html(at)


def test_overview_channel_choice_is_kept_across_pages(use_store: str) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.sidebar.selectbox(key="channel").set_value("tt1").run()
    assert tiles(at)["Views"][0] == "5,000"
    at.switch_page("pages/2_Videos.py").run()
    assert not at.exception
    assert at.sidebar.selectbox(key="channel").value == "tt1"
    assert frame(at, "Views from")["Title"].tolist() == (
        q.video_table(use_store, "tt1")["title"].tolist()
    )


def test_overview_in_chinese(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The sidebar switch turns labels into 简体中文 and counts into 万; the choice sticks."""
    path = build_store(tmp_path / "s.duckdb")
    with connect(path) as con:  # ten times the channel views: 42,000 + Dance Daily's 5,000
        con.execute("UPDATE channel_daily SET views = views * 10")
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", path)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.sidebar.selectbox(key="lang").value == "en"  # no browser locale: English
    assert tiles(at)["Views"][0] == "47,000"

    at.sidebar.selectbox(key="lang").set_value("zh").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["总览"]
    assert at.sidebar.selectbox(key="channel").options[0] == "全部账号"
    assert tiles(at) == {
        "播放量": ("4.7万", ""),
        "净增粉丝": ("84", ""),
        "互动率": ("12.5%", ""),
        "发布作品数": ("7", ""),
    }
    assert at.caption[0].value == (
        "2025年1月1日 – 2025年1月28日，对比之前的 28 天（2024年12月4日 – 2024年12月31日）。"
    )
    assert [s.value for s in at.subheader] == ["各账号导出数据覆盖的范围", "热门作品"]

    at.switch_page("pages/2_Videos.py").run()  # another page keeps the language
    assert not at.exception
    assert [t.value for t in at.title] == ["作品"]
    assert at.caption[0].value == "共 7 条作品，显示 7 条。点击列标题排序。"


def test_overview_without_daily_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = str(tmp_path / "s.duckdb")
    with connect(path) as con:  # one loaded import, so the app does not add the sample
        con.execute("INSERT INTO channels (channel_id, platform) VALUES ('c', 'youtube')")
        con.execute(
            "INSERT INTO imports (import_id, file_name, sha256, status) "
            "VALUES (1, 'videos.csv', 'x', 'loaded')"
        )
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", path)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "No daily data in the store yet. Add your exports on the Import page."
    ]
    assert len(at.metric) == 0


def test_overview_on_the_sample_store(monkeypatch: pytest.MonkeyPatch, sample_store: str) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", sample_store)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    start, end = at.sidebar.date_input(key="date_range:all").value
    kpis = q.kpi_comparison(sample_store, None, start, end)
    assert kpis.current.views, "the sample store has no views in its last 28 days"
    assert tiles(at)["Views"][0] == charts.format_count(kpis.current.views)
    assert tiles(at)["Videos published"][0] == charts.format_count(kpis.current.videos_published)
    assert len(at.get("plotly_chart")) == 2
    top = q.top_videos(sample_store, None, start, end, 10)
    assert frame(at, "Views in period")["Title"].tolist() == top["title"].fillna("–").tolist()

    at.switch_page("pages/2_Videos.py").run()
    assert not at.exception
    table = q.video_table(sample_store)
    assert (
        at.caption[0].value
        == f"{len(table)} of {len(table)} videos. Click a column header to sort."
    )
    assert frame(at, "Views from")["Views"].iloc[0] == charts.format_count(table["views"].iloc[0])

    at.switch_page("pages/1_Import.py").run()
    assert not at.exception
    past = frame(at, "Imported")
    assert past["Loaded"].tolist() == [
        charts.format_count(n) for n in q.list_imports(sample_store)["rows_loaded"]
    ]


# ----------------------------------------------------------------------------- Videos


def test_videos_page(use_store: str) -> None:
    at = AppTest.from_file(VIDEOS_PAGE, default_timeout=TIMEOUT).run()
    assert not at.exception
    table = frame(at, "Views from")
    assert table["Title"].tolist()[0] == "Knife skills"
    expected = q.video_table(use_store)
    assert table["Views"].tolist() == [charts.format_count(v) for v in expected["views"]]
    assert "Soup <b>night</b>" in table["Title"].tolist()  # shown as text, unchanged
    assert "None" not in table.to_numpy().ravel().tolist()
    assert "nan" not in table.to_numpy().ravel().tolist()
    captions = [c.value for c in at.caption]
    assert captions[0] == "7 of 7 videos. Click a column header to sort."
    # The first video (Knife skills) has 14 daily rows of 50 views.
    assert "700 views over 14 days with daily numbers." in captions
    assert captions[-1].endswith("in channels with at least 5 videos. 2 of 7 videos flagged.")
    flagged = frame(at, "Channel median")
    titles = dict(zip(expected["video_id"], expected["title"], strict=False))
    # t2 (0.32x) is not flagged: its channel has 2 videos
    assert dict(zip(flagged["Title"], flagged["Flag"], strict=False)) == {
        titles["v1"]: charts.t("chart.flag.above", "en"),
        titles["v5"]: charts.t("chart.flag.below", "en"),
    }

    at.text_input(key="video_search").input("dance").run()
    assert at.caption[0].value == "2 of 7 videos. Click a column header to sort."
    at.selectbox(key="video_pick").set_value(1).run()  # Dance 2
    assert "800 views over 8 days with daily numbers." in [c.value for c in at.caption]
    at.selectbox(key="video_type").set_value("video").run()
    assert at.caption[0].value == "0 of 7 videos. Click a column header to sort."
    assert "No video matches the filters." in [i.value for i in at.info]
    assert_no_raw_html(at)


def test_videos_page_video_without_daily_rows(use_store: str) -> None:
    at = AppTest.from_file(VIDEOS_PAGE, default_timeout=TIMEOUT).run()
    at.text_input(key="video_search").input("pasta").run()
    assert not at.exception
    assert "No daily numbers for this video: its exports only carry lifetime totals." in [
        i.value for i in at.info
    ]


# ----------------------------------------------------------------------------- Import


def test_import_page_past_imports_and_rejects(use_store: str) -> None:
    at = AppTest.from_file(IMPORT_PAGE, default_timeout=TIMEOUT).run()
    assert not at.exception
    past = frame(at, "Imported")
    assert past["File"].tolist() == ["mystery.csv", "yt_channel.csv"]
    assert past["Status"].tolist() == ["failed", "loaded"]
    assert "None" not in past.to_numpy().ravel().tolist()
    assert at.selectbox(key="rejects_of").options == ["#1 yt_channel.csv"]
    rejects = frame(at, "reason")
    assert rejects["reason"].tolist() == ["not a date", "not a number"]
    assert rejects["line"].tolist() == [12, 31]


def test_import_page_c17_preview_import_and_rerun(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cases_dir: Path
) -> None:
    """C17: preview and import both see 3 rows; reruns never import again."""
    path = str(tmp_path / "s.duckdb")
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", path)
    data = (cases_dir / "C17" / "input.csv").read_bytes()
    at = AppTest.from_file(IMPORT_PAGE, default_timeout=TIMEOUT).run()
    assert not at.exception
    at.file_uploader(key="uploads").set_value(("input.csv", data, "text/csv")).run()
    assert not at.exception
    # The preview read the upload: 3 rows, nothing written yet.
    assert len(at.dataframe[0].value) == 3
    assert at.dataframe[0].value["Views"].tolist() == ["1,200", "980", "1,430"]
    assert not {"_row", "lower_bounds", "channel_id"} & set(at.dataframe[0].value.columns)
    assert any("3 rows read" in m.value for m in at.markdown)
    assert q.table_counts(path)["imports"] == 0
    # No channel column: the import waits for a channel.
    button = at.button(key="import_button")
    assert button.disabled and button.label == "Import 1 file"
    at.selectbox(key="import_channel").set_value("\u0000new").run()
    at.text_input(key="import_new_channel").input("My channel").run()
    assert not at.button(key="import_button").disabled

    at.button(key="import_button").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["input\\.csv\\: 3 rows loaded, 0 rejected\\."]
    report = frame(at, "Read")
    assert report[["Status", "Read", "Loaded"]].values.tolist() == [["loaded", "3", "3"]]
    assert q.daily_views(path, "My channel")["views"].sum() == 3610

    # Reruns (any widget change, a page refresh) read the same upload again.
    at.run()
    at.run()
    assert not at.exception
    assert q.table_counts(path)["imports"] == 1
    assert q.table_counts(path)["channel_daily"] == 3
    assert at.button(key="import_button").label == "Import 0 files"
    assert at.button(key="import_button").disabled
    assert "input\\.csv\\: already imported in this session; it will not be imported again\\." in [
        i.value for i in at.info
    ]
    assert frame(at, "Imported")["Loaded"].tolist() == ["3"]

    # A new session uploading the same bytes: the store recognises the file.
    again = AppTest.from_file(IMPORT_PAGE, default_timeout=TIMEOUT).run()
    again.file_uploader(key="uploads").set_value(("copy.csv", data, "text/csv")).run()
    again.selectbox(key="import_channel").set_value("My channel").run()
    again.button(key="import_button").click().run()
    assert not again.exception
    assert frame(again, "Read")["Status"].tolist() == ["duplicate"]
    assert q.table_counts(path)["channel_daily"] == 3
    assert q.table_counts(path)["imports"] == 1


def test_import_page_empty_upload(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(tmp_path / "s.duckdb"))
    at = AppTest.from_file(IMPORT_PAGE, default_timeout=TIMEOUT).run()
    at.file_uploader(key="uploads").set_value(("blank.csv", b"", "text/csv")).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "blank\\.csv\\: empty file \\(0 bytes\\); nothing to import\\."
    ]
    assert len(at.button) == 0
    assert q.table_counts(str(tmp_path / "s.duckdb"))["imports"] == 0


def test_import_page_zip_with_two_exports(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cases_dir: Path
) -> None:
    path = str(tmp_path / "s.duckdb")
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", path)
    first = (cases_dir / "C17" / "input.csv").read_bytes()
    later = first.replace(b"2025-01-0", b"2025-01-1")  # the same layout, ten days later
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("exports/jan_a.csv", first)
        archive.writestr("exports/jan_b.csv", later)
    at = AppTest.from_file(IMPORT_PAGE, default_timeout=TIMEOUT).run()
    at.file_uploader(key="uploads").set_value(
        ("exports.zip", buf.getvalue(), "application/zip")
    ).run()
    assert not at.exception
    assert [len(df.value) for df in at.dataframe] == [3, 3]  # one preview per member
    at.selectbox(key="import_channel").set_value("\u0000new").run()
    at.text_input(key="import_new_channel").input("Zip channel").run()
    at.button(key="import_button").click().run()
    assert not at.exception
    report = frame(at, "Read")
    assert report["Status"].tolist() == ["loaded", "loaded"]
    assert report["Loaded"].tolist() == ["3", "3"]
    assert q.daily_views(path, "Zip channel")["views"].sum() == 2 * 3610


def test_import_page_asks_for_the_date_order(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cases_dir: Path
) -> None:
    """C09 on the page: an ambiguous day/month order is asked for, never guessed."""
    path = str(tmp_path / "s.duckdb")
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", path)
    data = (cases_dir / "C09" / "input_ambiguous.csv").read_bytes()
    at = AppTest.from_file(IMPORT_PAGE, default_timeout=TIMEOUT).run()
    at.file_uploader(key="uploads").set_value(("views.csv", data, "text/csv")).run()
    assert not at.exception
    [error] = [e.value.replace("\\", "") for e in at.error]
    assert error.startswith("Every date in column Date fits both day/month and month/day")
    assert 'Choose it in "Options: date order, export date" above' in error
    # the same in 简体中文, naming the same control
    zh = AppTest.from_file(IMPORT_PAGE, default_timeout=TIMEOUT)
    zh.session_state["lang"] = "zh"
    zh.run()
    zh.file_uploader(key="uploads").set_value(("views.csv", data, "text/csv")).run()
    [zh_error] = [e.value.replace("\\", "") for e in zh.error]
    assert zh_error.startswith("“Date”列中的每个日期既可读作“日/月”也可读作“月/日”")
    assert "上方“选项：日期顺序、导出日期”中选择" in zh_error
    assert at.button(key="import_button").disabled
    at.selectbox(key="import_date_order").set_value("dmy").run()
    assert not at.exception
    assert len(at.error) == 0
    assert any("2025\\-02\\-01 – 2025\\-04\\-05" in m.value for m in at.markdown)
    at.selectbox(key="import_channel").set_value("\u0000new").run()
    at.text_input(key="import_new_channel").input("Blog").run()
    at.selectbox(key="import_time_zone").set_value("Europe/Paris").run()
    at.button(key="import_button").click().run()
    assert not at.exception
    assert frame(at, "Read")["Status"].tolist() == ["loaded"]
    assert q.daily_views(path, "Blog")["date"].dt.date.tolist() == [
        dt.date(2025, 2, 1),
        dt.date(2025, 3, 10),
        dt.date(2025, 4, 5),
    ]
    assert q.list_channels(path)["time_zone"].tolist() == ["Europe/Paris"]


# ----------------------------------------------------------------------------- Import: mapping

MAPPING_DATA = REPO / "tests" / "data" / "import_mapping"
STUDIO_HEADERS = [
    "Clip code",
    "Name of clip",
    "Posted day",
    "Plays total",
    "Click rate (%)",
    "Hours watched",
    "Remarks",
]


def mapping_widgets(at: AppTest, prefix: str) -> list:
    """The mapping step's widgets whose key starts with ``prefix`` (in page order)."""
    return [w for w in [*at.selectbox, *at.text_input] if str(w.key).startswith(prefix)]


def test_import_page_maps_an_unknown_layout_and_reuses_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Unknown header: map the columns, import; the next file with that header imports by itself."""
    from analytics.services.profiles import list_profiles

    path = str(tmp_path / "s.duckdb")
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", path)
    week14 = (MAPPING_DATA / "studio_week14.csv").read_bytes()
    at = AppTest.from_file(IMPORT_PAGE, default_timeout=TIMEOUT).run()
    assert [c.value for c in at.caption][-1].startswith("No saved column mapping yet")
    at.file_uploader(key="uploads").set_value(("studio_week14.csv", week14, "text/csv")).run()
    assert not at.exception
    assert "Map the columns of studio\\_week14\\.csv" in [s.value for s in at.subheader]
    fields = mapping_widgets(at, "import_map_field:")
    assert [f.label for f in fields] == [
        "Clip code",
        "Name of clip",
        "Posted day",
        "Plays total",
        "Click rate \\(%\\)",
        "Hours watched",
        "Remarks",
    ]
    # First guesses from the column names; the rest waits for the user.
    assert [f.value for f in fields] == [
        "ignore",
        "ignore",
        "published_at",
        "views",
        "ignore",
        "ignore",
        "ignore",
    ]
    assert fields[0].format_func("video_id") == "Video / post id (kept as written)"
    assert mapping_widgets(at, "import_map_name:")[0].value == "studio_week14"
    button = at.button(key="import_button")
    assert button.disabled
    assert at.warning[-1].value == (
        "Map the columns of studio\\_week14\\.csv below before "
        "importing \\(or remove the file\\)\\."
    )

    # Checking the guesses as they are: every problem is shown, nothing is kept.
    at.button(key="import_map_apply").click().run()
    assert not at.exception
    assert [e.value for e in at.error][1:] == [
        "map at least one of video\\_id, date, key or title\\: rows need something to hang on"
    ]
    assert at.button(key="import_button").disabled

    # Map the columns; the units default from the headers: (%) -> percent, Hours -> hours.
    for i, field in {
        0: "video_id",
        1: "title",
        2: "date",
        4: "impressions_ctr",
        5: "watch_time_s",
    }.items():
        mapping_widgets(at, "import_map_field:")[i].set_value(field).run()
    assert [u.value for u in mapping_widgets(at, "import_map_unit:")] == ["percent", "hours"]
    mapping_widgets(at, "import_map_name:")[0].input("studio weekly").run()
    mapping_widgets(at, "import_map_order:")[0].set_value("dmy").run()
    at.button(key="import_map_apply").click().run()
    assert not at.exception
    assert len(at.error) == 0
    assert "The preview above reads the file with the mapping studio weekly\\." in [
        s.value for s in at.success
    ]
    staged = frame(at, "Impression click-through rate")
    cols = ["Video id", "Views", "Impression click-through rate", "Watch time"]
    assert staged[cols].values.tolist() == [
        ["k-101", "2,100", "5.5%", "12:30:00"],  # 45,000 s of watch time
        ["k-102", "950", charts.format_rate(0.0325), "4:00:00"],
    ]
    assert q.table_counts(path)["imports"] == 0  # a preview writes nothing

    at.selectbox(key="import_channel").set_value("\u0000new").run()
    at.text_input(key="import_new_channel").input("Studio").run()
    assert not at.button(key="import_button").disabled
    at.button(key="import_button").click().run()
    assert not at.exception
    assert [s.value for s in at.success][-2:] == [
        "studio\\_week14\\.csv\\: 2 rows loaded, 0 rejected\\.",
        "Column mapping studio weekly saved as a profile\\: files with this header will import "
        "by themselves\\.",
    ]
    with connect(path) as con:
        rows = con.execute(
            "SELECT video_id, date, views, impressions_ctr, watch_time_s "
            "FROM video_daily ORDER BY date, video_id"
        ).fetchall()
        titles = con.execute("SELECT video_id, title FROM videos ORDER BY video_id").fetchall()
    assert rows == [
        ("k-101", dt.date(2026, 4, 3), 2100, 0.055, 45000.0),
        ("k-102", dt.date(2026, 4, 4), 950, 0.0325, 14400.0),
    ]
    assert titles == [("k-101", "Dumplings"), ("k-102", "Noodles")]
    [profile] = list_profiles(path)
    assert profile.name == "studio weekly" and profile.mapping.date_order == "dmy"
    assert profile.mapping.units == {"Click rate (%)": "percent", "Hours watched": "hours"}
    assert "studio weekly" in [m.value for m in at.markdown][-1]
    at.run()  # the next run reads the file with the saved profile: no mapping step any more
    assert not at.exception
    assert not mapping_widgets(at, "import_map_field:")
    assert at.button(key="import_button").label == "Import 0 files"
    assert q.table_counts(path)["imports"] == 1

    # A new session, the next week's file (same header, day-first dates again): no mapping step.
    week15 = (MAPPING_DATA / "studio_week15.csv").read_bytes()
    again = AppTest.from_file(IMPORT_PAGE, default_timeout=TIMEOUT).run()
    again.file_uploader(key="uploads").set_value(("studio_week15.csv", week15, "text/csv")).run()
    assert not again.exception
    assert not mapping_widgets(again, "import_map_field:")
    assert "import_map_apply" not in [b.key for b in again.button]
    assert len(again.error) == 0
    again.selectbox(key="import_channel").set_value("Studio").run()
    again.button(key="import_button").click().run()
    assert not again.exception
    assert frame(again, "Read")[["Status", "Loaded"]].values.tolist() == [["loaded", "2"]]
    with connect(path) as con:
        rows = con.execute(
            "SELECT video_id, date, views, impressions_ctr, watch_time_s "
            "FROM video_daily WHERE date >= DATE '2026-04-10' "
            "ORDER BY date"
        ).fetchall()
    assert rows == [
        ("k-101", dt.date(2026, 4, 10), 1800, 0.05, 36000.0),
        ("k-103", dt.date(2026, 4, 11), 700, 0.025, 8100.0),
    ]
    assert q.table_counts(path)["video_daily"] == 4

    # The saved profile is listed with a delete button.
    again.button(key="import_profile_delete:studio weekly").click().run()
    assert not again.exception
    assert list_profiles(path) == []
    assert "Profile studio weekly deleted\\." in [i.value for i in again.info]


def test_import_page_mapping_step_in_chinese(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(tmp_path / "s.duckdb"))
    week14 = (MAPPING_DATA / "studio_week14.csv").read_bytes()
    at = AppTest.from_file(IMPORT_PAGE, default_timeout=TIMEOUT).run()
    at.selectbox(key="lang").set_value("zh").run()
    at.file_uploader(key="uploads").set_value(("studio_week14.csv", week14, "text/csv")).run()
    assert not at.exception
    assert [s.value for s in at.subheader] == [
        "预览",
        "为 studio\\_week14\\.csv 指定各列的含义",
        "导入记录",
        "已保存的列映射",
    ]
    fields = mapping_widgets(at, "import_map_field:")
    assert fields[3].format_func(fields[3].value) == "播放量"
    assert fields[0].format_func("ignore") == "不导入"
    assert at.button(key="import_map_apply").label == "检查映射"
    assert at.button(key="import_button").label == "导入 1 个文件"


# ----------------------------------------------------------------------------- sign-in gate


@pytest.mark.parametrize("page", ["1_Import.py", "4_Fans.py", "6_Strategy.py"])
def test_page_opened_alone_shows_only_the_sign_in_form(
    monkeypatch: pytest.MonkeyPatch, use_store: str, page: str
) -> None:
    """The gate comes first: no page title and no language switch before the password."""
    from analytics.passwords import hash_password

    monkeypatch.setenv("CREATOR_ANALYTICS_PASSWORD_HASH", hash_password("open sesame"))
    at = AppTest.from_file(str(REPO / "pages" / page), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [x.value for x in at.title] == ["Sign in"]
    assert "lang" not in [w.key for w in at.selectbox]
    at.text_input[0].input("open sesame")
    at.button[0].click().run()
    assert not at.exception
    assert "Sign in" not in [x.value for x in at.title]
    assert at.selectbox(key="lang").value == "en"
