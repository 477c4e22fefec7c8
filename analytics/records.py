"""Plain records that store reads return and the analyses and charts take.

They live below every layer so that the store can build them and growth,
strategy and present can read them without importing the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DataCoverage:
    """What the store holds for one channel (or all), to tell what is missing.

    Attributes
    ----------
    channels : int
        Channels in scope.
    videos : int
        Videos in scope.
    videos_published : int
        Videos with a publish time.
    videos_with_duration : int
        Videos with ``duration_s``.
    videos_with_tags : int
        Videos with at least one tag (topic or hashtag).
    videos_with_daily : int
        Videos with at least one ``video_daily`` row.
    videos_with_totals : int
        Videos with at least one ``video_totals`` row.
    follower_days : int
        ``channel_daily`` days with a follower figure (net, gained or total).
    fan_interactions : int
        Non-spam rows of ``fan_interactions``.
    other_channels : int
        Channels of the store outside the scope (market or competitor data).
    """

    channels: int
    videos: int
    videos_published: int
    videos_with_duration: int
    videos_with_tags: int
    videos_with_daily: int
    videos_with_totals: int
    follower_days: int
    fan_interactions: int
    other_channels: int


@dataclass(frozen=True)
class KpiTotals:
    """Headline numbers of one period (inclusive dates).

    Attributes
    ----------
    start, end : datetime.date
        The period, inclusive.
    views : int or None
        Views summed over the daily channel series (None: no daily views).
    followers_net : int or None
        Net followers gained (gained minus lost) over the period.
    engagement_rate : float or None
        ``(likes + comments + shares + saves) / views``, a fraction. Per
        channel, over the daily rows of the period that carry interactions
        (video_daily first, else channel_daily); a channel without such rows
        uses the latest lifetime totals of its videos published in the
        period. None when nothing has both views and interactions.
    videos_published : int
        Videos whose publish date (channel time zone) falls in the period.
    engagement_basis : str or None
        ``'daily'`` (every channel's rate comes from daily rows),
        ``'published videos'`` (from lifetime totals of the videos published
        in the period), ``'mixed'``, or None with no rate.
    """

    start: dt.date
    end: dt.date
    views: int | None
    followers_net: int | None
    engagement_rate: float | None
    videos_published: int
    engagement_basis: str | None = None


@dataclass(frozen=True)
class KpiComparison:
    """KPI totals of a period and of the previous period of equal length."""

    current: KpiTotals
    previous: KpiTotals
