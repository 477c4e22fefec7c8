"""Plotly figures of the Overview and Videos pages (no Streamlit here).

The functions take the frames returned by :mod:`analytics.store.queries` and
return :class:`plotly.graph_objects.Figure` objects, so
they are tested without a browser. Labels come from :mod:`analytics.i18n`
in the language given as ``lang`` (``"en"``, the default, or ``"zh"``). Text
that came from an export (video titles) is escaped before it goes into a
hover label: Plotly renders a small HTML subset in labels.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics import i18n
from analytics.day_format import format_day
from analytics.i18n import t
from analytics.present.escape import html_escape
from analytics.present.kpis import KpiTile as KpiTile  # re-exported
from analytics.present.kpis import coverage_note as coverage_note
from analytics.present.kpis import format_change as format_change
from analytics.present.kpis import format_count as format_count
from analytics.present.kpis import format_rate as format_rate
from analytics.present.kpis import format_rate_change as format_rate_change
from analytics.present.kpis import kpi_tiles as kpi_tiles
from analytics.present.kpis import published_note as published_note
from analytics.present.kpis import relative_change as relative_change
from analytics.present.log_axis import readable_count_axis, readable_log_axis

ROLLING_WINDOW_DAYS = 7
# Smallest number of days with data inside a window for its mean to be shown:
# a majority of the window, so the line starts on day 4; a day without data is
# a break in the line (never bridged).
ROLLING_MIN_DAYS = 4

_BAR_COLOR = "rgba(99, 110, 250, 0.45)"
_LINE_COLOR = "rgb(239, 85, 59)"
_FLAG_COLORS = {
    "above": "rgb(0, 160, 90)",
    "below": "rgb(220, 60, 60)",
    "typical": "rgb(130, 130, 130)",
}


# ----------------------------------------------------------------------------- series


def with_rolling_mean(
    df: pd.DataFrame,
    column: str,
    window: int = ROLLING_WINDOW_DAYS,
    min_days: int = ROLLING_MIN_DAYS,
    start: dt.date | None = None,
) -> pd.DataFrame:
    """Reindex a daily series to every calendar day and add its rolling mean.

    Parameters
    ----------
    df : pandas.DataFrame
        Columns ``date`` (datetime64) and ``column``; one row per day.
    column : str
        The metric to smooth.
    window : int
        Window length in days (trailing, the day itself included).
    min_days : int
        Days with data needed in a window for the mean to be defined.
    start : datetime.date, optional
        First day to return. Pass rows from ``window - 1`` days earlier in
        ``df`` so that the mean on the first shown day uses a full window.

    Returns
    -------
    pandas.DataFrame
        Columns ``date``, ``column`` (NaN on days without data, never 0) and
        ``rolling`` (the trailing mean over the days with data).
    """
    if df.empty:
        return pd.DataFrame(
            {
                "date": pd.Series(dtype="datetime64[ns]"),
                column: pd.Series(dtype="float64"),
                "rolling": pd.Series(dtype="float64"),
            }
        )
    s = df.set_index(pd.to_datetime(df["date"]))[column].astype("float64")
    full = pd.date_range(s.index.min(), s.index.max(), freq="D")
    s = s.reindex(full)
    out = pd.DataFrame({"date": full, column: s.to_numpy()})
    out["rolling"] = s.rolling(window, min_periods=min(min_days, window)).mean().to_numpy()
    # A trend line never bridges a gap: no mean is drawn on a day without data.
    out.loc[out[column].isna(), "rolling"] = float("nan")
    if start is not None:
        out = out[out["date"] >= pd.Timestamp(start)].reset_index(drop=True)
    return out


def daily_figure(
    df: pd.DataFrame,
    column: str,
    title: str,
    y_title: str,
    start: dt.date | None = None,
    lang: str = i18n.DEFAULT_LANGUAGE,
) -> go.Figure:
    """Daily bars of ``column`` with its 7-day rolling mean as a line.

    Parameters
    ----------
    df : pandas.DataFrame
        ``date`` and ``column`` (e.g. from :func:`analytics.store.queries.daily_views`).
    title, y_title : str
        Chart and y-axis titles, already in the page's language.
    start : datetime.date, optional
        First day shown (earlier rows only feed the rolling mean).
    lang : str
        Language of the legend.
    """
    data = with_rolling_mean(df, column, start=start)
    fig = go.Figure()
    fig.add_bar(
        x=data["date"], y=data[column], name=t("chart.daily", lang), marker_color=_BAR_COLOR
    )
    fig.add_scatter(
        x=data["date"],
        y=data["rolling"],
        mode="lines",
        name=t("chart.rolling_mean", lang, days=ROLLING_WINDOW_DAYS),
        line={"color": _LINE_COLOR, "width": 2},
    )
    fig.update_layout(
        title=title,
        yaxis_title=y_title,
        hovermode="x unified",
        margin={"t": 50, "b": 30},
        legend={"orientation": "h", "y": -0.15},
    )
    readable_count_axis(fig, lang)
    return fig


def followers_figure(
    df: pd.DataFrame, start: dt.date | None = None, lang: str = i18n.DEFAULT_LANGUAGE
) -> go.Figure:
    """Daily net followers (bars, 7-day mean) and the follower total (right axis) when known.

    ``start`` is the first day shown; earlier rows only feed the rolling mean.
    ``lang`` is the language of the titles and legend.
    """
    data = with_rolling_mean(df, "followers_net", start=start)
    if start is not None:
        df = df[df["date"] >= pd.Timestamp(start)]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(
        x=data["date"],
        y=data["followers_net"],
        name=t("chart.net_followers_day", lang),
        marker_color=_BAR_COLOR,
        secondary_y=False,
    )
    fig.add_scatter(
        x=data["date"],
        y=data["rolling"],
        mode="lines",
        name=t("chart.rolling_mean", lang, days=ROLLING_WINDOW_DAYS),
        line={"color": _LINE_COLOR, "width": 2},
        secondary_y=False,
    )
    if "followers_total" in df and df["followers_total"].notna().any():
        fig.add_scatter(
            x=df["date"],
            y=df["followers_total"],
            mode="lines",
            name=t("chart.followers_total", lang),
            line={"color": "rgb(0, 160, 90)", "dash": "dot"},
            secondary_y=True,
        )
        fig.update_yaxes(title_text=t("chart.total", lang), secondary_y=True)
    fig.update_layout(
        title=t("overview.followers", lang),
        hovermode="x unified",
        margin={"t": 50, "b": 30},
        legend={"orientation": "h", "y": -0.15},
    )
    fig.update_yaxes(title_text=t("chart.net_per_day", lang), secondary_y=False)
    readable_count_axis(fig, lang)
    readable_count_axis(fig, lang, ref="y2")
    return fig


def video_curve_figure(
    df: pd.DataFrame, title: str, lang: str = i18n.DEFAULT_LANGUAGE
) -> go.Figure:
    """One video's daily views (bars) and cumulative views (line, right axis).

    ``title`` is the video's title (escaped here); ``lang`` the language of
    the axes and legend.
    """
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(
        x=df["date"],
        y=df["views"],
        name=t("chart.views_day", lang),
        marker_color=_BAR_COLOR,
        secondary_y=False,
    )
    fig.add_scatter(
        x=df["date"],
        y=df["cumulative_views"],
        mode="lines",
        name=t("chart.cumulative", lang),
        line={"color": _LINE_COLOR, "width": 2},
        secondary_y=True,
    )
    fig.update_layout(
        title=html_escape(title),
        hovermode="x unified",
        margin={"t": 50, "b": 30},
        legend={"orientation": "h", "y": -0.15},
    )
    fig.update_yaxes(title_text=t("chart.views_per_day", lang), secondary_y=False)
    fig.update_yaxes(title_text=t("chart.cumulative_views", lang), secondary_y=True)
    readable_count_axis(fig, lang)
    readable_count_axis(fig, lang, ref="y2")
    return fig


def outliers_figure(df: pd.DataFrame, lang: str = i18n.DEFAULT_LANGUAGE) -> go.Figure:
    """Lifetime views against publish time, coloured by outlier flag, log scale.

    Parameters
    ----------
    df : pandas.DataFrame
        From :func:`analytics.store.queries.video_outliers`.
    lang : str
        Language of titles, legend and hover labels.
    """
    fig = go.Figure()
    flags = df["flag"].fillna("typical") if not df.empty else pd.Series(dtype="object")
    for flag in ("above", "typical", "below"):
        part = df[flags == flag]
        if part.empty:
            continue
        hover = [
            f"{html_escape(title)}<br>"
            + (
                t("chart.hover_views_ratio", lang, views=format_count(v, lang), ratio=f"{r:.2f}")
                if r == r
                else t("chart.hover_views", lang, views=format_count(v, lang))
            )
            for title, v, r in zip(
                part["title"], part["views"], part["ratio"].astype("float64"), strict=False
            )
        ]
        fig.add_scatter(
            x=part["published_at"],
            y=part["views"],
            mode="markers",
            name=t(f"chart.flag.{flag}", lang),
            marker={"color": _FLAG_COLORS[flag], "size": 9},
            hovertext=hover,
            hoverinfo="text",
        )
    fig.update_layout(
        title=t("chart.outliers_title", lang),
        yaxis_type="log",
        xaxis_title=t("chart.published", lang),
        yaxis_title=t("chart.lifetime_views_log", lang),
        margin={"t": 50, "b": 30},
    )
    readable_log_axis(fig, lang, kind="count")
    return fig


def _day_text(value: object, lang: str) -> str:
    """The day of a local publish time (text or stamp) the language's way; "–" when unknown."""
    stamp = pd.to_datetime(value, errors="coerce") if value is not None else pd.NaT
    return "–" if pd.isna(stamp) else format_day(stamp, lang)


def top_videos_figure(df: pd.DataFrame, lang: str = i18n.DEFAULT_LANGUAGE) -> go.Figure:
    """Horizontal bars of the top videos' views in the period (lifetime when no daily rows)."""
    data = df.copy()
    data["shown"] = data["views_in_period"].fillna(data["lifetime_views"])
    data = data.iloc[::-1]
    days = data["published_local"] if "published_local" in data else [None] * len(data)
    labels = [
        html_escape(
            title
            if isinstance(title, str) and title.strip()
            else t("display.untitled", lang, when=_day_text(day, lang))
        )
        for title, day in zip(data["title"], days, strict=False)
    ]
    if len(set(labels)) < len(labels):  # equal titles would merge on a category axis
        labels = [
            f"{lab} ({html_escape(v)})" for lab, v in zip(labels, data["video_id"], strict=False)
        ]
    fig = go.Figure(go.Bar(x=data["shown"], y=labels, orientation="h", marker_color=_BAR_COLOR))
    fig.update_layout(
        title=t("overview.top_videos", lang),
        xaxis_title=t("overview.views_axis", lang),
        margin={"t": 50, "b": 30},
    )
    readable_count_axis(fig, lang, axis="x")
    return fig
