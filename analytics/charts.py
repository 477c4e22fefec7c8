"""Plotly figures and display formatting for the dashboard (no Streamlit here).

The functions take the frames returned by :mod:`analytics.store.queries` and
return :class:`plotly.graph_objects.Figure` objects or display strings, so
they are tested without a browser. Text that came from an export (video
titles) is escaped before it goes into a hover label: Plotly renders a small
HTML subset in labels.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.store.queries import KpiComparison

ROLLING_WINDOW_DAYS = 7
# Smallest number of days with data inside a window for its mean to be shown:
# a majority of the window, so the line starts on day 4 and bridges short gaps.
ROLLING_MIN_DAYS = 4

_BAR_COLOR = "rgba(99, 110, 250, 0.45)"
_LINE_COLOR = "rgb(239, 85, 59)"
_FLAG_COLORS = {"above": "rgb(0, 160, 90)", "below": "rgb(220, 60, 60)", "typical": "rgb(130, 130, 130)"}


# ----------------------------------------------------------------------------- formatting


def format_count(value: float | int | None) -> str:
    """Format a count with thousands separators; ``'–'`` when unknown.

    >>> format_count(1563000)
    '1,563,000'
    >>> format_count(None)
    '–'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{int(round(value)):,}"


def format_rate(value: float | None, digits: int = 1) -> str:
    """Format a fraction in [0, 1] as a percentage; ``'–'`` when unknown.

    >>> format_rate(0.1175)
    '11.8%'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value * 100:.{digits}f}%"


def relative_change(current: float | None, previous: float | None) -> float | None:
    """Return ``(current - previous) / |previous|`` or None when undefined.

    >>> relative_change(2800, 1400)
    1.0
    """
    if current is None or previous is None or previous == 0:
        return None
    if isinstance(current, float) and math.isnan(current):
        return None
    if isinstance(previous, float) and math.isnan(previous):
        return None
    return (float(current) - float(previous)) / abs(float(previous))


def format_change(current: float | None, previous: float | None) -> str | None:
    """Relative change as a signed percentage (``'+100.0%'``), or None when undefined."""
    change = relative_change(current, previous)
    return None if change is None else f"{change * 100:+.1f}%"


def format_rate_change(current: float | None, previous: float | None) -> str | None:
    """Change of a rate in percentage points (``'+1.2 pp'``), or None when undefined."""
    if current is None or previous is None:
        return None
    return f"{(current - previous) * 100:+.1f} pp"


_ENGAGEMENT_BASIS = {
    "daily": "over the daily rows of the period that report interactions",
    "published videos": "lifetime figures of the videos published in the period "
                        "(the exports have no daily interactions)",
    "mixed": "daily rows where a channel has them, else lifetime figures of the videos "
             "published in the period",
}


@dataclass(frozen=True)
class KpiTile:
    """One headline number: label, display value, change against the previous period."""

    label: str
    value: str
    delta: str | None
    help: str


def kpi_tiles(kpis: KpiComparison) -> list[KpiTile]:
    """Turn a KPI comparison into the four Overview tiles.

    Returns
    -------
    list of KpiTile
        Views, Net followers, Engagement rate, Videos published, in that order.
        Counts change as a relative percentage, the engagement rate in
        percentage points; the delta is None when the previous period has no
        value (or zero).
    """
    cur, prev = kpis.current, kpis.previous
    span = f"{prev.start:%Y-%m-%d} – {prev.end:%Y-%m-%d}"
    return [
        KpiTile("Views", format_count(cur.views), format_change(cur.views, prev.views),
                f"Daily channel views summed over the period; change against {span}."),
        KpiTile("Net followers", format_count(cur.followers_net),
                format_change(cur.followers_net, prev.followers_net),
                f"Followers gained minus lost; change against {span}."),
        KpiTile("Engagement rate", format_rate(cur.engagement_rate),
                # A rate from daily rows and one from lifetime totals are not comparable.
                format_rate_change(cur.engagement_rate, prev.engagement_rate)
                if cur.engagement_basis == prev.engagement_basis else None,
                "(likes + comments + shares + saves) / views, "
                + _ENGAGEMENT_BASIS.get(cur.engagement_basis or "", "")
                + f"; change in percentage points against {span} when both are measured alike."),
        KpiTile("Videos published", format_count(cur.videos_published),
                format_change(cur.videos_published, prev.videos_published),
                f"Videos whose publish date (channel time zone) is in the period; vs {span}."),
    ]


def safe_label(text: object) -> str:
    """Escape text from an export for a Plotly hover label (HTML special characters)."""
    return html.escape("" if text is None else str(text), quote=False)


# ----------------------------------------------------------------------------- series


def with_rolling_mean(df: pd.DataFrame, column: str, window: int = ROLLING_WINDOW_DAYS,
                      min_days: int = ROLLING_MIN_DAYS, start: dt.date | None = None
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
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"),
                             column: pd.Series(dtype="float64"),
                             "rolling": pd.Series(dtype="float64")})
    s = df.set_index(pd.to_datetime(df["date"]))[column].astype("float64")
    full = pd.date_range(s.index.min(), s.index.max(), freq="D")
    s = s.reindex(full)
    out = pd.DataFrame({"date": full, column: s.to_numpy()})
    out["rolling"] = s.rolling(window, min_periods=min(min_days, window)).mean().to_numpy()
    if start is not None:
        out = out[out["date"] >= pd.Timestamp(start)].reset_index(drop=True)
    return out


def daily_figure(df: pd.DataFrame, column: str, title: str, y_title: str,
                 start: dt.date | None = None) -> go.Figure:
    """Daily bars of ``column`` with its 7-day rolling mean as a line.

    Parameters
    ----------
    df : pandas.DataFrame
        ``date`` and ``column`` (e.g. from :func:`analytics.store.queries.daily_views`).
    start : datetime.date, optional
        First day shown (earlier rows only feed the rolling mean).
    """
    data = with_rolling_mean(df, column, start=start)
    fig = go.Figure()
    fig.add_bar(x=data["date"], y=data[column], name="daily", marker_color=_BAR_COLOR)
    fig.add_scatter(x=data["date"], y=data["rolling"], mode="lines",
                    name=f"{ROLLING_WINDOW_DAYS}-day mean", line={"color": _LINE_COLOR, "width": 2})
    fig.update_layout(title=title, yaxis_title=y_title, hovermode="x unified",
                      margin={"t": 50, "b": 30}, legend={"orientation": "h", "y": -0.15})
    return fig


def followers_figure(df: pd.DataFrame, start: dt.date | None = None) -> go.Figure:
    """Daily net followers (bars, 7-day mean) and the follower total (right axis) when known.

    ``start`` is the first day shown; earlier rows only feed the rolling mean.
    """
    data = with_rolling_mean(df, "followers_net", start=start)
    if start is not None:
        df = df[df["date"] >= pd.Timestamp(start)]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=data["date"], y=data["followers_net"], name="net followers / day",
                marker_color=_BAR_COLOR, secondary_y=False)
    fig.add_scatter(x=data["date"], y=data["rolling"], mode="lines",
                    name=f"{ROLLING_WINDOW_DAYS}-day mean", line={"color": _LINE_COLOR, "width": 2},
                    secondary_y=False)
    if "followers_total" in df and df["followers_total"].notna().any():
        fig.add_scatter(x=df["date"], y=df["followers_total"], mode="lines", name="followers total",
                        line={"color": "rgb(0, 160, 90)", "dash": "dot"}, secondary_y=True)
        fig.update_yaxes(title_text="total", secondary_y=True)
    fig.update_layout(title="Followers", hovermode="x unified", margin={"t": 50, "b": 30},
                      legend={"orientation": "h", "y": -0.15})
    fig.update_yaxes(title_text="net per day", secondary_y=False)
    return fig


def video_curve_figure(df: pd.DataFrame, title: str) -> go.Figure:
    """One video's daily views (bars) and cumulative views (line, right axis)."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=df["date"], y=df["views"], name="views / day", marker_color=_BAR_COLOR,
                secondary_y=False)
    fig.add_scatter(x=df["date"], y=df["cumulative_views"], mode="lines", name="cumulative",
                    line={"color": _LINE_COLOR, "width": 2}, secondary_y=True)
    fig.update_layout(title=safe_label(title), hovermode="x unified", margin={"t": 50, "b": 30},
                      legend={"orientation": "h", "y": -0.15})
    fig.update_yaxes(title_text="views per day", secondary_y=False)
    fig.update_yaxes(title_text="cumulative views", secondary_y=True)
    return fig


