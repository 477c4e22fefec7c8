"""``kill -9`` of an import at any moment leaves the store exactly as before.

Two ways of killing:

* the real command, ``python -m analytics import`` of a large per-video
  daily CSV, killed after varying delays: early (reading the file), middle
  (parsing), late (as soon as it starts writing to the store);
* a driver that runs the store writer on 150,000 staged rows (more than one
  DuckDB row group, so uncommitted rows reach the database file) and is
  killed at exact points: after its first write to ``video_daily`` (old rows
  already deleted or replaced inside the transaction) and just before
  ``COMMIT``.

After each kill the store opens normally and every table (row count and
content checksum) equals the state before the import; a later import works.
The only other outcome allowed for the timed kills is the complete import
(when the kill lands after the commit).

The CSV has ``CREATOR_ANALYTICS_CRASH_ROWS`` rows (default 150,000; set it to
2,000,000 for a full-size run, which takes minutes).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from analytics.services.imports import import_files
from analytics.store.backup import snapshot, table_checksum
from analytics.store.connection import connect
from tests.helpers import one

REPO = Path(__file__).resolve().parents[1]
C19 = Path(__file__).resolve().parent / "data" / "cases" / "C19" / "input.csv"
ROWS = int(os.environ.get("CREATOR_ANALYTICS_CRASH_ROWS", "150000"))
N_VIDEOS = 100
DRIVER_ROWS = 150_000  # > 122,880 rows: one full DuckDB row group
ENV = {**os.environ, "PYTHONPATH": str(REPO), "CREATOR_ANALYTICS_LOCK_WAIT_S": "30"}
State = dict[str, tuple[int, str]]


def write_daily_csv(path: Path, n_videos: int, n_days: int, bump: int = 0) -> None:
    """Date,Content,Video title,Video publish time,Duration,Views for n_videos x n_days."""
    d0 = dt.date(2020, 1, 1)
    days = [(d0 + dt.timedelta(days=i)).isoformat() for i in range(n_days)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Date,Content,Video title,Video publish time,Duration,Views\n")
        for v in range(n_videos):
            middle = f',vid{v:05d},Title {v},"Jan 1, 2020",{60 + v % 500},'
            fh.write(
                "".join(f"{day}{middle}{(v * 7 + i) % 1000 + bump}\n" for i, day in enumerate(days))
            )


# Columns of ``imports`` that do not depend on when the import ran (imported_at and
# rank_key hold the time): two complete runs of the same import agree on these.
IMPORT_COLUMNS = [
    "import_id",
    "file_name",
    "sha256",
    "format",
    "channel_id",
    "status",
    "rows_read",
    "rows_loaded",
    "rows_rejected",
    "error",
    "period_start",
    "period_end",
    "export_date",
]


def state_of(db: Path) -> State:
    """Rows and checksum of every table (``imports`` without its clock columns)."""
    with connect(db) as con:
        state = snapshot(con, exclude=["imports"])
        state["imports"] = table_checksum(con, "imports", IMPORT_COLUMNS)
    return state


def differences(
    state: State, before: State, after: State
) -> dict[str, tuple[object, object, object]]:
    """Tables whose state is neither the one before nor the one after: (before, got, after)."""
    return {
        t: (before.get(t), state.get(t), after.get(t))
        for t in sorted(set(state) | set(before))
        if state.get(t) not in (before.get(t), after.get(t))
    }


def copy_store(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    if Path(f"{src}.wal").exists():
        shutil.copy(f"{src}.wal", f"{dst}.wal")
    return dst


@pytest.fixture(scope="module")
def crash_setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, State]:
    """(large CSV, store before the import, its state). The store already holds overlapping rows."""
    root = tmp_path_factory.mktemp("crash")
    big = root / "big.csv"
    write_daily_csv(big, N_VIDEOS, ROWS // N_VIDEOS)
    pre = root / "pre.csv"
    write_daily_csv(
        pre, 30, 100, bump=5000
    )  # the same keys with other values: the import must replace them
    db = root / "before.duckdb"
    reports = import_files(db, [pre], channel="big") + import_files(db, [C19], channel="other")
    assert [(r.status, r.rows_loaded) for r in reports] == [("loaded", 3000), ("loaded", 3)]
    state = state_of(db)
    assert not Path(f"{db}.wal").exists()
    return big, db, state


def _start_import(db: Path, csv_path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analytics",
            "import",
            "--db",
            str(db),
            "--channel",
            "big",
            str(csv_path),
        ],
        cwd=REPO,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _writing(db: Path) -> Callable[[], bool]:
    """True once the import writes to the store (its write-ahead log appears, or the file changes)."""
    size, mtime = db.stat().st_size, db.stat().st_mtime_ns
    wal = Path(f"{db}.wal")
    return lambda: wal.exists() or db.stat().st_size != size or db.stat().st_mtime_ns != mtime


def _kill(proc: subprocess.Popen[bytes]) -> bool:
    """SIGKILL; True when the process was still running."""
    running = proc.poll() is None
    if running:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    return running


def test_kill_9_of_the_import_command(
    crash_setup: tuple[Path, Path, State], tmp_path: Path
) -> None:
    big, before_db, before = crash_setup
    # A complete run first: the state after a whole import, and how long reading takes.
    full = copy_store(before_db, tmp_path / "full.duckdb")
    writing = _writing(full)
    t0 = time.monotonic()
    proc = _start_import(full, big)
    t_write = None
    while proc.poll() is None:
        if t_write is None and writing():
            t_write = time.monotonic() - t0
        time.sleep(0.005)
    assert proc.returncode == 0
    assert t_write is not None
    after = state_of(full)
    assert after != before
    assert (
        one(full, "SELECT count(*) FROM video_daily") == ROWS
    )  # the 3000 older rows were replaced
    assert one(full, "SELECT max(views) FROM video_daily") < 5000

    outcomes = {}
    for point in ("early", "middle", "late"):
        db = copy_store(before_db, tmp_path / f"{point}.duckdb")
        writing = _writing(db)
        t0 = time.monotonic()
        proc = _start_import(db, big)
        if point == "late":
            while proc.poll() is None and not writing():
                time.sleep(0.002)
        else:
            time.sleep(t_write * (0.3 if point == "early" else 0.75))
        was_running = _kill(proc)
        state = state_of(db)  # opens normally (replays or discards the write-ahead log)
        assert state in (before, after), (
            f"{point}: a half-written import {differences(state, before, after)}"
        )
        outcomes[point] = (
            "before" if state == before else "after",
            was_running,
            round(time.monotonic() - t0, 2),
        )
    print("kill outcomes (state, was running, seconds):", outcomes)
    assert outcomes["early"][0] == "before" and outcomes["early"][1], outcomes
    # The store still takes imports after a kill.
    db = tmp_path / "late.duckdb"
    [rep] = import_files(db, [("more.csv", b"Date,Views\n2030-01-01,7\n")], channel="after-crash")
    assert (
        rep.status == "loaded"
        and one(db, "SELECT views FROM channel_daily WHERE channel_id = 'after-crash'") == 7
    )


DRIVER = textwrap.dedent("""
    import datetime as dt, re, sys, time
    from analytics.store.connection import connect
    from analytics.store import writer as W

    db, point, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    WRITE = re.compile(r'^\\s*(DELETE\\s+FROM|INSERT\\s+(OR\\s+REPLACE\\s+)?INTO|UPDATE|MERGE\\s+INTO)\\s+"?video_daily"?\\b',
                       re.I)

    def pause(where):
        print(where, flush=True)
        time.sleep(300)

    class Pausing:
        def __init__(self, con):
            self._con = con
            self.writes = 0
        def execute(self, sql, *args):
            if point == "before_commit" and sql.strip().upper() == "COMMIT":
                pause("before_commit")
            result = self._con.execute(sql, *args)
            if WRITE.match(sql):
                self.writes += 1
                if point == "first_write" and self.writes == 1:
                    pause("first_write")
            return result
        def commit(self):
            if point == "before_commit":
                pause("before_commit")
            return self._con.commit()
        def __getattr__(self, name):
            return getattr(self._con, name)

    with connect(db) as con:
        con.execute(f'''CREATE TEMP TABLE st_vd AS
            SELECT CAST(NULL AS VARCHAR) AS channel_id, 'vid' || lpad((i % 300)::VARCHAR, 5, '0') AS video_id,
                   DATE '2020-01-01' + (i // 300)::INTEGER AS date, (i % 997)::BIGINT AS views, i AS _row
            FROM range({n}) t(i)''')
        con.execute('''CREATE TEMP TABLE st_v AS SELECT DISTINCT CAST(NULL AS VARCHAR) AS channel_id, video_id,
                       'New title ' || video_id AS title FROM st_vd''')
        log = W.ImportLog(import_id=W.next_import_id(con), file_name="staged.csv", sha256="0" * 64,
                          format="dimension_table", channel_id="big", status="loaded", rows_read=n,
                          rows_loaded=0, rows_rejected=0, period_end=dt.date(2030, 1, 1),
                          rank=W.rank_key(dt.date(2030, 1, 1), None, dt.datetime.now(dt.timezone.utc)))
        W.commit_import(Pausing(con), log, {"video_daily": "st_vd", "videos": "st_v"},
                        [{"channel_id": "big", "platform": "youtube", "display_name": "big", "time_zone": "UTC"}],
                        "big")
    print("committed", flush=True)
