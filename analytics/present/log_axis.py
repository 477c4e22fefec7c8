"""Log-scale axes a creator can read: ticks at 1-2-5 (or whole decades), written with Babel.

Plotly labels a log axis at every digit between powers of ten
("2 3 4 5 ... 10k"), with SI suffixes a creator does not write (``10k``,
``1M``, ``200µ``) and never in 万. Every log axis of the dashboard, the CLI's
report and the pages goes through :func:`readable_log_axis`, which sets
explicit tick values at 1, 2 and 5 times each power of ten (whole powers only
when the axis spans more than three decades) and writes their labels the
language's way: ``1,000`` / ``10,000`` / ``1M`` in English, ``1,000`` /
``1万`` / ``100万`` / ``1亿`` in Chinese, ``50%``, ``2×``, ``30 s`` / ``2 min``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from babel.numbers import format_decimal, format_percent

from analytics import i18n
from analytics.i18n import t

#: Kinds of values on an axis, each written its own way.
KINDS = ("count", "rate", "ratio", "duration")
#: Above this many decades only whole powers of ten are labelled.
MAX_DECADES_WITH_STEPS = 3.5
#: Round durations (seconds) for a log axis of durations: 10 s ... 30 s, 1 min ... 30 min, 1 h...
DURATION_TICKS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 18000, 36000)


def log_ticks(low: float, high: float) -> list[float]:
    """Tick values between ``low`` and ``high`` (both > 0): 1-2-5 steps, or decades when wide.

    >>> log_ticks(3, 900)
    [5, 10, 20, 50, 100, 200, 500]
    >>> log_ticks(40, 3e8)
    [100, 1000, 10000, 100000, 1000000, 10000000, 100000000]
    >>> log_ticks(120, 180)
    [120, 130, 140, 150, 160, 170, 180]
    """
    if not (low > 0 and high > 0):
        return []
    low, high = min(low, high), max(low, high)
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    steps = (1, 2, 5) if math.log10(high / low) <= MAX_DECADES_WITH_STEPS else (1,)

    def within(candidates: Iterable[float]) -> list[float]:
        eps = 1e-9 * high
        out = sorted({_clean(v) for v in candidates if low - eps <= v <= high + eps})
        return out

    ticks = within(m * 10.0**d for d in range(first, last + 1) for m in steps)
    if len(ticks) < 3:  # a narrow axis: every digit of each decade
        ticks = within(m * 10.0**d for d in range(first, last + 1) for m in range(1, 10))
    if len(ticks) < 3:  # narrower still: round steps of the span
        step = 10.0 ** math.floor(math.log10(high - low)) if high > low else high
        if (high - low) / step < 3:
            step /= 2
        ticks = within(k * step for k in range(math.ceil(low / step), math.floor(high / step) + 1))
    if len(ticks) > 12:
        ticks = ticks[:: math.ceil(len(ticks) / 12)]
    return ticks


def _clean(value: float) -> float:
    """``2.0000000000000004`` -> ``2``; whole numbers as int (so doctests read plainly)."""
    rounded = float(f"{value:.6g}")
    return int(rounded) if rounded.is_integer() else rounded


def tick_label(value: float, kind: str, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """One tick's label, written the language's way (Babel / CLDR).

    >>> [tick_label(v, "count", "zh") for v in (500, 10_000, 2_000_000, 1e8)]
    ['500', '1万', '200万', '1亿']
    >>> [tick_label(v, "count", "en") for v in (500, 10_000, 2_000_000)]
    ['500', '10,000', '2M']
    >>> tick_label(0.05, "rate", "en"), tick_label(0.5, "ratio", "zh"), tick_label(120, "duration")
    ('5%', '0.5×', '2 min')
    """
    locale = i18n.babel_locale(lang)
    if kind == "count":
        return i18n.format_count(value, lang)
    if kind == "rate":
        return str(format_percent(value, "#,##0.##%", locale=locale))
    if kind == "ratio":
        return f"{format_decimal(value, '#,##0.##', locale=locale)}×"
    if kind == "duration":
        if value < 60:
            return t("axis.seconds", lang, value=format_decimal(value, "#,##0.#", locale=locale))
        if value < 3600:
            minutes = format_decimal(value / 60, "#,##0.#", locale=locale)
            return t("axis.minutes", lang, value=minutes)
        return t("axis.hours", lang, value=format_decimal(value / 3600, "#,##0.#", locale=locale))
    raise ValueError(f"unknown axis kind {kind!r}; one of {KINDS}")


def readable_log_axis(
    fig: go.Figure,
    lang: str = i18n.DEFAULT_LANGUAGE,
    *,
    axis: str = "y",
    kind: str = "count",
    values: Iterable[float] | None = None,
) -> None:
    """Make ``axis`` of ``fig`` a log axis with labelled 1-2-5 ticks.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        Changed in place.
    lang : str
        Language of the labels.
    axis : {"y", "x"}
    kind : {"count", "rate", "ratio", "duration"}
        How the values are written (see :func:`tick_label`).
    values : iterable of float, optional
        The values the axis shows; by default every trace's values on that
        axis, widened to an explicit ``range`` (log10 units) when the figure
        has one.
    """
    found = _axis_values(fig, axis) if values is None else list(values)
    arr = np.asarray([v for v in found if _positive(v)], dtype=float)
    layout_axis = fig.layout.yaxis if axis == "y" else fig.layout.xaxis
    low = float(arr.min()) if arr.size else None
    high = float(arr.max()) if arr.size else None
    if layout_axis.range is not None:
        lo_r, hi_r = (10.0 ** float(r) for r in layout_axis.range)
        low, high = lo_r, hi_r
    update: dict[str, object] = {"type": "log", "exponentformat": "none"}
    if low is not None and high is not None:
        ticks = log_ticks(low, high)
        if kind == "duration":
            ticks = [v for v in DURATION_TICKS if low <= v <= high] or ticks
        update |= {
            "tickmode": "array",
            "tickvals": ticks,
            "ticktext": [tick_label(v, kind, lang) for v in ticks],
        }
    if axis == "y":
        fig.update_yaxes(**update)
    else:
        fig.update_xaxes(**update)


def _positive(value: object) -> bool:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return math.isfinite(v) and v > 0


def _axis_values(fig: go.Figure, axis: str) -> list[float]:
    out: list[float] = []
    for trace in fig.data:
        data = getattr(trace, axis, None)
        if data is None:
            continue
        out.extend(v for v in data if _positive(v))
    for shape in fig.layout.shapes or ():  # hline / hrect bands (the planner's p10-p90)
        for key in ("y0", "y1") if axis == "y" else ("x0", "x1"):
            v = getattr(shape, key, None)
            ref = shape.yref if axis == "y" else shape.xref
            if ref in (axis, f"{axis} domain") and ref == axis and _positive(v):
                out.append(float(v))  # type: ignore[arg-type]
    return out


def linear_ticks(high: float, low: float = 0.0, count: int = 5) -> list[float]:
    """Round tick values from ``low`` (0 or below) to ``high``: steps of 1, 2, 2.5 or 5 x 10^k.

    >>> linear_ticks(63_000)
    [0, 20000, 40000, 60000]
    >>> linear_ticks(7, -3)
    [-2, 0, 2, 4, 6]
    """
    low = min(low, 0.0)
    span = high - low
    if not (span > 0 and math.isfinite(span)):
        return []
    raw = span / count
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9)
    return [_clean(k * step) for k in range(first, int(high // step + 1e-9) + 1)]


def readable_count_axis(
    fig: go.Figure,
    lang: str = i18n.DEFAULT_LANGUAGE,
    *,
    axis: str = "y",
    ref: str | None = None,
) -> None:
    """Label a linear axis of counts the language's way (``2万`` in Chinese, never ``20k``).

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        Changed in place.
    lang : str
    axis : {"y", "x"}
    ref : str, optional
        The axis of a subplot or a secondary axis (``"y2"``); default ``axis``.
        Its range is the traces drawn on it (their sum per point where the
        figure stacks them).
    """
    ref = ref or axis
    low, high = _axis_span(fig, axis, ref)
    ticks = linear_ticks(high, low)
    if not ticks:
        return
    name = f"{axis}axis{ref[1:]}"
    fig.update_layout(
        {
            name: {
                "tickmode": "array",
                "tickvals": ticks,
                "ticktext": [i18n.format_count(v, lang) for v in ticks],
            }
        }
    )


def _axis_span(fig: go.Figure, axis: str, ref: str) -> tuple[float, float]:
    columns = []
    stacked = fig.layout.barmode in ("stack", "relative")
    for trace in fig.data:
        data = getattr(trace, axis, None)
        if data is None or (getattr(trace, f"{axis}axis", None) or axis) != ref:
            continue
        values = pd.to_numeric(pd.Series(list(data)), errors="coerce").to_numpy(dtype=float)
        columns.append(np.nan_to_num(values, nan=0.0))
        stacked = stacked or bool(getattr(trace, "stackgroup", None))
    sized = [c for c in columns if c.size]
    if not sized:
        return 0.0, 0.0
    high = max(float(c.max()) for c in sized)
    low = min(float(c.min()) for c in sized)
    if stacked and len({c.size for c in sized}) == 1:
        high = max(high, float(np.sum(sized, axis=0).max()))
    return low, high
