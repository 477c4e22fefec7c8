"""Is the store usable? Bad settings and damaged store files, as one line each.

Pages ask this before anything else (:func:`store_problems`), so a damaged
store or a setting that cannot be used shows one message with what to do on
every page, never a traceback.
"""

from __future__ import annotations

import os

import duckdb

from analytics.errors import AnalyticsError
from analytics.settings import check_all, get_float
from analytics.store.damage import damaged_store_error
from analytics.store.integrity import read_every_table
from analytics.store.staging import import_being_written


def store_problems(db_path: str | os.PathLike[str]) -> list[str]:
    """Messages for every bad setting and for a store that cannot be read (empty: all fine).

    A store file that does not exist yet is fine (it is created on the
    first import).
    """
    problems = check_all()
    if problems:
        return problems
    if not os.path.exists(db_path):
        return []
    try:
        read_every_table(db_path)
    except AnalyticsError as exc:
        return [str(exc)]
    return []


def error_line(exc: BaseException, db_path: str | os.PathLike[str]) -> str | None:
    """One line with what to do for a DuckDB or operating-system error; None for other kinds.

    A damaged store gets the damaged-store line; another DuckDB error says so
    in one line; a disk or permission error names the file.
    """
    if isinstance(exc, duckdb.Error):
        damaged = damaged_store_error(db_path, exc)
        if damaged is not None:
            return str(damaged)
        first = (str(exc).splitlines() or [""])[0]
        return f"the store could not answer ({first}); try again, or report it with this line"
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return f"{exc.strerror or exc}{where}; check the disk and the folder's permissions"
    return None


def import_writing(db_path: str | os.PathLike[str]) -> bool:
    """True while an import (from the CLI or another page) is writing into the store.

    The import holds the store's lock only for its write (a few seconds);
    pages say so and wait instead of failing with "store in use".
    """
    return import_being_written(db_path)


def import_write_wait_s() -> float:
    """How long a page waits for an import's write: a minute, or 4x the lock wait if longer."""
    return max(60.0, 4 * get_float("CREATOR_ANALYTICS_LOCK_WAIT_S"))


__all__ = ["error_line", "import_write_wait_s", "import_writing", "store_problems"]
