"""Reading every table of the store once, to find a damaged file before a page does."""

from __future__ import annotations

import os

from analytics.sql_quote import quote_ident
from analytics.store.backup import store_tables
from analytics.store.connection import connect


def read_every_table(db_path: str | os.PathLike[str]) -> dict[str, int]:
    """Open the store and count the rows of every table.

    Returns
    -------
    dict of str to int
        Rows per table.

    Raises
    ------
    StoreError
        The file is damaged, cut short or not a store (one line naming the
        way out, see :mod:`analytics.store.damage`), or busy.
    """
    with connect(db_path) as con:
        return {
            t: int(con.execute(f"SELECT count(*) FROM {quote_ident(t)}").fetchall()[0][0])
            for t in store_tables(con)
        }


__all__ = ["read_every_table"]
