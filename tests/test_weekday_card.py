"""A "no weekday stands out" card is only as sure as its intervals are narrow.

The kind: a claim of no difference at Medium confidence needs every weekday's
95% interval inside 1/1.5x..1.5x; with wide intervals (few videos) the card
says the videos cannot tell yet, at Low confidence, quoting the intervals.
Before, "Any weekday works" was Medium beside its own 0.49x-3.6x.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from analytics.i18n import format_ratio
from analytics.strategy.growth_cards import weekday_card
from analytics.strategy.render import render_card


def _analysis(bounds: list[tuple[float, float, float]], n: int = 60) -> SimpleNamespace:
    table = pd.DataFrame(
        {
            "level": [str(d) for d in range(7)],
            "median": [b[0] for b in bounds],
            "low": [b[1] for b in bounds],
            "high": [b[2] for b in bounds],
            "n": [n // 7] * 7,
        }
    )
    vs_rest = {d: SimpleNamespace(ratio=b[0], low=b[1], high=b[2]) for d, b in enumerate(bounds)}
    weekdays = SimpleNamespace(table=table, vs_rest=vs_rest)
    return SimpleNamespace(best_time=SimpleNamespace(weekdays=weekdays), n=n)


def test_narrow_intervals_say_any_weekday_works_at_medium() -> None:
    card = weekday_card(_analysis([(1.0, 0.8, 1.25)] * 6 + [(1.1, 0.9, 1.4)]), {})
    assert card is not None
    assert (card.key, card.confidence) == ("weekday_none", "medium")
    en = render_card(card, "en")
    assert en["title"] == "Any weekday works" and en["confidence_label"] == "Medium confidence"
    assert "between 1.0× and 1.1×" in en["claim"]


@pytest.mark.parametrize(
    "bounds",
    [
        [(1.0, 0.49, 3.6)] + [(1.0, 0.8, 1.2)] * 6,  # one day wide upwards
        [(0.9, 0.6, 1.2)] + [(1.0, 0.8, 1.2)] * 6,  # one day wide downwards
    ],
)
def test_wide_intervals_say_cannot_tell_at_low(bounds: list[tuple[float, float, float]]) -> None:
    card = weekday_card(_analysis(bounds), {})
    assert card is not None
    assert (card.key, card.confidence) == ("weekday_unclear", "low")
    en = render_card(card, "en")
    zh = render_card(card, "zh")
    lo = min(b[1] for b in bounds)
    hi = max(b[2] for b in bounds)
    assert en["title"] == "No weekday stands out yet"
    assert en["claim"] == (
        "No weekday stands out, but 60 videos cannot tell yet: the days' differences could "
        f"lie anywhere from {format_ratio(lo)} to {format_ratio(hi)} (95% intervals)."
    )
    assert zh["title"] == "暂时看不出哪一天更好" and "60 条作品还不足以判断" in zh["claim"]
