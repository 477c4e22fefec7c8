"""Reach funnel and typical-performance band from per-video frames.

Pure functions: frames in (as :mod:`analytics.store.breakdown_queries`
returns them), frames out.

* Funnel: impressions -> impressions CTR -> views -> average view duration /
  average percentage viewed -> likes, comments, shares, subscribers gained
  (plus completion rate, 2-second bounce, saves and danmaku where the
  platform exports them). Each step of a video is compared with the
  channel's typical range: the middle 50% (25th to 75th percentile) of the
  same step over the channel's videos. Engagement steps are compared per
  view (likes per view ...), so a small video is not "low" for being small.
* Band: each video's cumulative views 1, 7 and 28 days after publishing
  against the middle 50% of the channel's last ``n`` other videos at the
  same age, with an "unusually fast start" flag (day-1 views above the upper
  quartile by more than 1.5 interquartile ranges on the log scale, Tukey's
  fence, as views are heavy-tailed).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

# (step, column, per_view): per_view steps are compared as a rate per view.
FUNNEL_STEPS: tuple[tuple[str, str, bool], ...] = (
    ("impressions", "impressions", False),
    ("impressions_ctr", "impressions_ctr", False),
    ("views", "views", False),
    ("avg_view_duration_s", "avg_view_duration_s", False),
    ("avg_view_pct", "avg_view_pct", False),
    ("completion_rate", "completion_rate", False),
    ("bounce_rate_2s", "bounce_rate_2s", False),
    ("bounce_rate_3s", "bounce_rate_3s", False),
    ("likes", "likes", True),
    ("comments", "comments", True),
    ("shares", "shares", True),
    ("saves", "saves", True),
    ("danmaku", "danmaku", True),
    ("followers_gained", "followers_gained", True),
)
# Steps where lower is better (a high 2-second bounce loses people).
LOWER_IS_BETTER = {"bounce_rate_2s", "bounce_rate_3s"}
AGES = (1, 7, 28)
MIN_VIDEOS = 3


def _num(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype(float)


def step_values(videos: pd.DataFrame) -> pd.DataFrame:
    """Per-video value of each funnel step the frame holds (per view where the step says so).

    Returns
    -------
    pandas.DataFrame
        Index as ``videos``; one column per step present with at least one
        value. Per-view steps are fractions (likes / views).
    """
    out = {}
    views = _num(videos["views"]) if "views" in videos else None
    for step, col, per_view in FUNNEL_STEPS:
        if col not in videos or videos[col].isna().all():
            continue
        values = _num(videos[col])
        if per_view:
            if views is None:
                continue
            values = values / views.where(views > 0)
        out[step] = values
    return pd.DataFrame(out, index=videos.index)


def typical_ranges(videos: pd.DataFrame) -> pd.DataFrame:
    """The channel's typical range of each funnel step over its videos.

    Returns
    -------
    pandas.DataFrame
        One row per step: ``step``, ``per_view`` (bool), ``low`` (25th
        percentile), ``median``, ``high`` (75th percentile), ``videos``
        (count with a value). Steps with fewer than :data:`MIN_VIDEOS`
        videos have NaN bounds.
    """
    values = step_values(videos)
    per_view = {s: p for s, _, p in FUNNEL_STEPS}
    rows = []
    for step in values.columns:
        col = values[step].dropna()
        enough = len(col) >= MIN_VIDEOS
        rows.append(
            {
                "step": step,
                "per_view": per_view[step],
                "low": col.quantile(0.25) if enough else np.nan,
                "median": col.median() if enough else np.nan,
                "high": col.quantile(0.75) if enough else np.nan,
                "videos": len(col),
            }
        )
    return pd.DataFrame(rows, columns=["step", "per_view", "low", "median", "high", "videos"])


def channel_funnel(videos: pd.DataFrame) -> pd.DataFrame:
    """The channel's funnel over all its videos: totals for counts, weighted means for rates.

    Returns
    -------
    pandas.DataFrame
        One row per step present: ``step``, ``value`` (sum of counts;
        impressions-weighted CTR; views-weighted durations and rates),
        ``per_view`` (value per view for engagement steps), ``low``,
        ``median``, ``high`` (typical range of one video), ``videos``.
    """
    ranges = typical_ranges(videos).set_index("step")
    views = _num(videos["views"]) if "views" in videos else pd.Series(dtype=float)
    rows = []
    for step, col, per_view in FUNNEL_STEPS:
        if step not in ranges.index:
            continue
        values = _num(videos[col])
        if step == "impressions_ctr" and "impressions" in videos:
            weight = _num(videos["impressions"])
        elif step in {
            "avg_view_duration_s",
            "avg_view_pct",
            "completion_rate",
            "bounce_rate_2s",
            "bounce_rate_3s",
        }:
            weight = views
        else:
            weight = None
        if weight is None:
            value = values.sum(min_count=1)
        else:
            ok = values.notna() & weight.notna() & (weight > 0)
            value = (values[ok] * weight[ok]).sum() / weight[ok].sum() if ok.any() else np.nan
            if not ok.any():
                value = values.mean()
        total_views = views.sum(min_count=1) if not views.empty else np.nan
        rows.append(
            {
                "step": step,
                "value": value,
                "per_view": value / total_views if per_view and total_views else np.nan,
                **ranges.loc[step, ["low", "median", "high", "videos"]].to_dict(),
            }
        )
    return pd.DataFrame(rows)


def video_funnel(videos: pd.DataFrame, video_id: str) -> pd.DataFrame:
    """One video's funnel against the channel's typical range.

    Returns
    -------
    pandas.DataFrame
        One row per step the video has: ``step``, ``value`` (the exported
        number), ``compared`` (per view for engagement steps, else the
        value), ``low``, ``median``, ``high`` and ``position``: ``"below"``,
        ``"typical"``, ``"above"``, or ``"unknown"`` without a range.
        ``"below"`` always means worse than typical (for 2-second bounce,
        a higher rate).
    """
    ranges = typical_ranges(videos).set_index("step")
    values = step_values(videos)
    idx = videos.index[videos["video_id"] == video_id]
    if len(idx) == 0:
        return pd.DataFrame(
            columns=["step", "value", "compared", "low", "median", "high", "position"]
        )
    i = idx[0]
    rows = []
    for step, col, _ in FUNNEL_STEPS:
        if step not in values.columns or pd.isna(videos.at[i, col]):
            continue
        compared = values.at[i, step]
        low, med, high = ranges.loc[step, ["low", "median", "high"]]
        if pd.isna(low) or pd.isna(compared):
            position = "unknown"
        elif compared < low:
            position = "above" if step in LOWER_IS_BETTER else "below"
        elif compared > high:
            position = "below" if step in LOWER_IS_BETTER else "above"
        else:
            position = "typical"
        rows.append(
            {
                "step": step,
                "value": float(videos.at[i, col]),
                "compared": compared,
                "low": low,
                "median": med,
                "high": high,
                "position": position,
            }
        )
    return pd.DataFrame(rows)


def views_at_ages(daily: pd.DataFrame, ages: tuple[int, ...] = AGES) -> pd.DataFrame:
    """Cumulative views of each video 1, 7, 28 days after publishing.

    Parameters
    ----------
    daily : pandas.DataFrame
        ``video_id``, ``title``, ``published_date``, ``date``, ``views``.

    Returns
    -------
    pandas.DataFrame
        One row per video with a publish date: ``video_id``, ``title``,
        ``published_date`` and ``day_<age>`` columns (views on publish day
        through day ``age``; NaN when the daily rows do not cover the whole
        span, e.g. a video younger than ``age`` days).
    """
    cols = ["video_id", "title", "published_date", *[f"day_{a}" for a in ages]]
    daily = daily[daily["published_date"].notna()]
    if daily.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for vid, g in daily.groupby("video_id", sort=False):
        published = pd.Timestamp(g["published_date"].iloc[0]).normalize()
        dates = pd.to_datetime(g["date"]).dt.normalize()
        age = (dates - published).dt.days
        views = _num(g["views"])
        row = {"video_id": vid, "title": g["title"].iloc[0], "published_date": published.date()}
        for a in ages:
            span = (age >= 0) & (age < a)
            covered = set(age[span & views.notna()])
            row[f"day_{a}"] = views[span].sum() if covered == set(range(a)) else np.nan
        rows.append(row)
    return pd.DataFrame(rows, columns=cols)


def performance_band(
    daily: pd.DataFrame,
    n: int = 10,
    ages: tuple[int, ...] = AGES,
    at: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each video's views at 1, 7 and 28 days against the channel's typical range.

    The range of a video at an age is the 25th-75th percentile of that age's
    views over the ``n`` videos published most recently before it (at least
    :data:`MIN_VIDEOS`; else NaN).

    Parameters
    ----------
    daily : pandas.DataFrame
        Per-video daily views (see :func:`views_at_ages`).
    n : int
        Videos in the typical range.
    ages : tuple of int
    at : pandas.DataFrame, optional
        Views at each age already worked out (``video_id``, ``title``,
        ``published_date``, ``day_<age>``), e.g. from totals snapshots
        (:mod:`analytics.growth.start_band`); ``daily`` is then unused.

    Returns
    -------
    pandas.DataFrame
        One row per video and age: ``video_id``, ``title``,
        ``published_date``, ``age`` (days), ``views``, ``low``, ``median``,
        ``high``, ``compared_with`` (videos in the range), ``position``
        (``below`` / ``typical`` / ``above`` / ``unknown``), and
        ``fast_start`` (bool, the same for every age of a video: day-1
        views above ``high * (high / low) ** 1.5``, Tukey's fence on the
        log scale). Newest video first.
    """
    if at is None:  # views at each age, when not given (e.g. read off totals snapshots)
        at = views_at_ages(daily, ages)
    at = at.sort_values("published_date").reset_index(drop=True)
    rows = []
    for i, video in at.iterrows():
        earlier = at.iloc[:i]
        fast = False
        for a in ages:
            value = video[f"day_{a}"]
            others = earlier[f"day_{a}"].dropna().tail(n)
            if len(others) >= MIN_VIDEOS:
                low, med, high = others.quantile(0.25), others.median(), others.quantile(0.75)
            else:
                low = med = high = np.nan
            if pd.isna(value) or pd.isna(low):
                position = "unknown"
            else:
                position = "below" if value < low else "above" if value > high else "typical"
            if a == ages[0] and not pd.isna(value) and not pd.isna(high) and low > 0:
                # Tukey's fence on the log scale: views are heavy-tailed.
                fence = np.log(high) + 1.5 * (np.log(high) - np.log(low))
                fast = bool(value > 0 and np.log(value) > fence)
            rows.append(
                {
                    "video_id": video["video_id"],
                    "title": video["title"],
                    "published_date": video["published_date"],
                    "age": a,
                    "views": value,
                    "low": low,
                    "median": med,
                    "high": high,
                    "compared_with": len(others),
                    "position": position,
                    "fast_start": fast,
                }
            )
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    out["fast_start"] = out.groupby("video_id")["fast_start"].transform("max").astype(bool)
    return out.sort_values(["published_date", "age"], ascending=[False, True]).reset_index(
        drop=True
    )


def latest_published(daily: pd.DataFrame) -> dt.date | None:
    """The newest publish date in a daily frame (None when there is none)."""
    dates = daily["published_date"].dropna() if "published_date" in daily else []
    return pd.Timestamp(max(dates)).date() if len(dates) else None


__all__ = [
    "AGES",
    "FUNNEL_STEPS",
    "channel_funnel",
    "performance_band",
    "step_values",
    "typical_ranges",
    "video_funnel",
    "views_at_ages",
]
