"""Page query benchmark: every services read the pages make, against bare DuckDB.

A YouTube Studio ``Chart data.csv`` in its real layout (``Date, Content,
Video title, Video publish time, Duration, Views``; one row per video and
day) is generated and imported with :func:`analytics.services.imports.import_path`
into a fresh store: 10,000 videos x 730 days (7.3M rows, about 550 MB) by
default, 1,000 videos x 365 days with ``--quick``. Then each query the
Overview, Videos, Import, Growth, Audience and Traffic pages make through
``analytics.services`` runs ``--repeat`` times, each call opening its own
connection as the pages do.

The bare figure of a query is DuckDB alone doing the same work under the
same connection policy: the very SQL statements (and bound parameters) our
function sent to DuckDB, recorded once, run on a plain
``duckdb.connect(store)`` opened and closed per call, each result fetched
the way our code fetched it (``fetchall`` or ``df``). The ratio is our
median / bare median per query; it is what our own layer (the store
wrapper's checks, pandas post-processing) costs on top of the engine.

Run::

    python benchmarks/queries.py --quick               # about a minute
    python benchmarks/queries.py --work /tmp/qbench    # full size; file and store kept for reuse

The last line is ``RESULT p95_ms=<worst p95> vs_duckdb=<worst ratio>``
(goals: 100 ms and 2x).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import duckdb  # noqa: E402

from analytics.sql_quote import quote_literal  # noqa: E402
from analytics.store import connection as store_connection  # noqa: E402

GOAL_P95_MS = 100.0
GOAL_RATIO = 2.0
CHANNEL = "bench"
FIRST_DAY = dt.date(2024, 1, 1)


def generate_chart_data(path: Path, videos: int, days: int) -> None:
    """Write a Studio ``Chart data.csv``: every video on every day, video by video."""
    con = duckdb.connect()
    try:
        con.execute(
            "COPY (SELECT "
            f"strftime(DATE '{FIRST_DAY}' + CAST(i % {days} AS INTEGER), '%Y-%m-%d') AS \"Date\", "
            f"'v' || lpad(CAST(i // {days} AS VARCHAR), 10, '0') AS \"Content\", "
            f"'How I edit video number ' || CAST(i // {days} AS VARCHAR) AS \"Video title\", "
            f"strftime(DATE '2023-06-01' + CAST((i // {days}) % 900 AS INTEGER), '%b %-d, %Y') "
            'AS "Video publish time", '
            f'15 + (i // {days}) % 900 AS "Duration", '
            'CAST(hash(i) % 5000 AS BIGINT) AS "Views" '
            f"FROM range({int(videos) * int(days)}) t(i) ORDER BY i) "
            f"TO {quote_literal(str(path))} (HEADER, DELIMITER ',')"
        )
    finally:
        con.close()


def build_store(work: Path, videos: int, days: int) -> Path:
    """Generate the export and import it, unless both are already in ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    csv = work / f"Chart data {videos}x{days}.csv"
    store = work / f"store-{videos}x{days}.duckdb"
    if not csv.exists():
        t = time.perf_counter()
        generate_chart_data(csv, videos, days)
        print(
            f"generated {csv.name} ({csv.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s"
        )
    if not store.exists():
        import os

        from analytics.services.imports import import_path

        os.environ.setdefault("CREATOR_ANALYTICS_MAX_UPLOAD_MB", "100000")
        t = time.perf_counter()
        rep = import_path(store, csv, channel=CHANNEL)
        if rep.status != "loaded":
            store.unlink(missing_ok=True)
            raise SystemExit(f"import failed: {rep.error}")
        print(f"imported {rep.rows_loaded:,} rows in {time.perf_counter() - t:.1f} s")
    return store


# -- recording the statements a function sends -------------------------------------------------
@dataclass
class Statement:
    sql: str
    params: Any
    fetch: str = "fetchall"


@dataclass
class _Recorder:
    statements: list[Statement] = field(default_factory=list)


