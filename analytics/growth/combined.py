"""Combined breakdowns: age x gender grids and one video's split by a dimension.

Pure functions on the rows of a combined dimension
(:mod:`analytics.ingest.formats.combined`: keys ``<part>|<part>``, such as
``age25-34|Female`` of ``viewer_age_gender`` or ``<video id>|Browse
features`` of ``video_traffic_source``). A group the export left blank
(below the platform's privacy threshold) stays NaN: "not enough data",
never zero.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analytics.growth.breakdowns import BreakdownTable, files_of, period_table

SEPARATOR = "|"
_GENDER_ORDER = ("female", "male", "user-specified", "user_specified", "other", "unknown")


def split_key(key: object, parts: int = 2) -> list[str]:
    """The parts of a combined key (``"age25-34|Female"`` -> ``["age25-34", "Female"]``).

    The last part keeps any further separator (a search term may hold ``|``).
    """
    text = "" if key is None else str(key)
    out = text.split(SEPARATOR, parts - 1)
    return out + [""] * (parts - len(out))


def _age_order(key: str) -> tuple[int, str]:
    m = re.search(r"(\d+)", key)
    return (int(m.group(1)) if m else 999, key)


def _gender_order(key: str) -> tuple[int, str]:
    k = key.strip().lower()
    return (_GENDER_ORDER.index(k) if k in _GENDER_ORDER else len(_GENDER_ORDER), k)


def age_gender_grid(table: BreakdownTable) -> pd.DataFrame:
    """The age x gender table as a grid of fractions of all views.

    Parameters
    ----------
    table : BreakdownTable
        A ``viewer_age_gender`` table (:func:`analytics.growth.breakdowns.period_table`).

    Returns
    -------
    pandas.DataFrame
        Index the age keys (youngest first), columns the gender keys
        (female, male, user-specified, others), values fractions in [0, 1]
        of the table's total (the exported share where the export gives
        shares); NaN where the export left the group blank or has no row.
    """
    rows = table.rows
    if rows.empty:
        return pd.DataFrame()
    parts = [split_key(k) for k in rows["key"]]
    frame = pd.DataFrame(
        {
            "age": [p[0] for p in parts],
            "gender": [p[1] for p in parts],
            "value": (
                rows["value"] if table.value_column == "share" else rows["share_of_total"]
            ).astype(float),
        }
    )
    grid = frame.pivot_table(index="age", columns="gender", values="value", aggfunc="first")
    ages = sorted(set(frame["age"]), key=_age_order)
    genders = sorted(set(frame["gender"]), key=_gender_order)
    return grid.reindex(index=ages, columns=genders).astype(float)


def age_gender_long(table: BreakdownTable) -> pd.DataFrame:
    """The age x gender rows as a long frame: ``age, gender, share, not_enough_data`` + metrics.

    ``share`` is the fraction of all views (NaN for a blank group); the
    average view duration and percentage viewed are kept where exported.
    """
    grid = age_gender_grid(table)
    if grid.empty:
        return pd.DataFrame(columns=["age", "gender", "share", "not_enough_data"])
    rows = table.rows.assign(
        age=[split_key(k)[0] for k in table.rows["key"]],
        gender=[split_key(k)[1] for k in table.rows["key"]],
    ).set_index(["age", "gender"])
    out = []
    for age in grid.index:
        for gender in grid.columns:
            share = grid.at[age, gender]
            row = {"age": age, "gender": gender, "share": share, "not_enough_data": np.isnan(share)}
            for col in ("avg_view_duration_s", "avg_view_pct"):
                if col in rows and (age, gender) in rows.index:
                    row[col] = rows.at[(age, gender), col]
            out.append(row)
    return pd.DataFrame(out)


def video_tables(rows: pd.DataFrame) -> dict[str, BreakdownTable]:
    """One breakdown table per video from the rows of a ``video_<dimension>`` breakdown.

    Returns
    -------
    dict of str to BreakdownTable
        By video id; each table's keys are the groups (``Browse features``),
        for the newest period the video's rows cover.
    """
    if rows.empty:
        return {}
    parts = [split_key(k) for k in rows["key"]]
    frame = rows.assign(video_id=[p[0] for p in parts], key=[p[1] for p in parts])
    out = {}
    for vid, part in frame.groupby("video_id", sort=False):
        table = period_table(part.drop(columns=["video_id"]).reset_index(drop=True))
        if table is not None:
            out[str(vid)] = table
    return out


def video_mix(tables: dict[str, BreakdownTable], top: int = 4) -> pd.DataFrame:
    """Each video's share of views per group, for the groups largest over all videos.

    Returns
    -------
    pandas.DataFrame
        Index video id; columns the ``top`` groups by summed value over the
        videos, plus ``__other__`` (the rest); values fractions of the
        video's total; also ``__total__`` (the video's summed value).
    """
    if not tables:
        return pd.DataFrame()
    long = pd.concat(
        [t.rows.assign(video_id=v)[["video_id", "key", "value"]] for v, t in tables.items()]
    )
    order = long.groupby("key")["value"].sum().sort_values(ascending=False)
    keep = list(order.index[:top])
    long = long.assign(group=long["key"].where(long["key"].isin(keep), "__other__"))
    wide = long.pivot_table(index="video_id", columns="group", values="value", aggfunc="sum")
    totals = wide.sum(axis=1, min_count=1)
    shares = wide.div(totals.where(totals > 0), axis=0)
    cols = [*keep, "__other__"] if "__other__" in shares else keep
    out = shares.reindex(columns=cols)
    out["__total__"] = totals
    return out.reindex(list(tables))


__all__ = [
    "SEPARATOR",
    "age_gender_grid",
    "age_gender_long",
    "files_of",
    "split_key",
    "video_mix",
    "video_tables",
]
