"""Ingest benchmark: our import against DuckDB's bare CSV reader and pandas, in one run.

Two generated exports of ``--rows`` data rows each (1,000,000 by default):

* ``Chart data.csv``: YouTube Studio's daily-per-video layout
  ``Date,Content,Video title,Video publish time,Duration,Views``
  (1,000 videos x 1,000 days);
* ``作品列表.csv``: a Douyin per-work list (Chinese headers, one row per work,
  title plus a caption with hashtags on a second line of the cell).

Each file is loaded into a fresh store by three contenders, each in its own
child process so that their memory does not mix:

* ``ours``: :func:`analytics.services.imports.import_path` (detect, parse every
  value, reject check, derive ids, newer-wins write);
* ``duckdb``: ``CREATE TABLE t AS SELECT * FROM read_csv(file)``, DuckDB's
  type sniffing and nothing else (its serial reader where the parallel one
  refuses a file with quoted newlines, as DuckDB asks);
* ``pandas``: ``pandas.read_csv`` then ``CREATE TABLE t AS SELECT * FROM df``.

Time is the wall time of the load itself, measured in the child (interpreter
start and imports excluded), shown with the child's CPU time (steadier on a
busy machine); peak memory is the child's high-water resident set
(``VmHWM``). The last line printed is::

    RESULT rows=N vs_duckdb=R vs_duckdb_parse=R vs_pandas=R peak_mb=M

with N rows per file, ``vs_duckdb`` = our end-to-end time / DuckDB's time
(goal <= 2, the keyed upsert included), ``vs_duckdb_parse`` = our time up to
the store write (detect, read, convert, reject check) / DuckDB's time (goal
<= 1.3), ``vs_pandas`` = pandas' time / our time, each the worse of the two
files, and ``peak_mb`` our larger peak (goal: within the import memory limit,
1 GB by default). Usage::

    python benchmarks/ingest.py            # 1,000,000 rows per file
    python benchmarks/ingest.py --quick    # 100,000 rows per file, under a minute
    python benchmarks/ingest.py --profile  # also time each SQL statement of our import
    python benchmarks/ingest.py --files works --rows 6000000  # a 1 GB Douyin list (the memory goal)
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CONTENDERS = ("ours", "duckdb", "pandas")
CHART_FILE = "Chart data.csv"
WORKS_FILE = "作品列表.csv"
LABELS = {CHART_FILE: "YouTube chart", WORKS_FILE: "Douyin works"}


# -- input files -----------------------------------------------------------------
def _sql_path(path: Path) -> str:
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from analytics.sql_quote import quote_literal

    return quote_literal(str(path))


def generate_chart_data(path: Path, rows: int) -> None:
    """Write a YouTube Studio ``Chart data.csv`` of ``rows`` rows (unique video x date)."""
    import duckdb

    days = 1000 if rows >= 100_000 else max(1, rows // 100)
    con = duckdb.connect()
    try:
        con.execute(
            "COPY (SELECT "
            f"strftime(DATE '2022-01-01' + CAST(i % {days} AS INTEGER), '%Y-%m-%d') AS \"Date\", "
            f"'v' || lpad(CAST(i // {days} AS VARCHAR), 10, '0') AS \"Content\", "
            f"'How I edit video number ' || CAST(i // {days} AS VARCHAR) AS \"Video title\", "
            f"strftime(DATE '2021-06-01' + CAST((i // {days}) % 200 AS INTEGER), '%b %-d, %Y') "
            'AS "Video publish time", '
            f'15 + (i // {days}) % 900 AS "Duration", '
            'CAST(hash(i) % 5000 AS BIGINT) AS "Views" '
            f"FROM range({int(rows)}) t(i) ORDER BY i) TO {_sql_path(path)} (HEADER, DELIMITER ',')"
        )
    finally:
        con.close()


def generate_works_list(path: Path, rows: int) -> None:
    """Write a Douyin 作品列表 CSV of ``rows`` distinct works."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute(
            "COPY (SELECT "
            "'作品 ' || CAST(i AS VARCHAR) || ' 早餐日常' || chr(10) || '今天做了三明治 #美食 #vlog #早餐' AS \"作品名称\", "
            "strftime(TIMESTAMP '2020-01-01 08:00:00' + to_seconds(i * 97), '%Y-%m-%d %H:%M:%S') AS \"发布时间\", "
            "CASE i % 3 WHEN 0 THEN '图文' WHEN 1 THEN '1min-视频' ELSE '1-3min视频' END AS \"体裁\", "
            "CASE WHEN i % 50 = 0 THEN '自见' ELSE '公开' END AS \"审核状态\", "
            'CAST(hash(i) % 1000000 AS BIGINT) AS "播放量", '
            "printf('%.6f', (hash(i + 1) % 1000000) / 1e6) AS \"完播率\", "
            "printf('%.6f', (hash(i + 2) % 1000000) / 1e6) AS \"5s完播率\", "
            "printf('%.6f', (hash(i + 3) % 1000000) / 1e6) AS \"2s跳出率\", "
            "printf('%.6f', (hash(i + 4) % 60000000) / 1e6) AS \"平均播放时长\", "
            'CAST(hash(i + 5) % 50000 AS BIGINT) AS "点赞量", '
            'CAST(hash(i + 6) % 2000 AS BIGINT) AS "分享量", '
            'CAST(hash(i + 7) % 2000 AS BIGINT) AS "评论量", '
            'CAST(hash(i + 8) % 3000 AS BIGINT) AS "收藏量", '
            'CAST(hash(i + 9) % 9000 AS BIGINT) AS "主页访问量", '
            'CAST(hash(i + 10) % 500 AS BIGINT) AS "粉丝增量" '
            f"FROM range({int(rows)}) t(i) ORDER BY i) TO {_sql_path(path)} (HEADER, DELIMITER ',')"
        )
    finally:
        con.close()


