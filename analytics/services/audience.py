"""What the Audience and Traffic pages ask for: breakdown tables, series, funnel, band.

Thin: each function reads through :mod:`analytics.store.breakdown_queries`
and shapes with :mod:`analytics.growth.breakdowns` /
:mod:`analytics.growth.funnel`. Every function takes the store path first
and plain values after it, so the UI can cache it by data version.
"""

from __future__ import annotations

import pandas as pd

from analytics.growth import breakdowns as B
from analytics.growth import combined as C
from analytics.growth import funnel as F
from analytics.growth import revenue as R
from analytics.growth import start_band as S
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
    return [
        d for d in dimensions(db_path, channel_id) if d not in known and not d.startswith("video_")
    ]


def video_dimensions(db_path: str, channel_id: str) -> list[str]:
    """Per-video breakdowns held (``video_traffic_source`` ...), traffic sources first."""
    held = [d for d in dimensions(db_path, channel_id) if d.startswith("video_")]
    return sorted(held, key=lambda d: (d != "video_traffic_source", d))


def age_gender(
    db_path: str, channel_id: str
) -> tuple[pd.DataFrame, pd.DataFrame, BreakdownTable] | None:
    """The age x gender breakdown: (grid of view shares, long rows, table); None when not held.

    See :func:`analytics.growth.combined.age_gender_grid`; groups below the
    platform's privacy threshold are NaN ("not enough data").
    """
    table = breakdown_table(db_path, channel_id, "viewer_age_gender")
    if table is None:
        return None
    return C.age_gender_grid(table), C.age_gender_long(table), table


def video_breakdown(
    db_path: str, channel_id: str, dimension: str
) -> tuple[dict[str, BreakdownTable], pd.DataFrame, dict[str, str]]:
    """One table per video of a per-video breakdown, the mix over videos, and video titles.

    Returns
    -------
    (tables, mix, titles)
        ``tables`` by video id (:func:`analytics.growth.combined.video_tables`),
        newest video first; ``mix`` (:func:`analytics.growth.combined.video_mix`);
        ``titles`` by video id (the videos the store holds).
    """
    tables = C.video_tables(Q.breakdown_rows(db_path, channel_id, dimension))
    videos = Q.video_funnel_rows(db_path, channel_id)
    order = {v: i for i, v in enumerate(videos["video_id"])}
    tables = dict(sorted(tables.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
    titles = Q.video_titles(db_path, list(tables))
    return tables, C.video_mix(tables), dict(zip(titles["video_id"], titles["title"], strict=True))


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
    # One query for every traffic dimension (a connection per dimension cost more than the reads).
    held = Q.breakdown_rows_of(db_path, channel_id, list(TRAFFIC_DIMENSIONS))
    parts = B.traffic_split(held["traffic_source"])
    for dim in TRAFFIC_DIMENSIONS[1:]:
        rows = held[dim]
        if rows.empty:
            continue
        if dim != "traffic_source_detail":
            parts[dim] = rows
            continue
        # Detail rows with a source prefix join their kind; the rest stay "details".
        for kind, part in B.traffic_split(rows).items():
            name = dim if kind == "sources" else kind
            parts[name] = pd.concat([parts[name], part]) if name in parts else part
    for kind, rows in parts.items():
        if kind == "suggested_video" and not rows.empty:
            rows = rows.assign(key=rows["key"].astype(str).str.strip())
            titles = Q.video_titles(db_path, sorted(set(rows["key"])))
            rows = rows.merge(titles.rename(columns={"video_id": "key"}), on="key", how="left")
        table = B.period_table(rows)
        if table is not None:
            out[kind] = table
    return out


def viewer_types(db_path: str, channel_id: str) -> pd.DataFrame:
    """New, returning, unique, casual and regular viewers per day, where exported."""
    return Q.viewer_daily(db_path, channel_id)


VIEWER_KINDS = {
    "new_returning": ("new_viewers", "returning_viewers", "unique_viewers"),
    "casual_regular": ("casual_viewers", "regular_viewers"),
}


def viewer_files(db_path: str, channel_id: str, kind: str) -> tuple[str, ...]:
    """The exports behind one viewer chart (``new_returning`` or ``casual_regular``)."""
    rows = Q.files_with(db_path, channel_id, "channel_daily", VIEWER_KINDS[kind])
    return B.files_of(rows)


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


def _views_at_ages(db_path: str, channel_id: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Views at 1, 7, 28 days: daily per-video rows first, then repeated totals snapshots."""
    daily = Q.video_daily_views(db_path, channel_id)
    at = F.views_at_ages(daily)
    files = set(B.files_of(daily))
    snaps = Q.video_total_snapshots(db_path, channel_id)
    from_totals = S.views_at_ages_from_totals(snaps)
    ages = [c for c in from_totals.columns if c.startswith("day_")]
    from_totals = from_totals[from_totals[ages].notna().any(axis=1)] if ages else from_totals
    if not from_totals.empty:
        known = at.set_index("video_id").notna() if not at.empty else None
        used = [
            v
            for v in from_totals["video_id"]
            if known is None or v not in known.index or not known.loc[v].all()
        ]
        if used:
            files |= set(B.files_of(snaps[snaps["video_id"].isin(used)]))
        at = S.fill_from_totals(at, from_totals)
    return at, tuple(sorted(files))


def performance_band(db_path: str, channel_id: str, n: int = 10) -> pd.DataFrame:
    """Views at 1, 7, 28 days of each video against the channel's last ``n`` videos.

    From per-video daily views where exported, else from the video's lifetime
    totals in repeated exports (Douyin, Bilibili, TikTok lists; see
    :mod:`analytics.growth.start_band`).
    """
    at, _ = _views_at_ages(db_path, channel_id)
    return F.performance_band(pd.DataFrame(), n=n, at=at)


def band_files(db_path: str, channel_id: str) -> tuple[str, ...]:
    """The export files behind the views at 1, 7 and 28 days."""
    return _views_at_ages(db_path, channel_id)[1]


def revenue_over_time(
    db_path: str, channel_id: str
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[str, ...]]:
    """The channel's revenue and RPM per day and per month, and the export files.

    Returns
    -------
    (daily, monthly, files)
        See :func:`analytics.growth.revenue.revenue_daily` and
        :func:`~analytics.growth.revenue.revenue_monthly`; empty frames when
        no export gave the channel's daily revenue.
    """
    rows = Q.channel_revenue_daily(db_path, channel_id)
    daily = R.revenue_daily(rows)
    return daily, R.revenue_monthly(daily), B.files_of(rows)


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
    "age_gender",
    "video_breakdown",
    "video_dimensions",
    "revenue_over_time",
    "traffic_tables",
    "video_funnel",
    "viewer_files",
    "viewer_types",
]
