"""Confidence of implicit feedback: c_ui = 1 + alpha * f(r_ui), optionally BM25-weighted.

Hu, Koren and Volinsky, "Collaborative Filtering for Implicit Feedback
Datasets", ICDM 2008 (the confidence and its log scaling); BM25 from
``implicit`` (Robertson and Zaragoza 2009). Re-exported by
:mod:`analytics.models.interactions`.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import scipy.sparse as sp

#: Smallest BM25 weight kept (a fan on every video would otherwise weigh <= 0).
BM25_FLOOR = 1e-3

Scaling = Literal["linear", "log"]


def bm25_weight(user_items: sp.csr_matrix, k1: float = 100.0, b: float = 0.8) -> sp.csr_matrix:
    """BM25-weight interaction strengths with ``implicit``'s ``bm25_weight``.

    Each video is read as a document whose terms are its fans (``implicit``
    weighs the rows of the videos x fans matrix): strength saturates with
    ``k1``, is normalised for the video's total strength with ``b``, and fans
    who interact with nearly every video weigh less (``idf = log(N_videos) -
    log(1 + videos of the fan)``). A fan on every video would get a weight
    <= 0, which no confidence can use, so weights are floored at
    :data:`BM25_FLOOR`.

    Parameters
    ----------
    user_items : scipy.sparse.csr_matrix, shape (n_users, n_items)
        ``r_ui`` > 0.
    k1 : float
        Saturation (> 0); larger keeps raw strengths longer.
    b : float
        Length normalisation in [0, 1].

    Returns
    -------
    scipy.sparse.csr_matrix, shape (n_users, n_items), float32
        Same pattern, BM25 weights (all > 0).

    Notes
    -----
    Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and
    Beyond", Foundations and Trends in IR 3(4), 2009.
    """
    from implicit.nearest_neighbours import bm25_weight as implicit_bm25

    if k1 <= 0 or not 0 <= b <= 1:
        raise ValueError("BM25 needs k1 > 0 and 0 <= b <= 1")
    m = user_items.tocsr().astype(np.float64)
    weighted = sp.csr_matrix(implicit_bm25(m.T.tocsr(), K1=k1, B=b).T)
    weighted.sort_indices()
    out = sp.csr_matrix(
        (np.zeros(m.nnz, dtype=np.float32), m.indices.copy(), m.indptr.copy()), shape=m.shape
    )
    out.sort_indices()
    # Same pattern as the input (a weight of exactly 0 would drop out of ``weighted``).
    rows = np.repeat(np.arange(m.shape[0]), np.diff(out.indptr))
    values = np.asarray(weighted[rows, out.indices]).ravel()
    out.data = np.maximum(values, BM25_FLOOR).astype(np.float32)
    return out


def confidence(
    user_items: sp.csr_matrix,
    alpha: float,
    *,
    scaling: Scaling = "linear",
    epsilon: float = 1.0,
    bm25: bool = False,
    bm25_k1: float = 100.0,
    bm25_b: float = 0.8,
) -> sp.csr_matrix:
    """Confidence matrix ``c_ui = 1 + alpha * f(r_ui)`` (Hu, Koren, Volinsky 2008).

    Parameters
    ----------
    user_items : scipy.sparse.csr_matrix, shape (n_users, n_items)
        ``r_ui`` > 0 (summed event weights).
    alpha : float
        Confidence slope (>= 0).
    scaling : {"linear", "log"}
        ``f(r) = r`` or ``f(r) = log(1 + r / epsilon)`` (the paper's eq. 6).
    epsilon : float
        Scale of the log scaling (> 0), in units of the event weight.
    bm25 : bool
        BM25-weight ``r`` (:func:`bm25_weight`) before scaling.

    Returns
    -------
    scipy.sparse.csr_matrix, shape (n_users, n_items), float32
        Same sparsity pattern; every stored value >= 1. Pass it to
        ``implicit`` with ``alpha=1.0`` (``implicit`` multiplies by its
        own ``alpha`` and reads the product as the full confidence).
    """
    if alpha < 0 or not np.isfinite(alpha):
        raise ValueError("alpha must be a finite number >= 0")
    m = bm25_weight(user_items, bm25_k1, bm25_b) if bm25 else user_items
    r = m.data.astype(np.float32, copy=False)
    if scaling == "log":
        if epsilon <= 0:
            raise ValueError("epsilon must be > 0")
        f = np.log1p(r / np.float32(epsilon))
    elif scaling == "linear":
        f = r
    else:
        raise ValueError(f"scaling must be 'linear' or 'log', not {scaling!r}")
    data = np.float32(alpha) * f
    data += np.float32(1.0)
    return sp.csr_matrix((data, m.indices, m.indptr), shape=m.shape)
