"""A strategy card on the same videos as a Drivers reading quotes that reading's numbers.

The card and the Drivers page then give one number, one interval, one pair of counts and
one confidence for one group of videos; where the card's group is the reading's other
videos, the reading is quoted from the other side (inverse ratio and interval, counts
swapped); a card on any other group keeps its own held-out test.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from analytics.models.drivers import Reading
from analytics.models.effects import GroupEffect
from analytics.strategy.honest import FamilyResult
from analytics.strategy.model_check import quote_readings

DURATIONS = [30.0, 60.0, 500.0, 600.0, 700.0, 900.0, np.nan, 650.0]
IDS = [f"v{i}" for i in range(len(DURATIONS))]


def _report() -> SimpleNamespace:
    rows = pd.DataFrame({"channel_id": ["c"] * len(IDS), "video_id": IDS})
    X = pd.DataFrame({"duration_s": DURATIONS})
    reading = Reading(
        "duration_s", "videos of 480-720 s", 1.52, 1.21, 1.91, 25, 125, 1.4, "text",
        "medium", 0.012, 1.3, 60, 240, 480.0, 720.0, None,
    )  # fmt: skip
    comp = SimpleNamespace(data=SimpleNamespace(rows=rows, X=X))
    return SimpleNamespace(comparison=comp, readings=[reading])


def _family(ids: list[str], ratio: float = 1.3) -> FamilyResult:
    effect = GroupEffect(
        "duration", None, None, "8-12 min", ratio, (1.05, 1.6), 0.02, 0.04, 20, 90, 50, 200,
        "medium",
    )  # fmt: skip
    return FamilyResult("duration", effect, tuple(("c", v) for v in ids))


def test_a_card_on_the_readings_videos_quotes_its_numbers() -> None:
    # 500, 600, 700 and 650 s: the reading's 480-720 s (the unknown duration is in neither)
    out = quote_readings({"duration": _family(["v2", "v3", "v4", "v7"])}, _report())
    e = out["duration"].effect
    assert (e.ratio, e.interval) == (1.52, (1.21, 1.91))
    assert (e.n_in, e.n_out, e.n_in_all, e.n_out_all) == (25, 125, 60, 240)
    assert (e.p_adjusted, e.confidence) == (0.012, "medium")
    assert e.interval[0] <= e.ratio <= e.interval[1]
    assert out["duration"].video_ids == tuple(("c", v) for v in ["v2", "v3", "v4", "v7"])


def test_a_card_on_the_readings_other_videos_quotes_it_from_the_other_side() -> None:
    # every other video whose duration is known: 30, 60 and 900 s
    out = quote_readings({"duration": _family(["v0", "v1", "v5"], ratio=0.7)}, _report())
    e = out["duration"].effect
    assert e.ratio == pytest.approx(1 / 1.52)
    assert e.interval == pytest.approx((1 / 1.91, 1 / 1.21))
    assert (e.n_in, e.n_out, e.n_in_all, e.n_out_all) == (125, 25, 240, 60)
    assert e.interval[0] <= e.ratio <= e.interval[1]


@pytest.mark.parametrize(
    "ids",
    [
        ["v2", "v3", "v4"],  # one video of the reading's group missing
        ["v2", "v3", "v4", "v7", "v6"],  # one video without a duration added
        ["v0", "v1", "v5", "v6"],  # the other side plus the unknown duration
        [],
    ],
)
def test_a_card_on_another_group_keeps_its_own_test(ids: list[str]) -> None:
    family = _family(ids)
    out = quote_readings({"duration": family}, _report())
    assert out["duration"] is family


def test_no_reading_shown_leaves_every_card_alone() -> None:
    report = _report()
    report.readings = []
    family = _family(["v2", "v3", "v4", "v7"])
    assert quote_readings({"duration": family}, report)["duration"] is family
