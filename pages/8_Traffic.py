"""Traffic and reach: traffic sources, search terms, sites, sharing; funnel; typical band; revenue.

Thin page: data from :mod:`analytics.services.audience`, figures from
:mod:`analytics.present.audience_charts`, tables from
:mod:`dashboard.traffic_ui` and :mod:`dashboard.breakdown_ui`.
"""

from __future__ import annotations

import streamlit as st

from analytics.errors import AnalyticsError
from analytics.i18n import t
from analytics.present import audience_charts as charts
from analytics.services import audience
from dashboard import breakdown_ui as ui
from dashboard import common, traffic_ui

lang = common.page_setup()
st.title(t("traffic.title", lang))
st.caption(t("traffic.caption", lang))
path = common.db_path()


def _traffic(channel: str, tz: str) -> None:
    tables = common.cached(audience.traffic_tables, path, channel)
    if not tables:
        st.info(t("traffic.no_data", lang))
        return
    sources = tables.pop("sources", None)
    if sources is not None and not sources.rows.empty:
        st.subheader(t("audience.section.sources", lang))
        fig = charts.bar_breakdown(sources, "traffic_source", lang)
        ui.breakdown_section(sources, "traffic_source", fig, tz, lang, "traffic_source")
    daily = common.cached(audience.breakdown_daily, path, channel, "traffic_source")
    if not daily.empty:
        st.subheader(t("audience.section.sources_daily", lang))
        ui.chart_block(
            charts.series_chart(daily, "traffic_source", lang),
            daily.drop(columns=["file_name"]),
            "traffic_daily",
            ui.source_line(
                lang, audience.files_of(daily), tz, daily["date"].min(), daily["date"].max()
            ),
            lang,
        )
    for kind, table in tables.items():
        st.subheader(t(f"audience.section.{kind}", lang))
        fig = charts.bar_breakdown(table, kind, lang)
        ui.breakdown_section(table, kind, fig, tz, lang, f"traffic_{kind}")


try:
    channel, tz = ui.pick_channel(path, lang, "traffic")
    if channel is not None:
        _traffic(channel, tz)
        traffic_ui.funnel_section(path, channel, tz, lang)
        traffic_ui.band_section(path, channel, tz, lang)
        traffic_ui.revenue_section(path, channel, tz, lang)
except AnalyticsError as exc:
    common.show_error(exc)
