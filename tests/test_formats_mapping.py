"""Unknown layouts: the column-mapping step, saved profiles, and ``--mapping FILE`` on the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from analytics.cli import main as cli_main
from analytics.errors import IngestError
from analytics.ingest import ImportOptions
from analytics.ingest.formats.mapping import (
    ColumnMapping,
    load_mapping_file,
    mapping_fields,
    suggest_mapping,
)
from analytics.services.imports import import_files, preview_files
from analytics.services.profiles import delete_profile, list_profiles, save_profile
from tests.conftest import TEST_DATA
from tests.helpers import one, rows

MAP = TEST_DATA / "formats" / "mapping"
WEEK1, WEEK2 = MAP / "agency_week1.csv", MAP / "agency_week2.csv"
HEADERS = ["Clip", "Headline", "Day", "Plays", "CTR", "Watch (min)"]


def test_unknown_layout_preview_gives_headers_and_suggestions(db_path: Path) -> None:
    [pv] = preview_files([WEEK1], db_path=db_path)
    assert pv.unknown_layout and pv.headers == HEADERS
    assert pv.error is not None and pv.error.startswith(
        "unknown layout (header on line 1: Clip, Headline"
    )
    assert suggest_mapping(pv.headers) == {
        "Clip": "video_id",
        "Headline": "title",
        "Day": "date",
        "Plays": "views",
        "CTR": "impressions_ctr",
        "Watch (min)": "watch_time_s",
    }
    [rep] = import_files(db_path, [WEEK1], channel="ag")
    assert rep.status == "failed" and rep.headers == HEADERS
    assert one(db_path, "SELECT count(*) FROM video_daily") == 0


def test_mapping_imports_and_is_reused_as_a_profile(db_path: Path) -> None:
    mapping = load_mapping_file(MAP / "agency.json")
    [rep] = import_files(db_path, [WEEK1], options=ImportOptions(channel="ag", mapping=mapping))
    assert rep.status == "loaded" and rep.format_label == "Column mapping 'agency weekly sheet'"
    assert any("saved as profile 'agency weekly sheet'" in n for n in rep.notes)
    # the next file with the same header imports by itself, day-first dates included
    [pv] = preview_files([WEEK2], db_path=db_path)
    assert (
        pv.error is None
        and pv.notes[0] == "columns read with the saved profile 'agency weekly sheet'"
    )
    [rep2] = import_files(db_path, [WEEK2], channel="ag")
    assert rep2.status == "loaded", rep2.error
    assert rows(
        db_path,
        "SELECT video_id, date, views, impressions_ctr, watch_time_s FROM video_daily "
        "ORDER BY date",
    ) == [
        ("c-001", dt.date(2026, 2, 1), 1200, 0.045, 18000.0),
        ("c-002", dt.date(2026, 2, 2), 800, 0.0325, 9030.0),
        ("c-001", dt.date(2026, 2, 8), 1500, 0.04, 19800.0),
        ("c-003", dt.date(2026, 2, 9), 640, 0.025, 5760.0),
    ]
    assert rows(db_path, "SELECT video_id, title FROM videos ORDER BY video_id") == [
        ("c-001", "Knife skills"),
        ("c-002", "Stock basics"),
        ("c-003", "Sauces"),
    ]
    [info] = list_profiles(db_path)
    assert (info.name, info.headers) == ("agency weekly sheet", [h.lower() for h in HEADERS])
    assert info.mapping.units == {"CTR": "percent", "Watch (min)": "minutes"}
    assert delete_profile(db_path, "agency weekly sheet") and not list_profiles(db_path)


def test_mapping_from_the_import_page_choices(db_path: Path) -> None:
    choices = suggest_mapping(HEADERS)
    mapping = ColumnMapping.from_choices("my sheet", choices, date_order="dmy")
    assert mapping.unit_of("CTR") == "fraction" and mapping.unit_of("Watch (min)") == "minutes"
    save_profile(
        db_path,
        ColumnMapping.from_choices("my sheet", choices, units={"CTR": "percent"}, date_order="dmy"),
        HEADERS,
    )
    [rep] = import_files(db_path, [WEEK1], channel="ag")
    assert rep.status == "loaded"
    assert one(db_path, "SELECT impressions_ctr FROM video_daily WHERE video_id = 'c-001'") == 0.045
    names = {f["name"] for f in mapping_fields()}
    assert {"video_id", "date", "views", "impressions_ctr", "watch_time_s", "ignore"} <= names


def test_ambiguous_dates_need_the_profile_order(db_path: Path) -> None:
    mapping = ColumnMapping.from_choices(
        "no order", suggest_mapping(HEADERS), units={"CTR": "percent"}
    )
    [rep] = import_files(db_path, [WEEK1], options=ImportOptions(channel="ag", mapping=mapping))
    assert rep.status == "failed" and "ambiguous date order in column Day" in (rep.error or "")
    assert (
        one(db_path, "SELECT count(*) FROM column_profiles") == 0
    )  # a failed import saves no profile


def test_fraction_column_above_one_is_an_error_not_a_guess(db_path: Path) -> None:
    mapping = ColumnMapping.from_choices(
        "ctr as fraction", suggest_mapping(HEADERS), date_order="dmy"
    )
    [rep] = import_files(db_path, [WEEK1], options=ImportOptions(channel="ag", mapping=mapping))
    assert rep.status == "failed"
    assert [(r.line, r.column, r.value) for r in rep.rejects] == [
        (2, "CTR", "4,5"),
        (3, "CTR", "3,25"),
    ]


@pytest.mark.parametrize(
    "columns, message",
    [
        ({"Clip": "video_id", "Plays": "viewz"}, "unknown field 'viewz'"),
        (
            {"Clip": "video_id", "Plays": "views", "Headline": "views"},
            "more than one column maps to views",
        ),
        ({"Plays": "views"}, "map at least one of video_id, date, key or title"),
        (
            {"Clip": "video_id", "CTR": {"field": "impressions_ctr", "unit": "per mille"}},
            "unit 'per mille'",
        ),
    ],
)
def test_invalid_mappings_are_refused(columns: dict, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        ColumnMapping.from_dict({"name": "x", "columns": columns})


def test_cli_mapping_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cli.duckdb"
    assert cli_main(["import", "--db", str(db), "--channel", "ag", str(WEEK1)]) == 1
    out = capsys.readouterr().out
    assert (
        "FAILED" in out and '"Watch (min)": "watch_time_s"' in out
    )  # a mapping file to start from
    code = cli_main(
        [
            "import",
            "--db",
            str(db),
            "--channel",
            "ag",
            "--mapping",
            str(MAP / "agency.json"),
            str(WEEK1),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "LOADED" in out and "saved as profile 'agency weekly sheet'" in out
    assert cli_main(["import", "--db", str(db), "--channel", "ag", str(WEEK2), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files"][0]["status"] == "loaded" and report["files"][0]["rows_loaded"] == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"columns": {"Clip": "nope"}}', encoding="utf-8")
    assert cli_main(["import", "--db", str(db), "--mapping", str(bad), str(WEEK1)]) == 1
    assert "unknown field 'nope'" in capsys.readouterr().err


def test_preview_names_the_ambiguous_date_column(cases_dir: Path) -> None:
    data = (cases_dir / "C09" / "input_ambiguous.csv").read_bytes()
    [pv] = preview_files([("input_ambiguous.csv", data)], channel="c09")
    assert pv.ambiguous_date_column == "Date" and not pv.tables
    [ok] = preview_files(
        [("input_ambiguous.csv", data)], channel="c09", options=ImportOptions(date_order="dmy")
    )
    assert ok.error is None and ok.period_start == dt.date(2025, 2, 1)
    assert "dates in column Date read as day/month/year" in ok.notes
