"""The growth part of the Strategy page and of the HTML report: one decision, two renderers.

What to say about best hours, the views trend, its weekly pattern and the
outliers is decided here once. A chart is shown only where it says
something: an hour chart only when some hour has enough videos, a trend only
when its interval is narrow enough to be a finding; otherwise the section is
the sentence that says why (:func:`analytics.present.leads.hours_reason`,
:func:`analytics.present.leads.trend_reason`). The page draws the sections
with Streamlit, the report with its template; neither decides on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from analytics.i18n import DEFAULT_LANGUAGE, format_percent, format_signed_percent, t
from analytics.present import growth_charts, leads


@dataclass
class GrowthSection:
    """One heading of the growth part.

    Attributes
    ----------
    key : str
        Catalogue key of the heading (``strategy.best_hours``, ...).
    heading : str
        The heading in the UI language.
    text : str or None
        A sentence under the heading: the reason a chart is left out, or
        the caption of the chart shown.
    figures : list of (str, plotly.graph_objects.Figure)
        ``(name, figure)`` pairs; the name is a stable element key.
    """

    key: str
    heading: str
    text: str | None = None
    figures: list[tuple[str, go.Figure]] = field(default_factory=list)


def growth_sections(analysis: Any, lang: str = DEFAULT_LANGUAGE) -> list[GrowthSection]:
    """The growth sections of a strategy result's ``analysis``, in reading order.

    Parameters
    ----------
    analysis : GrowthAnalysis
        ``n`` (videos), ``best_time``, ``trend`` (or None) and ``outliers``.
    lang : str
        Language of headings, sentences and charts.
    """
    out: list[GrowthSection] = []

    def section(key: str, text: str | None = None, *figures: tuple[str, go.Figure]) -> None:
        out.append(GrowthSection(key, t(key, lang), text, list(figures)))

    if analysis.n:
        reason = leads.hours_reason(analysis.best_time, lang)
        if reason:
            section("strategy.best_hours", reason)
        else:
            hours = growth_charts.hours_figure(analysis.best_time, lang)
            section("strategy.best_hours", None, ("growth_hours", hours))
    trend = analysis.trend
    several = int(getattr(analysis, "trend_channels", 0) or 0)
    if trend is None and several > 1:
        section("strategy.trend", t("growth.trend_per_channel", lang, channels=several))
    if trend is not None:
        reason = leads.trend_reason(trend, lang)
        if reason:
            section("strategy.trend", reason)
        else:
            caption = t(
                "strategy.trend_caption",
                lang,
                growth=format_signed_percent(trend.growth_30d, lang),
                level=format_percent(0.95, lang),
                low=format_signed_percent(trend.growth_low, lang),
                high=format_signed_percent(trend.growth_high, lang),
            )
            section(
                "strategy.trend", caption, ("growth_trend", growth_charts.trend_figure(trend, lang))
            )
            if not trend.weekday.empty:
                season = growth_charts.seasonality_figure(trend, lang)
                section("strategy.seasonality", None, ("growth_season", season))
    if not analysis.outliers.empty:
        outliers = growth_charts.outliers_figure(analysis.outliers, lang)
        section("strategy.outliers", None, ("growth_outliers", outliers))
    return out
