"""Tables as people read them: translated headers, names not ids, no ``None`` / ``nan``.

A page hands :func:`show` a frame and the columns to show, each with a
kind; the frame shown holds only those columns, under headers in the
session's language, and channel ids replaced by the channel's name. Number
kinds (counts, rates, ratios, durations, whole numbers) stay numbers, so a
click on the header sorts them as numbers; they are *written* the
language's way (``156.3万`` in Chinese, ``1,563,000`` in English, ``4:05``,
``1.8%``) by a pandas Styler, whose text Streamlit shows while it sorts on
the value. An unknown value reads ``–``; a number column no row has is left
out and named in a caption. Rows keep the order the query gave.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from analytics.i18n import join_list, t
from analytics.present import charts
from analytics.present.file_names import file_label

MISSING = "–"


#: What an unknown number is shown as in a table: Streamlit writes "None" over a null
#: cell whatever the Styler says, so the cell holds this value (it sorts below every
#: number) and the Styler writes it ``–``.
UNKNOWN_NUMBER = float("-inf")


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and (math.isnan(value) or value == UNKNOWN_NUMBER):
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


def _file(value: Any, lang: str) -> str:
    return MISSING if _missing(value) else file_label(str(value))


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
    "file": _file,
}
#: Kinds kept as numbers in the frame shown (sortable), written by :data:`KINDS`.
NUMBER_KINDS = frozenset({"count", "rate", "ratio", "duration", "int"})


def _as_number(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype("float64")


def display_frame(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str, str]],
    lang: str,
    channel_names: dict[str, str] | None = None,
    *,
    drop_empty: bool = False,
) -> pd.DataFrame:
    """The frame as shown: ``columns`` is ``(column, kind, header key)`` per shown column.

    Kind ``channel`` maps channel ids through ``channel_names``; number kinds
    (:data:`NUMBER_KINDS`) stay ``float64`` (NaN where unknown) so they sort
    as numbers, and :func:`styled` writes them; the other kinds are written
    here by :data:`KINDS`. Columns missing from ``frame`` are skipped; with
    ``drop_empty``, so are number columns that no row has.

    >>> df = pd.DataFrame({"views": [1_563_000, None], "title": ["a", None]})
    >>> display_frame(df, [("title", "text", "videos.col.title"),
    ...                    ("views", "count", "videos.col.views")], "zh").to_dict("list")
    {'标题': ['a', '–'], '播放量': [1563000.0, nan]}
    """
    out: dict[str, Any] = {}
    for column, kind, header in columns:
        if column not in frame.columns:
            continue
        values = frame[column]
        if kind in NUMBER_KINDS:
            numbers = _as_number(values)
            if drop_empty and numbers.isna().all():
                continue
            out[t(header, lang)] = numbers.to_numpy()
        elif kind == "channel":
            names = channel_names or {}
            out[t(header, lang)] = [
                MISSING if _missing(v) else names.get(str(v), str(v)) for v in values.tolist()
            ]
        else:
            fmt = KINDS[kind]
            out[t(header, lang)] = [fmt(v, lang) for v in values.tolist()]
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


def empty_columns(
    frame: pd.DataFrame, columns: Sequence[tuple[str, str, str]], lang: str
) -> list[str]:
    """Headers of the number columns in ``columns`` that no row of ``frame`` has."""
    return [
        t(header, lang)
        for column, kind, header in columns
        if kind in NUMBER_KINDS
        and column in frame.columns
        and _as_number(frame[column]).isna().all()
    ]


def styled(
    shown: pd.DataFrame, columns: Sequence[tuple[str, str, str]], lang: str
) -> pd.io.formats.style.Styler:
    """A Styler writing the number columns of :func:`display_frame`'s frame the language's way.

    The values stay numbers (Streamlit sorts on them); the text shown is
    ``KINDS[kind]`` of each value, ``–`` where unknown.

    >>> shown = pd.DataFrame({"播放量": [1_563_000.0, float("nan")]})
    >>> styled(shown, [("views", "count", "videos.col.views")], "zh").to_string().split()[-4:]
    ['0', '156.3万', '1', '–']
    """
    formats: dict[str, Callable[[Any], str]] = {}
    filled = shown.copy()
    for _column, kind, header in columns:
        name = t(header, lang)
        if kind in NUMBER_KINDS and name in shown.columns:
            fmt = KINDS[kind]
            formats[name] = lambda v, fmt=fmt: fmt(v, lang)
            filled[name] = shown[name].fillna(UNKNOWN_NUMBER)
    return filled.style.format(formats, na_rep=MISSING)


def show(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str, str]],
    lang: str,
    channel_names: dict[str, str] | None = None,
    **kwargs: Any,
) -> None:
    """Draw :func:`display_frame` with ``st.dataframe`` (index hidden), numbers sortable.

    A number column no row has is left out, and a caption names it; a
    caption also says what ``–`` means when a shown number column has gaps.
    """
    shown = display_frame(frame, columns, lang, channel_names, drop_empty=not frame.empty)
    st.dataframe(styled(shown, columns, lang), hide_index=True, **kwargs)
    for note in missing_notes(frame, columns, lang):
        st.caption(note)


def missing_notes(
    frame: pd.DataFrame, columns: Sequence[tuple[str, str, str]], lang: str
) -> list[str]:
    """Captions for the number columns left out (no row has them) or with gaps (``–``)."""
    if frame.empty:
        return []
    notes = []
    empty = empty_columns(frame, columns, lang)
    if empty:
        notes.append(t("tables.not_in_exports", lang, columns=join_list(empty, lang)))
    gaps = [
        t(header, lang)
        for column, kind, header in columns
        if kind in NUMBER_KINDS
        and column in frame.columns
        and t(header, lang) not in empty
        and _as_number(frame[column]).isna().any()
    ]
    if gaps:
        notes.append(t("tables.dash_means", lang, columns=join_list(gaps, lang)))
    return notes
