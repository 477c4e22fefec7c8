"""The held-out, corrected test behind every growth card's number and confidence.

Each card family searches one kind of group in the channel's videos
(:data:`FAMILIES`): a duration bucket, a window of publish hours, a topic, a
content type, a weekday, and videos posted soon after the previous one. The
group is chosen on the older half of the videos and measured on the newer half
(:func:`analytics.models.effects.family_effect`), on the log of the relative
reach (each video's reach against its channel's content-blind trend at the
time). The card then quotes exactly that group, its held-out ratio, interval
and test-half counts; the families' p-values are adjusted together
(Holm's step-down method) and the confidence comes from
:func:`analytics.models.effects.confidence_of`, where ``high`` also needs the
drivers model to beat the content-blind baseline and agree on the same videos.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics import growth
from analytics.models.effects import GroupEffect, adjust, family_effect

#: Hours a publish-hour window may span.
WINDOW_HOURS = (2, 6)
#: Card family -> column of the reach table it searches.
FAMILIES: dict[str, str] = {
    "duration": "duration_bucket",
    "publish_hour": "hour",
    "topic": "topic",
    "format": "content_type",
    "weekday": "weekday",
    "cadence_space": "gap_days",
}


@dataclass(frozen=True)
class FamilyResult:
    """A family's held-out test and the videos of the group it claims.

    Attributes
    ----------
    family : str
    effect : GroupEffect
    video_ids : tuple of (str, str)
        ``(channel_id, video_id)`` of every video in the claimed group.
    """

    family: str
    effect: GroupEffect
    video_ids: tuple[tuple[str, str], ...]


def _hour_windows() -> list[tuple[float | None, float | None, object]]:
    lo_len, hi_len = WINDOW_HOURS
    return [
        (float(s), float(s + n - 1), None)
        for n in range(lo_len, hi_len + 1)
        for s in range(0, 24 - n + 1)
    ]


def tested_families(table: pd.DataFrame) -> dict[str, FamilyResult]:
    """Test every card family on a growth reach table.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analytics.growth.reach_table` rows of the videos that take part.

    Returns
    -------
    dict of str to FamilyResult
        Per family with a testable group; p-values not yet adjusted.
    """
    data = table[table["rel_reach"].notna() & (table["rel_reach"] > 0)].reset_index(drop=True)
    if len(data) < 4 * 5:
        return {}
    residual = np.log(data["rel_reach"].to_numpy(float))
    dates = pd.to_datetime(data["published_utc"]).to_numpy("datetime64[ns]")
    out: dict[str, FamilyResult] = {}
    for family, column in FAMILIES.items():
        if column not in data:
            continue
        if family == "publish_hour":
            values = data[column].to_numpy(float)
            eff = family_effect(
                family, values, residual, dates, groups=_hour_windows(), direction=1
            )
        elif family == "cadence_space":
            values = data[column].to_numpy(float)
            short = [(0.0, float(growth.SHORT_GAP_DAYS) - 1e-9, None)]
            eff = family_effect(family, values, residual, dates, groups=short)
        else:
            raw = data[column].to_numpy(object)
            values = np.array(
                [None if v is None or (isinstance(v, float) and v != v) else v for v in raw],
                dtype=object,
            )
            eff = family_effect(
                family,
                values,
                residual,
                dates,
                categorical=True,
                direction=1 if family in ("duration", "format") else 0,
            )
        if eff is None:
            continue
        mask = eff.members(values)
        ids = tuple(
            (str(c), str(v))
            for c, v in zip(data.loc[mask, "channel_id"], data.loc[mask, "video_id"], strict=True)
        )
        out[family] = FamilyResult(family, eff, ids)
    return out


def settle(
    tested: dict[str, FamilyResult], agrees: dict[str, bool] | None = None
) -> dict[str, FamilyResult]:
    """Adjust the families' p-values together and set their confidence levels.

    Parameters
    ----------
    tested : dict of str to FamilyResult
    agrees : dict of str to bool, optional
        Per family: the drivers model beats the content-blind baseline and
        agrees on the same videos.
    """
    names = list(tested)
    effects = adjust(
        [tested[n].effect for n in names],
        [bool((agrees or {}).get(n, False)) for n in names],
    )
    return {n: FamilyResult(n, e, tested[n].video_ids) for n, e in zip(names, effects, strict=True)}


__all__ = ["FAMILIES", "FamilyResult", "settle", "tested_families"]
