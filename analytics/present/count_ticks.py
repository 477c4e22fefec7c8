"""Tick values and labels of count axes and colour bars, written the language's way.

Plotly writes its own SI ticks (``20k``, ``1.5M``); a Chinese reader counts in
万 and 亿. These helpers choose round tick values (1, 2 or 5 times a power of
ten) and label each through :func:`analytics.i18n.format_count` (or as a
percentage for shares), so an axis or colour bar reads ``2万 4万 6万`` in
简体中文 and ``20,000 40,000 60,000`` in English.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from babel.numbers import format_compact_currency, format_currency

from analytics.i18n import babel_locale, format_count, format_percent, normalize_lang


def nice_step(span: float, target: int = 5) -> float:
    """A round step (1, 2 or 5 x 10^k) giving about ``target`` ticks over ``span``.

    >>> nice_step(100_000), nice_step(7), nice_step(0.6)
    (20000.0, 2.0, 0.1)
    """
    if not math.isfinite(span) or span <= 0:
        return 1.0
    raw = span / max(target, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for mult in (1.0, 2.0, 5.0, 10.0):
        if raw <= mult * power * (1 + 1e-9):
            return mult * power
    return 10.0 * power


def tick_values(values: Iterable[Any], target: int = 5, *, whole: bool = True) -> list[float]:
    """Round tick values from 0 (or the minimum, when negative) to the largest value.

    Parameters
    ----------
    values : iterable of numbers
        The plotted values (NaN and None ignored).
    target : int
        About how many ticks.
    whole : bool
        Counts: never a tick step below 1.
    """
    finite = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    if not finite:
        return []
    low, high = min(0.0, min(finite)), max(finite)
    if high <= low:
        return [low]
    step = nice_step(high - low, target)
    if whole:
        step = max(step, 1.0)
    first = math.floor(low / step) * step
    ticks = []
    v = first
    while v <= high + step * 1e-9:
        ticks.append(round(v, 10))
        v += step
    return ticks


def tick_text(ticks: list[float], lang: str, *, share: bool = False) -> list[str]:
    """Labels of tick values: counts through Babel (``2万``), shares as percentages."""
    if share:
        digits = 0 if all(abs(v * 100 - round(v * 100)) < 1e-9 for v in ticks) else 1
        return [format_percent(v, lang, digits=digits) for v in ticks]
    return [format_count(v, lang) for v in ticks]


def money_text(value: float | None, currency: str, lang: str) -> str:
    """An amount with its currency, the language's way (``$1,234.50``, ``US$12.3万``).

    ``'–'`` when unknown; a bare number when the export named no currency.
    """
    if value is None or not math.isfinite(float(value)):
        return "–"
    v = float(value)
    locale = babel_locale(lang)
    threshold = 1e4 if normalize_lang(lang) == "zh" else 1e6
    if not currency:
        return f"{v:,.2f}" if abs(v) < threshold else format_count(v, lang)
    if abs(v) < threshold:
        return str(format_currency(v, currency, locale=locale))
    return str(format_compact_currency(v, currency, locale=locale, fraction_digits=1))


def money_axis(values: Iterable[Any], currency: str, lang: str) -> dict[str, Any]:
    """Axis settings whose ticks are amounts in ``currency`` (see :func:`money_text`)."""
    ticks = tick_values(values, whole=False)
    if not ticks:
        return {}
    return {
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [money_text(v, currency, lang) for v in ticks],
    }


def count_axis(values: Iterable[Any], lang: str, *, share: bool = False) -> dict[str, Any]:
    """Plotly axis settings with language-written ticks (``tickvals`` and ``ticktext``).

    Empty when there is nothing to tick (Plotly's own ticks then stay).
    """
    ticks = tick_values(values, whole=not share)
    if not ticks:
        return {}
    return {
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": tick_text(ticks, lang, share=share),
    }


def colorbar(
    values: Iterable[Any], lang: str, *, share: bool = False, **extra: Any
) -> dict[str, Any]:
    """A colour bar whose ticks are written the language's way (see :func:`count_axis`)."""
    return {**extra, **count_axis(values, lang, share=share)}


__all__ = [
    "colorbar",
    "count_axis",
    "money_axis",
    "money_text",
    "nice_step",
    "tick_text",
    "tick_values",
]
