"""Fans: segments, the fans model against baselines, similar videos, topic opportunities.

Thin page: the report is built by ``analytics.fan_insights`` and kept in a
``st.cache_resource`` cache (:mod:`dashboard.model_cache`) keyed by (store
path, channel, data version), so a rerun or a page switch never refits and
a new import does; a progress bar shows while fitting.
"""

from __future__ import annotations

import streamlit as st

from analytics import fan_charts
from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.fan_insights import FansReport, build_fans_report, market_topic_picks
from analytics.i18n import t
from analytics.models.market_topics import TopicPicks
from dashboard import common, model_cache
from dashboard.i18n_ui import tr

lang = common.page_setup()
st.title(tr("fans.title"))
st.caption(
    "Who engages with which video, turned into fan segments, similar videos and the topics "
    "your fans want. The fans model (implicit-feedback ALS) is tested on each fan's latest "
    "videos against two simple baselines; spam-flagged interactions are left out. Segments "
    "under 10 fans are merged, and no fan is ever listed."
)
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
    st.warning(str(exc))
    st.stop()
except AnalyticsError as exc:
    common.show_error(exc)
    st.stop()

for text in report.warnings:
    st.warning(text)

st.subheader(tr("fans.segments"))
if report.segmentation.segments:
    st.plotly_chart(fan_charts.segments_figure(report), width="stretch")
    st.dataframe(fan_charts.segments_table(report, lang), hide_index=True,
                 column_config={t("fans.col.share", lang):
                                st.column_config.NumberColumn(format="percent")})
    st.caption(tr("fans.segments_caption"))
else:
    st.info(report.segmentation.message or "No segment stands out yet.")

st.subheader(tr("fans.quality"))
ev = report.evaluation
k = ev.ks[0]
st.dataframe(
    fan_charts.evaluation_table(report),
    hide_index=True,
    column_config={
        "Coverage": st.column_config.NumberColumn(format="percent"),
        "NDCG vs popularity": st.column_config.NumberColumn(format="%.2fx"),
    },
)
p = ev.params
st.caption(
    f"{ev.fans:,} fans, {ev.videos:,} videos. Each fan's latest videos were hidden and every "
    f"video ranked for {ev.evaluated_fans:,} fans (videos they had already seen left out): "
    f"precision@{k} = hidden videos found in the top {k} / {k}; NDCG also rewards finding "
    f"them near the top. ALS used {p['factors']} factors, regularization {p['regularization']}, "
    f"alpha {p['alpha']}, {p['iterations']} iterations (chosen by {p['chosen_by']})."
)
if len(ev.ks) > 1:
    with st.expander(f"k = {ev.ks[1]}"):
        st.dataframe(fan_charts.evaluation_table(report, ev.ks[1]), hide_index=True)

st.subheader(tr("fans.topics_wanted"))
if report.topics_wanted.empty:
    st.info("Too few tagged videos to compare topics (a topic needs at least 2 videos).")
else:
    options = fan_charts.segment_options(report)
    seg = st.selectbox(tr("fans.col.segment"), list(options), format_func=options.__getitem__,
                       key="fans_topics")
    st.plotly_chart(fan_charts.topics_figure(report.topics_wanted, seg), width="stretch")
    with st.expander(tr("fans.all_topics")):
        st.dataframe(
            fan_charts.topics_table(report.topics_wanted, seg, lang), hide_index=True,
            column_config={t(c, lang): st.column_config.NumberColumn(format="percent") for c in
                           ("fans.col.demand_share", "fans.col.posting_share", "fans.col.gap")},
        )
    st.caption(tr("fans.topics_caption"))

st.subheader(tr("fans.similar_videos"))
videos = fan_charts.video_options(report)
chosen = st.selectbox("Video", list(videos), format_func=videos.__getitem__, key="fans_video")
answer = report.similar_videos(chosen)
if answer.known:
    st.dataframe(fan_charts.similar_table(report, answer), hide_index=True)
    if answer.method == "tags":
        st.caption(f"This video has no fans yet, so it is matched through its tags "
                   f"({answer.message}).")
else:
    st.info(answer.message)

st.subheader(tr("fans.back_catalogue"))
if report.back_catalogue.empty:
    st.info("No older video stands out for a segment yet.")
else:
    st.dataframe(
        fan_charts.back_catalogue_table(report), hide_index=True,
        column_config={"Already reached": st.column_config.NumberColumn(format="percent")},
    )
    st.caption("Videos at least 30 days old that at most half of a segment has seen, ranked by "
               "how much the segment's other fans are predicted to like them: worth "
               "re-promoting (pin, playlist, community post) to that segment.")

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
        st.info(str(exc))
    except AnalyticsError as exc:
        common.show_error(exc)
    else:
        if market.known and not market.picks.empty:
            st.dataframe(fan_charts.market_table(market), hide_index=True)
            st.caption("From every channel in your store (market data such as trending "
                       "snapshots included): topics channels with a similar topic mix use and "
                       "you do not, with those channels as evidence.")
        else:
            st.info(market.message)
