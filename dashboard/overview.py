"""The Overview page: KPI tiles, daily views and followers, top videos."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import charts
from analytics.errors import AnalyticsError
from analytics.services import metrics
from dashboard import common
from dashboard.i18n_ui import current_language, tr


def render() -> None:
    """Draw the Overview page (the app's landing page)."""
    lang = current_language()
    st.title(tr("overview.title"))
    path = common.db_path()
    try:
        channel, period = common.sidebar_filters(path)
        if period is None:
            st.info(tr("overview.no_daily"))
            return
        start, end = period
        if start > end:
            start, end = end, start
        _kpis(path, channel, start, end, lang)
        # Rows from six days earlier feed the 7-day mean of the first shown day.
        lead_in = start - dt.timedelta(days=charts.ROLLING_WINDOW_DAYS - 1)
        views = common.cached(metrics.daily_views, path, channel, lead_in, end)
        followers = common.cached(metrics.followers_series, path, channel, lead_in, end)
        left, right = st.columns(2)
        with left:
            if views.empty:
                st.info(tr("overview.no_daily_views"))
            else:
                st.plotly_chart(
                    charts.daily_figure(
                        views,
                        "views",
                        tr("overview.daily_views"),
                        tr("overview.views_axis"),
                        start=start,
                        lang=lang,
                    ),
                    key="daily_views",
                )
        with right:
            if followers.empty:
                st.info(tr("overview.no_followers"))
            else:
                st.plotly_chart(
                    charts.followers_figure(followers, start=start, lang=lang), key="followers"
                )
        _top_videos(path, channel, start, end)
    except AnalyticsError as exc:
        common.show_error(exc)


def _kpis(path: str, channel: str | None, start: dt.date, end: dt.date, lang: str) -> None:
    kpis = common.cached(metrics.kpi_comparison, path, channel, start, end)
    for col, tile in zip(st.columns(4), charts.kpi_tiles(kpis, lang), strict=False):
        col.metric(tile.label, tile.value, tile.delta, help=tile.help, border=True)
    prev = kpis.previous
    st.caption(
        tr(
            "overview.period_caption",
            start=f"{start:%Y-%m-%d}",
            end=f"{end:%Y-%m-%d}",
            days=(end - start).days + 1,
            prev_start=f"{prev.start:%Y-%m-%d}",
            prev_end=f"{prev.end:%Y-%m-%d}",
        )
    )


def _top_videos(path: str, channel: str | None, start: dt.date, end: dt.date) -> None:
    st.subheader(tr("overview.top_videos"))
    top = common.cached(metrics.top_videos, path, channel, start, end, 10)
    if top.empty:
        st.info(tr("overview.no_top_videos"))
        return
    st.dataframe(
        top,
        hide_index=True,
        column_order=["title", "channel_name", "published_at", "views_in_period", "lifetime_views"],
        column_config={
            "title": st.column_config.TextColumn(tr("videos.col.title")),
            "channel_name": st.column_config.TextColumn(tr("videos.col.channel")),
            "published_at": st.column_config.DatetimeColumn(
                tr("videos.col.published"), format="YYYY-MM-DD HH:mm"
            ),
            "views_in_period": st.column_config.NumberColumn(
                tr("videos.col.views_in_period"), format="localized"
            ),
            "lifetime_views": st.column_config.NumberColumn(
                tr("videos.col.lifetime_views"), format="localized"
            ),
        },
        key="top_videos",
    )
