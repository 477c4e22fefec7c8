"""What the Import page shows of a file: readable columns, format names and notes in the UI language.

The importer stages canonical tables (``videos``, ``video_daily``...) with
bookkeeping columns (``_row``, ``lower_bounds``, ``import_id``); the preview
shows the stored columns under people's names (the metric names of the
Videos page), never the bookkeeping. Format labels and the importer's notes
are written in English by :mod:`analytics.ingest`; format labels are put into
Chinese phrase by phrase here, notes through the catalogues
(:mod:`analytics.present.import_notes`); anything unknown stays as written.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from analytics.channel_names import channel_name
from analytics.i18n import TABLE, t
from analytics.present import import_notes
from analytics.present.format_names import format_name as format_name  # the pages call it so
from dashboard import tables

_INTERNAL = {"lower_bounds", "import_id", "rank_key", "id_derived", "channel_id", "event_key"}


def table_name(table: str, lang: str) -> str:
    """A store table's name for people (``video_daily`` -> "daily numbers per video")."""
    key = f"display.table.{table}"
    return t(key, lang) if key in TABLE else table


def column_name(column: str, lang: str) -> str:
    """A canonical column's name for people, from the page catalogues where one exists."""
    for key in (f"display.field.{column}", f"videos.col.{column}"):
        if key in TABLE:
            return t(key, lang)
    return column


def _all_moments(values: pd.Series) -> bool:
    """True when every known value is a date or a timestamp (an object column of them)."""
    known = [v for v in values.tolist() if v is not None and not pd.isna(v)]
    return bool(known) and all(isinstance(v, (dt.date, pd.Timestamp)) for v in known)


def _all_midnight(values: pd.Series) -> bool:
    """True when no known value has a time of day."""
    known = [pd.Timestamp(v) for v in values.tolist() if v is not None and not pd.isna(v)]
    return all(v == v.normalize() for v in known)


def preview_frame(frame: pd.DataFrame, lang: str, rows: int = 20) -> pd.DataFrame:
    """The first ``rows`` staged rows without bookkeeping columns, as text, no ``None`` / ``nan``.

    >>> df = pd.DataFrame({"_row": [3], "title": ["a"], "views": [12345.0], "likes": [None],
    ...                    "lower_bounds": [None]})
    >>> preview_frame(df, "zh").to_dict("list")
    {'标题': ['a'], '播放量': ['1.2万'], '点赞': ['–']}
    >>> days = pd.DataFrame({"date": [pd.Timestamp("2025-12-31"), None]})
    >>> preview_frame(days, "en").iloc[:, 0].tolist()
    ['2025-12-31', '–']
    """
    keep = [c for c in frame.columns if not str(c).startswith("_") and c not in _INTERNAL]
    part = frame.head(rows)
    columns: list[tuple[str, str, str]] = []
    out: dict[str, list[str]] = {}
    for column in keep:
        values = part[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            kind = "rate" if column.endswith(("_rate", "_ctr", "_pct", "share")) else "count"
            if column.endswith("_s"):
                kind = "duration"
        elif pd.api.types.is_datetime64_any_dtype(values) or _all_moments(values):
            # a day (every time midnight) reads as a day, not "2025-12-31 00:00:00"
            kind = "date" if _all_midnight(values) else "datetime"
        elif column == "tags":
            kind = "tags"
        else:
            kind = "text"
        columns.append((column, kind, column))
        formatter = tables.KINDS[kind]
        out[column_name(column, lang)] = [formatter(v, lang) for v in values.tolist()]
    return pd.DataFrame(out)


def note_text(note: str, lang: str) -> str:
    """One importer note in ``lang`` (:func:`analytics.present.import_notes.note_text`).

    >>> note_text("no video id in this export: ids derived from platform, publish time and title", "zh")
    '导出文件没有作品 ID：按平台、发布时间和标题生成 ID'
    """
    text = import_notes.note_text(note, lang)
    # Never a raw "xiaohongshu:default": the channel's name for people.
    return _DEFAULT_ID.sub(lambda m: channel_name(m.group(0), None, m.group(1), lang), text)


_DEFAULT_ID = re.compile(r"\b([a-z_]+):default\b")
