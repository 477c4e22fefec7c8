"""Is the store usable? Bad settings and damaged store files, as one line each.

Pages ask this before anything else (:func:`store_problems`), so a damaged
store or a setting that cannot be used shows one message with what to do on
every page, never a traceback.
"""

from __future__ import annotations

import os

from analytics.errors import AnalyticsError
from analytics.settings import check_all
from analytics.store.integrity import read_every_table


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


__all__ = ["store_problems"]