class _RecordingConnection:
    """Delegates to a DuckDB connection and records each statement and how it was fetched."""

    def __init__(self, con: duckdb.DuckDBPyConnection, rec: _Recorder):
        self._con, self._rec = con, rec

    def execute(self, sql: str, params: Any = None) -> _RecordingConnection:
        self._rec.statements.append(Statement(sql, params))
        if params is None:
            self._con.execute(sql)
        else:
            self._con.execute(sql, params)
        return self

    def _fetch(self, how: str) -> Any:
        if self._rec.statements:
            self._rec.statements[-1].fetch = how
        return getattr(self._con, how)()

    def df(self) -> Any:
        return self._fetch("df")

    def fetchall(self) -> Any:
        return self._fetch("fetchall")

    def fetchone(self) -> Any:
        return self._fetch("fetchone")

    def fetchdf(self) -> Any:
        return self._fetch("df")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def record(fn: Callable[[], Any]) -> list[Statement]:
    """The statements ``fn`` sends to DuckDB, leaving out the store wrapper's own."""
    real_open = store_connection._open
    rec = _Recorder()

    def fake_open(path: str, wait_s: float) -> Any:
        return _RecordingConnection(real_open(path, wait_s), rec)

    store_connection._open = fake_open  # type: ignore[assignment]
    try:
        with store_connection.connect(_STORE[0]):
            pass
        own = {s.sql for s in rec.statements}
        rec.statements.clear()
        fn()
    finally:
        store_connection._open = real_open  # type: ignore[assignment]
    return [s for s in rec.statements if s.sql not in own]


_STORE: list[Path] = []


def bare_call(store: Path, statements: list[Statement]) -> Callable[[], None]:
    """DuckDB alone: a fresh connection per call running ``statements``."""

    def run() -> None:
        con = duckdb.connect(str(store))
        try:
            for s in statements:
                res = con.execute(s.sql) if s.params is None else con.execute(s.sql, s.params)
                getattr(res, s.fetch)()
        finally:
            con.close()

    return run


# -- the page queries ---------------------------------------------------------------------------
def page_queries(store: Path, last_day: dt.date) -> dict[str, Callable[[], Any]]:
    """Every services read of the pages, with the arguments a page passes on this store."""
    from analytics.services import audience, channels, fits, growth, metrics
    from analytics.services.channel_admin import channel_spans, daily_views_by_channel

    db = str(store)
    start, end = last_day - dt.timedelta(days=27), last_day  # the Overview's default 28 days
    lead_in = start - dt.timedelta(days=28)
    video = "v0000000007"
    return {
        "data_version": lambda: channels.data_version(db),
        "list_channels": lambda: channels.list_channels(db),
        "table_counts": lambda: channels.table_counts(db),
        "date_bounds": lambda: channels.date_bounds(db, CHANNEL),
        "channel_spans": lambda: channel_spans(db),
        "kpi_comparison": lambda: metrics.kpi_comparison(db, CHANNEL, start, end),
        "kpi_comparison_all": lambda: metrics.kpi_comparison(db, None, start, end),
        "daily_views": lambda: metrics.daily_views(db, CHANNEL, lead_in, end),
        "daily_views_by_channel": lambda: daily_views_by_channel(db, lead_in, end),
        "followers_series": lambda: metrics.followers_series(db, CHANNEL, lead_in, end),
        "top_videos": lambda: metrics.top_videos(db, CHANNEL, start, end, 10),
        "video_table": lambda: metrics.video_table(db, CHANNEL),
        "video_table_search": lambda: metrics.video_table(db, CHANNEL, title_contains="number 12"),
        "video_daily_curve": lambda: metrics.video_daily_curve(db, CHANNEL, video),
        "video_outliers": lambda: metrics.video_outliers(db, CHANNEL),
        "list_imports": lambda: metrics.list_imports(db),
        "import_rejects": lambda: metrics.import_rejects(db, 1),
        "data_coverage": lambda: growth.data_coverage(db, CHANNEL),
        "channel_version": lambda: fits.channel_version(db, CHANNEL),
        "channels_with_data": lambda: audience.channels_with_data(db, "audience"),
        "traffic_tables": lambda: audience.traffic_tables(db, CHANNEL),
        "breakdown_daily": lambda: audience.breakdown_daily(db, CHANNEL, "geography"),
        "funnel_videos": lambda: audience.funnel_videos(db, CHANNEL),
    }


