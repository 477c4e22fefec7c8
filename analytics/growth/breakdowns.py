"""Breakdown tables from stored rows: one period's table, daily series, hour heatmap, context.

Pure functions: frames in (as :mod:`analytics.store.breakdown_queries`
returns them), frames and plain results out. No store, no file.

A dimension can hold three kinds of rows:

* period tables (Studio ``Table data.csv``: one row per key for
  ``period_start .. period_end``);
* daily series (Studio ``Chart data.csv``: ``period_start = period_end``,
  many days from one export);
* snapshots (TikTok follower files: one day, the export day).

A table shows one period: the newest period table (longest on a tie), else
the newest snapshot, else the daily series summed over the whole archive.
A group the export left blank (YouTube hides groups below its privacy
threshold) stays NULL: it is "not enough data", never zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePath
from zoneinfo import ZoneInfo

import pandas as pd

# Detail rows of the traffic-source report carry the source type as a prefix
# (``YT_SEARCH.<search term>``, ``EXT_URL.<site>``, ``YT_RELATED.<video id>``).
TRAFFIC_DETAIL_PREFIXES = {
    "YT_SEARCH": "search_term",
    "EXT_URL": "external_site",
    "YT_RELATED": "suggested_video",
    "YT_CHANNEL": "channel_page",
    "YT_PLAYLIST_PAGE": "playlist",
    "PLAYLIST": "playlist",
    "NOTIFICATION": "notification",
    "END_SCREEN": "end_screen",
    "HASHTAGS": "hashtag",
    "SUBSCRIBER": "subscriber_feed",
    "SHORTS": "shorts",
}
VALUE_COLUMNS = ("views", "share", "followers_total", "followers_gained", "shares", "watch_time_s")


@dataclass(frozen=True)
class BreakdownTable:
    """One period's table of one dimension.

    Attributes
    ----------
    rows : pandas.DataFrame
        One row per key: ``key``, the metric columns, ``value`` (the column
        the chart plots), ``share_of_total`` (fraction of the summed value;
        NaN where the value is missing) and ``not_enough_data`` (bool: the
        export left the group blank).
    value_column : str
        The metric in ``value`` (``views``, ``share``, ...).
    period_start, period_end : datetime.date or None
        The period the table covers.
    files : tuple of str
        The export files the rows came from (base names with their folder).
    summed_days : int
        Days of a daily series summed into the table (0 for a period table).
    """

    rows: pd.DataFrame
    value_column: str
    period_start: dt.date | None
    period_end: dt.date | None
    files: tuple[str, ...] = field(default_factory=tuple)
    summed_days: int = 0


def source_name(file_name: object) -> str:
    """A short name of an export file: ``Geography 2025-01-01_2025-01-28 Lab/Table data.csv``.

    The folder is kept where the file's own name is one every download shares
    (``Table data.csv``); no path of the user's machine beyond that.
    """
    if file_name is None or (isinstance(file_name, float) and pd.isna(file_name)):
        return ""
    parts = PurePath(str(file_name).replace("\\", "/")).parts
    return "/".join(parts[-2:]) if len(parts) >= 2 else (parts[-1] if parts else "")


def files_of(frame: pd.DataFrame) -> tuple[str, ...]:
    """The distinct short export names in a frame's ``file_name`` column, sorted."""
    if frame.empty or "file_name" not in frame:
        return ()
    names = frame["file_name"].dropna().unique()  # a file per row: name each file once
    return tuple(sorted({source_name(f) for f in names} - {""}))


def _date(value: object) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def value_column(rows: pd.DataFrame) -> str:
    """The metric a table of these rows plots: the first of views, share, followers... present."""
    for col in VALUE_COLUMNS:
        if col in rows and rows[col].notna().any():
            return col
    return "views"


