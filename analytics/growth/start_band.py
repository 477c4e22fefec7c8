"""Views at 1, 7 and 28 days from repeated totals: the start band without daily per-video rows.

Douyin, Bilibili and TikTok export per-video *totals* (a work list, a
content table), not a day-by-day series. A creator who downloads the list
regularly leaves a series of snapshots of each video's lifetime views; the
views a video had at an age can be read off them:

* a snapshot's age is the number of days it covers since publishing,
  publish day included. A list downloaded on day D holds the views through
  the day before (the platforms' data runs a day behind, TikTok's last day
  is "yesterday"), so its age is ``D - publish day``; a period export says
  its last day itself (``period_end``) and only counts when its period
  starts on or before the publish day;
* views at age ``a`` are the snapshot of age ``a``; between two snapshots
  that bracket ``a`` at most ``a`` days apart, the cumulative views are
  interpolated linearly; otherwise they are unknown (NaN), never guessed
  from a single point.

Pure functions; the frames come from
:func:`analytics.store.breakdown_queries.video_total_snapshots`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.growth.funnel import AGES


def snapshot_ages(totals: pd.DataFrame) -> pd.DataFrame:
    """Each usable snapshot with its age in days: ``video_id, title, published_date, age, views``.

    Parameters
    ----------
    totals : pandas.DataFrame
        ``video_id``, ``title``, ``published_date``, ``as_of``,
        ``period_start``, ``period_end``, ``views``.
    """
    cols = ["video_id", "title", "published_date", "age", "views"]
    if totals.empty:
        return pd.DataFrame(columns=cols)
    t = totals[totals["published_date"].notna() & totals["views"].notna()].copy()
    published = pd.to_datetime(t["published_date"]).dt.normalize()
    period = t["period_start"].notna()
    start = pd.to_datetime(t["period_start"]).dt.normalize()
    through = (
        pd.to_datetime(t["period_end"])
        .dt.normalize()
        .where(period, pd.to_datetime(t["as_of"]).dt.normalize() - pd.Timedelta(days=1))
    )
    ok = ~period | (start <= published)
    t = t.assign(age=(through - published).dt.days + 1)
    t = t[ok & (t["age"] >= 1)]
    t["views"] = pd.to_numeric(t["views"], errors="coerce").astype(float)
    t = t.sort_values(["video_id", "age"]).drop_duplicates(["video_id", "age"], keep="last")
    return t[cols].reset_index(drop=True)


def views_at_ages_from_totals(totals: pd.DataFrame, ages: tuple[int, ...] = AGES) -> pd.DataFrame:
    """Cumulative views of each video at 1, 7, 28 days, read off its snapshots.

    Returns
    -------
    pandas.DataFrame
        As :func:`analytics.growth.funnel.views_at_ages`: ``video_id``,
        ``title``, ``published_date`` and ``day_<age>`` (NaN where no
        snapshot has or brackets that age).
    """
    cols = ["video_id", "title", "published_date", *[f"day_{a}" for a in ages]]
    snaps = snapshot_ages(totals)
    if snaps.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for vid, g in snaps.groupby("video_id", sort=False):
        age = g["age"].to_numpy(dtype=float)
        views = g["views"].to_numpy(dtype=float)
        row = {
            "video_id": vid,
            "title": g["title"].iloc[-1],
            "published_date": pd.Timestamp(g["published_date"].iloc[0]).date(),
        }
        for a in ages:
            exact = views[age == a]
            if len(exact):
                row[f"day_{a}"] = float(exact[-1])
                continue
            below, above = age[age < a], age[age > a]
            if len(below) and len(above) and above.min() - below.max() <= a:
                lo, hi = below.max(), above.min()
                v_lo, v_hi = views[age == lo][-1], views[age == hi][-1]
                row[f"day_{a}"] = float(v_lo + (v_hi - v_lo) * (a - lo) / (hi - lo))
            else:
                row[f"day_{a}"] = np.nan
        rows.append(row)
    return pd.DataFrame(rows, columns=cols)


def fill_from_totals(at_daily: pd.DataFrame, at_totals: pd.DataFrame) -> pd.DataFrame:
    """Views at ages from daily rows, completed from snapshots where the daily rows have none."""
    if at_totals.empty:
        return at_daily
    if at_daily.empty:
        return at_totals
    merged = at_daily.set_index("video_id").combine_first(at_totals.set_index("video_id"))
    return merged.reset_index()[at_daily.columns]


__all__ = ["fill_from_totals", "snapshot_ages", "views_at_ages_from_totals"]
