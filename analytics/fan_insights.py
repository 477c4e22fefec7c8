"""Fans: from the interaction matrix to segments, evaluation and topic opportunities.

Strings the fans pieces together for the CLI and the Fans page, on frames
and matrices read by :mod:`analytics.services.fans`: the matrix and the
catalogue go to the one pure fit,
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
from analytics.models.interactions import InteractionMatrix, Scaling
from analytics.models.ranking_metrics import ProgressFn

StorePath = str | os.PathLike[str]


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


def fans_report_from(
    matrix: InteractionMatrix,
    catalogue: pd.DataFrame,
    summary: dict[str, int],
    channel_id: str | None = None,
    *,
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
    """Evaluate, fit and describe a fan base from its interaction matrix.

    Parameters
    ----------
    matrix : InteractionMatrix
        Fans x videos, with first-interaction times (for the time split).
    catalogue : pandas.DataFrame
        ``video_id, title, tags, published_at`` of the channel's videos.
    summary : dict of str to int
        Store counts shown with the report (``interactions``, ``spam``, ...).
    channel_id : str, optional
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
    """
    return FansReport(
        channel_id,
        summary,
        fit_fans(
            matrix,
            fan_settings(
                params=params,
                grid=grid,
                ks=ks,
                n_segments=n_segments,
                min_segment_size=min_segment_size,
                scaling=scaling,
                bm25=bm25,
                engine=engine,
                spark_master=spark_master,
            ),
            random_state,
            videos=catalogue,
            progress=progress,
        ),
    )


def fan_settings(
    *,
    params: ALSParams | None = None,
    grid: Mapping[str, Sequence[float]] | None = None,
    ks: Sequence[int] = (10, 5),
    n_segments: int | None = None,
    min_segment_size: int = MIN_SEGMENT_SIZE,
    scaling: Scaling = "linear",
    bm25: bool = False,
    engine: Engine = "implicit",
    spark_master: str | None = None,
) -> FanSettings:
    """The :class:`~analytics.models.fans.FanSettings` of these options (defaults: tuned ALS)."""
    return FanSettings(
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
