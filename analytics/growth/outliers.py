"""Outliers per format: relative reach against the median of the same channel and format."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.growth.constants import MIN_GROUP, OUTLIER_HIGH, OUTLIER_LOW


def outliers_by_format(
    table: pd.DataFrame,
    *,
    high: float = OUTLIER_HIGH,
    low: float = OUTLIER_LOW,
    min_videos: int = MIN_GROUP,
) -> pd.DataFrame:
    """Each video's relative reach against the median of its channel and format.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`reach_table`.
    high, low : float
        Ratios above ``high`` are flagged ``'above'``, below ``low`` ``'below'``.
    min_videos : int
        Channel-format groups with fewer videos are not judged.

    Returns
    -------
    pandas.DataFrame
        Ordered by ratio, largest first; columns ``channel_id, video_id,
        title, format, topic, published_local, reach, rel_reach,
        format_median, ratio, flag`` (``'above'``, ``'below'`` or None).
    """
    cols = [
        "channel_id",
        "video_id",
        "title",
        "format",
        "topic",
        "published_local",
        "reach",
        "rel_reach",
        "format_median",
        "ratio",
        "flag",
    ]
    data = table[table["rel_reach"].notna()].copy()
    if data.empty:
        return pd.DataFrame(columns=cols)
    grp = data.groupby(["channel_id", "format"])["rel_reach"]
    data["format_median"] = grp.transform("median")
    data.loc[grp.transform("size") < min_videos, "format_median"] = np.nan
    fm = data["format_median"]
    data["ratio"] = np.where(fm > 0, data["rel_reach"] / fm.where(fm > 0), np.nan)
    flags = [
        "above" if r > high else ("below" if r < low else None)
        for r in data["ratio"].to_numpy(float)
    ]
    data["flag"] = pd.Series(flags, index=data.index, dtype=object)
    data = data.sort_values(["ratio", "video_id"], ascending=[False, True], na_position="last")
    return data[cols].reset_index(drop=True)