# -- contenders (run in a child process) ---------------------------------------------
def _peak_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class _TimedConnection:
    """Wraps a DuckDB connection and records the wall and CPU time of each statement (``--profile``)."""

    def __init__(self, con: Any, log: list[tuple[float, float, str]]):
        self._con, self._log = con, log

    def execute(self, sql: str, params: Any = None) -> Any:
        t, c = time.perf_counter(), _cpu_s()
        out = self._con.execute(sql) if params is None else self._con.execute(sql, params)
        self._log.append((time.perf_counter() - t, _cpu_s() - c, " ".join(sql.split())))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def _run_ours(path: Path, db: Path, profile: bool) -> dict[str, Any]:
    sys.path.insert(0, str(REPO))
    import analytics.services.imports as svc
    from analytics.services.imports import import_path as import_path_fast

    log: list[tuple[float, float, str]] = []
    if profile:
        from contextlib import contextmanager

        plain_staging = svc.staging_connection

        @contextmanager
        def timed_staging(db_path: Any = None) -> Any:
            with plain_staging(db_path) as (con, temp_dir):
                yield _TimedConnection(con, log), temp_dir

        svc.staging_connection = timed_staging  # type: ignore[assignment]
    # Parse = everything before the write to the store begins (detect, read, convert,
    # reject check, ids), timed by the moment the import hands its rows to the writer.
    plain_write = svc.write_batch
    parse_done: list[tuple[float, float]] = []

    def timed_write(*a: Any, **k: Any) -> Any:
        parse_done.append((time.perf_counter(), _cpu_s()))
        return plain_write(*a, **k)

    svc.write_batch = timed_write  # type: ignore[assignment]
    t0, c0 = time.perf_counter(), _cpu_s()
    rep = import_path_fast(db, path, channel="bench")
    seconds, cpu = time.perf_counter() - t0, _cpu_s() - c0
    if rep.status != "loaded":
        raise SystemExit(f"our import failed: {rep.error}")
    out: dict[str, Any] = {"seconds": seconds, "cpu": cpu, "rows": rep.rows_read}
    out["parse_seconds"] = parse_done[0][0] - t0 if parse_done else seconds
    out["parse_cpu"] = parse_done[0][1] - c0 if parse_done else cpu
    if profile:
        in_sql = sum(c for _, c, _ in log)
        out["profile"] = [
            f"{'wall s':>7s} {'cpu s':>7s}  statement (top 8 by CPU; "
            f"{cpu - in_sql:.2f} s CPU outside SQL: hashing, header sniffing, Python)"
        ]
        out["profile"] += [
            f"{w:7.2f} {c:7.2f}  {sql[:150]}" for w, c, sql in sorted(log, key=lambda x: -x[1])[:8]
        ]
    return out


