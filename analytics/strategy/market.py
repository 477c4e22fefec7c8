"""Cards from market data: topics similar channels use."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analytics.strategy.cards import Card, Evidence


def market_cards(
    topics: pd.DataFrame | None, channel_id: str | None, *, min_using: int = 2
) -> tuple[list[Card], bool]:
    """A card for the topic that most of the channels most like this one use and it does not.

    Channels are compared by ALS on the store's channel x topic pairs
    ``topics`` (``channel_id, topic`` rows, every channel of the store)
    (:class:`analytics.models.market_topics.MarketTopicsModel`); "most like"
    means the nearest half of the other channels (3 to 10 of them).

    Returns
    -------
    (cards, had_market_data)
        ``had_market_data`` is False when the store has too few other
        channels to compare with (an unlock card then says what to import).
    """
    from analytics.errors import NotEnoughDataError
    from analytics.models.market_topics import MarketTopicsModel

    if channel_id is None or topics is None:
        return [], True
    others = int(topics.loc[topics["channel_id"] != channel_id, "channel_id"].nunique())
    if others < 3:
        return [], False
    try:
        with _one_thread():
            model = MarketTopicsModel(random_state=0).fit(topics)
    except NotEnoughDataError:
        return [], False
    k = min(10, max(3, others // 2))
    picks = model.recommend_topics(channel_id, 5, n_neighbours=k)
    if not picks.known or picks.picks.empty:
        return [], True
    best = picks.picks.sort_values(
        ["similar_channels_using", "score"], ascending=[False, False]
    ).iloc[0]
    using = int(best["similar_channels_using"])
    if using < min_using:
        return [], True
    share = using / k
    examples = ", ".join(str(e) for e in list(best["evidence"])[:3])
    card = Card(
        "market_topic",
        "market",
        {
            "topic": str(best["topic"]),
            "using_count": using,
            "neighbours_count": k,
            "channels": examples,
        },
        Evidence(
            using,
            share,
            None,
            k,
            unit="channels",
            measure="channels",
            level=None,
            interval_kind="none",
        ),
        "medium" if using >= 3 else "low",
        0.3 * share,
        None,
    )
    return [card], True


def _one_thread() -> Any:
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)
