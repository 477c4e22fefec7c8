"""Plotly figures and display tables of the Drivers and Planner pages (no Streamlit here).

Every builder takes ``lang`` (``"en"``, the default, or ``"zh"``): titles,
axes, legends, table headers and sentences come from :mod:`analytics.i18n`,
and counts are written the language's way (``12,345`` / ``1.2万``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.i18n import DEFAULT_LANGUAGE, TABLE, format_count, normalize_lang, t, weekday_name
from analytics.models.drivers import DependenceCurve, DriversReport, Reading
from analytics.models.planner import PlanResult
from analytics.models.reach import scores_table
from analytics.present.channel_charts import date_axis
from analytics.present.escape import html_escape, markdown_escape
from analytics.present.log_axis import readable_log_axis

_BAR = "rgba(99, 110, 250, 0.75)"
_ICE = "rgba(120, 120, 120, 0.18)"
_PD = "rgb(239, 85, 59)"
TARGET_LABELS = {
    "exposure": "exposure",
    "engagement": "engagement rate",
    "completion": "completion rate",
}
#: Columns of :func:`quality_table` -> key of their header.
QUALITY_COLUMNS = {
    "Model": "drivers.col.model",
    "MAE (log)": "drivers.col.mae_log",
    "MAE spread over folds": "drivers.col.mae_spread",
    "Spearman": "drivers.col.spearman",
    "ROC AUC (top quarter)": "drivers.col.auc",
    "vs baseline": "drivers.col.vs_baseline",
    "Chosen": "drivers.col.chosen",
}


def target_word(target: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The target in running text: ``exposure``, ``engagement rate`` (曝光, 互动率)."""
    key = f"drivers.word.{target}"
    return t(key, lang) if key in TABLE else target


def feature_label(feature: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A feature's name for display (``publish_hour`` -> "Publish hour" / "发布时段").

    A group of correlated features (``"a + b"``) names each member; a
    feature without a translation keeps its column name.
    """
    parts = []
    for name in feature.split(" + "):
        key = f"drivers.feature.{name}"
        parts.append(t(key, lang) if key in TABLE else name)
    return " + ".join(parts)


_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUM = r"-?[\d.,]+k?"


def _weekday(name: str, lang: str) -> str:
    return weekday_name(_WEEKDAY_EN.index(name), lang) if name in _WEEKDAY_EN else name


def reading_label(reading: Reading, lang: str = DEFAULT_LANGUAGE) -> str:
    """The range or category a reading is about, in ``lang``.

    English returns :attr:`Reading.label` unchanged. Other languages
    rewrite the shapes that :mod:`analytics.models.drivers` produces
    ("topic 'cooking'", "published 18:00-20:59", "videos of 20-60 s", ...);
    a label of another shape stays as it is.
    """
    label = reading.label
    if normalize_lang(lang) == DEFAULT_LANGUAGE:
        return label
    feature = feature_label(reading.feature, lang)
    prefix = f"{reading.feature.replace('_', ' ')} '"
    if label.startswith(prefix) and label.endswith("'"):
        level = label[len(prefix) : -1]
        if f"videos.ctype.{level}" in TABLE and reading.feature == "content_type":
            level = t(f"videos.ctype.{level}", lang)  # short -> 短视频
        return t("drivers.reading.level", lang, feature=feature, level=level)
    if m := re.fullmatch(r"published (\d\d:00)-(\d\d:59)", label):
        return t("drivers.reading.hours", lang, low=m[1], high=m[2])
    if m := re.fullmatch(r"published on (\w+)", label):
        return t("drivers.reading.weekday", lang, day=_weekday(m[1], lang))
    if m := re.fullmatch(r"published (\w+)-(\w+)", label):
        return t(
            "drivers.reading.weekdays", lang, low=_weekday(m[1], lang), high=_weekday(m[2], lang)
        )
    if m := re.fullmatch(r"(with|without) an? (number|question|emoji) in the title", label):
        return t(
            f"drivers.reading.title_{m[1]}", lang, feature=feature_label(f"title_has_{m[2]}", lang)
        )
    if m := re.fullmatch(rf"videos .*? ({_NUM})(?:-({_NUM}))?( s)?", label):
        unit = t("drivers.reading.seconds", lang) if m[3] else ""
        values = f"{m[1]}{unit}" if m[2] is None else f"{m[1]}–{m[2]}{unit}"
        return t("drivers.reading.range", lang, feature=feature, values=values)
    return label


def reading_text(reading: Reading, report: DriversReport, lang: str = DEFAULT_LANGUAGE) -> str:
    """One reading as a sentence in ``lang`` (English: :attr:`Reading.text`)."""
    if normalize_lang(lang) == DEFAULT_LANGUAGE:
        return reading.text
    target = report.comparison.data.target.name
    categorical = reading.label.startswith(f"{reading.feature.replace('_', ' ')} '")
    others = (
        t("drivers.reading.other_levels", lang, feature=feature_label(reading.feature, lang))
        if categorical
        else t("drivers.reading.other_videos", lang)
    )
    return t(
        "drivers.reading.heldout",
        lang,
        label=reading_label(reading, lang),
        ratio=f"{reading.ratio:.1f}x",
        target=target_word(target, lang),
        others=others,
        n_in=reading.n_in,
        n_out=reading.n_out,
        low=f"{reading.low:.1f}x",
        high=f"{reading.high:.1f}x",
        confidence=t(f"confidence.{reading.confidence}", lang),
    )


def _reading_markdown(reading: Reading, report: DriversReport, lang: str) -> str:
    """One reading as Markdown: its label (which may quote a topic) escaped, the rest as written."""
    text = reading_text(reading, report, lang)
    label = reading_label(reading, lang)
    for shown in (label, label[:1].upper() + label[1:]):
        at = text.find(shown) if shown else -1
        if at >= 0:
            return text[:at] + markdown_escape(shown) + text[at + len(shown) :]
    return markdown_escape(text)


def readings_markdown(report: DriversReport, lang: str = DEFAULT_LANGUAGE) -> str:
    """The plain-language readings as a Markdown bullet list.

    The label of each reading names a level the creator's data chose (a
    topic, a title word) and goes through :func:`markdown_escape`; the rest of
    the sentence is the catalogue's text and numbers.
    """
    return "\n".join(f"- {_reading_markdown(r, report, lang)}" for r in report.readings)


def _model_label(name: str, label: str, lang: str) -> str:
    key = f"drivers.model.{name}"
    return t(key, lang) if key in TABLE else label


def quality_table(report: DriversReport, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Model quality vs the baseline, one row per model, best MAE first.

    Columns (English headers; other languages translate them, see
    :data:`QUALITY_COLUMNS`): ``Model, MAE (log), MAE spread over folds,
    Spearman, ROC AUC (top quarter), vs baseline`` (relative MAE change;
    negative is better), ``Chosen``.
    """
    comp = report.comparison
    table = scores_table(comp)
    base = comp.scores[comp.blind]["mae_log"]
    frame = pd.DataFrame(
        {
            "Model": [
                _model_label(m, lab, lang)
                for m, lab in zip(table["model"], table["label"], strict=True)
            ],
            "MAE (log)": table["mae_log"].round(3),
            "MAE spread over folds": table["mae_log_fold_std"].round(3),
            "Spearman": table["spearman"].round(3),
            "ROC AUC (top quarter)": table["auc"].round(3),
            "vs baseline": [
                (v - base) / base if base else 0.0
                for m, v in zip(table["model"], table["mae_log"], strict=True)
            ],
            "Chosen": table["chosen"],
        }
    )
    return frame.rename(columns={c: t(k, lang) for c, k in QUALITY_COLUMNS.items()})


