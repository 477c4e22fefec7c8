"""Fans model: implicit-feedback ALS, fan segments, similar videos, topic demand.

:class:`FansModel` wraps ``implicit``'s AlternatingLeastSquares (Hu, Koren
and Volinsky, "Collaborative Filtering for Implicit Feedback Datasets",
ICDM 2008; conjugate-gradient solver of Takacs, Pilaszy and Tikk, RecSys
2011) behind store ids:

- input is an :class:`~analytics.models.interactions.InteractionMatrix`
  (fans x videos, contiguous positions, id maps); the fitted factors are
  checked against the maps (case C20), answers are store ids (case C21),
  and an unknown fan or video gets ``known=False`` with a message;
- confidence ``1 + alpha * r`` is built here and handed to ``implicit`` with
  its own ``alpha`` at 1.0; BLAS is pinned to one thread during the fit;
- the number of factors is clamped for tiny data and a fit that produced a
  non-finite factor is refused.

On top of the fitted factors: fan segments (k-means on user factors, small
segments merged, never listed fan by fan), similar videos (cosine of item
factors), cold start of a new video through its tags, topics fans want
(segment appetite against posting frequency), back-catalogue picks per
segment, and hyperparameter choice on a time-ordered validation split.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.models.interactions import (
    IndexMap,
    InteractionMatrix,
    Scaling,
    confidence,
    describe,
)
from analytics.models.ranking_metrics import (
    EvaluationReport,
    ProgressFn,
    evaluate_scorers,
    item_cosine_scorer,
    per_user_metrics,
    popularity_scorer,
    reliability_warnings,
    time_ordered_split,
    top_k,
)

#: Segments with fewer fans than this are merged into their nearest segment
#: (k-anonymity); if the whole fan base is smaller, no segment is shown.
MIN_SEGMENT_SIZE = 10
#: Interactions from which the ALS solver runs on every core (see FansModel).
PARALLEL_MIN_PAIRS = 500_000
#: A topic or video labels a segment only when it reaches at least this many
#: times the share of the segment's fans that it reaches of all fans.
MIN_LABEL_LIFT = 1.2
#: Prediction strength a number of segments needs (Tibshirani and Walther 2005
#: suggest 0.8 to 0.9).
PREDICTION_STRENGTH_THRESHOLD = 0.8
#: Fewer validation fans than this and the default hyperparameters are kept.
MIN_TUNING_FANS = 20

#: Candidate values searched by :func:`tune_als`, in search order.
DEFAULT_GRID: dict[str, tuple[float, ...]] = {
    "alpha": (1.0, 3.0, 10.0, 30.0),
    "factors": (4, 8, 16, 32, 64),
    "regularization": (0.01, 0.1, 1.0, 10.0),
    "iterations": (10, 20),
}


@dataclass(frozen=True)
class ALSParams:
    """ALS hyperparameters.

    Attributes
    ----------
    factors : int
        Latent dimensions (clamped to the data at fit time).
    regularization : float
        L2 penalty lambda (> 0).
    alpha : float
        Confidence slope: ``c_ui = 1 + alpha * r_ui``.
    iterations : int
        ALS sweeps (each solves users then items).
    """

    factors: int = 16
    regularization: float = 0.1
    alpha: float = 3.0
    iterations: int = 15

    def __post_init__(self) -> None:
        if int(self.factors) < 1 or int(self.iterations) < 1:
            raise ValueError("factors and iterations must be at least 1")
        if not self.regularization > 0 or not math.isfinite(self.regularization):
            raise ValueError("regularization must be a finite number > 0")
        if not self.alpha >= 0 or not math.isfinite(self.alpha):
            raise ValueError("alpha must be a finite number >= 0")


def clamp_factors(factors: int, n_users: int, n_items: int) -> int:
    """Latent dimensions usable on ``n_users x n_items`` data: ``1 <= k <= min(users, items)``."""
    return max(1, min(int(factors), int(n_users), int(n_items)))


@dataclass
class Ranked:
    """A ranked answer in store ids.

    Attributes
    ----------
    query : str
        The fan, video or tags asked about.
    known : bool
        False when the query is not in the model (then ``ids`` is empty).
    ids : list of str
        Store ids, best first.
    scores : list of float
        Score of each id (model units: predicted preference or cosine).
    message : str
        What happened, in words (always set when ``known`` is False).
    method : str
        How the answer was made (``als``, ``item factors``, ``tags``).
    """

    query: str
    known: bool
    ids: list[str] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    message: str = ""
    method: str = ""

    def to_frame(self, id_name: str = "video_id") -> pd.DataFrame:
        """The answer as a two-column frame (``id_name``, ``score``)."""
        return pd.DataFrame({id_name: self.ids, "score": self.scores})


def _fit_factors(
    conf: sp.csr_matrix,
    params: ALSParams,
    factors: int,
    random_state: int,
    num_threads: int,
    callback: Callable[[int, float, float | None], None] | None,
) -> tuple[np.ndarray, np.ndarray]:
    from implicit.cpu.als import AlternatingLeastSquares
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        als = AlternatingLeastSquares(
            factors=factors,
            regularization=float(params.regularization),
            alpha=1.0,
            iterations=int(params.iterations),
            random_state=random_state,
            num_threads=num_threads,
        )
        als.fit(conf, show_progress=False, callback=callback)
    return np.asarray(als.user_factors), np.asarray(als.item_factors)


class FansModel:
    """Implicit-feedback ALS over a fans x videos matrix, answering in store ids.

    Parameters
    ----------
    params : ALSParams
        Hyperparameters (see :func:`tune_als` to choose them on data).
    scaling : {"linear", "log"}
        ``r -> r`` or ``r -> log(1 + r / epsilon)`` before the confidence.
    epsilon : float
        Scale of the log scaling.
    bm25 : bool
        BM25-weight interaction strengths before the confidence.
    random_state : int
        Seed of the factor initialisation.
    num_threads : int, optional
        Threads of ``implicit``'s solver (0 = every core). None: one thread
        below :data:`PARALLEL_MIN_PAIRS` interactions (thread start-up costs
        more than it saves there), every core above.

    Attributes
    ----------
    user_factors_ : ndarray of float32, shape (n_users, k)
    item_factors_ : ndarray of float32, shape (n_items, k)
    users_, items_ : IndexMap
        Row / column position -> store id (``fan_key`` / ``video_id``).
    user_items_ : scipy.sparse.csr_matrix, shape (n_users, n_items)
        Interaction strengths the model was fitted on (seen videos).
    factors_ : int
        Latent dimensions actually used (after clamping).

    Examples
    --------
    >>> import pandas as pd
    >>> from analytics.models.interactions import from_frame
    >>> events = pd.DataFrame({"fan_key": ["a", "a", "b"], "video_id": ["v1", "v2", "v2"]})
    >>> model = FansModel(ALSParams(factors=4, iterations=5)).fit(from_frame(events))
    >>> model.user_factors_.shape, model.recommend("b").ids
    ((2, 2), ['v1'])
    """

    def __init__(
        self,
        params: ALSParams | None = None,
        *,
        scaling: Scaling = "linear",
        epsilon: float = 1.0,
        bm25: bool = False,
        random_state: int = 0,
        num_threads: int | None = None,
    ) -> None:
        self.params = params or ALSParams()
        self.scaling = scaling
        self.epsilon = epsilon
        self.bm25 = bm25
        self.random_state = random_state
        self.num_threads = num_threads

    # ------------------------------------------------------------------ fit
    def fit(self, matrix: InteractionMatrix, progress: ProgressFn | None = None) -> FansModel:
        """Fit user and item factors.

        Parameters
        ----------
        matrix : InteractionMatrix
            Fans x videos strengths ``r_ui`` with id maps.
        progress : callable, optional
            ``progress(fraction, message)`` after each ALS sweep.

        Returns
        -------
        FansModel
            ``self``, fitted.

        Raises
        ------
        NotEnoughDataError
            No interaction at all.
        AnalyticsError
            The factors do not match the id maps, or are not finite.
        """
        matrix.check()
        n_users, n_items = matrix.shape
        if matrix.nnz == 0:
            raise NotEnoughDataError("there are no fan interactions to learn from")
        k = clamp_factors(self.params.factors, n_users, n_items)
        conf = confidence(
            matrix.user_items,
            self.params.alpha,
            scaling=self.scaling,
            epsilon=self.epsilon,
            bm25=self.bm25,
        )
        total = int(self.params.iterations)

        def callback(iteration: int, elapsed: float, loss: float | None) -> None:
            if progress is not None:
                progress((iteration + 1) / total, f"ALS sweep {iteration + 1} of {total}")

        threads = self.num_threads
        if threads is None:
            threads = 1 if matrix.nnz < PARALLEL_MIN_PAIRS else 0
        users_f, items_f = _fit_factors(conf, self.params, k, self.random_state, threads, callback)
        if users_f.shape != (n_users, k) or items_f.shape != (n_items, k):
            raise AnalyticsError(
                f"the fitted factors ({users_f.shape[0]} fans, {items_f.shape[0]} videos) do not "
                f"match the data ({n_users} fans, {n_items} videos)"
            )
        if not (np.isfinite(users_f).all() and np.isfinite(items_f).all()):
            raise AnalyticsError(
                "the fans model did not converge (non-finite factors); raise the regularization"
            )
        self.user_factors_ = users_f.astype(np.float32, copy=False)
        self.item_factors_ = items_f.astype(np.float32, copy=False)
        self.users_ = matrix.users
        self.items_ = matrix.items
        self.user_items_ = matrix.user_items
        self.factors_ = k
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "user_factors_"):
            raise AnalyticsError("the fans model is not fitted yet")

    # ------------------------------------------------------------- scoring
    def score_users(self, user_positions: np.ndarray) -> np.ndarray:
        """Predicted preference of fans for every video, shape (b, n_items), float64."""
        self._check_fitted()
        users = np.asarray(user_positions, dtype=np.int64)
        return np.asarray(self.user_factors_[users] @ self.item_factors_.T, dtype=np.float64)

    def recommend(self, fan_key: str, n: int = 10, *, exclude_seen: bool = True) -> Ranked:
        """Videos a fan has not interacted with, best first.

        Parameters
        ----------
        fan_key : str
            Store ``fan_key``.
        n : int
            Number of videos (fewer when the fan has seen nearly everything).
        exclude_seen : bool
            Leave out videos the fan interacted with (default).

        Returns
        -------
        Ranked
            ``known=False`` with a message for a fan not in the model.
        """
        self._check_fitted()
        u = self.users_.index_of(fan_key)
        if u is None:
            return Ranked(
                str(fan_key),
                False,
                message=f"unknown fan {fan_key!r}: no "
                "interactions of this fan were in the data the model learned from",
            )
        scores = self.score_users(np.array([u]))
        exclude = self.user_items_[[u]] if exclude_seen else None
        best = top_k(scores, n, exclude)[0]
        best = best[best >= 0]
        return Ranked(
            str(fan_key),
            True,
            self.items_.keys_of(best),
            [float(s) for s in scores[0, best]],
            method="als",
        )

    def _unit_items(self) -> np.ndarray:
        norms = np.linalg.norm(self.item_factors_, axis=1, keepdims=True)
        return np.divide(
            self.item_factors_, norms, out=np.zeros_like(self.item_factors_), where=norms > 0
        )

    def similar_videos(self, video_id: str, n: int = 10) -> Ranked:
        """Videos whose item factors point the same way (cosine), best first.

        Returns
        -------
        Ranked
            ``known=False`` for a video without fans in the model (use
            :func:`similar_by_tags` for a new video).
        """
        self._check_fitted()
        i = self.items_.index_of(video_id)
        if i is None:
            return Ranked(
                str(video_id),
                False,
                message=f"video {video_id!r} has no fan "
                "interactions yet; similar videos come from its tags instead",
            )
        unit = self._unit_items()
        cos = (unit @ unit[i]).astype(np.float64)[None, :]
        cos[0, i] = -np.inf
        best = top_k(cos, n)[0]
        best = best[best >= 0]
        return Ranked(
            str(video_id),
            True,
            self.items_.keys_of(best),
            [float(s) for s in cos[0, best]],
            method="item factors",
        )

    # ----------------------------------------------------------- save/load
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the fitted model as ``.npz`` (no pickle): factors, id maps, seen matrix."""
        self._check_fitted()
        m = self.user_items_
        meta = {
            "params": asdict(self.params),
            "scaling": self.scaling,
            "epsilon": self.epsilon,
            "bm25": self.bm25,
            "random_state": self.random_state,
            "factors_": self.factors_,
        }
        if self.user_factors_.shape[0] != len(self.users_) or self.item_factors_.shape[0] != len(
            self.items_
        ):
            raise AnalyticsError("the factors do not match the id maps; not saving")
        np.savez(
            path,
            user_factors=self.user_factors_,
            item_factors=self.item_factors_,
            user_keys=_encode(self.users_.keys),
            item_keys=_encode(self.items_.keys),
            ui_data=m.data,
            ui_indices=m.indices,
            ui_indptr=m.indptr,
            ui_shape=np.asarray(m.shape, dtype=np.int64),
            meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
        )

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> FansModel:
        """Read a model written by :meth:`save` (``allow_pickle=False``)."""
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes().decode())
            model = cls(
                ALSParams(**meta["params"]),
                scaling=meta["scaling"],
                epsilon=meta["epsilon"],
                bm25=meta["bm25"],
                random_state=meta["random_state"],
            )
            model.user_factors_ = z["user_factors"]
            model.item_factors_ = z["item_factors"]
            model.users_ = IndexMap(_decode(z["user_keys"]))
            model.items_ = IndexMap(_decode(z["item_keys"]))
            shape = tuple(int(s) for s in z["ui_shape"])
            model.user_items_ = sp.csr_matrix(
                (z["ui_data"], z["ui_indices"], z["ui_indptr"]), shape=shape
            )
            model.factors_ = int(meta["factors_"])
        if model.user_factors_.shape[0] != len(model.users_) or model.item_factors_.shape[0] != len(
            model.items_
        ):
            raise AnalyticsError(f"{path}: the saved factors do not match the saved id maps")
        return model


