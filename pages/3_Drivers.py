"""Drivers: which content features go with more exposure or engagement.

Thin page: the models are fitted by ``analytics.models.drivers`` and kept in
a ``st.cache_resource`` cache (:mod:`dashboard.model_cache`) keyed by (store
path, channel, target, data version), so a rerun or a page switch never
refits and a new import does; a progress bar shows while fitting.
"""

from __future__ import annotations

import streamlit as st

from analytics import reach_charts
from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.models.drivers import DriversReport, drivers_for_store
from dashboard import common, model_cache

TARGETS = {"exposure": "Exposure (views)", "engagement": "Engagement rate",
           "completion": "Completion rate"}

st.title("What drives reach")
st.caption(
    "Models learn from your own history which pre-publish features (length, publish time, "
    "topic, title, cadence) go with more views, and are tested forward in time against "
    "the simple rule \"my next video does like my last 10\"."
)
path = common.db_path()


try:
    channel = common.channel_picker(path)
    target = st.selectbox("Explain", list(TARGETS), format_func=TARGETS.__getitem__,
                          key="drivers_target")
    version = common.data_version(path)
    report: DriversReport = model_cache.get_or_fit(
        ("drivers", path, channel, target, version),
        lambda progress: drivers_for_store(path, channel, target, progress=progress),
        "Fitting models on forward folds…",
    )
except NotEnoughDataError as exc:
    st.warning(str(exc))
    st.stop()
except AnalyticsError as exc:
    common.show_error(exc)
    st.stop()

comp = report.comparison
st.subheader("Model quality vs baseline")
st.markdown(reach_charts.verdict(report))
st.dataframe(
    reach_charts.quality_table(report),
    hide_index=True,
    column_config={
        "vs baseline": st.column_config.NumberColumn("MAE vs baseline", format="percent"),
    },
)
st.caption(
    f"{comp.data.n} videos, {len(comp.folds)} forward folds (each trained only on videos "
    "published before its test videos). MAE on the log scale: 0.1 is about 10 % off. "
    "Spearman: how well the order of videos is predicted. ROC AUC: telling top-quarter "
    "videos from the rest (0.5 is chance)."
)

st.subheader("Drivers")
st.plotly_chart(reach_charts.importance_figure(report.drivers), width="stretch")
if report.readings:
    st.markdown(reach_charts.readings_markdown(report))
if comp.data.unavailable:
    st.caption("Not in your data (no values, or all the same): "
               + reach_charts.markdown_escape(", ".join(comp.data.unavailable)))

if report.curves:
    st.subheader("How each top feature plays out")
    st.caption("Red: partial dependence (all videos, only this feature changed). Grey: "
               "individual videos (ICE). 1.0 is the average video.")
    for feature, curve in report.curves.items():
        st.plotly_chart(reach_charts.dependence_figure(curve, target), width="stretch",
                        key=f"pdp_{feature}")
