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
    views_days: tuple[tuple[str, int], ...] = ()
    followers_days: tuple[tuple[str, int], ...] = ()

    @property
    def days(self) -> int:
        """Length of the period in days."""
        return (self.end - self.start).days + 1

    def days_with(self, metric: str) -> int:
        """Days of the period with data for ``metric`` (``views`` or ``followers``) in any channel."""
        per_channel = self.views_days if metric == "views" else self.followers_days
        return max((n for _, n in per_channel), default=0)

    def covered(self, metric: str) -> bool:
        """True when every channel with ``metric`` data has it on every day of the period."""
        per_channel = self.views_days if metric == "views" else self.followers_days
        return bool(per_channel) and all(n >= self.days for _, n in per_channel)


@dataclass(frozen=True)
class KpiComparison:
    """KPI totals of a period and of the previous period of equal length."""

    current: KpiTotals
    previous: KpiTotals

    def comparable(self, metric: str) -> bool:
        """True when both periods hold ``metric`` on every day, for the same channels.

        A change against a period the archive barely covers ("+639.5% views"
        against 28 days holding 2 days of data) is no finding; the Overview
        then says how many days each period holds instead.
        """
        cur, prev = self.current, self.previous
        per = (
            (cur.views_days, prev.views_days)
            if metric == "views"
            else (cur.followers_days, prev.followers_days)
        )
        same_channels = {c for c, _ in per[0]} == {c for c, _ in per[1]}
        return same_channels and cur.covered(metric) and prev.covered(metric)
