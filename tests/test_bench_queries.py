"""The page query benchmark's parts, on a tiny store (the full run takes minutes).

The generated export has YouTube Studio's ``Chart data.csv`` layout, the
store holds every video x day, the recorded statements are the ones the
services function sent (the summaries, not ``video_daily``, for the period
sums), and the report ends with the RESULT line.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import queries as bench  # noqa: E402

from tests.helpers import one  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bench.build_store(tmp_path_factory.mktemp("qb"), videos=12, days=30)


def test_the_export_has_studios_layout_and_every_video_day(store: Path) -> None:
    csv = store.parent / "Chart data 12x30.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Date,Content,Video title,Video publish time,Duration,Views"
    assert lines[1].startswith('2024-01-01,v0000000000,How I edit video number 0,"Jun 1, 2023",15,')
    assert len(lines) == 1 + 12 * 30
    assert one(store, "SELECT count(*) FROM video_daily") == 360
    assert one(store, "SELECT count(*) FROM summary_video") == 12
    assert one(store, "SELECT count(*) FROM summary_channel_day") == 30


def test_recorded_statements_are_the_services_own(store: Path) -> None:
    import datetime as dt

    from analytics.services import metrics

    bench._STORE[:] = [store]
    day = dt.date(2024, 1, 30)
    stmts = bench.record(lambda: metrics.kpi_comparison(str(store), "bench", day, day))
    # two periods x (views, followers, views days, followers days, engagement, published)
    assert len(stmts) == 12
    assert all("schema_migrations" not in s.sql for s in stmts)
    assert sum("summary_channel_day" in s.sql for s in stmts) == 10  # all but "published"
    assert not any("FROM video_daily" in s.sql for s in stmts)
    # the bare replay runs them on a plain connection without error
    bench.bare_call(store, stmts)()


def test_measure_covers_every_page_query_and_reports(store: Path) -> None:
    rows = bench.measure(store, repeat=2)
    names = [r.name for r in rows]
    assert {
        "kpi_comparison",
        "video_table",
        "top_videos",
        "data_coverage",
        "video_outliers",
    } <= set(names)
    assert len(names) == 23
    assert all(r.median_ms > 0 and r.bare_median_ms > 0 for r in rows)
    text = bench.report(rows)
    last = text.splitlines()[-1]
    m = re.fullmatch(r"RESULT p95_ms=(\d+\.\d) vs_duckdb=(\d+\.\d\d)", last)
    assert m, last
    assert float(m.group(1)) == round(max(r.p95_ms for r in rows), 1)


def test_p95_is_the_nearest_rank() -> None:
    assert bench.p95(list(range(1, 101))) == 95
    assert bench.p95([5.0]) == 5.0
    assert bench.p95([3.0, 1.0, 2.0]) == 3.0
