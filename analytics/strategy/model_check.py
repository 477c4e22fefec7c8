"""The drivers model's word on the growth cards: the same videos, the same test."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from analytics.models.effects import GroupEffect
from analytics.strategy.cards import Card
from analytics.strategy.honest import FamilyResult


def model_ratio(report: Any, video_ids: tuple[tuple[str, str], ...]) -> float:
    """The drivers model's out-of-fold content effect for a group of videos.

    ``exp(mean - mean)`` of the chosen model's predicted content deviation
    (its forward-fold prediction minus the channel's level) for the group
    against the other tested videos; NaN when either side has none.
    """
    from analytics.models.drivers import _model_ratio

    comp = report.comparison
    rows = comp.data.rows
    keys = set(video_ids)
    inside = np.array(
        [
            (str(c), str(v)) in keys
            for c, v in zip(rows["channel_id"], rows["video_id"], strict=True)
        ],
        dtype=bool,
    )
    return _model_ratio(comp, inside)


def model_agreement(
    tested: dict[str, FamilyResult], report: Any
) -> tuple[dict[str, bool], dict[str, dict[str, Any]]]:
    """Whether the drivers model agrees with each tested family, on the same videos.

    It agrees when it beats the best content-blind baseline on forward folds
    and its own effect for the card's group is on the same side of 1 (by at
    least 2 %).

    Returns
    -------
    (agrees, model)
        Per family: the verdict, and the ``Evidence.model`` entry
        (``ratio``, ``agrees``, ``beats_baseline``, ``model``).
    """
    comp = report.comparison
    beats = bool(comp.beats_baseline)
    agrees: dict[str, bool] = {}
    info: dict[str, dict[str, Any]] = {}
    for family, r in tested.items():
        mr = model_ratio(report, r.video_ids)
        ok = bool(
            beats
            and np.isfinite(mr)
            and (mr - 1.0) * (r.effect.ratio - 1.0) > 0
            and abs(np.log(mr)) > 0.02
        )
        agrees[family] = ok
        info[family] = {
            "ratio": float(mr) if np.isfinite(mr) else None,
            "agrees": ok,
            "beats_baseline": beats,
            "model": comp.chosen,
        }
    return agrees, info


def _quoted(effect: GroupEffect, reading: Any, mirror: bool) -> GroupEffect:
    """The family's effect with the numbers of a Drivers reading on the same videos.

    ``mirror``: the reading's group is the family's other videos (a category
    with two levels), so its ratio and interval are inverted and its counts swapped.
    """
    if not mirror:
        return dataclasses.replace(
            effect,
            ratio=float(reading.ratio),
            interval=(float(reading.low), float(reading.high)),
            p_adjusted=float(reading.p_adjusted),
            n_in=int(reading.n_in),
            n_out=int(reading.n_out),
            n_in_all=int(reading.n_in_all),
            n_out_all=int(reading.n_out_all),
            confidence=str(reading.confidence),
        )
    return dataclasses.replace(
        effect,
        ratio=1.0 / float(reading.ratio),
        interval=(1.0 / float(reading.high), 1.0 / float(reading.low)),
        p_adjusted=float(reading.p_adjusted),
        n_in=int(reading.n_out),
        n_out=int(reading.n_in),
        n_in_all=int(reading.n_out_all),
        n_out_all=int(reading.n_in_all),
        confidence=str(reading.confidence),
    )


def quote_readings(tested: dict[str, FamilyResult], report: Any) -> dict[str, FamilyResult]:
    """Families whose group is a reading the Drivers page shows quote that reading.

    A card and the Drivers page then give one number for one group of videos:
    where a family's claimed videos are exactly the videos of one of
    ``report.readings`` (the readings the page lists, from the same persisted
    fit), the family's ratio, interval, counts, adjusted p-value and
    confidence become the reading's. Where the claimed videos are the
    reading's other videos (every other video with that feature: e.g. videos
    against image posts), the reading is quoted from the other side (inverse
    ratio, counts swapped).
    Other families keep their own held-out test.

    Parameters
    ----------
    tested : dict of str to FamilyResult
        After :func:`analytics.strategy.honest.settle`.
    report : DriversReport
        The persisted drivers fit of the same channel and data version.

    Returns
    -------
    dict of str to FamilyResult
    """
    from analytics.models.drivers import reading_members

    if report is None or not report.readings:
        return tested
    comp = report.comparison
    rows = comp.data.rows
    keys = [(str(c), str(v)) for c, v in zip(rows["channel_id"], rows["video_id"], strict=True)]
    groups = []
    for r in report.readings:
        inside = reading_members(comp, r)
        known = comp.data.X[r.feature].notna().to_numpy()  # videos with the feature
        members = {k for k, m in zip(keys, inside, strict=True) if m}
        others = {k for k, m, ok in zip(keys, inside, known, strict=True) if ok and not m}
        groups.append((r, members, others))
    out: dict[str, FamilyResult] = {}
    for name, fam in tested.items():
        ids = set(fam.video_ids)
        out[name] = fam
        for reading, members, others in groups:
            if not ids or not members or not others:
                continue
            if ids in (members, others):
                effect = _quoted(fam.effect, reading, mirror=ids != members)
                out[name] = FamilyResult(name, effect, fam.video_ids)
                break
    return out


#: Card key -> the family of its held-out test.
CARD_FAMILY = {
    "duration": "duration",
    "publish_hour": "publish_hour",
    "topic_up": "topic",
    "topic_down": "topic",
    "format": "format",
    "cadence_space": "cadence_space",
}


def attach_model(cards: list[Card], info: dict[str, dict[str, Any]]) -> None:
    """Put the drivers model's reading of each card's own group on the card (in place)."""
    for card in cards:
        family = CARD_FAMILY.get(card.key)
        if family is not None and family in info:
            card.evidence.model = dict(info[family])
            card.source = "growth+drivers"


def apply_drivers(cards: list[Card], report: Any) -> dict[str, Any]:
    """The model summary of a drivers report (``model``, ``beats_baseline``,
    ``blind_baseline``, ``n_videos``, ``readings``); cards are checked by
    :func:`model_agreement` before their confidence is set."""
    comp = report.comparison
    del cards
    return {
        "model": comp.chosen,
        "beats_baseline": bool(comp.beats_baseline),
        "blind_baseline": comp.blind,
        "n_videos": int(comp.data.n),
        "readings": [r.text for r in report.readings],
    }
