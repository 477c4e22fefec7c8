"""What the Audience and Traffic pages ask for: breakdown tables, series, funnel, band.

Thin: each function reads through :mod:`analytics.store.breakdown_queries`
and shapes with :mod:`analytics.growth.breakdowns` /
:mod:`analytics.growth.funnel`. Every function takes the store path first
and plain values after it, so the UI can cache it by data version.
"""

from __future__ import annotations

import pandas as pd

from analytics.growth import breakdowns as B
from analytics.growth import funnel as F
from analytics.growth.breakdowns import BreakdownTable, files_of
from analytics.store import breakdown_queries as Q
from analytics.store import queries

# Dimensions of the Audience page, in the order Studio shows them; anything
# else the store holds is listed under "other breakdowns".
AUDIENCE_DIMENSIONS = (
    "geography",
    "city",
    "viewer_age",
    "viewer_gender",
    "gender",
    "viewer_age_gender",
    "device_type",
    "operating_system",
    "subscription_status",
    "subscription_source",
    "new_returning",
    "hour_of_day",
)
# Funnel steps compared per view (likes per view ...).
PER_VIEW_STEPS = frozenset(step for step, _, per_view in F.FUNNEL_STEPS if per_view)
TRAFFIC_DIMENSIONS = (
    "traffic_source",
    "traffic_source_detail",
    "search_term",
    "external_site",
    "sharing_service",
    "playback_location",
)


def channels_with_data(db_path: str, page: str) -> list[str]:
    """Channels holding data for the Audience or the Traffic page, most rows first.

    Parameters
    ----------
    db_path : str
        The store.
    page : {"audience", "traffic"}
        Which page's dimensions count (:data:`AUDIENCE_DIMENSIONS` and viewer
        counts, or :data:`TRAFFIC_DIMENSIONS`).

    Returns
    -------
    list of str
        Channel ids; empty when no channel holds any (the page then says so).
    """
    dims = set(AUDIENCE_DIMENSIONS) | {"viewers"} if page == "audience" else set(TRAFFIC_DIMENSIONS)
    counts = Q.breakdown_counts(db_path)
    counts = counts[counts["dimension"].isin(dims)]
    if counts.empty:
        return []
    totals = counts.groupby("channel_id")["rows"].sum().sort_values(ascending=False, kind="stable")
    return [str(c) for c in totals.index]


def channel_time_zone(db_path: str, channel_id: str) -> str:
    """The channel's IANA time zone (``UTC`` when the channel is unknown)."""
    channels = queries.list_channels(db_path)
    row = channels[channels["channel_id"] == channel_id]
    return str(row["time_zone"].iloc[0]) if not row.empty and row["time_zone"].iloc[0] else "UTC"


# Audience sections each platform's exports can fill (for "not in your exports yet").
PLATFORM_SECTIONS = {
    "youtube": (
        "geography",
        "city",
        "viewer_age",
        "viewer_gender",
        "device_type",
        "operating_system",
        "subscription_status",
        "subscription_source",
        "viewers",
    ),
    "tiktok": ("geography", "gender", "viewers", "hour_of_day"),
}


def channel_platform(db_path: str, channel_id: str) -> str:
    """The channel's platform (``youtube``, ``tiktok``, ``douyin`` ...; empty when unknown)."""
    channels = queries.list_channels(db_path)
    row = channels[channels["channel_id"] == channel_id]
    return str(row["platform"].iloc[0]) if not row.empty else ""


def expected_sections(platform: str) -> tuple[str, ...]:
    """Audience sections the platform's exports can fill (none known for the others)."""
    return PLATFORM_SECTIONS.get(platform, ())


def dimensions(db_path: str, channel_id: str) -> list[str]:
    """The breakdown dimensions the store holds for ``channel_id``, sorted."""
    return list(Q.breakdown_dimensions(db_path, channel_id)["dimension"])


def other_dimensions(db_path: str, channel_id: str) -> list[str]:
    """Dimensions held that neither page shows in a section of its own."""
    known = set(AUDIENCE_DIMENSIONS) | set(TRAFFIC_DIMENSIONS)
    return [d for d in dimensions(db_path, channel_id) if d not in known]


def breakdown_table(db_path: str, channel_id: str, dimension: str) -> B.BreakdownTable | None:
    """The newest period's table of one dimension (see :func:`analytics.growth.breakdowns.period_table`)."""
    return B.period_table(Q.breakdown_rows(db_path, channel_id, dimension))


