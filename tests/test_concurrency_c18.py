"""C18: many app sessions query the store at once; no connection is shared.

8 threads (simulated sessions) x 20 queries through the product's own query
functions and through the dashboard's cached layer: zero errors, same totals
(views 3610 for the C18 input).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from analytics.services.imports import import_files
from analytics.store import queries as q

THREADS = 8
QUERIES_PER_THREAD = 20
C18_VIEWS = 1200 + 980 + 1430  # 3610


@pytest.fixture(scope="module")
def c18_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    src = Path(__file__).resolve().parent / "data" / "cases" / "C18" / "input.csv"
    path = str(tmp_path_factory.mktemp("c18") / "s.duckdb")
    reports = import_files(path, [("input.csv", src.read_bytes())], channel="c18")
    assert [(r.status, r.rows_loaded) for r in reports] == [("loaded", 3)]
    return path


def _hammer(worker: Callable[[int], int]) -> tuple[list[int], list[BaseException]]:
    results: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def session(n: int) -> None:
        start.wait()  # all sessions start together
        for i in range(QUERIES_PER_THREAD):
            try:
                value = worker(n * QUERIES_PER_THREAD + i)
            except BaseException as exc:  # noqa: BLE001 - every failure is counted
                with lock:
                    errors.append(exc)
            else:
                with lock:
                    results.append(value)

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(session, range(THREADS)))
    return results, errors


def test_c18_eight_sessions_query_functions(c18_store: str) -> None:
    def query(i: int) -> int:
        # Alternate the page queries a session runs on a rerun.
        if i % 3 == 0:
            return int(q.daily_views(c18_store, None)["views"].sum())
        if i % 3 == 1:
            kpis = q.kpi_comparison(c18_store, "c18", dt.date(2025, 1, 1), dt.date(2025, 1, 3))
            return int(kpis.current.views or 0)
        return int(
            q.daily_views(c18_store, "c18", dt.date(2025, 1, 1), dt.date(2025, 1, 3))["views"].sum()
        )

    results, errors = _hammer(query)
    assert errors == []
    assert len(results) == THREADS * QUERIES_PER_THREAD
    assert set(results) == {C18_VIEWS}


def test_c18_eight_sessions_cached_layer(c18_store: str) -> None:
    """The dashboard's cache takes plain parameters (path, version, dates), never a connection."""
    from dashboard import common

    def query(i: int) -> int:
        # Distinct end dates make some calls miss the cache and open the store.
        end = dt.date(2025, 1, 3) + dt.timedelta(days=i % 5)
        frame = common.cached(q.daily_views, c18_store, "c18", dt.date(2025, 1, 1), end)
        return int(frame["views"].sum())

    results, errors = _hammer(query)
    assert errors == []
    assert len(results) == THREADS * QUERIES_PER_THREAD
    assert set(results) == {C18_VIEWS}
    assert common.data_version(c18_store) == q.data_version(c18_store) >= 1
