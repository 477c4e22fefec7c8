"""A real browser: headless Chromium (Debian's ``chromium``) through Playwright.

``streamlit run app.py`` serves a temporary store; the test uploads a file on
the Import page, imports it, and checks that the Overview then shows the new
totals. A screenshot of the Overview is saved in ``test-artifacts/``. A second
test opens a strategy report from disk with the network switched off and
checks that its charts draw.

Chromium is installed by ``scripts/ensure_browser.py`` (run by ``make test``)
where it is missing; without it these tests skip and say why. Playwright's
own browser download is never used.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from ensure_browser import find_chromium  # noqa: E402

ARTIFACTS = REPO / "test-artifacts"
FIXTURE = REPO / "tests" / "data" / "browser" / "more_days.csv"
SEED = REPO / "tests" / "data" / "cases" / "C17" / "input.csv"
CHANNEL = "Browser test channel"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip(
            "Chromium is not installed and scripts/ensure_browser.py could not install "
            "it (no apt-get or no root rights): run `apt-get install chromium` as root"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -r requirements.txt)")
    return path


@contextlib.contextmanager
def browser_page(chromium: str, **context: object) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, **context)
            page = ctx.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            yield page
        finally:
            browser.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def streamlit_app(db: Path, log: Path) -> Iterator[str]:
    """``streamlit run app.py`` on ``db``; yields the base URL, stops the server after."""
    port = _free_port()
    env = dict(os.environ, CREATOR_ANALYTICS_DB=str(db), PYTHONPATH=str(REPO))
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO / "app.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"streamlit exited early:\n{log.read_text(errors='replace')}")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')}")
                time.sleep(0.5)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _views_tile(page: object) -> str:
    metric = page.locator("[data-testid='stMetric']").filter(has_text="Views").first
    return metric.locator("[data-testid='stMetricValue']").inner_text().strip()


def test_upload_on_import_page_updates_overview(chromium: str, tmp_path: Path) -> None:
    from analytics.services.imports import import_files

    db = tmp_path / "browser.duckdb"
    # A store with one channel and three days (3,610 views), so the app does not load the
    # sample data and the new totals are known exactly.
    reports = import_files(db, [SEED], channel=CHANNEL)
    assert [r.status for r in reports] == ["loaded"]
    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_app(db, tmp_path / "streamlit.log") as url, browser_page(chromium) as page:
        page.goto(url)
        page.get_by_role("heading", name="Overview", exact=True).wait_for()
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
            ".some(e => e.innerText.trim() === '3,610')"
        )
        assert _views_tile(page) == "3,610"

        page.get_by_role("link", name="Import", exact=True).click()
        page.get_by_role("heading", name="Import", exact=True).wait_for()
        page.locator("input[type=file]").set_input_files(str(FIXTURE))
        page.get_by_text("3 rows read").wait_for()
        # The file has no channel column: pick the store's channel.
        page.locator("[data-testid='stSelectbox']").filter(
            has_text="Channel for files without a channel column"
        ).click()
        page.get_by_role("option", name=CHANNEL).click()
        button = page.get_by_role("button", name="Import 1 file")
        button.wait_for()
        page.wait_for_function(
            "() => [...document.querySelectorAll('button')].some("
            "b => b.innerText.includes('Import 1 file') && !b.disabled)"
        )
        button.click()
        page.get_by_text("more_days.csv: 3 rows loaded, 0 rejected.").wait_for()

        page.get_by_role("link", name="Overview", exact=True).click()
        page.get_by_role("heading", name="Overview", exact=True).wait_for()
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
            ".some(e => e.innerText.trim() === '9,610')"
        )
        assert _views_tile(page) == "9,610"  # 3,610 + 1,000 + 2,000 + 3,000
        followers = page.locator("[data-testid='stMetric']").filter(has_text="Net followers")
        assert followers.locator("[data-testid='stMetricValue']").inner_text().strip() == "60"
        page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg")
        page.get_by_role("heading", name="Top videos", exact=True).wait_for(state="attached")
        page.screenshot(path=str(ARTIFACTS / "browser-overview.png"), full_page=True)
    from analytics.store import queries

    assert int(queries.daily_views(db)["views"].sum()) == 9_610


def test_report_opens_offline(
    chromium: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from analytics.present.report import render_report
    from tests.strategy_stores import sample_strategy

    result = sample_strategy(tmp_path_factory)
    path = tmp_path / "report.html"
    path.write_text(render_report(result, "en", channel="Kitchen Lab"), encoding="utf-8")
    errors: list[str] = []
    requests: list[str] = []
    with browser_page(chromium, offline=True) as page:
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        page.wait_for_function(
            f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= "
            f"{2 * sum(1 for c in result.cards if c.chart)}"
        )
        drawn = page.locator(".js-plotly-plot").count()
        page.screenshot(path=str(ARTIFACTS / "report-offline.png"))
    assert errors == []
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
    assert drawn == sum(1 for c in result.cards if c.chart) + 4
