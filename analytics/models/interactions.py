"""The users x items interaction matrix built from store rows, and its contiguous index maps.

Collaborative filtering works on a sparse matrix whose rows are fans (users)
and whose columns are videos (items). Matrix positions must be contiguous
``0..n-1``; store ids (``fan_key`` hashes, platform video ids) are text and
never used as positions (case C21). :class:`IndexMap` translates both ways
and travels with every fitted model, so answers always come back in store
ids and an unknown id gets a clear answer rather than an ``IndexError``.

The orientation is fixed here once: :class:`InteractionMatrix.user_items`
has shape ``(n_users, n_items)``, the layout ``implicit`` >= 0.5 expects in
``fit`` (case C20).

Confidence follows Hu, Koren and Volinsky, "Collaborative Filtering for
Implicit Feedback Datasets", ICDM 2008: ``c_ui = 1 + alpha * r_ui``, with
``r_ui`` the summed event weight (optionally ``log(1 + r_ui / epsilon)``, the
paper's second scaling, or BM25-weighted: Robertson and Zaragoza, "The
Probabilistic Relevance Framework: BM25 and Beyond", 2009).

The types (:class:`IndexMap`, :class:`InteractionMatrix`, the event
weights) live in :mod:`analytics.models.interaction_matrix` and are
re-exported here; this module builds a matrix (:func:`from_pairs`,
:func:`from_frame`) and describes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analytics.models.confidence import BM25_FLOOR as BM25_FLOOR  # re-exported
from analytics.models.confidence import Scaling as Scaling
from analytics.models.confidence import bm25_weight as bm25_weight
from analytics.models.confidence import confidence as confidence
from analytics.models.interaction_matrix import DEFAULT_EVENT_WEIGHTS as DEFAULT_EVENT_WEIGHTS
from analytics.models.interaction_matrix import (
    DEFAULT_UNKNOWN_EVENT_WEIGHT as DEFAULT_UNKNOWN_EVENT_WEIGHT,
)
from analytics.models.interaction_matrix import IndexMap as IndexMap
from analytics.models.interaction_matrix import InteractionMatrix as InteractionMatrix
from analytics.models.interaction_matrix import check_event_weights as check_event_weights


def from_pairs(
    user_index: np.ndarray,
    item_index: np.ndarray,
    weight: np.ndarray,
    user_keys: Sequence[str] | np.ndarray,
    item_keys: Sequence[str] | np.ndarray,
    first_seen: np.ndarray | None = None,
) -> InteractionMatrix:
    """Build the matrix from unique (fan, video) pairs already mapped to positions.

    Parameters
    ----------
    user_index, item_index : ndarray of int, shape (nnz,)
        Row and column positions, ``0 <= user_index < len(user_keys)``; each
        (user, item) pair at most once.
    weight : ndarray of float, shape (nnz,)
        ``r_ui`` per pair; pairs with weight <= 0 are dropped.
    user_keys, item_keys : sequence of str
        Store id at each row / column position.
    first_seen : ndarray of float, shape (nnz,), optional
        Epoch seconds of each pair's first event (NaN unknown).

    Returns
    -------
    InteractionMatrix

    Raises
    ------
    ValueError
        Positions outside the maps, or a pair given twice.
    """
    n_users, n_items = len(user_keys), len(item_keys)
    u = np.asarray(user_index)
    i = np.asarray(item_index)
    w = np.asarray(weight, dtype=np.float32)
    if not (u.shape == i.shape == w.shape):
        raise ValueError("user_index, item_index and weight must have the same length")
    if u.size and (u.min() < 0 or u.max() >= n_users or i.min() < 0 or i.max() >= n_items):
        raise ValueError("a position lies outside the id maps")
    keep = w > 0
    if not keep.all():
        u, i, w = u[keep], i[keep], w[keep]
        if first_seen is not None:
            first_seen = np.asarray(first_seen)[keep]
    idx_dtype = np.int32 if max(n_users, n_items) < 2**31 - 1 else np.int64
    if first_seen is None:
        matrix = sp.csr_matrix(
            (w, (u.astype(idx_dtype, copy=False), i.astype(idx_dtype, copy=False))),
            shape=(n_users, n_items),
            dtype=np.float32,
        )
        if matrix.nnz != w.size:
            raise ValueError("a (fan, video) pair is given twice; aggregate pairs first")
        return InteractionMatrix(matrix, IndexMap(user_keys), IndexMap(item_keys))
    # Build the pattern once with the pair order as values, then reorder the
    # weights and times by it: both stay aligned with the CSR layout.
    order = sp.csr_matrix(
        (np.arange(1, w.size + 1, dtype=np.int64), (u, i)), shape=(n_users, n_items)
    )
    if order.nnz != w.size:
        raise ValueError("a (fan, video) pair is given twice; aggregate pairs first")
    perm = order.data - 1
    matrix = sp.csr_matrix(
        (w[perm], order.indices.astype(idx_dtype), order.indptr.astype(idx_dtype)),
        shape=(n_users, n_items),
    )
    times = np.asarray(first_seen, dtype=np.float64)[perm]
    return InteractionMatrix(matrix, IndexMap(user_keys), IndexMap(item_keys), times)


def _epoch_seconds(values: pd.Series) -> np.ndarray:
    """Epoch seconds of times (text or datetimes; naive read as UTC); NaN when unknown."""
    if pd.api.types.is_datetime64_any_dtype(values):
        ts = pd.to_datetime(values, utc=True)
    else:
        text = values.astype("string").str.strip().replace("", pd.NA)
        ts = pd.to_datetime(text, errors="coerce", utc=True, format="ISO8601")
        retry = ts.isna() & text.notna()
        if retry.any():
            ts[retry] = pd.to_datetime(text[retry], errors="coerce", utc=True, format="mixed")
    out = np.full(len(ts), np.nan)
    ok = ts.notna().to_numpy()
    if ok.any():
        out[ok] = (ts[ok] - pd.Timestamp("1970-01-01", tz="UTC")).dt.total_seconds().to_numpy()
    return out


def from_frame(
    frame: pd.DataFrame,
    *,
    user_col: str = "fan_key",
    item_col: str = "video_id",
    weight_col: str | None = "weight",
    event_col: str | None = "event",
    time_col: str | None = "ts",
    spam_col: str | None = "is_spam",
    event_weights: Mapping[str, float] | None = None,
    include_spam: bool = False,
) -> InteractionMatrix:
    """Build the matrix from one row per event (store ids as given).

    Each row contributes ``event_weight[event] * weight``; rows of the same
    (fan, video) are summed, and the pair's first time is its earliest event.
    Positions are assigned in sorted id order, so the same data always gives
    the same maps.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per event. Columns named by the other parameters; any of
        ``weight_col``, ``event_col``, ``time_col``, ``spam_col`` may be None
        or absent (weight 1, every event a view, no times, no spam flag).
    event_weights : mapping of str to float, optional
        Weight of each event kind (default :data:`DEFAULT_EVENT_WEIGHTS`);
        an unknown kind weighs :data:`DEFAULT_UNKNOWN_EVENT_WEIGHT`.
    include_spam : bool
        Keep rows flagged as spam (default: left out).

    Returns
    -------
    InteractionMatrix
        ``first_seen`` is set when ``time_col`` is present.

    Raises
    ------
    ValueError
        A required id column is missing, an id is empty, or a weight is
        negative / not a number.
    """
    for col in (user_col, item_col):
        if col not in frame.columns:
            raise ValueError(f"the interactions have no column {col!r}")
    data = frame
    if spam_col and spam_col in frame.columns and not include_spam:
        spam = frame[spam_col].fillna(False).astype(bool).to_numpy()
        data = frame.loc[~spam]
    users = data[user_col]
    items = data[item_col]
    if users.isna().any() or items.isna().any():
        raise ValueError(f"every interaction needs a {user_col} and a {item_col}")
    users = users.astype(str)
    items = items.astype(str)
    weights = check_event_weights(event_weights)
    w = np.ones(len(data), dtype=np.float64)
    if weight_col and weight_col in data.columns:
        raw = pd.to_numeric(data[weight_col], errors="coerce").to_numpy(dtype=np.float64)
        if np.isnan(raw).any() or (raw < 0).any():
            raise ValueError(f"column {weight_col!r} must hold numbers >= 0")
        w = raw
    if event_col and event_col in data.columns:
        ev = data[event_col].astype(str).str.strip().str.lower()
        w = w * ev.map(weights).fillna(DEFAULT_UNKNOWN_EVENT_WEIGHT).to_numpy(dtype=np.float64)
    has_time = bool(time_col and time_col in data.columns)
    pairs = pd.DataFrame(
        {
            "u": users.to_numpy(),
            "i": items.to_numpy(),
            "w": w,
            "t": _epoch_seconds(data[time_col]) if has_time else np.nan,
        }
    )
    agg = pairs.groupby(["u", "i"], sort=False).agg(w=("w", "sum"), t=("t", "min")).reset_index()
    agg = agg[agg["w"] > 0]
    u_codes, u_keys = pd.factorize(agg["u"], sort=True)
    i_codes, i_keys = pd.factorize(agg["i"], sort=True)
    return from_pairs(
        u_codes,
        i_codes,
        agg["w"].to_numpy(),
        np.asarray(u_keys, dtype=object),
        np.asarray(i_keys, dtype=object),
        agg["t"].to_numpy() if has_time else None,
    )


def describe(matrix: InteractionMatrix) -> dict[str, Any]:
    """Plain counts of a matrix: fans, videos, pairs, fans with 2+ videos, density."""
    per_user = matrix.items_per_user()
    n_users, n_items = matrix.shape
    return {
        "fans": n_users,
        "videos": n_items,
        "pairs": matrix.nnz,
        "fans_with_2plus_videos": int((per_user >= 2).sum()),
        "density": matrix.nnz / (n_users * n_items) if n_users and n_items else 0.0,
    }
