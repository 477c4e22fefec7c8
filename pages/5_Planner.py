"""Planner: the predicted range (p10 / p50 / p90) of a video you plan.

Thin page: quantile models from ``analytics.models.planner``, kept in a
``st.cache_resource`` cache (:mod:`dashboard.model_cache`) keyed by (store
path, channel, target, data version).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import reach_charts
from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.i18n import TABLE, t
from analytics.models.planner import PlannedVideo, Planner, history_rows, plan
from analytics.services.reach import channel_beats_baseline, planner_for_store
from dashboard import common, model_cache
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
    version = common.data_version(path)

    def _fit(progress: object) -> Planner:
        return planner_for_store(path, channel, target)

    planner: Planner = model_cache.get_or_fit(
        ("planner", path, channel, target, version), _fit, tr("planner.fitting")
    )
except NotEnoughDataError as exc:
    st.warning(str(exc))
    st.stop()
except AnalyticsError as exc:
    common.show_error(exc)
    st.stop()

channels = planner.channels  # most videos with the target first: the default has the most
plan_channel = (
    channel
    if channel in channels
    else st.selectbox(tr("planner.channel"), channels, key="planner_channel")
)
try:
    planner.require_enough(plan_channel)
except NotEnoughDataError as exc:
    st.warning(str(exc))
    st.stop()

left, right = st.columns(2)
day = left.date_input(
    tr("planner.publish_date"), value=dt.date.today() + dt.timedelta(days=1), key="planner_date"
)
hour = left.slider(tr("planner.publish_hour"), 0, 23, 19, key="planner_hour")
duration = left.number_input(
    tr("planner.length"), min_value=1, max_value=36_000, value=45, step=5, key="planner_duration"
)
topic = right.selectbox(tr("planner.topic"), planner.topics_for(plan_channel), key="planner_topic")
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
c1, c2, c3, c4 = st.columns(4)
c1.metric(tr("planner.low"), reach_charts.format_value(result.p10, rate, lang))
c2.metric(tr("planner.likely"), reach_charts.format_value(result.p50, rate, lang))
c3.metric(tr("planner.high"), reach_charts.format_value(result.p90, rate, lang))
c4.metric(tr("planner.last10"), reach_charts.format_value(result.recent_median, rate, lang))
try:
    beats = model_cache.get_or_fit(
        ("planner_vs_baseline", path, plan_channel, target, version),
        lambda progress: channel_beats_baseline(path, plan_channel, target),
        tr("planner.fitting"),
    )
except AnalyticsError:
    beats = True  # no comparison possible: nothing to warn about
if not beats:
    st.warning(
        tr("planner.no_better", median=reach_charts.format_value(result.recent_median, rate, lang))
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
if result.coverage is not None:
    raw = planner.raw_coverage if planner.raw_coverage is not None else float("nan")
    st.caption(tr("planner.honesty", coverage=f"{result.coverage:.0%}", raw=f"{raw:.0%}"))
history = history_rows(planner, plan_channel)
st.plotly_chart(reach_charts.plan_figure(result, history, unit, rate, lang), width="stretch")
