"""Very wide files are refused whole; blank worksheet rows keep true row numbers; the CLI's
progress bar shows on a terminal and never in pipes or ``--json`` output."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import openpyxl
import pytest

from analytics.ingest.reader import MAX_COLUMNS
from analytics.services.imports import import_files
from analytics.store.connection import connect
from tests.conftest import REPO


def _count(db: Path, table: str) -> int:
    with connect(db) as con:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_wider_than_the_limit_is_refused_whole(db_path: Path, kind: str) -> None:
    header = ["Date", "Views"] + [f"extra {i}" for i in range(MAX_COLUMNS)]
    row = ["2024-12-31", "5"] + ["1"] * MAX_COLUMNS
    if kind == "csv":
        data = (",".join(header) + "\n" + ",".join(row) + "\n").encode()
    else:
        data = _xlsx([header, row])
    [rep] = import_files(db_path, [(f"wide.{kind}", data)], channel="w")
    assert rep.status == "failed"
    where = "line 1" if kind == "csv" else "row 1"
    assert rep.error is not None and rep.error.startswith(
        f"the header on {where} has {MAX_COLUMNS + 2:,} columns; the importer reads at most "
        f"{MAX_COLUMNS}"
    )
    assert _count(db_path, "channel_daily") == 0  # nothing written


def test_a_file_at_the_limit_imports(db_path: Path) -> None:
    header = ["Date", "Views"] + [f"extra {i}" for i in range(MAX_COLUMNS - 2)]
    rows = [
        ["2024-12-30", "5"] + ["1"] * (MAX_COLUMNS - 2),
        ["2024-12-31", "7"] + ["1"] * (MAX_COLUMNS - 2),
    ]
    data = "\n".join(",".join(r) for r in [header, *rows]).encode() + b"\n"
    [rep] = import_files(db_path, [("edge.csv", data)], channel="w")
    assert rep.status == "loaded", rep.error
    assert rep.rows_loaded == 2


def test_blank_worksheet_rows_are_skipped_and_rejects_name_the_true_row(db_path: Path) -> None:
    rows: list[list[object]] = [
        ["Date", "Views"],
        ["2024-12-28", 3],
        [None, None],  # row 3: blank
        [None, None],  # row 4: blank
        ["2024-12-29", "many"],  # row 5: a bad value
        [],  # row 6: blank
        ["2024-12-30", 11],
    ]
    [bad] = import_files(db_path, [("gaps.xlsx", _xlsx(rows))], channel="x")
    assert bad.status == "failed"  # lands whole or not at all
    assert [(r.line, r.column, r.value) for r in bad.rejects] == [(5, "Views", "many")]
    assert _count(db_path, "channel_daily") == 0
    rows[4] = ["2024-12-29", 7]
    [rep] = import_files(db_path, [("gaps.xlsx", _xlsx(rows))], channel="x")
    assert rep.status == "loaded", rep.error
    assert (rep.rows_read, rep.rows_loaded) == (3, 3)  # blank rows are not rows
    with connect(db_path) as con:
        got = con.execute("SELECT date, views FROM channel_daily ORDER BY date").fetchall()
    assert [(str(d), v) for d, v in got] == [
        ("2024-12-28", 3),
        ("2024-12-29", 7),
        ("2024-12-30", 11),
    ]


def _cli_on_terminal(args: list[str]) -> tuple[int, str, str]:
    """Run the CLI with stderr on a pseudo-terminal (as in a shell); stdout is a pipe."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # 120 columns
    proc = subprocess.Popen(
        [sys.executable, "-m", "analytics", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=slave,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    out, _ = proc.communicate(timeout=300)
    os.close(master)
    return proc.returncode, out.decode(), b"".join(chunks).decode(errors="replace")


def test_progress_bar_on_a_terminal_only(db_path: Path, cases_dir: Path) -> None:
    files = [str(cases_dir / "C17/input.csv"), str(cases_dir / "C19/input.csv")]
    code, out, err = _cli_on_terminal(["import", "--db", str(db_path), "--channel", "p", *files])
    assert code == 0, out + err
    assert "import:   0%|" in err and "/4 [" in err  # tqdm's bar over 2 files x (read, write)
    assert "LOADED" in out and "import:" not in out
    # piped (as in CI or `| tee`): no bar anywhere; --json stays pure JSON
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics",
            "import",
            "--db",
            str(db_path),
            "--channel",
            "p",
            "--json",
            *files,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""
    assert [f["status"] for f in json.loads(res.stdout)["files"]] == ["duplicate", "duplicate"]
