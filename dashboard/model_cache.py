"""Fitted models kept across reruns and sessions, keyed by the store's data version.

``st.cache_resource`` cannot replay a progress bar drawn while the cached
function runs, so the cache here is a dictionary held by ``st.cache_resource``
and filled by the page, which draws its own progress bar while fitting. The
key is (kind, store path, channel, target, data version), the version being
the store's or, for a persisted fit, the channel's
(:func:`analytics.services.fits.channel_version`): a rerun or a page switch
reuses the fitted models, a new import (new data version) refits. This is
the dashboard's one holder of fitted results; frames go through
:func:`dashboard.common.cached` (``st.cache_data``).
Older versions of the same (kind, path, channel, target) are dropped.
While one session fits a key, another session asking for the same key waits
for that fit instead of starting its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

T = TypeVar("T")
MAX_ENTRIES = 16

Key = tuple[str, str, str | None, str, int | str]


class _Models:
    def __init__(self) -> None:
        self.entries: OrderedDict[Key, Any] = OrderedDict()
        self.lock = threading.Lock()
        self.fitting: dict[Key, threading.Lock] = {}


@st.cache_resource(show_spinner=False)
def _models() -> _Models:
    return _Models()


def get_or_fit(key: Key, fit: Callable[[Callable[[float, str], None]], T], label: str) -> T:
    """Return the cached result for ``key`` or fit it with a progress bar.

    Parameters
    ----------
    key : tuple
        ``(kind, db_path, channel, target, data_version)``.
    fit : callable(progress) -> result
        Fits the models; calls ``progress(fraction, message)`` as it goes.
    label : str
        Spinner text while fitting.
    """
    cache = _models()
    with cache.lock:
        if key in cache.entries:
            cache.entries.move_to_end(key)
            return cache.entries[key]  # type: ignore[no-any-return]
        gate = cache.fitting.setdefault(key, threading.Lock())
    with gate:  # one fit per key at a time, whatever the number of sessions
        with cache.lock:
            if key in cache.entries:  # another session has just fitted it
                cache.entries.move_to_end(key)
                return cache.entries[key]  # type: ignore[no-any-return]
        bar = st.progress(0.0, text=label)

        def progress(fraction: float, message: str) -> None:
            bar.progress(min(max(float(fraction), 0.0), 1.0), text=f"{label} {message}")

        try:
            with st.spinner(label):
                result = fit(progress)
        except BaseException:
            with cache.lock:
                cache.fitting.pop(key, None)
            raise
        finally:
            bar.empty()
        with cache.lock:
            for old in [k for k in cache.entries if k[:4] == key[:4] and k != key]:
                del cache.entries[old]
            cache.entries[key] = result
            cache.fitting.pop(key, None)
            while len(cache.entries) > MAX_ENTRIES:
                cache.entries.popitem(last=False)
    return result
