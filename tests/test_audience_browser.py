"""A real browser on the Audience page: the world map draws with the shipped shapes, offline.

Every request the page makes is recorded; the country shapes come from the
app's own static files and nothing leaves the machine (no Plotly CDN).
"""

from __future__ import annotations

from pathlib import Path

from tests.breakdown_exports import build_breakdown_store
from tests.test_browser import browser_page, chromium, streamlit_app  # noqa: F401

__all__ = ["chromium"]


def test_world_map_makes_no_outside_request(chromium: str, tmp_path: Path) -> None:  # noqa: F811
    db = tmp_path / "store.duckdb"
    build_breakdown_store(db, tmp_path / "files")
    requests: list[str] = []
    with streamlit_app(db, tmp_path / "streamlit.log") as url, browser_page(chromium) as page:
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{url}/Audience")
        # the page starts on the channel with the most audience data (here the TikTok
        # account: its followers' top territories, 3 countries and "Others")
        page.wait_for_selector("text=/(Views|Share) by country/")
        # The map's countries are drawn: one path per listed country, from the shapes file.
        page.wait_for_function(
            "document.querySelectorAll('.choroplethlocation').length >= 3", timeout=60_000
        )
    shapes = [u for u in requests if u.endswith("world_110m.json")]
    assert shapes and all(u.startswith(url) for u in shapes), shapes
    outside = sorted({u for u in requests if not u.startswith((url, "data:", "blob:"))})
    assert outside == []
