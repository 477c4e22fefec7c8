"""Unlock cards: what to export where the data is too thin for a claim."""

from __future__ import annotations

from typing import Any

from analytics.features import hashtags
from analytics.growth import GrowthAnalysis
from analytics.strategy.cards import CONFIDENCE_WEIGHT, MIN_VIDEOS, UNLOCK_GAIN, Card, Evidence


def unlock_cards(a: GrowthAnalysis, *, fans: bool, market: bool) -> list[Card]:
    """Cards that say what to export where the data is too thin for a claim."""
    cov = a.coverage
    out: list[Card] = []

    def unlock(key: str, n: int, unit: str = "videos", **params: Any) -> None:
        out.append(
            Card(
                key,
                "data",
                params,
                Evidence(n, None, None, None, unit=unit, level=None, interval_kind="none"),
                "low",
                UNLOCK_GAIN / CONFIDENCE_WEIGHT["low"],
                None,
            )
        )

    if a.n_total < MIN_VIDEOS:
        unlock("unlock.videos", a.n_total, videos_count=a.n_total, needed_count=MIN_VIDEOS)
    elif a.n < MIN_VIDEOS and a.channels_left_out:
        # Enough videos in the store, but spread over channels with too few of their own.
        unlock(
            "unlock.own_videos",
            a.n,
            channels_count=a.channels_left_out,
            needed_count=a.min_channel_videos,
        )
    if cov.videos and cov.videos_with_duration == 0:
        unlock("unlock.duration", cov.videos_with_duration, videos_count=cov.videos)
    # tags, or #hashtags written in the title (Studio tables, Douyin and TikTok lists)
    titled = sum(1 for title in a.table.get("title", []) if hashtags(title))
    tagged = max(cov.videos_with_tags, titled)
    if cov.videos and tagged < cov.videos / 2:
        unlock("unlock.tags", tagged, videos_count=cov.videos)
    if cov.follower_days == 0:
        unlock("unlock.followers", 0, unit="days")
    if not fans:
        unlock("unlock.fans", cov.fan_interactions, unit="interactions")
    if not market:
        unlock("unlock.market", cov.other_channels, unit="channels")
    return out
