"""Audience and Traffic sections of combined breakdowns: age x gender, per-video splits.

Each section draws its chart, a line naming the period, the channel's time
zone and the export files, and a CSV download (formula-escaped). Videos are
named by their titles, never by their ids.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.i18n import TABLE, format_count, format_percent, join_list, t
from analytics.present import audience_charts
from analytics.present import breakdown_charts as charts
from analytics.present.audience_charts import value_text
from analytics.present.audience_labels import key_label
from analytics.services import audience
from dashboard import breakdown_ui as ui
from dashboard import common


def age_gender_section(path: str, channel: str, tz: str, lang: str) -> bool:
    """Age x gender as Studio shows it: share of views per age group and gender."""
    found = common.cached(audience.age_gender, path, channel)
    if found is None:
        return False
    grid, long, table = found
    st.subheader(t("audience.section.viewer_age_gender", lang))
    csv = pd.DataFrame(
        {
            t("breakdowns.col.age", lang): [key_label("viewer_age", a, lang) for a in long["age"]],
            t("breakdowns.col.gender", lang): [
                key_label("viewer_gender", g, lang) for g in long["gender"]
            ],
            t("audience.col.share", lang): [value_text(v, "share", lang) for v in long["share"]],
        }
    )
    if "avg_view_duration_s" in long:
        csv[t("audience.col.avg_view_duration", lang)] = [
            value_text(v, "avg_view_duration_s", lang) for v in long["avg_view_duration_s"]
        ]
    if "avg_view_pct" in long:
        csv[t("audience.col.avg_view_pct", lang)] = [
            value_text(v, "share", lang) for v in long["avg_view_pct"]
        ]
    ui.chart_block(
        charts.age_gender_heatmap(grid, lang, t("breakdowns.age_gender.chart_title", lang)),
        csv,
        "viewer_age_gender",
        ui.source_line(lang, table.files, tz, table.period_start, table.period_end),
        lang,
    )
    totals = grid.sum(axis=1, min_count=1)
    by_gender = grid.sum(axis=0, min_count=1)
    parts = [
        f"{key_label('viewer_gender', g, lang)} {format_percent(v, lang, 1)}"
        for g, v in by_gender.items()
        if not pd.isna(v)
    ]
    top = totals.idxmax() if totals.notna().any() else None
    if parts and top is not None:
        st.caption(
            t(
                "breakdowns.age_gender.summary",
                lang,
                genders=join_list(parts, lang),
                age=key_label("viewer_age", top, lang),
                share=format_percent(totals[top], lang, 1),
            )
        )
    if long["not_enough_data"].any():
        st.caption(t("audience.not_enough_note", lang))
    return True


_VIEWER_COLUMNS = {
    "new_viewers": "audience.viewers.new",
    "returning_viewers": "audience.viewers.returning",
    "unique_viewers": "audience.viewers.unique",
    "casual_viewers": "breakdowns.viewers.casual",
    "regular_viewers": "breakdowns.viewers.regular",
}


def _viewer_csv(frame: pd.DataFrame, columns: tuple[str, ...], lang: str) -> pd.DataFrame:
    out = pd.DataFrame(
        {t("breakdowns.col.date", lang): [ui.day_text(d, lang) for d in frame["date"]]}
    )
    for col in columns:
        if col in frame and frame[col].notna().any():
            out[t(_VIEWER_COLUMNS[col], lang)] = frame[col]
    return out


def viewers_section(path: str, channel: str, tz: str, lang: str) -> bool:
    """New and returning viewers over time, and casual and regular viewers where exported."""
    frame = common.cached(audience.viewer_types, path, channel)
    if frame.empty:
        return False
    st.subheader(t("audience.section.viewers", lang))
    kinds = audience.VIEWER_KINDS
    drawn = False
    for kind, columns in kinds.items():
        held = [c for c in columns if c in frame and frame[c].notna().any()]
        if not held:
            continue
        rows = frame[frame[held].notna().any(axis=1)]
        if kind == "new_returning":
            fig = audience_charts.viewer_types_chart(rows, lang)
        else:
            st.markdown(f"**{t('breakdowns.viewers.casual_regular', lang)}**")
            fig = charts.viewer_kinds_chart(
                rows, {c: t(_VIEWER_COLUMNS[c], lang) for c in held}, lang=lang
            )
        ui.chart_block(
            fig,
            _viewer_csv(rows, columns, lang),
            f"viewers_{kind}",
            ui.source_line(
                lang,
                common.cached(audience.viewer_files, path, channel, kind),
                tz,
                rows["date"].min(),
                rows["date"].max(),
            ),
            lang,
        )
        drawn = True
    if kind_missing(frame) and common.cached(audience.channel_platform, path, channel) == "youtube":
        st.caption(t("breakdowns.viewers.casual_not_exported", lang))
    return drawn


def kind_missing(frame: pd.DataFrame) -> bool:
    """True when no day holds casual or regular viewers."""
    cols = [c for c in ("casual_viewers", "regular_viewers") if c in frame]
    return not cols or bool(frame[cols].isna().all().all())


def _title(titles: dict[str, str], video_id: str, lang: str) -> str:
    title = titles.get(video_id)
    if title:
        return str(title)
    return t("breakdowns.video_not_archived", lang, id=video_id)


def _dimension_name(dimension: str, lang: str) -> str:
    inner = dimension.removeprefix("video_")
    heading = (
        "audience.section.sources" if inner == "traffic_source" else f"audience.section.{inner}"
    )
    name = t(heading, lang) if heading in TABLE else inner.replace("_", " ")
    return t("breakdowns.per_video.title", lang, dimension=name)


def video_breakdown_sections(path: str, channel: str, tz: str, lang: str) -> bool:
    """Traffic sources (and any other split) per video, where a table by video exported them."""
    dims = common.cached(audience.video_dimensions, path, channel)
    for dimension in dims:
        tables, mix, titles = common.cached(audience.video_breakdown, path, channel, dimension)
        if not tables:
            continue
        inner = dimension.removeprefix("video_")
        st.subheader(_dimension_name(dimension, lang))
        ids = list(tables)
        choice = st.selectbox(
            t("breakdowns.per_video.pick", lang),
            ids,
            format_func=lambda v, names=titles: _title(names, v, lang),
            key=f"per_video_{dimension}_{channel}",
        )
        table = tables[choice]
        rows = table.rows
        csv = pd.DataFrame(
            {
                t("audience.col.group", lang): [key_label(inner, k, lang) for k in rows["key"]],
                t("audience.col.key", lang): rows["key"].astype(str),
                t(f"audience.value.{table.value_column}", lang): [
                    value_text(v, table.value_column, lang) for v in rows["value"]
                ],
                t("audience.col.share", lang): [
                    value_text(v, "share", lang) for v in rows["share_of_total"]
                ],
            }
        )
        ui.chart_block(
            charts.video_sources_chart(rows, inner, lang, _title(titles, choice, lang)),
            csv,
            f"{dimension}_one",
            ui.source_line(lang, table.files, tz, table.period_start, table.period_end),
            lang,
        )
        if table.rows["not_enough_data"].any():
            st.caption(t("audience.not_enough_note", lang))
        _mix_table(mix, titles, inner, dimension, tables, tz, lang)
    return bool(dims)


def _mix_table(
    mix: pd.DataFrame,
    titles: dict[str, str],
    inner: str,
    dimension: str,
    tables: dict[str, object],
    tz: str,
    lang: str,
) -> None:
    if mix.empty:
        return
    st.markdown(f"**{t('breakdowns.per_video.mix', lang)}**")
    out = pd.DataFrame(
        {t("per_video.col.title", lang): [_title(titles, v, lang) for v in mix.index]}
    )
    out[t("breakdowns.col.views", lang)] = [format_count(v, lang) for v in mix["__total__"]]
    for col in mix.columns:
        if col == "__total__":
            continue
        name = t("audience.other", lang) if col == "__other__" else key_label(inner, col, lang)
        out[name] = [format_percent(v, lang, 1) if not pd.isna(v) else "–" for v in mix[col]]
    st.dataframe(out, hide_index=True)
    files = tuple(sorted({f for tb in tables.values() for f in getattr(tb, "files", ())}))
    first = next(iter(tables.values()))
    st.caption(
        common.md_escape(
            ui.source_line(
                lang,
                files,
                tz,
                getattr(first, "period_start", None),
                getattr(first, "period_end", None),
            )
        )
    )
    ui.download(out, f"{dimension}_mix", f"{dimension}_mix", lang)


__all__ = [
    "age_gender_section",
    "kind_missing",
    "video_breakdown_sections",
    "viewers_section",
]
