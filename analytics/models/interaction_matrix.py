"""The interaction matrix's types: event weights, :class:`IndexMap`, :class:`InteractionMatrix`.

Matrix positions are contiguous ``0..n-1``; :class:`IndexMap` translates
store ids (``fan_key`` hashes, platform video ids) to positions and back
(case C21). :class:`InteractionMatrix.user_items` has shape
``(n_users, n_items)``, the layout ``implicit`` >= 0.5 expects (case C20).
Building one from store rows is :mod:`analytics.models.interactions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

#: Default weight of one event of each kind (multiplied by the row's own weight).
DEFAULT_EVENT_WEIGHTS: dict[str, float] = {
    "view": 1.0,
    "like": 3.0,
    "comment": 4.0,
    "share": 5.0,
    "follow": 5.0,
    "danmaku": 2.0,
    "save": 4.0,
    "watch": 1.0,
}
#: Weight of an event kind missing from the event weights.
DEFAULT_UNKNOWN_EVENT_WEIGHT = 1.0


def check_event_weights(event_weights: Mapping[str, float] | None) -> dict[str, float]:
    """Return event weights with lower-case names, checked.

    Parameters
    ----------
    event_weights : mapping of str to float, optional
        Weight of one event of each kind (``view``, ``like``, ...); None gives
        :data:`DEFAULT_EVENT_WEIGHTS`.

    Returns
    -------
    dict of str to float

    Raises
    ------
    ValueError
        A weight is negative or not finite.
    """
    weights = dict(DEFAULT_EVENT_WEIGHTS if event_weights is None else event_weights)
    out: dict[str, float] = {}
    for event, weight in weights.items():
        value = float(weight)
        if not np.isfinite(value) or value < 0:
            raise ValueError(f"the weight of event {event!r} must be a number >= 0, not {weight!r}")
        out[str(event).strip().lower()] = value
    return out


class IndexMap:
    """Store ids <-> contiguous matrix positions ``0..n-1``.

    Parameters
    ----------
    keys : sequence of str, shape (n,)
        The store id at each position; must be unique.

    Examples
    --------
    >>> m = IndexMap(["v1001", "v1003"])
    >>> m.index_of("v1003"), m.index_of("v9"), m.key_of(0)
    (1, None, 'v1001')
    """

    def __init__(self, keys: Sequence[str] | np.ndarray) -> None:
        self.keys: np.ndarray = np.asarray(keys, dtype=object).reshape(-1)
        self._lookup: dict[str, int] | None = None

    def __len__(self) -> int:
        return int(self.keys.shape[0])

    def __contains__(self, key: object) -> bool:
        return self._dict().get(str(key)) is not None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IndexMap) and np.array_equal(self.keys, other.keys)

    def __repr__(self) -> str:
        return f"IndexMap({len(self)} ids)"

    def _dict(self) -> dict[str, int]:
        if self._lookup is None:
            lookup = {str(k): i for i, k in enumerate(self.keys.tolist())}
            if len(lookup) != len(self):
                raise ValueError("index map ids are not unique")
            self._lookup = lookup
        return self._lookup

    def index_of(self, key: object) -> int | None:
        """Return the position of a store id, or None when the id is unknown."""
        return self._dict().get(str(key))

    def indices(self, keys: Iterable[object]) -> np.ndarray:
        """Return positions of store ids, shape (n,), int64; ``-1`` for unknown ids."""
        lookup = self._dict()
        return np.fromiter((lookup.get(str(k), -1) for k in keys), dtype=np.int64)

    def key_of(self, index: int) -> str:
        """Return the store id at a position.

        Raises
        ------
        KeyError
            The position is outside ``0..n-1`` (a message, not an ``IndexError``).
        """
        if not 0 <= int(index) < len(self):
            raise KeyError(f"position {index} is outside 0..{len(self) - 1}")
        return str(self.keys[int(index)])

    def keys_of(self, indices: np.ndarray | Sequence[int]) -> list[str]:
        """Return the store ids at positions, in order."""
        idx = np.asarray(indices, dtype=np.int64)
        if idx.size and (idx.min() < 0 or idx.max() >= len(self)):
            raise KeyError(f"positions must lie in 0..{len(self) - 1}")
        return [str(k) for k in self.keys[idx].tolist()]


@dataclass
class InteractionMatrix:
    """Fans x videos interaction strengths with their index maps.

    Attributes
    ----------
    user_items : scipy.sparse.csr_matrix, shape (n_users, n_items), float32
        ``r_ui``: summed event weights of fan ``u`` on video ``i`` (all > 0).
    users : IndexMap, length n_users
        Row position -> ``fan_key``.
    items : IndexMap, length n_items
        Column position -> ``video_id``.
    first_seen : ndarray of float64, shape (nnz,), optional
        Epoch seconds of the first event of each stored pair, aligned with
        ``user_items.data``; NaN where the time is unknown. Needed only for a
        time-ordered holdout.
    """

    user_items: sp.csr_matrix
    users: IndexMap
    items: IndexMap
    first_seen: np.ndarray | None = None

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> None:
        """Assert that shapes agree with the index maps (case C20).

        Raises
        ------
        ValueError
            The matrix is not users x items of the maps' lengths, or
            ``first_seen`` is not aligned with the stored values.
        """
        shape = (len(self.users), len(self.items))
        if not sp.issparse(self.user_items) or self.user_items.format != "csr":
            raise ValueError("user_items must be a scipy CSR matrix")
        if self.user_items.shape != shape:
            raise ValueError(
                f"user_items has shape {self.user_items.shape} but the id maps hold "
                f"{shape[0]} fans x {shape[1]} videos: the matrix must be fans x videos"
            )
        if self.first_seen is not None and self.first_seen.shape != (self.user_items.nnz,):
            raise ValueError("first_seen must hold one time per stored interaction")

    @property
    def shape(self) -> tuple[int, int]:
        """``(n_users, n_items)``."""
        return (len(self.users), len(self.items))

    @property
    def nnz(self) -> int:
        """Number of (fan, video) pairs with an interaction."""
        return int(self.user_items.nnz)

    def items_per_user(self) -> np.ndarray:
        """Distinct videos per fan, shape (n_users,), int64."""
        return np.diff(self.user_items.indptr).astype(np.int64)

    def users_per_item(self) -> np.ndarray:
        """Distinct fans per video, shape (n_items,), int64."""
        return np.bincount(self.user_items.indices, minlength=len(self.items)).astype(np.int64)

    def with_values(self, user_items: sp.csr_matrix) -> InteractionMatrix:
        """Return a matrix with the same maps and new values (same sparsity pattern)."""
        return InteractionMatrix(user_items, self.users, self.items, self.first_seen)