def outliers_figure(df: pd.DataFrame) -> go.Figure:
    """Lifetime views against publish time, coloured by outlier flag, log scale.

    Parameters
    ----------
    df : pandas.DataFrame
        From :func:`analytics.store.queries.video_outliers`.
    """
    fig = go.Figure()
    flags = df["flag"].fillna("typical") if not df.empty else pd.Series(dtype="object")
    for flag in ("above", "typical", "below"):
        part = df[flags == flag]
        if part.empty:
            continue
        hover = [
            f"{safe_label(t)}<br>{format_count(v)} views, {r:.2f}× channel median"
            if r == r else f"{safe_label(t)}<br>{format_count(v)} views"
            for t, v, r in zip(part["title"], part["views"], part["ratio"].astype("float64"))
        ]
        fig.add_scatter(x=part["published_at"], y=part["views"], mode="markers", name=flag,
                        marker={"color": _FLAG_COLORS[flag], "size": 9}, hovertext=hover,
                        hoverinfo="text")
    fig.update_layout(title="Views against the channel median", yaxis_type="log",
                      xaxis_title="published", yaxis_title="lifetime views (log scale)",
                      margin={"t": 50, "b": 30})
    return fig


def top_videos_figure(df: pd.DataFrame) -> go.Figure:
    """Horizontal bars of the top videos' views in the period (lifetime when no daily rows)."""
    data = df.copy()
    data["shown"] = data["views_in_period"].fillna(data["lifetime_views"])
    data = data.iloc[::-1]
    labels = [safe_label(t if t else v) for t, v in zip(data["title"], data["video_id"])]
    if len(set(labels)) < len(labels):  # equal titles would merge on a category axis
        labels = [f"{lab} ({safe_label(v)})" for lab, v in zip(labels, data["video_id"])]
    fig = go.Figure(go.Bar(x=data["shown"], y=labels, orientation="h", marker_color=_BAR_COLOR))
    fig.update_layout(title="Top videos", xaxis_title="views", margin={"t": 50, "b": 30})
    return fig
