"""Creator analytics dashboard: ``streamlit run app.py``.

The Overview is the landing page; every script in ``pages/`` is another page,
in the order of its number prefix. On start an empty store is filled from
``sample_data/`` so the dashboard has something to show.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from analytics.errors import AnalyticsError
from dashboard import common
from dashboard.overview import render as overview

PAGES_DIR = Path(__file__).resolve().parent / "pages"

st.set_page_config(page_title="Creator analytics", layout="wide")


@st.cache_resource(show_spinner="Loading the sample data…")
def _fill_sample_store(path: str) -> bool:
    """Fill an empty store from sample_data/ once per process; True when filled."""
    from analytics.demo import ensure_sample_store

    ensure_sample_store(path)
    return True


def _ensure_store(path: str) -> None:
    try:
        if not common.store_is_empty(path):
            return
        try:
            import analytics.demo as demo
        except ImportError:
            demo = None
        if demo is None or not hasattr(demo, "ensure_sample_store"):
            st.info("The store is empty and no sample data is available. "
                    "Add your exports on the Import page.")
            return
        _fill_sample_store(path)
        common.refresh_data_version()
    except AnalyticsError as exc:
        common.show_error(exc)


def _page_order(path: Path) -> tuple[int, str]:
    match = re.match(r"(\d+)", path.name)
    return (int(match.group(1)) if match else 10_000, path.name)


_ensure_store(common.db_path())
pages = [st.Page(overview, title="Overview", icon=":material/monitoring:", default=True,
                 url_path="overview")]
pages += [st.Page(str(p)) for p in sorted(PAGES_DIR.glob("*.py"), key=_page_order)]
st.navigation(pages).run()