def _run_duckdb(path: Path, db: Path, profile: bool) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect(str(db))
    t0, c0 = time.perf_counter(), _cpu_s()
    try:
        con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv({_sql_path(path)})")
    except duckdb.NotImplementedException:
        # Quoted newlines the parallel reader cannot split (large Douyin lists): DuckDB
        # asks for its serial reader. Timed from here, as if the user knew beforehand.
        t0, c0 = time.perf_counter(), _cpu_s()
        con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv({_sql_path(path)}, parallel=false)")
    con.close()
    seconds, cpu = time.perf_counter() - t0, _cpu_s() - c0
    con = duckdb.connect(str(db))
    n = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
    con.close()
    return {"seconds": seconds, "cpu": cpu, "rows": int(n)}


def _run_pandas(path: Path, db: Path, profile: bool) -> dict[str, Any]:
    import duckdb
    import pandas as pd

    con = duckdb.connect(str(db))
    t0, c0 = time.perf_counter(), _cpu_s()
    df = pd.read_csv(path)
    con.register("df_view", df)
    con.execute("CREATE TABLE t AS SELECT * FROM df_view")
    con.close()
    seconds, cpu = time.perf_counter() - t0, _cpu_s() - c0
    return {"seconds": seconds, "cpu": cpu, "rows": len(df)}


def _child(contender: str, path: Path, db: Path, profile: bool) -> None:
    run = {"ours": _run_ours, "duckdb": _run_duckdb, "pandas": _run_pandas}[contender]
    out = run(path, db, profile)
    out["peak_mb"] = _peak_mb()
    print("CHILD " + json.dumps(out), flush=True)


def run_contender(
    contender: str, path: Path, workdir: Path, profile: bool = False
) -> dict[str, Any]:
    """Load ``path`` into a fresh store in a child process; return seconds, cpu, rows, peak_mb."""
    db = workdir / f"{contender}.duckdb"
    _remove_store(db)
    cmd = [sys.executable, __file__, "--child", contender, str(path), str(db)] + (
        ["--profile"] if profile else []
    )
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    _remove_store(db)
    if proc.returncode != 0:
        raise SystemExit(f"{contender} failed on {path.name}:\n{proc.stderr[-3000:]}")
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("CHILD "))
    result: dict[str, Any] = json.loads(line[len("CHILD ") :])
    return result


def _remove_store(db: Path) -> None:
    for p in (db, Path(str(db) + ".wal")):
        if p.exists():
            p.unlink()
    shutil.rmtree(Path(str(db) + ".tmp"), ignore_errors=True)


