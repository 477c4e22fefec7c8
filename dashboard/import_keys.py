"""Session State keys and fixed choices of the Import page's steps."""

from __future__ import annotations

IMPORTED_KEY = "import_done"  # set of (file name, sha256) imported in this session
REPORTS_KEY = "import_reports"  # reports of the last import
PREVIEW_KEY = "import_preview"  # (files key, choices, mapping) -> previews
MAPPINGS_KEY = "import_mappings"  # header signature -> ColumnMapping checked by the user
MAPPING_ERRORS_KEY = "import_mapping_errors"  # header signature -> problems of the last check
SAVED_KEY = "import_profile_saved"  # name of the profile the last import saved
NOTICE_KEY = "import_profile_notice"  # name of the profile deleted by the last click
IGNORE = "ignore"  # the mapping field of a column that is not imported
NEW_CHANNEL = "\u0000new"
DATE_ORDERS = {
    None: "import.date_order.detect",
    "dmy": "import.date_order.dmy",
    "mdy": "import.date_order.mdy",
}
