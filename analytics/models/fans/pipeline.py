"""One pure, deterministic fit of the fans model: :func:`fit_fans`.

The Fans page, the CLI, the report and the strategy cards all read the
same :class:`FansResult` (the services layer persists it per channel and
data version): evaluated on a global time split against baselines, tuned,
refitted on every interaction, with segments and topics labelled by the
catalogue's topics (the same ones the Fans page shows). Same frames, same
settings and same seed give the same result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from threadpoolctl import threadpool_limits

from analytics.models.fans.evaluate import MIN_LIFT, EvaluationReport, evaluate_als
from analytics.models.fans.fit import ALSParams, Engine, FansModel
from analytics.models.fans.matrix import Ranked
from analytics.models.fans.recommend import (
    back_catalogue_picks,
    similar_by_tags,
    topics_fans_want,
)
from analytics.models.fans.segments import MIN_SEGMENT_SIZE, Segmentation, segment_fans
from analytics.models.interactions import InteractionMatrix, Scaling, from_frame
from analytics.models.ranking_metrics import ProgressFn


@dataclass(frozen=True)
class FanSettings:
    """How the fans model is fitted and judged (part of the fit cache's key).

    Attributes
    ----------
    params : ALSParams, optional
        Fixed hyperparameters; None chooses them on a validation split.
    grid : mapping, optional
        Tuning grid (default :data:`~analytics.models.fans.tune.DEFAULT_GRID`).
    ks : tuple of int
        Cut-offs, headline first.
    test_fraction : float
        Share of timed interactions after the global cutoff.
    margin : float
        Lift over the best baseline ALS needs before its cards are shown.
    scaling, bm25 :
        Confidence options (see :func:`~analytics.models.interactions.confidence`).
    n_segments : int, optional
        Fixed number of segments (default: chosen by prediction strength).
    min_segment_size : int
        Smallest segment shown (k-anonymity).
    engine : {"implicit", "spark"}
    spark_master : str, optional
    """

    params: ALSParams | None = None
    grid: Mapping[str, Sequence[float]] | None = None
    ks: tuple[int, ...] = (10, 5)
    test_fraction: float = 0.2
    margin: float = MIN_LIFT
    scaling: Scaling = "linear"
    bm25: bool = False
    n_segments: int | None = None
    min_segment_size: int = MIN_SEGMENT_SIZE
    engine: Engine = "implicit"
    spark_master: str | None = None


@dataclass
class FansResult:
    """Everything fitted for one fan base.

    Attributes
    ----------
    evaluation : EvaluationReport
        ALS against the baselines on the global time split, with the verdict.
    model : FansModel
        ALS refitted on every interaction with the chosen hyperparameters.
    params : ALSParams
        Those hyperparameters.
    segmentation : Segmentation
    topics_wanted : pandas.DataFrame
        :func:`~analytics.models.fans.recommend.topics_fans_want`.
    back_catalogue : pandas.DataFrame
        :func:`~analytics.models.fans.recommend.back_catalogue_picks` plus ``title``.
    catalogue : pandas.DataFrame
        ``video_id``, ``title``, ``tags``, ``published_at``, ``fans``.
    settings : FanSettings
    seed : int
    warnings : list of str
    """

    evaluation: EvaluationReport
    model: FansModel
    params: ALSParams
    segmentation: Segmentation
    topics_wanted: pd.DataFrame
    back_catalogue: pd.DataFrame
    catalogue: pd.DataFrame
    settings: FanSettings
    seed: int
    warnings: list[str] = field(default_factory=list)

    @property
    def beats_baseline(self) -> bool:
        """True when ALS beats the best baseline by the stated margin (cards may show)."""
        return self.evaluation.beats_baseline

    def video_tags(self) -> dict[str, list[str]]:
        """``video_id`` -> topics, for every video of the catalogue."""
        return dict(zip(self.catalogue["video_id"], self.catalogue["tags"], strict=True))

    def similar_videos(self, video_id: str, n: int = 10) -> Ranked:
        """Similar videos from item factors, or through tags for a video without fans."""
        answer = self.model.similar_videos(video_id, n)
        if answer.known:
            return answer
        tags = self.video_tags().get(str(video_id))
        if tags is None:
            return Ranked(str(video_id), False, message=f"video {video_id!r} is not in the store")
        return similar_by_tags(self.model, tags, self.video_tags(), n, exclude=[video_id])


def merge_catalogue(catalogue: pd.DataFrame | None, matrix: InteractionMatrix) -> pd.DataFrame:
    """One row per video id: metadata (tags merged over channels) and fan counts."""
    fans = pd.Series(matrix.users_per_item(), index=list(matrix.items.keys), name="fans")
    empty = {"title": None, "published_at": pd.NaT}
    if catalogue is None or catalogue.empty:
        keys = list(matrix.items.keys)
        base = pd.DataFrame({"video_id": keys, **empty, "tags": [[] for _ in keys]})
    else:
        cat = catalogue.copy()
        for col, default in (("title", None), ("published_at", pd.NaT)):
            if col not in cat.columns:
                cat[col] = default
        if "tags" not in cat.columns:
            cat["tags"] = [[] for _ in range(len(cat))]
        cat["video_id"] = cat["video_id"].astype(str)
        base = (
            cat.groupby("video_id", sort=True)
            .agg(
                title=("title", "first"),
                tags=("tags", lambda s: sorted({str(t) for tags in s for t in (tags or [])})),
                published_at=("published_at", "min"),
            )
            .reset_index()
        )
        known = set(base["video_id"])
        missing = [v for v in matrix.items.keys if v not in known]
        if missing:
            extra = pd.DataFrame({"video_id": missing, **empty, "tags": [[] for _ in missing]})
            base = pd.concat([base, extra], ignore_index=True)
    base["fans"] = base["video_id"].map(fans).fillna(0).astype(int)
    base["published_at"] = pd.to_datetime(base["published_at"], utc=True)
    return base.sort_values("video_id", ignore_index=True)


def fit_fans(
    interactions: pd.DataFrame | InteractionMatrix,
    settings: FanSettings | None = None,
    seed: int = 0,
    *,
    videos: pd.DataFrame | None = None,
    progress: ProgressFn | None = None,
) -> FansResult:
    """Evaluate, tune, fit and describe one fan base: pure and deterministic.

    Parameters
    ----------
    interactions : pandas.DataFrame or InteractionMatrix
        One row per fan event (``fan_key``, ``video_id``, optional ``event``,
        ``weight``, ``ts``, ``is_spam``; see
        :func:`~analytics.models.interactions.from_frame`) or a built matrix
        with ``first_seen``.
    settings : FanSettings, optional
        Default: tuned ALS, 10 % margin, ``implicit`` engine.
    seed : int
        Seed of every random step (ALS start, k-means, bootstrap).
    videos : pandas.DataFrame, optional
        The catalogue: ``video_id``, ``title``, ``tags`` (list), ``published_at``.
        Segments and topics are labelled with these tags.

    Returns
    -------
    FansResult

    Raises
    ------
    NotEnoughDataError
        Fewer than 2 fans or 2 videos.
    """
    s = settings or FanSettings()
    matrix = (
        interactions if isinstance(interactions, InteractionMatrix) else from_frame(interactions)
    )

    def stage(lo: float, hi: float) -> ProgressFn | None:
        if progress is None:
            return None
        return lambda f, msg: progress(lo + (hi - lo) * f, msg)

    options: dict[str, Any] = {
        "scaling": s.scaling,
        "bm25": s.bm25,
        "random_state": seed,
        "engine": s.engine,
        "spark_master": s.spark_master,
    }
    with threadpool_limits(limits=1, user_api="blas"):
        evaluation = evaluate_als(
            matrix,
            params=s.params,
            grid=s.grid,
            ks=s.ks,
            test_fraction=s.test_fraction,
            margin=s.margin,
            progress=stage(0.0, 0.75),
            **options,
        )
        chosen = ALSParams(
            **{
                k: evaluation.params[k]
                for k in ("factors", "regularization", "alpha", "iterations")
            }
        )
        model = FansModel(chosen, **options).fit(matrix, progress=stage(0.75, 0.9))
        catalogue = merge_catalogue(videos, matrix)
        tags = dict(zip(catalogue["video_id"], catalogue["tags"], strict=True))
        segmentation = segment_fans(
            model,
            tags,
            n_segments=s.n_segments,
            min_size=s.min_segment_size,
            random_state=seed,
        )
        topics = topics_fans_want(model, segmentation, tags)
        published = dict(zip(catalogue["video_id"], catalogue["published_at"], strict=True))
        picks = back_catalogue_picks(model, segmentation, published)
    titles = dict(zip(catalogue["video_id"], catalogue["title"], strict=True))
    picks.insert(2, "title", picks["video_id"].map(titles))
    warnings = list(evaluation.warnings)
    if segmentation.message:
        warnings.append(segmentation.message)
    if progress is not None:
        progress(1.0, "done")
    return FansResult(
        evaluation, model, chosen, segmentation, topics, picks, catalogue, s, seed, warnings
    )
