"""Fans model: implicit-feedback ALS, honest evaluation, fan segments, recommendations.

The package is split by step; every public name is importable from here:

- :mod:`~analytics.models.fans.matrix`: answers in store ids, topic index;
- :mod:`~analytics.models.fans.fit`: :class:`ALSParams`, :class:`FansModel`
  (``implicit``, or Spark MLlib through :mod:`~analytics.models.fans.spark`);
- :mod:`~analytics.models.fans.tune`: hyperparameters on a validation split;
- :mod:`~analytics.models.fans.baselines` and
  :mod:`~analytics.models.fans.evaluate`: a global time cutoff, popularity,
  recent popularity and item-item cosine baselines, and the verdict;
- :mod:`~analytics.models.fans.segments`: k-means segments labelled by topics;
- :mod:`~analytics.models.fans.recommend`: similar videos by tags, topics
  fans want, back-catalogue picks, per-fan topic demand;
- :mod:`~analytics.models.fans.pipeline`: :func:`fit_fans`, the one pure fit
  shared by the Fans page, the CLI and the strategy cards.
"""

from analytics.models.fans.baselines import (
    item_cosine_scorer,
    item_cosine_similarity,
    popularity_scorer,
    recent_popularity_scorer,
)
from analytics.models.fans.evaluate import (
    MIN_LIFT,
    EvaluationReport,
    evaluate_als,
    lift_interval,
    reliability_warnings,
)
from analytics.models.fans.fit import (
    PARALLEL_MIN_PAIRS,
    ALSParams,
    Engine,
    FansModel,
    clamp_factors,
)
from analytics.models.fans.matrix import Ranked, tag_index
from analytics.models.fans.pipeline import FanSettings, FansResult, fit_fans, merge_catalogue
from analytics.models.fans.recommend import (
    back_catalogue_picks,
    per_fan_topic_shares,
    similar_by_tags,
    topic_demand_effect,
    topics_fans_want,
)
from analytics.models.fans.segments import (
    MIN_LABEL_LIFT,
    MIN_SEGMENT_SIZE,
    PREDICTION_STRENGTH_THRESHOLD,
    Segment,
    Segmentation,
    prediction_strength,
    segment_fans,
)
from analytics.models.fans.tune import DEFAULT_GRID, MIN_TUNING_FANS, TuningResult, tune_als

__all__ = [
    "DEFAULT_GRID",
    "MIN_LABEL_LIFT",
    "MIN_LIFT",
    "MIN_SEGMENT_SIZE",
    "MIN_TUNING_FANS",
    "PARALLEL_MIN_PAIRS",
    "PREDICTION_STRENGTH_THRESHOLD",
    "ALSParams",
    "Engine",
    "EvaluationReport",
    "FanSettings",
    "FansModel",
    "FansResult",
    "Ranked",
    "Segment",
    "Segmentation",
    "TuningResult",
    "back_catalogue_picks",
    "clamp_factors",
    "evaluate_als",
    "fit_fans",
    "item_cosine_scorer",
    "item_cosine_similarity",
    "lift_interval",
    "merge_catalogue",
    "per_fan_topic_shares",
    "popularity_scorer",
    "prediction_strength",
    "recent_popularity_scorer",
    "reliability_warnings",
    "segment_fans",
    "similar_by_tags",
    "tag_index",
    "topic_demand_effect",
    "topics_fans_want",
    "tune_als",
]
