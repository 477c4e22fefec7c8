"""Schema migrations: numbered, each in one transaction; a failed one leaves the old schema working.

A broken migration (its third statement fails) is rolled back whole: the
columns and tables of its first statements are gone, the recorded version
is unchanged, the data is intact, the program reports one line naming the
store, and the old schema keeps working. A migration killed with ``kill -9``
half-way is likewise absent when the store is opened again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from analytics.cli import main
from analytics.errors import StoreError
from analytics.services.imports import import_files
from analytics.store import queries as q
from analytics.store import schema
from analytics.store.backup import snapshot
from analytics.store.connection import connect
from analytics.store.migrations import MIGRATIONS
from tests.helpers import one, rows

REPO = Path(__file__).resolve().parents[1]
C18 = Path(__file__).resolve().parent / "data" / "cases" / "C18" / "input.csv"
LATEST = MIGRATIONS[-1][0]


@pytest.fixture
def store(tmp_path: Path) -> str:
    db = str(tmp_path / "s.duckdb")
    [rep] = import_files(db, [C18], channel="c18")
    assert rep.rows_loaded == 3
    return db


def _columns(db: str, table: str) -> list[str]:
    return [
        r[0]
        for r in rows(
            db,
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [table],
        )
    ]


def _tables(db: str) -> list[str]:
    return [r[0] for r in rows(db, "SELECT table_name FROM information_schema.tables ORDER BY 1")]


def _state(db: str) -> dict[str, tuple[int, str]]:
    with connect(db) as con:
        return snapshot(con)


def test_migrations_are_numbered_one_by_one() -> None:
    versions = [v for v, _, _ in MIGRATIONS]
    assert versions == list(range(1, len(MIGRATIONS) + 1))
    assert all(name and statements for _, name, statements in MIGRATIONS)


def test_a_failed_migration_leaves_the_old_schema_working(
    store: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before_tables, before_cols, before = _tables(store), _columns(store, "videos"), _state(store)
    broken = (
        LATEST + 1,
        "broken",
        [
            "ALTER TABLE videos ADD COLUMN half_done INTEGER",
            "CREATE TABLE half_table (a INTEGER)",
            "SELECT * FROM no_such_table",
        ],
    )
    monkeypatch.setattr(schema, "MIGRATIONS", [*MIGRATIONS, broken])
    with pytest.raises(StoreError) as err:
        with connect(store):
            pass
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(
        f"the store {Path(store).resolve()} could not be upgraded to the current schema ("
    )
    assert message.endswith("; it was left as it was")
    # The CLI says the same in one line, without a traceback.
    assert main(["import", "--db", store, str(C18)]) == 1
    cli_err = capsys.readouterr().err
    assert (
        cli_err.count("\n") == 1
        and cli_err.startswith("error: the store ")
        and "Traceback" not in cli_err
    )

    monkeypatch.setattr(schema, "MIGRATIONS", MIGRATIONS)
    assert one(store, "SELECT max(version) FROM schema_migrations") == LATEST
    assert _columns(store, "videos") == before_cols
    assert _tables(store) == before_tables and "half_table" not in _tables(store)
    assert _state(store) == before
    assert int(q.daily_views(store, "c18")["views"].sum()) == 3610  # the old schema keeps working


def test_a_new_migration_keeps_the_data_and_runs_once(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _state(store)
    added = (
        LATEST + 1,
        "video notes",
        [
            "ALTER TABLE videos ADD COLUMN note VARCHAR",
            "CREATE TABLE video_notes (channel_id VARCHAR, video_id VARCHAR, note VARCHAR)",
        ],
    )
    monkeypatch.setattr(schema, "MIGRATIONS", [*MIGRATIONS, added])
    with connect(store):
        pass
    with connect(store):  # a second open applies nothing again
        pass
    assert rows(store, "SELECT version, name FROM schema_migrations ORDER BY version")[-1] == (
        LATEST + 1,
        "video notes",
    )
    assert one(store, "SELECT count(*) FROM schema_migrations") == LATEST + 1
    assert _columns(store, "videos")[-1] == "note"
    after = _state(store)
    assert {
        t: v for t, v in after.items() if t not in ("videos", "video_notes", "schema_migrations")
    } == {t: v for t, v in before.items() if t not in ("videos", "schema_migrations")}
    assert after["videos"][0] == before["videos"][0]


DRIVER = textwrap.dedent("""
    import sys, time
    import duckdb
    from analytics.store import schema
    from analytics.store.migrations import MIGRATIONS

    class Pausing:
        def __init__(self, con):
            self._con = con
        def execute(self, sql, *args):
            if sql == "SELECT 'pause here'":
                print("paused", flush=True)
                time.sleep(120)
            return self._con.execute(sql, *args)
        def __getattr__(self, name):
            return getattr(self._con, name)

    n = MIGRATIONS[-1][0] + 1
    schema.MIGRATIONS = MIGRATIONS + [(n, "slow", [
        "ALTER TABLE videos ADD COLUMN half_done INTEGER",
        "CREATE TABLE big_new AS SELECT range AS i, md5(range::VARCHAR) AS h FROM range(300000)",
        "UPDATE channel_daily SET views = views * 1000",
        "SELECT 'pause here'",
    ])]
    con = duckdb.connect(sys.argv[1])
    schema.migrate(Pausing(con))
