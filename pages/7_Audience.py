"""Audience: geography map and table, cities, age, gender, devices, viewers, follower hours.

Thin page: data from :mod:`analytics.services.audience`, figures from
:mod:`analytics.present.audience_charts`, blocks from
:mod:`dashboard.breakdown_ui`.
"""

from __future__ import annotations

import streamlit as st

from analytics.errors import AnalyticsError
from analytics.i18n import TABLE, join_list, t
from analytics.present import audience_charts as charts
from analytics.services import audience
from dashboard import breakdown_ui as ui
from dashboard import combined_ui, common

lang = common.page_setup()
st.title(t("audience.title", lang))
st.caption(t("audience.caption", lang))
path = common.db_path()

SECTIONS = (
    "geography",
    "city",
    "viewer_age",
    "viewer_gender",
    "gender",
    "viewer_age_gender",
    "device_type",
    "operating_system",
    "subscription_status",
    "subscription_source",
    "new_returning",
)


def _table_section(channel: str, dimension: str, tz: str) -> bool:
    if dimension == "viewer_age_gender":
        return combined_ui.age_gender_section(path, channel, tz, lang)
    table = ui.cached_table(path, channel, dimension)
    if table is None:
        return False
    st.subheader(t(f"audience.section.{dimension}", lang))
    if dimension == "geography":
        title_key = (
            "audience.map_title_share" if table.value_column == "share" else "audience.map_title"
        )
        fig = charts.world_map(table, lang, t(title_key, lang))
        ui.breakdown_section(table, "geography", fig, tz, lang, "geography")
        daily = common.cached(audience.breakdown_daily, path, channel, "geography")
        if not daily.empty:
            st.markdown(f"**{t('audience.section.geography_daily', lang)}**")
            ui.chart_block(
                charts.series_chart(daily, "geography", lang),
                daily.drop(columns=["file_name"]),
                "geography_daily",
                ui.source_line(
                    lang, audience.files_of(daily), tz, daily["date"].min(), daily["date"].max()
                ),
                lang,
            )
        return True
    fig = charts.bar_breakdown(table, dimension, lang)
    ui.breakdown_section(table, dimension, fig, tz, lang, dimension)
    return True


def _activity(channel: str, tz: str) -> bool:
    heat, files = common.cached(audience.follower_activity, path, channel)
    if heat.empty:
        return False
    st.subheader(t("audience.section.hour_of_day", lang))
    rows = common.cached(audience.breakdown_daily, path, channel, "hour_of_day")
    days = rows["date"].nunique() if not rows.empty else 1
    csv = heat.rename(
        columns={
            "weekday": t("audience.col.weekday", lang),
            "hour": t("audience.col.hour", lang),
            "active": t("audience.col.active", lang),
        }
    )
    ui.chart_block(
        charts.activity_heatmap(heat, lang),
        csv,
        "hour_of_day",
        ui.source_line(
            lang,
            files,
            tz,
            rows["date"].min() if not rows.empty else None,
            rows["date"].max() if not rows.empty else None,
        ),
        lang,
    )
    st.caption(t("audience.heatmap_note", lang, days=days, tz=tz))
    return True


try:
    channel, tz = ui.pick_channel(path, lang)
    if channel is not None:
        shown = {d: _table_section(channel, d, tz) for d in SECTIONS}
        shown["viewers"] = combined_ui.viewers_section(path, channel, tz, lang)
        shown["hour_of_day"] = _activity(channel, tz)
        others = common.cached(audience.other_dimensions, path, channel)
        for dim in others:
            table = ui.cached_table(path, channel, dim)
            if table is None:
                continue
            heading = f"audience.section.{dim}"
            name = t(heading, lang) if heading in TABLE else common.md_escape(dim)
            st.subheader(f"{t('audience.section.other', lang)}: {name}")
            ui.breakdown_section(table, dim, charts.bar_breakdown(table, dim, lang), tz, lang, dim)
        if not any(shown.values()) and not others:
            st.info(t("audience.no_data", lang))
        expected = audience.expected_sections(
            common.cached(audience.channel_platform, path, channel)
        )
        missing = [t(f"audience.section.{d}", lang) for d in expected if not shown.get(d)]
        if missing and any(shown.values()):
            st.caption(t("audience.not_exported", lang, sections=join_list(missing, lang)))
except AnalyticsError as exc:
    common.show_error(exc)
