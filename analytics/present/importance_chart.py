"""The Drivers page's importance chart, readable in every UI language (no Streamlit here).

Each bar says how much worse the model predicts when one feature (or one
group of correlated features) is scrambled on held-out videos, as a share of
the model's own error: "+12%" reads "without this feature the predictions are
12% further off". Feature names are written in full, on as many lines as they
need (a group ``标题长度 + 标题含数字`` breaks between its members, a long
English name between words), and the left margin grows to fit them, so no
label is cut or folded into the bars.
"""

from __future__ import annotations

import unicodedata

import plotly.graph_objects as go

from analytics.i18n import DEFAULT_LANGUAGE, t
from analytics.models.drivers import Driver
from analytics.present.escape import html_escape
from analytics.present.reach_charts import feature_label

_BAR = "rgba(99, 110, 250, 0.75)"
#: Widest line of a label, in columns (a CJK character takes two).
LABEL_COLUMNS = 26
_LINE_PX = 18


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _split_long(part: str, columns: int) -> list[str]:
    """One name over several lines: between words, or between characters for CJK text."""
    words = part.split(" ") if " " in part else list(part)
    joiner = " " if " " in part else ""
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line}{joiner}{word}" if line else word
        if line and _width(candidate) > columns:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def wrap_label(label: str, columns: int = LABEL_COLUMNS) -> list[str]:
    """A feature label as lines no wider than ``columns`` (group members kept whole where they fit).

    >>> wrap_label("标题长度 + 标题含数字 + 标题含问句")
    ['标题长度 + 标题含数字 +', '标题含问句']
    >>> wrap_label("Days since the previous upload + Uploads in the previous 7 days")
    ['Days since the previous', 'upload +', 'Uploads in the previous 7', 'days']
    >>> wrap_label("Publish hour")
    ['Publish hour']
    """
    members = label.split(" + ")
    lines: list[str] = []
    line = ""
    for i, member in enumerate(members):
        piece = member + (" +" if i < len(members) - 1 else "")
        candidate = f"{line} {piece}" if line else piece
        if _width(candidate) <= columns:
            line = candidate
            continue
        if line:
            lines.append(line)
        parts = _split_long(piece, columns)
        lines.extend(parts[:-1])
        line = parts[-1]
    if line:
        lines.append(line)
    return lines


def importance_figure(
    drivers: list[Driver], lang: str = DEFAULT_LANGUAGE, model_error: float | None = None
) -> go.Figure:
    """Horizontal bars: how much worse the held-out predictions get without each feature.

    Parameters
    ----------
    drivers : list of Driver
        Permutation importances (MAE increase on the log scale, mean and
        spread over forward folds), largest first.
    lang : str
        Language of the title, axis, labels and hover text.
    model_error : float, optional
        The chosen model's held-out MAE on the same log scale: bars are then
        the increase as a share of it (``+12%``). Without it, the raw
        increase is drawn with a plain decimal axis (no SI prefixes).
    """
    shown = list(reversed(drivers))
    relative = model_error is not None and model_error > 0
    scale = 1.0 / model_error if relative and model_error else 1.0
    labels = [
        "<br>".join(html_escape(x) for x in wrap_label(feature_label(d.feature, lang)))
        for d in shown
    ]
    values = [d.importance * scale for d in shown]
    spreads = [d.std * scale for d in shown]
    # Enough decimals that the axis never reads "0% 0% 0%" when every effect is small.
    top = max([abs(v) + s for v, s in zip(values, spreads, strict=True)] or [0.0])
    digits = 0 if top >= 0.05 else 1 if top >= 0.005 else 2
    value_format = f"+.{digits}%" if relative else "+.4f"
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker_color=_BAR,
            error_x={"type": "data", "array": spreads, "visible": True},
            customdata=spreads,
            hovertemplate="%{y}: %{x:"
            + value_format
            + "} ± %{customdata:"
            + value_format.lstrip("+")
            + "}<extra></extra>",
        )
    )
    lines = sum(label.count("<br>") + 1 for label in labels)
    fig.update_layout(
        title=t("importance.title", lang),
        xaxis_title=t("importance.axis" if relative else "importance.axis_raw", lang),
        height=max(280, _LINE_PX * lines + 14 * len(shown) + 120),
        margin={"l": 10, "r": 20, "t": 50, "b": 50},
        bargap=0.35,
    )
    fig.update_xaxes(
        tickformat=f".{digits}%" if relative else ".4~f", exponentformat="none", zeroline=True
    )
    fig.update_yaxes(automargin=True, tickfont={"size": 13})
    return fig