""")


def test_a_migration_killed_half_way_is_absent_on_reopen(store: str, tmp_path: Path) -> None:
    before_cols, before = _columns(store, "videos"), _state(store)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, str(driver), store],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == "paused\n", proc.stderr.read() if proc.stderr else ""
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert one(store, "SELECT max(version) FROM schema_migrations") == LATEST
    assert _columns(store, "videos") == before_cols
    assert "big_new" not in _tables(store)
    assert _state(store) == before
    assert one(store, "SELECT sum(views) FROM channel_daily") == 3610


def test_a_file_replaced_at_the_same_path_is_checked_again(tmp_path: Path) -> None:
    """Opening skips the schema check only for the very file it checked (not a new one)."""
    import duckdb

    db = str(tmp_path / "again.duckdb")
    with connect(db):
        pass
    with connect(db):  # known current now: no check
        pass
    assert one(db, "SELECT max(version) FROM schema_migrations") == LATEST
    os.remove(db)
    with duckdb.connect(db) as raw:  # a file of another program at the same path
        raw.execute("CREATE TABLE other (a INTEGER)")
    with connect(db) as con:
        sql = "SELECT table_name FROM information_schema.tables"
        tables = {r[0] for r in con.execute(sql).fetchall()}
    assert {"other", "videos", "schema_migrations", "summary_video"} <= tables


def test_the_schema_check_runs_again_after_a_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    db = str(tmp_path / "w.duckdb")
    with connect(db):
        pass
    calls: list[int] = []
    real = schema.migrate
    monkeypatch.setattr(schema, "migrate", lambda con: calls.append(1) or real(con))
    with connect(db):
        pass
    with connect(db):
        pass
    assert calls == [1]  # checked once, then known
    with duckdb.connect(db) as raw:  # another program writes
        raw.execute("CREATE TABLE other (a INTEGER)")
    with connect(db):
        pass
    with connect(db):
        pass
    assert calls == [1, 1]


def test_migration_5_adds_the_3_second_bounce_to_every_metric_table(store: str) -> None:
    """A store from before migration 5 gets bounce_rate_3s, keeping every row."""
    import duckdb

    from analytics.store.migrations import METRIC_TABLES

    before = _state(store)
    with duckdb.connect(store) as raw:  # the store as version 4 left it
        for table in METRIC_TABLES:
            for prefix in ("", "import_rows_"):
                raw.execute(f"ALTER TABLE {prefix}{table} DROP COLUMN bounce_rate_3s")
        raw.execute("DELETE FROM schema_migrations WHERE version = 5")
        cols = raw.execute("SELECT column_name FROM information_schema.columns").fetchall()
    assert ("bounce_rate_3s",) not in cols
    with connect(store):
        pass
    assert one(store, "SELECT max(version) FROM schema_migrations") == 5
    for table in METRIC_TABLES:
        for prefix in ("", "import_rows_"):
            assert "bounce_rate_3s" in _columns(store, prefix + table), prefix + table
    after = _state(store)
    assert after.pop("schema_migrations")[0] == before.pop("schema_migrations")[0] == 5
    assert after == before  # every row of every table kept (the new column NULL)
