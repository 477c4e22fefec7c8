"""The canonical metric columns every format stages and the store keeps, by unit.

The store's fact tables (:mod:`analytics.store.migrations`) have one column
per name here; the ingest formats and the column-mapping step name the same
columns. Counts are integers, rates are fractions in [0, 1], durations are
seconds.
"""

from __future__ import annotations

# Metric columns shared by the fact tables.  Counts are BIGINT, rates are
# fractions in [0, 1] (DOUBLE), durations are seconds (DOUBLE).
# The counts of the store's migration 1; later counts are added by their own migration.
COUNT_METRICS_V1 = (
    "views",
    "impressions",
    "likes",
    "dislikes",
    "comments",
    "shares",
    "saves",
    "danmaku",
    "profile_views",
    "unique_viewers",
    "new_viewers",
    "returning_viewers",
    "followers_gained",
    "followers_lost",
    "followers_net",
    "followers_total",
)
# YouTube Studio's returning viewers split by how often they watch (migration 4).
VIEWER_KIND_METRICS = ("casual_viewers", "regular_viewers")
COUNT_METRICS = (*COUNT_METRICS_V1, *VIEWER_KIND_METRICS)
RATE_METRICS_V1 = (
    "impressions_ctr",
    "completion_rate",
    "avg_view_pct",
    "bounce_rate_2s",
    "engagement_rate",
)
# Bilibili's share of plays that leave within 3 seconds (3秒跳出率; migration 5).
BOUNCE_3S_METRICS = ("bounce_rate_3s",)
RATE_METRICS = (*RATE_METRICS_V1, *BOUNCE_3S_METRICS)
SECONDS_METRICS = ("watch_time_s", "avg_view_duration_s")
