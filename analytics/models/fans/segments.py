"""Fan segments: k-means on unit-length ALS user factors, labelled by topics.

k is chosen by prediction strength (Tibshirani and Walther 2005), small
segments are merged into their nearest neighbour (k-anonymity), and each
segment is described by the topics and videos reaching a clearly larger
share of its fans than of all fans: never fan by fan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analytics.models.fans.fit import FansModel
from analytics.models.fans.matrix import topic_matrix, unit_rows

MIN_SEGMENT_SIZE = 10
#: Interactions from which the ALS solver runs on every core (see FansModel).
#: times the share of the segment's fans that it reaches of all fans.
MIN_LABEL_LIFT = 1.2
#: Prediction strength a number of segments needs (Tibshirani and Walther 2005
#: suggest 0.8 to 0.9).
PREDICTION_STRENGTH_THRESHOLD = 0.8
#: Fewer validation fans than this and the default hyperparameters are kept.


@dataclass
class Segment:
    """One fan segment, described by what its fans engage with (never by who).

    Attributes
    ----------
    id : int
        1-based, largest segment first.
    size : int
        Fans in the segment (>= the minimum segment size).
    share : float
        Fraction of all fans.
    top_topics : list of str
        Topics reaching a clearly larger share of this segment's fans than of
        all fans (at least :data:`MIN_LABEL_LIFT` times), largest excess
        first; the most-reached topics when none stands out.
    top_videos : list of str
        Video ids chosen the same way.
    topic_reach : dict of str to float
        Fraction of the segment's fans engaging with each top topic.
    """

    id: int
    size: int
    share: float
    top_topics: list[str]
    top_videos: list[str]
    topic_reach: dict[str, float] = field(default_factory=dict)


@dataclass
class Segmentation:
    """Fan segments from k-means on user factors.

    Attributes
    ----------
    segments : list of Segment
        Shown segments, each with at least ``min_size`` fans.
    labels : ndarray of int64, shape (n_users,)
        Segment id per fan position (0 = hidden). Internal: for aggregates
        only, never shown fan by fan.
    clusters_found : int
        k chosen before small segments were merged.
    prediction_strength : dict of int to float
        Prediction strength of each k tried, when k was chosen on data.
    min_size : int
    message : str
        Why segments are hidden or merged, if they are.
    """

    segments: list[Segment]
    labels: np.ndarray
    clusters_found: int
    prediction_strength: dict[int, float]
    min_size: int
    message: str = ""

    def frame(self) -> pd.DataFrame:
        """One row per segment: ``segment``, ``fans``, ``share``, ``top_topics``, ``top_videos``."""
        return pd.DataFrame(
            {
                "segment": [s.id for s in self.segments],
                "fans": [s.size for s in self.segments],
                "share": [s.share for s in self.segments],
                "top_topics": [", ".join(s.top_topics) for s in self.segments],
                "top_videos": [", ".join(s.top_videos) for s in self.segments],
            }
        )


def _kmeans(x: np.ndarray, k: int, random_state: int, n_init: int = 10) -> tuple[np.ndarray, Any]:
    from sklearn.cluster import KMeans, MiniBatchKMeans
    from threadpoolctl import threadpool_limits

    if x.shape[0] > 50_000:
        km: Any = MiniBatchKMeans(
            n_clusters=k, random_state=random_state, n_init=3, batch_size=4096
        )
        labels = km.fit_predict(x)
    else:
        km = KMeans(n_clusters=k, random_state=random_state, n_init=n_init)
        # Small data: threads cost more than they save (and fight other work).
        with threadpool_limits(limits=1):
            labels = km.fit_predict(x)
    return labels.astype(np.int64), km


def prediction_strength(x: np.ndarray, k: int, *, repeats: int = 5, random_state: int = 0) -> float:
    """Prediction strength of k-means with ``k`` clusters (Tibshirani and Walther 2005).

    The rows are split in two halves; k-means fitted on one half assigns the
    other half's points, and for each cluster of the other half's own
    k-means we measure the share of its pairs that land together. The
    strength is the worst cluster's share, averaged over ``repeats`` random
    splits: near 1 when the k clusters are real, low when k over-splits.

    Parameters
    ----------
    x : ndarray, shape (n, d)
    k : int
        Clusters (>= 2).

    Returns
    -------
    float
        In [0, 1].

    Notes
    -----
    R. Tibshirani and G. Walther, "Cluster Validation by Prediction
    Strength", Journal of Computational and Graphical Statistics 14(3), 2005.
    """
    rng = np.random.default_rng(random_state)
    values = []
    for rep in range(repeats):
        idx = rng.permutation(x.shape[0])
        half = x.shape[0] // 2
        train, test = idx[:half], idx[half:]
        _, km_train = _kmeans(x[train], k, random_state + rep, n_init=5)
        test_labels, _ = _kmeans(x[test], k, random_state + rep, n_init=5)
        predicted = km_train.predict(x[test])
        worst = 1.0
        for c in range(k):
            members = np.flatnonzero(test_labels == c)
            n = members.size
            if n < 2:
                continue
            _, counts = np.unique(predicted[members], return_counts=True)
            worst = min(worst, float((counts * (counts - 1)).sum() / (n * (n - 1))))
        values.append(worst)
    return float(np.mean(values))


def _choose_k(
    x: np.ndarray, k_range: tuple[int, int], random_state: int, sample: int, threshold: float
) -> tuple[int, dict[int, float]]:
    lo, hi = max(k_range[0], 2), k_range[1]
    rng = np.random.default_rng(random_state)
    idx = (
        np.arange(x.shape[0])
        if x.shape[0] <= sample
        else rng.choice(x.shape[0], sample, replace=False)
    )
    hi = min(hi, idx.size // 10)  # each half must hold clusters of a few points
    scores: dict[int, float] = {}
    for k in range(lo, hi + 1):
        scores[k] = prediction_strength(x[idx], k, random_state=random_state)
    strong = [k for k, v in scores.items() if v >= threshold]
    return (max(strong) if strong else 1), scores


def segment_fans(
    model: FansModel,
    video_tags: Mapping[str, Iterable[str]] | None = None,
    *,
    n_segments: int | None = None,
    k_range: tuple[int, int] = (2, 8),
    min_size: int = MIN_SEGMENT_SIZE,
    n_top: int = 5,
    random_state: int = 0,
    selection_sample: int = 5000,
    strength_threshold: float = PREDICTION_STRENGTH_THRESHOLD,
) -> Segmentation:
    """Group fans by taste: k-means on centred, unit-length user factors.

    k is ``n_segments`` when given, else the largest k in ``k_range`` whose
    prediction strength (:func:`prediction_strength`, on a sample of at
    most ``selection_sample`` fans) reaches ``strength_threshold``; one
    segment when no k does (no stable structure). Segments with fewer than
    ``min_size`` fans are merged into the segment with the nearest centre
    (k-anonymity, Sweeney 2002); if all fans together are fewer than
    ``min_size``, no segment is shown. Each segment is labelled by the topics
    and videos that reach a larger share of its fans than of all fans.

    Parameters
    ----------
    model : FansModel
        Fitted.
    video_tags : mapping of str to iterable of str, optional
        ``video_id`` -> topics, for the topic labels.
    n_segments : int, optional
        Fixed number of k-means clusters.
    k_range : (int, int)
        Inclusive range searched when ``n_segments`` is None.
    min_size : int
        Smallest segment shown.
    n_top : int
        Topics and videos per label.

    Returns
    -------
    Segmentation
    """
    model._check_fitted()
    n_users = model.user_factors_.shape[0]
    factors = model.user_factors_.astype(np.float64)
    # Centred first: the direction every fan shares (general popularity) would otherwise
    # dominate the angles and hide the taste groups when confidence weighting is strong.
    x = unit_rows(factors - factors.mean(axis=0))
    if n_users < min_size:
        return Segmentation(
            [],
            np.zeros(n_users, dtype=np.int64),
            0,
            {},
            min_size,
            f"Only {n_users} fans: segments need at least {min_size} fans each, so none are shown.",
        )
    strengths: dict[int, float] = {}
    if n_segments is not None:
        k = max(1, min(int(n_segments), n_users))
    else:
        k, strengths = _choose_k(x, k_range, random_state, selection_sample, strength_threshold)
    labels = _kmeans(x, k, random_state)[0] if k > 1 else np.zeros(n_users, dtype=np.int64)
    found = int(np.unique(labels).size)
    labels, merged = _merge_small(x, labels, min_size)
    message = ""
    if merged:
        message = (
            f"{merged} segment(s) with fewer than {min_size} fans were merged into the "
            "nearest segment."
        )
    # Renumber 1.. by size, largest first.
    ids, sizes = np.unique(labels, return_counts=True)
    order = ids[np.argsort(-sizes, kind="stable")]
    remap = {int(old): new + 1 for new, old in enumerate(order)}
    labels = np.array([remap[int(v)] for v in labels], dtype=np.int64) if labels.size else labels
    segments = _describe_segments(model, labels, video_tags or {}, n_top)
    return Segmentation(segments, labels, found, strengths, min_size, message)


def _merge_small(x: np.ndarray, labels: np.ndarray, min_size: int) -> tuple[np.ndarray, int]:
    labels = labels.copy()
    merged = 0
    while True:
        ids, sizes = np.unique(labels, return_counts=True)
        if ids.size <= 1 or sizes.min() >= min_size:
            return labels, merged
        small = ids[np.argmin(sizes)]
        centres = {int(i): x[labels == i].mean(axis=0) for i in ids}
        c = centres[int(small)]
        best, best_cos = None, -np.inf
        for i in ids:
            if i == small:
                continue
            o = centres[int(i)]
            cos = float(c @ o / ((np.linalg.norm(c) * np.linalg.norm(o)) or 1.0))
            if cos > best_cos:
                best, best_cos = int(i), cos
        labels[labels == small] = best
        merged += 1


def _describe_segments(
    model: FansModel, labels: np.ndarray, video_tags: Mapping[str, Iterable[str]], n_top: int
) -> list[Segment]:
    binary = model.user_items_.tocsr(copy=True).astype(np.float32)
    binary.data[:] = 1.0
    n_users = binary.shape[0]
    topic_m, topics = topic_matrix(model.items_, video_tags)
    user_topic = (binary @ topic_m).tocsr()
    user_topic.data[:] = 1.0
    all_video_reach = np.asarray(binary.sum(axis=0)).ravel() / n_users
    all_topic_reach = np.asarray(user_topic.sum(axis=0)).ravel() / n_users
    out = []
    for seg in np.unique(labels):
        if seg <= 0:
            continue
        members = np.flatnonzero(labels == seg)
        size = members.size
        v_reach = np.asarray(binary[members].sum(axis=0)).ravel() / size
        v_excess = v_reach - all_video_reach
        v_lifted = v_reach >= MIN_LABEL_LIFT * all_video_reach
        v_order = [
            i for i in np.argsort(-v_excess, kind="stable") if v_excess[i] > 0 and v_lifted[i]
        ][:n_top]
        if not v_order:
            v_order = list(np.argsort(-v_reach, kind="stable")[:n_top])
        top_topics: list[str] = []
        reach: dict[str, float] = {}
        if topics:
            t_reach = np.asarray(user_topic[members].sum(axis=0)).ravel() / size
            t_excess = t_reach - all_topic_reach
            t_lifted = t_reach >= MIN_LABEL_LIFT * all_topic_reach
            t_order = [
                t for t in np.argsort(-t_excess, kind="stable") if t_excess[t] > 0 and t_lifted[t]
            ][:n_top]
            if not t_order:
                t_order = [t for t in np.argsort(-t_reach, kind="stable")[:n_top] if t_reach[t] > 0]
            top_topics = [topics[t] for t in t_order]
            reach = {topics[t]: float(t_reach[t]) for t in t_order}
        out.append(
            Segment(
                int(seg),
                int(size),
                size / n_users,
                top_topics,
                model.items_.keys_of(np.asarray(v_order, dtype=np.int64)),
                reach,
            )
        )
    return out
