"""Many readers at once, and a second process while the app serves the store (cases C18, C19).

* 8 threads x 100 calls of the product's own query functions (what
  concurrent dashboard sessions run): no error, every result identical to
  the single-threaded one.
* The query functions keep no connection (and so no file lock) once they
  return: another process can open the store at once.
* A CLI import while an "app" process keeps querying the same store (two
  app processes here): the import succeeds, the app never errors, and it
  only ever sees the store before or after the whole import.
* A process that holds the store open (DuckDB allows one writer process):
  the import retries for the configured time, then fails with one line that
  names the store and the holding process; nothing is half-written, and
  once the holder is gone the same import works.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analytics.errors import StoreBusyError
from analytics.store import connection
from analytics.store import queries as q
from analytics.store.backup import snapshot
from analytics.store.connection import connect
from tests.dashboard_store import build_store
from tests.helpers import one

REPO = Path(__file__).resolve().parents[1]
C19 = Path(__file__).resolve().parent / "data" / "cases" / "C19" / "input.csv"
THREADS, PER_THREAD = 8, 100
D1, D14, D28 = dt.date(2025, 1, 1), dt.date(2025, 1, 14), dt.date(2025, 1, 28)
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("conc") / "s.duckdb")


def fingerprint(value: Any) -> str:
    """A text form of a query result that is equal exactly when the results are equal."""
    if isinstance(value, pd.DataFrame):
        return value.to_csv(index=False) + repr(list(value.dtypes))
    return repr(value)


def page_queries(db: str) -> list[Callable[[], Any]]:
    """The reads one dashboard rerun makes (Overview, Videos, sidebar)."""
    return [
        lambda: q.daily_views(db, None),
        lambda: q.daily_views(db, "yt1", D1, D14),
        lambda: q.kpi_comparison(db, None, D1, D28),
        lambda: q.kpi_comparison(db, "tt1", D14, D28),
        lambda: q.top_videos(db, None, D1, D28, 10),
        lambda: q.video_table(db, "yt1"),
        lambda: q.list_channels(db),
        lambda: q.date_bounds(db, None),
    ]


def test_eight_sessions_hundred_queries_each(store: str) -> None:
    calls = page_queries(store)
    expected = [fingerprint(call()) for call in calls]
    assert int(q.daily_views(store, None)["views"].sum()) == 9200
    assert q.kpi_comparison(store, None, D1, D28).current.views == 9200
    errors: list[BaseException] = []
    mismatches: list[int] = []
    done = [0]
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def session(n: int) -> None:
        start.wait()
        for i in range(PER_THREAD):
            k = (n + i) % len(calls)
            try:
                got = fingerprint(calls[k]())
            except BaseException as exc:  # noqa: BLE001 - every failure counts
                with lock:
                    errors.append(exc)
                continue
            with lock:
                done[0] += 1
                if got != expected[k]:
                    mismatches.append(k)

    t0 = time.monotonic()
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(session, range(THREADS)))
    elapsed = time.monotonic() - t0
    assert errors == []
    assert mismatches == []
    assert done[0] == THREADS * PER_THREAD
    print(f"{THREADS * PER_THREAD} queries from {THREADS} threads in {elapsed:.1f} s")


HOLD_CHECK = textwrap.dedent("""
    import sys
    from analytics.store.connection import connect
    with connect(sys.argv[1], wait_s=0):
        print("opened", flush=True)
""")


def test_queries_keep_no_connection_open(store: str) -> None:
    """After the reads return, another process opens the store without waiting."""
    for call in page_queries(store):
        call()
    out = subprocess.run(
        [sys.executable, "-c", HOLD_CHECK, store],
        env=ENV,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (out.returncode, out.stdout, out.stderr) == (0, "opened\n", "")


APP = textwrap.dedent("""
    import json, os, sys, time
    from analytics.store import queries as q
    db, stop = sys.argv[1], sys.argv[2]
    seen, errors, n = set(), [], 0
    print("ready", flush=True)
    end = None
    while end is None or time.monotonic() < end:
        if end is None and os.path.exists(stop):
            end = time.monotonic() + 0.3
        try:
            frame = q.daily_views(db, "c19")
            seen.add(int(frame["views"].sum()) if len(frame) else 0)
            n += 1
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        time.sleep(0.02)
    print(json.dumps({"n": n, "seen": sorted(seen), "errors": errors}), flush=True)
""")


def test_c19_cli_import_while_app_processes_serve_the_store(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    with connect(db):
        pass
    stop = tmp_path / "stop"
    apps = [
        subprocess.Popen(
            [sys.executable, "-c", APP, db, str(stop)],
            env=ENV,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        for app in apps:
            assert app.stdout is not None and app.stdout.readline() == "ready\n"
        time.sleep(0.3)
        out = subprocess.run(
            [sys.executable, "-m", "analytics", "import", "--db", db, "--channel", "c19", str(C19)],
            env=ENV,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
        )
        stop.touch()
        results = []
        for app in apps:
            stdout, stderr = app.communicate(timeout=120)
            assert app.returncode == 0, stderr
            results.append(json.loads(stdout.strip().splitlines()[-1]))
    finally:
        for app in apps:
            if app.poll() is None:
                app.kill()
                app.wait()
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"LOADED  {C19}: ") and "3 loaded" in out.stdout
    for res in results:
        assert res["errors"] == []
        assert res["n"] > 0
        assert set(res["seen"]) <= {0, 3610}  # before or after the whole import, never half
        assert 3610 in res["seen"]  # the app saw the import land
    assert one(db, "SELECT sum(views) FROM channel_daily") == 3610


HOLDER = textwrap.dedent("""
    import sys
    import duckdb
    con = duckdb.connect(sys.argv[1])  # e.g. a DuckDB shell left open on the store
    con.execute("SELECT count(*) FROM channels").fetchall()
    print("holding", flush=True)
    sys.stdin.read()
    con.close()
""")


def test_c19_store_held_by_another_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.duckdb"
    with connect(db):
        pass
    from analytics.services.imports import import_files

    import_files(db, [("first.csv", b"Date,Views\n2024-12-31,5\n")], channel="c19")
    with connect(db) as con:
        before = snapshot(con)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        env=ENV,
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        t0 = time.monotonic()
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "analytics",
                "import",
                "--db",
                str(db),
                "--channel",
                "c19",
                str(C19),
            ],
            env={**ENV, "CREATOR_ANALYTICS_LOCK_WAIT_S": "1"},
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
        )
        elapsed = time.monotonic() - t0
        assert out.returncode == 1
        assert out.stdout == ""
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
        assert out.stderr.startswith(f"error: the store {db.resolve()} is in use by ")
        assert f"(process {holder.pid})" in out.stderr
        assert out.stderr.endswith("(waited 1 s); close the other program or try again\n")
        assert elapsed < 60  # bounded: about 1 s of retries plus start-up
        # A read in this process (an app session) gets the same typed error.
        monkeypatch.setattr(connection, "LOCK_WAIT_S", 0.3)
        with pytest.raises(StoreBusyError, match=f"process {holder.pid}"):
            q.daily_views(str(db), "c19")
    finally:
        holder.communicate(input="", timeout=60)
    with connect(db) as con:
        assert snapshot(con) == before  # nothing half-written
    assert one(db, "SELECT count(*) FROM imports") == 1
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics",
            "import",
            "--db",
            str(db),
            "--channel",
            "c19",
            str(C19),
        ],
        env=ENV,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert one(db, "SELECT sum(views) FROM channel_daily") == 3615
