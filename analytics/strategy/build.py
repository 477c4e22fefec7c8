"""All cards of a channel, filtered and ranked."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics import growth
from analytics.errors import AnalyticsError
from analytics.growth import GrowthAnalysis
from analytics.strategy.cards import MIN_VIDEOS, Card, Progress, StrategyResult
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
from analytics.strategy.honest import FamilyResult, settle, tested_families
from analytics.strategy.market import market_cards
from analytics.strategy.model_check import (
    apply_drivers,
    attach_model,
    model_agreement,
    quote_readings,
)
from analytics.strategy.unlock import unlock_cards


# ------------------------------------------------------------------ all cards
def is_meaningful(card: Card) -> bool:
    """False for a claim whose numbers say nothing.

    Unlock cards (no effect) always pass. Otherwise the effect must be a
    finite number > 0, and an interval, when there is one, must be finite,
    > 0 at both ends and not a single point (``low == high`` happens when
    every compared value is the same, e.g. channels with one video each,
    whose relative reach is always 1).
    """
    ev = card.evidence
    if ev.effect is None:
        return True
    if not (math.isfinite(ev.effect) and ev.effect > 0):
        return False
    if ev.interval is not None:
        lo, hi = (float(v) for v in ev.interval)
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo <= 0 or hi <= 0:
            return False
        if math.isclose(lo, hi, rel_tol=1e-9, abs_tol=1e-12):
            return False
    return True


def growth_cards(a: GrowthAnalysis, tested: dict[str, FamilyResult] | None = None) -> list[Card]:
    """Every card the growth analytics support, each tested on held-out videos.

    Only channels with enough videos of their own take part (see
    :func:`analytics.growth.analysis.pool_channels`); with fewer than
    :data:`MIN_VIDEOS` such videos there are no growth cards.

    Parameters
    ----------
    a : GrowthAnalysis
    tested : dict, optional
        Settled family tests (:func:`analytics.strategy.honest.settle`);
        computed without a model (nothing ``high``) when None.
    """
    if a.n < MIN_VIDEOS:
        return []
    if tested is None:
        tested = settle(tested_families(a.table))
    makers = [
        duration_card,
        publish_hour_card,
        format_card,
        cadence_card,
        weekday_card,
    ]
    cards = [c for c in (m(a, tested) for m in makers) if c is not None]
    out = outlier_card(a)
    if out is not None:
        cards.append(out)
    cards += topic_cards(a, tested)
    return [c for c in cards if is_meaningful(c)]


def rank(cards: list[Card]) -> list[Card]:
    """Cards by score (expected gain x confidence weight), best first; unlock cards last
    among equals."""
    return sorted(cards, key=lambda c: (-c.score, c.is_unlock, c.key))


@dataclass
class ModelInputs:
    """What the model-based cards read, gathered by :mod:`analytics.services.strategy`.

    Attributes
    ----------
    drivers : DriversReport or None
        The reach drivers of the channel (None when the model did not run).
    drivers_error : str or None
        Why the drivers model did not run (shown as a note).
    fans_result : FansResult or None
        The one fans fit (:func:`analytics.models.fans.fit_fans`, shared
        with the Fans page); None when the store has no fan interaction.
    fans_error : str or None
        Why the fan interactions could not be read.
    channel_topics : pandas.DataFrame or None
        ``channel_id, topic`` pairs of every channel (market cards).
    market_error : str or None
        Why the channel topics could not be read.
    """

    drivers: Any = None
    drivers_error: str | None = None
    fans_result: Any = None
    fans_error: str | None = None
    channel_topics: pd.DataFrame | None = None
    market_error: str | None = None


def build_strategy(
    a: GrowthAnalysis,
    models: ModelInputs | None = None,
    *,
    n_boot: int = growth.N_BOOT,
    seed: int = 0,
    progress: Progress | None = None,
) -> StrategyResult:
    """Build the ranked strategy cards from the growth analysis and the model inputs.

    The growth cards are tested on held-out videos (:mod:`analytics.strategy.honest`);
    the drivers report, when there is one, says whether its content model beats
    the content-blind baseline and agrees on each card's own videos (needed for
    ``high``).

    Parameters
    ----------
    a : GrowthAnalysis
        Every growth analysis of the channel (or all channels).
    models : ModelInputs, optional
        The drivers report, fans matrix and channel topics; None gives the
        growth-based cards only (a note says the models were off).
    n_boot : int
        Bootstrap resamples per interval.
    seed : int
    progress : callable(fraction, message), optional

    Returns
    -------
    StrategyResult
    """

    def step(f: float, msg: str) -> None:
        if progress is not None:
            progress(f, msg)

    del n_boot
    channel_id = a.channel_id
    tested = tested_families(a.table) if a.n >= MIN_VIDEOS else {}
    agrees: dict[str, bool] = {}
    model_info: dict[str, dict[str, Any]] = {}
    notes: list[tuple[str, dict[str, Any]]] = []
    model_summary = None
    fans_summary = None
    had_fans = a.coverage.fan_interactions > 0
    had_market = True
    if models is not None:
        step(0.3, "drivers model")
        if models.drivers is not None:
            agrees, model_info = model_agreement(tested, models.drivers)
        elif models.drivers_error is not None:
            notes.append(("note.model_skipped", {"reason": models.drivers_error}))
    settled = settle(tested, agrees)
    if models is not None and models.drivers is not None:
        # a card on the same videos as a reading of the Drivers page quotes its numbers
        settled = quote_readings(settled, models.drivers)
    cards = growth_cards(a, settled)
    attach_model(cards, model_info)
    if models is not None:
        if models.drivers is not None:
            model_summary = apply_drivers(cards, models.drivers)
        step(0.7, "fans model")
        try:
            if models.fans_error is not None:
                raise AnalyticsError(models.fans_error)
            fcards, fans_summary, fnotes = fans_cards(models.fans_result, a, seed=seed)
            cards += fcards
            notes += fnotes
            had_fans = fans_summary is not None
        except AnalyticsError as exc:
            notes.append(("note.fans_skipped", {"reason": str(exc)}))
            had_fans = False
        step(0.9, "market topics")
        try:
            if models.market_error is not None:
                raise AnalyticsError(models.market_error)
            mcards, had_market = market_cards(models.channel_topics, channel_id)
            cards += mcards
        except AnalyticsError as exc:
            notes.append(("note.market_skipped", {"reason": str(exc)}))
    else:
        notes.append(("note.models_off", {}))
    cards = [c for c in cards if is_meaningful(c)]
    cards += unlock_cards(a, fans=had_fans, market=had_market)
    step(1.0, "done")
    return StrategyResult(channel_id, rank(cards), a, model_summary, fans_summary, notes)
