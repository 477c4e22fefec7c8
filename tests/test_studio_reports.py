"""Every YouTube Studio report lands as what it is: a breakdown is never daily channel totals.

Made-up values in the real layouts (EXPORT_FORMATS.md 1.2-1.4): a download's
``Totals.csv`` (``Date,Views``) beside the ``Chart data.csv`` and
``Table data.csv`` of a breakdown. Before, a chart by a dimension the
importer did not know (New and returning viewers, Cities, Sharing service,
Subscription source, Content type) was read as daily channel totals and,
imported after the totals, overwrote the channel's views.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from analytics.ingest.formats.aliases import BLANK_KEY
from analytics.services.imports import import_files
from tests.helpers import rows

DAYS = [dt.date(2026, 3, 1) + dt.timedelta(days=i) for i in range(7)]
TOTAL_VIEWS = [3800, 3795, 3810, 3802, 3799, 3805, 3805]  # 26,616 in all
BREAKDOWNS = {
    "New and returning viewers": ["New viewers", "Returning viewers"],
    "Cities": ["Berlin", "Lisbon", "Osaka"],
    "Sharing service": ["WhatsApp", "Copy to clipboard", "Other"],
    "Subscription source": ["YouTube watch page", "YouTube search", "Channel page"],
    "Content type": ["Videos", "Shorts", "Live"],
}


def _totals() -> bytes:
    body = "".join(f"{d},{v}\n" for d, v in zip(DAYS, TOTAL_VIEWS, strict=True))
    return ("Date,Views\n" + body).encode()


def _chart(dimension: str, keys: list[str]) -> bytes:
    lines = [f"Date,{dimension},Views"]
    for d in DAYS:
        for j, k in enumerate(keys):
            lines.append(f"{d},{k},{100 * (j + 1) + d.day}")
    return ("\n".join(lines) + "\n").encode()


def _table(dimension: str, keys: list[str]) -> bytes:
    lines = [f"{dimension},Views,Watch time (hours),Average view duration"]
    lines.append("Total,26616,1200.5,0:02:42")
    for j, k in enumerate(keys):
        lines.append(f"{k},{1000 * (j + 1)},{10.5 * (j + 1)},0:0{j + 1}:00")
    return ("\n".join(lines) + "\n").encode()


def _channel_views(db: Path) -> list[tuple]:
    return rows(db, "SELECT channel_id, sum(views) FROM channel_daily GROUP BY 1 ORDER BY 1")


@pytest.mark.parametrize("dimension", list(BREAKDOWNS))
def test_unknown_breakdown_chart_never_overwrites_channel_totals(
    tmp_path: Path, dimension: str
) -> None:
    keys = BREAKDOWNS[dimension]
    files = {
        "Totals.csv": _totals(),
        "Chart data.csv": _chart(dimension, keys),
        "Table data.csv": _table(dimension, keys),
    }
    results = []
    for k, order in enumerate(itertools.permutations(files)):
        db = tmp_path / f"s{k}.duckdb"
        folder = tmp_path / f"Content 2026-03-01_2026-03-07 Test channel {k}"
        folder.mkdir()
        paths = []
        for name in order:
            (folder / name).write_bytes(files[name])
            paths.append(folder / name)
        reps = import_files(db, paths)
        assert [r.status for r in reps] == ["loaded"] * 3, [r.error for r in reps]
        assert {r.channel_id for r in reps} == {f"Test channel {k}"}
        assert _channel_views(db) == [(f"Test channel {k}", 26616)]
        got = rows(
            db,
            "SELECT dimension, key, period_start, period_end, views FROM channel_breakdown "
            "ORDER BY period_start, period_end, key",
        )
        results.append([g[1:] for g in got])
        dims = {g[0] for g in got}
        assert len(dims) == 1
        daily = [g for g in got if g[2] == g[3]]
        totals = [g for g in got if g[2] != g[3]]
        assert len(daily) == len(DAYS) * len(keys)
        # the table's rows take the download's period, not the import day
        assert {(g[2], g[3]) for g in totals} == {(DAYS[0], DAYS[-1])}
        assert sorted(g[4] for g in totals) == [1000 * (j + 1) for j in range(len(keys))]
        assert rows(db, "SELECT DISTINCT platform FROM channels") == [("youtube",)]
    assert all(r == results[0] for r in results), "the result depends on the order of the files"


def test_blank_breakdown_key_is_a_group_of_its_own(tmp_path: Path) -> None:
    # Studio writes the no-subtitles group with an empty key: 25,091 of 26,600 views
    table = (
        b"Subtitles and CC,Views,Watch time (hours)\n"
        b"Total,26600,1000.0\n"
        b",25091,930.5\n"
        b"English,1200,50.25\n"
        b"German (automatic),309,\n"
    )
    [rep] = import_files(tmp_path / "s.duckdb", [("Table data.csv", table)], channel="yt")
    assert rep.status == "loaded", rep.error
    got = rows(
        tmp_path / "s.duckdb",
        "SELECT dimension, key, views, watch_time_s FROM channel_breakdown ORDER BY views DESC",
    )
    assert got == [
        ("subtitles", BLANK_KEY, 25091, 930.5 * 3600),
        ("subtitles", "English", 1200, 50.25 * 3600),
        ("subtitles", "German (automatic)", 309, None),  # a blank metric stays NULL
    ]


LOCALISED = [
    # (header of the dimension column, header of views, canonical dimension)
    ("Geography", "Views", "geography"),
    ("Geografie", "Aufrufe", "geography"),
    ("Cities", "Views", "city"),
    ("Städte", "Aufrufe", "city"),
    ("Cidades", "Visualizações", "city"),
    ("Ciudades", "Visualizaciones", "city"),
    ("Villes", "Vues", "city"),
    ("都市", "視聴回数", "city"),
    ("城市", "觀看次數", "city"),
    ("Viewer age", "Views", "viewer_age"),
    ("Alter der Zuschauer", "Aufrufe", "viewer_age"),
    ("Idade do espectador", "Visualizações", "viewer_age"),
    ("Edad del espectador", "Visualizaciones", "viewer_age"),
    ("視聴者の年齢", "視聴回数", "viewer_age"),
    ("觀眾年齡", "觀看次數", "viewer_age"),
    ("Viewer gender", "Views", "viewer_gender"),
    ("Geschlecht der Zuschauer", "Aufrufe", "viewer_gender"),
    ("Device type", "Views", "device_type"),
    ("Gerätetyp", "Aufrufe", "device_type"),
    ("Type d'appareil", "Vues", "device_type"),
    ("Operating system", "Views", "operating_system"),
    ("Betriebssystem", "Aufrufe", "operating_system"),
    ("Sistema operacional", "Visualizações", "operating_system"),
    ("Traffic source", "Views", "traffic_source"),
    ("Quelle der Zugriffe", "Aufrufe", "traffic_source"),
    ("Origem do tráfego", "Visualizações", "traffic_source"),
    ("Source de trafic", "Vues", "traffic_source"),
    ("トラフィック ソース", "視聴回数", "traffic_source"),
    ("流量來源", "觀看次數", "traffic_source"),
    ("Search term", "Views", "traffic_source_detail"),
    ("External URL", "Views", "traffic_source_detail"),
    ("Subscription status", "Views", "subscription_status"),
    ("Abostatus", "Aufrufe", "subscription_status"),
    ("Subscription source", "Views", "subscription_source"),
    ("Origem da inscrição", "Visualizações", "subscription_source"),
    ("Sharing service", "Views", "sharing_service"),
    ("Service de partage", "Vues", "sharing_service"),
    ("共有サービス", "視聴回数", "sharing_service"),
    ("Subtitles and CC", "Views", "subtitles"),
    ("Untertitel", "Aufrufe", "subtitles"),
    ("Legendas", "Visualizações", "subtitles"),
    ("Subtítulos", "Visualizaciones", "subtitles"),
    ("Sous-titres", "Vues", "subtitles"),
    ("字幕", "視聴回数", "subtitles"),
    ("Content type", "Views", "content_type"),
    ("Inhaltstyp", "Aufrufe", "content_type"),
    ("Tipo de conteúdo", "Visualizações", "content_type"),
    ("Tipo de contenido", "Visualizaciones", "content_type"),
    ("Type de contenu", "Vues", "content_type"),
    ("コンテンツの種類", "視聴回数", "content_type"),
    ("內容類型", "觀看次數", "content_type"),
    ("New and returning viewers", "Views", "new_returning"),
    ("Neue und wiederkehrende Zuschauer", "Aufrufe", "new_returning"),
    ("Playback location", "Views", "playback_location"),
    ("Wiedergabeort", "Aufrufe", "playback_location"),
    ("Local de reprodução", "Visualizações", "playback_location"),
    ("再生場所", "視聴回数", "playback_location"),
    ("YouTube product", "Views", "youtube_product"),
    ("Live/on demand", "Views", "live_on_demand"),
    ("Audio track", "Views", "audio_track"),
    ("End screen element", "Views", "end_screen_element"),
    ("A report of next year", "Views", "a_report_of_next_year"),  # unknown: named by its header
]


@pytest.mark.parametrize(("dim_header", "views_header", "dimension"), LOCALISED)
def test_every_studio_report_in_every_language_is_a_breakdown(
    tmp_path: Path, dim_header: str, views_header: str, dimension: str
) -> None:
    chart = (
        f"Date,{dim_header},{views_header}\n2026-03-01,a,5\n2026-03-01,b,7\n2026-03-02,a,6\n"
    ).encode()
    table = (
        f"{dim_header},{views_header},Watch time (hours)\nTotal,18,1.5\na,11,1.0\nb,7,0.5\n"
    ).encode()
    db = tmp_path / "s.duckdb"
    reps = import_files(db, [("Chart data.csv", chart), ("Table data.csv", table)])
    assert [r.status for r in reps] == ["loaded", "loaded"], [r.error for r in reps]
    assert rows(db, "SELECT count(*) FROM channel_daily") == [(0,)]
    got = rows(
        db,
        "SELECT dimension, key, period_start, period_end, views FROM channel_breakdown "
        "ORDER BY period_start, period_end, key",
    )
    d1, d2 = dt.date(2026, 3, 1), dt.date(2026, 3, 2)
    assert got == [
        (dimension, "a", d1, d1, 5),
        (dimension, "b", d1, d1, 7),
        (dimension, "a", d1, d2, 11),
        (dimension, "b", d1, d2, 7),
        (dimension, "a", d2, d2, 6),
    ]
    assert rows(db, "SELECT DISTINCT platform FROM channels") == [("youtube",)]
    assert {r.channel_id for r in reps} == {"youtube:default"}


def test_daily_rows_repeating_a_date_are_refused_not_overwritten(tmp_path: Path) -> None:
    # a column no one can read as a dimension (after the metric): never channel totals
    data = b"Date,Views,Mystery\n2026-03-01,5,a\n2026-03-01,7,b\n"
    [rep] = import_files(tmp_path / "s.duckdb", [("export.csv", data)], channel="c")
    assert rep.status == "failed"
    assert "2 rows share one date (lines 2, 3)" in (rep.error or "")
    assert rows(tmp_path / "s.duckdb", "SELECT count(*) FROM channel_daily") == [(0,)]


def test_age_and_gender_tables_take_the_downloads_period(tmp_path: Path) -> None:
    age = b"Viewer age,Views (%),Average view duration\nAge 18-24,40.5,0:03:10\nAge 25-34,59.5,0:04:00\n"
    gender = b"Viewer gender,Views (%)\nFemale,30.1\nMale,69.9\n"
    files = [
        ("Totals.csv", _totals()),
        ("Age/Table data.csv", age),
        ("Gender/Table data.csv", gender),
    ]
    for order in (files, files[::-1]):
        db = tmp_path / f"s{order is files}.duckdb"
        reps = import_files(db, order, channel="yt")
        assert all(r.status == "loaded" for r in reps), [r.error for r in reps]
        got = rows(
            db,
            "SELECT dimension, key, period_start, period_end, share FROM channel_breakdown "
            "ORDER BY dimension, key",
        )
        assert got == [
            ("viewer_age", "Age 18-24", DAYS[0], DAYS[-1], pytest.approx(0.405)),
            ("viewer_age", "Age 25-34", DAYS[0], DAYS[-1], pytest.approx(0.595)),
            ("viewer_gender", "Female", DAYS[0], DAYS[-1], pytest.approx(0.301)),
            ("viewer_gender", "Male", DAYS[0], DAYS[-1], pytest.approx(0.699)),
        ]


def test_the_same_file_twice_in_one_command_is_loaded_once(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    reps = import_files(
        db, [("Totals.csv", _totals()), ("copy/Totals.csv", _totals())], channel="yt"
    )
    assert [r.status for r in reps] == ["loaded", "duplicate"]
    assert "given twice" in reps[1].notes[0]
    assert rows(db, "SELECT count(*) FROM imports") == [(1,)]
    assert _channel_views(db) == [("yt", 26616)]


def test_chinese_and_tiktok_breakdowns(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    files = [
        ("粉丝画像/性别.csv", "性别,占比\n男,45.2%\n女,54.8%\n".encode()),
        ("粉丝画像/年龄.csv", "年龄,占比\n18-23,20%\n24-30,80%\n".encode()),
        ("FollowerGender.csv", b'"Gender","Distribution"\n"Female","0.59"\n"Male","0.41"\n'),
    ]
    reps = import_files(db, files, channel="cn", options=None)
    assert all(r.status == "loaded" for r in reps), [r.error for r in reps]
    got = rows(db, "SELECT dimension, key, share FROM channel_breakdown ORDER BY dimension, key")
    assert got == [
        ("gender", "Female", pytest.approx(0.59)),
        ("gender", "Male", pytest.approx(0.41)),
        ("viewer_age", "18-23", pytest.approx(0.2)),
        ("viewer_age", "24-30", pytest.approx(0.8)),
        ("viewer_gender", "女", pytest.approx(0.548)),
        ("viewer_gender", "男", pytest.approx(0.452)),
    ]
