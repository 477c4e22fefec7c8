"""What drives reach: grouped permutation importance, partial dependence, ICE.

Importance
    Permutation importance (Breiman 2001; Fisher, Rudin & Dominici 2019) on
    the held-out rows of every forward fold: the increase of the fold
    model's MAE (log scale) when a feature's values are shuffled among the
    test videos, averaged over ``n_repeats`` shuffles; reported as the mean
    over folds with the standard deviation across folds as its spread.
    Features whose values move together (|Spearman| >= 0.8, e.g. followers
    and days since the channel started) are shuffled together and reported
    as one group: shuffling one of them alone would understate both.
Partial dependence and ICE
    Friedman (2001) partial dependence and Goldstein et al. (2015)
    individual conditional expectation curves of the chosen model refitted
    on every video: the predicted exposure of each video when only the
    feature is set to each grid value.
Readings
    For each feature, the range of values (or category) whose residual against
    the channel's content-blind level differs most, chosen on the older half of
    the videos and measured on the newer half, with its 95 % interval, the
    test-half counts and a confidence level corrected across the features
    (:func:`honest_readings`, :mod:`analytics.models.effects`).
"""

from __future__ import annotations

from analytics.models.drivers.dependence import PD_MAX_ROWS, dependence
from analytics.models.drivers.importance import (
    CORRELATION_THRESHOLD,
    correlated_groups,
    permutation_drivers,
)
from analytics.models.drivers.readings import _model_ratio as _model_ratio
from analytics.models.drivers.readings import honest_readings, reading_members
from analytics.models.drivers.types import DependenceCurve, Driver, DriversReport, Reading
from analytics.models.reach import CANDIDATE_LABELS, Comparison, scores_table

TOP_CURVES = 3


def analyse(
    comparison: Comparison, *, n_repeats: int = 5, top_k: int = TOP_CURVES, random_state: int = 0
) -> DriversReport:
    """Drivers, partial dependence / ICE curves and readings of a fitted comparison.

    Readings are shown (``report.readings``) only where the content model
    beats the best content-blind baseline on forward folds and the held-out,
    corrected test gives ``medium`` or ``high`` confidence; every tested
    feature is in ``report.tested``.

    Parameters
    ----------
    comparison : Comparison
    n_repeats : int
        Permutation repeats per fold and feature group.
    top_k : int
        Curves for this many top drivers (a group gives its first member's curve).
    random_state : int

    Returns
    -------
    DriversReport
    """
    drivers = permutation_drivers(comparison, n_repeats=n_repeats, random_state=random_state)
    report = DriversReport(comparison, drivers)
    for driver in drivers[:top_k]:
        if driver.importance <= 0:
            break
        feature = driver.members[0]
        report.curves[feature] = dependence(comparison, feature, random_state=random_state)
    report.tested = honest_readings(comparison)
    if comparison.beats_baseline:
        report.readings = [r for r in report.tested if r.confidence in ("high", "medium")]
    return report


__all__ = [
    "CANDIDATE_LABELS",
    "CORRELATION_THRESHOLD",
    "PD_MAX_ROWS",
    "TOP_CURVES",
    "Driver",
    "DependenceCurve",
    "DriversReport",
    "Reading",
    "analyse",
    "correlated_groups",
    "dependence",
    "honest_readings",
    "permutation_drivers",
    "reading_members",
    "scores_table",
]
