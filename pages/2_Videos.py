"""Videos: a sortable, filterable table, one video's daily curve, outliers."""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics.errors import AnalyticsError
from analytics.store import queries
from dashboard import common

st.title("Videos")
path = common.db_path()


def _video_label(row: dict) -> str:
    title = row.get("title") or row["video_id"]
    return f"{title} · {row['channel_id']}"


try:
    channel = common.channel_picker(path)
    search_col, type_col = st.columns([3, 1])
    text = search_col.text_input("Title or caption contains", key="video_search")
    all_videos = common.cached(queries.video_table, path, channel)
    types = sorted(t for t in all_videos["content_type"].dropna().unique())
    ctype = type_col.selectbox("Content type", ["all", *types], key="video_type")
    table = common.cached(queries.video_table, path, channel, title_contains=text or None,
                          content_type=None if ctype == "all" else ctype)

    st.caption(f"{len(table)} of {len(all_videos)} videos. Click a column header to sort.")
    st.dataframe(
        table,
        hide_index=True,
        column_order=["title", "channel_id", "published_at", "content_type", "duration_s", "views",
                      "likes", "comments", "shares", "saves", "engagement_rate", "tags",
                      "views_source", "as_of"],
        column_config={
            "title": st.column_config.TextColumn("Title"),
            "channel_id": st.column_config.TextColumn("Channel"),
            "published_at": st.column_config.DatetimeColumn("Published", format="YYYY-MM-DD HH:mm"),
            "content_type": st.column_config.TextColumn("Type"),
            "duration_s": st.column_config.NumberColumn("Duration (s)", format="%d"),
            "views": st.column_config.NumberColumn("Views", format="localized"),
            "likes": st.column_config.NumberColumn("Likes", format="localized"),
            "comments": st.column_config.NumberColumn("Comments", format="localized"),
            "shares": st.column_config.NumberColumn("Shares", format="localized"),
            "saves": st.column_config.NumberColumn("Saves", format="localized"),
            "engagement_rate": st.column_config.NumberColumn(
                "Engagement rate", format="percent",
                help="(likes + comments + shares + saves) / views"),
            "tags": st.column_config.ListColumn("Tags"),
            "views_source": st.column_config.TextColumn(
                "Views from", help="'totals': latest lifetime export; 'daily': sum of daily rows"),
            "as_of": st.column_config.DateColumn("As of"),
        },
        key="videos_table",
    )

    st.subheader("One video, day by day")
    if table.empty:
        st.info("No video matches the filters.")
    else:
        rows = table[["channel_id", "video_id", "title"]].to_dict("records")
        picked = st.selectbox("Video", range(len(rows)), format_func=lambda i: _video_label(rows[i]),
                              key="video_pick")
        row = rows[picked if picked is not None else 0]
        curve = common.cached(queries.video_daily_curve, path, row["channel_id"], row["video_id"])
        if curve.empty:
            st.info("No daily numbers for this video: its exports only carry lifetime totals.")
        else:
            st.plotly_chart(charts.video_curve_figure(curve, row.get("title") or row["video_id"]),
                            key="video_curve")
            st.caption(f"{charts.format_count(curve['views'].sum())} views over {len(curve)} days "
                       "with daily numbers.")

    st.subheader("Outliers against the channel median")
    outliers = common.cached(queries.video_outliers, path, channel)
    if outliers.empty:
        st.info("No video with known views yet.")
    else:
        st.plotly_chart(charts.outliers_figure(outliers), key="outliers")
        flagged = outliers[outliers["flag"].notna()]
        st.caption(
            f"Lifetime views divided by the median of the channel's videos; flagged above "
            f"{queries.OUTLIER_HIGH:g}× or below 1/{1 / queries.OUTLIER_LOW:g}. "
            f"{len(flagged)} of {len(outliers)} videos flagged."
        )
        st.dataframe(
            flagged,
            hide_index=True,
            column_order=["flag", "title", "channel_id", "views", "channel_median", "ratio"],
            column_config={
                "flag": st.column_config.TextColumn("Flag"),
                "title": st.column_config.TextColumn("Title"),
                "channel_id": st.column_config.TextColumn("Channel"),
                "views": st.column_config.NumberColumn("Views", format="localized"),
                "channel_median": st.column_config.NumberColumn("Channel median",
                                                                format="localized"),
                "ratio": st.column_config.NumberColumn("× median", format="%.2f"),
            },
            key="outliers_table",
        )
except AnalyticsError as exc:
    common.show_error(exc)
