"""Thresholds, bucket edges and bootstrap settings shared by the growth analyses."""

from __future__ import annotations

import math
import os

StorePath = str | os.PathLike[str]

#: Fewer videos than this and a channel's reach has no trend (overall median).
MIN_TREND_VIDEOS = 8
#: With every channel pooled, only channels with at least this many videos of known reach
#: of their own take part in the channel-relative analyses (a channel's relative reach
#: is measured against its own typical reach: with one video it is always 1).
POOL_MIN_VIDEOS = 20
#: Smallest group compared anywhere (videos on each side).
MIN_GROUP = 5
#: Smallest number of videos in a weekday x hour slot for its value to be shown.
MIN_SLOT_VIDEOS = 3
#: Hours per heatmap column (weekday x hour block).
SLOT_HOURS = 3
#: Bootstrap resamples and interval level.
N_BOOT = 1000
LEVEL = 0.95
#: Outlier thresholds against the median of the same channel and format.
OUTLIER_HIGH = 3.0
OUTLIER_LOW = 1.0 / 3.0
#: A tag on more than this share of a channel's videos names the channel, not a topic.
BRAND_TAG_SHARE = 0.9
#: Duration buckets: (key, lower bound exclusive, upper bound inclusive), seconds.
DURATION_BUCKETS: tuple[tuple[str, float, float], ...] = (
    ("le60", 0.0, 60.0),
    ("61_180", 60.0, 180.0),
    ("181_480", 180.0, 480.0),
    ("481_720", 480.0, 720.0),
    ("gt720", 720.0, math.inf),
)
#: Gap buckets (days since the previous upload): (key, lower inclusive, upper exclusive).
GAP_BUCKETS: tuple[tuple[str, float, float], ...] = (
    ("lt1", 0.0, 1.0),
    ("1_3", 1.0, 3.0),
    ("3_7", 3.0, 7.0),
    ("ge7", 7.0, math.inf),
)
#: Uploads closer than this (days) count as a "short gap".
SHORT_GAP_DAYS = 2.0
#: Weeks in the rolling window of the typical weekly follower gain.
ROLLING_WEEKS = 9
