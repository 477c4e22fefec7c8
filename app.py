"""Creator analytics dashboard: ``streamlit run app.py``.

The Overview is the landing page; every script in ``pages/`` is another page,
in the order of its number prefix. On start an empty store is filled from
``sample_data/`` so the dashboard has something to show.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from analytics.errors import AnalyticsError, StoreError
from dashboard import common
from dashboard.overview import render as overview

PAGES_DIR = Path(__file__).resolve().parent / "pages"

st.set_page_config(page_title="Creator analytics", layout="wide")


@st.cache_resource(show_spinner="Loading the sample data…")
def _fill_sample_store(path: str) -> str | None:
    """Fill an empty store from sample_data/ once per process.

    Returns None when the store is ready, else why the sample could not be
    loaded (remembered, so the import is not retried on every rerun).
    """
    from analytics.demo import ensure_sample_store

    try:
        ensure_sample_store(path)
    except StoreError:
        raise  # busy or unreadable store: not cached, retried on the next run
    except AnalyticsError as exc:
        return str(exc)
    return None


def _ensure_store(path: str) -> None:
    try:
        try:
            from analytics.demo import ensure_sample_store  # noqa: F401
        except ImportError:
            problem: str | None = "this build has no sample data"
        else:
            problem = _fill_sample_store(path)
            if not st.session_state.get("store_checked"):
                common.refresh_data_version()  # the store may have just been filled
                st.session_state["store_checked"] = True
        if problem and common.store_is_empty(path):
            st.info(common.md_escape(f"The store is empty and the sample data could not be loaded "
                                     f"({problem}). Add your exports on the Import page."))
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
