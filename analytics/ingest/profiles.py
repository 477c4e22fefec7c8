"""Saved column mappings ("profiles"): save, find by header, list, delete.

A profile is keyed by its name and remembers the header signature it was
made for: the normalised header cells (NFKC, no soft hyphens, trimmed,
case-folded), in order. The importer looks a file's signature up before
format detection, so a layout mapped once imports by itself the next time.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

import duckdb

from analytics.ingest.formats.mapping import ColumnMapping
from analytics.ingest.reader import normalise_header
from analytics.store import profile_queries as Q
from analytics.store.connection import connect


def header_signature(headers: list[str]) -> str:
    """The signature of a header row: its normalised cells as a JSON list (trailing empties dropped)."""
    cells = [normalise_header(h) for h in headers]
    while cells and not cells[-1]:
        cells.pop()
    return json.dumps(cells, ensure_ascii=False)


@dataclass
class ProfileInfo:
    """A saved profile as listed for the user."""

    name: str
    headers: list[str]
    mapping: ColumnMapping
    created_at: Any


def profile_for_headers(con: duckdb.DuckDBPyConnection, headers: list[str]) -> ColumnMapping | None:
    """The saved mapping for this header row, or None (also when the store has no profiles table)."""
    try:
        found = Q.find_profile(con, header_signature(headers))
    except duckdb.CatalogException:
        return None
    if found is None:
        return None
    return ColumnMapping.from_json(found[1], default_name=found[0])


def save_profile_con(
    con: duckdb.DuckDBPyConnection, mapping: ColumnMapping, headers: list[str]
) -> None:
    """Save ``mapping`` for ``headers`` on an open store connection (replaces a profile of the same name)."""
    Q.upsert_profile(con, mapping.name, header_signature(headers), mapping.to_json())


def save_profile(
    db_path: str | os.PathLike[str] | None, mapping: ColumnMapping, headers: list[str]
) -> None:
    """Save ``mapping`` as the profile for files whose header row is ``headers``.

    Parameters
    ----------
    db_path : path or None
        The store (None: the default path).
    mapping : ColumnMapping
        Its ``name`` is the profile's name; saving again under the same
        name replaces it.
    headers : list of str
        The header row the mapping was made for, as written in the file.

    Raises
    ------
    IngestError
        The mapping names columns that ``headers`` lack.
    StoreError
        The store cannot be opened.
    """
    from analytics.errors import IngestError

    missing = mapping.missing_in(headers)
    if missing:
        raise IngestError(
            f"mapping {mapping.name!r}", f"the header has no column {', '.join(map(repr, missing))}"
        )
    with connect(db_path) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            save_profile_con(con, mapping, headers)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def list_profiles(db_path: str | os.PathLike[str] | None) -> list[ProfileInfo]:
    """Every saved profile, newest first."""
    with connect(db_path) as con:
        rows = Q.list_profiles(con)
    return [
        ProfileInfo(
            r["name"],
            json.loads(r["header_signature"]),
            ColumnMapping.from_json(r["mapping_json"], default_name=r["name"]),
            r["created_at"],
        )
        for r in rows
    ]


def delete_profile(db_path: str | os.PathLike[str] | None, name: str) -> bool:
    """Delete the profile ``name``; True when it existed."""
    with connect(db_path) as con:
        return Q.delete_profile(con, name)
