"""Helpers shared by every dashboard page.

Pages call these instead of touching the store: the start of every page
(:func:`page_setup`: sign-in gate and language switch), the store path (which
applies the sign-in gate too), the store's data version (the cache key that a
new import changes), the sidebar channel picker and date range, cached calls
of the read queries and the display of a typed error. Every label goes
through :func:`dashboard.i18n_ui.tr` (English or 简体中文).

Caching rule (case C18): cached functions take plain parameters only (the
store path as a string, the data version, channel id, dates), never a
connection. Each uncached call opens its own short-lived connection through
:func:`analytics.store.connection.connect`, so concurrent sessions never share
one.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

import analytics.channel_names as names
from analytics.channel_names import channel_label_in as channel_label  # the pages call it so
from analytics.errors import AnalyticsError, IngestError, StoreError
from analytics.i18n import TABLE, t
from analytics.present.escape import markdown_escape as md_escape  # the pages call it so
from analytics.present.messages import localize
from analytics.services import channel_admin, health
from analytics.services import channels as store_facts
from dashboard import navigation
from dashboard.app_run import first_in_run, in_entry_run
from dashboard.auth import require_login
from dashboard.i18n_ui import current_language, language_picker, tr
from dashboard.store_wait import wait_for_import_write

T = TypeVar("T")

ALL_CHANNELS = ""
CHANNEL_KEY = "channel"
DEFAULT_WINDOW_DAYS = 28


def page_setup() -> str:
    """Start a page: the sign-in gate, then the sidebar language switch; return the language.

    Call it first in every page script (and in the entry script). The
    sign-in form stops the run until the password matches when one is
    configured (:func:`dashboard.auth.require_login`). The language switch
    is drawn once per run (the entry script draws it for every page).
    """
    require_login()
    return language_picker()


def _guard() -> None:
    """Sign-in gate and navigation for a page that may run without the entry script.

    Streamlit runs a page script on its own when the page is opened by its
    URL on a freshly started server (a ``pages/`` folder exists): the entry
    script, its sign-in gate and its ``st.navigation`` are skipped, and the
    sidebar lists the entry file as "app". Every page reaches the store
    through :func:`db_path`, so the gate is applied here too (a second call
    in a run is free) and the app's navigation is declared, which gives the
    sidebar its translated titles and sends later runs through the entry
    script.
    """
    require_login()
    if not in_entry_run():
        navigation.declare(current_language())


def db_path() -> str:
    """Return the store the pages show: the user's store, or the demo until it holds imports.

    The user's store is ``$CREATOR_ANALYTICS_DB`` or ``data/creator``;
    until an import of the user's own files lands there, the pages show the
    demo store (``data/demo``, built from ``sample_data/`` on first
    use) under a banner that says so. Sample rows never go into the user's
    store. Pages get the store only through this function, so it first
    applies the sign-in gate (see :func:`_guard`): without the password, a
    page stops here before any of its data is read.
    """
    _guard()
    wait_for_import_write(str(store_facts.store_path()))  # imports write the user's store
    path, is_demo = _store_to_show(*_user_store_key())
    problems = health.store_problems(path)  # bad settings, damaged store: one line each
    if problems:
        for problem in problems:
            st.error(md_escape(problem))
        st.stop()
    if is_demo:
        _demo(path)
    return path


def user_db_path() -> str:
    """The user's own store (imports always go here, never into the demo store)."""
    _guard()
    path = str(store_facts.store_path())
    wait_for_import_write(path)
    problems = health.store_problems(path)  # bad settings, damaged store: one line each
    if problems:
        for problem in problems:
            st.error(md_escape(problem))
        st.stop()
    return path


def showing_demo() -> bool:
    """True while the other pages show the demo (the user's store holds no own import yet)."""
    return _store_to_show(*_user_store_key())[1]


def _user_store_key() -> tuple[str, tuple[tuple[int, int] | None, ...]]:
    """The user's store path and a stamp of its files: an import (also from the CLI) changes it."""
    user_db = str(store_facts.store_path())
    stamps = []
    for name in (user_db, user_db + ".wal"):
        try:
            info = os.stat(name)
            stamps.append((info.st_mtime_ns, info.st_size))
        except OSError:
            stamps.append(None)
    return user_db, tuple(stamps)


@st.cache_data(ttl=2, show_spinner=False)
def _store_to_show(
    user_db: str, stamp: tuple[tuple[int, int] | None, ...] = ()
) -> tuple[str, bool]:
    from analytics.services.demo import store_to_show

    return store_to_show(user_db)


