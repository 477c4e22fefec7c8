"""Changing channels (rename, merge, time zone): the door pages and CLI go through.

See :mod:`analytics.store.channel_admin` for what each change does to the store.
"""

from __future__ import annotations

from analytics.store.channel_admin import (
    ChannelError,
    MergeResult,
    TimeZoneChange,
    check_time_zone,
    merge_channels,
    rename_channel,
    set_time_zone,
)
from analytics.store.channel_queries import channel_spans, daily_views_by_channel

__all__ = [
    "ChannelError",
    "MergeResult",
    "TimeZoneChange",
    "channel_spans",
    "check_time_zone",
    "daily_views_by_channel",
    "merge_channels",
    "rename_channel",
    "set_time_zone",
]
