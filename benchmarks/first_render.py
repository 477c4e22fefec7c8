"""Benchmark: first render of every page in a fresh app process.

The sample creator's store (``sample_data/``, built into a temporary folder)
is rendered page by page with Streamlit's ``AppTest``, each render in its own
child process, so nothing is held in memory from an earlier render (no
``st.cache_resource``, no ``st.cache_data``, no imported model). Two ways,
taking turns:

- **persisted**: the fits (drivers and reach models, planner, fans) are
  already beside the store (``<store>.fits/``, :mod:`analytics.services.fits`),
  as after an import that fitted them or after any earlier page view: the
  page reads them;
- **unpersisted** (the baseline): the fits folder is removed before each
  render, so the page fits what it shows, as every page did in every process
  before the fits were persisted.

Each child first imports the modules the pages import (Streamlit, pandas,
scikit-learn, Plotly, the dashboard: about what a running app has loaded
after its first page) and runs a one-line script (Streamlit's own first-run
set-up), timed apart as ``import_s``; the page's first run is timed after
that (``render_s``, wall clock; CPU seconds of the whole process beside it). Goal:
every page at most 1 s with its fit persisted.

    python benchmarks/first_render.py            # 3 renders per page and way
    python benchmarks/first_render.py --quick    # 1 render per page and way, about a minute

The last line is ``RESULT overview_s=... import_s=... videos_s=... drivers_s=...
fans_s=... planner_s=... strategy_s=... audience_s=... traffic_s=... worst_s=...
worst_page=... <page>_unpersisted_s=... speedup=... goal_s=1.0``; the figures are
medians over the renders (the pages without a fit render the same either way).
``--db PATH`` renders a copy of any store (a real one, or the 7.3M-row store of
``benchmarks/queries.py --work DIR``) instead of the sample.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

GOAL_S = 1.0
PAGES = {
    "overview": "app.py",
    "import": "pages/1_Import.py",
    "videos": "pages/2_Videos.py",
    "drivers": "pages/3_Drivers.py",
    "fans": "pages/4_Fans.py",
    "planner": "pages/5_Planner.py",
    "strategy": "pages/6_Strategy.py",
    "audience": "pages/7_Audience.py",
    "traffic": "pages/8_Traffic.py",
}
PRELOAD = (
    "pandas",
    "sklearn.ensemble",
    "plotly.graph_objects",
    "streamlit",
    "dashboard.common",
    "dashboard.fits_ui",
    "analytics.services.fits",
    "analytics.services.strategy",
    "analytics.present.reach_charts",
    "analytics.present.growth_charts",
    "analytics.present.fan_charts",
    "analytics.present.report",
)


def child(page: str, db: str) -> None:
    """Render ``page`` once on ``db`` in this (fresh) process; print the timings as JSON."""
    import importlib

    os.environ["CREATOR_ANALYTICS_DB"] = db
    start = time.perf_counter()
    for name in PRELOAD:
        importlib.import_module(name)
    from streamlit.testing.v1 import AppTest

    # Streamlit's own first-run work (component discovery, runtime set-up), which a
    # running server has done before its first page: a one-line script takes it.
    AppTest.from_string("import streamlit as st\nst.write('ready')").run()
    import_s = time.perf_counter() - start
    at = AppTest.from_file(str(REPO / PAGES[page]), default_timeout=900)
    cpu = time.process_time()
    start = time.perf_counter()
    at.run()
    render_s = time.perf_counter() - start
    cpu_s = time.process_time() - cpu
    problems = [str(e.value) for e in at.exception] + [str(e.value) for e in at.error]
    print(
        json.dumps(
            {
                "import_s": import_s,
                "render_s": render_s,
                "cpu_s": cpu_s,
                "problems": problems,
                "charts": len(at.get("plotly_chart")),
            }
        )
    )


def render(page: str, db: str) -> dict[str, float]:
    """Render ``page`` in a new process and return its timings."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", page, "--db", db],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"{page}: the render failed:\n{out.stderr[-3000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    if result.get("problems"):
        raise SystemExit(f"{page}: the page shows an error: {result['problems']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one render per page and way")
    parser.add_argument("--repeats", type=int, default=None, help="renders per page and way")
    parser.add_argument("--db", default=None, help="render this store instead of the sample")
    parser.add_argument("--child", choices=sorted(PAGES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db)
        return
    repeats = args.repeats or (1 if args.quick else 3)
    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            db = str(Path(tmp) / "store.duckdb")
            shutil.copyfile(args.db, db)
        else:
            from analytics.services.demo import build_sample_store

            db = str(Path(tmp) / "sample.duckdb")
            start = time.perf_counter()
            build_sample_store(db)
            print(f"sample store built in {time.perf_counter() - start:.1f} s")
        fits = Path(db + ".fits")
        times: dict[tuple[str, str], list[dict[str, float]]] = {}
        for i in range(repeats):
            for page in PAGES:
                shutil.rmtree(fits, ignore_errors=True)
                times.setdefault((page, "unpersisted"), []).append(render(page, db))
                # the fits are now beside the store: the next fresh process reads them
                times.setdefault((page, "persisted"), []).append(render(page, db))
                print(
                    f"  round {i + 1}/{repeats} {page:<9}"
                    f" unpersisted {times[(page, 'unpersisted')][-1]['render_s']:6.2f} s"
                    f"  persisted {times[(page, 'persisted')][-1]['render_s']:6.2f} s",
                    flush=True,
                )

    def med(page: str, way: str, key: str = "render_s") -> float:
        return statistics.median(r[key] for r in times[(page, way)])

    print()
    print(f"{'page':<10}{'persisted':>12}{'cpu':>8}{'unpersisted':>14}{'cpu':>8}{'imports':>10}")
    for page in PAGES:
        print(
            f"{page:<10}{med(page, 'persisted'):>11.2f}s{med(page, 'persisted', 'cpu_s'):>7.2f}s"
            f"{med(page, 'unpersisted'):>13.2f}s{med(page, 'unpersisted', 'cpu_s'):>7.2f}s"
            f"{med(page, 'persisted', 'import_s'):>9.2f}s"
        )
    worst = max(med(p, "persisted") for p in PAGES)
    base = sum(med(p, "unpersisted") for p in PAGES)
    ours = sum(med(p, "persisted") for p in PAGES)
    verdict = "met" if worst <= GOAL_S else "missed"
    print(f"\ngoal: every page at most {GOAL_S:.1f} s with its fit persisted: {verdict}")
    figures = " ".join(
        [f"{p}_s={med(p, 'persisted'):.2f}" for p in PAGES]
        + [f"worst_s={worst:.2f}", f"worst_page={max(PAGES, key=lambda p: med(p, 'persisted'))}"]
        + [f"{p}_unpersisted_s={med(p, 'unpersisted'):.2f}" for p in PAGES]
        + [f"speedup={base / ours:.1f}", f"goal_s={GOAL_S:.1f}", f"renders={repeats}"]
    )
    print(f"RESULT {figures}")


if __name__ == "__main__":
    main()
