"""Drivers: which content features go with more exposure or engagement.

Thin page: the reach models and drivers are the fit persisted beside the
store per channel and data version (:func:`analytics.services.fits.drivers_fit`,
the one the CLI and the strategy cards read), held in a ``st.cache_resource``
cache (:mod:`dashboard.fits_ui`), so a rerun, a page switch or a new session
never refits and an import into this channel does; a progress bar shows while
fitting.
"""

from __future__ import annotations

import streamlit as st

from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.i18n import t
from analytics.present import importance_chart, leads, reach_charts
from analytics.present.escape import markdown_escape
from analytics.services.reach import DriversReport
from dashboard import analysis_channel, common, fits_ui
from dashboard.i18n_ui import tr

TARGETS = ("exposure", "engagement", "completion")  # label: drivers.target.<target>

lang = common.page_setup()
st.title(tr("drivers.title"))
st.caption(tr("drivers.caption"))
path = common.db_path()


try:
    # One channel at a time, never a pool (market videos are never counted as the creator's).
    channel = analysis_channel.pick(
        path, common.channel_picker(path), "drivers_channel", "analysis.drivers_channel"
    )
    if channel is None:
        st.info(tr("analysis.no_videos"))
        st.stop()
    target = st.selectbox(
        tr("drivers.explain"),
        TARGETS,
        format_func=lambda k: t(f"drivers.target.{k}", lang),
        key="drivers_target",
    )
    report: DriversReport = fits_ui.drivers_fit(path, channel, target)
except NotEnoughDataError as exc:
    st.warning(common.say(exc))
    st.stop()
except AnalyticsError as exc:
    common.show_error(exc)
    st.stop()

comp = report.comparison
st.markdown(common.md_escape(leads.drivers_lead(report, lang)))
if pooled := leads.pooled_note(report, lang):
    st.info(common.md_escape(pooled))
st.subheader(tr("drivers.quality"))
with st.expander(tr("lead.figures")):
    st.markdown(reach_charts.verdict(report, lang))
    st.dataframe(
        reach_charts.quality_table(report, lang),
        hide_index=True,
        column_config={
            t("drivers.col.vs_baseline", lang): st.column_config.NumberColumn(
                tr("drivers.col.mae_vs_baseline"), format="percent"
            ),
        },
    )
    st.caption(tr("drivers.quality_caption", videos=comp.data.n, folds=len(comp.folds)))


def model_figures() -> None:
    """The importance chart, the readings and the partial-dependence curves."""
    st.subheader(tr("drivers.drivers"))
    st.plotly_chart(
        importance_chart.importance_figure(
            report.drivers, lang, model_error=comp.scores[comp.chosen]["mae_log"]
        ),
        width="stretch",
    )
    st.caption(tr("importance.caption"))
    if report.readings:
        st.markdown(reach_charts.readings_markdown(report, lang))
    if report.curves:
        st.subheader(tr("drivers.curves"))
        st.caption(tr("drivers.curves_caption"))
        for feature, curve in report.curves.items():
            st.plotly_chart(
                reach_charts.dependence_figure(curve, target, lang),
                width="stretch",
                key=f"pdp_{feature}",
            )


if comp.beats_baseline:
    model_figures()
else:
    # The lead says nothing is measurable: the model's bars and curves are folded away and
    # labelled as what they are, not drawn as if they were findings.
    with st.expander(tr("drivers.noise_figures")):
        st.caption(tr("drivers.noise_figures_caption"))
        model_figures()
if comp.data.unavailable:
    missing = comp.data.missing
    names = tr("app.list_sep").join(
        tr(
            "drivers.missing_feature",
            feature=reach_charts.feature_label(f, lang),
            reason=tr(f"features.missing.{missing.get(f, 'all_same')}"),
        )
        for f in comp.data.unavailable
    )
    st.caption(tr("drivers.unavailable", features=markdown_escape(names)))