def _once(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one call (CPU: every thread of this process)."""
    t, c = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(0.95 * len(ordered)) - 1))]


@dataclass
class Row:
    name: str
    median_ms: float
    p95_ms: float
    bare_median_ms: float
    bare_p95_ms: float
    cpu_ms: float = 0.0
    bare_cpu_ms: float = 0.0

    @property
    def ratio(self) -> float:
        """Our median wall time over DuckDB's."""
        return self.median_ms / self.bare_median_ms if self.bare_median_ms > 0 else float("inf")

    @property
    def cpu_ratio(self) -> float:
        """Our median CPU time over DuckDB's (steadier on a busy machine)."""
        return self.cpu_ms / self.bare_cpu_ms if self.bare_cpu_ms > 0 else float("inf")


def measure(store: Path, repeat: int, only: list[str] | None = None) -> list[Row]:
    """Time every page query and its bare equivalent (taking turns, so load hits both)."""
    _STORE[:] = [store]
    con = duckdb.connect(str(store), read_only=True)
    try:
        last_day = con.execute("SELECT max(date) FROM video_daily").fetchall()[0][0]
    finally:
        con.close()
    rows = []
    for name, fn in page_queries(store, last_day).items():
        if only and name not in only:
            continue
        bare = bare_call(store, record(fn))
        ours_t: list[tuple[float, float]] = []
        bare_t: list[tuple[float, float]] = []
        fn(), bare()  # warm: imports, the file in the page cache
        for _ in range(repeat):
            ours_t.append(_once(fn))
            bare_t.append(_once(bare))
        wall, cpu = [w for w, _ in ours_t], [c for _, c in ours_t]
        bare_wall, bare_cpu = [w for w, _ in bare_t], [c for _, c in bare_t]
        rows.append(
            Row(
                name,
                statistics.median(wall),
                p95(wall),
                statistics.median(bare_wall),
                p95(bare_wall),
                statistics.median(cpu),
                statistics.median(bare_cpu),
            )
        )
    return rows


def report(rows: list[Row]) -> str:
    """The table and the RESULT line."""
    lines = [
        f"{'query':<24} {'median ms':>10} {'p95 ms':>8} {'bare med':>9} {'bare p95':>9} "
        f"{'ratio':>6} {'cpu ms':>7} {'bare cpu':>9} {'cpu ratio':>9}"
    ]
    for r in rows:
        lines.append(
            f"{r.name:<24} {r.median_ms:>10.1f} {r.p95_ms:>8.1f} {r.bare_median_ms:>9.1f} "
            f"{r.bare_p95_ms:>9.1f} {r.ratio:>6.2f} {r.cpu_ms:>7.1f} {r.bare_cpu_ms:>9.1f} "
            f"{r.cpu_ratio:>9.2f}"
        )
    worst_p95 = max(r.p95_ms for r in rows)
    worst_ratio = max(r.ratio for r in rows)
    lines.append(
        f"worst CPU: {max(r.cpu_ms for r in rows):.1f} ms median, "
        f"{max(r.cpu_ratio for r in rows):.2f}x DuckDB's"
    )
    lines.append(f"RESULT p95_ms={worst_p95:.1f} vs_duckdb={worst_ratio:.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1,000 videos x 365 days")
    ap.add_argument("--videos", type=int, default=None)
    ap.add_argument("--days", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=None, help="timed calls per query")
    ap.add_argument("--work", type=Path, default=None, help="keep (and reuse) file and store here")
    ap.add_argument("--store", type=Path, default=None, help="an already imported store")
    ap.add_argument("--only", nargs="*", default=None, help="query names")
    args = ap.parse_args(argv)
    videos = args.videos or (1000 if args.quick else 10_000)
    days = args.days or (365 if args.quick else 730)
    repeat = args.repeat or (20 if args.quick else 40)
    with tempfile.TemporaryDirectory(prefix="queries-bench-") as tmp:
        store = args.store or build_store(args.work or Path(tmp), videos, days)
        print(f"store {store.name}: {videos:,} videos x {days} days, {repeat} calls per query")
        print(report(measure(store, repeat, args.only)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
