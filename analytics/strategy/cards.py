"""Card, evidence and result types, confidence weights and the card keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from analytics import growth
from analytics.growth import Effect, GrowthAnalysis

Progress = Callable[[float, str], None]

CONFIDENCE_WEIGHT = {"high": 1.0, "medium": 0.6, "low": 0.25}
MIN_HIGH_N = 15
#: For ``high`` the interval must also clear 1 by this factor (1.05: 5 %).
HIGH_MARGIN = 1.05
#: Fewer videos with a known reach than this and the growth cards are replaced
#: by an unlock card.
MIN_VIDEOS = 12
#: Expected gain given to unlock cards (ranks them after clear opportunities).
UNLOCK_GAIN = 0.04
#: Every card key (texts ``card.<key>.title`` / ``.claim`` / ``.action`` in analytics.i18n).
CARD_KEYS: tuple[str, ...] = (
    "duration",
    "publish_hour",
    "topic_up",
    "topic_down",
    "format",
    "cadence_busy",
    "cadence_busy_spaced",
    "cadence_space",
    "outlier",
    "weekday_none",
    "weekday_unclear",
    "fans_topic",
    "fans_topic_combo",
    "back_catalogue",
    "market_topic",
    "unlock.videos",
    "unlock.own_videos",
    "unlock.duration",
    "unlock.tags",
    "unlock.followers",
    "unlock.fans",
    "unlock.market",
)
#: Feature of the drivers model behind each card key.
MODEL_FEATURES = {
    "duration": "duration_s",
    "publish_hour": "publish_hour",
    "topic_up": "topic",
    "topic_down": "topic",
}


@dataclass
class Evidence:
    """What a card's claim rests on.

    Attributes
    ----------
    n : int
        Videos (or weeks, fans, channels: see ``unit``) behind the claim.
    effect : float or None
        The effect as a ratio (1 = no difference); None for unlock cards.
    interval : tuple of (float, float) or None
        Its interval (``interval_kind``: ``heldout`` 95 % interval measured on
        the newer half of the videos for the group chosen on the older half,
        see :mod:`analytics.strategy.honest`; ``bootstrap`` 95 % percentile
        interval; or ``range`` of the values shown).
    n_ref : int or None
        Size of the comparison group.
    unit : str
        ``videos``, ``weeks``, ``fans`` or ``channels``.
    measure : str
        What the ratio compares: ``reach`` (relative reach),
        ``followers`` (weekly new followers), ``demand`` (fans' predicted
        interest against posting share), ``preference`` (predicted
        preference against the segment's typical video), ``channels``
        (share of similar channels).
    level : float or None
        Interval level.
    interval_kind : str
    model : dict or None
        The drivers model on the same videos: ``ratio`` (its out-of-fold
        content effect for the card's group), ``agrees``, ``beats_baseline``,
        ``model``.
    p_adjusted : float or None
        Holm-adjusted p-value of a held-out test.
    """

    n: int
    effect: float | None
    interval: tuple[float, float] | None
    n_ref: int | None = None
    unit: str = "videos"
    measure: str = "reach"
    level: float | None = growth.LEVEL
    interval_kind: str = "bootstrap"
    model: dict[str, Any] | None = None
    p_adjusted: float | None = None

    @classmethod
    def of(cls, effect: Effect, **kw: Any) -> Evidence:
        """Evidence from a growth :class:`~analytics.growth.Effect`."""
        return cls(
            effect.n,
            effect.ratio,
            (effect.low, effect.high),
            effect.n_ref,
            level=effect.level,
            **kw,
        )


@dataclass
class Card:
    """One recommended strategy.

    Attributes
    ----------
    key : str
        Text family in :mod:`analytics.i18n` (``card.<key>.title`` ...).
    source : str
        ``growth``, ``drivers``, ``fans``, ``market`` or ``data``.
    params : dict
        Values for the texts. A name's suffix says how it is shown:
        ``_ratio`` (1.8×), ``_pct`` (24%), ``_count`` (1.2万), ``_hour``
        (18:00), ``_weekday``, ``_bucket`` (a duration or gap bucket),
        ``_ctype`` (a content type); other values are shown as they are
        (topics and titles come from the creator's data).
    evidence : Evidence
    confidence : str
        ``high``, ``medium`` or ``low``.
    expected_gain : float
        See the module docstring.
    chart : dict or None
        Data of the card's chart (see :mod:`analytics.growth_charts`).
    video_ids : tuple of (channel_id, video_id)
        The videos of the group the card claims (held-out tested cards).
    context : tuple of ContextFact
        Breakdown facts the card quotes (where viewers are, how they find
        the videos; :mod:`analytics.strategy.context`).
    """

    key: str
    source: str
    params: dict[str, Any]
    evidence: Evidence
    confidence: str
    expected_gain: float
    chart: dict[str, Any] | None = None
    video_ids: tuple[tuple[str, str], ...] = ()
    context: tuple[Any, ...] = ()

    @property
    def score(self) -> float:
        """Expected gain x confidence weight (the ranking key)."""
        return float(self.expected_gain) * CONFIDENCE_WEIGHT.get(self.confidence, 0.0)

    @property
    def is_unlock(self) -> bool:
        """True for a card that says what to export rather than what to do."""
        return self.key.startswith("unlock.")


@dataclass
class StrategyResult:
    """Cards (ranked) and the analyses behind them.

    Attributes
    ----------
    channel_id : str or None
    cards : list of Card
        Best first.
    analysis : GrowthAnalysis
    model_summary : dict or None
        Drivers model: ``model``, ``beats_baseline``, ``n_videos``,
        ``readings`` (English sentences); None when it did not run.
    fans_summary : dict or None
        Fans model: ``fans``, ``videos``, ``segments`` (list of ``id``,
        ``share``, ``top_topics``), ``topics`` (frame of topics fans want,
        all fans); None when it did not run.
    notes : list of (str, dict)
        Translation keys and parameters of notes (why a model did not run).
    """

    channel_id: str | None
    cards: list[Card]
    analysis: GrowthAnalysis
    model_summary: dict[str, Any] | None = None
    fans_summary: dict[str, Any] | None = None
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
