"""Fans: from the store to segments, evaluation and topic opportunities.

Strings the fans pieces together for the CLI and the Fans page, on
frames and matrices read by :mod:`analytics.services.fans`: evaluate ALS against baselines and choose its hyperparameters
(:mod:`analytics.models.fans`, :mod:`analytics.models.ranking_metrics`),
refit on everything and derive segments, topics fans want and
back-catalogue picks; topics from similar channels come from
:mod:`analytics.models.market_topics`.

Everything returned is plain data. Nothing here caches: the page caches the
report with ``st.cache_resource`` keyed by the store's data version.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analytics.models.fans import (
    MIN_SEGMENT_SIZE,
    ALSParams,
    FansModel,
    Ranked,
    Segmentation,
    back_catalogue_picks,
    evaluate_als,
    segment_fans,
    similar_by_tags,
    topics_fans_want,
)
from analytics.models.interactions import (
    InteractionMatrix,
    Scaling,
)
from analytics.models.ranking_metrics import EvaluationReport, ProgressFn

StorePath = str | os.PathLike[str]


@dataclass
class FansReport:
    """Everything the Fans page and ``python -m analytics fans`` show.

    Attributes
    ----------
    channel_id : str or None
    summary : dict of str to int
        Store counts: ``interactions``, ``spam``, ``fans``, ``videos``, ``channels``.
    evaluation : EvaluationReport
        ALS against popularity and item-cosine baselines.
    model : FansModel
        ALS refitted on all interactions with the chosen hyperparameters.
    segmentation : Segmentation
    topics_wanted : pandas.DataFrame
        See :func:`~analytics.models.fans.topics_fans_want`.
    back_catalogue : pandas.DataFrame
        See :func:`~analytics.models.fans.back_catalogue_picks`, plus ``title``.
    catalogue : pandas.DataFrame
        ``video_id``, ``title``, ``tags``, ``published_at``, ``fans`` (count;
        0 for a video nobody interacted with yet).
    warnings : list of str
        Plain-language caveats (thin data, hidden segments, untuned model).
    """

    channel_id: str | None
    summary: dict[str, int]
    evaluation: EvaluationReport
    model: FansModel
    segmentation: Segmentation
    topics_wanted: pd.DataFrame
    back_catalogue: pd.DataFrame
    catalogue: pd.DataFrame
    warnings: list[str] = field(default_factory=list)

    def video_tags(self) -> dict[str, list[str]]:
        """``video_id`` -> topics, for every video of the catalogue."""
        return dict(zip(self.catalogue["video_id"], self.catalogue["tags"], strict=True))

    def similar_videos(self, video_id: str, n: int = 10) -> Ranked:
        """Similar videos: from item factors, or through tags for a video without fans.

        Returns
        -------
        Ranked
            ``method`` is ``"item factors"`` or ``"tags"`` (cold start);
            ``known=False`` with a message when neither works.
        """
        answer = self.model.similar_videos(video_id, n)
        if answer.known:
            return answer
        tags = self.video_tags().get(str(video_id))
        if tags is None:
            return Ranked(str(video_id), False, message=f"video {video_id!r} is not in the store")
        return similar_by_tags(self.model, tags, self.video_tags(), n, exclude=[video_id])

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON: ``{"evaluation": {model: metrics}, "segments": [...]}``.

        Metrics per model: ``precision@10``, ``recall@10``, ``ndcg@10``,
        ``map@10``, ``coverage``, ``novelty`` (at the headline k; None when
        there was no test fan). Segments: ``id``, ``size``, ``top_topics``.
        """
        return {
            "evaluation": self.evaluation.headline(),
            "segments": [
                {"id": s.id, "size": s.size, "top_topics": list(s.top_topics)}
                for s in self.segmentation.segments
            ],
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
        Fixed number of k-means clusters (default: chosen by silhouette).
    min_segment_size : int
        Smallest segment shown (k-anonymity).
    progress : callable, optional
        ``progress(fraction, message)``.

    Returns
    -------
    FansReport
    """

    def stage(lo: float, hi: float) -> ProgressFn | None:
        if progress is None:
            return None
        return lambda f, msg: progress(lo + (hi - lo) * f, msg)

    evaluation = evaluate_als(
        matrix,
        params=params,
        grid=grid,
        ks=ks,
        scaling=scaling,
        bm25=bm25,
        random_state=random_state,
        progress=stage(0.05, 0.75),
    )
    chosen = ALSParams(
        **{k: evaluation.params[k] for k in ("factors", "regularization", "alpha", "iterations")}
    )
    model = FansModel(chosen, scaling=scaling, bm25=bm25, random_state=random_state).fit(
        matrix, progress=stage(0.75, 0.9)
    )
    if progress is not None:
        progress(0.9, "describing segments")
    catalogue = _merge_catalogue(catalogue, matrix)
    tags = dict(zip(catalogue["video_id"], catalogue["tags"], strict=True))
    segmentation = segment_fans(
        model, tags, n_segments=n_segments, min_size=min_segment_size, random_state=random_state
    )
    topics = topics_fans_want(model, segmentation, tags)
    published = dict(zip(catalogue["video_id"], catalogue["published_at"], strict=True))
    picks = back_catalogue_picks(model, segmentation, published)
    picks.insert(
        2,
        "title",
        picks["video_id"].map(dict(zip(catalogue["video_id"], catalogue["title"], strict=True))),
    )
    warnings = list(evaluation.warnings)
    if segmentation.message:
        warnings.append(segmentation.message)
    if progress is not None:
        progress(1.0, "done")
    return FansReport(
        channel_id, summary, evaluation, model, segmentation, topics, picks, catalogue, warnings
    )


def _merge_catalogue(catalogue: pd.DataFrame, matrix: InteractionMatrix) -> pd.DataFrame:
    """One row per video id: store metadata (tags merged over channels) and fan counts."""
    fans = pd.Series(matrix.users_per_item(), index=list(matrix.items.keys), name="fans")
    if catalogue.empty:
        base = pd.DataFrame(
            {
                "video_id": list(matrix.items.keys),
                "title": None,
                "tags": [[] for _ in range(len(matrix.items))],
                "published_at": pd.NaT,
            }
        )
    else:
        base = (
            catalogue.groupby("video_id", sort=True)
            .agg(
                title=("title", "first"),
                tags=("tags", lambda s: sorted({t for tags in s for t in tags})),
                published_at=("published_at", "min"),
            )
            .reset_index()
        )
        missing = [v for v in matrix.items.keys if v not in set(base["video_id"])]
        if missing:
            base = pd.concat(
                [
                    base,
                    pd.DataFrame(
                        {
                            "video_id": missing,
                            "title": None,
                            "tags": [[] for _ in missing],
                            "published_at": pd.NaT,
                        }
                    ),
                ],
                ignore_index=True,
            )
    base["fans"] = base["video_id"].map(fans).fillna(0).astype(int)
    base["published_at"] = pd.to_datetime(base["published_at"], utc=True)
    return base.sort_values("video_id", ignore_index=True)
