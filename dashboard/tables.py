"""Tables as people read them: translated headers, names not ids, no ``None`` / ``nan``.

A page hands :func:`show` a frame and the columns to show, each with a
kind; the frame shown holds only those columns, under headers in the
session's language, with values written the language's way (``156.3万``
in Chinese, ``1,563,000`` in English, ``–`` for an unknown value) and
channel ids replaced by the channel's name. Rows keep the order the query
gave (largest first where it matters).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from analytics.i18n import t
from analytics.present import charts

MISSING = "–"


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, tuple)) else False
    except (TypeError, ValueError):
        return False


def _text(value: Any, lang: str) -> str:
    return MISSING if _missing(value) or str(value).strip() == "" else str(value)


def _count(value: Any, lang: str) -> str:
    return charts.format_count(None if _missing(value) else float(value), lang)


def _rate(value: Any, lang: str) -> str:
    return charts.format_rate(None if _missing(value) else float(value))


def _ratio(value: Any, lang: str) -> str:
    return MISSING if _missing(value) else f"{float(value):.2f}×"


def _duration(value: Any, lang: str) -> str:
    if _missing(value):
        return MISSING
    total = int(round(float(value)))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _date(value: Any, lang: str) -> str:
    if _missing(value):
        return MISSING
    return f"{pd.Timestamp(value):%Y-%m-%d}"


def _datetime(value: Any, lang: str) -> str:
    if _missing(value):
        return MISSING
    return f"{pd.Timestamp(value):%Y-%m-%d %H:%M}"


def _tags(value: Any, lang: str) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and _missing(value)):
        return MISSING
    items = [str(v) for v in list(value) if not _missing(v) and str(v).strip()]
    return " ".join(f"#{v.lstrip('#')}" for v in items) if items else MISSING


def _int(value: Any, lang: str) -> str:
    return MISSING if _missing(value) else str(int(value))


KINDS: dict[str, Callable[[Any, str], str]] = {
    "text": _text,
    "count": _count,
    "rate": _rate,
    "ratio": _ratio,
    "duration": _duration,
    "date": _date,
    "datetime": _datetime,
    "tags": _tags,
    "int": _int,
}


def display_frame(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str, str]],
    lang: str,
    channel_names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The frame as shown: ``columns`` is ``(column, kind, header key)`` per shown column.

    Kind ``channel`` maps channel ids through ``channel_names``; the other
    kinds are in :data:`KINDS`. Columns missing from ``frame`` are skipped.

    >>> df = pd.DataFrame({"views": [1_563_000.0, float("nan")], "title": ["a", None]})
    >>> display_frame(df, [("title", "text", "videos.col.title"),
    ...                    ("views", "count", "videos.col.views")], "zh").to_dict("list")
    {'标题': ['a', '–'], '播放量': ['156.3万', '–']}
    """
    out: dict[str, list[str]] = {}
    for column, kind, header in columns:
        if column not in frame.columns:
            continue
        values = frame[column].tolist()
        if kind == "channel":
            names = channel_names or {}
            shown = [MISSING if _missing(v) else names.get(str(v), str(v)) for v in values]
        else:
            fmt = KINDS[kind]
            shown = [fmt(v, lang) for v in values]
        out[t(header, lang)] = shown
    return pd.DataFrame(out)


def show(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str, str]],
    lang: str,
    channel_names: dict[str, str] | None = None,
    **kwargs: Any,
) -> None:
    """Draw :func:`display_frame` with ``st.dataframe`` (index hidden)."""
    st.dataframe(display_frame(frame, columns, lang, channel_names), hide_index=True, **kwargs)
