"""The dashboard's pages for ``st.navigation``, with titles in the session's language.

The Overview (the script ``dashboard/overview_page.py``, drawn by
:func:`dashboard.overview.render`) is the landing page; every script in ``pages/`` follows in the order of its number prefix,
titled ``nav.<name>`` from :mod:`analytics.i18n` (``2_Videos.py`` ->
``nav.videos``). URLs stay the file names' (``/Import``, ``/Videos``), so
links do not change with the language.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from analytics.i18n import TABLE, t

PAGES_DIR = Path(__file__).resolve().parents[1] / "pages"
OVERVIEW_SCRIPT = Path(__file__).resolve().parent / "overview_page.py"
# An emoji, drawn by the browser: a Material icon here would become the tab icon, fetched
# from the internet.
OVERVIEW_ICON = "📊"


def _page_order(path: Path) -> tuple[int, str]:
    match = re.match(r"(\d+)", path.name)
    return (int(match.group(1)) if match else 10_000, path.name)


def page_title(path: Path, lang: str) -> str | None:
    """The translated title of a page script (``None``: let Streamlit infer it from the name)."""
    name = re.sub(r"^\d+_?", "", path.stem).lower()
    key = f"nav.{name}"
    return t(key, lang) if key in TABLE else None


def app_pages(lang: str) -> list[st.Page]:
    """The Overview and every page script, titled in ``lang``."""
    pages = [
        st.Page(
            OVERVIEW_SCRIPT,
            title=t("nav.overview", lang),
            icon=OVERVIEW_ICON,
            default=True,
            url_path="overview",
        )
    ]
    for path in sorted(PAGES_DIR.glob("*.py"), key=_page_order):
        if path.name.startswith(("_", ".")):
            continue
        pages.append(st.Page(path, title=page_title(path, lang)))
    return pages


def declare(lang: str) -> None:
    """Declare the app's navigation without running a page.

    For a page script that runs without the entry script (opened by its URL
    on a freshly started server): the sidebar then lists the pages under
    their titles ("Overview", never the entry file's name "app"), and
    Streamlit's later runs go through the entry script.
    """
    st.set_page_config(page_title=t("app.title", lang), page_icon="📊", layout="wide")
    st.navigation(app_pages(lang))