def split_periods(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows into (period tables and snapshots, daily series).

    A one-day row belongs to a daily series when its import holds more than
    one day of the same dimension.
    """
    if rows.empty:
        return rows, rows
    one_day = rows["period_start"] == rows["period_end"]
    days_per_import = rows[one_day].groupby("import_id")["period_start"].nunique()
    daily_imports = set(days_per_import[days_per_import > 1].index)
    daily = one_day & rows["import_id"].isin(daily_imports)
    return rows[~daily], rows[daily]


def period_table(rows: pd.DataFrame) -> BreakdownTable | None:
    """The table of one period of a dimension's rows (see the module docstring).

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows of one dimension (:func:`analytics.store.breakdown_queries.breakdown_rows`),
        or a subset such as the traffic detail rows of one source type.

    Returns
    -------
    BreakdownTable or None
        None when ``rows`` is empty.
    """
    if rows.empty:
        return None
    periods, daily = split_periods(rows)
    summed = 0
    if not periods.empty:
        spans = periods[["period_start", "period_end"]].drop_duplicates()
        spans = spans.assign(length=spans["period_end"] - spans["period_start"])
        best = spans.sort_values(["period_end", "length"], ascending=False).iloc[0]
        chosen = periods[
            (periods["period_start"] == best["period_start"])
            & (periods["period_end"] == best["period_end"])
        ]
        # Several exports of the same period (a report and its detail): newest import wins per key.
        chosen = chosen.sort_values("import_id").drop_duplicates("key", keep="last")
        start, end = _date(best["period_start"]), _date(best["period_end"])
    else:
        numeric = [c for c in VALUE_COLUMNS if c in daily and c != "share"]
        kept = {c: "first" for c in ("file_name", "title") if c in daily}
        chosen = daily.groupby("key", as_index=False).agg(
            {**{c: lambda s: s.sum(min_count=1) for c in numeric}, **kept}
        )
        summed = int(daily["period_start"].nunique())
        start, end = _date(daily["period_start"].min()), _date(daily["period_end"].max())
    col = value_column(chosen)
    out = chosen.copy()
    out["value"] = pd.to_numeric(out[col], errors="coerce").astype(float)
    total = out["value"].sum(min_count=1)
    out["share_of_total"] = out["value"] / total if total and total > 0 else float("nan")
    out["not_enough_data"] = out["value"].isna()
    out = out.sort_values(["not_enough_data", "value"], ascending=[True, False]).reset_index(
        drop=True
    )
    return BreakdownTable(out, col, start, end, files_of(chosen), summed)


def daily_series(rows: pd.DataFrame) -> pd.DataFrame:
    """The daily series of a dimension as a long frame ``date, key, value`` (views or share).

    Empty when the dimension has no daily series.
    """
    _, daily = split_periods(rows)
    if daily.empty:
        return pd.DataFrame(columns=["date", "key", "value"])
    col = value_column(daily)
    out = daily.assign(date=daily["period_start"], value=pd.to_numeric(daily[col]).astype(float))
    return out[["date", "key", "value", "file_name"]].reset_index(drop=True)


def traffic_split(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Split traffic-source rows into source types and detail tables.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``"sources"``: rows whose key has no detail prefix; one entry per
        detail kind of :data:`TRAFFIC_DETAIL_PREFIXES` present
        (``"search_term"``, ``"external_site"``, ...), with ``key`` reduced
        to the detail (``knife skills``, ``google.com``).
    """
    if rows.empty:
        return {"sources": rows}
    prefix = rows["key"].str.extract(r"^([A-Z_]+)\.", expand=False)
    kinds = prefix.map(TRAFFIC_DETAIL_PREFIXES)
    out = {"sources": rows[kinds.isna()]}
    for kind in sorted(set(kinds.dropna())):
        part = rows[kinds == kind].copy()
        part["key"] = part["key"].str.split(".", n=1).str[1]
        out[kind] = part
    return out


def activity_heatmap(rows: pd.DataFrame, time_zone: str, source_zone: str = "UTC") -> pd.DataFrame:
    """Follower activity by weekday and hour in the channel's time zone.

    Parameters
    ----------
    rows : pandas.DataFrame
        ``hour_of_day`` rows: ``key`` the hour ``'00'..'23'``, ``period_start``
        the day, ``followers_total`` the active followers.
    time_zone : str
        The channel's IANA time zone.
    source_zone : str, default "UTC"
        The zone of the exported hours (TikTok Studio's hours are UTC).

    Returns
    -------
    pandas.DataFrame
        Columns ``weekday`` (0 = Monday), ``hour`` (0..23, local) and
        ``active`` (mean active followers over the days seen); empty when no
        row has a value.
    """
    rows = rows[rows["followers_total"].notna()] if not rows.empty else rows
    if rows.empty:
        return pd.DataFrame(columns=["weekday", "hour", "active"])
    stamps = pd.to_datetime(rows["period_start"]) + pd.to_timedelta(
        rows["key"].astype(int), unit="h"
    )
    local = stamps.dt.tz_localize(ZoneInfo(source_zone)).dt.tz_convert(ZoneInfo(time_zone))
    frame = pd.DataFrame(
        {
            "weekday": local.dt.weekday.to_numpy(),
            "hour": local.dt.hour.to_numpy(),
            "active": pd.to_numeric(rows["followers_total"]).astype(float).to_numpy(),
        }
    )
    return frame.groupby(["weekday", "hour"], as_index=False)["active"].mean()


@dataclass(frozen=True)
class ContextFact:
    """One breakdown fact a strategy card can quote: "62% of your views come from Browse features".

    Attributes
    ----------
    dimension : str
        ``traffic_source``, ``geography``, ``device_type`` ...
    key : str
        The top group (``Browse features``, ``US``).
    share : float
        Its fraction of the dimension's total, in [0, 1].
    metric : str
        What is shared (``views``, ``share``, ``followers_total``).
    period_start, period_end : datetime.date or None
        The period of the table the fact comes from.
    """

    dimension: str
    key: str
    share: float
    metric: str
    period_start: dt.date | None
    period_end: dt.date | None


def breakdown_context(tables: dict[str, BreakdownTable]) -> list[ContextFact]:
    """The top group of each breakdown table with its share, for strategy context.

    This describes the audience and traffic over a past period; it is never
    a feature of a predictor (it is measured after publishing).

    Parameters
    ----------
    tables : dict of str to BreakdownTable
        Tables by dimension.

    Returns
    -------
    list of ContextFact
        One fact per table with a positive total, largest share first.
    """
    facts = []
    for dimension, table in tables.items():
        known = table.rows[~table.rows["not_enough_data"]]
        if known.empty or not (known["share_of_total"] > 0).any():
            continue
        top = known.sort_values("share_of_total", ascending=False).iloc[0]
        facts.append(
            ContextFact(
                dimension,
                str(top["key"]),
                float(top["share_of_total"]),
                table.value_column,
                table.period_start,
                table.period_end,
            )
        )
    return sorted(facts, key=lambda f: -f.share)


__all__ = [
    "TRAFFIC_DETAIL_PREFIXES",
    "BreakdownTable",
    "ContextFact",
    "activity_heatmap",
    "breakdown_context",
    "daily_series",
    "files_of",
    "period_table",
    "source_name",
    "split_periods",
    "traffic_split",
    "value_column",
]