def verdict(report: DriversReport, lang: str = DEFAULT_LANGUAGE) -> str:
    """One sentence: whether the content features beat the best content-blind baseline."""
    comp = report.comparison
    m = comp.margin
    label = t(f"drivers.verdict_model.{comp.chosen}", lang)
    baseline = t(f"drivers.model.{comp.blind}", lang)
    folds = len(comp.folds)
    if comp.beats_baseline:
        return t(
            "drivers.verdict.content_beats",
            lang,
            folds=folds,
            model=label,
            baseline=baseline,
            gain=f"{-m['mae_log_relative']:.0%}",
            mae=f"{comp.scores[comp.chosen]['mae_log']:.3f}",
            mae_base=f"{comp.scores[comp.blind]['mae_log']:.3f}",
        )
    return t(
        "drivers.verdict.nothing_measurable",
        lang,
        folds=folds,
        model=label,
        baseline=baseline,
        change=f"{m['mae_log_relative']:+.0%}",
    )


def _axis_values(curve: DependenceCurve, lang: str) -> list[object]:
    if curve.feature == "publish_weekday":
        return [weekday_name(int(v), lang, short=True) for v in curve.grid]
    if curve.categorical:
        return [html_escape(v) for v in curve.grid]
    return list(curve.grid)


def dependence_figure(
    curve: DependenceCurve, target: str = "exposure", lang: str = DEFAULT_LANGUAGE
) -> go.Figure:
    """Partial dependence (red) and ICE curves (grey) as multiples of the average video."""
    weights = curve.counts / max(curve.counts.sum(), 1)
    centre = float(np.sum(weights * curve.average))
    word = target_word(target, lang)
    name = html_escape(feature_label(curve.feature, lang))
    x = _axis_values(curve, lang)
    fig = go.Figure()
    if curve.categorical:
        ice = np.exp(curve.ice - centre)
        lo, hi = np.percentile(ice, 10, axis=0), np.percentile(ice, 90, axis=0)
        pd_mult = np.exp(curve.average - centre)
        fig.add_trace(
            go.Bar(
                x=x,
                y=pd_mult,
                marker_color=_BAR,
                name=t("chart.partial_dependence", lang),
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": np.maximum(hi - pd_mult, 0),
                    "arrayminus": np.maximum(pd_mult - lo, 0),
                },
                customdata=curve.counts,
                hovertemplate="%{x}: %{y:.2f}x (n=%{customdata})<extra></extra>",
            )
        )
    else:
        for row in curve.ice:
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=np.exp(row - centre),
                    mode="lines",
                    line={"color": _ICE, "width": 1},
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=np.exp(curve.average - centre),
                mode="lines+markers",
                line={"color": _PD, "width": 3},
                name=t("chart.partial_dependence", lang),
                hovertemplate="%{x}: %{y:.2f}x<extra></extra>",
            )
        )
    fig.add_hline(y=1.0, line_dash="dot", line_color="grey")
    fig.update_layout(
        title=t("chart.pd_title", lang, feature=name, target=word),
        yaxis_title=t("chart.x_average", lang),
        xaxis_title=name,
        showlegend=False,
        height=340,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
    )
    if curve.feature == "duration_s":
        readable_log_axis(fig, lang, axis="x", kind="duration")
    elif not curve.categorical and {float(v) for v in curve.grid} <= {0.0, 1.0}:
        # A yes/no feature (title has a number...): two labelled ends, not 0.2, 0.4 ...
        fig.update_xaxes(
            tickmode="array", tickvals=[0, 1], ticktext=[t("axis.no", lang), t("axis.yes", lang)]
        )
    elif curve.feature == "publish_hour":
        fig.update_xaxes(title_text=t("axis.hour_of_day", lang, feature=name), dtick=3)
    return fig


