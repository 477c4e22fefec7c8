"""Drawing helpers of the Audience and Traffic pages: channel choice, chart blocks, tables.

Every chart block draws the figure, a line naming the period, the channel's
time zone and the export files it comes from, and a CSV download of the
numbers behind it (through :func:`analytics.export_csv.safe_csv`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from babel.dates import format_date
from babel.numbers import format_decimal
from pandas.io.formats.style import Styler

from analytics.export_csv import safe_csv
from analytics.i18n import babel_locale, format_count, join_list, t
from analytics.present.audience_charts import MAP_CONFIG, value_text
from analytics.present.audience_labels import row_labels
from analytics.present.file_names import file_label
from analytics.services import audience
from analytics.services import channels as store_channels
from analytics.services.audience import BreakdownTable
from dashboard import common


def pick_channel(path: str, lang: str, page: str = "audience") -> tuple[str | None, str]:
    """The channel of the page: the sidebar's, or one picked here when the sidebar says all.

    The picker starts on the channel with the most of the page's data
    (:func:`analytics.services.audience.channels_with_data`), not on the first
    channel by name.

    Returns ``(channel_id or None, time zone)``.
    """
    chosen = common.channel_picker(path)
    channels = common.cached(store_channels.list_channels, path)
    if channels.empty:
        st.info(t("audience.no_channels", lang))
        return None, "UTC"
    if chosen is None:
        ids = [str(c) for c in channels["channel_id"]]
        # the channel with the most of the page's data; without any, the one with the most
        # videos (the creator's own rather than the first trending channel by name)
        with_data = common.cached(audience.channels_with_data, path, page) or common.cached(
            store_channels.channels_by_video_count, path
        )
        chosen = st.selectbox(
            t("audience.pick_channel", lang),
            ids,
            index=ids.index(with_data[0]) if with_data and with_data[0] in ids else 0,
            format_func=lambda c: common.channel_label(channels, c, lang),
            key="breakdown_channel",
        )
    row = channels[channels["channel_id"] == chosen]
    tz = str(row["time_zone"].iloc[0]) if not row.empty else "UTC"
    return chosen, tz


def day_text(day: dt.date | None, lang: str) -> str:
    """A day in the language's medium date format (``Jan 28, 2025`` / ``2025年1月28日``)."""
    if day is None or pd.isna(day):
        return "–"
    return str(format_date(pd.Timestamp(day).date(), format="medium", locale=babel_locale(lang)))


def source_line(
    lang: str,
    files: tuple[str, ...],
    tz: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    summed_days: int = 0,
) -> str:
    """The caption under a chart: period, time zone and export files."""
    parts = []
    start = None if start is None or pd.isna(start) else start
    end = None if end is None or pd.isna(end) else end
    if end is not None and start is None:
        parts.append(t("audience.snapshot", lang, day=day_text(end, lang)))
    elif start is not None and end is not None:
        if start == end:
            parts.append(t("audience.snapshot", lang, day=day_text(end, lang)))
        elif summed_days:
            parts.append(
                t(
                    "audience.period_summed",
                    lang,
                    start=day_text(start, lang),
                    end=day_text(end, lang),
                    days=summed_days,
                )
            )
        else:
            parts.append(
                t("audience.period", lang, start=day_text(start, lang), end=day_text(end, lang))
            )
    parts.append(t("audience.time_zone", lang, tz=tz))
    # the files as the creator knows them, never the folder they were read from
    labels = list(dict.fromkeys(file_label(f) for f in files))
    if labels:
        parts.append(t("audience.sources", lang, files=join_list(labels, lang)))
    return " · ".join(parts)


