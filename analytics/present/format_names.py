"""Export format names for people, in the UI language.

Format labels are written in English by :mod:`analytics.ingest`
(``YouTube Studio · daily by geography``) and past imports keep a format code
(``xiaohongshu_works``); the Import page, the archive and
``python -m analytics undo-import --list`` show them through :func:`format_name`,
phrase by phrase in Chinese where known; anything unknown stays as written.
"""

from __future__ import annotations

import re

from analytics.channel_names import platform_name

MISSING = "–"

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
        return MISSING
    text = str(label)
    works = re.fullmatch(r"([a-z_]+)_works", text)
    if works:
        platform = platform_name(works.group(1), lang)
        return f"{platform}作品列表" if lang == "zh" else f"{platform} works list"
    text = _FORMAT_CODES.get(text, text)
    if lang != "zh":
        return text
    return " · ".join(_part_zh(p.strip()) for p in text.split(" · "))
