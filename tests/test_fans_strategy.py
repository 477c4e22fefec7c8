"""Strategy fan cards read the one fans fit: shown only when ALS beats its baselines.

Synthetic fans (``synthetic_fans``): 4 planted taste groups (affinity 12) or none
(affinity 1). The cards come from :func:`analytics.strategy.fans_cards` on the
:class:`~analytics.models.fans.FansResult` of :func:`~analytics.models.fans.fit_fans`,
the same object the Fans page shows.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from analytics.models.fans import FansResult, fit_fans
from analytics.models.fans_synthetic import synthetic_fans
from analytics.strategy import fans_cards


def _analysis(videos: pd.DataFrame) -> SimpleNamespace:
    """The part of a growth analysis the fan cards read (video titles)."""
    return SimpleNamespace(table=videos[["video_id", "title"]].copy())


@pytest.fixture(scope="module")
def structured() -> tuple[FansResult, SimpleNamespace]:
    data = synthetic_fans(seed=0)
    return fit_fans(data.interactions, seed=0, videos=data.videos), _analysis(data.videos)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_structureless_fans_give_no_fan_card(seed: int) -> None:
    data = synthetic_fans(affinity=1.0, seed=seed)
    result = fit_fans(data.interactions, seed=0, videos=data.videos)
    assert not result.beats_baseline
    cards, summary, notes = fans_cards(result, _analysis(data.videos))
    assert cards == []  # so none above Low
    assert notes == [("note.fans_no_better", {"margin": "10%"})]
    assert summary is not None and summary["beats_baseline"] is False


def test_structured_fans_card_quotes_the_shared_fit(
    structured: tuple[FansResult, SimpleNamespace],
) -> None:
    result, a = structured
    assert result.beats_baseline
    cards, summary, notes = fans_cards(result, a, n_boot=200)
    assert notes == []
    assert summary is not None
    assert summary["params"] == {
        "factors": 4,
        "regularization": 10.0,
        "alpha": 30.0,
        "iterations": 10,
    }
    assert summary["segments"] == [
        {"id": s.id, "share": s.share, "top_topics": list(s.top_topics)}
        for s in result.segmentation.segments
    ]
    topic = next(c for c in cards if c.key in ("fans_topic", "fans_topic_combo"))
    # Labels are the catalogue's topics (the Fans page's), never a format tag alone.
    assert topic.params["topic"] in {"cooking", "baking", "travel", "hiking", "tech", "gadgets"}
    lo, hi = topic.evidence.interval
    assert lo <= topic.evidence.effect <= hi
    assert hi - lo > 0.01  # fans resampled: a real spread, not 1.0x-1.0x
    assert topic.evidence.n == 800 and topic.evidence.unit == "fans"
    assert topic.params["demand_pct"] == pytest.approx(
        topic.params["effect_ratio"] * topic.params["posting_pct"]
    )


def test_no_fans_no_card() -> None:
    assert fans_cards(None, SimpleNamespace(table=pd.DataFrame())) == ([], None, [])
