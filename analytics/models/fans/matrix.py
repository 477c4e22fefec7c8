"""Fans x videos data around the model: answers in store ids, topics of videos, row subsets.

The interaction matrix itself (CSR, index maps, confidence, BM25) is
:mod:`analytics.models.interactions`; this module holds what the fans
model adds on top of it: :class:`Ranked` answers in store ids, the
video -> topic index and the videos x topics matrix used by segments and
cold start, and fan subsets of a matrix (for tuning on a sample).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analytics.models.interactions import IndexMap, InteractionMatrix


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


def tag_index(video_tags: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Topic -> videos carrying it (tags lower-cased and stripped)."""
    out: dict[str, list[str]] = {}
    for video, tags in video_tags.items():
        for tag in {str(t).strip().lower() for t in tags if str(t).strip()}:
            out.setdefault(tag, []).append(str(video))
    return out


def unit_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.divide(x, norms, out=np.zeros_like(x, dtype=np.float64), where=norms > 0)


def topic_matrix(
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


def rows_subset(matrix: InteractionMatrix, rows: np.ndarray) -> InteractionMatrix:
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


def nearest_by_cosine(
    factors: np.ndarray, row: int, n: int, *, users: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """The ``n`` rows of ``factors`` nearest to ``row`` by cosine, ``row`` itself left out.

    ``implicit``'s ``similar_items`` (``similar_users`` when ``users``) on a
    factor model holding ``factors``; a row of zeros has similarity 0 to
    every row.

    Parameters
    ----------
    factors : ndarray, shape (n_rows, k)
        Item (or user) factors of a fitted model.
    row : int
        Position of the query row.
    n : int
        Neighbours wanted (at most ``n_rows - 1`` are returned).

    Returns
    -------
    (positions, scores)
        int64 positions and float64 cosines, shape (m,), best first.
    """
    from implicit.cpu.als import AlternatingLeastSquares

    n = min(int(n), len(factors) - 1)
    if n < 1:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    held = np.ascontiguousarray(factors, dtype=np.float32)
    als = AlternatingLeastSquares(factors=held.shape[1], num_threads=1)
    leave_out = np.array([int(row)], dtype=np.int32)
    if users:
        als.user_factors = held
        ids, scores = als.similar_users(int(row), N=n, filter_users=leave_out)
    else:
        als.item_factors = held
        ids, scores = als.similar_items(int(row), N=n, filter_items=leave_out)
    keep = (np.asarray(ids) >= 0) & np.isfinite(scores)
    return np.asarray(ids)[keep].astype(np.int64), np.asarray(scores)[keep].astype(np.float64)
