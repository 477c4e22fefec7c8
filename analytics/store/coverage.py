"""The coverage calendar of a channel and each platform's history window.

Which days and which metrics each export of a channel covers comes from the
rows each import brought (``import_rows_channel_daily`` and
``import_rows_video_daily``, see :mod:`analytics.store.import_history`); an
export without daily rows (lifetime totals, breakdowns) covers the period it
names. The gaps are the days between the channel's first and last covered
day that no export covers.

The history windows are those of ``EXPORT_FORMATS.md``: how far back a
platform's analytics download reaches, so an archive that is not refreshed
in time loses days for good.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics.store.migrations import COUNT_METRICS, RATE_METRICS, SECONDS_METRICS

#: Days of history a platform's analytics download offers (EXPORT_FORMATS.md):
#: TikTok Studio "range up to 60 days"; Douyin's daily overview exports 30 days;
#: WeChat Channels "近30天"; Xiaohongshu "limited to ~6 months" (second-hand).
#: YouTube Studio offers the channel's lifetime (no window); others are not documented.
HISTORY_WINDOW_DAYS: dict[str, int] = {
    "tiktok": 60,
    "douyin": 30,
    "wechat_channels": 30,
    "xiaohongshu": 180,
}
METRICS = (*COUNT_METRICS, *RATE_METRICS, *SECONDS_METRICS)


@dataclass
class Coverage:
    """A channel's coverage calendar.

    Attributes
    ----------
    exports : pandas.DataFrame
        One row per loaded import of the channel: ``import_id``,
        ``file_name``, ``format``, ``first_day``, ``last_day``, ``days``
        (days with rows), ``metrics`` (list of metric columns it holds).
    days : pandas.DataFrame
        One row per day from the first to the last covered day: ``date``,
        ``exports`` (how many exports cover it), ``metrics`` (count of
        metrics covered).
    gaps : list of (date, date)
        Runs of days no export covers, first and last day.
    """

    exports: pd.DataFrame
    days: pd.DataFrame
    gaps: list[tuple[dt.date, dt.date]] = field(default_factory=list)


def _metric_flags(table: str) -> str:
    return ", ".join(f"bool_or({m} IS NOT NULL) AS {m}" for m in METRICS)


def channel_coverage(con: duckdb.DuckDBPyConnection, channel_id: str) -> Coverage:
    """Which days and metrics each export of ``channel_id`` covers, and the gaps."""
    daily = " UNION ALL ".join(
        f"SELECT import_id, date, {', '.join(METRICS)} FROM import_rows_{t} WHERE channel_id = ?"
        for t in ("channel_daily", "video_daily")
    )
    per_import = con.execute(
        f"SELECT import_id, min(date) AS first_day, max(date) AS last_day, "
        f"count(DISTINCT date) AS days, {_metric_flags('d')} FROM ({daily}) d GROUP BY import_id",
        [channel_id, channel_id],
    ).df()
    imports = con.execute(
        "SELECT import_id, file_name, format, period_start, period_end FROM imports "
        "WHERE status = 'loaded' AND channel_id = ? ORDER BY import_id",
        [channel_id],
    ).df()
    merged = imports.merge(per_import, on="import_id", how="left")
    rows = []
    covered: dict[dt.date, set[int]] = {}
    metric_days: dict[dt.date, set[str]] = {}
    day_rows = con.execute(
        f"SELECT DISTINCT import_id, date FROM ({daily}) d", [channel_id, channel_id]
    ).fetchall()
    for import_id, day in day_rows:
        covered.setdefault(day, set()).add(int(import_id))
    for rec in merged.to_dict("records"):
        metrics = [m for m in METRICS if rec.get(m) is True]
        first, last, days = rec.get("first_day"), rec.get("last_day"), rec.get("days")
        if pd.isna(first) and not pd.isna(rec["period_start"]) and not pd.isna(rec["period_end"]):
            first, last = rec["period_start"], rec["period_end"]
            span = pd.date_range(first, last, freq="D").date
            days = len(span)
            for day in span:
                covered.setdefault(day, set()).add(int(rec["import_id"]))
        rows.append(
            {
                "import_id": int(rec["import_id"]),
                "file_name": rec["file_name"],
                "format": rec["format"],
                "first_day": None if pd.isna(first) else pd.Timestamp(first).date(),
                "last_day": None if pd.isna(last) else pd.Timestamp(last).date(),
                "days": 0 if pd.isna(days) else int(days),
                "metrics": metrics,
            }
        )
    exports = pd.DataFrame(
        rows,
        columns=["import_id", "file_name", "format", "first_day", "last_day", "days", "metrics"],
    )
    by_import = {r["import_id"]: set(r["metrics"]) for r in rows}
    for day, ids in covered.items():
        metric_days[day] = set().union(*(by_import.get(i, set()) for i in ids))
    if not covered:
        return Coverage(exports, pd.DataFrame(columns=["date", "exports", "metrics"]), [])
    first_day, last_day = min(covered), max(covered)
    all_days = pd.date_range(first_day, last_day, freq="D").date
    days_frame = pd.DataFrame(
        {
            "date": all_days,
            "exports": [len(covered.get(d, ())) for d in all_days],
            "metrics": [len(metric_days.get(d, ())) for d in all_days],
        }
    )
    gaps: list[tuple[dt.date, dt.date]] = []
    start = None
    for day, n in zip(days_frame["date"], days_frame["exports"], strict=True):
        if n == 0 and start is None:
            start = day
        if n > 0 and start is not None:
            gaps.append((start, day - dt.timedelta(days=1)))
            start = None
    return Coverage(exports, days_frame, gaps)


def history_notes(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> pd.DataFrame:
    """Per channel: the platform's history window and what to download before it is gone.

    Returns
    -------
    pandas.DataFrame
        ``channel_id``, ``platform``, ``window_days`` (None: no window known),
        ``last_export_end`` (the day the channel's last export ends, None when
        unknown), ``download_by`` (last day to download a seamless next export),
        ``lost_from`` / ``lost_to`` (days already beyond the window and not in
        the archive, or None).
    """
    today = today or dt.date.today()
    rows = con.execute(
        "SELECT c.channel_id, c.platform, greatest(max(i.period_end), "
        "(SELECT max(date) FROM channel_daily d WHERE d.channel_id = c.channel_id), "
        "(SELECT max(date) FROM video_daily v WHERE v.channel_id = c.channel_id)) AS last_end "
        "FROM channels c LEFT JOIN imports i ON i.channel_id = c.channel_id AND i.status = 'loaded' "
        "GROUP BY c.channel_id, c.platform ORDER BY c.channel_id"
    ).fetchall()
    out = []
    for channel_id, platform, last_end in rows:
        window = HISTORY_WINDOW_DAYS.get(str(platform))
        download_by = lost_from = lost_to = None
        if window is not None and last_end is not None:
            oldest_offered = today - dt.timedelta(days=window)
            download_by = last_end + dt.timedelta(days=window)
            if last_end + dt.timedelta(days=1) < oldest_offered:
                lost_from, lost_to = (
                    last_end + dt.timedelta(days=1),
                    oldest_offered - dt.timedelta(days=1),
                )
        out.append(
            {
                "channel_id": channel_id,
                "platform": platform,
                "window_days": window,
                "last_export_end": last_end,
                "download_by": download_by,
                "lost_from": lost_from,
                "lost_to": lost_to,
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "channel_id",
            "platform",
            "window_days",
            "last_export_end",
            "download_by",
            "lost_from",
            "lost_to",
        ],
    )


__all__ = ["HISTORY_WINDOW_DAYS", "Coverage", "channel_coverage", "history_notes"]
