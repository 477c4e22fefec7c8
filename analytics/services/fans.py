"""Fans on a store: read interactions and catalogue, then fit and describe.

The store reads are :mod:`analytics.store.fan_queries`; the modelling is
:mod:`analytics.fan_insights` and :mod:`analytics.models.fans`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from analytics.errors import NotEnoughDataError
from analytics.fan_insights import FansReport, fans_report_from
from analytics.models.fans import (
    MIN_SEGMENT_SIZE,
    ALSParams,
    Engine,
    FanSettings,
    FansModel,
    FansResult,
    fit_fans,
)
from analytics.models.interactions import (
    DEFAULT_UNKNOWN_EVENT_WEIGHT,
    InteractionMatrix,
    Scaling,
    check_event_weights,
    from_pairs,
)
from analytics.models.market_topics import MarketTopicsModel, TopicPicks
from analytics.models.ranking_metrics import ProgressFn
from analytics.store import fan_queries

StorePath = str | os.PathLike[str]


def load_matrix(
    db_path: StorePath,
    channel_id: str | None = None,
    *,
    event_weights: Mapping[str, float] | None = None,
    include_spam: bool = False,
    with_time: bool = True,
) -> InteractionMatrix:
    """Fans x videos interaction matrix of a channel (or all channels) from the store.

    Parameters
    ----------
    db_path : str or path
        The store file.
    channel_id : str, optional
        None for every channel.
    event_weights : mapping of str to float, optional
        Weight per event kind (default
        :data:`~analytics.models.interactions.DEFAULT_EVENT_WEIGHTS`),
        multiplied by each row's ``weight``.
    include_spam : bool
        Keep interactions flagged as spam (default: left out).
    with_time : bool
        Load first-interaction times (needed for evaluation).

    Returns
    -------
    InteractionMatrix
        Rows ``fan_key``, columns ``video_id``, both in sorted id order.

    Raises
    ------
    NotEnoughDataError
        There is no (non-spam) fan interaction.
    StoreError, StoreBusyError
        The store cannot be opened.
    """
    pairs = fan_queries.load_interaction_pairs(
        db_path,
        channel_id,
        event_weights=check_event_weights(event_weights),
        unknown_event_weight=DEFAULT_UNKNOWN_EVENT_WEIGHT,
        include_spam=include_spam,
        with_time=with_time,
    )
    if pairs.weight.size == 0:
        where = f"channel {channel_id!r}" if channel_id else "the store"
        raise NotEnoughDataError(
            f"{where} has no fan interactions yet: import a comments or fan activity export "
            "(who watched, liked or commented on which video) first"
        )
    return from_pairs(
        pairs.user_index,
        pairs.item_index,
        pairs.weight,
        pairs.user_keys,
        pairs.item_keys,
        pairs.first_seen,
    )


def fit_from_store(
    db_path: StorePath,
    channel_id: str | None = None,
    *,
    params: ALSParams | None = None,
    event_weights: Mapping[str, float] | None = None,
    scaling: Scaling = "linear",
    bm25: bool = False,
    random_state: int = 0,
    num_threads: int | None = None,
    progress: ProgressFn | None = None,
) -> FansModel:
    """Load the interactions, build the CSR matrix and fit ALS with fixed hyperparameters.

    This is the production fit path (and what the benchmark times).

    Returns
    -------
    FansModel
        Fitted on every non-spam interaction.
    """
    matrix = load_matrix(db_path, channel_id, event_weights=event_weights, with_time=False)
    return FansModel(
        params, scaling=scaling, bm25=bm25, random_state=random_state, num_threads=num_threads
    ).fit(matrix, progress=progress)


def build_fans_report(
    db_path: StorePath,
    channel_id: str | None = None,
    *,
    event_weights: Mapping[str, float] | None = None,
    include_spam: bool = False,
    params: ALSParams | None = None,
    grid: Mapping[str, Sequence[float]] | None = None,
    ks: Sequence[int] = (10, 5),
    n_segments: int | None = None,
    min_segment_size: int = MIN_SEGMENT_SIZE,
    scaling: Scaling = "linear",
    bm25: bool = False,
    engine: Engine = "implicit",
    spark_master: str | None = None,
    random_state: int = 0,
    progress: ProgressFn | None = None,
) -> FansReport:
    """Evaluate, fit and describe the fan base of a channel (or all channels).

    Parameters
    ----------
    db_path : str or path
        The store file.
    channel_id : str, optional
        None for every channel's fans together.
    event_weights : mapping, optional
        Weight per event kind.
    include_spam : bool
        Keep spam-flagged interactions (default: left out).
    params : ALSParams, optional
        Fixed hyperparameters; default: chosen on a validation split.
    grid : mapping, optional
        Tuning grid (default :data:`~analytics.models.fans.DEFAULT_GRID`).
    n_segments : int, optional
        Fixed number of k-means clusters (default: chosen by prediction strength).
    min_segment_size : int
        Smallest segment shown (k-anonymity).
    engine : {"implicit", "spark"}
        Where ALS is fitted (``spark``: requirements-spark.txt and Java 17+).
    spark_master : str, optional
        Spark master URL (default ``local[*]``).
    progress : callable, optional
        ``progress(fraction, message)``.

    Returns
    -------
    FansReport

    Raises
    ------
    NotEnoughDataError
        No fan interactions, or fewer than 2 fans / 2 videos.
    StoreError, StoreBusyError
        The store cannot be opened.
    """

    if progress is not None:
        progress(0.0, "loading fan interactions")
    summary = fan_queries.fan_activity_summary(db_path, channel_id)
    matrix = load_matrix(
        db_path, channel_id, event_weights=event_weights, include_spam=include_spam
    )
    catalogue = fan_queries.load_video_catalogue(db_path, channel_id)
    return fans_report_from(
        matrix,
        catalogue,
        summary,
        channel_id,
        params=params,
        grid=grid,
        ks=ks,
        n_segments=n_segments,
        min_segment_size=min_segment_size,
        scaling=scaling,
        bm25=bm25,
        engine=engine,
        spark_master=spark_master,
        random_state=random_state,
        progress=progress,
    )


def fans_result(
    db_path: StorePath,
    channel_id: str | None = None,
    settings: FanSettings | None = None,
    seed: int = 0,
    *,
    progress: ProgressFn | None = None,
) -> FansResult:
    """The one fans fit of a channel (:func:`~analytics.models.fans.fit_fans`), from the store.

    With the default settings and seed this is the same tuned model, verdict
    and segments as :func:`build_fans_report` (the Fans page and the CLI):
    the strategy's fan cards read it instead of refitting.
    """
    matrix = load_matrix(db_path, channel_id)
    catalogue = fan_queries.load_video_catalogue(db_path, channel_id)
    return fit_fans(matrix, settings, seed, videos=catalogue, progress=progress)


def market_topic_picks(
    db_path: StorePath,
    channel_id: str,
    n: int = 10,
    *,
    min_channels_per_topic: int = 2,
    random_state: int = 0,
) -> TopicPicks:
    """Topics that channels similar to ``channel_id`` use, from every channel in the store.

    Market data (trending snapshots and other channels' videos with tags)
    and the creator's own videos form a channel x topic matrix; see
    :class:`~analytics.models.market_topics.MarketTopicsModel`.

    Raises
    ------
    NotEnoughDataError
        Too few channels with shared tags in the store.
    """
    pairs = fan_queries.load_channel_topics(db_path)
    model = MarketTopicsModel(
        min_channels_per_topic=min_channels_per_topic, random_state=random_state
    ).fit(pairs)
    return model.recommend_topics(channel_id, n)


__all__ = [
    "FansReport",
    "build_fans_report",
    "fans_result",
    "fit_from_store",
    "load_matrix",
    "market_topic_picks",
]
