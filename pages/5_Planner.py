"""Planner: the predicted range (p10 / p50 / p90) of a video you plan.

Thin page: the quantile models are the fit persisted beside the store per
channel and data version (:func:`analytics.services.fits.planner_fit`), held
in a ``st.cache_resource`` cache (:mod:`dashboard.fits_ui`).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.i18n import TABLE, t
from analytics.present import leads, reach_charts
from analytics.services.reach import (
    PlannedVideo,
    Planner,
    history_rows,
    plan,
)
from dashboard import analysis_channel, common, fits_ui
from dashboard.i18n_ui import tr

TARGETS = ("exposure", "engagement", "completion")  # label: drivers.target.<target>

lang = common.page_setup()
st.title(tr("planner.title"))
path = common.db_path()


def _unit(basis: str) -> str:
    """What the numbers measure (``views_d7, views_per_day`` -> readable, translated)."""
    return tr("app.list_sep").join(
        tr(f"planner.unit.{b}") if f"planner.unit.{b}" in TABLE else b for b in basis.split(", ")
    )


try:
    channel = common.channel_picker(path)
    target = st.selectbox(
        tr("planner.predict"),
        TARGETS,
        format_func=lambda k: t(f"drivers.target.{k}", lang),
        key="planner_target",
    )
    # One channel at a time, never a pool of channels: its own videos train the models and
    # its own newest videos check them. With all channels in the sidebar, the channel with
    # the most videos comes first.
    plan_channel = analysis_channel.pick(path, channel, "planner_channel", "planner.channel")
    if plan_channel is None:
        st.info(tr("planner.no_videos"))
        st.stop()
    planner: Planner = fits_ui.planner_fit(path, plan_channel, target)
    planner.require_enough(plan_channel)
except NotEnoughDataError as exc:
    st.warning(common.say(exc))
    st.stop()
except AnalyticsError as exc:
    common.show_error(exc)
    st.stop()

left, right = st.columns(2)
day = left.date_input(
    tr("planner.publish_date"), value=dt.date.today() + dt.timedelta(days=1), key="planner_date"
)
hour = left.slider(tr("planner.publish_hour"), 0, 23, 19, key="planner_hour")
duration = left.number_input(
    tr("planner.length"), min_value=1, max_value=36_000, value=45, step=5, key="planner_duration"
)
topic = right.selectbox(
    tr("planner.topic"),
    planner.topics_for(plan_channel),
    key="planner_topic",
    format_func=lambda x: tr("display.topic_other") if x == "other" else x,
)
types = planner.content_types_for(plan_channel)
content_type = (
    right.selectbox(
        tr("planner.content_type"),
        types,
        key="planner_type",
        format_func=lambda c: common.content_type_label(c, lang),
    )
    if types
    else None
)
title = right.text_input(tr("planner.working_title"), value="", key="planner_title")
caption = right.text_area(tr("planner.caption_text"), value="", key="planner_caption")

try:
    result = plan(
        planner,
        PlannedVideo(
            channel_id=plan_channel,
            publish_at=dt.datetime.combine(day, dt.time(hour, 0)),
            duration_s=float(duration),
            topic=topic,
            title=title,
            caption=caption,
            content_type=content_type,
        ),
    )
except AnalyticsError as exc:
    common.show_error(exc)
    st.stop()

rate = target != "exposure"
unit = _unit(result.basis)
check = planner.check
st.markdown(
    common.md_escape(
        leads.planner_lead(
            result.p10,
            result.p50,
            result.p90,
            result.recent_median,
            unit,
            rate,
            lang,
            better_than_naive=None if check is None else check.better_than_naive,
        )
    )
)
c1, c2, c3, c4 = st.columns(4)
c1.metric(tr("planner.low"), reach_charts.format_value(result.p10, rate, lang))
c2.metric(tr("planner.likely"), reach_charts.format_value(result.p50, rate, lang))
c3.metric(tr("planner.high"), reach_charts.format_value(result.p90, rate, lang))
c4.metric(tr("planner.last10"), reach_charts.format_value(result.recent_median, rate, lang))
check = planner.check
if check is not None and check.better_than_naive is False:
    st.warning(
        tr(
            "planner.not_better_than_naive",
            low=reach_charts.format_value(result.naive_p10, rate, lang),
            high=reach_charts.format_value(result.naive_p90, rate, lang),
            median=reach_charts.format_value(result.naive_p50, rate, lang),
        )
    )
st.caption(
    tr(
        "planner.predicted_caption",
        unit=unit,
        p10=reach_charts.format_value(result.history_p10, rate, lang),
        p50=reach_charts.format_value(result.history_p50, rate, lang),
        p90=reach_charts.format_value(result.history_p90, rate, lang),
    )
)
if check is not None and check.coverage is not None:
    st.caption(
        tr(
            "planner.check",
            n=check.n_test,
            coverage=f"{check.coverage:.0%}",
            raw=f"{check.raw_coverage or 0.0:.0%}",
            pinball=f"{check.pinball:.3f}",
            naive=f"{check.pinball_naive:.3f}",
        )
    )
history = history_rows(planner, plan_channel)
st.plotly_chart(reach_charts.plan_figure(result, history, unit, rate, lang), width="stretch")