def breakdown_daily(db_path: str, channel_id: str, dimension: str) -> pd.DataFrame:
    """The daily series of one dimension: ``date, key, value, file_name`` (may be empty)."""
    rows = Q.breakdown_rows(db_path, channel_id, dimension)
    if dimension == "traffic_source":
        rows = B.traffic_split(rows)["sources"]
    return B.daily_series(rows)


def traffic_tables(db_path: str, channel_id: str) -> dict[str, B.BreakdownTable]:
    """Traffic tables: ``sources`` plus one per detail kind held (``search_term`` ...).

    Detail rows stored under their own dimension (``search_term``,
    ``external_site``, ``sharing_service``, ``playback_location``) are
    included under that name.
    """
    out: dict[str, B.BreakdownTable] = {}
    parts = B.traffic_split(Q.breakdown_rows(db_path, channel_id, "traffic_source"))
    held = set(dimensions(db_path, channel_id))
    for dim in TRAFFIC_DIMENSIONS[1:]:
        if dim not in held:
            continue
        rows = Q.breakdown_rows(db_path, channel_id, dim)
        if dim != "traffic_source_detail":
            parts[dim] = rows
            continue
        # Detail rows with a source prefix join their kind; the rest stay "details".
        for kind, part in B.traffic_split(rows).items():
            name = dim if kind == "sources" else kind
            parts[name] = pd.concat([parts[name], part]) if name in parts else part
    for kind, rows in parts.items():
        table = B.period_table(rows)
        if table is not None:
            out[kind] = table
    return out


def viewer_types(db_path: str, channel_id: str) -> pd.DataFrame:
    """New, returning and unique viewers per day (``viewer_daily``), where exported."""
    return Q.viewer_daily(db_path, channel_id)


def follower_activity(db_path: str, channel_id: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Follower activity by weekday and local hour, and the files it came from."""
    rows = Q.breakdown_rows(db_path, channel_id, "hour_of_day")
    tz = channel_time_zone(db_path, channel_id)
    return B.activity_heatmap(rows, tz), B.files_of(rows)


def funnel_videos(db_path: str, channel_id: str) -> pd.DataFrame:
    """Per-video funnel rows (newest totals row per video; see ``video_funnel_rows``)."""
    return Q.video_funnel_rows(db_path, channel_id)


def channel_funnel(db_path: str, channel_id: str) -> pd.DataFrame:
    """The channel's funnel with the typical range of one video per step."""
    return F.channel_funnel(Q.video_funnel_rows(db_path, channel_id))


def video_funnel(db_path: str, channel_id: str, video_id: str) -> pd.DataFrame:
    """One video's funnel against the channel's typical range."""
    return F.video_funnel(Q.video_funnel_rows(db_path, channel_id), video_id)


def performance_band(db_path: str, channel_id: str, n: int = 10) -> pd.DataFrame:
    """Views at 1, 7, 28 days of each video against the channel's last ``n`` videos."""
    return F.performance_band(Q.video_daily_views(db_path, channel_id), n=n)


def band_files(db_path: str, channel_id: str) -> tuple[str, ...]:
    """The export files behind the per-video daily views."""
    return B.files_of(Q.video_daily_views(db_path, channel_id))


def breakdown_context(db_path: str, channel_id: str) -> list[B.ContextFact]:
    """Top group per audience and traffic breakdown, for strategy cards.

    Describes the past audience; never a predictor's feature.
    """
    tables: dict[str, B.BreakdownTable] = {}
    for dim in dimensions(db_path, channel_id):
        if dim in {"hour_of_day", "traffic_source"}:
            continue
        table = breakdown_table(db_path, channel_id, dim)
        if table is not None:
            tables[dim] = table
    sources = traffic_tables(db_path, channel_id).get("sources")
    if sources is not None:
        tables["traffic_source"] = sources
    return B.breakdown_context(tables)


__all__ = [
    "AUDIENCE_DIMENSIONS",
    "PER_VIEW_STEPS",
    "BreakdownTable",
    "files_of",
    "TRAFFIC_DIMENSIONS",
    "band_files",
    "breakdown_context",
    "breakdown_daily",
    "breakdown_table",
    "channel_funnel",
    "channel_platform",
    "channel_time_zone",
    "dimensions",
    "expected_sections",
    "follower_activity",
    "funnel_videos",
    "other_dimensions",
    "performance_band",
    "traffic_tables",
    "video_funnel",
    "viewer_types",
]
