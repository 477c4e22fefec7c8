"""Fans: segments, the fans model against baselines, similar videos, topic opportunities.

Thin page: the report is built by ``analytics.services.fans`` and kept in a
``st.cache_resource`` cache (:mod:`dashboard.model_cache`) keyed by (store
path, channel, data version), so a rerun or a page switch never refits and
a new import does; a progress bar shows while fitting.
"""

from __future__ import annotations

import streamlit as st

from analytics import charts, fan_charts
from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.i18n import TABLE, t
from analytics.models.market_topics import TopicPicks
from analytics.services.fans import FansReport, build_fans_report, market_topic_picks
from dashboard import common, model_cache
from dashboard.i18n_ui import tr

lang = common.page_setup()
st.title(tr("fans.title"))
st.caption(tr("fans.caption"))
path = common.db_path()

try:
    channel = common.channel_picker(path)
    version = common.data_version(path)
    report: FansReport = model_cache.get_or_fit(
        ("fans", path, channel, "", version),
        lambda progress: build_fans_report(path, channel, progress=progress),
        tr("fans.fitting"),
    )
except NotEnoughDataError as exc:
    st.warning(common.md_escape(str(exc)))
    st.stop()
except AnalyticsError as exc:
    common.show_error(exc)
    st.stop()

for text in report.warnings:
    st.warning(common.md_escape(text))
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
        t("fans.col.vs_popularity", lang): st.column_config.NumberColumn(format="%.2fx"),
    }


st.subheader(tr("fans.segments"))
if report.segmentation.segments:
    st.plotly_chart(fan_charts.segments_figure(report, lang), width="stretch")
    st.dataframe(
        fan_charts.segments_table(report, lang),
        hide_index=True,
        column_config=_percent("fans.col.share"),
    )
    st.caption(tr("fans.segments_caption"))
elif report.segmentation.message:
    st.info(common.md_escape(report.segmentation.message))
else:
    st.info(tr("fans.no_segment"))

st.subheader(tr("fans.quality"))
_verdict()
k = ev.ks[0]
st.dataframe(
    fan_charts.evaluation_table(report, k, lang),
    hide_index=True,
    column_config=_evaluation_config(),
)
p = ev.params
chosen_by = f"fans.chosen_by.{p['chosen_by']}"
st.caption(
    tr(
        "fans.quality_caption",
        fans=charts.format_count(ev.fans, lang),
        videos=charts.format_count(ev.videos, lang),
        evaluated=charts.format_count(ev.evaluated_fans, lang),
        k=k,
        factors=p["factors"],
        regularization=p["regularization"],
        alpha=p["alpha"],
        iterations=p["iterations"],
        chosen_by=t(chosen_by, lang) if chosen_by in TABLE else p["chosen_by"],
    )
)
if len(ev.ks) > 1:
    with st.expander(tr("fans.other_k", k=ev.ks[1])):
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
            st.caption(common.md_escape(tr("fans.matched_by_tags", message=answer.message)))
    else:
        st.info(common.md_escape(answer.message))

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
        st.info(common.md_escape(str(exc)))
    except AnalyticsError as exc:
        common.show_error(exc)
    else:
        if market.known and not market.picks.empty:
            st.dataframe(fan_charts.market_table(market, lang), hide_index=True)
            st.caption(tr("fans.market_caption"))
        else:
            st.info(common.md_escape(market.message))