def format_value(value: float, rate: bool, lang: str = DEFAULT_LANGUAGE) -> str:
    """A predicted value for display: ``12,345`` views (``1.2万`` in Chinese) or ``4.2%``."""
    if not np.isfinite(value):
        return "-"
    if rate:
        return f"{value:.1%}"
    return format_count(value, "zh") if normalize_lang(lang) == "zh" else f"{value:,.0f}"


def plan_figure(
    result: PlanResult,
    history: pd.DataFrame,
    unit: str,
    rate: bool = False,
    lang: str = DEFAULT_LANGUAGE,
) -> go.Figure:
    """The channel's past videos over time and the planned video's p10-p90 range.

    Parameters
    ----------
    result : PlanResult
    history : pandas.DataFrame
        ``published_local, title, value`` (:func:`analytics.models.planner.history_rows`).
    unit : str
        Axis title, e.g. "views in the first 7 days" (already in ``lang``).
    rate : bool
        The values are fractions (engagement, completion), shown as percent.
    lang : str
        Language of the title and annotations.
    """
    fmt = ".1%" if rate else ",.0f"
    values = pd.to_numeric(history["value"], errors="coerce").to_numpy(dtype=float)
    keep = np.isfinite(values) & (values > 0)  # a log axis: no zero, no inf
    when = pd.to_datetime(pd.Series(history["published_local"]).reset_index(drop=True)[keep])
    dates = [ts.isoformat() for ts in when]  # ISO dates: never epoch milliseconds
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=dates,
            y=values[keep].tolist(),
            mode="markers",
            marker={"color": "rgba(99, 110, 250, 0.6)", "size": 7},
            name=t("chart.past_videos", lang),
            text=[html_escape(t) for t in pd.Series(history["title"]).reset_index(drop=True)[keep]],
            hovertemplate="%{text}<br>%{x|%Y-%m-%d}: %{y:" + fmt + "}<extra></extra>",
        )
    )
    fig.add_hrect(
        y0=result.p10,
        y1=result.p90,
        fillcolor="rgba(239, 85, 59, 0.15)",
        line_width=0,
        annotation_text=t("chart.planned_range", lang),
        annotation_position="top left",
    )
    fig.add_hline(
        y=result.p50,
        line_color=_PD,
        line_width=2,
        annotation_text=t("chart.planned_p50", lang, value=format_value(result.p50, rate, lang)),
    )
    shown = np.concatenate(
        [
            values[keep],
            [v for v in (result.p10, result.p50, result.p90) if np.isfinite(v) and v > 0],
        ]
    )
    y_range = None
    if len(shown):
        lo, hi = float(np.log10(shown.min())), float(np.log10(shown.max()))
        y_range = [lo - 0.1 * max(hi - lo, 1.0), hi + 0.1 * max(hi - lo, 1.0)]
    fig.update_layout(
        title=t("chart.plan_title", lang),
        yaxis_title=unit,
        yaxis_type="log",
        yaxis_range=y_range,
        xaxis_type="date",
        height=380,
        showlegend=False,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
    )
    readable_log_axis(fig, lang, kind="rate" if rate else "count")
    date_axis(fig, lang)
    return fig
