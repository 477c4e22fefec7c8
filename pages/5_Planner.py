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
from analytics.models.planner import (
    PlannedVideo,
    Planner,
    history_rows,
    plan,
    planner_for_store,
)
from dashboard import common, model_cache

TARGETS = {"exposure": "Exposure (views)", "engagement": "Engagement rate",
           "completion": "Completion rate"}
UNITS = {"views_d7": "views in the first 7 days", "views_per_day": "views per day",
         "engagement_rate": "engagement rate", "completion_rate": "completion rate"}

st.title("Plan your next video")
path = common.db_path()


try:
    channel = common.channel_picker(path)
    target = st.selectbox("Predict", list(TARGETS), format_func=TARGETS.__getitem__,
                          key="planner_target")
    version = common.data_version(path)

    def _fit(progress: object) -> Planner:
        return planner_for_store(path, channel, target)

    planner: Planner = model_cache.get_or_fit(
        ("planner", path, channel, target, version), _fit, "Fitting the p10 / p50 / p90 models…")
except NotEnoughDataError as exc:
    st.warning(str(exc))
    st.stop()
except AnalyticsError as exc:
    common.show_error(exc)
    st.stop()

channels = planner.channels
plan_channel = channel if channel in channels else st.selectbox(
    "Channel to plan for", channels, key="planner_channel")

left, right = st.columns(2)
day = left.date_input("Publish date", value=dt.date.today() + dt.timedelta(days=1),
                      key="planner_date")
hour = left.slider("Publish hour (channel time)", 0, 23, 19, key="planner_hour")
duration = left.number_input("Length (seconds)", min_value=1, max_value=36_000, value=45,
                             step=5, key="planner_duration")
topic = right.selectbox("Topic", planner.topics, key="planner_topic")
types = planner.content_types_for(plan_channel)
content_type = right.selectbox("Content type", types, key="planner_type") if types else None
title = right.text_input("Working title", value="", key="planner_title")
caption = right.text_area("Caption (hashtags count)", value="", key="planner_caption")

try:
    result = plan(planner, PlannedVideo(
        channel_id=plan_channel, publish_at=dt.datetime.combine(day, dt.time(hour, 0)),
        duration_s=float(duration), topic=topic, title=title, caption=caption,
        content_type=content_type))
except AnalyticsError as exc:
    common.show_error(exc)
    st.stop()

rate = target != "exposure"
unit = UNITS.get(result.basis, result.basis)
c1, c2, c3, c4 = st.columns(4)
c1.metric("Low (p10)", reach_charts.format_value(result.p10, rate))
c2.metric("Likely (p50)", reach_charts.format_value(result.p50, rate))
c3.metric("High (p90)", reach_charts.format_value(result.p90, rate))
c4.metric("Your last 10 videos (median)", reach_charts.format_value(result.recent_median, rate))
st.caption(
    f"Predicted {unit}. Your history: p10 {reach_charts.format_value(result.history_p10, rate)}, "
    f"median {reach_charts.format_value(result.history_p50, rate)}, "
    f"p90 {reach_charts.format_value(result.history_p90, rate)}."
)
if result.coverage is not None:
    raw = planner.raw_coverage if planner.raw_coverage is not None else float("nan")
    st.caption(
        f"Honesty check: tested forward in time, {result.coverage:.0%} of your past videos fell "
        f"inside their p10-p90 range (aim: 80 %; the quantile models alone: {raw:.0%}, so the "
        "range was widened to match)."
    )
history = history_rows(planner, plan_channel)
st.plotly_chart(reach_charts.plan_figure(result, history, unit, rate), width="stretch")
