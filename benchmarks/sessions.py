"""Benchmark: the dashboard server's memory with several browser sessions open.

A ``streamlit run app.py`` server is started on the sample creator's store
(built into a temporary folder) and headless Chromium opens sessions one
after the other, each its own browser context (its own Streamlit session),
each visiting every page: Overview, Import, Videos, Drivers, Fans, Planner,
Strategy, Audience, Traffic. The sessions stay open. The server's resident
memory (``VmRSS`` of the process, Linux ``/proc``) is read after start-up,
after the first session and after the last one, with its peak (``VmHWM``).

The baseline, from the same run, is the server after one session: what one
creator's visit costs. Goal: 8 sessions at most 500 MB (the fits are read
from beside the store and shared through ``st.cache_resource``; no session
fits a model for itself).

    python benchmarks/sessions.py            # 8 sessions
    python benchmarks/sessions.py --quick    # 3 sessions

Needs Chromium (``scripts/ensure_browser.py``) and Playwright (requirements).
The last line is ``RESULT sessions=... idle_mb=... one_session_mb=...
all_sessions_mb=... peak_mb=... per_extra_session_mb=... goal_mb=500``.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

GOAL_MB = 500.0
PAGES = ("", "Import", "Videos", "Drivers", "Fans", "Planner", "Strategy", "Audience", "Traffic")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of a process, in MB (``VmRSS``, ``VmHWM``)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = float(value.split()[0]) / 1024  # kB -> MB
    return fields["VmRSS"], fields["VmHWM"]


def free_port() -> int:
    """A TCP port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``streamlit run app.py`` on ``db``; returns the process and its URL once healthy."""
    port = free_port()
    env = dict(os.environ, CREATOR_ANALYTICS_DB=db, PYTHONPATH=str(REPO))
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py")]
    cmd += ["--server.headless", "true", "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("the server did not start within 120 s")


def visit_every_page(browser: object, url: str) -> float:
    """Open a new session (browser context) and run every page in it; returns seconds."""
    start = time.perf_counter()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(180_000)
    for name in PAGES:
        page.goto(f"{url}/{name}")
        page.wait_for_selector("h1")
        # the script run ends when Streamlit's status widget stops saying it is running
        page.wait_for_function(
            "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=180_000
        )
    return time.perf_counter() - start


def main() -> None:
    """Parse the options, run the sessions and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 sessions instead of 8")
    parser.add_argument("--sessions", type=int, default=None, help="number of sessions")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium executable")
    args = parser.parse_args()
    n = args.sessions or (3 if args.quick else 8)

    from playwright.sync_api import sync_playwright

    from analytics.services.demo import build_sample_store

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "sample.duckdb")
        build_sample_store(db)
        proc, url = start_server(db, Path(tmp) / "server.log")
        try:
            time.sleep(2)
            idle, _ = memory_mb(proc.pid)
            print(f"server started: {idle:.0f} MB")
            after: list[float] = []
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                try:
                    for i in range(n):
                        seconds = visit_every_page(browser, url)
                        rss, peak = memory_mb(proc.pid)
                        after.append(rss)
                        print(
                            f"session {i + 1}: every page in {seconds:.1f} s; "
                            f"server {rss:.0f} MB (peak {peak:.0f} MB)"
                        )
                    rss, peak = memory_mb(proc.pid)
                finally:
                    browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    extra = (after[-1] - after[0]) / max(1, n - 1)
    print(
        f"{n} sessions: {after[-1]:.0f} MB against {after[0]:.0f} MB for one session "
        f"({extra:.0f} MB per extra session); goal at most {GOAL_MB:.0f} MB"
    )
    print(
        f"RESULT sessions={n} idle_mb={idle:.0f} one_session_mb={after[0]:.0f} "
        f"all_sessions_mb={after[-1]:.0f} peak_mb={peak:.0f} per_extra_session_mb={extra:.0f} "
        f"goal_mb={GOAL_MB:.0f}"
    )


if __name__ == "__main__":
    main()
