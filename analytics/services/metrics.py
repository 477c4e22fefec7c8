"""Period metrics for the Overview, Videos and Import pages: named store reads.

The functions are the store's named read queries
(:mod:`analytics.store.queries`), offered here so that pages and the CLI
have one door; each opens its own short-lived connection.
"""

from __future__ import annotations

from analytics.records import KpiComparison, KpiTotals
from analytics.store.queries import (
    OUTLIER_HIGH,
    OUTLIER_LOW,
    OUTLIER_MIN_VIDEOS,
    daily_views,
    followers_series,
    import_rejects,
    kpi_comparison,
    list_imports,
    previous_period,
    top_videos,
    video_daily_curve,
    video_outliers,
    video_table,
)

__all__ = [
    "OUTLIER_HIGH",
    "OUTLIER_LOW",
    "OUTLIER_MIN_VIDEOS",
    "KpiComparison",
    "KpiTotals",
    "daily_views",
    "followers_series",
    "import_rejects",
    "kpi_comparison",
    "list_imports",
    "previous_period",
    "top_videos",
    "video_daily_curve",
    "video_outliers",
    "video_table",
]
