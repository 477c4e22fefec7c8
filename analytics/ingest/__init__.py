"""Ingest: decode export files, detect their format, parse values, stage canonical rows.

Ingest never opens the store: :mod:`analytics.services.imports` is the door
that imports files (``import_files``, ``preview_files``), staging them here
(:func:`analytics.ingest.api.stage_batch`) in a connection the store layer
gives. For layouts the importer does not know, the column-mapping step
(:func:`suggest_mapping`, :class:`ColumnMapping`; saved as profiles by
:mod:`analytics.services.profiles`).
"""

from analytics.ingest.api import FilePreview, ImportReport
from analytics.ingest.formats.base import AmbiguousDateOrderError, ImportOptions, UnknownLayoutError
from analytics.ingest.formats.mapping import (
    ColumnMapping,
    default_unit,
    load_mapping_file,
    mapping_fields,
    suggest_mapping,
)

__all__ = [
    "AmbiguousDateOrderError",
    "ColumnMapping",
    "FilePreview",
    "ImportOptions",
    "ImportReport",
    "UnknownLayoutError",
    "default_unit",
    "load_mapping_file",
    "mapping_fields",
    "suggest_mapping",
]
