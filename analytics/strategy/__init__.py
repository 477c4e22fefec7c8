"""Strategy cards: what to do next, why, and how sure we are.

Each :class:`Card` makes one claim with its evidence (number of videos,
effect against the channel's typical reach, interval), a confidence level
and one concrete action. Cards are built from

* growth analytics (:mod:`analytics.growth`): duration, publish hour,
  topics, content format, cadence, outliers, weekdays;
* the reach drivers model (:mod:`analytics.models.drivers`), which checks
  the duration, publish-hour and topic effects forward in time and raises or
  lowers their confidence;
* the fans model (:mod:`analytics.models.fans` through
  :mod:`analytics.fan_insights`): topics fans want more of than the creator
  posts, their segments, and back-catalogue videos worth re-sharing;
* market data, where imported (:mod:`analytics.models.market_topics`):
  topics that similar channels use;

and, where data is too thin for a claim, "unlock" cards that say what to
export. Cards are ranked by expected gain x confidence weight.

Texts are never stored in a card: a card holds translation keys
(``card.<key>.title`` / ``.claim`` / ``.action`` in :mod:`analytics.i18n`)
and typed parameters, so the same cards render in every language.

Expected gain
    A rough, comparable size of the opportunity on the log scale of reach:
    ``log(effect) x (share of videos not yet following the advice)`` for a
    "do more of X" card, ``log(1 / effect) x (share of videos doing X)``
    for a "do less of X" card. It orders cards; it is not a forecast.
Confidence
    Defined once, in :mod:`analytics.models.effects`: the held-out group test
    corrected across the card families, the test-half counts, and the drivers
    model beating the content-blind baseline and agreeing on the card's own
    videos.
"""

from __future__ import annotations

from analytics.strategy.build import (
    ModelInputs,
    build_strategy,
    growth_cards,
    is_meaningful,
    rank,
)
from analytics.strategy.cards import (
    CARD_KEYS,
    CONFIDENCE_WEIGHT,
    HIGH_MARGIN,
    MIN_HIGH_N,
    MIN_VIDEOS,
    MODEL_FEATURES,
    UNLOCK_GAIN,
    Card,
    Evidence,
    Progress,
    StrategyResult,
)
from analytics.strategy.fans_cards import fans_cards
from analytics.strategy.growth_cards import (
    cadence_card,
    duration_card,
    format_card,
    outlier_card,
    publish_hour_card,
    topic_cards,
    weekday_card,
)
from analytics.strategy.market import market_cards
from analytics.strategy.model_check import apply_drivers
from analytics.strategy.render import (
    card_params_dict,
    cards_frame,
    evidence_text,
    format_param,
    label_of,
    render_card,
    render_params,
    to_json,
)
from analytics.strategy.unlock import unlock_cards

__all__ = [
    "CARD_KEYS",
    "CONFIDENCE_WEIGHT",
    "HIGH_MARGIN",
    "MIN_HIGH_N",
    "MIN_VIDEOS",
    "MODEL_FEATURES",
    "ModelInputs",
    "UNLOCK_GAIN",
    "Card",
    "Evidence",
    "Progress",
    "StrategyResult",
    "apply_drivers",
    "build_strategy",
    "cadence_card",
    "card_params_dict",
    "cards_frame",
    "duration_card",
    "evidence_text",
    "fans_cards",
    "format_card",
    "format_param",
    "growth_cards",
    "is_meaningful",
    "label_of",
    "market_cards",
    "outlier_card",
    "publish_hour_card",
    "rank",
    "render_card",
    "render_params",
    "to_json",
    "topic_cards",
    "unlock_cards",
    "weekday_card",
]
