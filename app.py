"""Creator analytics dashboard: ``streamlit run app.py``.

The Overview is the landing page; every script in ``pages/`` is another page,
in the order of its number prefix (:mod:`dashboard.navigation`). Every run
starts here: the sign-in gate (when a password is configured), the language
switch, then the page. Until the user's store holds an import of their own
files, the pages show the demo store (``data/demo`` beside it, built from
``sample_data/``), labelled as such; sample rows never go into the user's
store (:func:`dashboard.common.db_path`).
"""

from __future__ import annotations

import streamlit as st

from analytics.i18n import t
from dashboard import app_run, common, navigation

with app_run.entry_run():
    lang = common.page_setup()  # sign-in gate first, then the language switch
    # A local image as the tab icon: a Material icon would be fetched from the internet.
    st.set_page_config(page_title=t("app.title", lang), page_icon="📊", layout="wide")
    st.navigation(navigation.app_pages(lang)).run()
