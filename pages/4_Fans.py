"""Fans: segments, the fans model against baselines, similar videos, topic opportunities.

Thin page: the report is the channel's persisted fans fit
(:mod:`analytics.services.fits`, through :mod:`dashboard.fits_ui`), the same
one the Strategy page reads; it is fitted once per channel data version
(a progress bar shows while fitting) and kept in memory with
``st.cache_resource``.
"""

from __future__ import annotations

import streamlit as st

from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.i18n import t
from analytics.present import fan_charts, leads
from analytics.present.messages import localize
from analytics.services.fans import FansReport, TopicPicks, market_topic_picks
from dashboard import common, fits_ui, model_cache
from dashboard.i18n_ui import tr

lang = common.page_setup()
st.title(tr("fans.title"))
st.caption(tr("fans.caption"))
path = common.db_path()

try:
    channel = common.channel_picker(path)
    version = common.data_version(path)
    report: FansReport = fits_ui.fans_fit(path, channel)
except NotEnoughDataError as exc:
    st.warning(common.say(exc))
    st.stop()
except AnalyticsError as exc:
    common.show_error(exc)
    st.stop()

st.markdown(common.md_escape(leads.fans_lead(report, lang)))
ev = report.evaluation
shown = report.beats_baseline


def _pct(value: float) -> str:
    return "-" if value != value else f"{value:+.0%}"


def _verdict() -> None:
    """The fans model against its best baseline, in words (and why suggestions are hidden)."""
    if not ev.best_baseline or ev.test_fans == 0:
        st.warning(tr("fans.verdict.untested"))
        return
    low, high = ev.lift_interval
    fields = {
        "baseline": fan_charts.model_label(ev.best_baseline, lang),
        "lift": _pct(ev.lift),
        "low": _pct(low),
        "high": _pct(high),
        "margin": f"{ev.margin:.0%}",
    }
    if shown:
        st.success(tr("fans.verdict.beats", **fields))
    else:
        st.warning(tr("fans.verdict.not", **fields))


def _percent(*keys: str) -> dict[str, object]:
    """column_config showing the translated columns ``keys`` as percentages."""
    return {t(key, lang): st.column_config.NumberColumn(format="percent") for key in keys}


def _evaluation_config() -> dict[str, object]:
    return {
        t("fans.col.coverage", lang): st.column_config.NumberColumn(format="percent"),
        fan_charts.vs_best_column(report, lang): st.column_config.NumberColumn(format="%.2fx"),
    }


st.subheader(tr("fans.segments"))
if report.segmentation.segments and not shown:
    # groups cut from a model that did not beat the content-blind baseline (or could not be
    # tested) would describe noise: they are not shown
    st.info(tr("fans.segments_hidden"))
elif report.segmentation.segments:
    st.markdown(common.md_escape(leads.segments_lead(report, lang)))
    st.plotly_chart(fan_charts.segments_figure(report, lang), width="stretch")
    st.dataframe(
        fan_charts.segments_table(report, lang),
        hide_index=True,
        column_config=_percent("fans.col.share"),
    )
    st.caption(tr("fans.segments_caption"))
elif report.segmentation.message:
    st.info(common.say(report.segmentation.message))
else:
    st.info(tr("fans.no_segment"))

st.subheader(tr("fans.quality"))
with st.expander(tr("lead.figures")):
    for text in report.warnings:
        st.warning(common.say(text))
    _verdict()
    k = ev.ks[0]
    st.dataframe(
        fan_charts.evaluation_table(report, k, lang),
        hide_index=True,
        column_config=_evaluation_config(),
    )
    st.caption(fits_ui.als_caption(report, lang))
    if len(ev.ks) > 1:
        st.caption(tr("fans.other_k", k=ev.ks[1]))
        st.dataframe(
            fan_charts.evaluation_table(report, ev.ks[1], lang),
            hide_index=True,
            column_config=_evaluation_config(),
        )

st.subheader(tr("fans.topics_wanted"))
if not shown:
    st.info(tr("fans.verdict.hidden"))
elif report.topics_wanted.empty:
    st.info(tr("fans.no_topics"))
else:
    options = fan_charts.segment_options(report, lang)  # labels already in ``lang``
    seg = st.selectbox(
        tr("fans.col.segment"),
        list(options),
        format_func=lambda s, labels=options: labels[s],
        key="fans_topics",
    )
    st.plotly_chart(fan_charts.topics_figure(report.topics_wanted, seg, lang=lang), width="stretch")
    with st.expander(tr("fans.all_topics")):
        st.dataframe(
            fan_charts.topics_table(report.topics_wanted, seg, lang),
            hide_index=True,
            column_config=_percent(
                "fans.col.demand_share", "fans.col.posting_share", "fans.col.gap"
            ),
        )
    st.caption(tr("fans.topics_caption"))

st.subheader(tr("fans.similar_videos"))
if not shown:
    st.info(tr("fans.verdict.hidden"))
else:
    videos = fan_charts.video_options(report, lang)  # labels already in ``lang``
    chosen = st.selectbox(
        tr("fans.pick_video"),
        list(videos),
        format_func=lambda v, labels=videos: labels[v],
        key="fans_video",
    )
    answer = report.similar_videos(chosen)
    if answer.known:
        st.dataframe(fan_charts.similar_table(report, answer, lang), hide_index=True)
        if answer.method == "tags":
            st.caption(
                common.md_escape(tr("fans.matched_by_tags", message=localize(answer.message, lang)))
            )
    else:
        st.info(common.say(answer.message))

st.subheader(tr("fans.back_catalogue"))
if not shown:
    st.info(tr("fans.verdict.hidden"))
elif report.back_catalogue.empty:
    st.info(tr("fans.no_back_catalogue"))
else:
    st.dataframe(
        fan_charts.back_catalogue_table(report, lang),
        hide_index=True,
        column_config=_percent("fans.col.reached_share"),
    )
    st.caption(tr("fans.back_catalogue_caption"))

st.subheader(tr("fans.similar_channels"))
if channel is None:
    st.info(tr("fans.pick_channel"))
else:
    try:
        market: TopicPicks = model_cache.get_or_fit(
            ("fans-market", path, channel, "", version),
            lambda progress: market_topic_picks(path, channel),
            tr("fans.fitting"),
        )
    except NotEnoughDataError as exc:
        st.info(common.say(exc))
    except AnalyticsError as exc:
        common.show_error(exc)
    else:
        if market.known and not market.picks.empty:
            st.dataframe(fan_charts.market_table(market, lang), hide_index=True)
            st.caption(tr("fans.market_caption"))
        else:
            st.info(common.say(market.message))