""")


def _run_driver(db: Path, point: str, tmp_path: Path) -> str:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(driver), str(db), point, str(DRIVER_ROWS)],
        cwd=REPO,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    try:
        line = proc.stdout.readline().strip()
        if point != "none":
            _kill(proc)
        else:
            proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert line == ("committed" if point == "none" else point), proc.stderr.read()
    return line


def test_kill_9_inside_the_write_transaction(
    crash_setup: tuple[Path, Path, State], tmp_path: Path
) -> None:
    _, before_db, before = crash_setup
    full = copy_store(before_db, tmp_path / "full.duckdb")
    _run_driver(full, "none", tmp_path)
    after = state_of(full)
    assert (before["video_daily"][0], after["video_daily"][0]) == (
        3000,
        DRIVER_ROWS,
    )  # 3000 replaced
    assert (
        one(full, "SELECT title FROM videos WHERE channel_id = 'big' AND video_id = 'vid00001'")
        == "New title vid00001"
    )
    for point in ("first_write", "before_commit"):
        db = copy_store(before_db, tmp_path / f"{point}.duckdb")
        _run_driver(db, point, tmp_path)
        assert state_of(db) == before, point
        assert (
            one(db, "SELECT title FROM videos WHERE channel_id = 'big' AND video_id = 'vid00001'")
            == "Title 1"
        )
        [rep] = import_files(db, [C19], channel="other")
        assert rep.status == "duplicate"  # the earlier import of this file is still recorded
        [rep] = import_files(db, [("new.csv", b"Date,Views\n2030-01-01,7\n")], channel="again")
        assert rep.status == "loaded"
