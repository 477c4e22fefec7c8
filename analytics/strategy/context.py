"""Breakdown context on strategy cards: who watches and where views come from.

A card about publish hours is truer when it says where the viewers are (their
local time may not be the channel's); a card about topics, length or format
is truer when it says how viewers find the videos (search or browsing). The
facts come from the channel's breakdown exports
(:func:`analytics.growth.breakdowns.breakdown_context`); they describe the
past audience and never enter a predictor (they are measured after
publishing).
"""

from __future__ import annotations

from collections.abc import Iterable

from analytics.growth.breakdowns import ContextFact
from analytics.i18n import format_percent, t
from analytics.i18n.breakdown_keys import context_text, key_label
from analytics.strategy.cards import Card

# Which breakdown each card family quotes.
CONTEXT_FOR: dict[str, tuple[str, ...]] = {
    "publish_hour": ("geography",),
    "weekday_none": ("geography",),
    "weekday_unclear": ("geography",),
    "topic_up": ("traffic_source",),
    "topic_down": ("traffic_source",),
    "duration": ("traffic_source",),
    "format": ("traffic_source",),
    "outlier": ("traffic_source",),
}


def attach_context(cards: Iterable[Card], facts: Iterable[ContextFact]) -> None:
    """Set each card's ``context`` to the facts its family quotes (in place).

    Parameters
    ----------
    cards : iterable of Card
    facts : iterable of ContextFact
        At most one per dimension (the top group), as
        :func:`analytics.services.audience.breakdown_context` returns them.
    """
    by_dim = {f.dimension: f for f in facts}
    for card in cards:
        card.context = tuple(by_dim[d] for d in CONTEXT_FOR.get(card.key, ()) if d in by_dim)


def context_sentence(card_key: str, fact: ContextFact, lang: str) -> str:
    """One fact as a sentence fit for the card (``62.0% of your views come from Browse features``).

    On a timing card the top country is said with what it implies: the
    viewers' local time may differ from the channel's time zone.
    """
    if fact.dimension == "geography" and card_key in {
        "publish_hour",
        "weekday_none",
        "weekday_unclear",
    }:
        return t(
            "breakdowns.context.geography_time",
            lang,
            share=format_percent(fact.share, lang, digits=1),
            group=key_label("geography", fact.key, lang),
        )
    return context_text(fact, lang)


__all__ = ["CONTEXT_FOR", "attach_context", "context_sentence"]
