"""Opening the store: one short-lived DuckDB connection per operation.

The app never keeps a connection (and so never the file lock) between
operations: each query or import opens the file, works and closes it. Threads
of one process each get their own connection (case C18); another process (a CLI
import while the dashboard is running) waits for a bounded time while the
file is busy and then fails with one line naming the store and the holder
(case C19).
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from analytics.errors import StoreBusyError, StoreError
from analytics.settings import get_float
from analytics.store.damage import check_file_size, damaged_store_error

DEFAULT_DB_PATH = Path("data") / "creator.duckdb"
ENV_DB_PATH = "CREATOR_ANALYTICS_DB"
# Seconds a second process waits for the file lock before giving up; None: the
# setting CREATOR_ANALYTICS_LOCK_WAIT_S (analytics.settings), read at each open.
LOCK_WAIT_S: float | None = None

_migrate_lock = threading.Lock()


def default_db_path() -> Path:
    """Return the store path: ``$CREATOR_ANALYTICS_DB`` or ``data/creator.duckdb``."""
    return Path(os.environ.get(ENV_DB_PATH) or DEFAULT_DB_PATH)


def _open(path: str, wait_s: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait_s
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(path)
            con.execute("SET enable_progress_bar = false")
            return con
        except duckdb.Error as exc:
            msg = str(exc)
            damaged = damaged_store_error(path, exc)
            if damaged is not None:
                raise damaged from None
            if not isinstance(exc, duckdb.IOException) or "lock" not in msg.lower():
                raise StoreError(f"cannot open the store {path}: {msg.splitlines()[0]}") from None
            if time.monotonic() >= deadline:
                holder = re.search(r"held in (.+?) \(PID (\d+)\)", msg)
                pid = re.search(r"PID (\d+)", msg)
                if holder:  # name the program too: "python3.11 (process 4242)"
                    who = f"{Path(holder.group(1)).name} (process {holder.group(2)})"
                else:
                    who = f"process {pid.group(1)}" if pid else "another process"
                raise StoreBusyError(
                    f"the store {path} is in use by {who} (waited {wait_s:.0f} s); "
                    "close the other program or try again"
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


# Files known to be at the latest schema version, by their identity on disk (device,
# inode, modification time, size) and that version: opening a known file skips the
# schema check (two queries per connection, and a page opens a connection per
# query). Any write changes the identity, so the next open checks again.
_CURRENT: dict[str, tuple[tuple[int, int, int, int] | None, int]] = {}


def _identity(path: str) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


@contextmanager
def connect(
    db_path: str | os.PathLike[str] | None = None, *, wait_s: float | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the store for one operation and close it afterwards.

    Parameters
    ----------
    db_path : path, optional
        The DuckDB file; default :func:`default_db_path`. ``":memory:"`` is
        refused because every operation would see a new empty database.
    wait_s : float, optional
        Seconds to keep retrying while another process holds the file lock.

    Yields
    ------
    duckdb.DuckDBPyConnection
        A connection private to the caller's thread, schema migrated.

    Raises
    ------
    StoreBusyError
        Another process held the lock for longer than ``wait_s`` seconds.
    StoreError
        The file cannot be opened (not a DuckDB file, no permission, ...).
    """
    path = Path(db_path) if db_path is not None else default_db_path()
    if str(path) == ":memory:":
        raise StoreError("the store must be a file; ':memory:' is not supported")
    path.parent.mkdir(parents=True, exist_ok=True)
    key = str(path.resolve())
    if wait_s is None:
        wait_s = (
            LOCK_WAIT_S if LOCK_WAIT_S is not None else get_float("CREATOR_ANALYTICS_LOCK_WAIT_S")
        )
    con = _open(key, wait_s)
    try:
        check_file_size(con, key)
        from analytics.store import schema

        try:
            ident = _identity(key)
            known = (ident, schema.MIGRATIONS[-1][0])
            if ident is None or _CURRENT.get(key) != known:
                with _migrate_lock:
                    was = schema.schema_version(con)
                    if schema.migrate(con) == was == known[1]:
                        _CURRENT[key] = known  # current until the file changes on disk
        except duckdb.Error as exc:
            damaged = damaged_store_error(key, exc)
            if damaged is not None:
                raise damaged from None
            # Each migration runs in its own transaction: the failed one was rolled back.
            raise StoreError(
                f"the store {key} could not be upgraded to the current schema "
                f"({str(exc).splitlines()[0]}); it was left as it was"
            ) from None
        try:
            yield con
        except duckdb.Error as exc:
            damaged = damaged_store_error(key, exc)
            if damaged is not None:
                raise damaged from None
            raise
    finally:
        try:
            con.close()
        except duckdb.Error:
            pass  # a damaged file can fail its closing checkpoint; the error above says so