def forget_store_choice() -> None:
    """Ask again which store to show (call after an import into the user's store)."""
    _store_to_show.clear()


@st.cache_resource(show_spinner=False)
def _build_demo(path: str) -> str | None:
    """Build the demo store once per process; the reason when it cannot be built."""
    from analytics.services.demo import ensure_sample_store

    try:
        ensure_sample_store(path)
    except StoreError:
        raise  # busy or unreadable store: not cached, retried on the next run
    except AnalyticsError as exc:
        return str(exc)
    return None


def _demo(path: str) -> None:
    """Build the demo store if needed and say, once per run, that the page shows it."""
    if not first_in_run("demo_banner"):
        return
    with st.spinner(tr("app.loading_sample")):
        problem = _build_demo(path)
    if problem:
        st.info(md_escape(tr("app.empty_store", problem=problem)))
        return
    st.sidebar.warning(tr("display.demo_sidebar"))
    st.info(tr("display.demo_banner"))


@st.cache_data(ttl=2, show_spinner=False)
def _data_version(path: str) -> int:
    return store_facts.data_version(path)


def data_version(db_path: str) -> int:
    """Return the store's data version (changes whenever an import lands).

    Cached for two seconds so one rerun opens the store once for it; call
    :func:`refresh_data_version` right after an import in this session.
    """
    return _data_version(db_path)


def refresh_data_version() -> None:
    """Forget the cached data version (call after writing to the store)."""
    _data_version.clear()


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_call(
    module: str,
    name: str,
    db_path: str,
    version: int,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
) -> Any:
    # ``version`` is unused in the body: it is part of the cache key so that a
    # new import invalidates every cached result.
    if not module.startswith("analytics."):
        raise ValueError(f"only analytics functions can be cached, not {module}.{name}")
    fn = getattr(importlib.import_module(module), name)
    return fn(db_path, *args, **dict(kwargs))


def cached(fn: Callable[..., T], db_path: str, *args: Any, **kwargs: Any) -> T:
    """Call ``fn(db_path, *args, **kwargs)`` through ``st.cache_data``.

    ``fn`` must be a module-level function of the ``analytics`` package whose
    first parameter is the store path and whose other parameters are plain
    values (str, int, float, date, None, tuples of those). The cache key is
    (function, store path, data version, parameters).
    """
    version = data_version(db_path)
    return _cached_call(
        fn.__module__, fn.__qualname__, db_path, version, tuple(args), tuple(sorted(kwargs.items()))
    )


def show_error(exc: BaseException) -> None:
    """Show a typed error as a message the creator understands (never a traceback)."""
    if isinstance(exc, IngestError):
        st.error(md_escape(f"{exc.file_name}: {exc.message}"))
        if exc.rejects:
            with st.expander(tr("app.rejected_values", count=len(exc.rejects))):
                st.dataframe(
                    [
                        {"line": r.line, "column": r.column, "value": r.value, "reason": r.reason}
                        for r in exc.rejects
                    ],
                    hide_index=True,
                    column_config=rejects_columns(),
                )
    elif isinstance(exc, AnalyticsError):
        st.error(say(exc))
    else:
        st.error(md_escape(tr("app.error", error=f"{type(exc).__name__}: {exc}")))


def say(message: object) -> str:
    """A model's or service's message (an error, a warning) in the page's language, escaped.

    Known kinds of message are rebuilt from the catalogues
    (:func:`analytics.present.messages.localize`); others are shown as written.
    """
    return md_escape(localize(message, current_language()))


def rejects_columns() -> dict[str, Any]:
    """Translated headers of a rejects table (columns ``line, column, value, reason``)."""
    return {
        "line": st.column_config.NumberColumn(tr("import.col.line"), format="%d"),
        "column": st.column_config.TextColumn(tr("import.col.column")),
        "value": st.column_config.TextColumn(tr("import.col.value")),
        "reason": st.column_config.TextColumn(tr("import.col.reason")),
    }


def channel_names(db_path: str, lang: str | None = None) -> dict[str, str]:
    """``channel_id -> name for people`` for every channel of the store (never a raw id)."""
    lang = lang or current_language()
    channels = cached(store_facts.list_channels, db_path)
    return {
        str(r.channel_id): names.channel_name(str(r.channel_id), r.display_name, r.platform, lang)
        for r in channels.itertuples()
    }


