"""Videos: a sortable, filterable table, one video's daily curve, outliers."""

from __future__ import annotations

import streamlit as st

from analytics.errors import AnalyticsError
from analytics.export_csv import table_csv
from analytics.i18n import t
from analytics.present import channel_charts, charts
from analytics.services import metrics
from dashboard import common, tables
from dashboard.i18n_ui import tr

ALL_TYPES = "all"
# Columns of the CSV download, as shown, and their header keys (videos.col.*).
VIDEO_CSV_COLUMNS = (
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
)
VIDEO_CSV_HEADERS = {
    "channel_id": "channel",
    "published_at": "published",
    "content_type": "type",
    "duration_s": "duration",
    "engagement_rate": "engagement",
}

lang = common.page_setup()
st.title(tr("videos.title"))
path = common.db_path()


def _video_label(row: dict, names: dict[str, str]) -> str:
    title = row.get("title")
    if not isinstance(title, str) or not title.strip():
        title = t("display.untitled", lang, when=row.get("published_local") or "–")
    return f"{title} · {names.get(str(row['channel_id']), row['channel_id'])}"


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
    names = common.channel_names(path, lang)
    shown = table.assign(
        content_type=table["content_type"].map(_type_label, na_action="ignore"),
        views_source=table["views_source"].map(
            lambda v: t(f"display.source.{v}", lang), na_action="ignore"
        ),
    )
    tables.show(
        shown,
        [
            ("title", "text", "videos.col.title"),
            ("channel_id", "channel", "videos.col.channel"),
            ("published_local", "text", "display.col.published_local"),
            ("time_zone", "text", "display.col.time_zone"),
            ("content_type", "text", "videos.col.type"),
            ("duration_s", "duration", "display.col.duration"),
            ("views", "count", "videos.col.views"),
            ("likes", "count", "videos.col.likes"),
            ("comments", "count", "videos.col.comments"),
            ("shares", "count", "videos.col.shares"),
            ("saves", "count", "videos.col.saves"),
            ("engagement_rate", "rate", "videos.col.engagement"),
            ("tags", "tags", "videos.col.tags"),
            ("views_source", "text", "videos.col.views_source"),
            ("as_of", "date", "videos.col.as_of"),
        ],
        lang,
        names,
        key="videos_table",
    )
    st.caption(tr("display.published_local_caption"))
    untyped = int(table["content_type"].isna().sum())
    if untyped:  # say what the dash in the Type column means
        st.caption(
            tr(
                "videos.type_missing_caption",
                n=charts.format_count(untyped, lang),
                total=charts.format_count(len(table), lang),
            )
        )
    # The table's own CSV export is off (client.disableDataExport): this one escapes formulas.
    st.download_button(
        tr("videos.download_csv"),
        data=table_csv(
            table.assign(content_type=table["content_type"].map(_type_label, na_action="ignore")),
            {c: tr(f"videos.col.{VIDEO_CSV_HEADERS.get(c, c)}") for c in VIDEO_CSV_COLUMNS},
        ),
        file_name="videos.csv",
        mime="text/csv",
        key="videos_csv",
    )

    st.subheader(tr("videos.one_video"))
    if table.empty:
        st.info(tr("videos.no_match"))
    else:
        rows = table[["channel_id", "video_id", "title", "published_local"]].to_dict("records")
        picked = st.selectbox(
            tr("videos.pick"),
            range(len(rows)),
            format_func=lambda i: _video_label(rows[i], names),
            key="video_pick",
        )
        row = rows[picked if picked is not None else 0]
        curve = common.cached(metrics.video_daily_curve, path, row["channel_id"], row["video_id"])
        if curve.empty:
            st.info(tr("videos.no_daily"))
        else:
            fig = charts.video_curve_figure(curve, _video_label(row, names), lang)
            channel_charts.date_axis(fig, lang)
            st.plotly_chart(fig, key="video_curve")
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
        fig = charts.outliers_figure(outliers, lang)
        channel_charts.readable_log_axis(fig, lang)
        channel_charts.date_axis(fig, lang)
        st.plotly_chart(fig, key="outliers")
        flagged = outliers[outliers["flag"].notna()]
        st.caption(
            tr(
                "videos.outliers_caption",
                high=f"{metrics.OUTLIER_HIGH:g}",
                low=f"{1 / metrics.OUTLIER_LOW:g}",
                min=charts.format_count(metrics.OUTLIER_MIN_VIDEOS, lang),
                flagged=charts.format_count(len(flagged), lang),
                total=charts.format_count(len(outliers), lang),
            )
        )
        tables.show(
            flagged.assign(flag=flagged["flag"].map(lambda f: tr(f"chart.flag.{f}"))),
            [
                ("flag", "text", "videos.col.flag"),
                ("title", "text", "videos.col.title"),
                ("channel_id", "channel", "videos.col.channel"),
                ("published_local", "text", "display.col.published_local"),
                ("views", "count", "videos.col.views"),
                ("channel_median", "count", "videos.col.channel_median"),
                ("ratio", "ratio", "videos.col.ratio"),
            ],
            lang,
            names,
            key="outliers_table",
        )
except AnalyticsError as exc:
    common.show_error(exc)