def _encode(keys: np.ndarray) -> np.ndarray:
    return np.array([str(k).encode("utf-8") for k in keys.tolist()], dtype=bytes)


def _decode(raw: np.ndarray) -> np.ndarray:
    return np.array([b.decode("utf-8") for b in raw.tolist()], dtype=object)


# --------------------------------------------------------------- cold start
def tag_index(video_tags: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Topic -> videos carrying it (tags lower-cased and stripped)."""
    out: dict[str, list[str]] = {}
    for video, tags in video_tags.items():
        for tag in {str(t).strip().lower() for t in tags if str(t).strip()}:
            out.setdefault(tag, []).append(str(video))
    return out


def similar_by_tags(
    model: FansModel,
    tags: Iterable[str],
    video_tags: Mapping[str, Iterable[str]],
    n: int = 10,
    exclude: Iterable[str] = (),
) -> Ranked:
    """Cold start: videos similar to a new video, through its tags.

    Each topic gets a vector, the mean unit item factor of the videos with
    fans that carry it; the new video's vector is the mean of its topics'
    vectors, and videos are ranked by cosine to it.

    Parameters
    ----------
    model : FansModel
        Fitted.
    tags : iterable of str
        The new video's topics.
    video_tags : mapping of str to iterable of str
        ``video_id`` -> topics, for the videos of the catalogue.
    n : int
        Number of videos.
    exclude : iterable of str
        Video ids never returned (e.g. the new video itself).

    Returns
    -------
    Ranked
        ``known=False`` when none of the tags is on a video with fans.
    """
    model._check_fitted()
    wanted = sorted({str(t).strip().lower() for t in tags if str(t).strip()})
    query = ", ".join(wanted) or "(no tags)"
    if not wanted:
        return Ranked(
            query,
            False,
            message="the video has no tags, so nothing links it to videos with fans yet",
        )
    index = tag_index(video_tags)
    unit = model._unit_items()
    vectors, used = [], []
    for tag in wanted:
        pos = model.items_.indices(index.get(tag, []))
        pos = pos[pos >= 0]
        if pos.size:
            vectors.append(unit[pos].mean(axis=0))
            used.append(tag)
    if not vectors:
        return Ranked(
            query,
            False,
            message=f"none of the tags ({query}) is on a video with fans "
            "yet, so there is nothing to compare with",
        )
    vec = np.mean(vectors, axis=0)
    norm = np.linalg.norm(vec)
    cos = ((unit @ vec) / (norm if norm > 0 else 1.0)).astype(np.float64)[None, :]
    ex = model.items_.indices(list(exclude))
    cos[0, ex[ex >= 0]] = -np.inf
    best = top_k(cos, n)[0]
    best = best[best >= 0]
    missing = sorted(set(wanted) - set(used))
    note = f"matched through tags: {', '.join(used)}"
    if missing:
        note += f"; not on any video with fans: {', '.join(missing)}"
    return Ranked(
        query,
        True,
        model.items_.keys_of(best),
        [float(s) for s in cos[0, best]],
        message=note,
        method="tags",
    )


# ------------------------------------------------------------------ segments
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


def _unit_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.divide(x, norms, out=np.zeros_like(x, dtype=np.float64), where=norms > 0)


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


def _topic_matrix(
    items: IndexMap, video_tags: Mapping[str, Iterable[str]]
) -> tuple[sp.csr_matrix, list[str]]:
    index = tag_index(video_tags)
    topics = sorted(index)
    rows, cols = [], []
    for t, topic in enumerate(topics):
        pos = items.indices(index[topic])
        pos = pos[pos >= 0]
        rows.append(pos)
        cols.append(np.full(pos.size, t))
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    m = sp.csr_matrix((np.ones(r.size, dtype=np.float32), (r, c)), shape=(len(items), len(topics)))
    m.data[:] = 1.0
    return m, topics


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
    """Group fans by taste: k-means on unit-length user factors.

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
    x = _unit_rows(model.user_factors_.astype(np.float64))
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
    topic_m, topics = _topic_matrix(model.items_, video_tags)
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


# --------------------------------------------------------- topics fans want
def _segment_item_scores(model: FansModel, labels: np.ndarray, segment: int) -> np.ndarray:
    members = np.flatnonzero(labels == segment) if segment > 0 else np.flatnonzero(labels >= 0)
    centre = model.user_factors_[members].astype(np.float64).mean(axis=0)
    return np.asarray(model.item_factors_.astype(np.float64) @ centre)


def topics_fans_want(
    model: FansModel,
    segmentation: Segmentation,
    video_tags: Mapping[str, Iterable[str]],
    posted_tags: Mapping[str, Iterable[str]] | None = None,
    *,
    min_videos: int = 2,
) -> pd.DataFrame:
    """Each segment's appetite for each topic against how often the creator posts it.

    For a segment, every video gets the ALS-predicted preference of the
    segment's average fan (negative clipped to 0). A topic's appetite is the
    mean preference of its videos; ``demand_share`` normalises appetites to
    sum to 1 over the topics ("how the segment's attention would split if
    each topic were posted equally"). ``posting_share`` is the topic's share
    of the creator's tagged videos. ``gap = demand_share - posting_share``:
    positive means fans want more of the topic than is posted (the
    opportunity).

    Parameters
    ----------
    model : FansModel
        Fitted.
    segmentation : Segmentation
        From :func:`segment_fans`; segment 0 in the output is all fans.
    video_tags : mapping of str to iterable of str
        Topics of the videos in the model.
    posted_tags : mapping of str to iterable of str, optional
        Topics of every video the creator posted (default ``video_tags``).
    min_videos : int
        Topics posted on fewer videos are left out (too little evidence).

    Returns
    -------
    pandas.DataFrame
        Columns ``segment`` (0 = all fans), ``topic``, ``videos`` (posted),
        ``demand_share``, ``posting_share``, ``gap`` (fractions); sorted by
        segment then gap, largest first.
    """
    model._check_fitted()
    posted = tag_index(posted_tags if posted_tags is not None else video_tags)
    in_model = tag_index(video_tags)
    topics = sorted(
        t
        for t, vids in posted.items()
        if len(set(vids)) >= min_videos and (model.items_.indices(in_model.get(t, [])) >= 0).any()
    )
    cols = ["segment", "topic", "videos", "demand_share", "posting_share", "gap"]
    if not topics:
        return pd.DataFrame(columns=cols)
    n_posted = np.array([len(set(posted[t])) for t in topics], dtype=np.float64)
    posting_share = n_posted / n_posted.sum()
    positions = [model.items_.indices(in_model[t]) for t in topics]
    positions = [p[p >= 0] for p in positions]
    rows = []
    for seg in [0] + [s.id for s in segmentation.segments]:
        scores = np.clip(_segment_item_scores(model, segmentation.labels, seg), 0.0, None)
        appetite = np.array([scores[p].mean() for p in positions])
        total = appetite.sum()
        demand = appetite / total if total > 0 else np.full(len(topics), 1.0 / len(topics))
        for t, topic in enumerate(topics):
            rows.append(
                (
                    seg,
                    topic,
                    int(n_posted[t]),
                    float(demand[t]),
                    float(posting_share[t]),
                    float(demand[t] - posting_share[t]),
                )
            )
    frame = pd.DataFrame(rows, columns=cols)
    return frame.sort_values(
        ["segment", "gap", "topic"], ascending=[True, False, True], ignore_index=True
    )


# ------------------------------------------------------------ back catalogue
def back_catalogue_picks(
    model: FansModel,
    segmentation: Segmentation,
    published_at: Mapping[str, Any] | None = None,
    *,
    n: int = 5,
    min_age_days: float = 30.0,
    max_reached: float = 0.5,
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Older videos worth re-promoting to each segment.

    A pick is a back-catalogue video (published at least ``min_age_days``
    before ``as_of``, default the newest publish time) that at most
    ``max_reached`` of the segment's fans interacted with, ranked by the
    mean ALS-predicted preference of the segment's fans who have not.
    Videos without a publish time count as back catalogue.

    Returns
    -------
    pandas.DataFrame
        Columns ``segment``, ``video_id``, ``predicted_preference`` (mean
        over unreached fans), ``reached_share`` (fraction of the segment
        already reached), ``unreached_fans`` (count), ``age_days`` (NaN when
        unknown); at most ``n`` rows per segment.
    """
    model._check_fitted()
    cols = [
        "segment",
        "video_id",
        "predicted_preference",
        "reached_share",
        "unreached_fans",
        "age_days",
    ]
    n_items = len(model.items_)
    ages = np.full(n_items, np.nan)
    if published_at:
        stamps = pd.to_datetime(
            pd.Series([published_at.get(k) for k in model.items_.keys]), utc=True, errors="coerce"
        )
        ref = pd.Timestamp(as_of) if as_of is not None else stamps.max()
        if ref is not None and not pd.isna(ref):
            ref = ref.tz_localize("UTC") if ref.tzinfo is None else ref
            ages = ((ref - stamps).dt.total_seconds() / 86400.0).to_numpy(dtype=np.float64)
    eligible = np.isnan(ages) | (ages >= min_age_days)
    binary = model.user_items_.tocsr(copy=True).astype(np.float32)
    binary.data[:] = 1.0
    rows = []
    for seg in segmentation.segments:
        members = np.flatnonzero(segmentation.labels == seg.id)
        sub = binary[members]
        reached = np.asarray(sub.sum(axis=0)).ravel()
        total_score = model.item_factors_.astype(np.float64) @ model.user_factors_[members].astype(
            np.float64
        ).sum(axis=0)
        # Subtract the scores of (member, video) pairs already reached.
        coo = sub.tocoo()
        seen_scores = np.einsum(
            "ij,ij->i",
            model.user_factors_[members[coo.row]].astype(np.float64),
            model.item_factors_[coo.col].astype(np.float64),
        )
        seen_total = np.bincount(coo.col, weights=seen_scores, minlength=n_items)
        unreached = members.size - reached
        with np.errstate(invalid="ignore", divide="ignore"):
            pref = np.where(unreached > 0, (total_score - seen_total) / unreached, np.nan)
        share = reached / members.size
        ok = eligible & (share <= max_reached) & (unreached > 0)
        cand = np.flatnonzero(ok)
        cand = cand[np.lexsort((cand, -pref[cand]))][:n]
        for i in cand:
            rows.append(
                (
                    seg.id,
                    model.items_.key_of(int(i)),
                    float(pref[i]),
                    float(share[i]),
                    int(unreached[i]),
                    float(ages[i]),
                )
            )
    return pd.DataFrame(rows, columns=cols)


# ------------------------------------------------------------------- tuning
@dataclass
class TuningResult:
    """Hyperparameters chosen on a validation split.

    Attributes
    ----------
    params : ALSParams
        The chosen (or, without enough validation fans, the starting) values.
    table : pandas.DataFrame
        Every candidate tried: ``factors``, ``regularization``, ``alpha``,
        ``iterations``, ``ndcg@k`` on the validation fans.
    validation_fans : int
    tuned : bool
        False when there were too few validation fans and ``params`` are the
        starting values.
    message : str
    """

    params: ALSParams
    table: pd.DataFrame
    validation_fans: int
    tuned: bool
    message: str = ""


def tune_als(
    matrix: InteractionMatrix,
    *,
    grid: Mapping[str, Sequence[float]] | None = None,
    start: ALSParams | None = None,
    k: int = 10,
    holdout_fraction: float = 0.2,
    min_validation_fans: int = MIN_TUNING_FANS,
    max_validation_fans: int | None = 5000,
    max_tuning_fans: int | None = 50_000,
    passes: int = 2,
    random_state: int = 0,
    scaling: Scaling = "linear",
    bm25: bool = False,
    num_threads: int | None = None,
    progress: ProgressFn | None = None,
) -> TuningResult:
    """Choose factors, regularization, alpha and iterations by validation NDCG@k.

    The validation split is time-ordered like the test split (each fan's
    latest videos of ``matrix``). The search is coordinate-wise: starting
    from ``start``, each hyperparameter in turn (in ``grid`` order) takes the
    value with the best validation NDCG@k while the others stay fixed (ties
    keep the value found first); the sweep is repeated up to ``passes``
    times while it still changes something. Above ``max_tuning_fans`` fans,
    candidates are fitted on a fixed random sample of fans.

    Parameters
    ----------
    matrix : InteractionMatrix
        Training data with ``first_seen`` (never the test pairs).
    grid : mapping of str to sequence
        Candidate values per hyperparameter (default :data:`DEFAULT_GRID`);
        a missing name keeps its starting value.
    start : ALSParams, optional
        Starting point (default ``ALSParams()``).
    k : int
        Cut-off of the validation NDCG.

    Returns
    -------
    TuningResult
    """
    grid = dict(DEFAULT_GRID if grid is None else grid)
    unknown = set(grid) - {"factors", "regularization", "alpha", "iterations"}
    if unknown:
        raise ValueError(f"cannot tune {sorted(unknown)}")
    current = start or ALSParams()
    cols = ["factors", "regularization", "alpha", "iterations", f"ndcg@{k}"]
    rng = np.random.default_rng(random_state)
    data = matrix
    if max_tuning_fans is not None and matrix.shape[0] > max_tuning_fans:
        keep = np.sort(rng.choice(matrix.shape[0], max_tuning_fans, replace=False))
        data = _rows_subset(matrix, keep)
    split = time_ordered_split(data, holdout_fraction=holdout_fraction)
    users = split.test_users
    if max_validation_fans is not None and users.size > max_validation_fans:
        users = np.sort(rng.choice(users, max_validation_fans, replace=False))
    if users.size < min_validation_fans:
        return TuningResult(
            current,
            pd.DataFrame(columns=cols),
            int(users.size),
            False,
            f"only {users.size} fan{'' if users.size == 1 else 's'} could be "
            f"used for validation (need {min_validation_fans}); default "
            "hyperparameters kept",
        )
    relevant = split.test[users]
    exclude = split.train.user_items[users]
    tried: dict[ALSParams, float] = {}
    names = [n for n in grid if grid[n]]
    n_total = passes * sum(len(grid[n]) for n in names)
    done = 0
    for _ in range(passes):
        before = current
        for name in names:
            best_value, best_score = getattr(current, name), -np.inf
            for value in grid[name]:
                cast: Any = int(value) if name in ("factors", "iterations") else float(value)
                cand = replace(current, **{name: cast})
                if cand not in tried:
                    model = FansModel(
                        cand,
                        scaling=scaling,
                        bm25=bm25,
                        random_state=random_state,
                        num_threads=num_threads,
                    ).fit(split.train)
                    recs = top_k(model.score_users(users), k, exclude)
                    tried[cand] = float(np.nanmean(per_user_metrics(recs, relevant, k)["ndcg"]))
                done += 1
                if progress is not None:
                    progress(min(done / max(n_total, 1), 1.0), f"trying {name} = {value}")
                if tried[cand] > best_score + 1e-12:
                    best_value, best_score = cast, tried[cand]
            current = replace(current, **{name: best_value})
        if current == before:
            break
    table = pd.DataFrame(
        [(p.factors, p.regularization, p.alpha, p.iterations, v) for p, v in tried.items()],
        columns=cols,
    )
    return TuningResult(current, table, int(users.size), True)


def _rows_subset(matrix: InteractionMatrix, rows: np.ndarray) -> InteractionMatrix:
    """The fans at ``rows`` only (videos keep their positions)."""
    m = matrix.user_items
    sub = m[rows]
    times = None
    if matrix.first_seen is not None:
        starts, ends = m.indptr[rows], m.indptr[rows + 1]
        times = (
            np.concatenate([matrix.first_seen[a:b] for a, b in zip(starts, ends, strict=True)])
            if rows.size
            else np.zeros(0)
        )
    return InteractionMatrix(sub.tocsr(), IndexMap(matrix.users.keys[rows]), matrix.items, times)


# --------------------------------------------------------------- evaluation
def evaluate_als(
    matrix: InteractionMatrix,
    *,
    params: ALSParams | None = None,
    grid: Mapping[str, Sequence[float]] | None = None,
    ks: Sequence[int] = (10, 5),
    holdout_fraction: float = 0.2,
    n_neighbours: int = 50,
    max_test_users: int | None = 20_000,
    random_state: int = 0,
    scaling: Scaling = "linear",
    bm25: bool = False,
    num_threads: int | None = None,
    progress: ProgressFn | None = None,
) -> EvaluationReport:
    """Time-ordered holdout evaluation of ALS against popularity and item-cosine baselines.

    The test set is each fan's latest videos (:func:`time_ordered_split`);
    hyperparameters are chosen on a second time-ordered split inside the
    training part (:func:`tune_als`) unless ``params`` is given; all three
    models rank the full catalogue for every test fan with training videos
    excluded (:func:`~analytics.models.ranking_metrics.evaluate_scorers`).

    Parameters
    ----------
    matrix : InteractionMatrix
        All interactions, with ``first_seen``.
    params : ALSParams, optional
        Fixed hyperparameters (skip tuning).
    grid : mapping, optional
        Tuning grid (default :data:`DEFAULT_GRID`).
    ks : sequence of int
        Cut-offs, headline first.

    Returns
    -------
    EvaluationReport
        ``params`` holds the hyperparameters and ``"chosen_by"``
        (``"validation"``, ``"given"`` or ``"default"``).

    Raises
    ------
    NotEnoughDataError
        Fewer than 2 fans or 2 videos.
    """
    info = describe(matrix)
    if info["fans"] < 2 or info["videos"] < 2:
        raise NotEnoughDataError(
            f"the fans model needs at least 2 fans and 2 videos with interactions; the data has "
            f"{info['fans']} fan(s) and {info['videos']} video(s)"
        )

    def stage(lo: float, hi: float) -> ProgressFn | None:
        if progress is None:
            return None
        return lambda f, msg: progress(lo + (hi - lo) * f, msg)

    split = time_ordered_split(matrix, holdout_fraction=holdout_fraction)
    tuning = pd.DataFrame()
    warnings: list[str] = []
    if params is not None:
        chosen, how = params, "given"
    else:
        result = tune_als(
            split.train,
            grid=grid,
            k=int(ks[0]),
            holdout_fraction=holdout_fraction,
            random_state=random_state,
            scaling=scaling,
            bm25=bm25,
            num_threads=num_threads,
            progress=stage(0.0, 0.6),
        )
        chosen, tuning = result.params, result.table
        how = "validation" if result.tuned else "default"
        if not result.tuned:
            warnings.append(f"Hyperparameters not tuned: {result.message}.")
    model = FansModel(
        chosen, scaling=scaling, bm25=bm25, random_state=random_state, num_threads=num_threads
    ).fit(split.train, progress=stage(0.6, 0.7))
    scorers = {
        "als": model.score_users,
        "popularity": popularity_scorer(split.train.user_items),
        "item_cosine": item_cosine_scorer(split.train.user_items, n_neighbours),
    }
    table = evaluate_scorers(
        scorers,
        split,
        ks=ks,
        max_test_users=max_test_users,
        random_state=random_state,
        progress=stage(0.7, 1.0),
    )
    test_fans = int(split.test_users.size)
    evaluated = min(test_fans, max_test_users) if max_test_users else test_fans
    warnings = reliability_warnings(test_fans, info["fans"], info["videos"], int(ks[0])) + warnings
    return EvaluationReport(
        table=table,
        ks=tuple(int(k) for k in ks),
        fans=info["fans"],
        videos=info["videos"],
        pairs=info["pairs"],
        test_fans=test_fans,
        evaluated_fans=evaluated,
        params={**asdict(chosen), "chosen_by": how, "scaling": scaling, "bm25": bm25},
        tuning=tuning,
        warnings=warnings,
    )
