"""Hostile text in files: shown as text everywhere, never run as HTML or SQL.

* The UI sources (app.py, pages/, dashboard/) never render HTML built from
  data: no ``unsafe_allow_html=True``, ``st.html`` or ``components.html``
  unless its content is a literal string in the source.
* Titles, tags, captions and file names with ``<script>`` / ``<img onerror>``
  come through the real importer and the real pages (AppTest) and are shown
  as the exact text, never as raw HTML.
* Column names from files never reach SQL: a header such as
  ``views"; DROP TABLE videos; --`` is just a header.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.services.imports import import_files, preview_files
from analytics.store import queries as q
from tests.helpers import one, rows

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 60
CANONICAL = [
    "channel_breakdown",
    "channel_daily",
    "channels",
    "column_profiles",
    "fan_interactions",
    "import_rejects",
    "import_rows_channel_breakdown",
    "import_rows_channel_daily",
    "import_rows_fan_interactions",
    "import_rows_video_daily",
    "import_rows_video_totals",
    "import_rows_videos",
    "imports",
    "schema_migrations",
    "store_meta",
    "summary_channel_day",
    "summary_video",
    "video_daily",
    "video_totals",
    "videos",
]

SCRIPT_TITLE = '<script>alert("owned")</script>'
IMG_TITLE = "<img src=x onerror=alert(1)> Pasta"
MD_TITLE = "**bold** [click](javascript:alert(1))"
HOSTILE_FILE = "<b>report<i>.csv"  # a name a file can have (no folder separator)
RAW_HTML = re.compile(r"(?<!\\)<(script|img|b>)", re.I)


# ----------------------------------------------------------------------------- sources


def _html_sinks(path: Path, root: Path = REPO) -> list[str]:
    """Calls in ``path`` that render HTML from something other than a literal string."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        unsafe_kw = any(
            k.arg == "unsafe_allow_html"
            and not (isinstance(k.value, ast.Constant) and k.value.value is False)
            for k in node.keywords
        )
        if name in ("html", "iframe") or unsafe_kw:
            first = node.args[0] if node.args else None
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            if not literal:
                found.append(f"{path.relative_to(root)}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_ui_sources_render_no_html_built_from_data() -> None:
    sources = [
        REPO / "app.py",
        *sorted((REPO / "pages").glob("*.py")),
        *sorted((REPO / "dashboard").glob("*.py")),
    ]
    assert len(sources) >= 3
    offenders = [hit for src in sources for hit in _html_sinks(src)]
    assert offenders == []


def test_the_source_check_catches_html_from_data(tmp_path: Path) -> None:
    """Guard for the check above: it flags the patterns it is meant to flag."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import streamlit as st\n"
        "import streamlit.components.v1 as components\n"
        "title = 'x'\n"
        "st.markdown(f'<h1>{title}</h1>', unsafe_allow_html=True)\n"
        "st.html(title)\n"
        "components.html('<b>' + title + '</b>')\n"
        "st.markdown('<hr>', unsafe_allow_html=True)\n"  # a literal: allowed
        "st.markdown(title)\n",
        encoding="utf-8",
    )
    hits = _html_sinks(probe, tmp_path)
    assert [h.split(":")[1] for h in hits] == ["4", "5", "6"]


# ----------------------------------------------------------------------------- pages


def _hostile_files() -> list[tuple[str, bytes]]:
    listing = (
        "video_id,title,publishedAt,channelId,channelTitle,tags,view_count,likes,comment_count,description\n"
        f'"vidA","{SCRIPT_TITLE.replace(chr(34), chr(34) * 2)}","2025-01-02T10:00:00.000Z","UChostile",'
        '"<i>Hostile</i> channel","<script>tag</script>|cooking","5000","50","5",'
        '"<script>document.cookie</script>"\n'
        f'"vidB","{IMG_TITLE}","2025-01-03T10:00:00.000Z","UChostile","<i>Hostile</i> channel",'
        f'"pasta","900","9","1","ok"\n'
        f'"vidC","{MD_TITLE}","2025-01-04T10:00:00.000Z","UChostile","<i>Hostile</i> channel",'
        f'"md","100","1","0","ok"\n'
    ).encode()
    daily = "Date,Content,Views\n" + "".join(
        f"2025-01-{d:02d},{vid},{views}\n"
        for d in range(5, 12)
        for vid, views in (("vidA", 300), ("vidB", 100), ("vidC", 10))
    )
    return [("videos.csv", listing), (HOSTILE_FILE, daily.encode())]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("hostile") / "s.duckdb")
    reports = import_files(path, _hostile_files(), channel="UChostile")
    assert [(r.status, r.rows_loaded) for r in reports] == [("loaded", 3), ("loaded", 21)], [
        r.error for r in reports
    ]
    return path


def test_hostile_text_is_stored_verbatim(hostile_store: str) -> None:
    titles = dict(rows(hostile_store, "SELECT video_id, title FROM videos"))
    assert titles == {"vidA": SCRIPT_TITLE, "vidB": IMG_TITLE, "vidC": MD_TITLE}
    assert sorted(one(hostile_store, "SELECT tags FROM videos WHERE video_id = 'vidA'")) == [
        "<script>tag</script>",
        "cooking",
    ]
    assert (
        one(hostile_store, "SELECT file_name FROM imports WHERE rows_loaded = 21") == HOSTILE_FILE
    )


def _assert_text_only(at: AppTest) -> None:
    assert not at.exception
    assert len(at.get("html")) == 0
    assert len(at.get("iframe")) == 0
    for kind in (
        "markdown",
        "caption",
        "title",
        "header",
        "subheader",
        "error",
        "warning",
        "info",
        "success",
    ):
        for el in at.get(kind):
            proto = getattr(el, "proto", None)
            if proto is not None and hasattr(proto, "allow_html"):
                assert not proto.allow_html, el.value
            value = str(getattr(el, "value", "") or getattr(el, "body", ""))
            assert not RAW_HTML.search(value), f"{kind}: {value!r}"


def _all_cells(at: AppTest) -> set[str]:
    return {
        str(v) for df in at.dataframe for col in df.value.columns for v in df.value[col].tolist()
    }


def test_overview_shows_hostile_titles_as_text(
    monkeypatch: pytest.MonkeyPatch, hostile_store: str
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", hostile_store)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT).run()
    _assert_text_only(at)
    assert {SCRIPT_TITLE, IMG_TITLE, MD_TITLE} <= _all_cells(at)


def test_videos_page_shows_hostile_titles_as_text(
    monkeypatch: pytest.MonkeyPatch, hostile_store: str
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", hostile_store)
    at = AppTest.from_file(str(REPO / "pages" / "2_Videos.py"), default_timeout=TIMEOUT).run()
    _assert_text_only(at)
    assert {SCRIPT_TITLE, IMG_TITLE, MD_TITLE} <= _all_cells(at)
    labels = [str(o) for sb in at.selectbox for o in sb.options]
    assert any(SCRIPT_TITLE in label for label in labels) or not labels
    for i in range(len(at.selectbox(key="video_pick").options)):
        at.selectbox(key="video_pick").set_value(i).run()
        _assert_text_only(at)


def test_import_page_shows_hostile_names_and_headers_as_text(
    monkeypatch: pytest.MonkeyPatch, hostile_store: str, tmp_path: Path
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", hostile_store)
    at = AppTest.from_file(str(REPO / "pages" / "1_Import.py"), default_timeout=TIMEOUT).run()
    _assert_text_only(at)
    assert HOSTILE_FILE in _all_cells(at)  # past imports
    unknown = b"<script>alert(1)</script>,<img src=x onerror=alert(2)>\n1,2\n"
    at.file_uploader(key="uploads").set_value(
        [
            ("<img src=x onerror=alert(3)>.csv", _hostile_files()[1][1], "text/csv"),
            ("<script>x</script>.csv", unknown, "text/csv"),
        ]
    ).run()
    _assert_text_only(at)
    shown = " ".join(str(e.value) for e in at.error).replace("\\", "")
    assert "<script>alert(1)</script>" in shown  # the header, quoted as text in the error


# ----------------------------------------------------------------------------- SQL


def _store_state(db: str) -> dict[str, int]:
    names = [
        r[0]
        for r in rows(
            db,
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' ORDER BY 1",
        )
    ]
    return {t: one(db, f'SELECT count(*) FROM "{t}"') for t in names}


def test_sql_in_a_header_is_only_a_header(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    hostile = 'views"; DROP TABLE videos; --'
    data = (
        'Date,Views,"' + hostile.replace('"', '""') + "\",x'); DELETE FROM imports; --\n"
        "2025-01-01,1200,1,2\n2025-01-02,980,3,4\n2025-01-03,1430,5,6\n"
    ).encode()
    [rep] = import_files(db, [("c.csv", data)], channel="me")
    assert rep.status == "loaded" and rep.rows_loaded == 3, rep.error
    state = _store_state(db)
    assert sorted(state) == CANONICAL
    assert state["channel_daily"] == 3 and state["imports"] == 1
    assert one(db, "SELECT sum(views) FROM channel_daily") == 3610


def test_a_file_of_only_hostile_headers_is_a_clean_error(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    import_files(db, [("ok.csv", b"Date,Views\n2025-01-01,1\n")], channel="me")
    before = _store_state(db)
    data = b'"views""; DROP TABLE videos; --","1); DROP TABLE channels; --"\n1,2\n'
    [pv] = preview_files([("evil.csv", data)])
    assert pv.error is not None and "unknown layout" in pv.error
    assert 'views"; DROP TABLE videos; --' in pv.error  # quoted back as text
    [rep] = import_files(db, [("evil.csv", data)], channel="me")
    assert rep.status == "failed" and "unknown layout" in (rep.error or "")
    after = _store_state(db)
    assert after == {**before, "imports": before["imports"] + 1}  # only the failure is logged
    assert one(db, "SELECT status FROM imports WHERE file_name = 'evil.csv'") == "failed"


def test_sql_in_values_and_channel_names_is_stored_as_text(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    channel = "x'); DROP TABLE channels; --"
    title = "'; DELETE FROM videos; --"
    data = f'Content,Video title,Views\nv1,"{title}",10\nv2,"Robert\'); DROP TABLE videos;--",20\n'.encode()
    [rep] = import_files(db, [("v.csv", data)], channel=channel)
    assert rep.status == "loaded", rep.error
    assert sorted(_store_state(db)) == CANONICAL
    assert rows(db, "SELECT channel_id, title FROM videos ORDER BY video_id") == [
        (channel, title),
        (channel, "Robert'); DROP TABLE videos;--"),
    ]
    assert q.list_channels(db)["channel_id"].tolist() == [channel]
