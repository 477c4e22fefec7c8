"""The Overview page: KPI tiles, daily views and followers, top videos."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import charts
from analytics.errors import AnalyticsError
from analytics.store import queries
from dashboard import common


def render() -> None:
    """Draw the Overview page (the app's landing page)."""
    st.title("Overview")
    path = common.db_path()
    try:
        channel, period = common.sidebar_filters(path)
        if period is None:
            st.info("No daily data in the store yet. Add your exports on the Import page.")
            return
        start, end = period
        if start > end:
            start, end = end, start
        _kpis(path, channel, start, end)
        # Rows from six days earlier feed the 7-day mean of the first shown day.
        lead_in = start - dt.timedelta(days=charts.ROLLING_WINDOW_DAYS - 1)
        views = common.cached(queries.daily_views, path, channel, lead_in, end)
        followers = common.cached(queries.followers_series, path, channel, lead_in, end)
        left, right = st.columns(2)
        with left:
            if views.empty:
                st.info("No daily views for this selection: its exports only carry lifetime "
                        "totals per video (see the Videos page).")
            else:
                st.plotly_chart(charts.daily_figure(views, "views", "Daily views", "views",
                                                    start=start), key="daily_views")
        with right:
            if followers.empty:
                st.info("No follower numbers in this period.")
            else:
                st.plotly_chart(charts.followers_figure(followers, start=start), key="followers")
        _top_videos(path, channel, start, end)
    except AnalyticsError as exc:
        common.show_error(exc)


def _kpis(path: str, channel: str | None, start: dt.date, end: dt.date) -> None:
    kpis = common.cached(queries.kpi_comparison, path, channel, start, end)
    for col, tile in zip(st.columns(4), charts.kpi_tiles(kpis)):
        col.metric(tile.label, tile.value, tile.delta, help=tile.help, border=True)
    prev = kpis.previous
    st.caption(
        f"{start:%Y-%m-%d} – {end:%Y-%m-%d}, compared with the previous "
        f"{(end - start).days + 1} days ({prev.start:%Y-%m-%d} – {prev.end:%Y-%m-%d})."
    )


def _top_videos(path: str, channel: str | None, start: dt.date, end: dt.date) -> None:
    st.subheader("Top videos")
    top = common.cached(queries.top_videos, path, channel, start, end, 10)
    if top.empty:
        st.info("No video has views in this period.")
        return
    st.dataframe(
        top,
        hide_index=True,
        column_order=["title", "channel_name", "published_at", "views_in_period", "lifetime_views"],
        column_config={
            "title": st.column_config.TextColumn("Title"),
            "channel_name": st.column_config.TextColumn("Channel"),
            "published_at": st.column_config.DatetimeColumn("Published", format="YYYY-MM-DD HH:mm"),
            "views_in_period": st.column_config.NumberColumn("Views in period", format="localized"),
            "lifetime_views": st.column_config.NumberColumn("Lifetime views", format="localized"),
        },
        key="top_videos",
    )
