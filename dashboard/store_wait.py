"""Pages wait, and say so, while an import writes into the store.

An import (from the CLI, or another browser tab) parses its files without
the store's lock and takes the lock only for the write, a few seconds. A
page opened in those seconds shows "an import is being written, retrying",
waits for the write to end and then renders, instead of failing with
"store in use".
"""

from __future__ import annotations

import time
from collections.abc import Callable

import streamlit as st

from analytics.services import health
from dashboard.i18n_ui import tr


def wait_while_written(
    path: str,
    *,
    notice: Callable[[], Callable[[], None]] | None = None,
    timeout_s: float | None = None,
    poll_s: float = 0.2,
) -> bool:
    """Wait while an import writes into ``path``; True when the write ended in time.

    ``notice`` is called once when there is something to wait for; it shows
    the message and returns the function that removes it again. The wait is
    bounded by ``timeout_s`` (default: a minute, or four times the store's
    lock wait setting when that is longer): a write holds the store for
    seconds, a very large import for tens of seconds.
    """
    if not health.import_writing(path):
        return True
    clear = notice() if notice is not None else None
    if timeout_s is None:
        timeout_s = health.import_write_wait_s()
    limit = timeout_s
    deadline = time.monotonic() + limit
    try:
        while health.import_writing(path):
            if time.monotonic() >= deadline:
                return False
            time.sleep(poll_s)
        return True
    finally:
        if clear is not None:
            clear()


def _page_notice() -> Callable[[], None]:
    box = st.empty()
    box.info(tr("app.import_being_written"), icon="⏳")
    return box.empty


def wait_for_import_write(path: str) -> None:
    """On a page: wait (with the message) while an import writes; the busy line if it lasts."""
    if not wait_while_written(path, notice=_page_notice):
        st.warning(tr("app.import_still_writing"))
