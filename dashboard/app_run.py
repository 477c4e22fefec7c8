"""Whether the current script run goes through the app's entry script (``app.py``).

``streamlit run app.py`` normally runs ``app.py`` on every rerun and the
entry script then runs the page (``st.navigation(...).run()``). A page
script can also run without it: in a test (``AppTest.from_file`` on a page)
or when a page is opened by its URL on a freshly started server, where
Streamlit first runs the page itself because a ``pages/`` folder exists.

The entry script wraps its run in :func:`entry_run`; shared helpers ask
:func:`in_entry_run` (is the navigation already declared?) and
:func:`first_in_run` (has this sidebar widget been drawn already in this
run?). The state is per thread: each session's script runs in its own
thread, and a run is over when the ``with`` block ends, however it ends
(``st.stop()``, a rerun, an error).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_state = threading.local()


@contextmanager
def entry_run() -> Iterator[None]:
    """Mark the current script run as one that started in the entry script."""
    _state.active = True
    _state.drawn = set()
    try:
        yield
    finally:
        _state.active = False
        _state.drawn = set()


def in_entry_run() -> bool:
    """True while the entry script's run is going on in this thread."""
    return bool(getattr(_state, "active", False))


def first_in_run(name: str) -> bool:
    """True the first time ``name`` is asked for in an entry run; always True outside one.

    Outside an entry run the page script is the whole run and draws each
    shared widget once itself.
    """
    if not in_entry_run():
        return True
    drawn: set[str] = _state.drawn
    if name in drawn:
        return False
    drawn.add(name)
    return True
