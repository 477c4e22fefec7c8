"""The language switch in the sidebar and translated labels for the pages.

The language defaults to the browser's (``st.context.locale``, the DOM's
``navigator.language``: ``zh-CN`` gives 简体中文, anything else English) and
is kept for the whole session once the user picks one, across pages. The
app's entry script draws the switch once per run for every page; a page's
own call then returns the language without drawing it again.
Translations themselves live in :mod:`analytics.i18n` (no Streamlit there).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from analytics.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, normalize_lang, t
from dashboard.app_run import first_in_run

LANG_KEY = "lang"
_KEEP = f"keep:{LANG_KEY}"


def browser_language() -> str:
    """The supported language closest to the browser's locale (English when unknown)."""
    try:
        locale = st.context.locale
    except Exception:  # noqa: BLE001 - no browser context (bare script run, older Streamlit)
        locale = None
    return normalize_lang(locale) if locale else DEFAULT_LANGUAGE


def current_language() -> str:
    """The session's language: the user's pick, else ``?lang=``, else session key ``lang``, else the browser's."""
    kept = st.session_state.get(_KEEP)
    if kept in LANGUAGES:
        return str(kept)
    try:
        asked = st.query_params.get(LANG_KEY)
    except Exception:  # noqa: BLE001 - no script run context (bare import)
        asked = None
    if asked in LANGUAGES:
        return str(asked)
    given = st.session_state.get(LANG_KEY)
    if given in LANGUAGES:
        return str(given)
    return browser_language()


def _remember() -> None:
    st.session_state[_KEEP] = st.session_state[LANG_KEY]
    st.query_params[LANG_KEY] = st.session_state[LANG_KEY]  # a reload or shared link keeps it


def language_picker() -> str:
    """Draw the sidebar language switch (English / 简体中文) and return ``"en"`` or ``"zh"``.

    Drawn once per run: when the entry script has drawn it already, only the
    language is returned.
    """
    if not first_in_run(LANG_KEY):
        return current_language()
    st.session_state[LANG_KEY] = current_language()
    choice = st.sidebar.selectbox(
        "Language / 语言",
        list(LANGUAGES),
        format_func=LANGUAGE_NAMES.__getitem__,
        key=LANG_KEY,
        on_change=_remember,
    )
    return choice if choice in LANGUAGES else DEFAULT_LANGUAGE


def tr(key: str, **fmt: Any) -> str:
    """``t(key, current language, **fmt)``: a label in the session's language."""
    return t(key, current_language(), **fmt)
