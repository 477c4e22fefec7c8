"""YouTube Reporting API bulk reports: ``channel_basic_a2`` / ``a3`` and friends.

Layout (one CSV per report and day, columns in **any order**, mapped by
header): dimensions ``date`` (``YYYYMMDD``), ``channel_id``, ``video_id``,
``live_or_on_demand``, ``subscribed_status``, ``country_code`` and per report
``traffic_source_type``, ``traffic_source_detail``, ``province_code``,
``device_type``, ``operating_system``, ``playback_location_type``, ...;
metrics ``views``, ``likes``, ``watch_time_minutes`` (minutes, not hours),
``average_view_duration_seconds``, ``average_view_duration_percentage``
(percent), ``subscribers_gained``, ``video_thumbnail_impressions``,
``video_thumbnail_impressions_ctr`` (a fraction), ... A header-only file is a
valid "no data" report.

Each row is one combination of dimension values, so rows are summed:

* ``video_daily``: per channel, video and day (rows with a ``video_id``);
* ``channel_daily``: per channel and day, over **all** rows, including the
  channel-level row whose ``video_id`` is empty (activity not tied to a
  video, e.g. subscribers gained on the channel page);
* ``channel_breakdown``: per channel, day and value of each other
  dimension (``geography`` from ``country_code``, ``subscription_status``,
  ``live_or_on_demand``, ``traffic_source``, ...).

Averages are recombined, never summed: average view duration is watch time
over views (or the views-weighted mean where watch time is absent),
average percentage viewed is views-weighted, thumbnail CTR is
impressions-weighted. Enum values are upper-cased (fixtures disagree on
case). Each row names its channel (``UC...``), so rows land in their own
channels. Dates are Pacific-time days, stored as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import analytics.ingest.values as V
from analytics.ingest.dates import date_expr
from analytics.ingest.formats.base import Format, ParseContext, Staged
from analytics.sql_quote import quote_ident, quote_literal


@dataclass(frozen=True)
class ApiMetric:
    """A report metric: store column, kind, option (see :mod:`aliases`)."""

    column: str
    kind: str
    option: object = None


API_METRICS: dict[str, ApiMetric] = {
    "views": ApiMetric("views", "count"),
    "comments": ApiMetric("comments", "count"),
    "likes": ApiMetric("likes", "count"),
    "dislikes": ApiMetric("dislikes", "count"),
    "shares": ApiMetric("shares", "count"),
    "subscribers_gained": ApiMetric("followers_gained", "count"),
    "subscribers_lost": ApiMetric("followers_lost", "count"),
    "watch_time_minutes": ApiMetric("watch_time_s", "duration", 60.0),
    "average_view_duration_seconds": ApiMetric("avg_view_duration_s", "duration", 1.0),
    "average_view_duration_percentage": ApiMetric("avg_view_pct", "rate", "percent"),
    "video_thumbnail_impressions": ApiMetric("impressions", "count"),
    "video_thumbnail_impressions_ctr": ApiMetric("impressions_ctr", "rate", "fraction"),
}
# Metrics of the reports the store has no column for (checked as numbers, not stored).
OTHER_METRICS = {
    "engaged_views",
    "videos_added_to_playlists",
    "videos_removed_from_playlists",
    "red_views",
    "red_watch_time_minutes",
    "annotation_click_through_rate",
    "annotation_close_rate",
    "annotation_impressions",
    "annotation_clickable_impressions",
    "annotation_closable_impressions",
    "annotation_clicks",
    "annotation_closes",
    "card_click_rate",
    "card_teaser_click_rate",
    "card_impressions",
    "card_teaser_impressions",
    "card_clicks",
    "card_teaser_clicks",
    "average_time_in_playlist",
    "playlist_starts",
    "playlist_saves_added",
    "playlist_saves_removed",
    "viewer_percentage",
}
DIMENSIONS = {
    "country_code": "geography",
    "subscribed_status": "subscription_status",
    "live_or_on_demand": "live_or_on_demand",
    "traffic_source_type": "traffic_source",
    "province_code": "province",
    "device_type": "device_type",
    "operating_system": "operating_system",
    "playback_location_type": "playback_location",
    "sharing_service": "sharing_service",
    "age_group": "viewer_age",
    "gender": "viewer_gender",
    "uploader_type": "uploader_type",
    "subtitle_language": "subtitle_language",
    "playlist_id": "playlist",
}
UPPER_CASE_DIMS = {
    "subscribed_status",
    "live_or_on_demand",
    "traffic_source_type",
    "device_type",
    "operating_system",
    "playback_location_type",
    "sharing_service",
    "uploader_type",
}
_KNOWN = (
    set(API_METRICS)
    | OTHER_METRICS
    | set(DIMENSIONS)
    | {
        "date",
        "channel_id",
        "video_id",
        "traffic_source_detail",
        "playback_location_detail",
        "claimed_status",
        "asset_id",
        "content_owner_id",
    }
)


class ReportingApiFormat(Format):
    """YouTube Reporting API bulk report (see module docstring)."""

    name = "youtube_reporting_api"
    label = "YouTube Reporting API report"
    platform = "youtube"

    def detect(self, headers: list[str]) -> bool:
        hs = set(headers)
        return {"date", "channel_id"} <= hs and bool(hs & (set(API_METRICS) | OTHER_METRICS))

    def stage(self, ctx: ParseContext) -> Staged:
        headers = ctx.raw.norm_headers
        i_date, i_ch = ctx.find("date"), ctx.find("channel_id")
        assert i_date is not None and i_ch is not None
        i_vid = ctx.find("video_id")
        dims = [(i, h) for i, h in enumerate(headers) if h in DIMENSIONS]
        staged = Staged(
            format_name=self.name,
            format_label=self.label,
            platform="youtube",
            rows_read=ctx.raw.n_rows,
            needs_channel=False,
        )
        dc = ctx.raw.decimal_comma
        cols: dict[str, tuple[str, int | None, str]] = {
            "channel_id": (V.checked_identifier(ctx.col(i_ch)), i_ch, V.SHORTENED_ID_REASON),
        }
        dsql, notes = date_expr(ctx, i_date)
        cols["date"] = (dsql, i_date, "not a date like 20260610")
        staged.notes += notes
        if i_vid is not None:
            cols["video_id"] = (V.identifier(ctx.col(i_vid)), None, "")
        metrics: list[str] = []
        for i, h in enumerate(headers):
            spec = API_METRICS.get(h)
            if spec is None:
                if h in OTHER_METRICS:
                    cols[f"_other_{i}"] = (V.number(ctx.col(i), dc), i, "not a number")
                    staged.notes.append(f"column {ctx.header(i)!r} is not stored")
                elif h not in _KNOWN:
                    staged.notes.append(f"column {ctx.header(i)!r} is not known; not stored")
                continue
            src = ctx.col(i)
            if spec.kind == "count":
                cols[spec.column] = (V.count(src, dc), i, "not a whole number")
            elif spec.kind == "duration":
                cols[spec.column] = (
                    V.duration(src, float(cast("float", spec.option or 1.0)), dc),
                    i,
                    "not a number of " + ("minutes" if spec.option == 60.0 else "seconds"),
                )
            else:
                cols[spec.column] = (
                    V.rate(src, str(spec.option), dc),
                    i,
                    "not a percentage"
                    if spec.option == "percent"
                    else "not a fraction from 0 to 1",
                )
            metrics.append(spec.column)
        for i, h in dims:
            t = V.text(ctx.col(i))
            cols[f"_dim_{h}"] = (f"upper({t})" if h in UPPER_CASE_DIMS else t, None, "")
        parsed = ctx.convert(cols, where="true")
        ctx.fail_if_rejects()
        span = ctx.con.execute(f"SELECT min(date), max(date) FROM {parsed}").fetchall()[0]
        staged.period_start, staged.period_end = span
        staged.channels = [
            {
                "channel_id": r[0],
                "platform": "youtube",
                "display_name": r[0],
                "time_zone": "America/Los_Angeles",
            }
            for r in ctx.con.execute(
                f"SELECT DISTINCT channel_id FROM {parsed} WHERE channel_id IS NOT NULL "
                "ORDER BY channel_id"
            ).fetchall()
        ]
        if ctx.raw.n_rows == 0:
            staged.notes.append(
                "the report has no rows (no activity in its period): nothing to store"
            )
            return staged
        agg = _aggregates(metrics)
        ok = "channel_id IS NOT NULL AND date IS NOT NULL"
        if i_vid is not None:
            staged.tables["videos"] = ctx.stage(
                "videos",
                f"SELECT DISTINCT channel_id, video_id, 'https://www.youtube.com/watch?v=' || video_id AS url "
                f"FROM {parsed} WHERE {ok} AND video_id IS NOT NULL",
            )
            staged.tables["video_daily"] = ctx.stage(
                "video_daily",
                f"SELECT channel_id, video_id, date{agg} FROM {parsed} WHERE {ok} AND video_id IS NOT NULL "
                "GROUP BY channel_id, video_id, date",
            )
            channel_rows = int(
                ctx.con.execute(f"SELECT count(*) FROM {parsed} WHERE video_id IS NULL").fetchall()[
                    0
                ][0]
            )
            if channel_rows:
                staged.notes.append(
                    f"{channel_rows} channel-level row(s) (empty video_id) count in the channel's "
                    "daily totals only"
                )
        staged.tables["channel_daily"] = ctx.stage(
            "channel_daily",
            f"SELECT channel_id, date{agg} FROM {parsed} WHERE {ok} GROUP BY channel_id, date",
        )
        parts = []
        for _, h in dims:
            parts.append(
                f"SELECT channel_id, {quote_literal(DIMENSIONS[h])} AS dimension, {quote_ident('_dim_' + h)} AS key, "
                f"date AS period_start, date AS period_end{agg} FROM {parsed} "
                f"WHERE {ok} AND {quote_ident('_dim_' + h)} IS NOT NULL "
                f"GROUP BY channel_id, {quote_ident('_dim_' + h)}, date"
            )
        if parts and metrics:
            staged.tables["channel_breakdown"] = ctx.stage(
                "channel_breakdown", " UNION ALL ".join(parts)
            )
        staged.notes.append(
            f"{ctx.raw.n_rows:,} report rows summed per video, per day and per dimension value"
        )
        return staged


def _aggregates(metrics: list[str]) -> str:
    """SQL select list (with a leading comma) recombining report rows."""
    out = []
    for m in metrics:
        if m in ("avg_view_duration_s",):
            if "watch_time_s" in metrics and "views" in metrics:
                out.append(
                    "CASE WHEN sum(views) > 0 AND sum(watch_time_s) IS NOT NULL "
                    "THEN sum(watch_time_s) / sum(views) "
                    "ELSE sum(avg_view_duration_s * views) / nullif(sum(views), 0) END AS avg_view_duration_s"
                )
            elif "views" in metrics:
                out.append(
                    "sum(avg_view_duration_s * views) / nullif(sum(views), 0) AS avg_view_duration_s"
                )
            else:
                out.append("avg(avg_view_duration_s) AS avg_view_duration_s")
        elif m == "avg_view_pct":
            if "views" in metrics:
                out.append("sum(avg_view_pct * views) / nullif(sum(views), 0) AS avg_view_pct")
            else:
                out.append("avg(avg_view_pct) AS avg_view_pct")
        elif m == "impressions_ctr":
            if "impressions" in metrics:
                out.append(
                    "sum(impressions_ctr * impressions) / nullif(sum(impressions), 0) AS impressions_ctr"
                )
            else:
                out.append("avg(impressions_ctr) AS impressions_ctr")
        elif m == "watch_time_s":
            out.append("sum(watch_time_s) AS watch_time_s")
        else:
            out.append(f"CAST(sum({quote_ident(m)}) AS BIGINT) AS {quote_ident(m)}")
    return "".join(", " + o for o in out)
