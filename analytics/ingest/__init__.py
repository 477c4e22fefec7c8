"""Ingest: decode export files, detect their format, parse values, stage canonical rows.

Public entry points: :func:`preview_files` and :func:`import_files`.
"""

from analytics.ingest.api import FilePreview, ImportReport, import_files, import_path_fast, preview_files
from analytics.ingest.formats.base import ImportOptions

__all__ = ["FilePreview", "ImportOptions", "ImportReport", "import_files", "import_path_fast", "preview_files"]
