"""Channels side by side: one line per channel, never one summed trend (no Streamlit here).

Each channel's daily views are drawn as their own line, optionally indexed to
the channel's own median day (1.0 = a typical day for that channel), so a
channel with 10x the audience does not flatten the others. A line never
bridges a gap: a day without data is a break in the line.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import i18n
from analytics.i18n import t
from analytics.present import log_axis


def date_axis(fig: go.Figure, lang: str) -> None:
    """Write a figure's date axis the language's way (``2026年6月`` in Chinese, ISO in English)."""
    if i18n.normalize_lang(lang) == "zh":
        fig.update_xaxes(tickformat="%Y年%-m月%-d日", hoverformat="%Y年%-m月%-d日")
    else:
        fig.update_xaxes(tickformat="%Y-%m-%d", hoverformat="%Y-%m-%d")


def per_channel_series(df: pd.DataFrame, indexed: bool) -> dict[str, pd.DataFrame]:
    """Each channel's series over every calendar day of its own span (NaN on days without data).

    Parameters
    ----------
    df : pandas.DataFrame
        ``channel_id``, ``date`` (datetime64), ``views`` (one row per channel and day).
    indexed : bool
        Divide by the channel's median daily views (days with data only).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``channel_id -> frame`` with ``date`` and ``value``.
    """
    out: dict[str, pd.DataFrame] = {}
    for channel_id, part in df.groupby("channel_id", sort=True):
        s = part.set_index(pd.to_datetime(part["date"]))["views"].astype("float64").sort_index()
        if s.empty:
            continue
        full = s.reindex(pd.date_range(s.index.min(), s.index.max(), freq="D"))
        if indexed:
            median = float(s.median())
            full = full / median if median > 0 else full * float("nan")
        out[str(channel_id)] = pd.DataFrame({"date": full.index, "value": full.to_numpy()})
    return out


def channels_figure(
    df: pd.DataFrame,
    names: dict[str, str],
    indexed: bool,
    lang: str = i18n.DEFAULT_LANGUAGE,
) -> go.Figure:
    """Daily views of several channels side by side, one line each.

    ``names`` maps channel ids to the names shown in the legend; with
    ``indexed`` each line is the channel's views divided by its own median
    day. Gaps in a channel's data are gaps in its line.
    """
    fig = go.Figure()
    for channel_id, series in per_channel_series(df, indexed).items():
        fig.add_scatter(
            x=series["date"],
            y=series["value"],
            mode="lines",
            name=names.get(channel_id, channel_id),
            connectgaps=False,
            showlegend=True,  # named even when only one channel has days in the window
        )
    fig.update_layout(
        title=t("display.side_by_side_title", lang),
        yaxis_title=t("display.indexed_axis" if indexed else "display.views_per_day_axis", lang),
        hovermode="x unified",
        margin={"t": 50, "b": 30},
        legend={"orientation": "h", "y": -0.15},
    )
    if indexed:
        fig.add_hline(y=1.0, line_dash="dot", line_color="gray")
    else:
        log_axis.readable_count_axis(fig, lang)
    date_axis(fig, lang)
    return fig


def readable_log_axis(fig: go.Figure, lang: str = i18n.DEFAULT_LANGUAGE) -> None:
    """Label a log-scale y axis of counts at 1-2-5 steps or decades, the language's way.

    Plotly's default labels every digit between powers ("2 3 4 ... 10k");
    see :func:`analytics.present.log_axis.readable_log_axis`.
    """
    log_axis.readable_log_axis(fig, lang, kind="count")
