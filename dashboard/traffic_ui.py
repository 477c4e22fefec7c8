"""Sections of the Traffic page: reach funnel, typical-performance band, revenue.

Each section draws its chart or table, a line naming the period, time zone
and export files, and a CSV download (formula-escaped).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from analytics.i18n import format_count, join_list, t
from analytics.present import audience_charts as charts
from analytics.present.audience_charts import value_text
from analytics.services import audience
from dashboard import breakdown_ui as ui
from dashboard import common

WHOLE = "__channel__"
BAND_N = 10
BAND_CHART_VIDEOS = 20  # the chart shows the newest videos; the table below lists all


PER_VIDEO_STEPS = (
    "impressions",
    "impressions_ctr",
    "views",
    "avg_view_duration_s",
    "avg_view_pct",
    "completion_rate",
    "bounce_rate_2s",
    "bounce_rate_3s",
    "likes",
    "comments",
    "shares",
    "saves",
    "danmaku",
    "followers_gained",
)


def _titles(videos: pd.DataFrame, lang: str) -> list[str]:
    """Each video's title; an untitled one (a Xiaohongshu note) by its publish day, never its id."""
    out = []
    for title, day in zip(videos["title"], videos["published_date"], strict=True):
        if isinstance(title, str) and title.strip():
            out.append(title)
        else:
            out.append(t("display.untitled", lang, when=ui.day_text(day, lang)))
    return out


