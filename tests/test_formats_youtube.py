"""YouTube Studio exports in EN, DE, PT, ES, FR, JA and zh-TW (made-up fixtures in tests/data/formats/youtube)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analytics.services.imports import import_files, preview_files
from tests.conftest import TEST_DATA
from tests.helpers import one, rows

YT = TEST_DATA / "formats" / "youtube"

TOTALS_SQL = (
    "SELECT v.video_id, v.title, v.published_date, t.views FROM video_totals t "
    "JOIN videos v USING (channel_id, video_id) ORDER BY v.video_id"
)


def test_english_table_data(db_path: Path) -> None:
    [rep] = import_files(db_path, [YT / "en" / "Table data.csv"], channel="yt")
    assert rep.status == "loaded" and rep.rows_read == 5 and rep.rows_loaded == 3
    assert "the row-cap footer line is not data: skipped" in rep.notes
    assert "cross-check: the rows sum to the Total row's 5,200 views" in rep.notes
    got = rows(
        db_path,
        "SELECT v.video_id, v.title, v.published_date, v.duration_s, t.views, t.watch_time_s, "
        "t.followers_net, t.impressions, t.impressions_ctr, t.avg_view_duration_s, t.avg_view_pct "
        "FROM video_totals t JOIN videos v USING (channel_id, video_id) ORDER BY t.views DESC",
    )
    assert got == [
        # the protective leading space is gone, the '-' stays
        (
            "-Ab3dEfGh12",
            "Pancakes, fast 🥞",
            dt.date(2024, 9, 27),
            978.0,
            3000,
            288900.0,
            9,
            40000,
            0.0502,
            96.0,
            0.381,
        ),
        (
            "Xy_9kLmN0pQ",
            'I read "How to cook"',
            dt.date(2023, 8, 8),
            59.0,
            1500,
            108900.0,
            -2,
            16000,
            0.035,
            72.0,
            0.7,
        ),
        ("Zz00Zz00Zz0", "Old clip", None, 4506.0, 700, 36000.0, 0, 8000, 0.0225, 51.0, None),
    ]
    assert (
        one(
            db_path,
            "SELECT count(*) FROM videos WHERE video_id IN ('Total', 'Showing top 500 results')",
        )
        == 0
    )


def test_german_zip_with_soft_hyphens(db_path: Path) -> None:
    zip_path = YT / "de" / "Inhalte 2024-01-01_2024-01-03 Backstube.zip"
    reps = import_files(db_path, [zip_path])
    assert [(Path(r.file_name).name, r.status, r.rows_loaded) for r in reps] == [
        ("Tabellendaten.csv", "loaded", 2),
        ("Diagrammdaten.csv", "loaded", 6),
        ("Gesamtwerte.csv", "loaded", 3),
    ]
    # no --channel: the channel named in the download's name
    assert {r.channel_id for r in reps} == {"Backstube"}
    assert rows(db_path, "SELECT channel_id, platform FROM channels") == [("Backstube", "youtube")]
    assert rows(db_path, TOTALS_SQL) == [
        ("-Qw98Er76Ty", "Kuchen ohne Ofen", dt.date(2019, 3, 2), 234),
        ("aB1cD2eF3gH", "Brot backen", dt.date(2011, 8, 19), 1000),
    ]
    # Ge­samt (with a soft hyphen) is the Total row, the soft-hyphenated footer is no video
    assert "cross-check: the rows sum to the Total row's 1,234 views" in reps[0].notes
    assert rows(db_path, "SELECT DISTINCT as_of, period_start, period_end FROM video_totals") == [
        (dt.date(2024, 1, 3), dt.date(2024, 1, 1), dt.date(2024, 1, 3))
    ]
    assert rows(db_path, "SELECT video_id, sum(views) FROM video_daily GROUP BY 1 ORDER BY 1") == [
        ("-Qw98Er76Ty", 234),
        ("aB1cD2eF3gH", 1000),
    ]
    assert rows(db_path, "SELECT date, views FROM channel_daily ORDER BY date") == [
        (dt.date(2024, 1, 1), 500),
        (dt.date(2024, 1, 2), 434),
        (dt.date(2024, 1, 3), 300),
    ]
    got = rows(
        db_path,
        "SELECT watch_time_s, followers_net, impressions, impressions_ctr FROM video_totals "
        "ORDER BY video_id",
    )
    assert got == [
        (pytest.approx(6.2891 * 3600), -1, 5000, 0.0468),
        (pytest.approx(50.5 * 3600), 4, 15000, 0.0667),
    ]


def test_portuguese_table_data(db_path: Path) -> None:
    [rep] = import_files(db_path, [YT / "pt" / "Dados da tabela.csv"], channel="pt")
    assert rep.rows_loaded == 2 and "the row-cap footer line is not data: skipped" in rep.notes
    assert rows(db_path, TOTALS_SQL) == [
        ("pT1aaaaaaaa", "Receita de bolo", dt.date(2023, 3, 25), 2000),
        ("pT2bbbbbbbb", "Café da manhã", dt.date(2023, 6, 21), 100),
    ]
    assert rows(
        db_path,
        "SELECT watch_time_s, followers_net, revenue, currency, impressions_ctr FROM video_totals "
        "ORDER BY video_id",
    ) == [(140850.0, 6, 12.3, "USD", 0.0714), (3600.0, -1, 0.045, "USD", 0.05)]


def test_spanish_table_data(db_path: Path) -> None:
    [rep] = import_files(db_path, [YT / "es" / "Datos de la tabla.csv"], channel="es")
    assert rep.rows_loaded == 2 and "the row-cap footer line is not data: skipped" in rep.notes
    assert rows(db_path, TOTALS_SQL) == [
        ("eS1cccccccc", "Tortilla española", dt.date(2025, 2, 3), 800),
        ("eS2dddddddd", "Gazpacho", dt.date(2025, 7, 14), 100),
    ]
    assert rows(
        db_path,
        "SELECT t.watch_time_s, t.impressions_ctr, t.revenue, v.duration_s FROM video_totals t "
        "JOIN videos v USING (channel_id, video_id) ORDER BY video_id",
    ) == [(52200.0, 0.0889, 3.25, 600.0), (1800.0, 0.1, 0.25, 45.0)]


def test_french_decimal_commas_and_narrow_spaces(db_path: Path) -> None:
    [rep] = import_files(db_path, [YT / "fr" / "Données du tableau.csv"], channel="fr")
    assert rep.rows_loaded == 2
    assert "cross-check: the rows sum to the Total row's 31,000 views" in rep.notes
    assert rows(db_path, TOTALS_SQL) == [
        ("fR1eeeeeeee", "Crêpes", dt.date(2026, 9, 28), 28500),
        ("fR2ffffffff", "Soupe à l'oignon", dt.date(2026, 2, 3), 2500),
    ]
    assert rows(
        db_path, "SELECT avg_view_pct, avg_view_duration_s FROM video_totals ORDER BY video_id"
    ) == [(0.505, 72.0), (0.2175, 48.0)]


def test_japanese_table_data(db_path: Path) -> None:
    [rep] = import_files(db_path, [YT / "ja" / "表データ.csv"], channel="ja")
    assert (
        rep.rows_loaded == 2
        and "cross-check: the rows sum to the Total row's 1,334 views" in rep.notes
    )
    assert rows(db_path, TOTALS_SQL) == [
        ("jA1gggggggg", "おにぎりの作り方", dt.date(2026, 10, 7), 1234),
        ("jA2hhhhhhhh", "味噌汁", dt.date(2026, 9, 30), 100),
    ]
    assert rows(
        db_path,
        "SELECT impressions, impressions_ctr, avg_view_pct, watch_time_s, avg_view_duration_s "
        "FROM video_totals ORDER BY video_id",
    ) == [(11000, 0.0455, 0.394, 87300.0, 71.0), (1000, 0.03, 0.75, 4500.0, 45.0)]


def test_traditional_chinese_table_data(db_path: Path) -> None:
    [rep] = import_files(db_path, [YT / "zh_tw" / "表格資料.csv"], channel="tw")
    assert rep.rows_loaded == 2 and "the row-cap footer line is not data: skipped" in rep.notes
    assert rows(db_path, TOTALS_SQL) == [
        ("tW1iiiiiiii", "滷肉飯", dt.date(2026, 1, 5), 570),
        ("tW2jjjjjjjj", "珍珠奶茶", dt.date(2025, 12, 24), 30),
    ]
    assert rows(
        db_path,
        "SELECT unique_viewers, returning_viewers, followers_gained, followers_lost, comments, "
        "avg_view_pct, revenue, currency FROM video_totals ORDER BY video_id",
    ) == [(380, 55, 11, 1, 8, 0.455, 140.0, "TWD"), (20, 5, 1, 1, 1, 0.2, 10.5, "TWD")]


def test_chart_data_for_any_one_metric(db_path: Path) -> None:
    reps = import_files(
        db_path,
        [
            YT / "en" / "Chart data.csv",
            YT / "en" / "empty_chart" / "Chart data.csv",
            YT / "en" / "Totals.csv",
        ],
        channel="yt",
    )
    assert [(r.status, r.rows_loaded) for r in reps] == [
        ("loaded", 3),
        ("loaded", 0),
        ("loaded", 3),
    ]
    assert reps[0].format_label == "YouTube Studio · daily per video (chart data)"
    assert rows(
        db_path, "SELECT video_id, date, revenue, currency FROM video_daily ORDER BY date, video_id"
    ) == [
        ("-Ab3dEfGh12", dt.date(2024, 9, 26), 0.412, "USD"),
        ("-Ab3dEfGh12", dt.date(2024, 9, 27), 1.5, "USD"),
        ("Xy_9kLmN0pQ", dt.date(2024, 9, 27), 0.0, "USD"),
    ]
    # Totals.csv: negative net subscribers, an empty day is missing (not 0)
    assert rows(db_path, "SELECT date, followers_net FROM channel_daily ORDER BY date") == [
        (dt.date(2024, 9, 26), 4),
        (dt.date(2024, 9, 27), -2),
        (dt.date(2024, 9, 28), None),
    ]


def test_table_then_chart_preview_shows_rows(db_path: Path) -> None:
    [pv] = preview_files(
        [("Table data.csv", (YT / "en" / "Table data.csv").read_bytes())], channel="yt"
    )
    assert pv.error is None and pv.row_counts == {"videos": 3, "video_totals": 3}
    assert pv.headers[:3] == ["Content", "Video title", "Video publish time"]


def test_date_dimension_with_total_at_the_end_and_crlf(db_path: Path) -> None:
    data = b"Data,Inscritos\r\n2023-01-01,700\r\n2023-01-02,-6\r\n2023-01-03,1412\r\nTotal,2106\r\n"
    [rep] = import_files(db_path, [("Dados do gráfico.csv", data)], channel="pt")
    assert rep.status == "loaded" and rep.rows_loaded == 3
    assert rows(db_path, "SELECT date, followers_net FROM channel_daily ORDER BY date") == [
        (dt.date(2023, 1, 1), 700),
        (dt.date(2023, 1, 2), -6),
        (dt.date(2023, 1, 3), 1412),
    ]


def test_traffic_source_table(db_path: Path) -> None:
    data = (
        b"Traffic source,Views,Watch time (hours),Average view duration,Impressions,"
        b"Impressions click-through rate (%)\n"
        b"Total,1000,20,0:01:12,9000,5\n"
        b"YT_RELATED.Ab3dEfGh12x,600,12,0:01:12,5000,6\n"
        b"YT_SEARCH,400,8,0:01:12,4000,3.75\n"
    )
    [rep] = import_files(db_path, [("Table data.csv", data)], channel="yt")
    assert (
        rep.status == "loaded"
        and "cross-check: the rows sum to the Total row's 1,000 views" in rep.notes
    )
    assert rows(
        db_path,
        "SELECT dimension, key, views, watch_time_s, impressions_ctr FROM channel_breakdown "
        "ORDER BY key",
    ) == [
        ("traffic_source", "YT_RELATED.Ab3dEfGh12x", 600, 43200.0, 0.06),
        ("traffic_source", "YT_SEARCH", 400, 28800.0, 0.0375),
    ]
