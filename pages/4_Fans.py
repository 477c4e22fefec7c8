"""Fans: segments, the fans model against baselines, similar videos, topic opportunities.

Thin page: the report is built by ``analytics.fan_insights`` and cached with
``st.cache_resource`` keyed by (store path, channel, data version), so a
rerun or a page switch never refits and a new import does.
"""

from __future__ import annotations

import streamlit as st

from analytics import fan_charts
from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.fan_insights import FansReport, build_fans_report, market_topic_picks
from analytics.models.market_topics import TopicPicks
from dashboard import common

st.title("Fans")
st.caption(
    "Who engages with which video, turned into fan segments, similar videos and the topics "
    "your fans want. The fans model (implicit-feedback ALS) is tested on each fan's latest "
    "videos against two simple baselines; spam-flagged interactions are left out. Segments "
    "under 10 fans are merged, and no fan is ever listed."
)
path = common.db_path()


@st.cache_resource(show_spinner=False, max_entries=16)
def _report(db_path: str, channel: str | None, version: int,
            _progress: object = None) -> FansReport:
    # ``version`` is the store's data version: part of the cache key only.
    return build_fans_report(db_path, channel, progress=_progress)  # type: ignore[arg-type]


@st.cache_resource(show_spinner=False, max_entries=16)
def _market(db_path: str, channel: str, version: int) -> TopicPicks:
    return market_topic_picks(db_path, channel)


try:
    channel = common.channel_picker(path)
    version = common.data_version(path)
    bar = st.empty()

    def progress(fraction: float, message: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=message)

    with st.spinner("Fitting the fans model and its baselines…"):
        report = _report(path, channel, version, progress)
    bar.empty()
except NotEnoughDataError as exc:
    st.warning(str(exc))
    st.stop()
except AnalyticsError as exc:
    common.show_error(exc)
    st.stop()

for text in report.warnings:
    st.warning(text)

st.subheader("Fan segments")
if report.segmentation.segments:
    st.plotly_chart(fan_charts.segments_figure(report), width="stretch")
    st.dataframe(fan_charts.segments_table(report), hide_index=True,
                 column_config={"Share": st.column_config.NumberColumn(format="percent")})
    st.caption("Segments group fans whose tastes the model finds alike (k-means on the fans' "
               "ALS factors). Topics and videos listed reach a clearly larger share of the "
               "segment than of all fans.")
else:
    st.info(report.segmentation.message or "No segment stands out yet.")

st.subheader("How good is the fans model?")
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
    with st.expander(f"Same table at k = {ev.ks[1]}"):
        st.dataframe(fan_charts.evaluation_table(report, ev.ks[1]), hide_index=True)

st.subheader("Topics your fans want")
if report.topics_wanted.empty:
    st.info("Too few tagged videos to compare topics (a topic needs at least 2 videos).")
else:
    options = fan_charts.segment_options(report)
    seg = st.selectbox("For", list(options), format_func=options.__getitem__, key="fans_topics")
    st.plotly_chart(fan_charts.topics_figure(report.topics_wanted, seg), width="stretch")
    with st.expander("All topics"):
        st.dataframe(
            fan_charts.topics_table(report.topics_wanted, seg), hide_index=True,
            column_config={c: st.column_config.NumberColumn(format="percent") for c in
                           ("Fans' share", "Your posting share", "Gap")},
        )
    st.caption("Fans' share: how the segment's interest would split over topics if you posted "
               "each equally (from the model's predicted preferences). Posting share: how your "
               "videos split. A positive gap is an opportunity.")

st.subheader("Similar videos")
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

st.subheader("Back-catalogue picks")
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

st.subheader("Topics from similar channels")
if channel is None:
    st.info("Pick one channel in the sidebar to see topics that channels like it use.")
else:
    try:
        market = _market(path, channel, version)
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
