"""Growth analytics from the creator's own outcomes.

Every comparison here is made on **relative reach**: a video's reach divided
by its channel's typical reach at the time it was published (the channel's
robust log-linear trend of reach over publish time, see
:func:`relative_reach`). Dividing by the channel's own typical level puts
channels of different sizes on one scale, and following the trend keeps a
growing channel's newer videos from looking better only because the channel
grew. The median relative reach of every channel is 1.

Reach is the exposure measure of :mod:`analytics.models.targets`: views on
the publish day and the 6 days after it where per-video daily data exists
(YouTube Studio), else the views a video is estimated to have had at 28 days
(lifetime views x S(28) / S(age)) from per-video totals and video lists
(YouTube Studio Content tables, Douyin, Xiaohongshu, ...).

What is measured
----------------
Best time to post
    Weekday x hour in the channel's time zone: the median relative reach of
    the videos in each slot, shown only where a slot holds at least
    ``min_videos`` videos; per hour with bootstrap intervals; and the
    contiguous hour window whose videos do best against the others.
Duration and format
    Median relative reach by duration bucket (up to 60 s, 61-180 s, over
    180 s) and by content type, best against worst.
Topics
    Median relative reach of each topic's videos against the other videos.
Cadence
    The gap before a video (days since the channel's previous upload)
    against its relative reach; uploads per week against the week's new
    followers (relative to the channel's rolling median week).
Outliers per format
    Relative reach divided by the median of the same channel and format;
    above 3x or below 1/3 is flagged.
Trend and weekly seasonality of daily views
    Log-linear trend of daily channel views (growth per 30 days) and the
    weekday profile of daily views around a centred 7-day mean.

Intervals are percentile bootstrap intervals (Efron & Tibshirani, *An
Introduction to the Bootstrap*, 1993) of ratios of medians, with a fixed
seed; weeks are resampled as blocks for the daily-views trend (Kunsch 1989,
moving-block bootstrap, here with non-overlapping weekly blocks).
"""

from __future__ import annotations

from analytics.growth.analysis import (
    GrowthAnalysis,
    analyse_table,
)
from analytics.growth.constants import (
    BRAND_TAG_SHARE,
    DURATION_BUCKETS,
    GAP_BUCKETS,
    LEVEL,
    MIN_GROUP,
    MIN_SLOT_VIDEOS,
    MIN_TREND_VIDEOS,
    N_BOOT,
    OUTLIER_HIGH,
    OUTLIER_LOW,
    POOL_MIN_VIDEOS,
    ROLLING_WEEKS,
    SHORT_GAP_DAYS,
    SLOT_HOURS,
    StorePath,
)
from analytics.growth.effects import (
    Effect,
    median_interval,
    median_ratio,
)
from analytics.growth.groups import (
    GroupEffects,
    group_effects,
)
from analytics.growth.outliers import (
    outliers_by_format,
)
from analytics.growth.posting_time import (
    BestTime,
    HourWindow,
    best_hour_window,
    best_time,
)
from analytics.growth.reach import (
    duration_bucket,
    gap_bucket,
    reach_table,
    relative_reach,
)
from analytics.growth.topics import (
    assign_topics,
)
from analytics.growth.trend import (
    ViewsTrend,
    views_trend,
)
from analytics.growth.upload_cadence import (
    Cadence,
    cadence,
    weekly_uploads_followers,
)
from analytics.records import DataCoverage

__all__ = [
    "BRAND_TAG_SHARE",
    "BestTime",
    "Cadence",
    "DURATION_BUCKETS",
    "DataCoverage",
    "Effect",
    "GAP_BUCKETS",
    "GroupEffects",
    "GrowthAnalysis",
    "HourWindow",
    "LEVEL",
    "MIN_GROUP",
    "MIN_SLOT_VIDEOS",
    "MIN_TREND_VIDEOS",
    "N_BOOT",
    "OUTLIER_HIGH",
    "OUTLIER_LOW",
    "POOL_MIN_VIDEOS",
    "ROLLING_WEEKS",
    "SHORT_GAP_DAYS",
    "SLOT_HOURS",
    "StorePath",
    "ViewsTrend",
    "analyse_table",
    "assign_topics",
    "best_hour_window",
    "best_time",
    "cadence",
    "duration_bucket",
    "gap_bucket",
    "group_effects",
    "median_interval",
    "median_ratio",
    "outliers_by_format",
    "reach_table",
    "relative_reach",
    "views_trend",
    "weekly_uploads_followers",
]