def _step_value(step: str, value: float, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"  # not in the export (a missing cell, not a privacy threshold)
    if step in {
        "impressions_ctr",
        "avg_view_pct",
        "completion_rate",
        "bounce_rate_2s",
        "bounce_rate_3s",
    }:
        return value_text(value, "share", lang)
    if step == "avg_view_duration_s":
        return value_text(value, "avg_view_duration_s", lang)
    return value_text(value, "views", lang)


def _range_text(row: pd.Series, per_view: bool, lang: str) -> str:
    if pd.isna(row["low"]):
        return t("funnel.position.unknown", lang)
    if per_view:
        return f"{value_text(row['low'], 'share', lang)} – {value_text(row['high'], 'share', lang)}"
    return f"{_step_value(row['step'], row['low'], lang)} – {_step_value(row['step'], row['high'], lang)}"


def funnel_section(path: str, channel: str, tz: str, lang: str) -> None:
    """The reach funnel of the channel or one video, with the typical range per step."""
    st.subheader(t("funnel.title", lang))
    videos = common.cached(audience.funnel_videos, path, channel)
    if videos.empty:
        st.info(t("funnel.no_data", lang))
        return
    st.caption(t("funnel.caption", lang))
    titles = dict(zip(videos["video_id"], _titles(videos, lang), strict=True))
    choice = st.selectbox(
        t("funnel.scope", lang),
        [WHOLE, *videos["video_id"]],
        format_func=lambda v: t("funnel.whole_channel", lang) if v == WHOLE else titles[v],
        key=f"funnel_scope_{channel}",
    )
    per_view = audience.PER_VIEW_STEPS
    if choice == WHOLE:
        funnel = common.cached(audience.channel_funnel, path, channel)
        position = None
    else:
        funnel = common.cached(audience.video_funnel, path, channel, choice)
        position = funnel["position"]
    table = pd.DataFrame(
        {
            t("funnel.col.step", lang): [t(f"funnel.step.{s}", lang) for s in funnel["step"]],
            t("funnel.col.value", lang): [
                _step_value(s, v, lang)
                for s, v in zip(funnel["step"], funnel["value"], strict=True)
            ],
            t("funnel.col.typical", lang): [
                _range_text(r, r["step"] in per_view, lang) for _, r in funnel.iterrows()
            ],
        }
    )
    if position is not None:
        table[t("funnel.col.position", lang)] = [t(f"funnel.position.{p}", lang) for p in position]
    chart_col, table_col = st.columns([2, 3])
    with chart_col:
        st.plotly_chart(
            charts.funnel_chart(funnel, lang, t("funnel.chart_title", lang)),
            key="fig_funnel",
            config={"displaylogo": False},
        )
    with table_col:
        st.dataframe(table, hide_index=True)
    scope = videos if choice == WHOLE else videos[videos["video_id"] == choice]
    st.caption(
        common.md_escape(
            ui.source_line(
                lang,
                audience.files_of(scope),
                tz,
                scope["period_start"].min(),
                scope["period_end"].max(),
            )
        )
    )
    ui.download(table, "funnel", "funnel", lang)
    _per_video_table(videos, tz, lang)


def _per_video_table(videos: pd.DataFrame, tz: str, lang: str) -> None:
    st.markdown(f"**{t('per_video.title', lang)}**")
    cols = {
        "title": t("per_video.col.title", lang),
        "published_date": t("per_video.col.published", lang),
    }
    out = pd.DataFrame({cols["title"]: _titles(videos, lang)})
    out[cols["published_date"]] = [ui.day_text(d, lang) for d in videos["published_date"]]
    numbers = out.copy()  # on screen: numbers stay numbers (sortable), written like the CSV
    # and dates stay dates: sorted by day, not as text ("Dec 1" before "Nov 30")
    numbers[cols["published_date"]] = pd.to_datetime(
        videos["published_date"], errors="coerce"
    ).to_numpy()
    flagged: dict[str, list[int]] = {}
    for step in PER_VIDEO_STEPS:
        if step in videos and videos[step].notna().any():
            header = t(f"funnel.step.{step}", lang)
            bounds = videos["lower_bounds"] if "lower_bounds" in videos else [None] * len(videos)
            marks = [_flagged(step, b) for b in bounds]
            out[header] = [
                _step_value(step, v, lang) + ("+" if m else "")
                for v, m in zip(videos[step], marks, strict=True)
            ]
            numbers[header] = (
                pd.to_numeric(videos[step], errors="coerce").astype("float64").to_numpy()
            )
            flagged[header] = [i for i, m in enumerate(marks) if m]
    styled = numbers.style.format(
        lambda d: ui.day_text(d, lang), subset=[cols["published_date"]], na_rep="–"
    )
    for step in PER_VIDEO_STEPS:
        header = t(f"funnel.step.{step}", lang)
        if header not in numbers.columns:
            continue
        styled = styled.format(lambda v, step=step: _step_value(step, v, lang), subset=[header])
        if flagged[header]:
            rows = pd.IndexSlice[numbers.index[flagged[header]], [header]]
            styled = styled.format(
                lambda v, step=step: _step_value(step, v, lang) + "+", subset=rows
            )
    st.dataframe(styled, hide_index=True)
    st.caption(common.md_escape(ui.source_line(lang, audience.files_of(videos), tz)))
    ui.download(out, "per_video", "per_video", lang)


def _flagged(step: str, bounds: object) -> bool:
    """True when ``step`` is among a row's lower-bound columns (``10万+``); NULL lists are empty."""
    if bounds is None or isinstance(bounds, str) or not hasattr(bounds, "__iter__"):
        return False
    return step in list(bounds)


def band_section(path: str, channel: str, tz: str, lang: str) -> None:
    """Views at 1, 7 and 28 days of each video against the channel's typical range."""
    st.subheader(t("band.title", lang))
    band = common.cached(audience.performance_band, path, channel, BAND_N)
    if band.empty:
        st.info(t("band.no_data", lang))
        return
    st.caption(t("band.caption", lang, n=BAND_N))
    age = st.radio(
        t("band.age", lang),
        [1, 7, 28],
        format_func=lambda n: (
            t("band.age_option_1", lang) if n == 1 else t("band.age_option", lang, n=n)
        ),
        horizontal=True,
        key=f"band_age_{channel}",
    )
    rows = band[band["age"] == age]
    newest = list(dict.fromkeys(band["video_id"]))[:BAND_CHART_VIDEOS]
    recent = band[band["video_id"].isin(newest) & band["fast_start"]]
    fast = list(dict.fromkeys(recent["title"].fillna("")))
    if fast:
        st.warning(common.md_escape(t("band.fast_list", lang, titles=join_list(fast, lang))))
    csv = pd.DataFrame(
        {
            t("band.col.title", lang): rows["title"].fillna("").astype(str),
            t("band.col.published", lang): [ui.day_text(d, lang) for d in rows["published_date"]],
            t("band.col.age", lang): rows["age"],
            t("band.col.views", lang): [format_count(v, lang) for v in rows["views"]],
            t("band.col.low", lang): [format_count(v, lang) for v in rows["low"]],
            t("band.col.high", lang): [format_count(v, lang) for v in rows["high"]],
            t("band.col.position", lang): [
                t(f"funnel.position.{p}", lang) for p in rows["position"]
            ],
            t("band.col.fast", lang): [
                t("band.yes", lang) if f else t("band.no", lang) for f in rows["fast_start"]
            ],
        }
    )
    files = common.cached(audience.band_files, path, channel)
    ui.chart_block(
        charts.band_chart(
            band[band["video_id"].isin(newest)],
            age,
            lang,
            t("band.chart_title", lang, n=len(newest)),
        ),
        csv,
        f"band_{age}",
        ui.source_line(lang, files, tz, rows["published_date"].min(), rows["published_date"].max()),
        lang,
    )
    st.dataframe(_band_styler(rows, csv, lang), hide_index=True)


def _band_styler(rows: pd.DataFrame, csv: pd.DataFrame, lang: str) -> Styler:
    """The band table on screen: days and counts keep their values (sorted as dates and
    numbers), written as in the CSV."""
    published = t("band.col.published", lang)
    counts = [t(f"band.col.{c}", lang) for c in ("views", "low", "high")]
    frame = csv.copy()
    frame[published] = pd.to_datetime(rows["published_date"], errors="coerce").to_numpy()
    for header, column in zip(counts, ("views", "low", "high"), strict=True):
        frame[header] = pd.to_numeric(rows[column], errors="coerce").astype("float64").to_numpy()
    return frame.style.format(
        lambda d: ui.day_text(d, lang), subset=[published], na_rep="–"
    ).format(lambda v: format_count(v, lang), subset=counts, na_rep="–")


def revenue_section(path: str, channel: str, tz: str, lang: str) -> None:
    """Estimated revenue and RPM per video, with the currency, where exported."""
    videos = common.cached(audience.funnel_videos, path, channel)
    if videos.empty or "revenue" not in videos or videos["revenue"].isna().all():
        return
    st.subheader(t("revenue.title", lang))
    st.caption(t("revenue.caption", lang))
    rows = videos[videos["revenue"].notna()]
    views = pd.to_numeric(rows["views"], errors="coerce").astype(float)
    rpm = rows["revenue"].astype(float) / views.where(views > 0) * 1000
    currency = rows["currency"].fillna("").astype(str)
    out = pd.DataFrame(
        {
            t("per_video.col.title", lang): rows["title"].fillna("").astype(str),
            t("revenue.col.revenue", lang): [f"{v:,.2f}" for v in rows["revenue"].astype(float)],
            t("revenue.col.currency", lang): currency,
            t("revenue.col.rpm", lang): ["–" if pd.isna(v) else f"{v:,.2f}" for v in rpm],
        }
    )
    for cur in sorted(set(currency)):
        part = rows[currency == cur]
        part_views = pd.to_numeric(part["views"], errors="coerce").sum()
        total = float(part["revenue"].sum())
        st.metric(
            t("revenue.col.revenue", lang),
            t(
                "revenue.total",
                lang,
                amount=f"{total:,.2f}",
                currency=cur,
                rpm=f"{total / part_views * 1000:,.2f}" if part_views else "–",
            ),
        )
    st.dataframe(out, hide_index=True)
    st.caption(common.md_escape(ui.source_line(lang, audience.files_of(rows), tz)))
    ui.download(out, "revenue", "revenue", lang)
