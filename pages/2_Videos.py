"""Videos: a sortable, filterable table, one video's daily curve, outliers."""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics.errors import AnalyticsError
from analytics.i18n import t
from analytics.services import metrics
from dashboard import common
from dashboard.i18n_ui import tr

ALL_TYPES = "all"

lang = common.page_setup()
st.title(tr("videos.title"))
path = common.db_path()


def _video_label(row: dict) -> str:
    title = row.get("title") or row["video_id"]
    return f"{title} · {row['channel_id']}"


def _type_label(content_type: str) -> str:
    return common.content_type_label(content_type, lang)


try:
    channel = common.channel_picker(path)
    search_col, type_col = st.columns([3, 1])
    text = search_col.text_input(tr("videos.search"), key="video_search")
    all_videos = common.cached(metrics.video_table, path, channel)
    types = sorted(t for t in all_videos["content_type"].dropna().unique())
    ctype = type_col.selectbox(
        tr("videos.content_type"),
        [ALL_TYPES, *types],
        key="video_type",
        format_func=lambda c: t("videos.all", lang) if c == ALL_TYPES else _type_label(c),
    )
    table = common.cached(
        metrics.video_table,
        path,
        channel,
        title_contains=text or None,
        content_type=None if ctype == ALL_TYPES else ctype,
    )

    st.caption(
        tr(
            "videos.count_caption",
            shown=charts.format_count(len(table), lang),
            total=charts.format_count(len(all_videos), lang),
        )
    )
    st.dataframe(
        table.assign(content_type=table["content_type"].map(_type_label, na_action="ignore")),
        hide_index=True,
        column_order=[
            "title",
            "channel_id",
            "published_at",
            "content_type",
            "duration_s",
            "views",
            "likes",
            "comments",
            "shares",
            "saves",
            "engagement_rate",
            "tags",
            "views_source",
            "as_of",
        ],
        column_config={
            "title": st.column_config.TextColumn(tr("videos.col.title")),
            "channel_id": st.column_config.TextColumn(tr("videos.col.channel")),
            "published_at": st.column_config.DatetimeColumn(
                tr("videos.col.published"), format="YYYY-MM-DD HH:mm"
            ),
            "content_type": st.column_config.TextColumn(tr("videos.col.type")),
            "duration_s": st.column_config.NumberColumn(tr("videos.col.duration"), format="%d"),
            "views": st.column_config.NumberColumn(tr("videos.col.views"), format="localized"),
            "likes": st.column_config.NumberColumn(tr("videos.col.likes"), format="localized"),
            "comments": st.column_config.NumberColumn(
                tr("videos.col.comments"), format="localized"
            ),
            "shares": st.column_config.NumberColumn(tr("videos.col.shares"), format="localized"),
            "saves": st.column_config.NumberColumn(tr("videos.col.saves"), format="localized"),
            "engagement_rate": st.column_config.NumberColumn(
                tr("videos.col.engagement"), format="percent", help=tr("videos.col.engagement_help")
            ),
            "tags": st.column_config.ListColumn(tr("videos.col.tags")),
            "views_source": st.column_config.TextColumn(
                tr("videos.col.views_source"), help=tr("videos.col.views_source_help")
            ),
            "as_of": st.column_config.DateColumn(tr("videos.col.as_of")),
        },
        key="videos_table",
    )

    st.subheader(tr("videos.one_video"))
    if table.empty:
        st.info(tr("videos.no_match"))
    else:
        rows = table[["channel_id", "video_id", "title"]].to_dict("records")
        picked = st.selectbox(
            tr("videos.pick"),
            range(len(rows)),
            format_func=lambda i: _video_label(rows[i]),
            key="video_pick",
        )
        row = rows[picked if picked is not None else 0]
        curve = common.cached(metrics.video_daily_curve, path, row["channel_id"], row["video_id"])
        if curve.empty:
            st.info(tr("videos.no_daily"))
        else:
            st.plotly_chart(
                charts.video_curve_figure(curve, row.get("title") or row["video_id"], lang),
                key="video_curve",
            )
            st.caption(
                tr(
                    "videos.curve_caption",
                    views=charts.format_count(curve["views"].sum(), lang),
                    days=charts.format_count(len(curve), lang),
                )
            )

    st.subheader(tr("videos.outliers"))
    outliers = common.cached(metrics.video_outliers, path, channel)
    if outliers.empty:
        st.info(tr("videos.no_views"))
    else:
        st.plotly_chart(charts.outliers_figure(outliers, lang), key="outliers")
        flagged = outliers[outliers["flag"].notna()]
        st.caption(
            tr(
                "videos.outliers_caption",
                high=f"{metrics.OUTLIER_HIGH:g}",
                low=f"{1 / metrics.OUTLIER_LOW:g}",
                flagged=charts.format_count(len(flagged), lang),
                total=charts.format_count(len(outliers), lang),
            )
        )
        st.dataframe(
            flagged.assign(flag=flagged["flag"].map(lambda f: tr(f"chart.flag.{f}"))),
            hide_index=True,
            column_order=["flag", "title", "channel_id", "views", "channel_median", "ratio"],
            column_config={
                "flag": st.column_config.TextColumn(tr("videos.col.flag")),
                "title": st.column_config.TextColumn(tr("videos.col.title")),
                "channel_id": st.column_config.TextColumn(tr("videos.col.channel")),
                "views": st.column_config.NumberColumn(tr("videos.col.views"), format="localized"),
                "channel_median": st.column_config.NumberColumn(
                    tr("videos.col.channel_median"), format="localized"
                ),
                "ratio": st.column_config.NumberColumn(tr("videos.col.ratio"), format="%.2f"),
            },
            key="outliers_table",
        )
except AnalyticsError as exc:
    common.show_error(exc)
