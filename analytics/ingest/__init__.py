"""Ingest: decode export files, detect their format, parse values, stage canonical rows.

Public entry points: :func:`preview_files` and :func:`import_files`; for
layouts the importer does not know, the column-mapping step
(:func:`suggest_mapping`, :class:`ColumnMapping`, :func:`save_profile`).
"""

from analytics.ingest.api import (
    FilePreview,
    ImportReport,
    import_files,
    import_path_fast,
    preview_files,
)
from analytics.ingest.formats.base import AmbiguousDateOrderError, ImportOptions, UnknownLayoutError
from analytics.ingest.formats.mapping import (
    ColumnMapping,
    default_unit,
    load_mapping_file,
    mapping_fields,
    suggest_mapping,
)
from analytics.ingest.profiles import delete_profile, list_profiles, save_profile

__all__ = [
    "AmbiguousDateOrderError",
    "ColumnMapping",
    "FilePreview",
    "ImportOptions",
    "ImportReport",
    "UnknownLayoutError",
    "default_unit",
    "delete_profile",
    "import_files",
    "import_path_fast",
    "list_profiles",
    "load_mapping_file",
    "mapping_fields",
    "preview_files",
    "save_profile",
    "suggest_mapping",
]
