"""Beyond-accuracy metrics of recommendation lists: coverage, novelty, diversity.

Catalogue coverage, novelty (mean self-information of the recommended
videos, Zhou et al. 2010) and intra-list diversity (Ziegler et al. 2005)
with co-occurrence cosine computed by scikit-learn. Re-exported by
:mod:`analytics.models.ranking_metrics`.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def catalogue_coverage(recs: np.ndarray, n_items: int) -> float:
    """Share of the catalogue that appears in at least one list (fraction in [0, 1])."""
    shown = np.unique(recs[recs >= 0])
    return float(shown.size / n_items) if n_items else float("nan")


def item_popularity(train: sp.csr_matrix) -> np.ndarray:
    """Share of training fans who interacted with each video, shape (n_items,)."""
    n_active = max(int((np.diff(train.indptr) > 0).sum()), 1)
    return np.bincount(train.indices, minlength=train.shape[1]) / n_active


def novelty(recs: np.ndarray, popularity: np.ndarray, n_train_users: int) -> float:
    """Mean self-information ``-log2 p(i)`` of recommended videos, in bits.

    ``p(i)`` is the share of training fans who interacted with video ``i``
    (floored at one fan, so unseen videos count as the rarest). Zhou et al.,
    PNAS 107(10), 2010; Castells et al. 2015.
    """
    valid = recs[recs >= 0]
    if valid.size == 0:
        return float("nan")
    floor = 1.0 / max(n_train_users, 1)
    return float(np.mean(-np.log2(np.maximum(popularity[valid], floor))))


class CooccurrenceCosine:
    """Cosine similarity of videos by who interacted with them (binary columns).

    Parameters
    ----------
    train : scipy.sparse.csr_matrix, shape (n_users, n_items)
        Training interactions (stored = interacted).
    """

    def __init__(self, train: sp.csr_matrix) -> None:
        binary = train.T.tocsr(copy=True).astype(np.float64)
        binary.data[:] = 1.0
        #: Items x users, binary: one row per video.
        self.rows: sp.csr_matrix = binary

    def pair_matrix(self, items: np.ndarray) -> np.ndarray:
        """Dense cosine matrix of the given item positions, shape (m, m).

        :func:`sklearn.metrics.pairwise.cosine_similarity` of the videos'
        fan vectors; a video without fans has similarity 0 to every video.
        """
        from sklearn.metrics.pairwise import cosine_similarity

        rows = self.rows[np.asarray(items)]
        return np.asarray(cosine_similarity(rows, dense_output=True), dtype=np.float64)


def intra_list_diversity(
    recs: np.ndarray, cosine: CooccurrenceCosine, max_dense_items: int = 3000
) -> float:
    """Mean pairwise distance ``1 - cos(i, j)`` within each list, averaged over lists.

    Lists with fewer than two videos are left out. Ziegler et al., "Improving
    Recommendation Lists Through Topic Diversification", WWW 2005; the
    similarity is co-occurrence cosine (:class:`CooccurrenceCosine`).
    """
    valid_rows = (recs >= 0).sum(axis=1) >= 2
    if not valid_rows.any():
        return float("nan")
    rows = recs[valid_rows]
    valid = rows >= 0
    shown = np.unique(rows[valid])
    n = valid.sum(axis=1).astype(np.float64)
    if shown.size <= max_dense_items:
        sim = cosine.pair_matrix(shown)
        local = np.searchsorted(shown, np.where(valid, rows, shown[0]))
        pair = sim[local[:, :, None], local[:, None, :]]
        mask = valid[:, :, None] & valid[:, None, :]
        idx = np.arange(rows.shape[1])
        mask[:, idx, idx] = False
        values = 1.0 - (pair * mask).sum(axis=(1, 2)) / (n * (n - 1))
    else:
        values = np.empty(rows.shape[0])
        for r in range(rows.shape[0]):
            sel = rows[r][valid[r]]
            s = cosine.pair_matrix(sel)
            values[r] = 1.0 - (s.sum() - np.trace(s)) / (n[r] * (n[r] - 1))
    return float(np.mean(values))