# -- main --------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="100,000 rows per file (under a minute)")
    ap.add_argument("--rows", type=int, default=None, help="data rows per file (default 1,000,000)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per contender; the fastest is kept")
    ap.add_argument(
        "--profile", action="store_true", help="print the time of each statement of our import"
    )
    ap.add_argument(
        "--files",
        default="chart,works",
        help="which inputs: chart (YouTube Chart data.csv), works (Douyin 作品列表), or both",
    )
    ap.add_argument("--child", nargs=3, metavar=("CONTENDER", "FILE", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args.child[0], Path(args.child[1]), Path(args.child[2]), args.profile)
        return 0
    rows = args.rows or (100_000 if args.quick else 1_000_000)
    workdir = Path(tempfile.mkdtemp(prefix="ingest-bench-"))
    try:
        wanted = {f.strip() for f in args.files.split(",")}
        files = [
            (name, gen)
            for key, name, gen in (
                ("chart", CHART_FILE, generate_chart_data),
                ("works", WORKS_FILE, generate_works_list),
            )
            if key in wanted
        ]
        table: list[tuple[str, float, dict[str, dict[str, Any]]]] = []
        for name, gen in files:
            path = workdir / name
            t0 = time.perf_counter()
            gen(path, rows)
            size_mb = path.stat().st_size / 2**20
            print(
                f"generated {name}: {rows:,} rows, {size_mb:.1f} MB in {time.perf_counter() - t0:.1f} s",
                flush=True,
            )
            results: dict[str, dict[str, Any]] = {}
            for contender in CONTENDERS:
                best: dict[str, Any] | None = None
                for _ in range(max(1, args.repeat)):
                    r = run_contender(
                        contender, path, workdir, args.profile and contender == "ours"
                    )
                    if best is None or r["seconds"] < best["seconds"]:
                        best = r
                assert best is not None
                results[contender] = best
                print(
                    f"  {contender:7s} {best['seconds']:8.2f} s wall {best['cpu']:8.2f} s CPU  "
                    f"peak {best['peak_mb']:7.0f} MB  rows {best['rows']:,}",
                    flush=True,
                )
                for ln in best.get("profile", []):
                    print("    " + ln)
            table.append((name, size_mb, results))
            path.unlink()
        print()
        print(
            "wall seconds (CPU seconds), peak resident MB; ratios on wall time (CPU time in brackets)"
        )
        print(
            f"{'file':14s} {'MB':>6s} | {'ours':>13s} {'duckdb':>13s} {'pandas':>13s} | "
            f"{'ours/duckdb':>15s} {'pandas/ours':>15s} | {'ours':>6s} {'duckdb':>6s} {'pandas':>6s}"
        )
        vs_duckdb, vs_parse, vs_pandas, peak = 0.0, 0.0, float("inf"), 0.0
        for name, size_mb, res in table:
            o, d, p = res["ours"], res["duckdb"], res["pandas"]
            vs_parse = max(vs_parse, o["parse_seconds"] / d["seconds"])
            rd, rp = o["seconds"] / d["seconds"], p["seconds"] / o["seconds"]
            cd, cp = o["cpu"] / d["cpu"], p["cpu"] / o["cpu"]
            vs_duckdb, vs_pandas, peak = (
                max(vs_duckdb, rd),
                min(vs_pandas, rp),
                max(peak, o["peak_mb"]),
            )

            def t(x: dict[str, Any]) -> str:
                return f"{x['seconds']:6.2f} ({x['cpu']:5.1f})"

            print(
                f"{LABELS.get(name, name):14s} {size_mb:6.1f} | {t(o):>13s} {t(d):>13s} {t(p):>13s} | "
                f"{rd:6.2f}x ({cd:5.2f}x) {rp:6.2f}x ({cp:5.2f}x) | "
                f"{o['peak_mb']:6.0f} {d['peak_mb']:6.0f} {p['peak_mb']:6.0f}"
            )
        for name, _size, res in table:
            o, d = res["ours"], res["duckdb"]
            print(
                f"{LABELS.get(name, name):14s} parse and convert (before the store write): "
                f"{o['parse_seconds']:.2f} s wall ({o['parse_cpu']:.2f} s CPU), "
                f"{o['parse_seconds'] / d['seconds']:.2f}x DuckDB's read_csv"
            )
        print(
            "goals: parse <= 1.3x and end to end <= 2x DuckDB's read_csv, "
            "peak memory within the import memory limit (1 GB)"
        )
        print(
            f"RESULT rows={rows} vs_duckdb={vs_duckdb:.2f} vs_duckdb_parse={vs_parse:.2f} "
            f"vs_pandas={vs_pandas:.2f} peak_mb={peak:.0f}"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