def download(frame: pd.DataFrame, name: str, key: str, lang: str) -> None:
    """A CSV download button of ``frame`` (formula-escaped, UTF-8 with BOM).

    The file is written when the button is clicked, not on every run of the page.
    """
    st.download_button(
        t("audience.download", lang),
        data=lambda: safe_csv(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"csv_{key}",
        on_click="ignore",
    )


def chart_block(
    fig: go.Figure,
    csv: pd.DataFrame,
    key: str,
    caption: str,
    lang: str,
    config: dict[str, Any] | None = None,
) -> None:
    """Draw a figure with its source line and a CSV download of ``csv``."""
    st.plotly_chart(fig, key=f"fig_{key}", config=config or {"displaylogo": False})
    st.caption(common.md_escape(caption))
    download(csv, key, key, lang)


def hours_text(hours: float, lang: str) -> str:
    """Watch hours with one decimal below 10,000 and through Babel above (``25.1万`` in 简体中文)."""
    return format_count(hours, lang, exact=True) if abs(hours) >= 1e4 else f"{hours:,.1f}"


def table_frame(table: BreakdownTable, dimension: str, lang: str) -> pd.DataFrame:
    """A breakdown table for display and CSV: translated group, exported key, value text, share."""
    rows = table.rows
    out = pd.DataFrame(
        {
            t("audience.col.group", lang): row_labels(dimension, rows, lang),
            t("audience.col.key", lang): [str(k) for k in rows["key"]],
            t(f"audience.value.{table.value_column}", lang): [
                value_text(v, table.value_column, lang) for v in rows["value"]
            ],
        }
    )
    if table.value_column != "share":  # a share as exported is its own share of the total
        out[t("audience.col.share", lang)] = [
            value_text(v, "share", lang) for v in rows["share_of_total"]
        ]
    if "avg_view_duration_s" in rows and rows["avg_view_duration_s"].notna().any():
        out[t("audience.col.avg_view_duration", lang)] = [
            value_text(v, "avg_view_duration_s", lang) for v in rows["avg_view_duration_s"]
        ]
    if table.value_column != "watch_time_s" and rows.get("watch_time_s") is not None:
        if rows["watch_time_s"].notna().any():
            out[t("audience.col.watch_time_h", lang)] = [
                "–" if pd.isna(v) else hours_text(float(v) / 3600, lang)
                for v in rows["watch_time_s"]
            ]
    return out


def table_styled(table: BreakdownTable, dimension: str, lang: str) -> Styler:
    """The breakdown table on screen: numbers stay numbers (sortable), written like the CSV."""
    rows = table.rows
    columns: dict[str, tuple[pd.Series, str]] = {
        t(f"audience.value.{table.value_column}", lang): (rows["value"], table.value_column)
    }
    if table.value_column != "share":
        columns[t("audience.col.share", lang)] = (rows["share_of_total"], "share")
    if "avg_view_duration_s" in rows and rows["avg_view_duration_s"].notna().any():
        columns[t("audience.col.avg_view_duration", lang)] = (
            rows["avg_view_duration_s"],
            "avg_view_duration_s",
        )
    out = pd.DataFrame({t("audience.col.group", lang): list(row_labels(dimension, rows, lang))})
    formats: dict[str, Any] = {}
    for header, (values, column) in columns.items():
        out[header] = pd.to_numeric(values, errors="coerce").astype("float64").to_numpy()
        formats[header] = lambda v, column=column: value_text(v, column, lang)
    if table.value_column != "watch_time_s" and rows.get("watch_time_s") is not None:
        if rows["watch_time_s"].notna().any():
            header = t("audience.col.watch_time_h", lang)
            hours = pd.to_numeric(rows["watch_time_s"], errors="coerce") / 3600
            out[header] = hours.astype("float64").to_numpy()
            formats[header] = lambda v: format_decimal(v, "#,##0.0", locale=babel_locale(lang))
    return out.style.format(formats, na_rep=t("audience.not_enough_data", lang))


def breakdown_section(
    table: BreakdownTable, dimension: str, fig: go.Figure, tz: str, lang: str, key: str
) -> None:
    """Figure, source line, table and CSV of one breakdown table."""
    frame = table_frame(table, dimension, lang)
    chart_col, table_col = st.columns([3, 2])
    with chart_col:
        st.plotly_chart(
            fig,
            key=f"fig_{key}",
            config=audience_config(dimension),
        )
    with table_col:
        # The key as exported is in the CSV; on screen the translated group says it.
        st.dataframe(
            table_styled(table, dimension, lang),
            hide_index=True,
            height=min(36 * (len(frame) + 1) + 4, 420),
        )
    st.caption(
        common.md_escape(
            source_line(
                lang, table.files, tz, table.period_start, table.period_end, table.summed_days
            )
        )
    )
    if table.rows["not_enough_data"].any():
        st.caption(t("audience.not_enough_note", lang))
    download(frame, f"{dimension}", key, lang)


def audience_config(dimension: str) -> dict[str, Any]:
    """Plotly config of a chart: the shipped country shapes for the geography map."""
    return dict(MAP_CONFIG) if dimension == "geography" else {"displaylogo": False}


def cached_table(path: str, channel: str, dimension: str) -> BreakdownTable | None:
    """:func:`analytics.services.audience.breakdown_table` through the page cache."""
    return common.cached(audience.breakdown_table, path, channel, dimension)
