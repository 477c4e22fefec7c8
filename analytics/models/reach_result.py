"""What a forward comparison of reach models gives: the candidates' names, scores, :class:`Comparison`.

:func:`score` measures predictions (MAE on the log scale, Spearman, ROC AUC
for a top-quartile hit); :class:`Comparison` holds the forward folds'
predictions and models, the chosen model refitted on every video, and
whether it beats the best content-blind predictor. The comparison itself is
:func:`analytics.models.reach.compare_models`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline

from analytics.models.reach_data import ReachData
from analytics.models.reach_pipelines import one_thread
from analytics.models.validation import Fold

CANDIDATES: tuple[str, ...] = ("hgb", "linear", "mlp")
BASELINE = "baseline"
LEVEL = "level"
TREND = "trend"
#: Content-blind predictors: none of them sees a content feature. The best of
#: them on forward folds is what a content model must beat.
BLIND: tuple[str, ...] = (BASELINE, LEVEL, TREND)
#: A content model beats the content-blind baseline when its forward MAE is
#: lower and a paired bootstrap of the per-video error differences puts the
#: improvement above 0 with this one-sided confidence.
BEAT_CONFIDENCE = 0.95
CANDIDATE_LABELS = {
    "hgb": "Gradient boosting (HistGradientBoosting)",
    "linear": "Linear (ridge)",
    "mlp": "Neural network (MLP)",
    BASELINE: "Baseline: trailing median",
    LEVEL: "Baseline: recent level",
    TREND: "Baseline: level with trend and season",
}


def score(y: np.ndarray, pred: np.ndarray, hit_threshold: float) -> dict[str, float]:
    """MAE (log scale), Spearman rank correlation and top-quartile-hit ROC AUC.

    Parameters
    ----------
    y, pred : numpy.ndarray, shape (n,)
        Observed and predicted targets on the log scale.
    hit_threshold : float
        A video is a hit when ``y >= hit_threshold``.

    Returns
    -------
    dict
        ``mae_log``, ``spearman``, ``auc`` (NaN when undefined), ``n``.
    """
    mae = float(np.mean(np.abs(y - pred)))
    rho = float(spearmanr(y, pred).statistic) if np.ptp(pred) > 0 else float("nan")
    hit = y >= hit_threshold
    auc = float(roc_auc_score(hit, pred)) if 0 < hit.sum() < len(hit) else float("nan")
    return {"mae_log": mae, "spearman": rho, "auc": auc, "n": int(len(y))}


@dataclass
class Comparison:
    """Forward-validated comparison of the candidates and the baseline.

    Attributes
    ----------
    data : ReachData
    folds : list of Fold
    oof : dict of str to numpy.ndarray, shape (n,)
        Out-of-fold predictions per candidate and ``"baseline"`` (NaN outside tests).
    fold_models : dict of str to list of Pipeline
        The candidate fitted on each fold's training rows.
    fold_baselines : list of numpy.ndarray
        The baseline used for each fold's test rows.
    fold_offsets : list of numpy.ndarray
        The models' offset (:func:`analytics.models.reach.group_offset`) for each fold's test rows.
    scores : dict of str to dict
        :func:`score` on the pooled out-of-fold predictions, plus
        ``mae_log_folds`` (per fold), for each candidate and the baseline.
    chosen : str
        Candidate with the lowest pooled MAE.
    final_model : Pipeline
        The chosen candidate refitted on every video.
    final_offset : numpy.ndarray, shape (n,)
        The final model's offset for every video.
    """

    data: ReachData
    folds: list[Fold]
    oof: dict[str, np.ndarray]
    fold_models: dict[str, list[Pipeline]]
    fold_baselines: list[np.ndarray]
    fold_offsets: list[np.ndarray]
    scores: dict[str, dict[str, Any]]
    chosen: str
    final_model: Pipeline
    final_offset: np.ndarray
    fit_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def blind(self) -> str:
        """The best content-blind predictor (lowest forward MAE among :data:`BLIND`)."""
        return min(
            (b for b in BLIND if b in self.scores), key=lambda b: (self.scores[b]["mae_log"], b)
        )

    @property
    def beat_probability(self) -> float:
        """Share of paired bootstrap resamples of the tested videos in which the
        chosen model's MAE is below the best content-blind predictor's."""
        tested = np.isfinite(self.oof[BASELINE])
        diff = np.abs(self.data.y - self.oof[self.blind]) - np.abs(
            self.data.y - self.oof[self.chosen]
        )
        diff = diff[tested]
        if len(diff) < 2:
            return 0.0
        rng = np.random.default_rng(0)
        idx = rng.integers(0, len(diff), size=(2000, len(diff)))
        return float(np.mean(diff[idx].mean(axis=1) > 0))

    @property
    def beats_baseline(self) -> bool:
        """True when the chosen content model beats the best content-blind predictor
        on forward folds: lower MAE, and a paired bootstrap puts the improvement
        above 0 in at least :data:`BEAT_CONFIDENCE` of resamples. When False,
        the content features add nothing measurable."""
        return (
            self.scores[self.chosen]["mae_log"] < self.scores[self.blind]["mae_log"]
            and self.beat_probability >= BEAT_CONFIDENCE
        )

    @property
    def margin(self) -> dict[str, float]:
        """Chosen model minus the best content-blind predictor: MAE (negative is
        better), Spearman, AUC, and the MAE change as a fraction of its MAE."""
        m, b = self.scores[self.chosen], self.scores[self.blind]
        return {
            "mae_log": m["mae_log"] - b["mae_log"],
            "mae_log_relative": (m["mae_log"] - b["mae_log"]) / b["mae_log"]
            if b["mae_log"]
            else 0.0,
            "spearman": m["spearman"] - b["spearman"],
            "auc": m["auc"] - b["auc"],
        }

    def predict(
        self, X: pd.DataFrame, offset: np.ndarray, model: Pipeline | None = None
    ) -> np.ndarray:
        """Prediction on the log scale: offset + the model's deviation.

        Parameters
        ----------
        X : pandas.DataFrame, shape (m, n_features)
        offset : numpy.ndarray, shape (m,)
            Group level (log scale), e.g. ``final_offset`` or a fold's offsets.
        model : Pipeline, optional
            A fold model; the final model when None.
        """
        m = self.final_model if model is None else model
        with one_thread():
            return np.asarray(offset, dtype=float) + m.predict(X[self.data.X.columns])
