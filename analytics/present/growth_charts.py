"""Plotly figures of growth analytics and strategy cards (no Streamlit here).

Every figure takes plain data (a card's ``chart`` dict, a growth result)
and a language, and returns a :class:`plotly.graph_objects.Figure`; labels
come from :mod:`analytics.i18n`. Text from exports (video titles) is escaped
before it reaches a hover label.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.growth import BestTime, ViewsTrend
from analytics.i18n import format_percent, format_ratio, hour_label, t, weekday_name
from analytics.present.escape import html_escape
from analytics.present.log_axis import readable_log_axis

_BASE = "rgba(99, 110, 250, 0.55)"
_HIGHLIGHT = "rgb(239, 85, 59)"
_GREY = "rgb(150, 150, 150)"
_GREEN = "rgb(0, 160, 90)"


def _layout(fig: go.Figure, title: str = "", height: int = 320) -> go.Figure:
    fig.update_layout(
        title=title or None,
        height=height,
        margin={"t": 40 if title else 10, "b": 40, "l": 50, "r": 10},
        legend={"orientation": "h", "y": -0.2},
        showlegend=False,
    )
    return fig


def _x_label(kind: str, value: str, lang: str) -> str:
    from analytics.strategy import label_of

    return html_escape(label_of(kind, value, lang))


def bars_figure(chart: dict[str, Any], lang: str = "en") -> go.Figure:
    """Median per group with its interval and a line at 1 (the typical level).

    Parameters
    ----------
    chart : dict
        ``x`` (levels), ``x_kind`` (how to label them), ``y`` (medians),
        ``low``, ``high``, ``n``, ``highlight`` (levels drawn in colour),
        ``y_kind`` (``rel_reach`` or ``followers_rel``).
    """
    x = [_x_label(chart["x_kind"], v, lang) for v in chart["x"]]
    y = np.asarray(chart["y"], dtype=float)
    lo = np.asarray(chart["low"], dtype=float)
    hi = np.asarray(chart["high"], dtype=float)
    colors = [_HIGHLIGHT if v in chart.get("highlight", []) else _BASE for v in chart["x"]]
    hover = [
        f"{lab}<br>{format_ratio(m, lang)} ({format_ratio(a, lang)}–{format_ratio(b, lang)})"
        f"<br>n = {n}"
        for lab, m, a, b, n in zip(x, y, lo, hi, chart["n"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=x,
            y=y,
            marker_color=colors,
            hovertext=hover,
            hoverinfo="text",
            error_y={
                "type": "data",
                "symmetric": False,
                "array": np.maximum(hi - y, 0),
                "arrayminus": np.maximum(y - lo, 0),
                "color": _GREY,
            },
            text=[f"n={n}" for n in chart["n"]],
            textposition="inside",
        )
    )
    fig.add_hline(
        y=1.0,
        line_dash="dot",
        line_color=_GREY,
        annotation_text=t("chart.typical", lang),
        annotation_position="top left",
    )
    fig.update_yaxes(
        title_text=t(f"chart.{chart.get('y_kind', 'rel_reach')}", lang), rangemode="tozero"
    )
    if chart.get("x_kind") == "uploads":
        fig.update_xaxes(title_text=t("chart.uploads_week", lang))
    return _layout(fig)


def heatmap_figure(chart: dict[str, Any], lang: str = "en") -> go.Figure:
    """Weekday x hour-block heatmap of median relative reach (blank below the minimum n)."""
    slot_hours = int(chart["slot_hours"])
    slots = list(range(0, 24, slot_hours))
    z = np.full((7, len(slots)), np.nan)
    n = np.zeros((7, len(slots)), dtype=int)
    for d, s, v, c in zip(chart["weekday"], chart["slot"], chart["z"], chart["n"], strict=True):
        j = slots.index(int(s))
        z[int(d), j] = np.nan if v is None else max(float(v), 1e-3)
        n[int(d), j] = int(c)
    cols = [f"{hour_label(s)}–{hour_label((s + slot_hours) % 24)}" for s in slots]
    rows = [weekday_name(d, lang, short=True) for d in range(7)]
    text = [
        [
            ("" if math.isnan(z[d, j]) else format_ratio(z[d, j], lang)) + f"<br>n={n[d, j]}"
            for j in range(len(slots))
        ]
        for d in range(7)
    ]
    finite = z[np.isfinite(z)]
    span = float(np.max(np.abs(np.log(finite)))) if finite.size else 1.0
    span = max(span, 0.1)
    fig = go.Figure(
        go.Heatmap(
            z=np.log(z),
            x=cols,
            y=rows,
            text=text,
            texttemplate="%{text}",
            hoverinfo="text",
            colorscale="RdBu",
            zmid=0.0,
            zmin=-span,
            zmax=span,
            showscale=False,
        )
    )
    fig.update_yaxes(autorange="reversed", title_text=t("chart.weekday", lang))
    fig.update_xaxes(title_text=t("chart.hour", lang))
    return _layout(fig, height=360)


def demand_figure(chart: dict[str, Any], lang: str = "en") -> go.Figure:
    """Fans' share of interest against the creator's share of posts, per topic."""
    x = [html_escape(v) for v in chart["x"]]
    fig = go.Figure()
    fig.add_bar(
        x=x,
        y=chart["demand"],
        name=t("chart.demand_share", lang),
        marker_color=[_HIGHLIGHT if v in chart.get("highlight", []) else _BASE for v in chart["x"]],
        hovertext=[
            f"{a}: {format_percent(v, lang)}" for a, v in zip(x, chart["demand"], strict=True)
        ],
        hoverinfo="text",
    )
    fig.add_bar(
        x=x,
        y=chart["posting"],
        name=t("chart.posting_share", lang),
        marker_color=_GREY,
        hovertext=[
            f"{a}: {format_percent(v, lang)}" for a, v in zip(x, chart["posting"], strict=True)
        ],
        hoverinfo="text",
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(tickformat=".0%")
    _layout(fig)
    fig.update_layout(showlegend=True)
    return fig


def outliers_chart_figure(chart: dict[str, Any], lang: str = "en") -> go.Figure:
    """Top videos by reach against the median of their format (log scale)."""
    ratio = np.asarray(chart["ratio"], dtype=float)
    titles = [html_escape(v) for v in chart["title"]]
    colors = [
        _GREEN if f == "above" else ("rgb(220, 60, 60)" if f == "below" else _BASE)
        for f in chart["flag"]
    ]
    fig = go.Figure(
        go.Bar(
            x=list(range(1, len(ratio) + 1)),
            y=ratio,
            marker_color=colors,
            hovertext=[
                f"{a}<br>{format_ratio(r, lang)}" for a, r in zip(titles, ratio, strict=True)
            ],
            hoverinfo="text",
        )
    )
    fig.add_hline(y=1.0, line_dash="dot", line_color=_GREY)
    fig.update_yaxes(title_text=t("chart.ratio_format", lang))
    readable_log_axis(fig, lang, kind="ratio", values=[*ratio.tolist(), 1.0])
    return _layout(fig)


def card_figure(card: Any, lang: str = "en") -> go.Figure | None:
    """The chart of a strategy card, or None when it has none."""
    chart = getattr(card, "chart", None)
    if not chart:
        return None
    kind = chart.get("kind")
    if kind == "bars":
        return bars_figure(chart, lang)
    if kind == "heatmap":
        return heatmap_figure(chart, lang)
    if kind == "demand":
        return demand_figure(chart, lang)
    if kind == "outliers":
        return outliers_chart_figure(chart, lang)
    return None


def hours_figure(best: BestTime, lang: str = "en") -> go.Figure:
    """Median relative reach per publish hour with intervals; the best window in colour."""
    hours = best.hours
    window = set(best.window.hours) if best.window is not None else set()
    shown = hours[hours["n"] >= best.min_videos]
    chart = {
        "x": [str(h) for h in shown["hour"]],
        "x_kind": "hour",
        "y": shown["median"].tolist(),
        "low": shown["low"].tolist(),
        "high": shown["high"].tolist(),
        "n": shown["n"].astype(int).tolist(),
        "highlight": [str(h) for h in shown["hour"] if int(h) in window],
    }
    fig = bars_figure(chart, lang)
    # Each bar already carries its hour label ("18:00"); the axis keeps them in hour
    # order. No tickvals here: on a category axis numeric tick values are read as bar
    # positions, which shifted the labels away from their bars.
    fig.update_xaxes(
        title_text=t("chart.hour", lang),
        type="category",
        categoryorder="array",
        categoryarray=[hour_label(int(h)) for h in shown["hour"]],
    )
    return fig


def trend_figure(trend: ViewsTrend, lang: str = "en") -> go.Figure:
    """Daily views (bars) with the fitted log-linear trend (line)."""
    d = trend.daily
    fig = go.Figure()
    fig.add_bar(x=d["date"], y=d["views"], name=t("chart.views", lang), marker_color=_BASE)
    fig.add_scatter(
        x=d["date"],
        y=d["trend"],
        mode="lines",
        name=t("chart.trend", lang),
        line={"color": _HIGHLIGHT, "width": 2},
    )
    fig.update_yaxes(title_text=t("chart.views", lang))
    _layout(fig)
    fig.update_layout(showlegend=True)
    return fig


def seasonality_figure(trend: ViewsTrend, lang: str = "en") -> go.Figure:
    """Weekday multipliers of daily views with intervals."""
    w = trend.weekday
    chart = {
        "x": [str(int(v)) for v in w["weekday"]],
        "x_kind": "weekday",
        "y": w["multiplier"].tolist(),
        "low": w["low"].tolist(),
        "high": w["high"].tolist(),
        "n": [trend.days // 7] * len(w),
        "highlight": [],
    }
    fig = bars_figure(chart, lang)
    fig.update_yaxes(title_text=t("chart.multiplier", lang), rangemode="normal")
    fig.update_traces(text=None)
    return fig


def outliers_figure(outliers: pd.DataFrame, lang: str = "en", top: int = 40) -> go.Figure:
    """Videos ranked by reach against the median of their channel and format."""
    head = outliers.head(top)
    chart = {
        "title": [v if isinstance(v, str) else "" for v in head["title"]],
        "ratio": head["ratio"].astype(float).tolist(),
        "flag": [v if isinstance(v, str) else "" for v in head["flag"]],
    }
    return outliers_chart_figure(chart, lang)


__all__ = [
    "bars_figure",
    "card_figure",
    "demand_figure",
    "heatmap_figure",
    "hours_figure",
    "outliers_chart_figure",
    "outliers_figure",
    "seasonality_figure",
    "trend_figure",
]
