"""Saved column mappings ("profiles") of a store: save, list, delete.

A profile is a :class:`~analytics.ingest.formats.mapping.ColumnMapping` saved
under its name with the header signature it was made for
(:func:`analytics.ingest.profiles.header_signature`); the importer applies it
by itself to the next file whose header has that signature. The store layer
(:mod:`analytics.store.profile_queries`) opens the store and runs the SQL.

The column-mapping step of the Import page and ``python -m analytics import
--mapping`` reach the importer's mapping helpers through this module
(:class:`ColumnMapping`, :func:`suggest_mapping`, :func:`starter_mapping`,
:func:`mapping_fields`, :func:`default_unit`, :func:`load_mapping_file`), so
pages and the CLI never import ``analytics.ingest``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from analytics.errors import IngestError
from analytics.ingest.formats.mapping import ColumnMapping, load_mapping_file
from analytics.ingest.formats.mapping_fields import default_unit, mapping_fields
from analytics.ingest.formats.mapping_suggest import starter_mapping, suggest_mapping
from analytics.ingest.profiles import header_signature
from analytics.store import profile_queries as Q

StorePath = str | os.PathLike[str]


@dataclass
class ProfileInfo:
    """A saved profile as listed for the user."""

    name: str
    headers: list[str]
    mapping: ColumnMapping
    created_at: Any


def save_profile(db_path: StorePath | None, mapping: ColumnMapping, headers: list[str]) -> None:
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
    missing = mapping.missing_in(headers)
    if missing:
        raise IngestError(
            f"mapping {mapping.name!r}", f"the header has no column {', '.join(map(repr, missing))}"
        )
    Q.save_profile_to(db_path, mapping.name, header_signature(headers), mapping.to_json())


def list_profiles(db_path: StorePath | None) -> list[ProfileInfo]:
    """Every saved profile, newest first."""
    return [
        ProfileInfo(
            r["name"],
            json.loads(r["header_signature"]),
            ColumnMapping.from_json(r["mapping_json"], default_name=r["name"]),
            r["created_at"],
        )
        for r in Q.profiles_in(db_path)
    ]


def delete_profile(db_path: StorePath | None, name: str) -> bool:
    """Delete the profile ``name``; True when it existed."""
    return Q.delete_profile_from(db_path, name)


__all__ = [
    "ColumnMapping",
    "ProfileInfo",
    "default_unit",
    "delete_profile",
    "list_profiles",
    "load_mapping_file",
    "mapping_fields",
    "save_profile",
    "starter_mapping",
    "suggest_mapping",
]
