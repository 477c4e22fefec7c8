"""Which platform's exports may land in a channel: one platform per channel.

A TikTok export picked for a YouTube channel (or two platforms' files dropped
into one new channel in one batch) would mix two platforms' videos and numbers
in one channel; :func:`platform_clash` says why such a file is refused.
"""

from __future__ import annotations

import posixpath

from analytics.channel_names import platform_name
from analytics.ingest.formats.base import ImportOptions, Staged
from analytics.ingest.results import StoreFacts

# Names of one platform: an export that says only "Meta" fits a Facebook or an
# Instagram channel (and either fits a "Meta" channel); WeChat Channels has two ids.
_SAME_PLATFORM = {
    frozenset({"meta", "facebook"}),
    frozenset({"meta", "instagram"}),
    frozenset({"wechat", "wechat_channels"}),
}


def same_platform(a: str | None, b: str | None) -> bool:
    """True when exports of platforms ``a`` and ``b`` may share a channel.

    >>> same_platform("meta", "facebook"), same_platform("facebook", "instagram")
    (True, False)
    """
    return a == b or frozenset({a, b}) in _SAME_PLATFORM


def platform_clash(
    file_name: str, staged: Staged, options: ImportOptions, facts: StoreFacts
) -> str | None:
    """Why a file cannot land in the chosen channel: its platform is another one's, or None.

    A TikTok export picked for an existing YouTube channel would mix two
    platforms' videos and numbers in one channel; it is refused, naming the
    file and both platforms. Files of no particular platform (a column mapping,
    fan interactions) land anywhere.
    """
    existing = facts.channel_platform if options.channel else None
    if not staged.needs_channel or existing is None or staged.platform in (None, "", "generic"):
        return None
    if existing == "generic" or same_platform(existing, staged.platform):
        return None
    name = posixpath.basename(file_name.replace("\\", "/"))
    mine, theirs = platform_name(staged.platform), platform_name(existing)
    return (
        f"{name} is a {mine} export, but channel {options.channel!r} is a {theirs} channel; "
        f"pick a {mine} channel or type a new channel name for it"
    )
