"""Creator analytics dashboard: ``streamlit run app.py``.

The Overview is the landing page; every script in ``pages/`` is another page,
in the order of its number prefix (:mod:`dashboard.navigation`). Every run
starts here: the sign-in gate (when a password is configured), the language
switch, then the page. On start an empty store is filled from
``sample_data/`` so the dashboard has something to show.
"""

from __future__ import annotations

import streamlit as st

from analytics.errors import AnalyticsError, StoreError
from analytics.i18n import t
from dashboard import app_run, common, navigation
from dashboard.i18n_ui import tr


@st.cache_resource(show_spinner=False)
def _fill_sample_store(path: str) -> str | None:
    """Fill an empty store from sample_data/ once per process.

    Returns None when the store is ready, else why the sample could not be
    loaded (remembered, so the import is not retried on every rerun).
    """
    from analytics.services.demo import ensure_sample_store

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
            from analytics.services.demo import ensure_sample_store  # noqa: F401
        except ImportError:
            problem: str | None = tr("app.no_sample_build")
        else:
            with st.spinner(tr("app.loading_sample")):
                problem = _fill_sample_store(path)
            if not st.session_state.get("store_checked"):
                common.refresh_data_version()  # the store may have just been filled
                st.session_state["store_checked"] = True
        if problem and common.store_is_empty(path):
            st.info(common.md_escape(tr("app.empty_store", problem=problem)))
    except AnalyticsError as exc:
        common.show_error(exc)


with app_run.entry_run():
    lang = common.page_setup()  # sign-in gate first, then the language switch
    st.set_page_config(page_title=t("app.title", lang), layout="wide")
    _ensure_store(common.db_path())
    st.navigation(navigation.app_pages(lang)).run()
