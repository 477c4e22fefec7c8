"""Fitting implicit-feedback ALS: hyperparameters and the fitted model in store ids.

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
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp

from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.models.fans.matrix import Ranked, nearest_by_cosine
from analytics.models.interactions import IndexMap, InteractionMatrix, Scaling, confidence
from analytics.models.ranking_metrics import ProgressFn, top_k

MIN_SEGMENT_SIZE = 10
#: Where ALS is fitted: ``implicit`` on this machine, or Spark MLlib.
Engine = Literal["implicit", "spark"]

#: Interactions from which the ALS solver runs on every core (see FansModel).
PARALLEL_MIN_PAIRS = 500_000
#: A topic or video labels a segment only when it reaches at least this many


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
    engine : {"implicit", "spark"}
        Fit with ``implicit`` here, or with Spark MLlib ALS
        (:mod:`analytics.models.fans.spark`; scores, segments and answers
        are computed the same way from its factors).
    spark_master : str, optional
        Spark master URL (default ``local[*]``).

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
        engine: Engine = "implicit",
        spark_master: str | None = None,
    ) -> None:
        if engine not in ("implicit", "spark"):
            raise ValueError(f"engine must be 'implicit' or 'spark', not {engine!r}")
        self.engine = engine
        self.spark_master = spark_master
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
        if self.engine == "spark":
            from analytics.models.fans.spark import fit_factors_spark

            users_f, items_f = fit_factors_spark(
                conf, self.params, k, self.random_state, master=self.spark_master
            )
            if progress is not None:
                progress(1.0, "Spark ALS fitted")
        else:
            users_f, items_f = _fit_factors(
                conf, self.params, k, self.random_state, threads, callback
            )
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
        """Videos whose item factors point the same way (cosine, ``implicit``'s ``similar_items``), best first.

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
        best, cos = nearest_by_cosine(self.item_factors_, i, n)
        return Ranked(
            str(video_id),
            True,
            self.items_.keys_of(best),
            [float(s) for s in cos],
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
