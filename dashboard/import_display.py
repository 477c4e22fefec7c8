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

from analytics.channel_names import channel_name, platform_name
from analytics.i18n import TABLE, t
from analytics.present import import_notes
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


# Format labels: "<source> · <what>", each part put into Chinese where known.
_FORMAT_PARTS_ZH = {
    "YouTube Studio": "YouTube 工作室",
    "TikTok Studio": "TikTok 工作室",
    "Analytics": "数据分析",
    "Analytics table": "数据表",
    "Meta Business Suite": "Meta Business Suite",
    "YouTube Data API": "YouTube 数据 API",
    "YouTube Reporting API report": "YouTube 报告 API 报表",
    "Fan interactions": "粉丝互动",
    "daily per video (chart data)": "每条作品每日数据（图表数据）",
    "per video (table data)": "每条作品数据（表格数据）",
    "active followers by hour": "各小时活跃粉丝",
    "daily channel totals": "账号每日总计",
    "video list": "视频列表",
    "content (top posts)": "内容（热门作品）",
    "content": "内容",
    "daily": "每日",
    "Douyin 作品列表": "抖音作品列表",
    "Xiaohongshu 笔记列表": "小红书笔记列表",
    "WeChat Channels 视频数据": "视频号视频数据",
    "Bilibili 稿件数据": "哔哩哔哩稿件数据",
    "Kuaishou 作品列表": "快手作品列表",
    "Douyin 数据总览": "抖音数据总览",
}
_DIMENSIONS_ZH = {
    "geography": "地区",
    "traffic source": "流量来源",
    "device type": "设备类型",
    "age": "年龄",
    "gender": "性别",
    "subscription status": "订阅状态",
    "age group": "年龄段",
    "operating system": "操作系统",
    "playback location": "播放位置",
    "subtitles": "字幕",
    "content type": "内容类型",
}
# Internal format codes of past imports.
_FORMAT_CODES = {
    "dimension_table": "Analytics table",
    "fan_interactions": "Fan interactions",
    "meta_content": "Meta Business Suite · content",
    "meta_daily": "Meta Business Suite · daily",
    "tiktok_content": "TikTok Studio · content (top posts)",
    "youtube_api_videos": "YouTube Data API · video list",
    "youtube_reporting_api": "YouTube Reporting API report",
    "works_list_cn": "作品列表",
    "column_mapping": "Column mapping",
}


def _part_zh(part: str) -> str:
    if part in _FORMAT_PARTS_ZH:
        return _FORMAT_PARTS_ZH[part]
    match = re.fullmatch(r"(daily )?by (.+)", part)
    if match and match.group(2) in _DIMENSIONS_ZH:
        return ("按{}每日" if match.group(1) else "按{}").format(_DIMENSIONS_ZH[match.group(2)])
    return part


def format_name(label: object, lang: str) -> str:
    """A format label (or a stored format code) in ``lang``.

    >>> format_name("YouTube Studio · daily by geography", "zh")
    'YouTube 工作室 · 按地区每日'
    >>> format_name("xiaohongshu_works", "zh"), format_name("xiaohongshu_works", "en")
    ('小红书作品列表', 'Xiaohongshu works list')
    """
    if label is None or (isinstance(label, float) and label != label) or str(label) == "":
        return tables.MISSING
    text = str(label)
    works = re.fullmatch(r"([a-z_]+)_works", text)
    if works:
        platform = platform_name(works.group(1), lang)
        return f"{platform}作品列表" if lang == "zh" else f"{platform} works list"
    text = _FORMAT_CODES.get(text, text)
    if lang != "zh":
        return text
    return " · ".join(_part_zh(p.strip()) for p in text.split(" · "))


def note_text(note: str, lang: str) -> str:
    """One importer note in ``lang`` (:func:`analytics.present.import_notes.note_text`).

    >>> note_text("no video id in this export: ids derived from platform, publish time and title", "zh")
    '导出文件没有作品 ID：按平台、发布时间和标题生成 ID'
    """
    text = import_notes.note_text(note, lang)
    # Never a raw "xiaohongshu:default": the channel's name for people.
    return _DEFAULT_ID.sub(lambda m: channel_name(m.group(0), None, m.group(1), lang), text)


_DEFAULT_ID = re.compile(r"\b([a-z_]+):default\b")
