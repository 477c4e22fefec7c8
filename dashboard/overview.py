"""The Overview page: KPI tiles, daily views and followers, top videos.

One channel: its daily views and followers. "All channels": the KPI totals
add up the channels that have each figure, but the chart keeps channels
apart (one line per channel, optionally indexed to each channel's own
median day) and a table says which days each channel's exports cover. A
change against the previous period is shown only when both periods hold
data on every day; otherwise the page says how many days each holds.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics.day_format import format_day
from analytics.errors import AnalyticsError
from analytics.i18n import format_count
from analytics.present import channel_charts, charts
from analytics.services import channel_admin as channel_queries
from analytics.services import channels as store_facts
from analytics.services import metrics
from dashboard import common, tables
from dashboard.i18n_ui import current_language, tr


def render() -> None:
    """Draw the Overview page (the app's landing page)."""
    lang = current_language()
    st.title(tr("overview.title"))
    path = common.db_path()
    try:
        channel, period = common.sidebar_filters(path)
        if period is None:
            _no_period(path, channel, lang)
            return
        start, end = period
        if start > end:
            start, end = end, start
        _kpis(path, channel, start, end, lang)
        spans = common.cached(channel_queries.channel_spans, path)
        with_views = spans[spans["days_with_views"] > 0]
        if channel is None and len(with_views) > 1:
            _side_by_side(path, spans, start, end, lang)
        else:
            _one_channel(path, channel, spans, start, end, lang)
        _top_videos(path, channel, start, end, lang)
    except AnalyticsError as exc:
        common.show_error(exc)


def _no_period(path: str, channel: str | None, lang: str) -> None:
    counts = common.cached(store_facts.table_counts, path)
    if counts["videos"] or counts["video_totals"]:
        st.info(tr("display.totals_only"))
    else:
        st.info(tr("overview.no_daily"))


def _kpis(path: str, channel: str | None, start: dt.date, end: dt.date, lang: str) -> None:
    kpis = common.cached(metrics.kpi_comparison, path, channel, start, end)
    for col, tile in zip(st.columns(4), charts.kpi_tiles(kpis, lang), strict=False):
        col.metric(tile.label, tile.value, tile.delta, help=tile.help, border=True)
    prev = kpis.previous
    st.caption(
        tr(
            "overview.period_caption",
            start=format_day(start, lang),
            end=format_day(end, lang),
            days=(end - start).days + 1,
            prev_start=format_day(prev.start, lang),
            prev_end=format_day(prev.end, lang),
        )
    )
    notes = [
        charts.coverage_note(kpis, metric, lang)
        for metric in ("views", "followers")
        if (kpis.current.days_with(metric) or kpis.previous.days_with(metric))
        and not kpis.comparable(metric)
    ]
    if not kpis.comparable("views"):
        notes.append(charts.published_note(kpis, lang))
    for note in notes:
        st.caption(note)
    if channel is None:
        st.caption(tr("display.sum_caption"))


def _side_by_side(path: str, spans, start: dt.date, end: dt.date, lang: str) -> None:
    names = common.channel_names(path, lang)
    lead_in = start - dt.timedelta(days=charts.ROLLING_WINDOW_DAYS - 1)
    views = common.cached(channel_queries.daily_views_by_channel, path, lead_in, end)
    views = views[views["date"] >= str(start)]
    if views.empty:
        st.info(
            tr(
                "display.no_views_in_window",
                start=format_day(start, lang),
                end=format_day(end, lang),
            )
        )
    else:
        indexed = st.toggle(tr("display.indexed_toggle"), value=True, key="overview_indexed")
        st.plotly_chart(
            channel_charts.channels_figure(views, names, indexed, lang), key="channels_side_by_side"
        )
        st.caption(tr("display.side_by_side_caption"))
    _spans_table(spans, names, lang)


def _spans_table(spans, names: dict[str, str], lang: str) -> None:
    st.subheader(tr("display.channel_spans"))
    # The channels with daily data first; the channels known only from trending
    # lists (hundreds of one-video channels) folded away below the creator's own.
    listed = spans[spans["from_list"].astype(bool)] if "from_list" in spans else spans.iloc[:0]
    own = spans.drop(index=listed.index)
    _spans_rows(own, names, lang, "channel_spans")
    if len(listed):
        label = tr(
            "display.list_channels",
            channels=format_count(len(listed), lang),
            videos=format_count(int(listed["videos"].sum()), lang),
        )
        with st.expander(label):
            st.caption(tr("display.list_channels_note"))
            _spans_rows(listed, names, lang, "list_channel_spans")


def _spans_rows(spans, names: dict[str, str], lang: str, key: str) -> None:
    spans = spans.sort_values(["days_with_views", "videos"], ascending=False, kind="stable")
    shown = spans.assign(
        platform=spans["platform"].map(lambda p: common.names.platform_name(p, lang)),
        first_day=spans["first_day"].map(lambda d: format_day(d, lang)),
        last_day=spans["last_day"].map(lambda d: format_day(d, lang)),
    )
    tables.show(
        shown,
        [
            ("channel_id", "channel", "videos.col.channel"),
            ("platform", "text", "display.col.platform"),
            ("time_zone", "text", "display.col.time_zone"),
            ("first_day", "text", "display.col.first_day"),
            ("last_day", "text", "display.col.last_day"),
            ("days_with_views", "count", "display.col.days_with_views"),
            ("videos", "count", "display.col.videos"),
        ],
        lang,
        names,
        key=key,
    )


def _one_channel(
    path: str, channel: str | None, spans, start: dt.date, end: dt.date, lang: str
) -> None:
    # Rows from six days earlier feed the 7-day mean of the first shown day.
    lead_in = start - dt.timedelta(days=charts.ROLLING_WINDOW_DAYS - 1)
    views = common.cached(metrics.daily_views, path, channel, lead_in, end)
    followers = common.cached(metrics.followers_series, path, channel, lead_in, end)
    left, right = st.columns(2)
    with left:
        if views[views["date"] >= str(start)].empty:
            st.info(_why_no_views(spans, channel, start, end, lang))
        else:
            fig = charts.daily_figure(
                views,
                "views",
                tr("overview.daily_views"),
                tr("overview.views_axis"),
                start=start,
                lang=lang,
            )
            channel_charts.date_axis(fig, lang)
            st.plotly_chart(fig, key="daily_views")
    with right:
        if followers[followers["date"] >= str(start)].empty:
            st.info(tr("overview.no_followers"))
        else:
            fig = charts.followers_figure(followers, start=start, lang=lang)
            channel_charts.date_axis(fig, lang)
            st.plotly_chart(fig, key="followers")


def _why_no_views(spans, channel: str | None, start: dt.date, end: dt.date, lang: str) -> str:
    """A true reason for an empty views chart: no daily exports at all, or none in the window."""
    rows = spans if channel is None else spans[spans["channel_id"] == channel]
    rows = rows[rows["days_with_views"] > 0]
    if rows.empty:
        return tr("display.totals_only")
    return tr(
        "display.no_views_in_range",
        start=format_day(start, lang),
        end=format_day(end, lang),
        first=format_day(rows["first_day"].min(), lang),
        last=format_day(rows["last_day"].max(), lang),
    )


def _top_videos(path: str, channel: str | None, start: dt.date, end: dt.date, lang: str) -> None:
    st.subheader(tr("overview.top_videos"))
    top = common.cached(metrics.top_videos, path, channel, start, end, 10)
    if top.empty:
        st.info(tr("overview.no_top_videos"))
        return
    tables.show(
        top,
        [
            ("title", "text", "videos.col.title"),
            ("channel_id", "channel", "videos.col.channel"),
            ("published_local", "text", "display.col.published_local"),
            ("time_zone", "text", "display.col.time_zone"),
            ("views_in_period", "count", "videos.col.views_in_period"),
            ("lifetime_views", "count", "videos.col.lifetime_views"),
        ],
        lang,
        common.channel_names(path, lang),
        key="top_videos",
    )
