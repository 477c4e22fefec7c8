"""Plotly figures of the Audience and Traffic pages' later sections (no Streamlit here).

Age x gender, viewer kinds (new / returning, casual / regular) over time,
traffic sources of one video, revenue and RPM over time, completion rate
and 2-second bounce per video. Labels come from :mod:`analytics.i18n`;
text from exports (titles) is HTML-escaped before it reaches a label;
numbers on axes and colour bars are written through Babel
(:mod:`analytics.present.count_ticks`): ``2万``, never ``20k``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.i18n import format_percent, t
from analytics.present.audience_charts import chart_layout
from analytics.present.audience_labels import key_label
from analytics.present.count_ticks import colorbar, count_axis, money_axis, money_text
from analytics.present.escape import html_escape

_BASE = "rgba(99, 110, 250, 0.75)"
_SECOND = "rgb(239, 85, 59)"


def _layout(fig: go.Figure, title: str, height: int = 340, legend: bool = True) -> go.Figure:
    return chart_layout(fig, title, height, legend)


def age_gender_heatmap(grid: pd.DataFrame, lang: str, title: str = "") -> go.Figure:
    """Age groups (rows) x genders (columns) as a heatmap of the share of views.

    Parameters
    ----------
    grid : pandas.DataFrame
        Index the age keys, columns the gender keys, values fractions of all
        views; NaN where the export left the group blank (below the
        platform's privacy threshold), drawn empty and labelled
        "not enough data", never as zero.
    """
    ages = [key_label("viewer_age", a, lang) for a in grid.index]
    genders = [key_label("viewer_gender", g, lang) for g in grid.columns]
    z = grid.to_numpy(dtype=float)
    text = [
        [
            t("audience.not_enough_data", lang) if np.isnan(v) else format_percent(v, lang, 1)
            for v in row
        ]
        for row in z
    ]
    fig = go.Figure(
        go.Heatmap(
            z=[[None if np.isnan(v) else float(v) for v in row] for row in z],
            x=[html_escape(g) for g in genders],
            y=[html_escape(a) for a in ages],
            text=text,
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
            colorscale="Blues",
            hoverongaps=False,
            colorbar=colorbar(z[~np.isnan(z)], lang, share=True, thickness=10),
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=max(260, 44 * len(ages) + 90), legend=False)


def viewer_kinds_chart(
    frame: pd.DataFrame, columns: dict[str, str], title: str = "", lang: str = "en"
) -> go.Figure:
    """Daily lines of viewer kinds (``columns``: frame column -> legend label)."""
    fig = go.Figure()
    values: list[float] = []
    for col, label in columns.items():
        if col not in frame or frame[col].isna().all():
            continue
        ys = pd.to_numeric(frame[col], errors="coerce").astype(float)
        values += list(ys.dropna())
        fig.add_trace(
            go.Scatter(
                x=list(frame["date"]), y=list(ys), name=html_escape(label), mode="lines+markers"
            )
        )
    fig.update_xaxes(tickformat="%Y-%m-%d")
    fig.update_yaxes(rangemode="tozero", **count_axis(values, lang))
    return _layout(fig, title)


def revenue_chart(daily: pd.DataFrame, currency: str, lang: str, title: str = "") -> go.Figure:
    """Daily revenue (bars, left axis) and RPM (line, right axis) in one currency."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    revenue = daily["revenue"].astype(float)
    rpm = daily["rpm"].astype(float)
    fig.add_trace(
        go.Bar(
            x=list(daily["date"]),
            y=list(revenue),
            name=t("breakdowns.revenue.daily", lang),
            marker_color=_BASE,
            hovertext=[money_text(v, currency, lang) for v in revenue],
            hoverinfo="x+text",
        ),
        secondary_y=False,
    )
    if rpm.notna().any():
        fig.add_trace(
            go.Scatter(
                x=list(daily["date"]),
                y=list(rpm),
                name=t("breakdowns.revenue.rpm", lang),
                mode="lines",
                line={"color": _SECOND},
                hovertext=[money_text(v, currency, lang) for v in rpm],
                hoverinfo="x+text",
            ),
            secondary_y=True,
        )
        fig.update_yaxes(**money_axis(rpm.dropna(), currency, lang), secondary_y=True)
    fig.update_yaxes(**money_axis(revenue.dropna(), currency, lang), secondary_y=False)
    fig.update_xaxes(tickformat="%Y-%m-%d")
    return _layout(fig, title)


def rates_chart(
    videos: pd.DataFrame, steps: dict[str, str], lang: str, title: str = ""
) -> go.Figure:
    """Per-video rates (completion rate, 2-second bounce ...) by publish day, as percentages.

    ``steps`` maps a column of ``videos`` to its legend label; hover text
    names each video by its title.
    """
    fig = go.Figure()
    values: list[float] = []
    for col, label in steps.items():
        if col not in videos or videos[col].isna().all():
            continue
        part = videos[videos[col].notna()].sort_values("published_date")
        ys = part[col].astype(float)
        values += list(ys)
        fig.add_trace(
            go.Scatter(
                x=list(part["published_date"]),
                y=list(ys),
                name=html_escape(label),
                mode="lines+markers",
                hovertext=[
                    f"{html_escape(tt)}: {format_percent(v, lang, 1)}"
                    for tt, v in zip(part["title"].fillna(""), ys, strict=True)
                ],
                hoverinfo="text",
            )
        )
    fig.update_yaxes(**count_axis(values, lang, share=True))
    fig.update_xaxes(tickformat="%Y-%m-%d")
    return _layout(fig, title)


def video_sources_chart(
    rows: pd.DataFrame, dimension: str, lang: str, title: str = ""
) -> go.Figure:
    """Horizontal bars of one video's views by group (traffic source ...; largest on top)."""
    rows = rows.sort_values("value", ascending=True, na_position="first")
    labels = [html_escape(key_label(dimension, k, lang)) for k in rows["key"]]
    values = rows["value"].astype(float)
    fig = go.Figure(
        go.Bar(
            x=list(values.fillna(0.0)),
            y=labels,
            orientation="h",
            marker_color=_BASE,
            text=[
                t("audience.not_enough_data", lang) if pd.isna(v) else format_percent(s, lang, 1)
                for v, s in zip(values, rows["share_of_total"], strict=True)
            ],
            textposition="auto",
        )
    )
    fig.update_xaxes(**count_axis(values.dropna(), lang))
    return _layout(fig, title, height=max(220, 34 * len(rows) + 60), legend=False)


__all__ = [
    "age_gender_heatmap",
    "rates_chart",
    "revenue_chart",
    "video_sources_chart",
    "viewer_kinds_chart",
]
