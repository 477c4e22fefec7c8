"""How a channel and its platform are named on screen (no Streamlit here).

A file without a channel column lands in ``<platform>:default``; that id is
the store's key, never a name for people. :func:`channel_name` gives the
display name the user chose, or "Xiaohongshu channel (unnamed)" /
"小红书频道（未命名）" until the user names it (Import page or
``channels rename``).

>>> channel_name("xiaohongshu:default", "xiaohongshu:default", "xiaohongshu", "zh")
'小红书频道（未命名）'
>>> channel_name("TikTok Biz", "TikTok Biz", "tiktok", "en")
'TikTok Biz'
"""

from __future__ import annotations

import math
import weakref
from typing import Any

from analytics.i18n import t

PLATFORM_NAMES: dict[str, dict[str, str]] = {
    "youtube": {"en": "YouTube", "zh": "YouTube"},
    "tiktok": {"en": "TikTok", "zh": "TikTok"},
    "douyin": {"en": "Douyin", "zh": "抖音"},
    "kuaishou": {"en": "Kuaishou", "zh": "快手"},
    "bilibili": {"en": "Bilibili", "zh": "哔哩哔哩"},
    "xiaohongshu": {"en": "Xiaohongshu", "zh": "小红书"},
    "wechat_channels": {"en": "WeChat Channels", "zh": "视频号"},
    "wechat": {"en": "WeChat Channels", "zh": "视频号"},
    "meta": {"en": "Meta", "zh": "Meta"},
    "facebook": {"en": "Facebook", "zh": "Facebook"},
    "instagram": {"en": "Instagram", "zh": "Instagram"},
    "generic": {"en": "Other platform", "zh": "其他平台"},
}

#: The zone a new channel of a platform is suggested (Chinese platforms export Beijing time).
PLATFORM_ZONES: dict[str, str] = {
    "douyin": "Asia/Shanghai",
    "kuaishou": "Asia/Shanghai",
    "bilibili": "Asia/Shanghai",
    "xiaohongshu": "Asia/Shanghai",
    "wechat_channels": "Asia/Shanghai",
    "wechat": "Asia/Shanghai",
}


def platform_name(platform: object, lang: str = "en") -> str:
    """The platform's name in ``lang`` (``"xiaohongshu"`` -> ``"小红书"`` in Chinese)."""
    key = "" if platform is None else str(platform)
    names = PLATFORM_NAMES.get(key.lower())
    if names is None:
        return key
    return names.get(lang, names["en"])


def suggested_zone(platform: object, fallback: str = "UTC") -> str:
    """The time zone to suggest for a new channel of ``platform`` (``fallback`` when none)."""
    return PLATFORM_ZONES.get(str(platform or "").lower(), fallback)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == ""


def is_unnamed(channel_id: str, display_name: object) -> bool:
    """True for a channel the importer created without a name (``<platform>:default``)."""
    return str(channel_id).endswith(":default") and (
        _blank(display_name) or str(display_name) == str(channel_id)
    )


def channel_name(channel_id: str, display_name: object, platform: object, lang: str = "en") -> str:
    """The channel's name for people: its display name, never a raw ``xx:default`` id."""
    if is_unnamed(channel_id, display_name):
        return t("display.unnamed_channel", lang, platform=platform_name(platform, lang))
    return str(channel_id) if _blank(display_name) else str(display_name)


def channel_label(
    channel_id: str,
    display_name: object,
    platform: object,
    lang: str = "en",
    from_list: bool = False,
) -> str:
    """``"name (platform)"``, or the name alone when it already says the platform.

    A channel known only from a list of many channels (a trending list) says so.

    >>> channel_label("UC1", "Kitchen Lab", "youtube"), channel_label("d:default", None, "douyin", "zh")
    ('Kitchen Lab (YouTube)', '抖音频道（未命名）')
    >>> channel_label("UC2", "WIRED", "youtube", "en", from_list=True)
    'WIRED (YouTube · market list)'
    """
    name = channel_name(channel_id, display_name, platform, lang)
    if is_unnamed(channel_id, display_name):
        return name
    where = platform_name(platform, lang)
    if from_list:
        where = f"{where} · {t('display.from_list', lang)}"
    return f"{name} ({where})"


def channel_label_in(channels: Any, channel_id: str | None, lang: str = "en") -> str:
    """:func:`channel_label` of ``channel_id`` looked up in a channel list.

    Parameters
    ----------
    channels : pandas.DataFrame
        The store's channel list: columns ``channel_id``, ``display_name``,
        ``platform`` (:func:`analytics.services.channels.list_channels`).
    channel_id : str or None
        The channel; None or ``""`` means every channel ("All channels").
    lang : {"en", "zh"}

    Returns
    -------
    str
        The label; the id itself for a channel the list does not hold.
    """
    if not channel_id:
        return t("app.all_channels", lang)
    return _labels_of(channels, lang).get(str(channel_id), str(channel_id))


# Labels of one channel list, built once per list and language: a picker asks
# for every option's label on every run (hundreds of channels with a trending list).
_MEMO: dict[tuple[int, str], tuple[weakref.ref[Any], dict[str, str]]] = {}


def _labels_of(channels: Any, lang: str) -> dict[str, str]:
    key = (id(channels), lang)
    hit = _MEMO.get(key)
    if hit is not None and hit[0]() is channels:
        return hit[1]
    listed = (
        channels["from_list"].astype(bool).tolist()
        if "from_list" in channels.columns
        else [False] * len(channels)
    )
    labels: dict[str, str] = {}
    for cid, name, platform, flag in zip(
        channels["channel_id"], channels["display_name"], channels["platform"], listed, strict=True
    ):
        labels.setdefault(str(cid), channel_label(str(cid), name, platform, lang, flag))
    if len(_MEMO) > 32:
        _MEMO.clear()
    _MEMO[key] = (weakref.ref(channels), labels)
    return labels
