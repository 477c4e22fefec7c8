"""Fans: from the store to segments, evaluation and topic opportunities.

The one place that strings the fans pieces together for the CLI and the
Fans page: load interactions from the store (:mod:`analytics.store.fan_queries`),
build the fans x videos matrix (:mod:`analytics.models.interactions`)
and hand it with the catalogue to the one pure fit,
:func:`analytics.models.fans.fit_fans` (global time split, baselines,
tuning, refit, segments, topics fans want, back-catalogue picks); topics
from similar channels come from :mod:`analytics.models.market_topics`.

Everything returned is plain data. Nothing here caches: the page caches the
report with ``st.cache_resource`` keyed by the store's data version.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics.errors import NotEnoughDataError
from analytics.models.fans import (
    MIN_SEGMENT_SIZE,
    ALSParams,
    Engine,
    EvaluationReport,
    FanSettings,
    FansModel,
    FansResult,
    Ranked,
    Segmentation,
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


@dataclass
class FansReport:
    """Everything the Fans page and ``python -m analytics fans`` show.

    Attributes
    ----------
    channel_id : str or None
    summary : dict of str to int
        Store counts: ``interactions``, ``spam``, ``fans``, ``videos``, ``channels``.
    result : FansResult
        The one fit (:func:`~analytics.models.fans.fit_fans`): evaluation on
        a global time split with the verdict against the best baseline,
        the tuned model refitted on everything, segments, topics and picks.
    """

    channel_id: str | None
    summary: dict[str, int]
    result: FansResult

    @property
    def evaluation(self) -> EvaluationReport:
        """ALS against popularity, recent popularity and item-item cosine."""
        return self.result.evaluation

    @property
    def model(self) -> FansModel:
        """ALS refitted on all interactions with the chosen hyperparameters."""
        return self.result.model

    @property
    def segmentation(self) -> Segmentation:
        """Fan segments labelled by the catalogue's topics."""
        return self.result.segmentation

    @property
    def topics_wanted(self) -> pd.DataFrame:
        """See :func:`~analytics.models.fans.topics_fans_want`."""
        return self.result.topics_wanted

    @property
    def back_catalogue(self) -> pd.DataFrame:
        """See :func:`~analytics.models.fans.back_catalogue_picks`, plus ``title``."""
        return self.result.back_catalogue

    @property
    def catalogue(self) -> pd.DataFrame:
        """``video_id``, ``title``, ``tags``, ``published_at``, ``fans``."""
        return self.result.catalogue

    @property
    def warnings(self) -> list[str]:
        """Plain-language caveats (thin data, no better than a baseline, hidden segments)."""
        return self.result.warnings

    @property
    def beats_baseline(self) -> bool:
        """True when fan cards and similar videos may be shown."""
        return self.result.beats_baseline

    def video_tags(self) -> dict[str, list[str]]:
        """``video_id`` -> topics, for every video of the catalogue."""
        return self.result.video_tags()

    def similar_videos(self, video_id: str, n: int = 10) -> Ranked:
        """Similar videos: from item factors, or through tags for a video without fans.

        Returns
        -------
        Ranked
            ``method`` is ``"item factors"`` or ``"tags"`` (cold start);
            ``known=False`` with a message when neither works.
        """
        return self.result.similar_videos(video_id, n)

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON.

        ``{"evaluation": {model: metrics}, "segments": [...], "verdict": {...}}``.
        Metrics per model (``als``, ``popularity``, ``recent_popularity``,
        ``item_cosine``): ``precision@10``, ``recall@10``, ``ndcg@10``,
        ``map@10``, ``coverage``, ``novelty`` (at the headline k; None when
        there was no test fan). Segments: ``id``, ``size``, ``top_topics``.
        Verdict: ``best_baseline``, ``lift`` and ``lift_interval`` (NDCG
        ratio - 1, fans resampled), ``margin``, ``beats_baseline``,
        ``engine``.
        """
        ev = self.evaluation

        def num(v: float) -> float | None:
            return None if not math.isfinite(v) else float(v)

        return {
            "evaluation": ev.headline(),
            "segments": [
                {"id": s.id, "size": s.size, "top_topics": list(s.top_topics)}
                for s in self.segmentation.segments
            ],
            "verdict": {
                "best_baseline": ev.best_baseline,
                "lift": num(ev.lift),
                "lift_interval": [num(v) for v in ev.lift_interval],
                "margin": ev.margin,
                "beats_baseline": ev.beats_baseline,
                "engine": ev.params.get("engine", "implicit"),
            },
        }


def load_catalogue(db_path: StorePath, channel_id: str | None = None) -> pd.DataFrame:
    """The store's videos of a channel (or all): ``video_id``, ``title``, ``tags``, ``published_at``."""
    return fan_queries.load_video_catalogue(db_path, channel_id)


def fit_fans_for_store(
    db_path: StorePath,
    channel_id: str | None = None,
    settings: FanSettings | None = None,
    seed: int = 0,
    *,
    event_weights: Mapping[str, float] | None = None,
    include_spam: bool = False,
    progress: ProgressFn | None = None,
) -> FansResult:
    """Load a channel's interactions and catalogue and run :func:`~analytics.models.fans.fit_fans`.

    The Fans page, the CLI and the strategy cards call this with the same
    settings and seed, so they read the same tuned model and segments.
    """
    matrix = load_matrix(
        db_path, channel_id, event_weights=event_weights, include_spam=include_spam
    )
    return fit_fans(
        matrix, settings, seed, videos=load_catalogue(db_path, channel_id), progress=progress
    )


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
        Where ALS is fitted; ``spark`` needs ``requirements-spark.txt`` and Java 17+.
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
    settings = FanSettings(
        params=params,
        grid=grid,
        ks=tuple(int(k) for k in ks),
        scaling=scaling,
        bm25=bm25,
        n_segments=n_segments,
        min_segment_size=min_segment_size,
        engine=engine,
        spark_master=spark_master,
    )
    result = fit_fans_for_store(
        db_path,
        channel_id,
        settings,
        random_state,
        event_weights=event_weights,
        include_spam=include_spam,
        progress=progress,
    )
    return FansReport(channel_id, summary, result)


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
