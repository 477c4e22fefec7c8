"""Pages wait, with a message, while an import writes into the store (issue: write lock only
around the write; pages say "an import is being written, retrying" for those seconds)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.store.staging import writing_marker
from dashboard.store_wait import wait_while_written
from tests.dashboard_store import REPO, build_store


def _notice(calls: list[str]):  # type: ignore[no-untyped-def]
    def show():  # type: ignore[no-untyped-def]
        calls.append("shown")
        return lambda: calls.append("cleared")

    return show


def test_waits_until_the_writer_removes_its_marker(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    marker = writing_marker(db)
    marker.write_text(str(os.getpid()))  # a live process is writing
    threading.Timer(0.6, marker.unlink).start()
    calls: list[str] = []
    t0 = time.monotonic()
    assert wait_while_written(str(db), notice=_notice(calls), timeout_s=20, poll_s=0.05)
    assert time.monotonic() - t0 >= 0.5
    assert calls == ["shown", "cleared"]


def test_no_wait_and_no_message_without_a_live_writer(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    calls: list[str] = []
    assert wait_while_written(str(db), notice=_notice(calls), timeout_s=5)
    # a marker left by a writer that was killed (its process is gone) is not waited for
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    writing_marker(db).write_text(dead.stdout.strip())
    t0 = time.monotonic()
    assert wait_while_written(str(db), notice=_notice(calls), timeout_s=5)
    assert time.monotonic() - t0 < 1
    assert calls == []


def test_the_wait_is_bounded(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    writing_marker(db).write_text(str(os.getpid()))
    calls: list[str] = []
    t0 = time.monotonic()
    assert not wait_while_written(str(db), notice=_notice(calls), timeout_s=0.4, poll_s=0.05)
    assert 0.35 <= time.monotonic() - t0 < 3
    assert calls == ["shown", "cleared"]


WRITER = textwrap.dedent("""
    import os, sys, time
    import duckdb
    db, marker = sys.argv[1], sys.argv[2]
    con = duckdb.connect(db)  # holds the store's lock, as an import's write does
    open(marker, "w").write(str(os.getpid()))
    print("writing", flush=True)
    time.sleep(float(sys.argv[3]))
    con.close()
    os.unlink(marker)
""")


def test_a_page_opened_during_the_write_waits_and_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_store(tmp_path / "s.duckdb")
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", db)
    # Without the wait the page gives up after 1 s of lock retries ("store in use").
    monkeypatch.setenv("CREATOR_ANALYTICS_LOCK_WAIT_S", "1")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, db, str(writing_marker(db)), "8"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        t0 = time.monotonic()
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
        waited = time.monotonic() - t0
    finally:
        writer.wait(timeout=60)
    assert writer.returncode == 0
    assert not at.exception
    assert [e.value for e in at.error] == []
    assert len(at.metric) > 0  # the Overview's tiles, read once the write ended
    assert waited >= 6
