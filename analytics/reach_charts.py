"""Plotly figures and display tables of the Drivers and Planner pages (no Streamlit here)."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.models.drivers import DependenceCurve, Driver, DriversReport
from analytics.models.planner import PlanResult
from analytics.models.reach import BASELINE, scores_table

_BAR = "rgba(99, 110, 250, 0.75)"
_ICE = "rgba(120, 120, 120, 0.18)"
_PD = "rgb(239, 85, 59)"
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TARGET_LABELS = {"exposure": "exposure", "engagement": "engagement rate",
                 "completion": "completion rate"}


def _safe(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=False)


def markdown_escape(text: str) -> str:
    """Escape Markdown and HTML characters in text that contains user data (topics)."""
    out = html.escape(text, quote=False)
    for ch in "\\`*_{}[]()#+!|~>$":
        out = out.replace(ch, "\\" + ch)
    return out


def readings_markdown(report: DriversReport) -> str:
    """The plain-language readings as a Markdown bullet list (user text escaped)."""
    return "\n".join(f"- {markdown_escape(r.text)}" for r in report.readings)


def quality_table(report: DriversReport) -> pd.DataFrame:
    """Model quality vs the baseline, one row per model, best MAE first.

    Columns: ``Model, MAE (log), MAE spread over folds, Spearman, ROC AUC (top
    quarter), vs baseline`` (relative MAE change; negative is better), ``Chosen``.
    """
    comp = report.comparison
    table = scores_table(comp)
    base = comp.scores[BASELINE]["mae_log"]
    return pd.DataFrame({
        "Model": table["label"],
        "MAE (log)": table["mae_log"].round(3),
        "MAE spread over folds": table["mae_log_fold_std"].round(3),
        "Spearman": table["spearman"].round(3),
        "ROC AUC (top quarter)": table["auc"].round(3),
        "vs baseline": [None if m == BASELINE else (v - base) / base if base else None
                        for m, v in zip(table["model"], table["mae_log"], strict=True)],
        "Chosen": table["chosen"],
    })


def verdict(report: DriversReport) -> str:
    """One sentence: which model was chosen and its margin over the baseline."""
    comp = report.comparison
    m = comp.margin
    label = {"hgb": "gradient boosting", "linear": "the linear model",
             "mlp": "the neural network"}[comp.chosen]
    folds = len(comp.folds)
    if comp.beats_baseline:
        return (f"Best on {folds} forward folds: {label}, {-m['mae_log_relative']:.0%} lower error "
                f"than the channel's trailing median (MAE {comp.scores[comp.chosen]['mae_log']:.3f} "
                f"vs {comp.scores[BASELINE]['mae_log']:.3f} on the log scale; Spearman "
                f"{m['spearman']:+.2f}).")
    return (f"No model beats the channel's trailing median on {folds} forward folds (best: "
            f"{label}, error {m['mae_log_relative']:+.0%}); read the drivers below as weak hints.")


def importance_figure(drivers: list[Driver]) -> go.Figure:
    """Horizontal bars of permutation importance with the spread across folds."""
    shown = list(reversed(drivers))
    fig = go.Figure(go.Bar(
        x=[d.importance for d in shown],
        y=[_safe(d.feature) for d in shown],
        orientation="h",
        marker_color=_BAR,
        error_x={"type": "data", "array": [d.std for d in shown], "visible": True},
        hovertemplate="%{y}: %{x:.3f} (MAE increase, log scale)<extra></extra>",
    ))
    fig.update_layout(
        title="Permutation importance on held-out folds (mean ± sd across folds)",
        xaxis_title="increase in MAE (log scale) when shuffled",
        height=max(260, 28 * len(shown) + 90), margin={"l": 10, "r": 10, "t": 50, "b": 40},
    )
    return fig


def _axis_values(curve: DependenceCurve) -> list[object]:
    if curve.feature == "publish_weekday":
        return [_WEEKDAYS[int(v) % 7] for v in curve.grid]
    if curve.categorical:
        return [_safe(v) for v in curve.grid]
    return list(curve.grid)


def dependence_figure(curve: DependenceCurve, target: str = "exposure") -> go.Figure:
    """Partial dependence (red) and ICE curves (grey) as multiples of the average video."""
    weights = curve.counts / max(curve.counts.sum(), 1)
    centre = float(np.sum(weights * curve.average))
    word = TARGET_LABELS.get(target, target)
    x = _axis_values(curve)
    fig = go.Figure()
    if curve.categorical:
        ice = np.exp(curve.ice - centre)
        lo, hi = np.percentile(ice, 10, axis=0), np.percentile(ice, 90, axis=0)
        pd_mult = np.exp(curve.average - centre)
        fig.add_trace(go.Bar(
            x=x, y=pd_mult, marker_color=_BAR, name="partial dependence",
            error_y={"type": "data", "symmetric": False, "array": np.maximum(hi - pd_mult, 0),
                     "arrayminus": np.maximum(pd_mult - lo, 0)},
            customdata=curve.counts,
            hovertemplate="%{x}: %{y:.2f}x (n=%{customdata})<extra></extra>"))
    else:
        for row in curve.ice:
            fig.add_trace(go.Scatter(x=x, y=np.exp(row - centre), mode="lines",
                                     line={"color": _ICE, "width": 1}, hoverinfo="skip",
                                     showlegend=False))
        fig.add_trace(go.Scatter(x=x, y=np.exp(curve.average - centre), mode="lines+markers",
                                 line={"color": _PD, "width": 3}, name="partial dependence",
                                 hovertemplate="%{x}: %{y:.2f}x<extra></extra>"))
    fig.add_hline(y=1.0, line_dash="dot", line_color="grey")
    fig.update_layout(
        title=f"{_safe(curve.feature)}: expected {word} vs the average video",
        yaxis_title="x average", xaxis_title=_safe(curve.feature), showlegend=False,
        height=340, margin={"l": 10, "r": 10, "t": 50, "b": 40},
    )
    if curve.feature == "duration_s":
        fig.update_xaxes(type="log")
    return fig


def format_value(value: float, rate: bool) -> str:
    """A predicted value for display: ``12,345`` views or ``4.2%``."""
    if not np.isfinite(value):
        return "-"
    return f"{value:.1%}" if rate else f"{value:,.0f}"


def plan_figure(result: PlanResult, history: pd.DataFrame, unit: str, rate: bool = False
                ) -> go.Figure:
    """The channel's past videos over time and the planned video's p10-p90 range.

    Parameters
    ----------
    result : PlanResult
    history : pandas.DataFrame
        ``published_local, title, value`` (:func:`analytics.models.planner.history_rows`).
    unit : str
        Axis title, e.g. "views in the first 7 days".
    rate : bool
        The values are fractions (engagement, completion), shown as percent.
    """
    fmt = ".1%" if rate else ",.0f"
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=history["published_local"], y=history["value"], mode="markers",
        marker={"color": "rgba(99, 110, 250, 0.6)", "size": 7}, name="past videos",
        text=[_safe(t) for t in history["title"]],
        hovertemplate="%{text}<br>%{x|%Y-%m-%d}: %{y:" + fmt + "}<extra></extra>"))
    fig.add_hrect(y0=result.p10, y1=result.p90, fillcolor="rgba(239, 85, 59, 0.15)",
                  line_width=0, annotation_text="planned p10-p90", annotation_position="top left")
    fig.add_hline(y=result.p50, line_color=_PD, line_width=2,
                  annotation_text=f"planned p50 {format_value(result.p50, rate)}")
    fig.update_layout(title="Your planned video against your history", yaxis_title=unit,
                      yaxis_type="log", height=380, showlegend=False,
                      margin={"l": 10, "r": 10, "t": 50, "b": 40})
    return fig
