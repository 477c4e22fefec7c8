"""Channels by id or name on the command line; notes that say what the importer assumed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from analytics.services.imports import import_files
from tests.conftest import REPO


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args], capture_output=True, text=True, cwd=REPO
    )


def test_channels_listed_and_named_by_display_name(db_path: Path, cases_dir: Path) -> None:
    import_files(db_path, [cases_dir / "C18/input.csv"], channel="Kitchen Lab")
    res = _cli("channels", "--db", str(db_path), "--json")
    assert res.returncode == 0, res.stderr
    assert '"channel_id": "Kitchen Lab"' in res.stdout
    bad = _cli("drivers", "--db", str(db_path), "--channel", "nope")
    assert bad.returncode == 1
    assert bad.stderr.strip() == (
        "error: unknown channel 'nope'; `python -m analytics channels` lists the store's channels"
    )
    assert "Traceback" not in bad.stderr


def test_duplicate_names_the_channel_it_went_to(db_path: Path, cases_dir: Path) -> None:
    data = (cases_dir / "C17/input.csv").read_bytes()
    import_files(db_path, [("input.csv", data)], channel="A")
    for channel in ("A", None):  # the same channel, or none named: skipped, naming where it is
        [again] = import_files(db_path, [("copy.csv", data)], channel=channel)
        assert again.status == "duplicate"
        assert again.notes == [
            "the same file was imported before (import 1 into channel 'A'); nothing changed"
        ]


def test_a_duplicate_given_an_export_day_says_how_to_apply_it(
    db_path: Path, cases_dir: Path
) -> None:
    import datetime as dt

    from analytics.ingest import ImportOptions
    from analytics.present.import_notes import note_text
    from analytics.services.imports import import_files as import_with_options

    data = (cases_dir / "C17/input.csv").read_bytes()
    import_files(db_path, [("input.csv", data)], channel="A")
    options = ImportOptions(channel="A", export_date=dt.date(2025, 6, 1))
    [again] = import_with_options(db_path, [("input.csv", data)], options=options)
    assert again.status == "duplicate"
    assert again.notes[1] == (
        "to read it again with the export day or date order given now, undo import 1 first, "
        "then import the file again"
    )
    assert note_text(again.notes[1], "zh") == (
        "要按这次给出的导出日期或日期顺序重新读取，请先撤销第 1 次导入，再导入这个文件"
    )


def test_same_file_into_another_channel_is_refused_not_skipped(
    db_path: Path, cases_dir: Path, tmp_path: Path
) -> None:
    """Asked into channel B, a file already in channel A never reads as "skipped" with status 0:
    the rows are not in B, and the creator is told how to move them."""
    src = cases_dir / "C17/input.csv"
    import_files(db_path, [src], channel="A")
    [moved] = import_files(db_path, [("copy.csv", src.read_bytes())], channel="B")
    assert moved.status == "failed"
    assert moved.error == (
        "this file is already in channel 'A' (import 1), not in 'B'; to move it, undo import 1 "
        "and import the file again, or merge the two channels"
    )
    # in a zip too, and through the command line with its exit status
    import zipfile

    packed = tmp_path / "download.zip"
    with zipfile.ZipFile(packed, "w") as zf:
        zf.write(src, "inner/input.csv")
    res = _cli("import", "--db", str(db_path), "--channel", "B", str(packed))
    assert res.returncode == 1
    assert "FAILED" in res.stdout and "already in channel 'A' (import 1), not in 'B'" in res.stdout
    channels = _cli("channels", "--db", str(db_path), "--json")
    assert '"channel_id": "B"' not in channels.stdout  # nothing landed in B


def test_totals_without_a_date_say_so(db_path: Path, cases_dir: Path) -> None:
    [rep] = import_files(db_path, [cases_dir / "C14/input.csv"], channel="c14")
    assert any(
        n.startswith("the export does not say which day or period it covers") for n in rep.notes
    )