def with_channel_names(frame: Any, db_path: str, lang: str | None = None) -> Any:
    """A copy of ``frame`` whose ``channel_name`` column holds names for people.

    Built from ``channel_id`` (kept as is for keys); a frame without that
    column is returned unchanged.
    """
    if "channel_id" not in getattr(frame, "columns", ()):
        return frame
    mapping = channel_names(db_path, lang)
    out = frame.copy()
    out["channel_name"] = out["channel_id"].map(lambda c: mapping.get(str(c), str(c)))
    return out


def _sticky(widget_key: str, default: Any) -> None:
    """Give a keyed widget the value it had on another page (or ``default``).

    Streamlit forgets a widget's value when the user switches pages; a copy
    under a second key, refreshed by the widget's ``on_change`` callback, is
    written back before the widget is drawn on every run.
    """
    keep = f"keep:{widget_key}"
    st.session_state[widget_key] = st.session_state.get(keep, default)


def _remember(widget_key: str) -> None:
    st.session_state[f"keep:{widget_key}"] = st.session_state[widget_key]


def channel_picker(db_path: str) -> str | None:
    """Sidebar picker of one channel or all of them.

    Returns
    -------
    str or None
        The chosen ``channel_id``, or None for all channels. The choice is kept
        across pages for the whole session.
    """
    channels = cached(store_facts.list_channels, db_path)
    options = [ALL_CHANNELS] + [str(c) for c in channels["channel_id"]]
    if st.session_state.get(f"keep:{CHANNEL_KEY}") not in options:
        st.session_state.pop(f"keep:{CHANNEL_KEY}", None)
    _sticky(CHANNEL_KEY, ALL_CHANNELS)
    lang = current_language()  # bound now: option labels are formatted in this language
    choice = st.sidebar.selectbox(
        t("app.channel", lang),
        options,
        format_func=lambda c: channel_label(channels, c, lang),
        key=CHANNEL_KEY,
        on_change=_remember,
        args=(CHANNEL_KEY,),
    )
    return choice or None


def content_type_label(content_type: str, lang: str) -> str:
    """A content type (``video``, ``short``, ``image post``, ``live``) in ``lang``.

    A type without a translation is shown as stored.
    """
    key = f"videos.ctype.{content_type}"
    return t(key, lang) if key in TABLE else content_type


def default_range(
    first: dt.date, last: dt.date, days: int = DEFAULT_WINDOW_DAYS
) -> tuple[dt.date, dt.date]:
    """The last ``days`` days of data, clipped to the first day with data."""
    return max(first, last - dt.timedelta(days=days - 1)), last


def views_end(db_path: str, channel: str | None) -> dt.date | None:
    """The last day with daily views of the channel (of any channel: None), if any.

    The default window ends there rather than on the last date of any kind (a
    Xiaohongshu note's publish day, a Viewers file's extra day), so it opens on
    views, not on an empty span.
    """
    spans = cached(channel_admin.channel_spans, db_path)
    if channel is not None:
        spans = spans[spans["channel_id"] == channel]
    last = pd.to_datetime(spans["last_day"]).max() if len(spans) else pd.NaT
    return None if pd.isna(last) else last.date()


def date_range_picker(db_path: str, channel: str | None) -> tuple[dt.date, dt.date] | None:
    """Sidebar date range (inclusive); default the last 28 days with data.

    The range is remembered per channel selection for the session. Returns
    None when the selected channel(s) have no daily data at all.
    """
    first, last = cached(store_facts.date_bounds, db_path, channel)
    if first is None or last is None:
        return None
    start, end = default_range(first, views_end(db_path, channel) or last)
    key = f"date_range:{channel or 'all'}"
    _sticky(key, (start, end))
    value = st.sidebar.date_input(tr("app.date_range"), key=key, on_change=_remember, args=(key,))
    if isinstance(value, (tuple, list)):
        if len(value) == 2:
            return value[0], value[1]
        if len(value) == 1:  # the user is still picking the end
            return value[0], value[0]
        return start, end
    return value, value


def sidebar_filters(db_path: str) -> tuple[str | None, tuple[dt.date, dt.date] | None]:
    """Channel picker and date range in the sidebar: ``(channel, (start, end) | None)``."""
    channel = channel_picker(db_path)
    return channel, date_range_picker(db_path, channel)


def store_is_empty(db_path: str) -> bool:
    """True when the store holds no channel and no import yet."""
    counts = cached(store_facts.table_counts, db_path)
    return counts["channels"] == 0 and counts["imports"] == 0
